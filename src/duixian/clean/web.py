"""What a web page, a collector or a spammer puts around a report.

- the head before the report: a collector's header block (``标题：… 发文时间：… 来源URL：… 正文：``),
  a news page's metadata line, runs of navigation items, a reading-time widget, a doc-sharing
  site's preview banner;
- the tail after the report's last paragraph: share buttons, related-article lists, site credits;
- spam: lines made of gambling / adult-content words, and such phrases injected inside a sentence.

Every rule deletes whole lines (or a label, or an injected phrase) and only where the report
itself cannot be: before its first paragraph or after its last one.  When unsure, the line stays.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from duixian.clean.furniture import line_spans
from duixian.clean.vocab import (
    FOOTER_STARTS,
    HEAD_LABELS,
    NAV_WORDS,
    PREVIEW_BANNER,
    READING_WIDGET,
    SPAM_INJECTED,
    SPAM_WORDS,
)
from duixian.offsets import Edit, Tracked

_HEAD_LINES = 300
_DIRECTORY_RUN = 8  # bare short lines at the very end that make a link list  # the head is looked for among the first lines only
_SENTENCE = re.compile(r"[。！？!]")  # not "?": mojibake turns characters into it
_LABEL = re.compile(r"^(?:" + "|".join(sorted(map(re.escape, HEAD_LABELS), key=len, reverse=True)) + r")\s*[：:]")
_TITLE_LABEL = re.compile(r"^(?:标题|题名)\s*[：:]\s*")
_NAV = frozenset(NAV_WORDS)
_NAV_SPLIT = re.compile(r"[\s|｜/]+|(?<=[>»›])|(?=[<>»›])")
# Lines a report's title block is made of: never navigation, whatever their length.
_TITLE_WORDS = re.compile(r"报告|会议|代表|\d{4}\s*年|[〇○零一二三四五六七八九十]{4}年|——")
_FOOTER = re.compile(
    r"^[（(【\[]?(?:" + "|".join(sorted(map(re.escape, FOOTER_STARTS), key=len, reverse=True)) + r")(?:\s*$|\s*[：:|】\]])"
    r"|ICP备|ICP证|公网安备|版权所有|Copyright|©"
)
_SPAM = re.compile("|".join(map(re.escape, SPAM_WORDS)), re.I)
_INJECTED_WORDS = tuple(re.compile(re.escape(w)) for w in SPAM_INJECTED)  # a literal regex scans faster than ``in``
# An injected phrase: a site brand (letters/digits) glued to a spam word, optionally repeated with commas.
_INJECTED = re.compile(
    r"(?:[0-9A-Za-z]{2,}[\u4e00-\u9fff]{0,3}(?:" + "|".join(map(re.escape, SPAM_INJECTED)) + r")[,，、]?)+"
)


def _uncased_core(word: str) -> str:
    """The longest run of non-space characters without case: what a case-insensitive match of ``word`` holds verbatim."""
    best, run = "", ""
    for ch in word:
        run = run + ch if ch.lower() == ch == ch.upper() and not ch.isspace() else ""
        if len(run) > len(best):
            best = run
    return best


# A line is spam only if it holds a spam word, and (case aside) a spam word holds its uncased core: one
# scan of the text for the cores, without the case-insensitive pattern, finds the only lines worth
# checking.  None when some word has no uncased character (then every line is checked).
_SPAM_CORES = sorted({_uncased_core(w) for w in SPAM_WORDS}, key=lambda c: (-len(c), c))
_SPAM_CORE = re.compile("|".join(map(re.escape, _SPAM_CORES))) if all(_SPAM_CORES) else None
_INJECTED_LONGEST = max(map(len, SPAM_INJECTED))


def _is_paragraph(line: str) -> bool:
    """A line of running report text: long, with a sentence end."""
    return len(line) >= 30 and bool(_SENTENCE.search(line))


def _nav_tokens(line: str) -> list[str]:
    return [tok for tok in _NAV_SPLIT.split(line) if tok]


def _is_nav(line: str) -> bool:
    """A line of navigation items: every token a navigation word, or a row of several short items."""
    if _TITLE_WORDS.search(line):
        return False
    toks = _nav_tokens(line)
    if not toks:
        return True  # separators only (| > >>)
    known = sum(1 for t in toks if t in _NAV or t.startswith("走进"))
    if known == len(toks):
        return True
    return len(toks) >= 4 and known >= 2 and all(len(t) <= 8 for t in toks)


def _is_short_item(line: str) -> bool:
    return len(line) <= 12 and not re.search(r"[，。；：,;:！？]", line) and not _TITLE_WORDS.search(line)


def is_spam_line(line: str) -> bool:
    """Two different spam words, dense enough (4 per 100 characters, injected phrases aside) that the line is made of them.

    A report sentence with one injected phrase keeps its line (the phrase alone goes).
    """
    hits = [m.group().lower() for m in _SPAM.finditer(_INJECTED.sub("", line))]
    return len(set(hits)) >= 2 and len(hits) * 25 >= len(line)


def _spam_lines(spans: list[tuple[int, int]], lines: list[str], cores: list[re.Match[str]] | None, injected: bool) -> set[int]:
    """The indices of ``lines`` that ``is_spam_line`` says are spam, checking only the lines that can be.

    ``cores``: the _SPAM_CORE matches in the text (None: not looked for); ``injected``: whether the
    text holds a word of SPAM_INJECTED."""
    if cores is None or injected:
        # An injected phrase removed from a line could join a spam word's halves: check every line.
        return {i for i, ln in enumerate(lines) if is_spam_line(ln)}
    starts = [s for s, _e in spans]
    # Every character outside ``spans`` is whitespace, so a core found in the text lies inside a span.
    maybe = {bisect_right(starts, m.start()) - 1 for m in cores}
    return {i for i in maybe if is_spam_line(lines[i])}


def _holds_injected_word(text: str, cores: list[re.Match[str]] | None) -> bool:
    """Whether ``text`` holds a word of SPAM_INJECTED.

    Each of them is a spam core too, so the scan for cores stops at or inside any of its occurrences:
    with the cores' matches at hand, only the few characters around them are looked at."""
    if cores is None:
        return any(w.search(text) for w in _INJECTED_WORDS)
    reach = _INJECTED_LONGEST - 1
    return any(w in text[max(0, m.start() - reach) : m.end() + reach] for m in cores for w in SPAM_INJECTED)


def drop_page_chrome(t: Tracked) -> tuple[Tracked, int]:
    """Delete head chrome, the web footer after the report, spam lines and injected spam phrases."""
    text = t.text
    spans, lines = [], []
    for (s, e), raw in zip(line_spans(text), text.split("\n"), strict=True):
        if line := raw.strip():
            spans.append((s, e))
            lines.append(line)
    drop: set[int] = set()
    labels: dict[int, Edit] = {}
    cores = list(_SPAM_CORE.finditer(text)) if _SPAM_CORE is not None else None
    # Each injected phrase holds one of SPAM_INJECTED's words verbatim: a text without them has none.
    injected = _holds_injected_word(text, cores)

    # Spam lines anywhere.
    drop.update(_spam_lines(spans, lines, cores, injected))

    # The head: lines before the first paragraph of running text or the salutation.
    head = next(
        (i for i, ln in enumerate(lines[:_HEAD_LINES]) if (_is_paragraph(ln) and not _LABEL.match(ln)) or ln.startswith("各位代表")),
        0,
    )
    for i in range(head):
        ln = lines[i]
        if m := _TITLE_LABEL.match(ln):
            s = spans[i][0] + len(text[spans[i][0] : spans[i][1]]) - len(text[spans[i][0] : spans[i][1]].lstrip())
            labels[i] = Edit(s, s + m.end(), "")  # keep the title, drop its label
        elif _LABEL.match(ln) or READING_WIDGET.match(ln) or PREVIEW_BANNER.search(ln) or _is_nav(ln):
            drop.add(i)
    # Runs of three or more short items in the head with a navigation word among them: a menu.
    i = 0
    while i < head:
        j = i
        while j < head and (_is_short_item(lines[j]) or j in drop):
            j += 1
        if j - i >= 3 and any(_is_nav(lines[k]) for k in range(i, j)):
            drop.update(range(i, j))
        i = j + 1
    # A preview banner or a reading widget may also stand right at the first paragraph.
    if head < len(lines) and (READING_WIDGET.match(lines[head]) or PREVIEW_BANNER.search(lines[head])):
        drop.add(head)

    # The tail: from the first footer line after the last paragraph to the end.
    # (the last such line: looked for from the end, so the report's body is not searched for footer words)
    last = next((i for i in range(len(lines) - 1, -1, -1) if _is_paragraph(lines[i]) and not _FOOTER.search(lines[i])), -1)
    start = next((i for i in range(last + 1, len(lines)) if _FOOTER.search(lines[i])), None)
    if start is not None and last >= 0:
        drop.update(range(start, len(lines)))
    # A link directory closing the page: a report never ends with a run of bare names.
    k = len(lines)
    while k > last + 1 and (_is_short_item(lines[k - 1]) or _FOOTER.search(lines[k - 1]) or k - 1 in drop):
        k -= 1
    if last >= 0 and len(lines) - k >= _DIRECTORY_RUN:
        drop.update(range(k, len(lines)))

    edits = [ed for i, ed in labels.items() if i not in drop]
    # Spam phrases injected inside report sentences.
    for i, (s, _e) in enumerate(spans if injected else []):
        if i in drop or i in labels:
            continue
        for m in _INJECTED.finditer(text, s, _e):
            edits.append(Edit(m.start(), m.end(), ""))

    for i in drop:
        edits.append(Edit(spans[i][0], spans[i][1], ""))
    return t.apply(edits), len(drop)
