"""Position lookups that stay linear on a whole corpus file: which of many stretches hold a position.

A 5 MB text has tens of thousands of sentences and a thousand sections; testing each against every
stretch made extraction quadratic. Both lookups here sort once and then walk or bisect.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Protocol


class _Nested(Protocol):
    # read-only members, so frozen dataclasses (Section) fit
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def level(self) -> int: ...


def innermost(items: Sequence[_Nested], positions: Iterable[int]) -> list[int | None]:
    """For each position (ascending), the index of the deepest item holding it — of equally deep ones the
    last in ``items``, as a scan over the items in order picks."""
    order = sorted(range(len(items)), key=lambda i: items[i].start)
    out: list[int | None] = []
    open_: list[int] = []
    k = 0
    for pos in positions:
        while k < len(order) and items[order[k]].start <= pos:
            open_.append(order[k])
            k += 1
        open_ = [i for i in open_ if items[i].end > pos]
        best: int | None = None
        for i in open_:
            if best is None or items[i].level > items[best].level or (items[i].level == items[best].level and i > best):
                best = i
        out.append(best)
    return out


class Covered:
    """Whether a position lies in any of a set of half-open stretches (overlaps allowed)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(sp for sp in spans if sp[1] > sp[0]):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with any stretch."""
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._ends[i] > start
