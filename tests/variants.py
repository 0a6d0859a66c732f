"""Generate the same report in many formats and messes, for round-trip tests."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import opencc

FULL = str.maketrans({**{str(d): chr(0xFF10 + d) for d in range(10)}, "%": "％", ".": "．"})


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _wrap(para: str, width: int) -> list[str]:
    """Break a paragraph into lines of at most ``width`` display columns (CJK = 2)."""
    lines, line, w = [], "", 0
    for ch in para:
        cw = 1 if ch.isascii() else 2
        if w + cw > width:
            lines.append(line)
            line, w = "", 0
        line += ch
        w += cw
    return [*lines, line] if line else lines


def wrapped(text: str, width: int = 56, page_lines: int = 18) -> str:
    """Hard-wrap like a PDF copied out: blank line after every line, page numbers, spaced numbers."""
    out: list[str] = []
    n = 0
    page = 1
    for para in paragraphs(text):
        para = re.sub(r"(\d+(?:\.\d+)?)", r" \1 ", para).strip()
        for chunk in _wrap(para, width):
            out.append(chunk)
            n += 1
            if n % page_lines == 0:
                out.append(f"\n- {page} -\n")
                page += 1
    return "\n\n".join(out) + "\n"


def spaced_title(text: str) -> str:
    return text.replace("政府工作报告", "政 府 工 作 报 告", 1)


def fullwidth_crlf(text: str) -> str:
    return text.translate(FULL).replace("\n", "\r\n")


def traditional(text: str) -> str:
    return opencc.OpenCC("s2tw").convert(text)  # Taiwan forms: what Big5 files hold


def markdown(text: str) -> str:
    out = []
    for p in paragraphs(text):
        if p == "政府工作报告":
            out.append("# " + p)
        elif re.match(r"^[一二三四五六七八九十]、", p):
            out.append("## " + p)
        elif re.match(r"^[（(][一二三四五六七八九十][）)]", p):
            out.append("### " + p)
        else:
            m = re.match(r"^([^，。]{4,12}。)(.+)$", p)
            out.append(f"**{m.group(1)}**{m.group(2)}" if m and "：" not in m.group(1) else p)
    return "\n\n".join(out) + "\n"


def repeated(text: str, times: int = 3) -> str:
    return "\n".join([text] * times)


def csv_field(text: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["region", "year", "title", "full_text"])
    w.writerow(["青禾区", "2025", "政府工作报告", text])
    return buf.getvalue()


def html_page(text: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs(text))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府工作报告_青禾区人民政府</title>"
        "<style>.nav{color:red}</style><script>var menu='首页 政务公开';</script></head><body>"
        "<div class='nav'><a href='/'>首页</a> | <a href='/gk'>政务公开</a> | <a href='/xw'>新闻中心</a></div>"
        "<div class='breadcrumb'>当前位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>"
        f"<div class='article'>{body}</div>"
        "<div class='footer'>版权所有：青禾区人民政府 备案号：ICP备00000000号 <a href='/map'>网站地图</a></div>"
        "<script>console.log('统计代码')</script></body></html>"
    )


def docx_file(text: str, path: Path) -> Path:
    import docx

    d = docx.Document()
    for p in paragraphs(text):
        d.add_paragraph(p)
    d.save(str(path))
    return path


def pdf_file(text: str, path: Path, columns: int = 1) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    size = 11
    page_w, page_h = A4
    margin = 50
    gap = 30
    col_w = (page_w - 2 * margin - gap * (columns - 1)) / columns
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, size)
    col = 0
    y = page_h - margin
    indent = 2 * size

    def newline() -> None:
        nonlocal y, col
        y -= size * 1.6
        if y < margin:
            col += 1
            y = page_h - margin
            if col >= columns:
                c.showPage()
                c.setFont(font, size)
                col = 0

    for para in paragraphs(text):
        x0 = margin + col * (col_w + gap)
        line, first = "", True
        for ch in para:
            avail = col_w - (indent if first else 0)
            if pdfmetrics.stringWidth(line + ch, font, size) > avail:
                x0 = margin + col * (col_w + gap)
                c.drawString(x0 + (indent if first else 0), y, line)
                newline()
                line, first = "", False
            line += ch
        x0 = margin + col * (col_w + gap)
        c.drawString(x0 + (indent if first else 0), y, line)
        newline()
    c.save()
    return path
