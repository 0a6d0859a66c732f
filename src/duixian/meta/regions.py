"""China's administrative divisions (GB/T 2260 codes) from the bundled data file."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


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
    """``呼伦贝尔市海拉尔区`` → [``呼伦贝尔市``, ``海拉尔区``] using the table's names.

    From the left, the longest name that begins there (two characters or more) is taken, else the character
    is skipped. The longest name is found walking forwards while the text read so far still begins some
    name, not trying every length from the end of the string down.
    """
    names = table()
    prefixes = _prefixes()
    out: list[str] = []
    i, n = 0, len(written)
    while i < n:
        found = 0
        end = i + 2
        while end <= n and written[i:end] in prefixes:
            if written[i:end] in names:
                found = end
            end += 1
        if found:
            out.append(written[i:found])
            i = found
        else:
            i += 1
    return out


def beginnings() -> frozenset[str]:
    """Every beginning of two characters or more of every name in the table (the names included)."""
    return _prefixes()


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """Every beginning of two characters or more of every name (the names included)."""
    return frozenset(name[:k] for name in table() for k in range(2, len(name) + 1))


def resolve(
    written: str, context: str, count: Callable[[str], int] | None = None
) -> tuple[Division | None, list[Division]]:
    """Find the division a report names (``written`` as printed) using the rest of the text.

    Returns (the division or None, all candidates).  None with several candidates means the
    name is ambiguous and the text does not say which one; the caller keeps it unknown. ``count`` counts
    a word in ``context`` (``context.count``, or a faster equal one).
    """
    count = count or context.count
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
            score += count(parent) * 3 + count(short(parent))
        scores.append(score)
    best = max(scores)
    if best > 0 and scores.count(best) == 1:
        return candidates[scores.index(best)], candidates
    return None, candidates


_SUFFIXES = "省市区县旗州盟"  # the characters a division name ends on
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


# A trie: nested dicts keyed by character; the key _END holds the word that ends at a node.
_END = ""


def _trie(words: Iterable[str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = w
    return root


@lru_cache(maxsize=1)
def _names_backwards() -> dict[str, Any]:
    """The table's names spelled from the last character back: a name ending at a suffix is walked back."""
    return _trie(name[::-1] for name in table())


@lru_cache(maxsize=1)
def _stems_forwards() -> tuple[dict[str, Any], int]:
    """The stems' trie and the longest stem's length."""
    stems = by_short()
    return _trie(stems), max(map(len, stems), default=0)


def mentions(text: str) -> list[tuple[str, int]]:
    """Every full division name in ``text`` with its start (longest name ending at each suffix character).

    Found from the suffix backwards through a trie of the names spelled backwards, which costs a few
    dictionary look-ups per 省/市/区/县 character instead of one pattern per division (or one look-up per
    possible length).  Two-character names (城区, 郊区, 矿区) are also common words and are left out; a
    strong cue still finds them.  A suffix is walked back from only when the character before it can end
    a name there (most 区 and 市 of a report, as in 城区 and 全市, end none).
    """
    root = _names_backwards()
    endings = _endings()
    out: list[tuple[str, int]] = []
    for i in _suffixes(text):
        if i < 2 or text[i - 2 : i + 1] not in endings:
            continue
        node = root
        found = -1
        # Names of 3 to _MAX_NAME characters ending at i: walk back while some name still fits.
        for j in range(i, max(-1, i - _MAX_NAME), -1):
            node = node.get(text[j])
            if node is None:
                break
            if _END in node and i - j >= 2:
                found = j
        if found >= 0:
            out.append((text[found : i + 1], found))
    return out




def _suffixes(text: str) -> list[int]:
    """Positions of the suffix characters in text order (one memchr-fast find walk per character, not a
    pattern tried at every position)."""
    out: list[int] = []
    for ch in _SUFFIXES:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


@lru_cache(maxsize=1)
def _endings() -> frozenset[str]:
    """The last three characters of every name of three or more: a name found ends on one of them."""
    return frozenset(name[-3:] for name in table() if len(name) >= 3)


def stems_in(text: str) -> dict[str, int]:
    """Counts of division stems (渝北, 清苑) occurring anywhere in ``text``, longest stem first at each place.

    Each position is walked through a trie of the stems as far as some stem still fits, instead of one
    look-up per stem length.
    """
    root, longest = _stems_forwards()
    counts: dict[str, int] = defaultdict(int)
    for i, ch in enumerate(text):
        node = root.get(ch)
        if node is None:
            continue
        found = ""
        for c in text[i + 1 : i + longest]:
            node = node.get(c)
            if node is None:
                break
            found = node.get(_END, found)
        if found:
            counts[found] += 1
    return dict(counts)
