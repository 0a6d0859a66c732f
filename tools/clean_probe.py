#!/usr/bin/env python3
"""Count debris left in the clean text of real reports (no gold labels needed).

Usage (from the worktree root):
    PYTHONPATH=src python tools/clean_probe.py [--corpus ../shared/corpus/raw] [--wild ../shared/wild] [-v]

For every file of the corpus and of the wild manifest (containers, the English translation and the
many-reports file skipped) it cleans the text and counts, in the clean text:
  inline_heads  a numbered heading (一、 / （一）) right after a sentence end in the middle of a line
  chrome        web footer / page chrome / collector header lines (来源：, 责任编辑, ICP备, 打印, 相关文章 …)
  literal_crlf  literal backslash-r / backslash-n strings
  repeats       lines of 30+ characters that occur again later, and lead passages cut with …… that
                reappear in full
  chunk_prefix  doc-preview page-chunk numbers (``2、`` starting a line that continues a cut sentence)
  nav_lines     runs of very short menu lines (≥4 lines of ≤6 characters in a row)
The vocabulary here is written independently of the cleaner's, so the probe measures it.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
from collections import Counter
from pathlib import Path

from duixian.clean import clean
from duixian.ingest import read_raw

SKIP = re.compile(r"container|ENGLISH|MANY|tmx", re.I)
INLINE_HEAD = re.compile(r"[。！？][”’」]?\s*(?:[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十]{1,2}、)|[（(][一二三四五六七八九十]{1,3}[）)])")
CHROME = re.compile(
    r"^(?:来源|责任编辑|编辑|作者|发布时间|发文时间|发文单位|来源URL|标题|正文|阅读|评论|浏览|点击)\s*[：:]"
    r"|ICP备|公网安备|版权所有|网站标识码|主办[：:]|承办[：:]"
    r"|^(?:【?打印】?|【?关闭】?|打印本页|关闭窗口|相关文章|相关阅读|相关链接|本栏最新|阅读排行|标签云|上一篇|下一篇"
    r"|分享到|QQ空间|新浪微博|人人网|开心网|百度空间|微信|首页|当前位置[：:]?|返回顶部|字体[：:]?|无障碍|长者模式)\s*$"
    r"|字，读完约|字,读完约"
)
LITERAL = re.compile(r"\\r\\n|\\n|\\r")
CHUNK = re.compile(r"^\d{1,3}、")
TERMINAL = re.compile(r"[。！？；：:!?;…”’」）)]$")


def probe(text: str) -> Counter[str]:
    c: Counter[str] = Counter()
    lines = [ln.strip() for ln in text.split("\n")]
    for ln in lines:
        c["inline_heads"] += sum(1 for m in INLINE_HEAD.finditer(ln) if m.start() > 0)
        c["chrome"] += bool(CHROME.search(ln))
    c["literal_crlf"] += len(LITERAL.findall(text))
    seen: set[str] = set()
    for ln in lines:
        if len(ln) >= 30:
            if ln in seen:
                c["repeats"] += 1
            seen.add(ln)
    for ln in lines:
        m = re.match(r"(.{30,}?)(?:……|\.{3,6})$", ln)
        if m and text.count(re.sub(r"\s+", "", m.group(1))[:30]) > 1:
            c["repeats"] += 1
    for prev, ln in itertools.pairwise(lines):
        if CHUNK.match(ln) and len(prev) > 100 and not TERMINAL.search(prev):
            c["chunk_prefix"] += 1
    run = 0
    for ln in lines:
        if ln and len(ln) <= 6 and not re.search(r"[。，；：]", ln):
            run += 1
            if run == 4:
                c["nav_lines"] += 4
            elif run > 4:
                c["nav_lines"] += 1
        else:
            run = 0
    return c


def files(corpus: Path, wild: Path) -> list[Path]:
    out = sorted(corpus.glob("*.txt"))
    with (wild / "MANIFEST.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if not SKIP.search(row["format"]):
                out.append(wild / row["file"])
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/raw"))
    ap.add_argument("--wild", type=Path, default=Path("../shared/wild"))
    ap.add_argument("-v", action="store_true", help="list files with debris")
    args = ap.parse_args()
    total: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for p in files(args.corpus, args.wild):
        try:
            text = clean(read_raw(p)).text
        except Exception as e:  # a probe reports, it does not stop
            print(f"{p.name}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        c = probe(text)
        total.update(c)
        docs.update({k: 1 for k, v in c.items() if v})
        if args.v and +c:
            print(f"{p.name:40s} " + " ".join(f"{k}={v}" for k, v in sorted(c.items()) if v))
    keys = ("inline_heads", "chrome", "literal_crlf", "repeats", "chunk_prefix", "nav_lines")
    print("kind           count  files")
    for k in keys:
        print(f"{k:14s} {total[k]:5d}  {docs[k]:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
