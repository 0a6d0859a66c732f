"""China's administrative divisions (GB/T 2260 codes) from the bundled data file."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    kind: str  # province | city | county (the table's own level)
    province: str
    city: str

    @property
    def full(self) -> str:
        parts = [self.province]
        if self.city and self.city != self.province:
            parts.append(self.city)
        if self.name not in parts:
            parts.append(self.name)
        return "".join(parts)

    @property
    def level(self) -> str:
        """The report level of a government of this division."""
        if self.kind in {"province", "city"}:
            return self.kind
        if self.name.endswith("区"):
            return "district"
        if self.name.endswith("市"):
            return "city"  # a county-level city
        return "county"


NATION = Division("100000", "中国", "nation", "", "")

_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|特别行政区|地区|盟|省|市|区|县|旗|州)$")


@lru_cache(maxsize=1)
def table() -> dict[str, list[Division]]:
    by_name: dict[str, list[Division]] = defaultdict(list)
    with resources.files("duixian.data").joinpath("divisions.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            d = Division(row["code"], row["name"], row["level"], row["province"], row["city"])
            by_name[d.name].append(d)
    return dict(by_name)


def short(name: str) -> str:
    """``安阳市`` → ``安阳``, ``内蒙古自治区`` → ``内蒙古`` (how names appear inside text)."""
    stem = _SUFFIX.sub("", name)
    return stem if len(stem) >= 2 else name


def split_chain(written: str) -> list[str]:
    """``呼伦贝尔市海拉尔区`` → [``呼伦贝尔市``, ``海拉尔区``] using the table's names."""
    names = table()
    out: list[str] = []
    rest = written
    while rest:
        for end in range(len(rest), 1, -1):
            if rest[:end] in names:
                out.append(rest[:end])
                rest = rest[end:]
                break
        else:
            rest = rest[1:]
    return out


def resolve(written: str, context: str) -> tuple[Division | None, list[Division]]:
    """Find the division a report names (``written`` as printed) using the rest of the text.

    Returns (the division or None, all candidates).  None with several candidates means the
    name is ambiguous and the text does not say which one; the caller keeps it unknown.
    """
    chain = split_chain(written)
    if not chain:
        return None, []
    candidates = table().get(chain[-1], [])
    if len(candidates) <= 1:
        return (candidates[0] if candidates else None), candidates
    prefix = chain[:-1]
    if prefix:
        narrowed = [c for c in candidates if any(p in (c.city, c.province) for p in prefix)]
        if len(narrowed) == 1:
            return narrowed[0], candidates
    scores = []
    for c in candidates:
        score = 0
        for parent in {c.city, c.province} - {""}:
            score += context.count(parent) * 3 + context.count(short(parent))
        scores.append(score)
    best = max(scores)
    if best > 0 and scores.count(best) == 1:
        return candidates[scores.index(best)], candidates
    return None, candidates


_SUFFIX_CHAR = re.compile("[省市区县旗州盟]")
_MAX_NAME = 12


@lru_cache(maxsize=1)
def by_short() -> dict[str, list[Division]]:
    """Divisions by the stem a text uses without the suffix (``渝北`` for 渝北区); stems of 2+ characters only."""
    out: dict[str, list[Division]] = defaultdict(list)
    for divisions in table().values():
        for d in divisions:
            stem = short(d.name)
            if stem != d.name and len(stem) >= 2:
                out[stem].append(d)
    return dict(out)


def lookup(name: str) -> list[Division]:
    """Divisions a written name can mean: the full name, else the stem (``重庆`` → 重庆市)."""
    return table().get(name) or by_short().get(name, [])


def mentions(text: str) -> list[tuple[str, int]]:
    """Every full division name in ``text`` with its start (longest name ending at each suffix character).

    Found from the suffix backwards, which costs a few dictionary look-ups per 省/市/区/县 character
    instead of one pattern per division.  Two-character names (城区, 郊区, 矿区) are also common words
    and are left out; a strong cue still finds them.
    """
    names = table()
    out: list[tuple[str, int]] = []
    for m in _SUFFIX_CHAR.finditer(text):
        i = m.start()
        for length in range(min(_MAX_NAME, i + 1), 2, -1):
            cand = text[i + 1 - length : i + 1]
            if cand in names:
                out.append((cand, i + 1 - length))
                break
    return out


def stems_in(text: str) -> dict[str, int]:
    """Counts of division stems (渝北, 清苑) occurring anywhere in ``text``, longest stem first at each place."""
    stems = by_short()
    lengths = sorted({len(s) for s in stems}, reverse=True)
    counts: dict[str, int] = defaultdict(int)
    for i in range(len(text)):
        for n in lengths:
            if text[i : i + n] in stems:
                counts[text[i : i + n]] += 1
                break
    return dict(counts)
