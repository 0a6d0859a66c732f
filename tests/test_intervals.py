"""The position lookups agree with the scans they replace (which were quadratic on a corpus file)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from duixian.intervals import Covered, innermost


@dataclass
class Item:
    start: int
    end: int
    level: int


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30), st.integers(1, 4)), max_size=12)


@given(spans, st.lists(st.integers(0, 100), max_size=30))
def test_innermost_is_the_scan(raw, positions) -> None:
    items = [Item(s, s + n, lv) for s, n, lv in raw]
    positions = sorted(positions)

    def scan(pos: int):
        best = None
        for i, d in enumerate(items):
            if d.start <= pos < d.end and (best is None or d.level >= items[best].level):
                best = i
        return best

    assert innermost(items, positions) == [scan(p) for p in positions]


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12), st.integers(0, 90),
       st.integers(1, 10))
def test_covered_is_the_scan(raw, pos, width) -> None:
    stretches = [(s, s + n) for s, n in raw]
    c = Covered(stretches)
    assert (pos in c) == any(a <= pos < b for a, b in stretches)
    assert c.overlaps(pos, pos + width) == any(a < pos + width and pos < b for a, b in stretches if b > a)
