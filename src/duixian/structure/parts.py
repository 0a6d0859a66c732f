"""Every sentence gets its part — review, plan, problems or other — from its own evidence.

The section a sentence sits in is a prior, not a verdict: a sentence that names the year under
review and says 比上年增长 is review wherever it stands, and a sentence in a section whose title
names no role is decided by its own words alone. Neighbours smooth the choice (a Viterbi pass with
a cost for every change of part, cheaper at a paragraph or section boundary), so that a cue-less
sentence takes the part of the text around it.

The cue words and their weights live in ``data/cues.csv``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from duixian import lexicon
from duixian.model import ReportMeta, Section, SentencePart

PARTS = ("review", "plan", "problems", "other")
CUES = "cues.csv"
_CAP = 4.0  # no part gets more than this from cue words alone: a section prior of 3 can still hold
# What a section's role says about the sentences under it (log-score added to one part).
_PRIOR: dict[str, tuple[str, float]] = {
    "review": ("review", 3.0),
    "problems": ("problems", 3.5),
    "targets": ("plan", 3.0),
    "tasks": ("plan", 3.0),
    "requirements": ("plan", 2.5),
    "livelihood": ("plan", 3.5),
    "self_building": ("other", 2.5),
    "glossary": ("other", 8.0),
    "closing": ("other", 3.0),
}
_DEFAULT = ("other", 0.2)  # a sentence with no evidence at all is "other"
_OUTSIDE = 8.0  # another article of a newspaper page: never the report, whatever its words
# Cost of changing part between two sentences: inside a paragraph, across paragraphs, across sections.
_SWITCH = (1.2, 0.8, 0.3)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")
_YEAR_WEIGHT = 1.5
# A paragraph that opens on the year under review (过去一年，…) or on the plan year (今年，…) speaks of it
# throughout, whatever section it stands in (a term-end report reviews last year inside 2011年的工作).
_OPENER = re.compile(r"(?:各位代表[！!，,]\s*)?(?:(?P<review>过去一年|过去的一年|一年来|去年)|(?P<plan>今年))[，,]")
_OPENER_WEIGHT = 2.0
_RESULT_RATE = re.compile(r"(?:增长|下降|增速为?)\s*\d+(?:\.\d+)?\s*%(?!\s*(?:左右|以上|以内|以下|上下))")
_RESULT_WEIGHT = 1.0


def _cue_table(december: bool) -> tuple[re.Pattern[str], dict[str, list[tuple[str, float]]]]:
    by_term: dict[str, list[tuple[str, float]]] = {}
    for part in PARTS:
        for term, w in lexicon.weighted(CUES, part).items():
            by_term.setdefault(term, []).append((part, w))
    if december:
        # delivered in December: 今年 is the year under review, 明年 the plan year
        by_term["今年"] = [("review", 1.5)]
        by_term["明年"] = [("plan", 1.5)]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(by_term, key=len, reverse=True)))
    return pattern, by_term


_TABLES: dict[bool, tuple[re.Pattern[str], dict[str, list[tuple[str, float]]]]] = {}


def _tables(december: bool) -> tuple[re.Pattern[str], dict[str, list[tuple[str, float]]]]:
    if december not in _TABLES:
        _TABLES[december] = _cue_table(december)
    return _TABLES[december]


def delivered_in_december(meta: ReportMeta) -> bool:
    if meta.date and meta.date[5:7] == "12":
        return True
    return bool(meta.date and meta.report_year and int(meta.date[:4]) == meta.report_year - 1)


def sentence_scores(sentence: str, meta: ReportMeta, december: bool = False) -> tuple[dict[str, float], list[str]]:
    """Cue score of each part for one sentence, and the cues found (for ``why``)."""
    pattern, by_term = _tables(december)
    scores = dict.fromkeys(PARTS, 0.0)
    seen: set[str] = set()
    for t in pattern.findall(sentence):  # the pattern has no groups: findall gives each match's text
        if t in seen:
            continue
        seen.add(t)
        for part, w in by_term[t]:
            scores[part] += w
    # A growth rate stated bare is a result; a goal carries 左右/以上/以内 or a goal word before it.
    if _RESULT_RATE.search(sentence):
        scores["review"] += _RESULT_WEIGHT
        seen.add("figure-with-growth")
    for m in _YEAR.finditer(sentence):
        y = int(m.group(1))
        if meta.review_year is not None and y == meta.review_year and "review-year" not in seen:
            scores["review"] += _YEAR_WEIGHT
            seen.add("review-year")
        elif meta.report_year is not None and y == meta.report_year and "plan-year" not in seen:
            scores["plan"] += _YEAR_WEIGHT
            seen.add("plan-year")
    # pseudo-cues (review-year, …) are not in the sentence: ordered by name, so `why` reads the same every run
    return {p: min(v, _CAP) for p, v in scores.items()}, sorted(seen, key=lambda c: (sentence.find(c), c))


def assign(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    section_of: Sequence[Section | None],
    meta: ReportMeta,
    outside: Sequence[tuple[int, int]] = (),
) -> tuple[SentencePart, ...]:
    """Parts of ``sentences`` ((start, end, paragraph number) in text order), given the innermost
    section of each; ``outside`` are stretches known not to be the report (other articles of a page)."""
    if not sentences:
        return ()
    december = delivered_in_december(meta)
    n = len(sentences)
    local: list[dict[str, float]] = []
    whys: list[str] = []
    opened: dict[int, str] = {}  # paragraph → the part its opening words announce
    for (s, e, para), sec in zip(sentences, section_of, strict=True):
        if para not in opened:
            m = _OPENER.match(text, s)
            opened[para] = ("review" if m.group("review") else "plan") if m else ""
        cue, found = sentence_scores(text[s:e], meta, december)
        prior_part, prior_w = _PRIOR.get(sec.role if sec else "", _DEFAULT)
        role = f"section {sec.role}" if sec else "no section"
        if outside and any(a <= s < b for a, b in outside):
            prior_part, prior_w, role = "other", _OUTSIDE, "another article of the page"
        total = dict(cue)
        total[prior_part] += prior_w
        if opened[para] and not december:
            total[opened[para]] += _OPENER_WEIGHT
            role += f"; paragraph opens on {opened[para]}"
        local.append(total)
        whys.append(role + ("; cues " + "、".join(found[:6]) if found else ""))
    # Viterbi over the sentences: local score minus the cost of every change of part.
    k = len(PARTS)
    rows = [[sc[p] for p in PARTS] for sc in local]
    best = rows[0][:]
    back: list[list[int]] = [[]]
    for i in range(1, n):
        cost = _switch_cost(sentences[i - 1], sentences[i], section_of[i - 1], section_of[i])
        ptr, nxt = [], []
        switched = [b - cost for b in best]
        top = max(switched)
        q_top = switched.index(top)  # the first part in PARTS order wins a tie, as it always has
        row = rows[i]
        for p in range(k):
            # Best way into p: stay (best[p], no cost) or switch from the best other part. Since every
            # switch costs more than 0, the part that is best after switching cannot beat staying in itself.
            stay = best[p]
            if p == q_top or stay > top:
                ptr.append(p)
                nxt.append(stay + row[p])
            elif stay < top or q_top < p:
                ptr.append(q_top)
                nxt.append(top + row[p])
            else:  # a tie, p first
                ptr.append(p)
                nxt.append(stay + row[p])
        best = nxt
        back.append(ptr)
    idx = [max(range(k), key=best.__getitem__)]
    for i in range(n - 1, 0, -1):
        idx.append(back[i][idx[-1]])
    idx.reverse()
    path = [PARTS[j] for j in idx]
    out = []
    for i, ((s, e, _), part) in enumerate(zip(sentences, path, strict=True)):
        row, j = rows[i], idx[i]
        others = max(row[:j] + row[j + 1 :])  # the other parts' scores (rows follow PARTS, as local does)
        margin = row[j] - others
        conf = round(1.0 / (1.0 + math.exp(-max(margin, 0.0))), 3) if margin > 0 else 0.5
        why = whys[i] if margin > 0 else whys[i] + "; taken from the sentences around it"
        out.append(SentencePart(s, e, part, conf, why))
    return tuple(out)


def _switch_cost(a: tuple[int, int, int], b: tuple[int, int, int], sa: Section | None, sb: Section | None) -> float:
    if (sa.id if sa else None) != (sb.id if sb else None):
        return _SWITCH[2]
    if a[2] != b[2]:
        return _SWITCH[1]
    return _SWITCH[0]
