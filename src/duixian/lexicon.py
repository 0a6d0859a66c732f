"""The genre's vocabulary, kept as data a domain expert can extend (``data/*.csv``), loaded once.

Each file has a header row; lines starting with ``#`` are comments. Code asks for a named set and
gets its terms (and weights, where the set is scored) without knowing the file's layout.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from duixian.errors import InternalError


def rows(filename: str) -> tuple[dict[str, str], ...]:
    """The data rows of a vocabulary file, comments and blank lines left out."""
    return _rows(filename)


@cache
def _rows(filename: str) -> tuple[dict[str, str], ...]:
    with resources.files("duixian.data").joinpath(filename).open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple({k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines))


@cache
def weighted(filename: str, name: str) -> dict[str, float]:
    """term → weight of one set of a scored vocabulary file (``set,term,weight,…``)."""
    out: dict[str, float] = {}
    for r in rows(filename):
        if r["set"] == name:
            try:
                out[r["term"]] = float(r["weight"])
            except ValueError as e:
                raise InternalError(f"{filename}: weight of {r['term']!r} is not a number") from e
    if not out:
        raise InternalError(f"{filename}: no terms in set {name!r}")
    return out


@cache
def sets(filename: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r["set"] for r in rows(filename)))


@cache
def alternation(filename: str, name: str) -> re.Pattern[str]:
    """One pattern matching any term of a set, longest first (so 过去的一年 wins over 一年)."""
    terms = sorted(weighted(filename, name), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms))
