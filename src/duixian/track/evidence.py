"""Finding the review sentence that speaks of a pledge: character-bigram overlap after normalising
whitespace and width, weighted towards the pledge's object words rather than its verbs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from duixian.extract.context import Context

# Words every pledge and every review sentence share; they say nothing about which thing is meant.
_GENERIC = re.compile(
    r"全力|加快|加速|积极|持续|继续|深入|扎实|全面|统筹|有序|稳妥|大力|着力|重点|进一步|不断|切实|力争|确保|争取|努力|"
    r"推进|推动|实施|建设|新建|改造|提升|打造|启动|完成|做好|抓好|搞好|办好|开展|加强|优化|完善|支持|促进|实现|"
    r"工作|项目|工程|任务|年内|年底|全年|今年|以上|左右|我们|全区|全市|全县|一批|各类|各项|进行|开工|建成|达到|"
    r"总投资"  # money names no particular thing
)
_NON_WORD = re.compile(r"[\W\d_]+")
# Short forms the genre uses for long names (化债 in a plan, 化解政府债务 in the review); a pledge is matched
# with its short forms spelled out.
_ABBREV = {
    "化债": "化解债务", "棚改": "棚户区改造", "创文": "创建文明城市", "创卫": "创建卫生城市", "双创": "创新创业",
    "厕改": "厕所改造", "控违": "控制违法建设", "拆违": "拆除违法建筑",
    "医改": "医疗改革", "放管服": "简政放权放管结合优化服务", "四上": "规模以上",
}
_ABBREV_RE = re.compile("|".join(sorted(map(re.escape, _ABBREV), key=len, reverse=True)))


def expand(s: str) -> str:
    return _ABBREV_RE.sub(lambda m: _ABBREV[m.group(0)], s)


def normalise(s: str) -> str:
    return _NON_WORD.sub("", s)


def core(s: str) -> str:
    """The pledge's naming words: no numbers, punctuation or generic verbs."""
    return _GENERIC.sub("|", _NON_WORD.sub("|", s))


def grams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1) if "|" not in s[i : i + 2]}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    score: float
    run: int = 0


def candidates(ctx: Context) -> list[tuple[int, int, set[str]]]:
    """Review clauses with their bigrams, computed once per review report."""
    return [(cs, ce, grams(normalise(ctx.text[cs:ce]))) for _, cs, ce in ctx.part_clauses("review") if ce - cs >= 2]


def best(pledge_text: str, cands: list[tuple[int, int, set[str]]]) -> Candidate | None:
    """The clause (or two adjacent clauses) that covers most of the pledge's naming bigrams.

    score = the share of the pledge's naming bigrams the clause contains; ``run`` = the longest stretch
    of consecutive pledge bigrams found there (2 means a shared three-character name such as 关帝庙)."""
    c = core(expand(pledge_text))
    want = grams(c)
    if not want:
        return None
    top: Candidate | None = None
    for i, (cs, ce, g) in enumerate(cands):
        hit = len(want & g)
        if not hit:
            continue
        start, end, got = cs, ce, g
        if i + 1 < len(cands) and cands[i + 1][0] - ce <= 1:  # the next clause of the same sentence
            nxt = cands[i + 1]
            if len(want & (g | nxt[2])) > hit:
                start, end, got = cs, nxt[1], g | nxt[2]
        cand = Candidate(start, end, len(want & got) / len(want), _run(c, got))
        if top is None or (cand.score, cand.run) > (top.score, top.run):
            top = cand
    return top


def _run(c: str, got: set[str]) -> int:
    """Longest run of consecutive bigrams of c (within one naming chunk) that are in got."""
    best = cur = 0
    for i in range(len(c) - 1):
        cur = cur + 1 if c[i : i + 2] in got else 0
        best = max(best, cur)
    return best


def anchored(pledge_text: str, quantities, cands: list[tuple[int, int, set[str]]], text: str) -> Candidate | None:
    """A review clause that repeats one of the pledge's amounts (same number, same unit) and shares at
    least two of its bigrams: 着力抓好117个…重点项目 → 全年实施重点项目117个.  Amounts under 10 are too
    common to anchor anything."""
    from duixian.extract.quantity import find_quantities

    want = grams(normalise(expand(pledge_text)))
    for pq in quantities:
        if not pq.unit or (pq.value < 10 and pq.value == int(pq.value)):
            continue
        for cs, ce, g in cands:
            shared = len(want & g)
            if shared < 2:
                continue
            if any(q.unit == pq.unit and abs(q.value - pq.value) < 1e-9 and not q.chinese
                   for q in find_quantities(text, cs, ce)):
                return Candidate(cs, ce, shared / len(want), 2)
    return None


def accepted(c: Candidate | None) -> bool:
    """Enough of the pledge's names is there: most of its words, or a shared name and a fair share."""
    return c is not None and (c.score >= 0.5 or (c.score >= 0.25 and c.run >= 2))
