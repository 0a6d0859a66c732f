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
from typing import NamedTuple

from duixian.clean.furniture import line_spans
from duixian.clean.vocab import CHAPTER_TITLE_ENDS
from duixian.offsets import Edit, Tracked

_TERMINAL_END = re.compile(r"[。！？!?；;：:…][”’」』）)】]*$")
# _TERMINAL_END's two classes, for ends_sentence (tests/test_clean_speed.py checks they agree).
_TERMINALS = "。！？!?；;：:…"
_CLOSERS = "”’」』）)】"
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_TITLE_PUNCT = re.compile(r"[，。；！？,;：:]")
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
# Inside every _DATELINE match, and scanned for fast (a literal first character, where \d is tested at
# every position).
_DATELINE_GATE = re.compile(r"日\s*在")
_INDENT = re.compile(r"^(?:\u3000|[ \t]{2,}|\u3000[ \t]|[ \t]\u3000)")


class _Widths(dict[str, int]):
    """Display width of each character seen so far, looked up once per distinct character."""

    def __missing__(self, c: str) -> int:
        # Ambiguous-width characters (“ ” …) are set full width in Chinese typesetting.
        w = 2 if unicodedata.east_asian_width(c) in "WFA" else 1
        self[c] = w
        return w


_WIDTHS = _Widths()
# CJK ideographs, CJK punctuation and the full-width forms: all W or F (tests/test_clean_speed.py checks it).
_FULL = re.compile("[\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6]+")
# What is neither ASCII (width 1) nor in _FULL nor one of the ambiguous-width signs reports print
# (“ ” ‘ ’ — … · × ‰ ①–⑳, all two columns): the characters whose width must be looked up
# (tests/test_clean_speed.py checks that every other non-ASCII character is two columns wide).
_OTHER = re.compile(
    "[^\x00-\x7f\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6"
    "\u2018\u2019\u201c\u201d\u2014\u2026\u00b7\u00d7\u2030\u2460-\u2473]"
)


def width(s: str) -> int:
    # The common full-width characters are counted by one regex pass, the rest looked up in the memo
    # (a report uses a few hundred distinct other characters at most).
    rest = _FULL.sub("", s)
    return 2 * (len(s) - len(rest)) + sum(map(_WIDTHS.__getitem__, rest))


def _all_wide_but_ascii(text: str) -> bool:
    """Whether every non-ASCII character of ``text`` is two columns wide (“ ” — … · included).

    Then a line's width is twice its length less its ASCII characters, which the ASCII codec counts
    in C: no per-character work in Python and no regex pass per line."""
    return all(_WIDTHS[c] == 2 for c in set(_OTHER.findall(text)))


class _Line(NamedTuple):  # a tuple: built for every line, faster than a frozen dataclass
    start: int  # content start (after leading space)
    end: int  # content end (before trailing space)
    text: str
    width: int
    indented: bool
    blank_before: bool


def _content_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank = False
    wide = _all_wide_but_ascii(text)
    s = 0
    for raw in text.split("\n"):
        e = s + len(raw)
        stripped = raw.strip()
        if not stripped:
            blank = True
            s = e + 1
            continue
        # A line that starts (ends) with its content has nothing to strip there: most lines.
        lead = 0 if raw[0] == stripped[0] else len(raw) - len(raw.lstrip())
        shown = raw if raw[-1] == stripped[-1] else raw.rstrip()
        w = 2 * len(shown) - len(shown.encode("ascii", "ignore")) if wide else width(shown)
        cs = s + lead
        # _INDENT needs a leading space character
        out.append(_Line(cs, cs + len(stripped), stripped, w, lead > 0 and bool(_INDENT.match(raw)), blank))
        blank = False
        s = e + 1
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


def text_measure(text: str) -> int | None:
    """The wrap width of ``text`` when it is hard-wrapped, else None."""
    return _measure(_content_lines(text))


def join_lines(t: Tracked) -> Tracked:
    text = t.text
    lines = _content_lines(text)
    if not lines:
        return t.apply([Edit(0, len(text), "")]) if text else t
    measure = _measure(lines)
    blanks_everywhere = sum(ln.blank_before for ln in lines[1:]) >= 0.6 * max(1, len(lines) - 1)
    datelines = _lines_searched(_DATELINE, text, lines, _DATELINE_GATE)
    edits: list[Edit] = [Edit(0, lines[0].start, "")] if lines[0].start > 0 else []
    mid = False  # whether ``prev`` continued a sentence the line before it left open
    for i, (prev, nxt) in enumerate(itertools.pairwise(lines)):
        inside = measure is None and _inside_sentence(prev.text, nxt.text, mid) and i not in datelines
        joined = inside or _continues(prev, nxt, measure, blanks_everywhere, i in datelines)
        # only a short line is asked about (a piece), so only then is it worth knowing
        mid = joined and len(nxt.text) <= _PIECE and (inside or not ends_sentence(prev.text)) and i not in datelines
        if joined:
            glue = " " if prev.text[-1] in _ASCII_LETTERS and nxt.text[0] in _ASCII_LETTERS else ""
        elif nxt.start - prev.end == 1 and text[prev.end] == "\n":
            continue  # a break that stays as it is: no edit (apply would copy it unchanged)
        else:
            glue = "\n"
        edits.append(Edit(prev.end, nxt.start, glue))
    if lines[-1].end < len(text):
        edits.append(Edit(lines[-1].end, len(text), ""))
    return t.apply(edits)


def _lines_searched(pattern: re.Pattern[str], text: str, lines: list[_Line], gate: re.Pattern[str]) -> set[int]:
    """The indices of ``lines`` whose text ``pattern.search`` finds a match in.

    ``gate`` matches inside every match of ``pattern`` and is quick to scan for (it starts with a literal
    character).  A gate match inside a line is a match of the whole text at the same place (the gates
    have no anchors or lookarounds), so one search of the text from a line's start, reused until it is
    passed, rules out every line before its hit; only the lines it lands in are searched with ``pattern``.
    """
    found: set[int] = set()
    m = gate.search(text)
    for i, ln in enumerate(lines):
        if m is None:
            break
        if m.start() < ln.start:
            m = gate.search(text, ln.start)
            if m is None:
                break
        if m.start() < ln.end and pattern.search(ln.text):
            found.add(i)
    return found


def ends_sentence(line: str) -> bool:
    """``_TERMINAL_END.search(line)`` for a line without a newline, read from its end instead of scanned.

    The closing marks are not sentence ends, so the last character before them decides."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINALS


def _continues(prev: _Line, nxt: _Line, measure: int | None, blanks_everywhere: bool, dateline: bool) -> bool:
    if dateline:
        # "——2020年5月8日在X第十五届人民代表大会 / 第四次会议上"
        return not prev.text.endswith("上") and len(nxt.text) <= 30
    if nxt.indented or HEADING_START.match(nxt.text):
        return False
    if nxt.blank_before and not blanks_everywhere:
        return False
    full = measure is not None and prev.width >= measure - 8
    ends = ends_sentence(prev.text)
    if HEADING_START.match(prev.text) and not full and len(prev.text) <= 40 and not ends:
        return False  # "（一）聚焦转型提质，实力湛江步履稳健" on its own line
    if ends:
        return full
    if full:
        return True
    return not _is_title(prev.text) and not (measure is not None and _is_title(nxt.text))


# No line of typeset Chinese starts (ends) with these: a line that does was cut off its sentence by markup.
_PIECE = 10
_NEVER_ENDS = frozenset("《“‘「『（(【")
_NEVER_STARTS = frozenset("、，,。；;：:！？!?》”’」』）)】…")


def _inside_sentence(prev: str, nxt: str, prev_mid: bool) -> bool:
    """Whether a web page's markup (a link, a bold word) broke a sentence at this line break.

    A short line without punctuation reads as a title; but one that continues an unfinished line
    before it (完善授权经营制度，/ 组建省 / 工贸、外贸两个资产经营公司; 开始纳入 / 法制 / 化、规范化轨道) or
    is followed by a stop or closing mark (《 / 纲要 / 》，) is a piece of a sentence."""
    if nxt[0] in _NEVER_STARTS or prev[-1] in _NEVER_ENDS:
        return not ends_sentence(prev) and not HEADING_START.match(nxt)
    # a piece is a word or two; a longer title-like line (新华社北京3月16日电) or one before a title-like
    # line (a headline) starts the page's own lines
    return (prev_mid and len(prev) <= _PIECE and _is_title(prev) and not HEADING_START.match(nxt)
            and (len(nxt) <= _PIECE // 2 or not _is_title(nxt)))


def _is_title(line: str) -> bool:
    return len(line) <= 24 and not _TITLE_PUNCT.search(line)


_LONG_LINE = 1500
_HEAD_BREAK = re.compile(r"(?=——?\d{4}年\d{1,2}月\d{1,2}日在)|(?<=会议上)(?=[^，。,])|(?=各位代表[：:])")


def split_long_lines(t: Tracked) -> Tracked:
    """A whole report on one line: break its title block (dateline, salutation) apart.

    Applies to very long lines, and to any long line of a text that has hardly any line breaks.
    """
    spans = line_spans(t.text)
    few_lines = sum(1 for s, e in spans if e > s) <= 3
    edits: list[Edit] = []
    for s, e in spans:
        if e - s > _LONG_LINE or (few_lines and e - s > 500):
            line = t.text[s:e]
            edits += [Edit(s + m.start(), s + m.start(), "\n") for m in _HEAD_BREAK.finditer(line, 1, 300)]
    return t.apply(sorted(set(edits)))


_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
# A chapter number (一、) or a sub-chapter number (（一）) right after a sentence end, inside a line;
# ``一、二、三产业`` is an enumeration, not a heading.  The salutation 各位代表！ opens a paragraph too.
_INLINE_HEAD = re.compile(
    r"[。！？!?][”’」』]?[ \u3000]*"
    r"(?P<at>(?P<ch>[一二三四五六七八九十]{1,3})、(?![一二三四五六七八九十]{1,3}、)"
    r"|[（(](?P<sub>[一二三四五六七八九十]{1,3})[）)]"
    r"|各位代表[！!：:])"
)
_LINE_HEAD = re.compile(r"[ \u3000]*(?:(?P<ch>[一二三四五六七八九十]{1,3})[、.．]|[（(](?P<sub>[一二三四五六七八九十]{1,3})[）)])")


def cn_number(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (the numbers headings use)."""
    if "十" not in s:
        return _CN_DIGITS.get(s, 0) if len(s) == 1 else 0
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def split_inline_headings(t: Tracked) -> Tracked:
    """Break before a numbered heading that follows a sentence end inside a line, at any line length.

    A number counts only when it continues the numbering seen so far (一 or the next one), so a
    chapter number quoted inside a sentence stays where it is.
    """
    text = t.text
    # One scan of the whole text finds what a scan of each line finds: a match never holds a line end
    # (nor does the lookahead reach past one).  Most texts have none, and then no line is looked at.
    inline = list(_INLINE_HEAD.finditer(text))
    if not inline:
        return t
    edits: list[Edit] = []
    last = {"ch": 0, "sub": 0}
    k = 0
    for s, e in line_spans(text):
        m0 = _LINE_HEAD.match(text, s, e)
        if m0:
            _advance(last, m0)
        while k < len(inline) and inline[k].start() < e:
            m = inline[k]
            k += 1
            if m.group("ch") is None and m.group("sub") is None:
                edits.append(Edit(m.start("at"), m.start("at"), "\n"))
                continue
            if _advance(last, m):
                edits.append(Edit(m.start("at"), m.start("at"), "\n"))
    return t.apply(edits)


def _advance(last: dict[str, int], m: re.Match[str]) -> bool:
    """Move the numbering on when ``m`` is the first or the next number of its ladder."""
    key = "ch" if m.group("ch") is not None else "sub"
    n = cn_number(m.group(key))
    if n == 0 or (n != 1 and n != last[key] + 1):
        return False
    last[key] = n
    if key == "ch":
        last["sub"] = 0
    return True


_CHAPTER_RUN_IN = re.compile(r"[ \u3000]*[一二三四五六七八九十]{1,3}、")
_TITLE_END = re.compile("(?=(" + "|".join(sorted(CHAPTER_TITLE_ENDS, key=len, reverse=True)) + "))")
_RUN_IN_MIN = 10
_TITLE_MAX = 24
_PUNCT = re.compile(r"[，。；：！？,;:!?]")


def split_chapter_run_ins(t: Tracked) -> Tracked:
    """``一、2019年工作回顾过去一年，…`` → the chapter title on its own line, the text below it.

    Only chapter lines (一、) whose title ends with a word chapter titles of the genre end with, found
    within the title's first characters and before any punctuation.
    """
    text = t.text
    edits: list[Edit] = []
    for s, e in line_spans(text):
        m = _CHAPTER_RUN_IN.match(text, s, e)
        if not m:
            continue
        window = text[m.end() : min(e, m.end() + _TITLE_MAX)]
        if p := _PUNCT.search(window):
            window = window[: p.start()]
        # every ending, overlapping ones included (主要目标任务 ends with 目标任务, not 主要目标)
        ends = [x.start() + len(x.group(1)) for x in _TITLE_END.finditer(window)]
        if not ends:
            continue
        at = m.end() + max(ends)
        rest = text[at:e]
        # the rest must be running text (a sentence), not the tail of a longer title
        if len(rest) >= _RUN_IN_MIN and _PUNCT.search(rest) and rest[0] not in "）)”’，。；：,;:":
            edits.append(Edit(at, at, "\n"))
    return t.apply(edits)


_CHUNK = re.compile(r"[ \u3000]*(\d{1,3})、")
_CHUNK_MIN_CHARS = 150


def drop_page_chunk_numbers(t: Tracked) -> Tracked:
    """A doc-sharing site's preview: pages pasted as ``1、…`` ``2、…`` cut mid-sentence; undo the cut.

    A run of consecutive content lines numbered 1、2、3… is a page run when the pieces are long
    and most of them stop in the middle of a sentence (a list item ends its sentence).  The numbers
    go and each piece is glued to the one before it.
    """
    text = t.text
    if not _numbered_one(text):
        return t  # no run can start
    lines = [(s, e) for s, e in line_spans(text) if text[s:e].strip()]
    edits: list[Edit] = []
    i = 0
    while i < len(lines):
        m = _CHUNK.match(text, *lines[i])
        if not m or m.group(1) != "1":
            i += 1
            continue
        j = i + 1
        while j < len(lines) and (mj := _CHUNK.match(text, *lines[j])) and int(mj.group(1)) == j - i + 1:
            j += 1
        run = lines[i:j]
        lengths = sorted(e - s for s, e in run)
        cut = sum(1 for s, e in run[:-1] if not ends_sentence(text[s:e].rstrip()))
        if len(run) >= 2 and lengths[len(lengths) // 2] >= _CHUNK_MIN_CHARS and cut * 2 >= len(run) - 1:
            for k, (s, e) in enumerate(run):
                mk = _CHUNK.match(text, s, e)
                assert mk is not None
                if k == 0:
                    edits.append(Edit(s, mk.end(), ""))
                else:
                    prev_end = run[k - 1][1]
                    edits.append(Edit(prev_end, mk.end(), ""))
        i = max(j, i + 1)
    return t.apply(edits)


def _numbered_one(text: str) -> bool:
    """Whether a line of ``text`` starts like a page run's first piece (``_CHUNK`` numbering it 1).

    Such a line holds "1、": the lines holding one are found by a literal scan and only they are matched."""
    pos = text.find("1、")
    while pos >= 0:
        m = _CHUNK.match(text, text.rfind("\n", 0, pos) + 1)
        if m and m.group(1) == "1":
            return True
        pos = text.find("1、", pos + 1)
    return False


_SPACE_RUN = re.compile(r"[ \u3000]+")


def close_spaces(t: Tracked) -> Tracked:
    """Remove spaces inside lines except between two ASCII words (``完成 317.2 亿元`` → ``完成317.2亿元``)."""
    text = t.text
    if " " not in text and "\u3000" not in text:
        return t  # two single-character scans, where _SPACE_RUN's scan tests every character
    edits: list[Edit] = []
    chains: dict[int, bool] = {}
    for m in _SPACE_RUN.finditer(text):
        a = text[m.start() - 1] if m.start() > 0 else "\n"
        b = text[m.end()] if m.end() < len(text) else "\n"
        if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
            if m.group() != " ":
                edits.append(Edit(m.start(), m.end(), " "))
            elif a.isdigit() and b.isdigit() and _split_number(text, m.start(), chains):
                edits.append(Edit(m.start(), m.end(), ""))
            continue
        edits.append(Edit(m.start(), m.end(), ""))
    return t.apply(edits)


# Digits an OCR or a scrape spaced out (4 0个, 1 2.5%, 1 9 9 8年, 7 4 7 7 2亿元, 36.5 9亿元): pieces of one
# number joined by single spaces, standing between characters that are not letters or digits.
_CHAIN = re.compile(r"\d+(?:\.\d+)?(?: \d+(?:\.\d+)?)+")


def _split_number(text: str, space: int, chains: dict[int, bool]) -> bool:
    """Whether the lone space at ``space`` splits one number (its digits are joined) or separates two.

    Conservative: every piece's whole part has at most three digits and of two neighbouring pieces one
    is a single digit (so two years, 2019 2020, or a year and a count, 2022 02, stay apart); the whole
    joined number has at most one decimal point; not a run of page numbers (上一页1 2 3 4下一页); and
    no ASCII letter or digit touches the run (an English date, a code)."""
    start = space
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."
                         or (text[start - 1] == " " and start > 1 and text[start - 2].isdigit())):
        start -= 1
    if start in chains:
        return chains[start]
    m = _CHAIN.match(text, start)
    ok = False
    if m is not None and m.end() > space:
        before = text[start - 1] if start > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        pieces = m.group().split(" ")
        wholes = [p.split(".")[0] for p in pieces]
        ok = bool(
            not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum()) and after != "."
            and all(len(w) <= 3 for w in wholes)
            and all(len(x) == 1 or len(y) == 1 for x, y in itertools.pairwise(wholes))
            and m.group().count(".") <= 1
            and not _page_run(pieces)
        )
    chains[start] = ok
    return ok


def _page_run(pieces: list[str]) -> bool:
    """1 2 3 4: counting up by one, as a pager lists its pages."""
    if len(pieces) < 3 or not all(p.isdigit() for p in pieces):
        return False
    return all(int(y) == int(x) + 1 for x, y in itertools.pairwise(pieces))
