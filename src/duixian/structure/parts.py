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
from bisect import bisect_right
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


_Table = tuple[re.Pattern[str], dict[str, tuple[tuple[int, float], ...]]]


def _cue_table(december: bool) -> _Table:
    by_term: dict[str, list[tuple[int, float]]] = {}
    for k, part in enumerate(PARTS):
        for term, w in lexicon.weighted(CUES, part).items():
            by_term.setdefault(term, []).append((k, w))
    if december:
        # delivered in December: 今年 is the year under review, 明年 the plan year
        by_term["今年"] = [(PARTS.index("review"), 1.5)]
        by_term["明年"] = [(PARTS.index("plan"), 1.5)]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(by_term, key=len, reverse=True)))
    return pattern, {t: tuple(v) for t, v in by_term.items()}


_TABLES: dict[bool, _Table] = {}


def _tables(december: bool) -> _Table:
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
    # the pattern has no groups: findall gives each match's text
    scores, found = _score(sentence, pattern.findall(sentence), by_term, meta)
    return dict(zip(PARTS, scores, strict=True)), found


_NO_CUES: tuple[list[float], list[str]] = ([0.0] * len(PARTS), [])


def _score(
    sentence: str, words: list[str], by_term: dict[str, tuple[tuple[int, float], ...]], meta: ReportMeta
) -> tuple[list[float], list[str]]:
    """Capped cue scores (in PARTS order) and cues of a sentence, given the cue words found in it in order."""
    scores = [0.0] * len(PARTS)
    seen: set[str] = set()
    for t in words:
        if t in seen:
            continue
        seen.add(t)
        for k, w in by_term[t]:
            scores[k] += w
    # A growth rate stated bare is a result; a goal carries 左右/以上/以内 or a goal word before it.
    # ("%" and 年 are literal in their patterns: a sentence without them is not searched.)
    if "%" in sentence and _RESULT_RATE.search(sentence):
        scores[_REVIEW] += _RESULT_WEIGHT
        seen.add("figure-with-growth")
    if "年" in sentence:
        for m in _YEAR.finditer(sentence):
            y = int(m.group(1))
            if meta.review_year is not None and y == meta.review_year and "review-year" not in seen:
                scores[_REVIEW] += _YEAR_WEIGHT
                seen.add("review-year")
            elif meta.report_year is not None and y == meta.report_year and "plan-year" not in seen:
                scores[_PLAN] += _YEAR_WEIGHT
                seen.add("plan-year")
    # pseudo-cues (review-year, …) are not in the sentence: ordered by name, so `why` reads the same every run
    found = sorted(seen, key=lambda c: (sentence.find(c), c)) if len(seen) > 1 else list(seen)
    return [min(v, _CAP) for v in scores], found


def _words_by_sentence(text: str, spans: Sequence[tuple[int, int, int]], pattern: re.Pattern[str]) -> list[list[str]] | None:
    """The cue words of each sentence, in order, from one scan of the whole text instead of one per sentence.

    When every match of the scan lies inside a sentence or outside them all, each sentence's matches are
    exactly those a scan of the sentence alone finds: the scan reaches each sentence's start without
    skipping it, and at every position inside the sentence the same alternative matches (the pattern is
    literal words, and a longer word that would run past the sentence's end would be a match across its
    edge). When a match does cross an edge (a cue word holding a full stop or a space), None: then each
    sentence is scanned alone. ``spans`` must be in text order and not overlap, as a paragraph's are.
    """
    out: list[list[str]] = [[] for _ in spans]
    n = len(spans)
    j = 0
    for m in pattern.finditer(text):
        a, b = m.span()
        while j < n and spans[j][1] <= a:
            j += 1
        if j == n:
            break
        s, e = spans[j][0], spans[j][1]
        if a >= s:
            if b > e:
                return None
            out[j].append(m.group())
        elif b > s:
            return None
    return out


def _marked(text: str, spans: Sequence[tuple[int, int, int]], chars: str) -> set[int]:
    """Indexes of the sentences that hold any of ``chars``."""
    at = sorted(q for c in chars for q in _occurrences(text, c))
    starts = [s for s, _, _ in spans]
    out: set[int] = set()
    for q in at:
        i = bisect_right(starts, q) - 1
        if i >= 0 and q < spans[i][1]:
            out.add(i)
    return out


def _occurrences(text: str, c: str) -> list[int]:
    out: list[int] = []
    i = text.find(c)
    while i >= 0:
        out.append(i)
        i = text.find(c, i + 1)
    return out


_REVIEW, _PLAN, _OTHER = PARTS.index("review"), PARTS.index("plan"), PARTS.index("other")
_PRIOR_AT = {role: (PARTS.index(part), w) for role, (part, w) in _PRIOR.items()}
_DEFAULT_AT = (PARTS.index(_DEFAULT[0]), _DEFAULT[1])
# For each part, the other parts (a sentence's margin is its part's score over the best of these).
_OTHERS = tuple(tuple(q for q in range(len(PARTS)) if q != p) for p in range(len(PARTS)))


def assign(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    section_of: Sequence[Section | None],
    meta: ReportMeta,
    outside: Sequence[tuple[int, int]] = (),
) -> tuple[SentencePart, ...]:
    """Parts of ``sentences`` ((start, end, paragraph number) in text order, not overlapping), given the
    innermost section of each; ``outside`` are stretches known not to be the report (other articles of a page)."""
    if not sentences:
        return ()
    december = delivered_in_december(meta)
    pattern, by_term = _tables(december)
    words = _words_by_sentence(text, sentences, pattern)
    if words is None:
        words = [pattern.findall(text, s, e) for s, e, _ in sentences]
    # Sentences with neither a cue word nor a growth rate or year (both need "%" or 年) score nothing.
    marked = _marked(text, sentences, "%年")
    rows: list[list[float]] = []
    whys: list[str] = []
    opened: dict[int, int | None] = {}  # paragraph → the part its opening words announce
    for i, ((s, e, para), sec) in enumerate(zip(sentences, section_of, strict=True)):
        if para not in opened:
            m = _OPENER.match(text, s)
            opened[para] = (_REVIEW if m.group("review") else _PLAN) if m else None
        cue, found = _score(text[s:e], words[i], by_term, meta) if words[i] or i in marked else _NO_CUES
        if sec is not None:
            prior_part, prior_w = _PRIOR_AT.get(sec.role, _DEFAULT_AT)
            role = f"section {sec.role}"
        else:
            (prior_part, prior_w), role = _DEFAULT_AT, "no section"
        if outside and any(a <= s < b for a, b in outside):
            prior_part, prior_w, role = _OTHER, _OUTSIDE, "another article of the page"
        total = cue[:]
        total[prior_part] += prior_w
        op = opened[para]
        if op is not None and not december:
            total[op] += _OPENER_WEIGHT
            role += f"; paragraph opens on {PARTS[op]}"
        rows.append(total)
        whys.append(role + ("; cues " + "、".join(found[:6]) if found else ""))
    idx = _viterbi(rows, sentences, section_of)
    out = []
    for i, (s, e, _) in enumerate(sentences):
        row, j = rows[i], idx[i]
        a, b, c = _OTHERS[j]
        margin = row[j] - max(row[a], row[b], row[c])  # over the other parts' best
        conf = round(1.0 / (1.0 + math.exp(-max(margin, 0.0))), 3) if margin > 0 else 0.5
        why = whys[i] if margin > 0 else whys[i] + "; taken from the sentences around it"
        out.append(SentencePart(s, e, PARTS[j], conf, why))
    return tuple(out)


def _viterbi(rows: list[list[float]], sentences: Sequence[tuple[int, int, int]], section_of: Sequence[Section | None]) -> list[int]:
    """The best part of each sentence: local score minus the cost of every change of part."""
    k = len(PARTS)
    best = rows[0][:]
    back: list[list[int]] = [[]]
    for i in range(1, len(rows)):
        sa, sb = section_of[i - 1], section_of[i]
        if (sa.id if sa else None) != (sb.id if sb else None):
            cost = _SWITCH[2]
        elif sentences[i - 1][2] != sentences[i][2]:
            cost = _SWITCH[1]
        else:
            cost = _SWITCH[0]
        switched = [b - cost for b in best]
        top = max(switched)
        q_top = switched.index(top)  # the first part in PARTS order wins a tie, as it always has
        row = rows[i]
        # Best way into p: stay (best[p], no cost) or switch from the best other part. Since every
        # switch costs more than 0, the part that is best after switching cannot beat staying in itself.
        # Staying wins when it scores more, and a tie when p comes first (p == q_top is such a tie or better).
        ptr = [p if (p == q_top or best[p] > top or (best[p] == top and p < q_top)) else q_top for p in range(k)]
        best = [best[p] + row[p] if ptr[p] == p else top + row[p] for p in range(k)]
        back.append(ptr)
    idx = [max(range(k), key=best.__getitem__)]
    for i in range(len(rows) - 1, 0, -1):
        idx.append(back[i][idx[-1]])
    idx.reverse()
    return idx
