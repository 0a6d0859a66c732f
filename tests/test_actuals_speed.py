"""The shortcuts the actuals extractor reads through give what the plain readings give."""

from __future__ import annotations

import random
from dataclasses import replace
from importlib import resources

import pytest

from conftest import needs_corpus, raw_files
from duixian.clean import clean
from duixian.extract.context import Context, clauses
from duixian.ingest import read_raw
from duixian.model import SentencePart
from duixian.pipeline import parse_document

PARTS = ("review", "plan", "problems", "other")


def _sample():
    path = resources.files("duixian.data").joinpath("sample_report.txt")
    return parse_document(clean(read_raw(path)))


def _same_clauses(sd) -> None:
    for part in PARTS:
        assert Context(sd).part_clause_list(part) == list(Context(sd).part_clauses(part)), part


def test_part_clause_list_is_part_clauses() -> None:
    _same_clauses(_sample())


def test_part_clause_list_where_part_boundaries_cut_sentences() -> None:
    """Parts that start inside a sentence, stop short of its end or leave gaps: each clause then needs its own
    part, as part_clauses looks it up."""
    sd = _sample()
    rng = random.Random(5)
    for _ in range(20):
        parts: list[SentencePart] = []
        for sp in sd.parts:
            if sp.end - sp.start > 6 and rng.random() < 0.3:
                mid = rng.randrange(sp.start + 1, sp.end - 1)
                other = rng.choice(PARTS)
                parts += [replace(sp, end=mid), replace(sp, start=mid, part=other)]
            elif sp.end - sp.start > 6 and rng.random() < 0.1:
                parts.append(replace(sp, end=sp.end - rng.randrange(1, 5)))  # a gap before the next sentence
            else:
                parts.append(sp)
        _same_clauses(replace(sd, parts=tuple(parts)))


def test_part_clause_list_trims_spaces_and_marks_at_clause_edges(tmp_path) -> None:
    text = ("示例县2021年政府工作报告\n——2021年1月10日在示例县第十届人民代表大会第五次会议上\n各位代表：\n"
            "一、2020年工作回顾\n地区生产总值增长 5% ，、 固定资产投资增长3.9% ；  财政收入12亿元、\u3000，规上工业增加值增长6%。\n"
            "二、2021年工作安排\n地区生产总值增长6%左右 、，城镇新增就业 3000人 。\n")
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    sd = parse_document(clean(read_raw(p)))
    ctx = Context(sd)
    raw_clauses = [c for para in sd.paragraphs for sent in para.sentences for c in clauses(sd.doc.text, sent.start, sent.end)]
    assert sum(ctx.trim(*c) != c for c in raw_clauses) >= 3  # 、 left at a clause's edges (clean drops the spaces)
    _same_clauses(sd)


@needs_corpus
@pytest.mark.parametrize("path", raw_files()[::4], ids=[p.name for p in raw_files()[::4]])
def test_part_clause_list_on_real_reports(path) -> None:
    _same_clauses(parse_document(clean(read_raw(path))))
