"""The reader's text: clean text cut into runs, each run knowing every record that covers it.

Records nest and overlap (a target inside a pledge, a glossary term inside both), so highlights cannot be
nested tags.  Cutting the text at every span boundary gives flat runs; a run carries the ids of all
records covering it, and the page styles it by those records' kinds.  Section starts are boundaries too,
so the outline can link to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Mark:
    rid: str  # page-unique id, e.g. "targets-3"
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Run:
    text: str
    start: int
    marks: tuple[str, ...]  # rids covering this run, outermost (longest) first
    kinds: tuple[str, ...]
    anchor: str | None = None  # section id starting here


def runs(text: str, marks: list[Mark], anchors: dict[int, str] | None = None) -> list[Run]:
    anchors = anchors or {}
    cuts = {0, len(text), *anchors}
    for m in marks:
        cuts.add(max(0, min(len(text), m.start)))
        cuts.add(max(0, min(len(text), m.end)))
    points = sorted(cuts)
    # sweep: records sorted by start; active set updated at each cut
    by_start = sorted(marks, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Run] = []
    active: list[Mark] = []
    i = 0
    for a, b in pairwise(points):
        active = [m for m in active if m.end > a]
        while i < len(by_start) and by_start[i].start <= a:
            if by_start[i].end > a:
                active.append(by_start[i])
            i += 1
        ordered = sorted(active, key=lambda m: (-(m.end - m.start), m.start))
        kinds = tuple(dict.fromkeys(m.kind for m in ordered))
        out.append(Run(text[a:b], a, tuple(m.rid for m in ordered), kinds, anchors.get(a)))
    return out
