"""Real documents in ../shared/corpus: metadata equals the gold labels, quotes survive cleaning."""

from __future__ import annotations

import re

import pytest

from conftest import gold_docs, needs_corpus, raw_files, raw_path
from duixian.clean.chars import fold_width, to_simplified
from duixian.clean.furniture import _PAGE_NUMBER
from duixian.offsets import Tracked
from duixian.pipeline import parse

GOLD = gold_docs()
FIELDS = ("region", "report_year", "review_year", "speaker", "date")
EXTRA = ("region_full", "level", "speaker_title", "meeting")


@pytest.fixture(scope="module")
def parsed() -> dict:
    return {g["doc"]: parse(raw_path(g["doc"])) for g in GOLD}


@needs_corpus
@pytest.mark.parametrize("gold", GOLD, ids=[g["doc"] for g in GOLD])
def test_metadata_equals_gold(parsed: dict, gold: dict) -> None:
    meta = parsed[gold["doc"]].report
    got = {f: getattr(meta, f) for f in FIELDS + EXTRA if f in gold}
    want = {f: gold[f] for f in FIELDS + EXTRA if f in gold}
    assert got == want


def _norm(quote: str) -> str:
    q = re.sub(r"\s+", "", quote)
    return to_simplified(fold_width(Tracked.identity(q))).text


@needs_corpus
def test_gold_figure_quotes_survive_cleaning(parsed: dict) -> None:
    total = kept = 0
    for g in GOLD:
        text = parsed[g["doc"]].text
        for item in g.get("targets", []) + g.get("actuals", []):
            total += 1
            kept += _norm(item["quote"]) in text
    assert total > 150
    assert kept / total >= 0.95, f"{kept}/{total}"


@needs_corpus
@pytest.mark.parametrize("path", raw_files(), ids=[p.name for p in raw_files()])
def test_clean_text_has_no_page_number_lines(path) -> None:
    sd = parse(path)
    for line in sd.text.split("\n"):
        assert not _PAGE_NUMBER.match(line.strip()), line
        assert not re.fullmatch(r"[-—–·\s]*\d{1,3}[-—–·\s]*", line)


@needs_corpus
@pytest.mark.parametrize("path", raw_files(), ids=[p.name for p in raw_files()])
def test_sections_are_grounded(path) -> None:
    sd = parse(path)
    raw = sd.doc.raw
    for s in sd.sections:
        rs, re_ = sd.doc.raw_span(s.start, s.end)
        assert 0 <= rs <= re_ <= len(raw)
        heading = _norm(sd.text[s.start : s.heading_end])
        window = iter(_norm(raw[rs:re_]))
        # every character of the heading is found, in order, in its raw span (markup may sit between)
        assert all(ch in window for ch in heading), heading


@needs_corpus
def test_full_reports_have_the_genre_sections(parsed: dict) -> None:
    for doc_id in ("000_51f0d4ddaca76bda", "001_1d22ad009400639c", "002_faa00125eb180730", "003_dbb43f4f0d6f534e"):
        roles = {s.role for s in parsed[doc_id].sections}
        assert {"review", "tasks", "targets", "problems"} <= roles, doc_id
        if doc_id != "001_1d22ad009400639c":  # 001 has no separate self-building part
            assert "self_building" in roles, doc_id
    glossary = [s for s in parsed["000_51f0d4ddaca76bda"].sections if s.role == "glossary" and s.number]
    assert len(glossary) == 18
    items = [s for s in parsed["001_1d22ad009400639c"].sections if s.role == "livelihood" and s.number]
    assert [s.number for s in items] == [f"{i}." for i in range(1, 11)]


@needs_corpus
def test_key_metadata_on_the_whole_corpus() -> None:
    """Region and years on every labelled document (101–131 included), measured floors: region 36/36,
    both years 35/36 (121 is one magazine page with no year in it)."""
    import json

    from conftest import CORPUS

    right = {"region": 0, "report_year": 0, "review_year": 0}
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "gold").glob("[01]*.json"))]
    for g in docs:
        meta = parse(raw_path(g["doc"])).report
        for f in right:
            right[f] += getattr(meta, f) == g[f]
    assert len(docs) == 36
    assert right["region"] >= 36 and right["report_year"] >= 35 and right["review_year"] >= 35, right
