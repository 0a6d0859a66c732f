"""Finding the review sentence that speaks of a pledge.

Matching is by character bigrams after normalising whitespace and width, on the pledge's *naming*
words (track/names.py): verbs, adverbs, amounts, years and function characters say nothing about
which thing is meant.
On top of the overlap score, four checks keep a sentence that merely shares words from passing as
evidence:

* where-words: sharing only 国家级 or 高新区 names a level or a place, not the thing;
* titles: a pledge to win a title (创建三甲医院, 争创国家级众创空间) needs that title in the evidence;
* phases: a pledge about 二期 is not evidenced by a sentence about the project without that phase;
* parts: a pledge that lists named parts (城南、城北、华耀城3个社区卫生服务中心) is evidenced by the parts,
  not by the class noun they share; some parts found is partial, every part found is evidence even
  when the surrounding words differ (荷花特色商业街区、五一路商业街区 → 荷花渡、五一路夜经济).
"""

from __future__ import annotations

import math
import re
from collections.abc import Container
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import lru_cache

from duixian import lexicon
from duixian.extract.context import Context
from duixian.extract.quantity import quantities_of
from duixian.track.names import (
    Names,
    example_named,
    expand,
    grams,
    named,
    normalise,
    only_in_sum,
    opening_verb,
    other_event,
    other_kind,
    other_threshold,
    part_found,
    wording,
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    score: float  # share of the pledge's naming grams found here
    run: int = 0  # longest stretch of consecutive pledge grams found (2: a shared three-character name)
    anchored: bool = False  # the clause repeats one of the pledge's own amounts
    parts_found: tuple[int, ...] = ()  # indexes of the enumerated parts named here
    off_year: bool = False  # the clause speaks of another year
    near: bool = False  # chosen for an amount of the pledge's unit close to the promised one


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    grams: frozenset[str]  # short forms spelled out
    off_year: bool  # names a year other than the one under review (2024年再次成功举办…)
    sentence: int = 0
    said: str = ""  # the clause normalised, short forms spelled out


_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")


def candidates(ctx: Context, part: str = "review") -> list[Clause]:
    """Clauses of the review (or, for indirect evidence, of the next year's plan in the same report)
    with their bigrams, computed once per report."""
    year = ctx.review_year if part == "review" else ctx.plan_year
    out = []
    for n, cs, ce in ctx.part_clauses(part):
        if ce - cs < 2:
            continue
        clause = ctx.text[cs:ce]
        off = year is not None and any(int(y) != year for y in _ANY_YEAR.findall(clause))
        said = normalise(expand(clause))
        out.append(Clause(cs, ce, frozenset(grams(said)), off, n, said))
    return out


def best(n: Names, cands: list[Clause], ranked: list[Candidate] | None = None) -> Candidate | None:
    """The clause (or two adjacent clauses of one sentence) naming the most parts, then covering most
    of the pledge's naming grams (``ranked``: the clauses already scored for this pledge)."""
    ranked = scored(n, cands) if ranked is None else ranked
    return max(ranked, key=_rank) if ranked else None


def scored(n: Names, cands: list[Clause]) -> list[Candidate]:
    """Every clause (or pair of adjacent clauses) sharing naming grams with the pledge, scored."""
    if not n.want:
        return []
    out: list[Candidate] = []
    weights = _weights_of(cands)
    common: Container[str] = _Common(cands) if n.parts else frozenset()
    for i, cl in enumerate(cands):
        hit = len(n.want & cl.grams)
        if not hit:
            continue
        start, end, got, off, said = cl.start, cl.end, cl.grams, cl.off_year, cl.said
        if i + 1 < len(cands) and cands[i + 1].sentence == cl.sentence:  # the next clause of the same sentence
            nxt = cands[i + 1]
            if len(n.want & (got | nxt.grams)) > hit:
                start, end, got, off, said = cl.start, nxt.end, got | nxt.grams, off or nxt.off_year, said + nxt.said
        found = tuple(k for k, p in enumerate(n.parts) if part_found(p, got, said, common=common))
        named_here = got - n.measure if n.measure else got  # 平均每年 shared says nothing of what is measured
        out.append(Candidate(start, end, _share(n.want, named_here, weights), _run(n.core, named_here), parts_found=found,
                             off_year=off))
    return out


_WEIGHTS: dict[int, tuple[list[Clause], dict[str, float]]] = {}


def _weights_of(cands: list[Clause]) -> dict[str, float]:
    """The rarity table of a review's clauses, computed once per list (a pair rates dozens of items)."""
    hit = _WEIGHTS.get(id(cands))
    if hit is None or hit[0] is not cands:
        if len(_WEIGHTS) > 8:
            _WEIGHTS.clear()
        hit = (cands, _rarity(cands))
        _WEIGHTS[id(cands)] = hit
    return hit[1]


def _rarity(cands: list[Clause]) -> dict[str, float]:
    """How rare each bigram is among the review's clauses: shared rare words (就业, 沼气) say more about
    which thing is meant than shared common ones (中央财政, 资金)."""
    df = _clause_counts(cands)
    n = len(cands) + 1
    out = {g: math.log(n / (d + 1)) + 1.0 for g, d in df.items()}
    out[_RAREST] = max(out.values(), default=1.0)
    return out


_RAREST = ""  # the key under which a rarity table keeps its largest weight (no bigram is empty)


def _share(want: frozenset[str], got: frozenset[str], weights: dict[str, float]) -> float:
    top = weights.get(_RAREST, 1.0)  # a gram no clause has is as rare as the rarest
    # fsum: a set's order changes from run to run (string hashing), and a plain sum's last bit with it, which
    # could move a score across a threshold (0.5) and a verdict with it
    total = math.fsum(weights.get(g, top) for g in want)
    return math.fsum(weights.get(g, top) for g in want & got) / total if total else 0.0


# Among clauses naming the pledge almost as well as the best one, an amount of the pledge's unit closest
# to the promised one binds the pledge to its own item (就业资金420亿元 → 就业专项资金426亿元, not the
# 投入资金450亿元 of another programme in the same paragraph).
_NEAR_BEST = 0.8
_CLOSE = (0.8, 1.25)  # an amount this near the promised one is the same item's; a farther one binds nothing


def nearest_amount(ranked: list[Candidate], quantities, text: str, top: Candidate | None) -> Candidate | None:
    if top is None or not quantities:
        return None
    units = {(pq.unit, pq.value) for pq in quantities if pq.unit and pq.value}
    close: list[tuple[float, Candidate]] = []
    for c in ranked:
        if len(c.parts_found) < len(top.parts_found) or c.score < top.score * _NEAR_BEST:
            continue
        if not _HAS_FIGURE.search(text, c.start, c.end):
            continue  # no amount but in Chinese numerals, which bind nothing
        for q in quantities_of(text, c.start, c.end):
            for unit, value in units:
                if q.unit == unit and q.value and not q.chinese and _CLOSE[0] <= q.value / value <= _CLOSE[1]:
                    close.append((abs(math.log(q.value / value)), c))
    if not close:
        return None
    return replace(min(close, key=lambda x: (x[0], -x[1].score))[1], near=True)


def _rank(c: Candidate) -> tuple[int, float, int, bool, int]:
    """More parts named, more of the pledge covered, a longer shared name; then a clause about the year
    under review, then the shorter quote, so a clause that says it all is not padded with its
    neighbour's stage words (扎实推进…，化解政府债务…)."""
    return len(c.parts_found), round(c.score, 6), c.run, not c.off_year, c.start - c.end


@lru_cache(maxsize=1024)
def _slots(c: str) -> tuple[str | None, ...]:
    return tuple(lexicon.bigrams(c))  # one pledge's core is compared with every clause of the review


def _run(c: str, got: AbstractSet[str]) -> int:
    best = cur = 0
    for g in _slots(c):
        cur = cur + 1 if g in got else 0
        best = max(best, cur)
    return best


# An amount not in Chinese numerals has a digit or is a percentage in words (百分之二十九, extract/quantity.py): a clause
# with neither has no amount that can bind a pledge, and is not scanned for one.
_HAS_FIGURE = re.compile(r"\d|百分之")


def anchored(pledge_text: str, quantities, cands: list[Clause], text: str) -> Candidate | None:
    """A review clause that repeats one of the pledge's amounts (same number, same unit) and shares at
    least two of its bigrams: 着力抓好117个…重点项目 → 全年实施重点项目117个.  Amounts under 10 are too
    common to anchor anything, and the shared bigrams are the pledge's words beside its amounts: an amount
    in words shares its own characters (将只占百分之二十九 with 劳动生产率已提高百分之二十九: 百分, 分之, 二十…),
    and a shared amount with no shared word is no evidence."""
    want = wording(pledge_text)
    for pq in quantities:
        if not pq.unit or (pq.value < 10 and pq.value == int(pq.value)):
            continue
        for cl in cands:
            shared = len(want & cl.grams)
            if shared < 2 or not _HAS_FIGURE.search(text, cl.start, cl.end):
                continue
            if any(q.unit == pq.unit and abs(q.value - pq.value) < 1e-9 and not q.chinese
                   for q in quantities_of(text, cl.start, cl.end)):
                return Candidate(cl.start, cl.end, shared / len(want), 2, anchored=True)
    return None


# A word of at most this many bigrams (四个字: 社会主义, 基础设施, 政策措施, 集体, 保障) is short enough that a text
# uses it of many things; a longer one (农民人均纯收入, 国民生产总值) names one figure wherever it stands.
_SHORT_WORD = 3
# A bigram in at least this share of a text's clauses is common there (社会主义 in the 1950s reviews, 企业, 投资, 财政)
_COMMON_SHARE = 0.01
_COMMON_MIN = 4


def _one_common_word(n: Names, shared: AbstractSet[str], cands: list[Clause] | None) -> str | None:
    """The one short word the pledge shares with a clause when that word is common in the text the clause
    is from and the pledge names more than it (五十三个化学工业企业 and …林产化学工业和其他工业 share 工业; 医疗保障试点
    and 最低生活保障 share 保障; 鼓励消费的政策措施 and 稳定外需的政策措施 share 政策措施): a word used of many things
    there says nothing of which thing is meant."""
    shared = shared - opening_verb(n.core)  # 出台 shared as well says what is done, not which thing
    if not shared or not cands or len(shared) > _SHORT_WORD or len(n.want) <= len(shared):
        return None
    slots = _slots(n.core)
    idx = [i for i, g in enumerate(slots) if g in shared]
    if not idx:
        return None
    # the shared grams must be one unbroken stretch of the pledge's naming words
    run = slots[idx[0] : idx[-1] + 1]
    if any(g is None or g not in shared for g in run):
        return None
    common = _Common(cands)
    if any(g not in common for g in shared):
        return None
    words = [g for g in run if g]
    return "".join(g[0] for g in words) + words[-1][1]


class _Common:
    """The grams in many of the clauses (see _one_common_word), asked for one at a time: a set of them all would be
    built for every review and read a few times."""

    __slots__ = ("counts", "floor")

    def __init__(self, cands: list[Clause]) -> None:
        self.counts = _clause_counts(cands)
        self.floor = max(_COMMON_MIN, len(cands) * _COMMON_SHARE)

    def __contains__(self, g: object) -> bool:
        return isinstance(g, str) and self.counts.get(g, 0) >= self.floor


_COUNTS: dict[int, tuple[list[Clause], dict[str, int]]] = {}


def _clause_counts(cands: list[Clause]) -> dict[str, int]:
    """In how many of the clauses each bigram is, computed once per list."""
    hit = _COUNTS.get(id(cands))
    if hit is None or hit[0] is not cands:
        if len(_COUNTS) > 8:
            _COUNTS.clear()
        df: dict[str, int] = {}
        for cl in cands:
            for g in cl.grams:
                df[g] = df.get(g, 0) + 1
        hit = (cands, df)
        _COUNTS[id(cands)] = hit
    return hit[1]


# The refusal that means only "too little in common": the reason then need not quote the clause.
TOO_FEW = "共同的词太少"


def refusal(n: Names, c: Candidate, quote: str, cands: list[Clause] | None = None) -> str | None:
    """Why a clause that shares words with the pledge is still not its evidence (None: it is). ``cands``: the
    clauses the evidence was chosen among, which tell which words are common in that text."""
    if c.anchored:
        return None
    said = normalise(expand(quote))
    got = grams(said)
    if n.parts:
        if not c.parts_found:
            return "只提到同类事项，没有提到承诺中列出的具体对象"
        if len(c.parts_found) == len(n.parts):
            return None
        if c.score < 0.25 and not (n.projects and any(named(n.parts[k], got) for k in c.parts_found)):
            # a long list of projects (…等项目) shares little with any one clause as a whole; a project named by its
            # own name there (远山红郡住宅小区 of 远山红郡住宅小区、海东春晓回迁安置小区等项目) is still its evidence
            return TOO_FEW
    elif not (c.score >= 0.5 or (c.score >= 0.25 and c.run >= 2)):
        return TOO_FEW
    if n.example is not None and not example_named(n.example, got):
        return f"没有提到{n.example.label}"
    shared = n.want & got
    if shared and shared <= n.where:
        return "只有地点或级别相同"
    if shared and shared <= n.where | n.prose:
        return "相同的只有“由于”“这些”“比上年”“截至”一类的连接词"
    word = None if c.near else _one_common_word(n, shared - n.where - n.prose, cands)
    if word:
        return f"相同的只有“{word}”，这是回顾中到处出现的常用词，不能说明说的是同一件事"
    if n.title and len(n.title & got) * 2 < len(n.title):
        return "没有提到承诺要创建的称号"
    if n.phase and n.phase not in quote:
        return f"没有提到{n.phase}"
    event = other_event(n, said)
    if event:
        q, cls = event
        return f"说的是另一个{cls}，不是“{q}{cls}”" if cls in said else f"没有提到“{q}{cls}”"
    bar = other_threshold(n, quote)
    if bar:
        return f"说的是“{bar}”这一档，与承诺的门槛不同"
    whole = only_in_sum(n.core, said)
    if whole:
        return f"说的是“{whole[0]}”这一合计数，不是“{whole[1]}”"
    other = other_kind(n.core, got, said)
    if other:
        return f"说的是另一种{other[1]}，不是“{other[0]}{other[1]}”"
    return None
