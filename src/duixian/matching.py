"""One-to-one pairing: the evaluation pairs gold and predicted records, tracking pairs promised and
reported amounts — both take the best-scored pair first and never use either side twice."""

from __future__ import annotations

from collections.abc import Iterable


def one_to_one(ranked: Iterable[tuple[object, int, int]]) -> list[tuple[int, int]]:
    """(left, right) index pairs from candidates already sorted best first ``(key, left, right)``."""
    used_left: set[int] = set()
    used_right: set[int] = set()
    out = []
    for _, i, j in ranked:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        out.append((i, j))
    return out
