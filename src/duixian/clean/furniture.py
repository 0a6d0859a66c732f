"""Line-level furniture: page numbers, running headers/footers, web-page chrome, spam lines."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import islice

from duixian.offsets import Tracked

_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-—–－~·•・\s]*\d{1,4}[-—–－~·•・\s]*                    # - 8 -   — 3 —   ·3·   12
      | [-—–－\s]*[一二三四五六七八九十百]{1,4}[-—–－\s]*       # — 三 —
      | 第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?     # 第3页  第 3 页 共 20 页
      | \d{1,4}\s*/\s*\d{1,4}                                      # 3/20
      | (?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?                 # Page 3 of 20
    )$""",
    re.X | re.I,
)
_URL = re.compile(r"https?://|www\.[a-z0-9-]+\.|\.(?:com|cn|net|org)(?:/|\b)", re.I)
# Inside every _URL match, whatever its case: "://", or a "." before c, n or o or after the w of "www"
# (re.I folds no character but C, N, O, W onto c, n, o, w; its extra folds ı ſ K are of i, s, k).  Each
# starts with a literal character, so a scan of the text for them is quick and finds the few lines worth
# a _URL search (a number's "." alone does not make one).
_URL_GATES = (re.compile(r"\.(?:[cCnNoO]|(?<=[wW]\.))"), re.compile("://"))
# Credits that mark chrome wherever they stand in a line; every other rule of _CHROME is anchored at the start.
_CREDITS = ("ICP备", "版权所有", "技术支持", "主办单位", "承办单位")
_CREDIT_WORDS = tuple(re.compile(re.escape(w)) for w in _CREDITS)  # a literal regex scans faster than ``in``
_CHROME_ANYWHERE = r"ICP备|版权所有|技术支持[：:]|主办单位[：:]|承办单位[：:]"  # each begins with a _CREDITS word
_CHROME = re.compile(
    r"^(?:【[^】]{0,12}】\s*){1,6}$"
    r"|^(?:来源|来源于|作者|责任编辑|编辑|审核|审校|校对|发布时间|发布日期|发布机构|浏览次数|点击数|阅读次数|字号|字体|分享到?|扫一扫|上一篇|下一篇|相关链接|相关阅读|附件下载|打印本页|关闭窗口|返回顶部|当前位置|您当前的位置|网站地图|联系我们)\s*[：:|】\s]"
    r"|^(?:打印本页|关闭窗口|返回顶部|网站地图|联系我们|分享到|扫一扫在手机打开当前页|【打印】|【关闭】)\s*$"
    r"|" + _CHROME_ANYWHERE +
    r"|^\s*\|?\s*(?:[^|\n]{0,40}\|){2,}[^|\n]{0,40}$"  # a table row flattened to pipes (metadata box)
)
_CHROME_CREDIT = re.compile(_CHROME_ANYWHERE)
_TERMINAL = "。！？!?；;：:…"
_TERMINAL_SET = frozenset(_TERMINAL)
_DIGITS = re.compile(r"\d+")
_HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d))")


def line_spans(text: str) -> list[tuple[int, int]]:
    # Most cleaning passes leave the text as they found it, and the next one asks for the same lines:
    # the last text's spans are kept (a copy is handed out, so a caller may change its list).
    last_text, last_spans = _LAST_SPANS[0]
    if last_text is text:
        return list(last_spans)
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    _LAST_SPANS[0] = (text, spans)  # one assignment: a thread reading it sees one text with its spans
    return list(spans)


_LAST_SPANS: list[tuple[str, list[tuple[int, int]]]] = [("", [(0, 0)])]


def drop_furniture(t: Tracked) -> tuple[Tracked, int]:
    """Delete page-number lines, repeated running headers/footers and web chrome."""
    text = t.text
    spans = line_spans(text)
    raws = text.split("\n")  # the lines of ``spans``
    drop: list[tuple[int, int]] = []
    keys = [_header_key(raw) for raw in raws]
    counts = Counter(k for k in keys if k)
    seen: set[str] = set()
    first_content = set(islice((i for i, raw in enumerate(raws) if raw.strip()), 12))
    # What the per-line tests search for anywhere in a line, looked for once in the whole text: most
    # reports hold no credit word and no link, and then no line is searched for one.
    credits = any(w.search(text) for w in _CREDIT_WORDS)
    starts = [s for s, _e in spans]
    links = {bisect_right(starts, m.start()) - 1 for gate in _URL_GATES for m in gate.finditer(text)}
    headers = _running_headers(raws, keys, counts)
    for i, (s, e) in enumerate(spans):
        line = raws[i].strip()
        if not line:
            continue
        key = keys[i]
        if (_PAGE_NUMBER.match(line) and not _subscript(raws, i)) or _is_chrome(line, credits, i in links):
            drop.append((s, e))
        elif key in headers:
            # A running header: keep its first showing when it is the title block at the top.
            if key not in seen and i in first_content:
                seen.add(key)
                continue
            seen.add(key)
            drop.append((s, e))
    return t.delete(drop), len(drop)


def _subscript(raws: list[str], i: int) -> bool:
    """A lone digit between two lines of a sentence, right after a Latin capital, is the subscript a web page
    set on a line of its own (广义货币M|2|预期增长12%左右, SO|2|排放量), not a page number."""
    return (raws[i].strip().isdigit() and len(raws[i].strip()) == 1 and 0 < i < len(raws) - 1
            and raws[i - 1].rstrip()[-1:].isupper() and raws[i - 1].rstrip()[-1:].isascii() and raws[i + 1].strip() != "")


# Where a line of unwrapped text (one paragraph a line) cannot end or start: after an opening bracket or
# quote or a comma, before a closing one or a stop; and between two letters, digits or characters.
_GLUE_BEFORE = re.compile(r"[\u3400-\u9fffA-Za-z0-9《“‘（(「『【，、,]$")
_OPENERS = "《“‘（(「『【"
_CLOSERS = "》”’）)」』】"
_OPENS_SENTENCE = re.compile(r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|首先|其次|再次|第[一二三四五六七八九十]{1,2})$")
_GLUE_AFTER = re.compile(r"^[\u3400-\u9fffA-Za-z0-9》”’）)」』】、，,。；;：:！？]")


def _running_headers(raws: list[str], keys: list[str], counts: Counter[str]) -> set[str]:
    """The keys of short repeated lines that stand apart from the text: running headers and footers.

    A web page breaks a sentence into lines at its links and bold words (关于《\n纲要（草案）\n》的说明,
    民主\n法制\n建设, 一是\n发行…): such a line repeats like a header but is glued into its sentence on
    both sides. A header stands apart: after a finished line, before a heading, or beside a page
    number. A key is a header when at least half of its showings stand apart.
    """
    repeated = {k for k, n in counts.items() if n >= 3}
    if not repeated:
        return repeated
    # layout imports this module (line_spans); the measure is asked for only when a showing is glued
    from duixian.clean import layout

    measure: list[int | None] = []  # found once, when first needed
    apart: Counter[str] = Counter()
    for i in [i for i, key in enumerate(keys) if key in repeated]:
        key = keys[i]
        prev = _next_filled(raws, i, -1)
        nxt = _next_filled(raws, i, 1)
        line = raws[i].strip()
        # a lone 《 or 》, or a list ordinal (一是, 其二) opening a sentence, belongs to the line it touches
        opens = bool(_OPENS_SENTENCE.match(line)) or line[-1] in _OPENERS
        glued = ((bool(_GLUE_BEFORE.search(prev)) or opens) and bool(_GLUE_AFTER.match(nxt))) or (
            line[0] in _CLOSERS and bool(_GLUE_BEFORE.search(prev)))
        glued = glued and not _PAGE_NUMBER.match(prev) and not _PAGE_NUMBER.match(nxt)
        if glued:
            # In hard-wrapped text (a PDF) a page ends mid-sentence at a full line: a header after it is apart.
            if not measure:
                measure.append(layout.text_measure("\n".join(raws)))
            glued = measure[0] is None or layout.width(prev) < measure[0] - 8
        if not glued:
            apart[key] += 1
    return {k for k in repeated if 2 * apart[k] >= counts[k]}


def _next_filled(raws: list[str], i: int, step: int) -> str:
    """The nearest line before (step -1) or after (step 1) line ``i`` that is not blank, stripped."""
    i += step
    while 0 <= i < len(raws):
        line = raws[i].strip()
        if line:
            return line
        i += step
    return ""


def _header_key(line: str) -> str:
    if "。" in line:
        return ""  # a sentence end (below, in ``s`` too): one memchr-fast scan settles most lines
    s = "".join(line.split())  # _SPACES.sub("", line): str.split and \s split on the same characters
    if not s or len(s) > 40 or not _TERMINAL_SET.isdisjoint(s) or _HEADING_NUMBER.match(s):
        return ""
    return _DIGITS.sub("#", s)


def _is_chrome(line: str, credits: bool, link: bool) -> bool:
    """Whether the line is web chrome; ``credits`` / ``link`` False say the text holds no credit word / link."""
    # _CHROME.search, tried the cheap way: its anchored rules can only match at the start (no re.M), and
    # the credits are plain words a literal scan finds.
    if _CHROME.match(line) or (credits and _CHROME_CREDIT.search(line)):
        return True
    # Every link pattern holds a "." or a ":" (characters no case folding reaches): most lines have neither.
    url = _URL.search(line) if link and ("." in line or ":" in line) else None
    # a line that is mostly a link, or a short line carrying one, is page debris or spam
    return bool(url) and (len(line) < 80 or len(_URL.sub("", line)) < len(line) * 0.5)
