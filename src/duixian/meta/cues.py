"""The genre's metadata vocabulary (data/meta_cues.csv, data/npc_sessions.csv), loaded once."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

HAN = "\u4e00-\u9fff"
CN_DIGITS = "〇○零一二三四五六七八九"
_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "两": 2}
_YEAR_DIGITS = str.maketrans(CN_DIGITS, "0001234567" "89")
# A year as reports write it, as a pattern (no group, to be put inside one): four digits of 19xx/20xx, or digit
# by digit in numerals as reports and their web copies wrote it into the 1990s (一九八五, 二〇二三, 二○○五).
# The one definition every reader of a year word uses (structure/parts.py, extract/deadlines.py,
# extract/metrics.py); ``year_value`` reads what it matches.
YEAR_WORD = rf"(?:19|20)\d\d|(?:一九|二[〇○零])[{CN_DIGITS}]{{2}}"


def year_value(word: str) -> int:
    """The year a four-digit year word names, Arabic or digit by digit in numerals as reports wrote it into the
    1990s (2023, 一九八五, 二〇二三); ``cn_int`` reads any numeral, this only year words, without its loop."""
    return int(word.translate(_YEAR_DIGITS))


@dataclass(frozen=True)
class Cue:
    word: str
    value: str
    weight: float


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("duixian.data").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[Cue, ...]]:
    out: dict[str, list[Cue]] = {}
    for row in _rows("meta_cues.csv"):
        out.setdefault(row["kind"], []).append(Cue(row["word"], row["value"], float(row["weight"] or 1)))
    # Longest first, so that an alternation built from them prefers 国务院总理 to 总理.
    return {k: tuple(sorted(v, key=lambda c: -len(c.word))) for k, v in out.items()}


@cache
def words(kind: str) -> tuple[str, ...]:
    # Cached: the speaker and date collectors ask for the same few kinds once per candidate.
    return tuple(c.word for c in cues().get(kind, ()))


@cache
def alternation(kind: str) -> str:
    return "|".join(re.escape(w) for w in words(kind))


@lru_cache(maxsize=1)
def npc_sessions() -> dict[tuple[int, int], tuple[int, int]]:
    """(term, session) of the National People's Congress → (year, month) it opened."""
    return {(int(r["term"]), int(r["session"])): (int(r["year"]), int(r["month"])) for r in _rows("npc_sessions.csv")}


def cn_int(s: str) -> int | None:
    """``十二`` → 12, ``二十一`` → 21, ``5`` → 5, ``二〇一二`` → 2012 (digit by digit when there is no 十/百)."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" not in s and "百" not in s:
        digits = [_CN_VALUE.get(c) for c in s]
        return None if None in digits else int("".join(str(d) for d in digits))
    total, current = 0, 0
    for c in s:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        elif c in _CN_VALUE:
            current = _CN_VALUE[c]
        else:
            return None
    return total + current
