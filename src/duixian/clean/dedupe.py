"""A report pasted several times into one file: keep the first copy."""

from __future__ import annotations

import re

from duixian.offsets import Tracked

_WS = re.compile(r"\s+")
_PROBE = 60
_MIN_PERIOD = 400


def collapse_repeats(t: Tracked) -> tuple[Tracked, int]:
    """Return the text cut after its first copy, and how many copies there were."""
    text = t.text
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(text[i] for i in keep)
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
        check = min(period, 3000)
        if squeezed[at : at + check] != squeezed[second : second + check]:
            continue
        copies = 1 + squeezed.count(probe, at + 1)
        cut = keep[period] if period < n else len(text)
        return t.slice(0, cut), copies
    return t, 1
