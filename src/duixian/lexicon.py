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
    out = []
    for r in csv.DictReader(lines):
        if None in r:  # more cells than the header names: an unquoted comma in a note
            raise InternalError(f"{filename}: the row for {r.get('term') or r}: has more columns than its header; "
                                "put a note that contains a comma in double quotes")
        out.append({k: (v or "").strip() for k, v in r.items()})
    return tuple(out)


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


# The vocabulary files code asks for by name (docs/lexicon.md says what each set means).
PLEDGES = "pledges.csv"  # what makes a plan clause a pledge, or keeps it out
STAGES = "stages.csv"  # how far work has come (weight: 1 started … 4 done)
NAMES = "names.csv"  # words that do or do not say which thing is meant
UNITS = "units.csv"  # count words
TIME = "time.csv"  # parts of the plan year (weight: the month)
ABBREVIATIONS = "abbreviations.csv"  # short form → long form (columns short,long,note)


@cache
def terms(filename: str, name: str) -> tuple[str, ...]:
    """The terms of one set in file order, each once; weights not needed."""
    out = tuple(dict.fromkeys(r["term"] for r in rows(filename) if r["set"] == name))
    if not out:
        raise InternalError(f"{filename}: no terms in set {name!r}")
    return out


def words(filename: str, name: str) -> str:
    """The set as the source of a regex alternation, for code that builds a grammar around it (``^(?:…)+``)."""
    return alternatives((filename, name))


@cache
def alternatives(*sets: tuple[str, str]) -> str:
    """The terms of one or more (file, set) pairs as the source of one alternation, longest term first, so
    a term is never cut short by a shorter one it starts with (新一轮 against 新), whatever order the files
    list them in."""
    every = dict.fromkeys(t for filename, name in sets for t in terms(filename, name))
    return "|".join(re.escape(t) for t in sorted(every, key=len, reverse=True))


@cache
def pattern(filename: str, name: str, *more: tuple[str, str]) -> re.Pattern[str]:
    """One compiled pattern matching any term of a set, or of several (``more``: further (file, set) pairs)."""
    return re.compile(alternatives((filename, name), *more))


@cache
def levels(filename: str, name: str) -> dict[int, tuple[str, ...]]:
    """level → terms of a set whose weight is a small whole number (stages 1–4, months 1–12)."""
    out: dict[int, list[str]] = {}
    for term, w in weighted(filename, name).items():
        if w != int(w):
            raise InternalError(f"{filename}: level of {term!r} is not a whole number")
        out.setdefault(int(w), []).append(term)
    return {k: tuple(v) for k, v in out.items()}


@cache
def level_patterns(filename: str, name: str) -> dict[int, re.Pattern[str]]:
    return {k: re.compile("|".join(re.escape(t) for t in sorted(v, key=len, reverse=True)))
            for k, v in levels(filename, name).items()}


@cache
def table(filename: str, key: str, value: str) -> dict[str, str]:
    """key → value of a two-column vocabulary file (abbreviations.csv: short → long)."""
    out = {r[key]: r[value] for r in rows(filename)}
    if not out or any(not k or not v for k, v in out.items()):
        raise InternalError(f"{filename}: empty or missing {key}/{value}")
    return out


def bigrams(s: str) -> list[str | None]:
    """Character bigrams of s in order, None where a pair includes a non-word character (punctuation,
    the | gaps tracking puts where it removed words), so no pair ever joins across a gap.

    Tracking compares the pairs of a pledge with those of a review clause; search indexes passages as
    phrases of them (a None keeps its position, so phrases never match across punctuation). Both need
    the same pairs; search lower-cases first, tracking compares text as written."""
    word = [c.isalnum() or c == "_" for c in s]  # exactly re's \w, without a regex call per character
    return [s[i : i + 2] if word[i] and word[i + 1] else None for i in range(len(s) - 1)]
