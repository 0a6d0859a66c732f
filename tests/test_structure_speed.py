"""The structure stage's document-wide fast paths give what the per-sentence definitions give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import duixian.structure as S
from duixian.clean import clean
from duixian.clean.furniture import line_spans
from duixian.ingest import read_raw
from duixian.meta import read_meta
from duixian.model import Document, ReportMeta, Source, StructuredDocument
from duixian.offsets import Tracked
from duixian.structure import build
from duixian.structure import parts as P
from duixian.structure.sentences import split_lines, split_sentences

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/raw"
SAMPLES = [
    "示例县2021年政府工作报告\n各位代表：\n一、2020年工作回顾\n过去一年，全县地区生产总值比上年增长6.1%。同时要看到\n"
    "二、2021年工作安排\n今年，主要预期目标是：地区生产总值增长7%左右。要坚持稳中求进。\n各位代表！让我们…\n",
    "今年\n年\n2020\n年底前建成。“取得”！去年？  上年 。回顾",
    "",
]


def _docs() -> list[Document]:
    docs = [Document(Source("t.txt", "", "txt", "utf-8", len(t)), t, Tracked.identity(t), "simplified") for t in SAMPLES]
    if CORPUS.is_dir():
        docs += [clean(read_raw(p)) for p in sorted(CORPUS.iterdir())[:12] if p.is_file()]
    return docs


def _sentences(sd: StructuredDocument) -> list[tuple[int, int, int]]:
    return [(x.start, x.end, i) for i, p in enumerate(sd.paragraphs) for x in p.sentences]


@pytest.mark.parametrize("december", [False, True])
def test_one_scan_finds_each_sentences_cue_words(december: bool) -> None:
    pattern, _ = P._tables(december)
    for doc in _docs():
        spans = _sentences(build(doc, ReportMeta()))
        words = P._words_by_sentence(doc.text, spans, pattern)
        assert words == [pattern.findall(doc.text[s:e]) for s, e, _ in spans]


def test_a_cue_across_a_sentence_edge_falls_back_to_one_scan_per_sentence() -> None:
    text = "甲乙。丙丁。"
    spans = [(0, 3, 0), (3, 6, 0)]
    assert P._words_by_sentence(text, spans, re.compile("乙。丙|丁")) is None
    assert P._words_by_sentence(text, spans, re.compile("乙|丁")) == [["乙"], ["丁"]]
    # a match in the gap between sentences, wholly outside them, is no cue of either
    assert P._words_by_sentence("甲 乙", [(0, 1, 0), (2, 3, 0)], re.compile(" |乙")) == [[], ["乙"]]


def test_parts_are_the_same_with_every_shortcut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs()
    fast = [build(doc, read_meta(doc)).parts for doc in docs]
    # one scan per sentence, and every sentence scored (none skipped for lacking a cue, "%" or 年)
    monkeypatch.setattr(P, "_words_by_sentence", lambda *a: None)
    monkeypatch.setattr(P, "_marked", lambda text, spans, chars: set(range(len(spans))))
    assert [build(doc, read_meta(doc)).parts for doc in docs] == fast


def _reference_viterbi(rows: list[list[float]], costs: list[float]) -> list[int]:
    """The textbook recurrence: into p, stay or come from any q (ties to the lower part index)."""
    k = len(rows[0])
    best = rows[0][:]
    back: list[list[int]] = [[]]
    for i in range(1, len(rows)):
        ptr, nxt = [], []
        for p in range(k):
            cands = [(best[q] - (0.0 if q == p else costs[i]), q) for q in range(k)]
            top = max(v for v, _ in cands)
            # of equal scores the lowest part wins; staying counts as the part itself
            q = min(q for v, q in cands if v == top)
            ptr.append(q)
            nxt.append(top + rows[i][p])
        best = nxt
        back.append(ptr)
    idx = [max(range(k), key=best.__getitem__)]
    for i in range(len(rows) - 1, 0, -1):
        idx.append(back[i][idx[-1]])
    return idx[::-1]


def test_viterbi_matches_the_textbook_recurrence() -> None:
    import random

    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 30)
        # few distinct values, so that ties between parts are common
        rows = [[rng.choice([0.0, 0.2, 0.5, 1.0, 1.5, 3.0, 4.0]) for _ in P.PARTS] for _ in range(n)]
        paras = sorted(rng.randint(0, 5) for _ in range(n))
        sents = [(i, i + 1, paras[i]) for i in range(n)]
        secs = [None] * n
        costs = [0.0] + [P._SWITCH[1] if paras[i] != paras[i - 1] else P._SWITCH[0] for i in range(1, n)]
        assert P._viterbi(rows, sents, secs) == _reference_viterbi(rows, costs)


def _reference_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The definition: cut after each run of end marks (and its closing quotes) and at each line break,
    and trim each piece of the spaces around it."""
    out = []
    pos = start
    for m in re.compile(r"[。！？!?]+[”’」』）)]*|\n").finditer(text, start, end):
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, end))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


_ALPHABET = "甲乙a1 \u3000\t\r\n\x1c\x85\u2028\xa0。！？!?”’」』）)（“，；"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_sentences_are_the_trimmed_pieces_between_end_marks(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert [(x.start, x.end) for x in split_sentences(text, start, end)] == _reference_split(text, start, end)
    lines = [(s, e) for s, e in line_spans(text) if e > s]
    assert [[(x.start, x.end) for x in got] for got in split_lines(text, lines)] == [
        _reference_split(text, s, e) for s, e in lines
    ]


_PIECES = ["同时", "但是", "当然", "，", ",", "我们", "也", "要", "必须", "清醒", "清楚", "地", "看到", "认识到", "在肯定成绩的同时",
           "困难和问题", "问题和不足", "矛盾和问题", "主要", "是", "有", "表现在", "：", ":", "。", "预期", "经济", "指标", "目标", "为", "甲"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_lines_left_unsearched_cannot_match(pieces: list[str]) -> None:
    line = "".join(pieces)
    if S._PROBLEMS.search(line):
        assert S._holds(line, S._PROBLEMS_WORDS)
    if S._TARGETS.search(line):
        assert S._holds(line, S._TARGETS_WORDS)
    if S._CLOSING.match(line):
        assert line.startswith("各位代表")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二十（(）)1２.．、①⑳第部分章篇—甲 ", max_size=12))
def test_a_line_no_rung_opens_is_no_numbered_heading(line: str) -> None:
    from duixian.structure import headings as H

    if any(p.match(line) for _, p in H._LADDER):
        assert H._ANY_RUNG.match(line)
    if H._LEAD_DASH.match(line):
        assert line.startswith("—")


def test_an_empty_cue_word_falls_back_to_one_scan_per_sentence() -> None:
    assert P._words_by_sentence("甲。乙", [(0, 2, 0), (2, 3, 0)], re.compile("乙|")) is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="甲乙丙。", max_size=4), max_size=8), st.text(alphabet="甲乙丙。丁", max_size=40))
def test_the_cue_tree_matches_what_the_longest_first_alternation_matches(words: list[str], text: str) -> None:
    flat = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    tree = re.compile(P._longest_first(words))
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert tree.findall(text) == flat.findall(text)


def test_a_sentence_part_made_at_once_is_the_dataclass_made_by_its_init() -> None:
    import dataclasses

    from duixian.model import SentencePart

    fast, plain = P._part(3, 9, "plan", 0.731, "section tasks; cues 要"), SentencePart(3, 9, "plan", 0.731, "section tasks; cues 要")
    assert fast == plain and repr(fast) == repr(plain) and hash(fast) == hash(plain)
    assert vars(fast) == vars(plain) and list(vars(fast)) == [f.name for f in dataclasses.fields(SentencePart)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.part = "review"  # type: ignore[misc]


def test_sections_at_walks_to_what_section_at_finds() -> None:
    import random

    rng = random.Random(3)
    for doc in _docs():
        sd = build(doc, read_meta(doc))
        bounds = {b for s in sd.sections for b in (s.start, s.end, s.start - 1, s.end - 1, s.heading_end)}
        positions = sorted(bounds | {rng.randint(-2, len(doc.text) + 2) for _ in range(50)})
        assert sd.sections_at(positions) == [sd.section_at(p) for p in positions]
        assert sd.sections_at(positions + positions[-1:]) == [sd.section_at(p) for p in positions + positions[-1:]]
