"""Lines → paragraphs: undo hard wrapping, keep real paragraph breaks and headings.

Two kinds of input need different evidence:
- hard-wrapped text (a PDF copied out, ~28 characters a line): a line that fills the measure
  continues into the next one; a short line ends its paragraph.
- paragraph-per-line text with occasional stray breaks: a line ends its paragraph when it ends
  with sentence punctuation or is a heading.
In both, blank lines are weak evidence when the file puts one after every line.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from duixian.clean.furniture import line_spans
from duixian.offsets import Edit, Tracked

_TERMINAL_END = re.compile(r"[。！？!?；;：:…][”’」』）)】]*$")
HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]"  # 一、
    r"|[（(][一二三四五六七八九十]{1,3}[）)]"  # （一）
    r"|\d{1,2}[.．、](?!\d)"  # 1.  but not 1.5
    r"|[（(]\d{1,2}[）)]"  # （1）
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十]{1,3}[部章节篇分]"
    r"|各位代表"
    r"|附件|名词解释|注释[：:]?$)"
)
_DATELINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在")
_INDENT = re.compile(r"^(?:\u3000|[ \t]{2,}|\u3000[ \t]|[ \t]\u3000)")
_ASCII_END = re.compile(r"[A-Za-z]$")
_ASCII_START = re.compile(r"^[A-Za-z]")


def width(s: str) -> int:
    # Ambiguous-width characters (“ ” …) are set full width in Chinese typesetting.
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


@dataclass(frozen=True)
class _Line:
    start: int  # content start (after leading space)
    end: int  # content end (before trailing space)
    text: str
    width: int
    indented: bool
    blank_before: bool


def _content_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank = False
    for s, e in line_spans(text):
        raw = text[s:e]
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        lead = len(raw) - len(raw.lstrip())
        cs = s + lead
        ce = cs + len(stripped)
        out.append(_Line(cs, ce, stripped, width(raw.rstrip()), bool(_INDENT.match(raw)), blank))
        blank = False
    return out


def _measure(lines: list[_Line]) -> int | None:
    """The wrap width of a hard-wrapped text, or None when lines are not wrapped."""
    widths = [ln.width for ln in lines if ln.width >= 30]
    if len(widths) < 8:
        return None
    mode = Counter(widths).most_common(1)[0][0]
    near = sum(1 for w in widths if mode - 8 <= w <= mode + 4)
    if near < 0.4 * len(lines) or mode > 200:
        return None
    return max(w for w in widths if mode - 8 <= w <= mode + 4)


def join_lines(t: Tracked) -> Tracked:
    text = t.text
    lines = _content_lines(text)
    if not lines:
        return t.apply([Edit(0, len(text), "")]) if text else t
    measure = _measure(lines)
    blanks_everywhere = sum(ln.blank_before for ln in lines[1:]) >= 0.6 * max(1, len(lines) - 1)
    edits: list[Edit] = [Edit(0, lines[0].start, "")] if lines[0].start > 0 else []
    for prev, nxt in itertools.pairwise(lines):
        if _continues(prev, nxt, measure, blanks_everywhere):
            glue = " " if _ASCII_END.search(prev.text) and _ASCII_START.match(nxt.text) else ""
        else:
            glue = "\n"
        edits.append(Edit(prev.end, nxt.start, glue))
    if lines[-1].end < len(text):
        edits.append(Edit(lines[-1].end, len(text), ""))
    return t.apply(edits)


def _continues(prev: _Line, nxt: _Line, measure: int | None, blanks_everywhere: bool) -> bool:
    if _DATELINE.search(prev.text):
        # "——2020年5月8日在X第十五届人民代表大会 / 第四次会议上"
        return not prev.text.endswith("上") and len(nxt.text) <= 30
    if nxt.indented or HEADING_START.match(nxt.text):
        return False
    if nxt.blank_before and not blanks_everywhere:
        return False
    full = measure is not None and prev.width >= measure - 8
    if HEADING_START.match(prev.text) and not full and len(prev.text) <= 40 and not _TERMINAL_END.search(prev.text):
        return False  # "（一）聚焦转型提质，实力湛江步履稳健" on its own line
    if _TERMINAL_END.search(prev.text):
        return full
    if full:
        return True
    return not _is_title(prev.text) and not (measure is not None and _is_title(nxt.text))


def _is_title(line: str) -> bool:
    return len(line) <= 24 and not re.search(r"[，。；！？,;：:]", line)


_LONG_LINE = 1500
_BREAK_BEFORE = re.compile(
    r"(?<=[。！？”])(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|各位代表[！!：:]))"
)


_HEAD_BREAK = re.compile(r"(?=——?\d{4}年\d{1,2}月\d{1,2}日在)|(?<=会议上)(?=[^，。,])|(?=各位代表[：:])")


def split_long_lines(t: Tracked) -> Tracked:
    """A whole report on one line: break before section numbers that follow a full stop.

    Applies to very long lines, and to any long line of a text that has hardly any line breaks.
    """
    spans = line_spans(t.text)
    few_lines = sum(1 for s, e in spans if e > s) <= 3
    edits: list[Edit] = []
    for s, e in spans:
        if e - s > _LONG_LINE or (few_lines and e - s > 500):
            line = t.text[s:e]
            edits += [Edit(s + m.start(), s + m.start(), "\n") for m in _BREAK_BEFORE.finditer(line)]
            edits += [Edit(s + m.start(), s + m.start(), "\n") for m in _HEAD_BREAK.finditer(line, 1, 300)]
    return t.apply(sorted(set(edits)))


_SPACE_RUN = re.compile(r"[ \u3000]+")


def close_spaces(t: Tracked) -> Tracked:
    """Remove spaces inside lines except between two ASCII words (``完成 317.2 亿元`` → ``完成317.2亿元``)."""
    text = t.text
    edits: list[Edit] = []
    for m in _SPACE_RUN.finditer(text):
        a = text[m.start() - 1] if m.start() > 0 else "\n"
        b = text[m.end()] if m.end() < len(text) else "\n"
        if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
            if m.group() != " ":
                edits.append(Edit(m.start(), m.end(), " "))
            continue
        edits.append(Edit(m.start(), m.end(), ""))
    return t.apply(edits)
