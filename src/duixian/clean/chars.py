"""Character-level cleaning: line ends, HTML/markdown debris, widths, script, pinyin glosses."""

from __future__ import annotations

import hashlib
import html
import importlib.util
import re
from functools import lru_cache
from importlib import resources
from operator import ne
from pathlib import Path

from duixian.charcount import cjk_count
from duixian.offsets import Edit, Tracked

CJK = "\u3400-\u9fff\uf900-\ufaff"

_NEWLINES = re.compile(r"\r\n|\r|\f|\v|\u2028|\u2029|\x85")
# A spreadsheet or JSON export that kept its line ends as the two characters backslash-r backslash-n
# (or backslash-n alone).  Taken as line ends only when the text has several of them: one stray
# sequence could be anything.
_LITERAL_NEWLINE = re.compile(r"\\r\\n|\\n|\\r")
_LITERAL_MIN = 3
# HTML comments of a scraped page (``<!-- … -->``) and their stray halves.
_HTML_COMMENT = re.compile(r"<!--.{0,2000}?-->|<!--|-->", re.S)
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# Spaces of other widths (no-break, en, em, thin … : U+2000–U+200A, U+205F; a scraped page indents with
# &emsp;) are a plain space, so that headings and sentence ends after them are found like after one.
_SPACES = "\u00a0\u202f\u205f" + "".join(map(chr, range(0x2000, 0x200B)))
_NBSP = re.compile(rf"<U\+00A0>|[\t{_SPACES}]")
_ENTITY_SPACES = frozenset(_SPACES + "\u3000")  # what &nbsp; &emsp; &ensp; &thinsp; … stand for, and U+3000
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# Formatting tags only: anything else (e.g. a literal <script> inside report text) stays as text
# and is escaped by whoever renders it.
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|blockquote)\b[^<>]{0,300}/?>", re.I)
_INLINE_TAG = re.compile(r"</?(?:span|font|strong|b|em|i|u|a|sup|sub|center|td|th|tbody|thead|img|o:p)\b[^<>]{0,300}/?>", re.I)
_MD_HEADING = re.compile(r"^[ \t\u3000]*#{1,6}[ \t\u3000]*", re.M)
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)
_PINYIN = re.compile(rf"(?<=[{CJK}])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{{1,7}}[1-5]?)[)）]")
_TONED = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜǹńň]|[a-z][1-5]$")

# Full-width digits, Latin letters and numeric signs fold to ASCII; Chinese punctuation
# (，。：；（）“”) is left alone because it is part of the written text.
_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_WIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_WIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_WIDTH.update({"％": "%", "．": ".", "＋": "+", "－": "-", "／": "/", "＝": "=", "＜": "<", "＞": ">", "﹪": "%"})
_WIDTH_TABLE = str.maketrans(_WIDTH)
# The characters the table folds: found by one regex scan, which most texts pass without a hit, where
# str.translate looks every character up in the table.
_WIDE = re.compile("[" + "".join(re.escape(c) for c in _WIDTH) + "]")
_NON_CJK = re.compile(rf"[^{CJK}]+")
_BLOCK = 256  # characters compared at once when counting script changes


def _holds(text: str, chars: str) -> bool:
    """Whether ``text`` holds one of ``chars``: a few single-character scans (memchr-fast) where a regex
    scan tests every character against its class.  Each pattern below is run only when the text holds a
    character every one of its matches holds (tests/test_clean_speed.py checks the lists)."""
    return any(c in text for c in chars)


def _line_matches(pattern: re.Pattern[str], text: str, chars: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for a line-start pattern (re.M ``^``) whose matches are never empty,
    never cross a line end and hold one of ``chars``: tried only at the start of the lines holding one.

    finditer would test every position of the text for a line start; a match can only begin at one, and
    one line holds at most one match (the next try starts inside the line, where ``^`` fails)."""
    starts: set[int] = set()
    for c in chars:
        pos = text.find(c)
        while pos >= 0:
            starts.add(text.rfind("\n", 0, pos) + 1)
            end = text.find("\n", pos)
            pos = text.find(c, end + 1) if end >= 0 else -1
    return [m for ls in sorted(starts) if (m := pattern.match(text, ls))]


_NEWLINE_CHARS = "\r\f\v\u2028\u2029\x85"
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_NBSP_CHARS = "<\t" + _SPACES


def normalize_controls(t: Tracked) -> Tracked:
    if _holds(t.text, _NEWLINE_CHARS):
        t = t.apply(Edit(m.start(), m.end(), "\n") for m in _NEWLINES.finditer(t.text))
    literal = list(_LITERAL_NEWLINE.finditer(t.text))
    if len(literal) >= _LITERAL_MIN:
        t = t.apply(Edit(m.start(), m.end(), "\n") for m in literal)
    edits = [Edit(m.start(), m.end(), "") for m in _INVISIBLE.finditer(t.text)] if _holds(t.text, _INVISIBLE_CHARS) else []
    if _holds(t.text, _NBSP_CHARS):
        edits += [Edit(m.start(), m.end(), " ") for m in _NBSP.finditer(t.text)]
    return t.apply(edits)


def strip_html_debris(t: Tracked) -> Tracked:
    if "--" in t.text:  # in every comment and half of one
        t = t.apply(Edit(m.start(), m.end(), "\n") for m in _HTML_COMMENT.finditer(t.text))
    if "<" in t.text:  # every tag
        edits = [Edit(m.start(), m.end(), "\n") for m in _BLOCK_TAG.finditer(t.text)]
        edits += [Edit(m.start(), m.end(), "") for m in _INLINE_TAG.finditer(t.text)]
        t = t.apply(edits)
    edits = []
    for m in _ENTITY.finditer(t.text) if "&" in t.text else ():
        value = html.unescape(m.group())
        if value != m.group():
            edits.append(Edit(m.start(), m.end(), " " if value in _ENTITY_SPACES else value))
    return t.apply(edits)


def strip_markdown(t: Tracked) -> tuple[Tracked, list[tuple[str, tuple[int, int]]]]:
    """Remove markdown markup; return bold spans (raw coordinates) as structure hints."""
    marks: list[tuple[str, tuple[int, int]]] = []
    text = t.text
    edits = [Edit(m.start(), m.end(), "") for m in _line_matches(_MD_HEADING, text, "#")]
    edits += [Edit(m.start(), m.end(), "") for m in _line_matches(_MD_RULE, text, "-*_")]
    edits += [Edit(m.start(), m.end(), "") for m in _line_matches(_MD_QUOTE, text, ">")]
    t = t.apply(edits)
    edits = []
    for m in _MD_BOLD.finditer(t.text) if "**" in t.text or "__" in t.text else ():
        inner_s, inner_e = m.start(2), m.end(2)
        marks.append(("bold", t.raw_span(inner_s, inner_e)))
        edits.append(Edit(m.start(), inner_s, ""))
        edits.append(Edit(inner_e, m.end(), ""))
    return t.apply(edits), marks


def drop_pinyin_glosses(t: Tracked) -> Tracked:
    """``地區(qū)`` → ``地區``: machine conversions sometimes insert a pinyin gloss."""
    edits = [Edit(m.start(), m.end(), "") for m in _PINYIN.finditer(t.text) if _TONED.search(m.group(1))]
    return t.apply(edits)


def fold_width(t: Tracked) -> Tracked:
    seen, wide = _SCANNED[0]
    if seen is t.text and not wide:
        return t  # detect_script's scan of this very text met none of _WIDTH's characters
    if not _WIDE.search(t.text):
        return t
    # One character for one: replacing just the hits is the table's translation.
    folded = _WIDE.sub(lambda m: _WIDTH[m.group()], t.text)
    return t if folded == t.text else t.translate(folded)


# Reports of the 1990s printed the decimal point as a middle dot (全年增长19·5%); between digits before a
# percent sign it is one. Not otherwise: 5·12 and 23·7 name events (the 5·12 earthquake, the 23·7 flood).
_DOT_DECIMAL = re.compile(r"(?<=\d)[·•・‧∙⋅](?=\d+[%‰％])")


_DOTS = "·•・‧∙⋅"
_AFTER_DOT = re.compile(r"\d+[%‰％]")


def fold_decimal_dots(t: Tracked) -> Tracked:
    """19·5% → 19.5%: a middle dot inside a percentage is its decimal point (one character for one).

    _DOT_DECIMAL's meaning, found from each dot (str.find) instead of a lookbehind tried at every character."""
    text = t.text
    hits = []
    for dot in _DOTS:
        i = text.find(dot)
        while i >= 0:
            if i > 0 and text[i - 1].isdecimal() and _AFTER_DOT.match(text, i + 1):
                hits.append(i)
            i = text.find(dot, i + 1)
    if not hits:
        return t
    out = list(text)
    for i in hits:
        out[i] = "."
    return t.translate("".join(out))


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def t2s_dictionaries() -> list[Path]:
    """The installed OpenCC's t2s configuration and the dictionary files it names ([] when not found)."""
    # Found without importing opencc (tens of milliseconds): a simplified text never needs it.
    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:
        return []
    share = Path(spec.origin).parent / "clib" / "share" / "opencc"
    try:
        config = (share / "t2s.json").read_text(encoding="utf-8")
    except OSError:
        return []
    names = sorted(set(re.findall(r'"file"\s*:\s*"([^"]+)"', config)))
    return [share / "t2s.json", *(share / n for n in names)]


def t2s_dictionaries_sha256() -> str | None:
    files = t2s_dictionaries()
    if not files:
        return None
    h = hashlib.sha256()
    try:
        for f in files:
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    except OSError:
        return None
    return h.hexdigest()


@lru_cache(maxsize=1)
def _witnesses() -> tuple[re.Pattern[str], dict[str, float]] | None:
    """The witness characters of t2s's changes and their weights (tools/t2s_witnesses.py says what they are),
    or None when the installed dictionaries are not those the table was made from."""
    lines = resources.files("duixian.data").joinpath("t2s_witnesses.txt").read_text(encoding="utf-8").splitlines()
    if lines[0] != f"sha256 {t2s_dictionaries_sha256()}":
        return None
    weight = {c: float(w) for c, w in (line.split(" ") for line in lines[1:])}
    # The characters fold_width folds ride along with weight 0 (none is a witness: they are not CJK), so the
    # same scan tells fold_width whether it has anything to do.
    weight.update(dict.fromkeys(_WIDTH, 0.0))
    return re.compile("[" + "".join(map(re.escape, weight)) + "]"), weight


# (text, whether it holds a character of _WIDTH), from detect_script's scan of the whole text.
_SCANNED: list[tuple[str | None, bool]] = [(None, True)]


def detect_script(text: str) -> str:
    head = text[:200000]
    fast = _witnesses()
    if fast is not None:
        # t2s changes at most the summed weights of the witnesses in the text: when that is within the
        # limit, the text is simplified without converting it (most texts; a traditional one is converted).
        n = cjk_count(head)  # len(_NON_CJK.sub("", head))
        if n == 0:
            return "simplified"
        pattern, weight = fast
        limit, bound, wide = max(3, 0.02 * n), 0.0, False
        for c in pattern.findall(head):
            w = weight[c]
            wide = wide or w == 0
            bound += w
            if bound > limit:
                break
        else:
            if head is text:  # the scan saw the whole text
                _SCANNED[0] = (text, wide)
            return "simplified"
    sample = _NON_CJK.sub("", head)  # the CJK characters, in order
    if not sample:
        return "simplified"
    converted = _t2s().convert(sample)
    return "traditional" if _differences(sample, converted) > max(3, 0.02 * len(sample)) else "simplified"


def _differences(a: str, b: str) -> int:
    """Positions where ``a`` and ``b`` differ, over the shorter one's length (as ``zip`` pairs them).

    Blocks that are equal are skipped with one string comparison; a simplified text has few others.
    """
    n = min(len(a), len(b))
    count = 0
    for i in range(0, n, _BLOCK):
        x, y = a[i : min(n, i + _BLOCK)], b[i : min(n, i + _BLOCK)]
        if x != y:
            count += sum(map(ne, x, y))
    return count


def to_simplified(t: Tracked) -> Tracked:
    conv = _t2s()
    out = conv.convert(t.text)
    if len(out) == len(t.text):
        return t.translate(out)
    # A phrase rule changed the length somewhere: convert line by line, then char by char.
    pieces: list[str] = []
    for line in t.text.split("\n"):
        c = conv.convert(line)
        if len(c) != len(line):
            c = "".join(ch if len(ch2 := conv.convert(ch)) != 1 else ch2 for ch in line)
        pieces.append(c)
    return t.translate("\n".join(pieces))
