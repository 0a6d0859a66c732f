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
from duixian.frozen import from_fields
from duixian.meta.cues import YEAR_WORD, year_value
from duixian.meta.scan import occurrences
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
# a year in digits, or in numerals as reports wrote it into the 1990s (一九七八年): the same evidence
_YEAR = re.compile(rf"(?<!\d)({YEAR_WORD})(?=\s*年)")
_YEAR_WEIGHT = 1.5
# A sentence that opens on the year under review (一九五八年，…; 在一九五三年，…; 2005年与2000年相比，…) speaks of what that
# year did, even inside a chapter of tasks, as long as it does not name the plan year too; a year that starts a span
# or a deadline (2023年以来, 2023年底前, 2023年到2025年) is not the time of the sentence, nor is a title's year
# (1981年政府工作报告).
_OPENS_ON_YEAR = re.compile(
    rf"(?:[（(]?[一二三四五六七八九十\d]{{1,2}}[)）、.]\s*)?(?:在|截至|截止)?\s*({YEAR_WORD})\s*年(?!\s*(?:以来|[以之]?[前后]|起|初|[到至—－-]))"
)
_OPENS_ON_YEAR_WEIGHT = 1.5
_WHOLE_YEAR = ("年全年", "年底", "年末")  # after the year under review's digits
_WHOLE_YEAR_WEIGHT = 1.0
# A paragraph that opens on the year under review (过去一年，…) or on the plan year (今年，…) speaks of it
# throughout, whatever section it stands in (a term-end report reviews last year inside 2011年的工作).
_OPENER = re.compile(r"(?:各位代表[！!，,]\s*)?(?:(?P<review>过去一年|过去的一年|一年来|去年)|(?P<plan>今年))[，,]")
_OPENER_WEIGHT = 2.0
_LOOK_BACK_FIRST = frozenset("各过一去")  # what a review opener starts with (a sentence starting otherwise is not matched)
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
    return re.compile(_longest_first(list(by_term))), {t: tuple(v) for t, v in by_term.items()}


def _longest_first(words: list[str]) -> str:
    """A pattern matching, at each place, the longest of ``words`` that starts there — what the alternation
    of the words sorted longest first matches — written as a tree of shared beginnings (政府|政策 → 政(?:府|策)):
    re tries every branch of a flat alternation at each place one of ~70 first characters stands, a tree
    only the branch of the character that is there. Each branch's optional tail is greedy, so the longest
    word wins; a word that ends where a longer one goes on is the tail left out."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        alts = [re.escape(c) + branch(node[c]) for c in sorted(node) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return branch(tree)


_TABLES: dict[bool, _Table] = {}


def _tables(december: bool) -> _Table:
    if december not in _TABLES:
        _TABLES[december] = _cue_table(december)
    return _TABLES[december]


def delivered_in_december(meta: ReportMeta) -> bool:
    """Delivered at the end of a year (December, or November: the national reports of 1981 and 1982), or in the
    year before the one it is filed under: its 今年 is the year under review and its 明年 the plan year."""
    if meta.date and meta.date[5:7] in ("11", "12"):
        return True
    return bool(meta.date and meta.report_year and int(meta.date[:4]) == meta.report_year - 1)


def plan_year(meta: ReportMeta) -> int | None:
    """The year the report plans: its report year, or the year after the one it reviews when that is the same
    (a report delivered late in the year it is filed under, meta/header.py)."""
    if meta.report_year is not None and meta.review_year == meta.report_year:
        return meta.report_year + 1
    return meta.report_year


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
    """Capped cue scores (in PARTS order) and cues of a sentence, given the cue words found in it in order
    (shared by the sentences that score the same: not to be changed in place)."""
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
            y = year_value(m.group(1))
            if meta.review_year is not None and y == meta.review_year and "review-year" not in seen:
                scores[_REVIEW] += _YEAR_WEIGHT
                seen.add("review-year")
                if sentence.startswith(_WHOLE_YEAR, m.end()):
                    scores[_REVIEW] += _WHOLE_YEAR_WEIGHT  # 2021年全年…, 2021年底…: the year is over
                    seen.add("review-year-whole")
            elif y == plan_year(meta) and y is not None and "plan-year" not in seen:
                scores[_PLAN] += _YEAR_WEIGHT
                seen.add("plan-year")
        if "review-year" in seen and "plan-year" not in seen and "工作报告" not in sentence and (m := _OPENS_ON_YEAR.match(sentence)):
            if year_value(m.group(1)) == meta.review_year:
                scores[_REVIEW] += _OPENS_ON_YEAR_WEIGHT
                seen.add("opens-on-review-year")
    # pseudo-cues (review-year, …) are not in the sentence: ordered by name, so `why` reads the same every run
    found = sorted(seen, key=lambda c: (sentence.find(c), c)) if len(seen) > 1 else list(seen)
    return (scores if max(scores) <= _CAP else [min(v, _CAP) for v in scores]), found


def _words_by_sentence(text: str, spans: Sequence[tuple[int, int, int]], pattern: re.Pattern[str]) -> list[list[str]] | None:
    """The cue words of each sentence, in order, from one scan of the whole text instead of one per sentence.

    When every match of the scan lies inside a sentence or outside them all, each sentence's matches are
    exactly those a scan of the sentence alone finds: the scan reaches each sentence's start without
    skipping it, and at every position inside the sentence the same alternative matches (the pattern is
    literal words, and a longer word that would run past the sentence's end would be a match across its
    edge). When a match does cross an edge (a cue word holding a full stop or a space), None: then each
    sentence is scanned alone. ``spans`` must be in text order and not overlap, as a paragraph's are.
    """
    if pattern.match("") is not None:
        return None  # an empty cue word matches between sentences too: the argument above needs words
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
    at = sorted(q for c in chars for q in occurrences(text, c))
    starts = [s for s, _, _ in spans]
    out: set[int] = set()
    for q in at:
        i = bisect_right(starts, q) - 1
        if i >= 0 and q < spans[i][1]:
            out.add(i)
    return out




_REVIEW, _PLAN, _OTHER = PARTS.index("review"), PARTS.index("plan"), PARTS.index("other")
_PRIOR_AT = {role: (PARTS.index(part), w) for role, (part, w) in _PRIOR.items()}
_DEFAULT_AT = (PARTS.index(_DEFAULT[0]), _DEFAULT[1])
# For each part, the other parts (a sentence's margin is its part's score over the best of these).
_OTHERS = tuple(tuple(q for q in range(len(PARTS)) if q != p) for p in range(len(PARTS)))
assert len(PARTS) == 4, "_viterbi and the margins are written out for four parts"


def assign(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    section_of: Sequence[Section | None],
    meta: ReportMeta,
    outside: Sequence[tuple[int, int]] = (),
    weak: frozenset[str] = frozenset(),
) -> tuple[SentencePart, ...]:
    """Parts of ``sentences`` ((start, end, paragraph number) in text order, not overlapping), given the
    innermost section of each; ``outside`` are stretches known not to be the report (other articles of a page);
    the sections whose ids are in ``weak`` took their role from their title's form (三、加强农业基础地位), which
    was read from these sentences: it gives them no prior, or a chapter that recalls results before its
    tasks would turn them into plan (measured on the wild reports: 1987's 二、坚持长期稳定发展经济的方针)."""
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
    single: dict[str, tuple[list[float], list[str]]] = {}
    shared: dict[tuple[str | None, str, int | None, bool], tuple[list[float], str]] = {}
    opened: dict[int, int | None] = {}  # paragraph → the part its opening words announce
    last_para, op, looks_back = -1, None, False
    # a sentence's section is mostly its neighbour's: its prior is looked up again only on a change
    last_sec: object = _UNSET
    prior_part, prior_w, base = _DEFAULT_AT[0], _DEFAULT_AT[1], ""
    for i, ((s, e, para), sec) in enumerate(zip(sentences, section_of, strict=True)):
        if para != last_para:
            if para not in opened:
                m = _OPENER.match(text, s)
                opened[para] = (_REVIEW if m.group("review") else _PLAN) if m else None
            last_para, op, looks_back = para, opened[para], False
        elif not looks_back and not december and text[s] in _LOOK_BACK_FIRST and (m := _OPENER.match(text, s)) and m.group("review"):
            # 过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%，… inside a chapter on the year's
            # work: from a sentence that turns to the year under review, the paragraph speaks of it, whatever
            # the section's prior
            looks_back, op = True, None
        if sec is not last_sec:
            last_sec = sec
            if sec is not None:
                prior_part, prior_w = _PRIOR_AT.get(sec.role, _DEFAULT_AT) if sec.id not in weak else _DEFAULT_AT
                base = f"section {sec.role}"
            else:
                (prior_part, prior_w), base = _DEFAULT_AT, "no section"
        w = words[i]
        away = bool(outside) and any(a <= s < b for a, b in outside)
        # no cue word, or one, and neither "%" nor 年: the row and why depend only on the word, the section,
        # the paragraph's opener and the page; made once per document and shared (never changed)
        simple = i not in marked and len(w) <= 1
        if not simple:
            cue, found = _score(text[s:e], w, by_term, meta)
        elif w:
            t = w[0]
            if t not in single:
                single[t] = _score("", w, by_term, meta)
            cue, found = single[t]
        else:
            cue, found = _NO_CUES
        if looks_back and cue[_PLAN] > cue[_REVIEW]:
            looks_back, op = False, opened[para]  # the paragraph turns to the plan again (二、2022年主要目标…)
        if looks_back:
            sec_part, sec_w, sec_base = _REVIEW, _OPENER_WEIGHT, base + "; turned to the year under review"
        else:
            sec_part, sec_w, sec_base = prior_part, prior_w, base
        if simple:
            key = (w[0] if w else None, sec_base, op, away)
            made = shared.get(key)
            if made is None:
                made = shared[key] = _row(cue, found, sec_base, sec_part, sec_w, op, away, december)
            row, why = made
        else:
            row, why = _row(cue, found, sec_base, sec_part, sec_w, op, away, december)
        rows.append(row)
        whys.append(why)
    idx = _viterbi(rows, sentences, section_of)
    out = []
    confidence: dict[float, float] = {}  # margins repeat (the same few sums of weights): exp once per value
    for i, (s, e, _) in enumerate(sentences):
        row, j = rows[i], idx[i]
        a, b, c = _OTHERS[j]
        margin = row[j] - max(row[a], row[b], row[c])  # over the other parts' best
        if margin > 0:
            conf = confidence.get(margin)
            if conf is None:
                conf = confidence[margin] = round(1.0 / (1.0 + math.exp(-max(margin, 0.0))), 3)
            out.append(_part(s, e, PARTS[j], conf, whys[i]))
        else:
            out.append(_part(s, e, PARTS[j], 0.5, whys[i] + "; taken from the sentences around it"))
    return tuple(out)


def _row(
    cue: list[float], found: list[str], base: str, prior_part: int, prior_w: float, op: int | None, away: bool,
    december: bool,
) -> tuple[list[float], str]:
    """A sentence's scores (its cues, plus its section's prior or the other-article weight, plus its
    paragraph's opener) and the why that says so."""
    total = cue[:]
    role = base
    if away:
        total[_OTHER] += _OUTSIDE
        role = "another article of the page"
    else:
        total[prior_part] += prior_w
    if op is not None and not december:
        total[op] += _OPENER_WEIGHT
        role += _OPENS[op]
    return total, (role + "; cues " + "、".join(found[:6]) if found else role)


def _part(start: int, end: int, part: str, confidence: float, why: str) -> SentencePart:
    """``SentencePart(start, end, part, confidence, why)`` through ``from_fields`` (some 800 a report);
    tests/test_structure_speed.py holds the two equal, field for field."""
    return from_fields(SentencePart, {"start": start, "end": end, "part": part, "confidence": confidence, "why": why})


_UNSET = object()
_OPENS = tuple(f"; paragraph opens on {p}" for p in PARTS)


def _viterbi(rows: list[list[float]], sentences: Sequence[tuple[int, int, int]], section_of: Sequence[Section | None]) -> list[int]:
    """The best part of each sentence: local score minus the cost of every change of part.

    Best way into part p: stay (best[p], no cost) or switch from the best part after paying the switch
    (``top``, reached from ``q``, the first such part in PARTS order). Since every switch costs more than 0,
    q itself stays (best[q] >= top). Staying wins when it scores more, and a tie when p comes before q.
    Written out for the four parts: this loop runs once per sentence.
    """
    b0, b1, b2, b3 = rows[0]
    back: list[tuple[int, int, int, int]] = [(0, 1, 2, 3)]
    last_sec = section_of[0]
    last_para = sentences[0][2]
    for i in range(1, len(rows)):
        sec, para = section_of[i], sentences[i][2]
        if (sec.id if sec else None) != (last_sec.id if last_sec else None):
            cost = _SWITCH[2]
        elif para != last_para:
            cost = _SWITCH[1]
        else:
            cost = _SWITCH[0]
        last_sec, last_para = sec, para
        switched = (b0 - cost, b1 - cost, b2 - cost, b3 - cost)
        top = max(switched)
        q = switched.index(top)  # the first part in PARTS order wins a tie, as it always has
        r0, r1, r2, r3 = rows[i]
        p0 = 0 if b0 >= top else q
        p1 = 1 if b1 > top or (b1 == top and q >= 1) else q
        p2 = 2 if b2 > top or (b2 == top and q >= 2) else q
        p3 = 3 if b3 > top or (b3 == top and q == 3) else q
        b0 = (b0 if p0 == 0 else top) + r0
        b1 = (b1 if p1 == 1 else top) + r1
        b2 = (b2 if p2 == 2 else top) + r2
        b3 = (b3 if p3 == 3 else top) + r3
        back.append((p0, p1, p2, p3))
    final = [b0, b1, b2, b3]
    idx = [max(range(4), key=final.__getitem__)]
    for i in range(len(rows) - 1, 0, -1):
        idx.append(back[i][idx[-1]])
    idx.reverse()
    return idx
