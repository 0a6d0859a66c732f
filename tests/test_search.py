"""The search API (store/search.py): query syntax, paging, filters, totals and facets, on both backends."""

from __future__ import annotations

import os
import re

import pytest
from sqlalchemy import text
from tests.conftest import CORPUS, needs_corpus, reset_postgres

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store import search as search_mod
from duixian.store.search import parse_query, search

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]


def test_query_syntax() -> None:
    assert parse_query("安置房 公路") == [["安置房"], ["公路"]]
    assert parse_query("安置房 OR 棚改 公路") == [["安置房", "棚改"], ["公路"]]
    assert parse_query('"营商 环境" GDP') == [["营商 环境"], ["gdp"]]
    assert parse_query("a OR b OR c") == [["a", "b", "c"]]
    assert parse_query("OR 公路") == [["or"], ["公路"]]  # a lone OR is a word
    assert parse_query("公路 OR") == [["公路"], ["or"]]
    assert parse_query("公路 or 铁路") == [["公路"], ["or"], ["铁路"]]  # only capitals join
    assert parse_query('  "" ') == []


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    if not (CORPUS / "raw").is_dir():
        pytest.skip("../shared/corpus is not beside the checkout")
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("search") / "c.db")
    else:
        url = reset_postgres(PG)
    engine = open_engine(url, announce=False)
    res = ingest(engine, [CORPUS / "raw"])
    assert not res.failed
    yield engine
    engine.dispose()


def _containing(engine, *words: str, where: str = "", params: dict | None = None) -> set[int]:
    """Passage ids whose text contains every word (the truth the index must agree with)."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT p.id, p.text FROM passages p JOIN reports r ON r.id = p.report_id "
                                 + (f"WHERE {where}" if where else "")), params or {}).all()
    return {i for i, body in rows if all(w in body.lower() for w in words)}


def _all_ids(conn, q: str, **kw) -> list[int]:
    hits = search(conn, q, limit=1000, **kw)
    return [h.passage_id for h in hits]


@needs_corpus
def test_total_is_the_number_of_matching_passages(engine) -> None:
    with engine.connect() as conn:
        for q in ("公路", "安置房", "民生实事", "路"):
            hits = search(conn, q, limit=5)
            assert hits.total == len(_containing(engine, q)) > 0, q
            assert not hits.total_capped and len(hits) == min(5, hits.total)
            assert sum(n for _, n in hits.facets["kind"]) == hits.total
            assert sum(n for _, n in hits.facets["year"]) <= hits.total


@needs_corpus
def test_or_and_phrase(engine) -> None:
    with engine.connect() as conn:
        a, b = set(_all_ids(conn, "安置房")), set(_all_ids(conn, "棚改"))
        either = search(conn, "安置房 OR 棚改", limit=1000)
        assert {h.passage_id for h in either} == a | b and either.total == len(a | b)
        assert either.groups == [["安置房", "棚改"]]
        both = {h.passage_id for h in search(conn, "安置房 OR 棚改 交付", limit=1000)}
        assert both == (a | b) & _containing(engine, "交付")
        # a phrase is one term: found only where the words stand together
        phrase = search(conn, '"安置房建设"', limit=1000)
        assert {h.passage_id for h in phrase} == _containing(engine, "安置房建设")
        for h in phrase:
            assert any(h.snippet[s:e] == "安置房建设" for s, e in h.highlights)


@needs_corpus
def test_pages_are_slices_of_one_ranking(engine) -> None:
    with engine.connect() as conn:
        whole = search(conn, "发展", limit=60)
        assert whole.total > 60
        pages = [h.passage_id for off in (0, 20, 40) for h in search(conn, "发展", limit=20, offset=off)]
        assert pages == [h.passage_id for h in whole]
        scores = [h.score for h in whole]
        assert scores == sorted(scores)
        assert search(conn, "发展", limit=20, offset=whole.total + 5) == []


@needs_corpus
def test_filters_region_year_kind(engine) -> None:
    with engine.connect() as conn:
        base = search(conn, "发展", limit=1)
        region, n_region = base.facets["region"][0]
        by_region = search(conn, "发展", limit=1000, region=region)
        assert by_region.total == n_region == len(_containing(
            engine, "发展", where="r.region = :x OR r.region_full = :x", params={"x": region}))
        assert {v for v, _ in by_region.facets["region"]} == {region}
        year, n_year = base.facets["year"][0]
        assert search(conn, "发展", limit=1, year=year).total == n_year
        kind, n_kind = base.facets["kind"][0]
        assert search(conn, "发展", limit=1, kind=kind).total == n_kind
        only = search(conn, "发展", limit=1000, kind=kind, year=year)
        assert only.total == len(_containing(engine, "发展", where="r.doc_type = :k AND r.report_year = :y",
                                             params={"k": kind, "y": year}))
        # a place inside a region: the districts of 周口市 by the city's name
        zk = search(conn, "发展", limit=1, region="周口市")
        assert zk.total == len(_containing(engine, "发展", where="r.region_full LIKE '%周口市%'")) > 0
        assert search(conn, "发展", region="没有这个地方").total == 0


@needs_corpus
def test_counts_stop_at_the_cap_and_say_so(engine, monkeypatch) -> None:
    monkeypatch.setattr(search_mod, "COUNT_CAP", 10)
    monkeypatch.setattr(search_mod, "RANKED", 15)
    with engine.connect() as conn:
        hits = search(conn, "发展", limit=5)
        assert hits.total_capped and hits.total == 10
        assert hits.ranked == 15 and len(hits) == 5
        assert search(conn, "安置房 交付", limit=5).total_capped is False


@needs_corpus
def test_snippets_mark_every_term_and_only_terms(engine) -> None:
    with engine.connect() as conn:
        for h in search(conn, "安置房 OR 公路 建设", limit=20):
            marked = {h.snippet[s:e] for s, e in h.highlights}
            assert marked <= {"安置房", "公路", "建设"} and "建设" in marked
            assert re.search("安置房|公路", h.snippet)


@needs_corpus
def test_punctuation_inside_a_term_is_matched_as_written(engine) -> None:
    with engine.connect() as conn:
        for q in ("交通、水利", "GDP"):
            want = _containing(engine, q.lower())
            assert want and set(_all_ids(conn, q)) == want, q
