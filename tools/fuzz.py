#!/usr/bin/env python3
"""Bounded fuzzing of duixian's reading path: every hostile input must end in records or a coded error.

Usage (from the worktree root):
    python tools/fuzz.py [--corpus ../shared/corpus/raw] [--minutes 8] [--seed N] [-j 2] [--timeout 20]
                         [--json OUT] [--crash-dir /tmp/fuzz_crashes]
    python tools/fuzz.py --replay FILE          # run one saved input in this process, show the traceback
    python tools/fuzz.py --seed N --case I --keep DIR   # regenerate case I of seed N into DIR (no run)

What it does.  Cases are made from the corpus texts: text mutations (genre pieces — numbers with units,
一、/（一） headings, 各位代表, 主要预期目标是：, 分别, ％, full-width digits — plus NUL bytes, lone
surrogates, very long lines, deletions, duplications, truncation), then a re-encoding (UTF-8 with/without
BOM, GBK, GB18030, Big5, UTF-16 with/without BOM, mixed, double-encoded), then a format: .txt/.md/.html/.csv
written from the text, .docx rendered with python-docx, .pdf rendered with reportlab (CID font
STSong-Light, works offline), byte-level damage of the rendered .docx/.pdf (zip damage, bombs, entity
expansion, truncated or edited PDFs), byte damage of text files, and files whose suffix lies.

Each case runs ``duixian.pipeline.extract_file`` in a worker process with a per-case timeout, so a crash,
a hard crash (the interpreter dies) or a hang costs one case, not the run.  Outcomes:
  ok        records came back; every record of every kind is checked: ``text[span] == quote`` and the
            raw span lies inside the raw text (sections and paragraphs too)
  coded     a DuixianError, counted by code (INTERNAL is a coded error that names a bug: listed apart)
  crash     any other exception, or the worker died: input and traceback saved to --crash-dir
  hang      no answer within --timeout seconds: input saved to --crash-dir
Case ``I`` of seed ``N`` is made from ``random.Random(f"{N}:{I}")`` only, so any case can be remade.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import multiprocessing as mp
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "raw"
RECYCLE_AFTER = 150  # cases per worker before it is replaced: bounds leaks and lxml/pdfminer caches
GEN_TIMEOUT = 60.0  # seconds to make one case (a zip bomb takes ~1 s); a slow generator is not a hang
SAVE_PER_SIGNATURE = 3  # inputs kept per distinct crash; the rest are only counted
MEM_LIMIT = 3 << 30  # address space per worker: a runaway allocation becomes a MemoryError (a crash), not OOM

# ---------------------------------------------------------------------------------------------------------
# Genre pieces: what the extractors look for, so mutations land where the parsing is subtle.

UNITS = ["亿元", "万元", "元", "%", "％", "个百分点", "公里", "万人", "个", "项", "万亩", "吨", "万千瓦", "平方米", "倍", "‰"]
HEAD_TITLES = ["过去一年工作回顾", "2024年工作安排", "主要预期目标", "加快建设现代化产业体系", "", "政府自身建设"]
CN_NUMS = ["一", "二", "三", "十", "十一", "二十", "九十九", "一百二十三"]
FIXED_PIECES = [
    "各位代表：", "\n各位代表：\n", "主要预期目标是：", "今年经济社会发展的主要预期目标是：", "分别", "分别增长",
    "分别为", "分别增长8%、7.5%和6%", "％", "——", "其中，", "同比", "左右", "以上", "以内", "力争", "确保",
    "地区生产总值增长6%左右", "一般公共预算收入增长５．５％", "居民消费价格涨幅3%左右", "城镇新增就业1.2万人以上",
    "下降0.3个百分点", "增长1—2%", "增长6%-7%", "负增长", "-5%", "1e308", "NaN%", "０．０００００１％",
    "99999999999999999999999999亿元", "增长％", "%%%%", "亿元亿元", "年年年", "20240年", "0年", "2024年1月15日",
    "——2025年1月20日在第十四届人民代表大会第三次会议上", "政府工作报告", "（", "）", "（（（（（", "）））", "“", "”",
    "。", "；", "：", "\n\n\n", "\u3000\u3000", "\r", "\r\n", "\f", "\ufeff", "\u200b", "\u202e", "\u0301", "😀",
    "𠀀𪚥", "\ue000", "&amp;", "<br>", "|", "\t", '"', '""', ",", "\\r\\n",
]
FULLWIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def genre_piece(rng: random.Random) -> str:
    """One genre piece: a number with a unit, a heading, a fixed phrase, NUL bytes or a lone surrogate."""
    roll = rng.random()
    if roll < 0.25:
        value = rng.choice([str(rng.randint(0, 99999)), f"{rng.uniform(0, 100):.{rng.randint(0, 4)}f}",
                            f"{rng.randint(1, 9)}.{rng.randint(0, 99)}万", "十二", "两"])
        piece = f"{rng.choice(['增长', '达到', '完成', '下降', '', '实现', '控制在'])}{value}{rng.choice(UNITS)}"
        return piece.translate(FULLWIDTH) if rng.random() < 0.3 else piece
    if roll < 0.45:
        num = rng.choice(CN_NUMS)
        form = rng.choice(["{n}、{t}", "（{n}）{t}", "{d}．{t}", "（{d}）{t}", "第{n}部分 {t}", "{n}是{t}"])
        return "\n" + form.format(n=num, t=rng.choice(HEAD_TITLES), d=rng.randint(1, 30)) + rng.choice(["\n", ""])
    if roll < 0.85:
        return rng.choice(FIXED_PIECES)
    if roll < 0.93:
        return "\x00" * rng.choice([1, 2, 64])
    return rng.choice(["\ud800", "\udfff", "\udc80abc", "\ud83d"])  # lone surrogates: unencodable as UTF-8


# ---------------------------------------------------------------------------------------------------------
# Text mutations (str → str).  mutate_text records their names with the case, so a case reads as a recipe.


def _span(rng: random.Random, text: str, most: int = 2000) -> tuple[int, int]:
    a = rng.randrange(len(text) + 1)
    return a, min(len(text), a + rng.randint(0, most))


def m_insert(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 30)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + genre_piece(rng) + text[at:]
    return text


def m_delete(rng: random.Random, text: str) -> str:
    a, b = _span(rng, text, 5000)
    return text[:a] + text[b:]


def m_duplicate(rng: random.Random, text: str) -> str:
    a, b = _span(rng, text)
    return text[:b] + text[a:b] * rng.randint(1, 50) + text[b:]


def m_truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def m_fullwidth(rng: random.Random, text: str) -> str:
    a, b = _span(rng, text, 20000)
    return text[:a] + text[a:b].translate(FULLWIDTH) + text[b:]


def m_long_line(rng: random.Random, text: str) -> str:
    """Very long lines: the whole report on one line, or a run of 10^4–10^6 characters."""
    if rng.random() < 0.5:
        return text.replace("\n", rng.choice(["", " ", "\u3000"]))
    at = rng.randrange(len(text) + 1)
    run = rng.choice(["国", "1", "%", "增长6%", "。", " ", "一、", "（一）", "a"]) * rng.choice([10_000, 100_000, 400_000])
    return text[:at] + run + text[at:]


def m_shuffle_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    rng.shuffle(lines)
    return "\n".join(lines)


def m_headings_only(rng: random.Random, text: str) -> str:
    """Structure without content: thousands of headings in a row, or one sentence and nothing else."""
    if rng.random() < 0.5:
        return "\n".join(f"{rng.choice(CN_NUMS)}、{rng.choice(HEAD_TITLES)}" for _ in range(rng.randint(1, 5000)))
    return rng.choice(["各位代表：", "主要预期目标是：地区生产总值增长6%左右。", "。", "一、", "\n", " ", "\x00"])


def m_line_endings(rng: random.Random, text: str) -> str:
    return text.replace("\n", rng.choice(["\r", "\r\n", "\r\r\n", "\u2028", "\x85", "\n\n\n\n"]))


TEXT_MUTATIONS: list[tuple[Callable[[random.Random, str], str], float]] = [
    (m_insert, 5), (m_delete, 1.5), (m_duplicate, 1), (m_truncate, 1.5), (m_fullwidth, 1), (m_long_line, 0.7),
    (m_shuffle_lines, 0.5), (m_headings_only, 0.3), (m_line_endings, 0.7),
]


def mutate_text(rng: random.Random, text: str) -> tuple[str, list[str]]:
    names: list[str] = []
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):  # 0: an unmutated seed, so real records get checked too
        fn = rng.choices([f for f, _ in TEXT_MUTATIONS], weights=[w for _, w in TEXT_MUTATIONS])[0]
        text = fn(rng, text)
        names.append(fn.__name__[2:])
    return text, names


def clean_for_xml(text: str) -> str:
    """What python-docx and reportlab accept: no C0 controls but tab/newline, no surrogates."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "", text)


# ---------------------------------------------------------------------------------------------------------
# Encodings (str → bytes) and byte mutations (bytes → bytes).


def encode(rng: random.Random, text: str) -> tuple[bytes, str]:
    """Re-encode; unencodable characters become ? (GBK/Big5) and lone surrogates pass through as bytes."""
    name = rng.choices(["utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be",
                        "mixed", "double-utf8"], weights=[6, 1, 2, 1, 0.5, 1, 0.7, 0.3, 0.5, 0.5])[0]
    if name == "mixed":  # one half UTF-8, the other GBK: a file pasted together from two sources
        cut = rng.randrange(len(text) + 1)
        return (text[:cut].encode("utf-8", "surrogatepass") + text[cut:].encode("gbk", "replace")), name
    if name == "double-utf8":  # UTF-8 read as Latin-1 and saved again as UTF-8
        return text.encode("utf-8", "replace").decode("latin-1").encode("utf-8"), name
    errors = "surrogatepass" if name.startswith("utf") else "replace"
    return text.encode(name, errors), name


MAGICS = [b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"PK\x03\x04", b"\xff\xd8\xff", b"\x1f\x8b", b"\xef\xbb\xbf",
          b"\xff\xfe", b"\xfe\xff", b"<html>", b"province,year,full_text\n", b"\x00\x00\x00"]


def mutate_bytes(rng: random.Random, data: bytes, rounds: int | None = None) -> tuple[bytes, list[str]]:
    buf = bytearray(data)
    names: list[str] = []
    for _ in range(rounds if rounds is not None else rng.randint(1, 4)):
        op = rng.choice(["flip", "flip", "overwrite", "insert", "delete", "truncate", "magic", "dup"])
        names.append(op)
        n = len(buf)
        if op == "flip" and n:
            for _ in range(rng.randint(1, 50)):
                buf[rng.randrange(n)] ^= 1 << rng.randrange(8)
        elif op == "overwrite" and n:
            at = rng.randrange(n)
            chunk = bytes(rng.choice([0x00, 0x80, 0xFF, 0xFE, 0xC0, 0xED, rng.randrange(256)])
                          for _ in range(rng.randint(1, 64)))
            buf[at : at + len(chunk)] = chunk
        elif op == "insert":
            at = rng.randint(0, n)
            buf[at:at] = rng.choice([b"\x80", b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"\x00" * 16, os.urandom(32)])
        elif op == "delete" and n:
            at = rng.randrange(n)
            del buf[at : at + rng.randint(1, 4096)]
        elif op == "truncate":
            del buf[rng.randint(0, n) :]
        elif op == "magic":
            buf[0:0] = rng.choice(MAGICS)
        elif op == "dup" and n:
            at = rng.randrange(n)
            buf[at:at] = buf[at : at + rng.randint(1, 8192)] * rng.randint(2, 20)
    return bytes(buf), names


# ---------------------------------------------------------------------------------------------------------
# Formats: text → file contents.


def as_markdown(rng: random.Random, text: str) -> str:
    out = []
    for line in text.split("\n"):
        if re.match(r"^\s*[一二三四五六七八九十]+、", line):
            line = "## " + line
        elif re.match(r"^\s*（[一二三四五六七八九十]+）", line):
            line = "### " + line
        elif line and rng.random() < 0.05:
            line = rng.choice(["**", "> ", "- ", "* ", "1. "]) + line + rng.choice(["**", ""])
        out.append(line)
    if rng.random() < 0.3:
        out.insert(0, "---\ntitle: 政府工作报告\n---\n" if rng.random() < 0.5 else "```\n")
    return "\n".join(out)


def as_html(rng: random.Random, text: str) -> str:
    """Paragraphs in <p>, with page chrome, deep nesting, broken tags, entities or a charset lie."""
    paras = [p for p in text.split("\n") if p.strip()]
    body = "".join(f"<p>{p}</p>" if rng.random() > 0.05 else f"<p><b>{p[:8]}</b>{p[8:]}" for p in paras)
    tricks = rng.sample(["nest", "unclosed", "entities", "script", "charset", "comment", "table", "none"], k=2)
    if "nest" in tricks:  # deep nesting: parsers recurse or cap depth
        depth = rng.choice([300, 3000, 30000])
        tag = rng.choice(["div", "span", "table><tr><td", "ul><li", "b"])
        close = "</" + "></".join(reversed(tag.split("><"))) + ">"
        at = rng.randrange(len(body) + 1)
        body = body[:at] + f"<{tag}>" * depth + "各位代表：" + (close * depth if rng.random() < 0.5 else "") + body[at:]
    if "unclosed" in tricks:
        body = body.replace("</p>", "", rng.randint(1, 1000)) + "<div><p><table><tr><td>"
    if "entities" in tricks:
        ents = ["&#x4e00;", "&nbsp;", "&#0;", "&#xD800;", "&#99999999;", "&amp;amp;", "&bogus;", "&#x110000;", "&#12288;"]
        for _ in range(rng.randint(1, 50)):
            at = rng.randrange(len(body) + 1)
            body = body[:at] + rng.choice(ents) + body[at:]
    if "script" in tricks:
        body = f"<script>var s='{paras[0] if paras else ''}';</script><style>p{{}}</style>" + body
    if "comment" in tricks:
        body = "<!-- " + body[: len(body) // 2] + body[len(body) // 2 :]  # an unterminated comment
    if "table" in tricks:
        body = "<table>" + "".join(f"<tr><td>{p}</td><td>1</td></tr>" for p in paras[:200]) + "</table>" + body
    charset = rng.choice(["utf-8", "gbk", "gb2312", "big5", "utf-16", "x-unknown"])
    meta = f'<meta charset="{charset}">' if "charset" in tricks or rng.random() < 0.5 else ""
    nav = "<nav>首页 | 政务公开 | 当前位置：首页 > 政府工作报告</nav>" if rng.random() < 0.5 else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>政府工作报告</title></head><body>{nav}"
            f"<div class='content'>{body}</div><footer>版权所有 ICP备12345号</footer></body></html>")


def as_csv(rng: random.Random, text: str) -> str:
    """The report as one field of a CSV export, with quoting games."""
    field_text = text.replace('"', '""') if rng.random() < 0.8 else text  # unescaped quotes break the row
    row = ["海南省", "2024", "2024年海南省政府工作报告", "https://example.gov.cn/a.html", "2024-01-20", f'"{field_text}"']
    if rng.random() < 0.2:
        row.append(",".join(["x"] * rng.randint(1, 2000)))  # extra columns
    if rng.random() < 0.15:
        row[-1] = row[-1][:-1]  # an unterminated quoted field
    sep = rng.choice([",", ",", ",", "\t", ";"])
    head = sep.join(["province", "year", "title", "source_url", "publish_date", "full_text"])
    rows = [sep.join(row)] * (rng.choice([1, 1, 1, 2, 50]))
    return head + "\n" + "\n".join(rows) + "\n"


def as_docx(rng: random.Random, text: str) -> bytes:
    """A Word file: headings as Heading styles, some bold lead-ins, sometimes a table."""
    import docx  # python-docx

    doc = docx.Document()
    for line in clean_for_xml(text).split("\n")[:3000]:
        if re.match(r"^\s*[一二三四五六七八九十]+、", line) and rng.random() < 0.7:
            doc.add_heading(line.strip(), level=1)
        elif line.strip() and rng.random() < 0.1:
            p = doc.add_paragraph()
            p.add_run(line[:10]).bold = True
            p.add_run(line[10:])
        else:
            doc.add_paragraph(line)
    if rng.random() < 0.2:
        table = doc.add_table(rows=3, cols=3)
        for cell in table._cells:
            cell.text = clean_for_xml(genre_piece(rng)).strip() if rng.random() < 0.7 else ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def as_pdf(rng: random.Random, text: str) -> bytes:
    """A PDF with a text layer in STSong-Light: one or two columns, indented paragraph starts.

    The text is cut to an excerpt: rendering a whole report costs seconds and pdfplumber the same again,
    and a few pages exercise the same paths."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    start = rng.randrange(max(1, len(text) - 6000))
    paras = [p.strip() for p in clean_for_xml(text[start : start + rng.choice([1500, 6000])]).split("\n")]
    out = io.BytesIO()
    encrypt = None
    if rng.random() < 0.05:  # a user password: the reader cannot open it
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(rng.choice(["", "secret"]), ownerPassword="owner", canCopy=0)
    c = canvas.Canvas(out, pagesize=A4, encrypt=encrypt)
    width, height = A4
    size = rng.choice([9.0, 10.5, 12.0])
    columns = 2 if rng.random() < 0.25 else 1
    col_w = (width - 100 - 20 * (columns - 1)) / columns
    per_line = max(4, int(col_w // size))
    y, col = height - 60, 0
    c.setFont("STSong-Light", size)
    for para in paras:
        lines = [para[i : i + per_line] for i in range(0, len(para), per_line)] or [""]
        for n, line in enumerate(lines):
            if y < 60:
                col += 1
                y = height - 60
                if col >= columns:
                    c.showPage()
                    c.setFont("STSong-Light", size)
                    col = 0
            x = 50 + col * (col_w + 20) + (2 * size if n == 0 else 0)  # two-character indent opens a paragraph
            c.drawString(x, y, line)
            y -= size * 1.6
    if rng.random() < 0.1:  # a page with no text layer, like a scanned page
        c.showPage()
        c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------
# Damage to rendered containers.


def damage_docx(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """Zip-level and XML-level damage: flips, truncation, a missing part, bad XML, entity expansion, a bomb."""
    op = rng.choice(["bytes", "bytes", "xml", "xml", "drop", "entities", "nest", "bomb", "members"])
    if op == "bytes":
        out, names = mutate_bytes(rng, data, rounds=rng.randint(1, 2))
        return out, ["zip-" + n for n in names]
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {i.filename: src.read(i) for i in src.infolist()}
    doc_xml = parts["word/document.xml"]
    if op == "xml":
        parts["word/document.xml"], names = mutate_bytes(rng, doc_xml, rounds=rng.randint(1, 3))
        op = "xml-" + "-".join(names)
    elif op == "drop":
        del parts[rng.choice(["word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"])]
    elif op == "entities":  # billion laughs: a DTD whose entities expand exponentially
        dtd = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "各位代表各位代表">'
               + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>")
        body = doc_xml.split(b"?>", 1)[-1].replace(b"<w:t>", b"<w:t>&j;", 1)
        parts["word/document.xml"] = dtd.encode() + body
    elif op == "nest":  # deep nesting inside the body
        depth = rng.choice([500, 5000, 50000])
        at = doc_xml.find(b"<w:body>") + len(b"<w:body>")
        parts["word/document.xml"] = doc_xml[:at] + b"<w:sdt><w:sdtContent>" * depth + doc_xml[at:]
    elif op == "bomb":  # a part that inflates past any real report (64 MiB is the default budget)
        parts["word/media/image1.png"] = b"\x00" * rng.choice([70 << 20, 10 << 20])
    elif op == "members":
        for i in range(rng.choice([100, 11000])):
            parts[f"customXml/item{i}.xml"] = b"<a/>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in parts.items():
            dst.writestr(name, blob)
    return out.getvalue(), [op]


def damage_pdf(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """Truncation (no %%EOF, no xref), byte damage, and targeted edits of the PDF structure."""
    op = rng.choice(["truncate", "truncate", "bytes", "bytes", "xref", "count", "length", "endstream", "header"])
    if op == "truncate":
        return data[: rng.randrange(len(data))], [op]
    if op == "bytes":
        out, names = mutate_bytes(rng, data, rounds=rng.randint(1, 2))
        return out, ["pdf-" + n for n in names]
    if op == "xref":
        return re.sub(rb"xref.*?trailer", b"trailer", data, flags=re.S), [op]
    if op == "count":  # a page tree that claims millions of pages
        return re.sub(rb"/Count \d+", b"/Count " + str(rng.choice([0, 99999999, -1])).encode(), data), [op]
    if op == "length":
        return re.sub(rb"/Length \d+", b"/Length " + str(rng.randint(0, 10**9)).encode(), data), [op]
    if op == "endstream":
        return data.replace(b"endstream", b"", rng.randint(1, 5)), [op]
    return b"%PDF-9.9\n" + data[rng.randint(0, 40) :], [op]


# ---------------------------------------------------------------------------------------------------------
# One case.


@dataclass
class Case:
    index: int
    fmt: str  # txt md html csv docx pdf docx-damaged pdf-damaged bytes misnamed
    suffix: str
    data: bytes
    how: list[str] = field(default_factory=list)


FORMATS = {"txt": 2.0, "md": 0.7, "html": 1.5, "csv": 0.8, "docx": 1.2, "pdf": 1.2, "docx-damaged": 1.0,
           "pdf-damaged": 1.0, "bytes": 1.2, "misnamed": 0.4}


def make_case(index: int, seed: int, seeds: list[tuple[str, str]]) -> Case:
    rng = random.Random(f"{seed}:{index}")
    name, text = rng.choice(seeds)
    fmt = rng.choices(list(FORMATS), weights=list(FORMATS.values()))[0]
    text, how = mutate_text(rng, text)
    how = [name, *how]
    if fmt in ("txt", "md", "html", "csv", "bytes"):
        rendered = {"txt": lambda t: t, "md": lambda t: as_markdown(rng, t), "html": lambda t: as_html(rng, t),
                    "csv": lambda t: as_csv(rng, t), "bytes": lambda t: t}[fmt](text)
        data, enc = encode(rng, rendered)
        how.append(enc)
        suffix = {"txt": ".txt", "md": ".md", "html": ".html", "csv": ".csv"}.get(fmt) or rng.choice(
            [".txt", ".md", ".html", ".csv"])
        if fmt == "bytes":
            data, names = mutate_bytes(rng, data)
            how += names
        return Case(index, fmt, suffix, data, how)
    if fmt in ("docx", "docx-damaged"):
        data = as_docx(rng, text)
        if fmt == "docx-damaged":
            data, names = damage_docx(rng, data)
            how += names
        return Case(index, fmt, ".docx", data, how)
    if fmt in ("pdf", "pdf-damaged"):
        data = as_pdf(rng, text)
        if fmt == "pdf-damaged":
            data, names = damage_pdf(rng, data)
            how += names
        return Case(index, fmt, ".pdf", data, how)
    # misnamed: the suffix lies about the contents (a PDF saved as .docx, a DOCX as .txt, …)
    kind = rng.choice(["pdf", "docx", "txt"])
    data = {"pdf": as_pdf, "docx": as_docx, "txt": lambda r, t: t.encode("utf-8", "surrogatepass")}[kind](rng, text)
    suffix = rng.choice([s for s in (".pdf", ".docx", ".txt", ".html", ".csv", ".md", ".doc", ".png") if s[1:] != kind])
    return Case(index, fmt, suffix, data, [*how, f"{kind}-as-{suffix}"])


def load_seeds(corpus: Path) -> list[tuple[str, str]]:
    """Corpus texts as str.  They are UTF-8 today; GB18030 is the fallback so a new file does not stop us."""
    seeds = []
    for path in sorted(p for p in corpus.iterdir() if p.is_file()):
        data = path.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                seeds.append((path.name, data.decode(enc)))
                break
            except UnicodeDecodeError:
                continue
        else:
            seeds.append((path.name, data.decode("utf-8", "replace")))
    if not seeds:
        raise SystemExit(f"no corpus files in {corpus}")
    return seeds


# ---------------------------------------------------------------------------------------------------------
# Running one input, and checking the records.

RECORD_KINDS = ("targets", "horizon_targets", "actuals", "pledges", "projects", "glossary")


def check_spans(x: Any, out: dict[str, Any]) -> tuple[int, list[str]]:
    """Records checked, and what is wrong: quote != text[span], a span out of order, a raw span outside raw."""
    text, raw = x.sd.text, x.sd.doc.raw
    problems: list[str] = []
    checked = 0

    def raw_ok(rs: list[int]) -> bool:
        return 0 <= rs[0] <= rs[1] <= len(raw)

    for kind in RECORD_KINDS:
        for rec in out[kind]:
            checked += 1
            s, e = rec["span"]
            if not (0 <= s <= e <= len(text)) or text[s:e] != rec["quote"]:
                problems.append(f"{kind} {rec['id']}: quote is not text[{s}:{e}]")
            if not raw_ok(rec["raw_span"]):
                problems.append(f"{kind} {rec['id']}: raw span {rec['raw_span']} outside raw ({len(raw)} chars)")
    for kind in ("sections", "paragraphs"):
        for rec in out.get(kind) or []:
            s, e = rec["span"]
            if not (0 <= s <= e <= len(text)) or not raw_ok(rec["raw_span"]):
                problems.append(f"{kind} span {rec['span']} / raw {rec['raw_span']} out of bounds")
    return checked, problems


def signature(exc: BaseException) -> str:
    """Exception type and innermost frame: one bug found a thousand times is still one bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


def run_one(path: str) -> dict[str, Any]:
    """Extract one file; never raises.  A DuixianError is the expected refusal, anything else a crash."""
    from duixian.contract import extract_json, paragraphs_json
    from duixian.errors import DuixianError
    from duixian.pipeline import extract_file

    try:
        x = extract_file(path)
        out = extract_json(x)
        out["paragraphs"] = paragraphs_json(x.sd)
    except DuixianError as exc:
        result: dict[str, Any] = {"status": "coded", "code": exc.code, "message": str(exc)[:300]}
        if exc.code == "INTERNAL":  # coded, but it names a bug: keep the traceback
            result["traceback"] = traceback.format_exc()
        return result
    except Exception as exc:  # the point of the fuzzer: nothing but DuixianError may escape
        return {"status": "crash", "error": f"{type(exc).__name__}: {exc}"[:500], "traceback": traceback.format_exc(),
                "signature": signature(exc)}
    checked, problems = check_spans(x, out)
    return {"status": "ok", "records": checked, "violations": problems[:20], "n_violations": len(problems)}


def worker(conn: Connection, seed: int, corpus: str, case_dir: str) -> None:
    """Make cases and run them until told to stop.  Messages: ('start', i, path, fmt, how) then ('done', i, r)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEM_LIMIT, MEM_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    # pdfminer logs every repair it makes to a damaged PDF; thousands of lines would bury the summary.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    seeds = load_seeds(Path(corpus))
    import duixian.pipeline  # noqa: F401 -- import once, not in the first case's time

    while True:
        index = conn.recv()
        if index is None:
            return
        try:
            case = make_case(index, seed, seeds)
        except Exception:  # a generator bug is ours, not duixian's: report it apart
            conn.send(("generror", index, traceback.format_exc()))
            continue
        path = os.path.join(case_dir, f"case_{seed}_{index}{case.suffix}")
        with open(path, "wb") as f:
            f.write(case.data)
        conn.send(("start", index, path, case.fmt, case.how))
        conn.send(("done", index, run_one(path)))


# ---------------------------------------------------------------------------------------------------------
# The driver: a few workers, each with its own pipe, so a hung or dead worker can be replaced alone.


@dataclass
class Slot:
    proc: mp.Process
    conn: Connection
    done: int = 0
    index: int | None = None
    path: str | None = None
    fmt: str = "?"
    how: list[str] = field(default_factory=list)
    deadline: float = 0.0
    started: float = 0.0


@dataclass
class Tally:
    cases: int = 0
    by_format: Counter[str] = field(default_factory=Counter)
    outcome_by_format: dict[str, Counter[str]] = field(default_factory=dict)
    codes: Counter[str] = field(default_factory=Counter)
    records: int = 0
    ok: int = 0
    crashes: list[dict[str, Any]] = field(default_factory=list)
    crash_signatures: Counter[str] = field(default_factory=Counter)
    hangs: list[dict[str, Any]] = field(default_factory=list)
    internal: list[dict[str, Any]] = field(default_factory=list)
    span_violations: list[dict[str, Any]] = field(default_factory=list)
    n_span_violations: int = 0
    generator_errors: list[str] = field(default_factory=list)
    slowest: list[tuple[float, int, str]] = field(default_factory=list)


class Fuzzer:
    def __init__(self, args: argparse.Namespace, case_dir: str) -> None:
        self.args = args
        self.case_dir = case_dir
        self.crash_dir = Path(args.crash_dir)
        self.tally = Tally()
        self.ctx = mp.get_context("spawn")  # a clean interpreter per worker, no state inherited from us
        self.slots: list[Slot] = []
        self.next_index = args.start

    def spawn(self) -> Slot:
        ours, theirs = self.ctx.Pipe()
        proc = self.ctx.Process(target=worker, args=(theirs, self.args.seed, str(self.args.corpus), self.case_dir),
                                daemon=True)
        proc.start()
        theirs.close()
        return Slot(proc, ours)

    def stop(self, slot: Slot, kill: bool) -> None:
        if kill:
            slot.proc.kill()
        else:
            try:
                slot.conn.send(None)
            except OSError:
                pass
        slot.proc.join(5)
        if slot.proc.is_alive():
            slot.proc.kill()
            slot.proc.join()
        slot.conn.close()

    def dispatch(self, slot: Slot) -> None:
        slot.index, slot.path, slot.fmt, slot.how = self.next_index, None, "?", []
        slot.deadline = time.monotonic() + GEN_TIMEOUT
        slot.conn.send(self.next_index)
        self.next_index += 1

    def save(self, kind: str, slot: Slot, detail: str) -> str:
        """Keep the input and what happened, with the commands that remake and rerun it."""
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        suffix = Path(slot.path or "x.bin").suffix
        dest = self.crash_dir / f"{kind}_{self.args.seed}_{slot.index}_{slot.fmt}{suffix}"
        if slot.path and os.path.exists(slot.path):
            shutil.copyfile(slot.path, dest)
        dest.with_name(dest.name + ".log").write_text(
            f"{kind}: case {slot.index} of seed {self.args.seed}, format {slot.fmt}, made by {slot.how}\n"
            f"rerun:  python tools/fuzz.py --replay {dest}\n"
            f"remake: python tools/fuzz.py --seed {self.args.seed} --case {slot.index} --keep DIR\n\n{detail}\n",
            encoding="utf-8")
        return str(dest)

    def finish(self, slot: Slot, result: dict[str, Any]) -> None:
        t = self.tally
        t.cases += 1
        t.by_format[slot.fmt] += 1
        elapsed = time.monotonic() - slot.started
        t.slowest = sorted([*t.slowest, (round(elapsed, 2), slot.index or 0, slot.fmt)], reverse=True)[:5]
        status = result["status"]
        per = t.outcome_by_format.setdefault(slot.fmt, Counter())
        case = {"case": slot.index, "format": slot.fmt, "how": slot.how}
        if status == "coded":
            t.codes[result["code"]] += 1
            per["coded"] += 1
            if result["code"] == "INTERNAL":
                per["internal"] += 1
                t.internal.append({**case, "message": result["message"],
                                   "saved": self.save("internal", slot, result.get("traceback", ""))})
        elif status == "crash":
            per["crash"] += 1
            sig = result["signature"]
            t.crash_signatures[sig] += 1
            saved = self.save("crash", slot, result["traceback"]) if t.crash_signatures[sig] <= SAVE_PER_SIGNATURE else None
            t.crashes.append({**case, "error": result["error"], "signature": sig, "saved": saved})
        else:
            per["ok"] += 1
            t.ok += 1
            t.records += result["records"]
            if result["n_violations"]:
                per["span_violation"] += 1
                t.n_span_violations += result["n_violations"]
                t.span_violations.append({**case, "violations": result["violations"],
                                          "saved": self.save("span", slot, "\n".join(result["violations"]))})
        if slot.path and os.path.exists(slot.path):
            os.unlink(slot.path)
        slot.index = slot.path = None

    def lose(self, slot: Slot, kind: str) -> Slot:
        """The worker hung or died mid-case: record it, save the input, and start a fresh worker."""
        t = self.tally
        if slot.path is None:  # lost while making the case: the generator's problem
            t.generator_errors.append(f"case {slot.index}: worker {kind} while making the case")
        else:
            t.cases += 1
            t.by_format[slot.fmt] += 1
            per = t.outcome_by_format.setdefault(slot.fmt, Counter())
            case = {"case": slot.index, "format": slot.fmt, "how": slot.how}
            if kind == "hang":
                per["hang"] += 1
                t.hangs.append({**case, "saved": self.save("hang", slot, f"no answer in {self.args.timeout} s")})
            else:
                per["crash"] += 1
                code = slot.proc.exitcode
                sig = f"worker died (exit code {code})"
                t.crash_signatures[sig] += 1
                t.crashes.append({**case, "error": sig, "signature": sig,
                                  "saved": self.save("crash", slot, f"the worker process died, exit code {code}")})
            if os.path.exists(slot.path):
                os.unlink(slot.path)
        self.stop(slot, kill=True)
        return self.spawn()

    def run(self) -> float:
        args = self.args
        t0 = time.monotonic()
        stop_at = t0 + args.minutes * 60
        self.slots = [self.spawn() for _ in range(args.jobs)]
        for slot in self.slots:
            self.dispatch(slot)
        last_note = t0
        while any(s.index is not None for s in self.slots):
            busy = [s for s in self.slots if s.index is not None]
            wait_for = max(0.0, min(s.deadline for s in busy) - time.monotonic())
            ready = wait([s.conn for s in busy], timeout=min(wait_for, 5.0))
            now = time.monotonic()
            for n, slot in enumerate(self.slots):
                if slot.index is None:
                    continue
                if slot.conn in ready:
                    try:
                        msg = slot.conn.recv()
                    except (EOFError, OSError):  # the interpreter died: a hard crash
                        self.slots[n] = slot = self.lose(slot, "died")
                        msg = None
                    if msg and msg[0] == "start":
                        _, _, slot.path, slot.fmt, slot.how = msg
                        slot.started = now
                        slot.deadline = now + args.timeout
                        continue
                    if msg and msg[0] == "generror":
                        self.tally.generator_errors.append(f"case {msg[1]}: {msg[2].strip().splitlines()[-1]}")
                        slot.index = None
                    elif msg and msg[0] == "done":
                        self.finish(slot, msg[2])
                        slot.done += 1
                elif now > slot.deadline:
                    self.slots[n] = slot = self.lose(slot, "hang")
                if slot.index is None and now < stop_at and (args.cases == 0 or self.next_index < args.start + args.cases):
                    if slot.done >= RECYCLE_AFTER:
                        self.stop(slot, kill=False)
                        self.slots[n] = slot = self.spawn()
                    self.dispatch(slot)
            if args.progress and now - last_note > 30:
                last_note = now
                t = self.tally
                print(f"  {now - t0:5.0f} s  {t.cases} cases  {len(t.crashes)} crashes  {len(t.hangs)} hangs  "
                      f"{t.n_span_violations} span violations", file=sys.stderr, flush=True)
        for slot in self.slots:
            self.stop(slot, kill=False)
        return time.monotonic() - t0


# ---------------------------------------------------------------------------------------------------------
# Output.


def report(args: argparse.Namespace, t: Tally, elapsed: float) -> dict[str, Any]:
    formats = sorted(t.by_format, key=lambda f: list(FORMATS).index(f) if f in FORMATS else 99)
    print(f"\nduixian fuzz: seed {args.seed}, {args.jobs} worker(s), {elapsed:.0f} s, {t.cases} cases "
          f"({t.cases / max(elapsed, 1e-9):.1f}/s), {t.records} records span-checked\n")
    cols = ["ok", "coded", "internal", "crash", "hang", "span_violation"]
    print(f"{'format':<14}{'cases':>7}" + "".join(f"{c:>16}" for c in cols))
    for fmt in formats:
        per = t.outcome_by_format.get(fmt, Counter())
        print(f"{fmt:<14}{t.by_format[fmt]:>7}" + "".join(f"{per[c]:>16}" for c in cols))
    print(f"{'total':<14}{t.cases:>7}{t.ok:>16}{sum(t.codes.values()):>16}{len(t.internal):>16}"
          f"{len(t.crashes):>16}{len(t.hangs):>16}{len(t.span_violations):>16}")
    print("\ncoded errors by code: " + ", ".join(f"{c} {n}" for c, n in t.codes.most_common()))
    print(f"crashes {len(t.crashes)}, hangs {len(t.hangs)}, span violations {t.n_span_violations}, "
          f"INTERNAL {len(t.internal)}, generator errors {len(t.generator_errors)}")
    print("slowest cases: " + ", ".join(f"#{i} {f} {s} s" for s, i, f in t.slowest))
    for sig, n in t.crash_signatures.most_common():
        first = next(c for c in t.crashes if c["signature"] == sig)
        print(f"  crash x{n}: {sig}: {first['error'][:120]} (e.g. case {first['case']} {first['format']}"
              f" -> {first['saved']})")
    for kind, items in (("hang", t.hangs), ("internal", t.internal), ("span", t.span_violations)):
        for item in items[:10]:
            print(f"  {kind}: case {item['case']} {item['format']} {item.get('error', '')} -> {item['saved']}")
    for g in t.generator_errors[:5]:
        print(f"  generator error: {g}")
    return {
        "schema": "duixian.fuzz/1",
        "date": time.strftime("%Y-%m-%d"),
        "seed": args.seed, "jobs": args.jobs, "timeout_s": args.timeout, "minutes": args.minutes,
        "corpus": str(args.corpus), "elapsed_s": round(elapsed, 1), "cases": t.cases,
        "cases_per_format": {f: t.by_format[f] for f in formats},
        "outcomes_per_format": {f: dict(t.outcome_by_format.get(f, {})) for f in formats},
        "ok": t.ok, "records_checked": t.records, "coded_errors": dict(t.codes.most_common()),
        "crashes": len(t.crashes), "crash_signatures": dict(t.crash_signatures.most_common()), "hangs": len(t.hangs), "span_violations": t.n_span_violations,
        "internal_errors": len(t.internal), "generator_errors": t.generator_errors,
        "slowest": [{"seconds": s, "case": i, "format": f} for s, i, f in t.slowest],
        "crash_cases": t.crashes, "hang_cases": t.hangs, "internal_cases": t.internal,
        "span_violation_cases": t.span_violations,
    }


def replay(path: str) -> int:
    """Run one saved input in this process (a traceback is printed as it happens)."""
    from duixian.contract import extract_json
    from duixian.errors import DuixianError
    from duixian.pipeline import extract_file

    try:
        x = extract_file(path)
    except DuixianError as exc:
        print(f"coded: {exc}")
        return 0 if exc.code != "INTERNAL" else 1
    out = extract_json(x)
    checked, problems = check_spans(x, out)
    print(f"ok: {checked} records checked, {len(problems)} span violations")
    for p in problems[:20]:
        print("  " + p)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS.resolve())
    ap.add_argument("--minutes", type=float, default=8.0, help="time budget for starting cases (capped so the run ends within 10 min)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per case before it counts as a hang")
    ap.add_argument("--cases", type=int, default=0, help="stop after this many cases (0: only the time budget)")
    ap.add_argument("--start", type=int, default=0, help="first case index")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--crash-dir", default="/tmp/fuzz_crashes")
    ap.add_argument("--replay", help="run one file in this process and show the outcome")
    ap.add_argument("--case", type=int, help="with --keep: remake this case of --seed into DIR")
    ap.add_argument("--keep", help="folder for --case")
    ap.add_argument("-q", "--quiet", dest="progress", action="store_false", help="no progress lines")
    args = ap.parse_args(argv)
    if args.replay:
        return replay(args.replay)
    if args.case is not None:
        case = make_case(args.case, args.seed, load_seeds(args.corpus))
        dest = Path(args.keep or ".") / f"case_{args.seed}_{args.case}{case.suffix}"
        dest.write_bytes(case.data)
        print(f"{dest}: {case.fmt} {case.how}")
        return 0
    # The issue's bound: the whole run stays under ten minutes, the last cases' timeout included.
    args.minutes = min(args.minutes, (600 - args.timeout) / 60)
    with tempfile.TemporaryDirectory(prefix="duixian-fuzz-") as case_dir:
        fuzzer = Fuzzer(args, case_dir)
        elapsed = fuzzer.run()
    out = report(args, fuzzer.tally, elapsed)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {args.json}")
    t = fuzzer.tally
    return 1 if (t.crashes or t.hangs or t.n_span_violations or t.internal) else 0


if __name__ == "__main__":
    sys.exit(main())
