"""A report pasted several times into one file: keep the first copy."""

from __future__ import annotations

import re
from itertools import islice

from duixian.clean.furniture import line_spans
from duixian.offsets import Tracked

_NON_WS = re.compile(r"\S+")
_PROBE = 60
_MIN_PERIOD = 400


def _same_copy(squeezed: str, at: int, period: int) -> bool:
    """Whether the text one period on repeats the stretch at ``at``.

    Pasted copies of a scraped page differ in their page chrome (a breadcrumb shown on one page and
    not another), so the check is not exact equality: the first stretch repeats exactly, and most of
    a handful of probes spread over the period repeat at the same distance.
    """
    check = min(period // 4, 1000)
    if squeezed[at : at + check] != squeezed[at + period : at + period + check]:
        return False
    probes = [at + period * k // 6 for k in range(1, 6)]
    hits = sum(1 for p in probes if squeezed[p : p + _PROBE] == squeezed[p + period : p + period + _PROBE])
    return hits >= 4


def collapse_repeats(t: Tracked) -> tuple[Tracked, int]:
    """Return the text cut after its first copy, and how many copies there were."""
    text = t.text
    # The text without its whitespace: str.split splits on exactly what \s matches (str.isspace), and
    # joining its pieces copies a few hundred runs where a regex sub visits every character.
    squeezed = "".join(text.split())
    n = len(squeezed)
    if n < 2 * _MIN_PERIOD:
        return t, 1
    # Probe a stretch near the start (past any title block) and look for it again later.
    for at in (n // 20, n // 10, n // 6):
        probe = squeezed[at : at + _PROBE]
        second = squeezed.find(probe, at + _MIN_PERIOD)
        if second < 0:
            continue
        period = second - at
        if not _same_copy(squeezed, at, period):
            continue
        copies = 1 + squeezed.count(probe, at + 1)
        cut = _kept_position(text, period) if period < n else len(text)
        return t.slice(0, cut), copies
    return t, 1


def _kept_position(text: str, k: int) -> int:
    """Where the ``k``-th (from 0) non-whitespace character of ``text`` stands."""
    seen = 0
    for m in _NON_WS.finditer(text):
        run = m.end() - m.start()
        if seen + run > k:
            return m.start() + k - seen
        seen += run
    return len(text)


_NON_KEY = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]+")
_ELLIPSIS = re.compile(r"(?:…+|\.{3,}|。{3,})\s*$")
_LEAD_LINES = 60  # a lead passage sits at the top
_LEAD_MIN = 30  # key characters a passage needs before it counts as a repeat
_LEAD_SLACK = 4  # a lead cut mid-word may end with a few characters the full text spells differently
_HEAD = 16  # characters of a line whose key is compared first (no longer than _LEAD_MIN)


def _key(s: str) -> str:
    """Letters, digits and CJK only: spacing, punctuation and mojibake (?, U+FFFD) do not count."""
    return _NON_KEY.sub("", s)


def _key_starts_with(text: str, start: int, end: int, probe: str) -> bool:
    """Whether ``_key(text[start:end])`` starts with ``probe``, reading only as far as needed.

    The key of a text is the keys of its pieces joined, so it is built a growing piece at a time and
    the reading stops at the first piece that departs from the probe (most lines: the first).
    """
    got = ""
    pos, step = start, 64
    while len(got) < len(probe):
        if pos >= end:
            return False
        got += _key(text[pos : min(end, pos + step)])
        if not probe.startswith(got[: len(probe)]):
            return False
        pos += step
        step *= 2
    return True


def drop_lead_passages(t: Tracked) -> tuple[Tracked, int]:
    """Delete an opening passage printed again right below it (a page's abstract, a cell's lead).

    Spreadsheet cells and news pages often start with the report's first paragraphs as a lead
    (cut with …… or not) and then give the full text.  A line near the top whose letters are the
    start of the text that follows it is that lead; the full text stays.
    """
    text = t.text
    spans = list(islice(((s, e) for s, e in line_spans(text) if text[s:e].strip()), _LEAD_LINES + 1))
    drop: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(spans[:-1]):
        if e - s < _LEAD_MIN:
            continue  # a key is never longer than its line
        follow = spans[k + 1][0]
        # The probe is at least _LEAD_MIN - _LEAD_SLACK key characters of this line, and the next line's key
        # must start with it: the keys of the first few characters of both already tell most lines apart.
        head, next_head = _key(text[s : s + _HEAD]), _key(text[follow : follow + _HEAD])
        m = min(len(head), len(next_head), _LEAD_MIN - _LEAD_SLACK)
        if head[:m] != next_head[:m]:
            continue
        # the ellipsis is no key character: the key is the line's whole key
        lead = _key(text[s:e])
        if len(lead) < _LEAD_MIN:
            continue
        probe = lead[: len(lead) - _LEAD_SLACK] if _ELLIPSIS.search(text[s:e]) else lead
        if _key_starts_with(text, follow, min(len(text), follow + 3 * (e - s) + 200), probe):
            drop.append((s, e))
    return t.delete(drop), len(drop)
