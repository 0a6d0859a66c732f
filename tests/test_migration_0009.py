"""Migration 0009's indexes. The levels present (the web's filter menus) from a skip scan of
ix_reports_level: the same answer as SELECT DISTINCT on SQLite and PostgreSQL, without reading every
report's index entry. The workspace picker's page ids from ix_reports_picker alone (its rows page by page
are checked in test_workspace.py)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from tests.conftest import CORPUS, fresh_database, needs_corpus

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.db import HEAD, _alembic_config, schema_revision
from duixian.store.query import levels

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]

# levels given to the stored reports in turn, each set a case: gaps, NULLs, an empty string (a value, not
# NULL), one level only, none at all
CASES = [
    ["county", "city", None, "province", "city", "district"],
    [None, "nation", None, "county"],
    ["", "city", None, "city"],
    ["city"],
    [None],
]


def _distinct(engine) -> list[str]:
    """The plain answer levels() must equal: every report read."""
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT DISTINCT level FROM reports WHERE level IS NOT NULL "
                                      "ORDER BY level")).scalars())


def _set_levels(engine, ids: list[int], cycle: list[str | None]) -> list[str | None]:
    given = [cycle[i % len(cycle)] for i in range(len(ids))]
    with engine.begin() as conn:
        for rid, lv in zip(ids, given, strict=True):
            conn.execute(text("UPDATE reports SET level = :lv WHERE id = :id"), {"lv": lv, "id": rid})
    return given


def _indexes(engine) -> set[str]:
    # from the catalogue: SQLAlchemy's reflection warns about the overview's expression index
    sql = ("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reports'"
           if engine.dialect.name == "sqlite" else "SELECT indexname FROM pg_indexes WHERE tablename = 'reports'")
    with engine.connect() as conn:
        return set(conn.execute(text(sql)).scalars())


@pytest.fixture(params=BACKENDS)
def corpus_engine(request, tmp_path):
    url = fresh_database(request.param, tmp_path, PG)
    engine = open_engine(url, announce=False)
    assert levels(engine) == []  # no reports
    files = [p for pat in ("007_*", "008_*", "000_*", "101_*", "002_*", "003_*")
             for p in sorted((CORPUS / "raw").glob(pat))]
    assert not ingest(engine, files).failed
    yield engine, url
    engine.dispose()


@needs_corpus
def test_levels_are_the_distinct_levels_stored(corpus_engine) -> None:
    engine, _url = corpus_engine
    with engine.connect() as conn:
        ids = list(conn.execute(text("SELECT id FROM reports ORDER BY id")).scalars())
    assert len(ids) >= 6
    for cycle in CASES:
        given = _set_levels(engine, ids, cycle)
        want = sorted({lv for lv in given if lv is not None})
        assert levels(engine) == want == _distinct(engine), cycle


@needs_corpus
def test_migration_0009_adds_and_drops_its_indexes(corpus_engine) -> None:
    from alembic import command

    engine, url = corpus_engine
    with engine.connect() as conn:
        ids = list(conn.execute(text("SELECT id FROM reports ORDER BY id")).scalars())
    _set_levels(engine, ids, CASES[0])
    before = levels(engine)

    assert {"ix_reports_level", "ix_reports_picker"} <= _indexes(engine)
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0008")
    assert schema_revision(engine) == "0008" and not {"ix_reports_level", "ix_reports_picker"} & _indexes(engine)
    assert levels(engine) == before == _distinct(engine)  # slower without the index, never different
    engine.dispose()
    again = open_engine(url, announce=False)  # upgrades again
    try:
        assert schema_revision(again) == HEAD  # 0009 or later
        assert {"ix_reports_level", "ix_reports_picker"} <= _indexes(again)
        assert levels(again) == before
    finally:
        again.dispose()


def test_levels_read_the_index_not_the_reports(tmp_path) -> None:
    """SQLite's plan: only lookups in ix_reports_level (SEARCH), no scan of the table or of another index —
    what keeps the cost the same at 100 reports and at 60,000."""
    from duixian.store.query import _LEVELS

    engine = open_engine(str(tmp_path / "p.db"), announce=False)
    with engine.connect() as conn:
        plan = [row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + _LEVELS.text))]
    engine.dispose()
    on_reports = [p for p in plan if "reports" in p or " r " in f" {p} "]
    assert on_reports and all(p.startswith("SEARCH") and "ix_reports_level" in p for p in on_reports), plan


@pytest.mark.parametrize("f", [{}, {"level": "county"}, {"kind": "report"}, {"kind": "report", "level": "city"}])
def test_picker_pages_step_over_index_entries_not_rows(tmp_path, f) -> None:
    """SQLite's plan for a picker page: the ids stepped over (the OFFSET) come from a covering index
    (ix_reports_picker, or ix_reports_level under a level filter), in the page's order; the table is read
    only by id, for the page's own rows. (A year filter narrows to one year's reports by its own index.)"""
    from sqlalchemy import event

    from duixian.web.workspace import picker

    engine = open_engine(str(tmp_path / "p.db"), announce=False)
    plans: list[list[str]] = []

    def explain(conn, cursor, statement, params, context, executemany) -> None:
        if "ORDER BY" in statement and "EXPLAIN" not in statement:
            plans.append([row[-1] for row in cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, params)])

    event.listen(engine, "before_cursor_execute", explain)
    try:
        picker.report_choices(engine, picker.Filters(**f), limit=50, offset=100)
    finally:
        event.remove(engine, "before_cursor_execute", explain)
        engine.dispose()
    assert len(plans) == 1, plans
    reads = [p for p in plans[0] if p.startswith(("SCAN reports", "SEARCH reports"))]
    want = "ix_reports_level" if "level" in f else "ix_reports_picker"
    assert any(f"COVERING INDEX {want}" in p for p in reads), plans[0]
    assert all(f"COVERING INDEX {want}" in p or "INTEGER PRIMARY KEY" in p for p in reads), plans[0]
    # the ids come in the page's order: only the page's 50 rows are sorted (after reading them by id)
    assert sum("TEMP B-TREE" in p for p in plans[0]) <= 1, plans[0]
