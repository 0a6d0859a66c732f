"""The compact store (migration 0007): passages as spans of the clean text, the raw text deflated against the
clean text, and the migration converting an existing database both ways on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib
import os
import random

import pytest
from sqlalchemy import text
from tests.conftest import CORPUS, fresh_database, needs_corpus

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.db import HEAD, _alembic_config, schema_revision
from duixian.store.query import texts
from duixian.store.rawpack import CHUNK, pack, unpack
from duixian.store.search import search

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
MIGRATION = importlib.import_module("duixian.store.migrations.versions.0007_compact")


def _pairs() -> list[tuple[str, str]]:
    rng = random.Random(7)
    base = "".join(rng.choice("政府工作报告发展经济增长，。\n 　１２３GDP") for _ in range(3 * CHUNK))
    long_raw = base.replace("\n", "\r\n") + "尾"
    return [
        ("", ""), ("", "清洁文本"), ("原文", ""), ("同一段文字。", "同一段文字。"),
        ("全角１２３和\u3000空格\r\n", "全角123和 空格\n"), ("😀 non-BMP 𠀀 and \x00 NUL", "non-BMP"),
        (long_raw, base), (base, long_raw[: CHUNK]),  # longer than one chunk; dictionaries of unequal length
    ]


@pytest.mark.parametrize("raw, clean", _pairs())
def test_pack_keeps_every_raw_text_exactly(raw: str, clean: str) -> None:
    blob = pack(raw, clean)
    assert unpack(blob, clean) == raw
    assert MIGRATION._pack(raw, clean) == blob and MIGRATION._unpack(blob, clean) == raw  # frozen copy agrees
    with pytest.raises(ValueError):
        unpack(blob[:-1] if len(blob) > 5 else b"\x09" + blob[1:], clean)


@needs_corpus
def test_a_raw_text_costs_less_than_half_of_plain_zlib() -> None:
    """The point of the clean text as dictionary, on real reports (their raw and clean texts differ in
    whitespace, line breaks and forms, not words)."""
    import zlib

    from duixian.pipeline import extract_file

    ours = plain = 0
    for f in sorted((CORPUS / "raw").glob("*.txt"))[:8]:
        doc = extract_file(f).sd.doc
        blob = pack(doc.raw, doc.text)
        assert unpack(blob, doc.text) == doc.raw
        ours += len(blob)
        plain += len(zlib.compress(doc.raw.encode("utf-8"), 6))
    assert ours < plain / 2


def _fresh(backend: str, tmp_path) -> str:
    return fresh_database(backend, tmp_path, PG)


def _state(engine) -> dict:
    with engine.connect() as conn:
        passages = conn.execute(text("SELECT id, report_id, section, span_start, span_end, text FROM passages "
                                     "ORDER BY id")).all()
        view = conn.execute(text("SELECT id, region, report_year, text FROM passages_v ORDER BY id")).all()
        hits = [(h.passage_id, h.snippet, h.highlights) for q in ("安置房 OR 公路", "发展", "路")
                for h in search(conn, q, limit=100)]
        ids = [r[0] for r in conn.execute(text("SELECT id FROM reports ORDER BY id"))]
    return {"passages": passages, "view": view, "hits": hits, "texts": [texts(engine, i) for i in ids]}


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0007_converts_a_database_with_data_both_ways(backend, tmp_path) -> None:
    from alembic import command

    from duixian.pipeline import extract_file

    url = _fresh(backend, tmp_path)
    files = [p for pat in ("007_*", "008_*", "000_*", "101_*") for p in sorted((CORPUS / "raw").glob(pat))]
    engine = open_engine(url, announce=False)
    res = ingest(engine, files)
    assert not res.failed
    now = _state(engine)
    assert len(now["passages"]) > 100 and now["hits"]
    for f in files:  # the texts stored are the pipeline's, passages included
        x = extract_file(f)
        clean, raw = texts(engine, res.report_ids[str(f)])
        assert (clean, raw) == (x.sd.text, x.sd.doc.raw)
    for pid, _rid, _sec, s, e, body in now["passages"]:
        assert body and len(body) == e - s, pid
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0006")
    with engine.connect() as conn:  # 0006: passages is a table with its own text, raw_text plain
        old = conn.execute(text("SELECT id, report_id, section, span_start, span_end, text FROM passages "
                                "ORDER BY id")).all()
        assert old == now["passages"]
        raws = [r[0] for r in conn.execute(text("SELECT raw_text FROM reports ORDER BY id"))]
        assert raws == [raw for _clean, raw in now["texts"]]
        assert conn.execute(text("SELECT count(*) FROM passages_v")).scalar_one() == len(old)
    engine.dispose()
    engine = open_engine(url, announce=False)  # upgrades again, converting 0006's rows
    assert schema_revision(engine) == HEAD
    assert _state(engine) == now
    with engine.connect() as conn:
        cols = {c["name"] for c in __import__("sqlalchemy").inspect(conn).get_columns("reports")}
        assert "raw_text" not in cols and "raw_z" in cols
        assert conn.execute(text("SELECT count(*) FROM reports WHERE raw_z IS NULL")).scalar_one() == 0
    # the database goes on working after the round trip: a re-extraction in place and a new report
    assert ingest(engine, files[:1], force=True).replaced or ingest(engine, files[:1], force=True).unchanged
    extra = sorted((CORPUS / "raw").glob("002_*"))
    assert ingest(engine, extra).stored
    assert _state(engine)["hits"]
    engine.dispose()  # left to the garbage collector, a PostgreSQL connection closes with a ResourceWarning


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_panel_count_from_the_covering_indexes_is_the_panel_length(backend, tmp_path) -> None:
    from duixian.store.panel import panel_page, panel_rows

    engine = open_engine(_fresh(backend, tmp_path), announce=False)
    assert not ingest(engine, [CORPUS / "raw"]).failed
    for kw in ({}, {"year": 2023}, {"year": 1990}):
        whole = panel_rows(engine, **kw)
        page = panel_page(engine, limit=5, offset=2, **kw)
        assert page.total == len(whole) and page.rows == whole[2:7], kw
    gdp = panel_rows(engine, ["GDP", "一般公共预算收入"])
    assert panel_page(engine, ["GDP", "一般公共预算收入"], limit=3).total == len(gdp) > 0
    engine.dispose()


def test_the_fast_path_head_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(_alembic_config(None)).get_current_head() == HEAD
