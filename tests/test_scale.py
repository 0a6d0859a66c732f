"""Corpus-scale store: the worker/writer split, batched writes, contentless search indexes (migration 0006),
and lookups that read indexes instead of scanning the reports table."""

from __future__ import annotations

import os
import pickle
import shutil

import pytest
from sqlalchemy import func, select, text
from tests.conftest import CORPUS, fresh_database, needs_corpus

from duixian.corpus import ingest, prepare
from duixian.errors import DuixianError, IdentityConflictError, NoSuchReportError
from duixian.store import open_engine
from duixian.store import schema as t
from duixian.store.query import find_report, list_reports, overview, report_page, totals
from duixian.store.rows import ReportRows
from duixian.store.search import search, sqlite_grams
from duixian.store.write import store_batch

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
FILES = ("007_*", "008_*", "000_*", "001_*", "002_*", "101_*")


def _fresh(backend: str, tmp_path) -> str:
    return fresh_database(backend, tmp_path, PG)


def _files() -> list[str]:
    return [str(p) for pat in FILES for p in sorted((CORPUS / "raw").glob(pat))]


@needs_corpus
def test_prepare_is_a_picklable_pure_worker() -> None:
    f = _files()[0]
    assert pickle.loads(pickle.dumps(prepare)) is prepare
    out = prepare(f, "postgresql")
    (label, rows), = pickle.loads(pickle.dumps(out))
    assert label == f and isinstance(rows, ReportRows) and rows.search_dialect == "postgresql"
    assert len(rows.passage_grams) == len(rows.passages) and rows.record_grams == {}
    lite = prepare(f)[0][1]
    assert lite.passage_grams == [sqlite_grams(p["text"]) for p in lite.passages]
    assert len(lite.record_grams["pledges"]) == len(lite.records["pledges"])
    bad = prepare(str(CORPUS / "no such file.txt"))
    assert len(bad) == 1 and isinstance(bad[0][1], DuixianError)


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_failing_report_leaves_nothing_and_its_batch_goes_on(backend, tmp_path) -> None:
    engine = open_engine(_fresh(backend, tmp_path), announce=False)
    dialect = engine.dialect.name
    rows = [r for f in _files()[:3] for _, r in prepare(f, dialect)]
    # a copy of the first text that reads as another region: refused (IDENTITY_CONFLICT) inside the batch
    first = rows[0]
    liar = ReportRows({**first.report, "region": "别处", "sha256": "f" * 64}, first.sections, first.records,
                      first.passages, {**first.source, "sha256": "e" * 64, "path": "/tmp/liar.txt"},
                      first.search_dialect, first.passage_grams, first.record_grams)
    out = store_batch(engine, [rows[0], liar, rows[1], rows[2]])
    assert isinstance(out[1], IdentityConflictError)
    assert [o.status for o in (out[0], out[2], out[3])] == ["stored"] * 3
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.reports)).scalar_one() == 3
        assert conn.execute(select(func.count()).select_from(t.sources)).scalar_one() == 3
        n_pass = conn.execute(select(func.count()).select_from(t.passages)).scalar_one()
        assert n_pass == sum(len(r.passages) for r in rows[:3])
        if dialect == "sqlite":  # one index entry per passage and per quote, none for the refused copy
            assert conn.execute(text("SELECT count(*) FROM passages_fts")).scalar_one() == n_pass
            assert conn.execute(text("SELECT count(*) FROM pledges_fts")).scalar_one() == \
                conn.execute(select(func.count()).select_from(t.pledges)).scalar_one()
        hits = search(conn, "发展", limit=1000)
        assert {h.report_id for h in hits} == {o.report_id for o in (out[0], out[2], out[3])}


@needs_corpus
def test_index_forgets_deleted_and_replaced_reports(tmp_path) -> None:
    from duixian.store.write import remove_report

    engine = open_engine(str(tmp_path / "c.db"), announce=False)
    res = ingest(engine, _files())
    assert not res.failed
    rid = res.report_ids[_files()[0]]
    with engine.connect() as conn:
        # contentless: the index keeps tokens and positions, no copy of the text
        assert conn.execute(text("SELECT count(*) FROM passages_fts WHERE grams IS NOT NULL")).scalar_one() == 0
        before = search(conn, "发展", limit=1)
    assert ingest(engine, [_files()[0]], force=True).replaced
    remove_report(engine, res.report_ids[_files()[1]])
    with engine.connect() as conn:
        after = search(conn, "发展", limit=1)
        truth = conn.execute(text("SELECT count(*) FROM passages WHERE text LIKE '%发展%'")).scalar_one()
        assert after.total == truth < before.total
        n = conn.execute(text("SELECT count(*) FROM passages")).scalar_one()
        assert conn.execute(text("SELECT count(*) FROM passages_fts")).scalar_one() == n
        # FTS5's own check of the index against itself (a wrong 'delete' corrupts it)
        conn.exec_driver_sql("INSERT INTO passages_fts(passages_fts, rank) VALUES ('integrity-check', 0)")
    assert find_report(engine, str(rid))["id"] == rid


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_find_report_by_every_name(backend, tmp_path) -> None:
    engine = open_engine(_fresh(backend, tmp_path), announce=False)
    src = tmp_path / "in"
    src.mkdir()
    a = str(shutil.copy(next((CORPUS / "raw").glob("007_*")), src / "007_hailar_2018.txt"))
    copy = tmp_path / "copies"
    copy.mkdir()
    b = str(shutil.copy(a, copy / "hailar copy.txt"))  # the same bytes elsewhere: one source, skipped
    res = ingest(engine, [a])
    rid = res.report_ids[a]
    sha = find_report(engine, str(rid))["sha256"]
    for ref in (str(rid), a, "007_hailar_2018.txt", "007_hailar_2018", "in/007_hailar_2018.txt", "in/007_hailar_2018",
                sha[:8], sha.upper()[:10]):
        assert find_report(engine, ref)["id"] == rid, ref
    for ref in ("007_hailar", "hailar_2018.txt", "x/007_hailar_2018.txt", "99", "abcdef", b):
        with pytest.raises(NoSuchReportError):
            find_report(engine, ref)
    with engine.connect() as conn:
        assert conn.execute(select(t.sources.c.name)).scalars().all() == ["007_hailar_2018.txt"]


def _plan(engine, sql: str, params: dict) -> str:
    with engine.connect() as conn:
        return "\n".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params or ()))


def test_lookups_do_not_scan_the_reports_table(tmp_path) -> None:
    """SQLite's plans: every lookup the pages and the CLI make reads an index (a scan of the reports
    table reads every report's text)."""
    engine = open_engine(str(tmp_path / "c.db"), announce=False)
    from sqlalchemy.dialects import sqlite

    def compiled(q) -> tuple[str, dict]:
        return str(q.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})), {}

    from duixian.store.query import region_clause

    queries = {
        "region": select(t.reports.c.id).where(region_clause("周口市")),
        "by path": select(t.sources.c.report_id).where(t.sources.c.path == "/a/b.txt"),
        "by name": select(t.sources.c.report_id).where(t.sources.c.name >= "b."),
        "report page": select(t.reports.c.id, t.reports.c.path).order_by(
            t.reports.c.region, t.reports.c.report_year, t.reports.c.id).limit(50),
        "totals": select(func.count(), func.sum(t.reports.c.n_targets), func.sum(t.reports.c.n_glossary)),
        "overview": select(func.coalesce(t.reports.c.region, t.reports.c.region_full), t.reports.c.report_year,
                           t.reports.c.doc_type).group_by(func.coalesce(t.reports.c.region, t.reports.c.region_full)),
    }
    for what, q in queries.items():
        plan = _plan(engine, *compiled(q))
        scans = [ln for ln in plan.splitlines() if ln.startswith("SCAN reports") and "INDEX" not in ln]
        assert not scans, (what, plan)


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_pages_and_overview_agree_with_the_whole_list(backend, tmp_path) -> None:
    engine = open_engine(_fresh(backend, tmp_path), announce=False)
    assert not ingest(engine, [CORPUS / "raw"]).failed
    whole = list_reports(engine)
    pages = [report_page(engine, limit=7, offset=o) for o in range(0, len(whole) + 7, 7)]
    assert all(p.total == len(whole) for p in pages)
    assert [r["id"] for p in pages for r in p.rows] == [r["id"] for r in whole]
    ov = overview(engine)
    assert ov.total == len(ov.rows) == len({r["region"] or r["region_full"] for r in whole})
    assert sorted(c["id"] for reg in ov.rows for cell in reg["cells"].values() for c in cell) == \
        sorted(r["id"] for r in whole)
    two = overview(engine, limit=2, offset=1)
    assert [r["region"] for r in two.rows] == [r["region"] for r in ov.rows[1:3]] and two.total == ov.total
    tot = totals(engine)
    with engine.connect() as conn:
        for k in t.RECORD_TABLES:
            assert tot[k] == conn.execute(select(func.count()).select_from(t.RECORD_TABLES[k])).scalar_one()
    assert tot["reports"] == len(whole)
    zk = report_page(engine, region="周口市", limit=100)
    assert zk.total == len(zk.rows) > 0 and all("周口市" in r["region_full"] for r in zk.rows)


@needs_corpus
def test_migration_0006_upgrades_a_0005_database(tmp_path) -> None:
    from alembic import command

    from duixian.store.db import HEAD, _alembic_config, schema_revision
    from duixian.store.migrations.versions import __name__ as versions  # noqa: F401

    db = str(tmp_path / "c.db")
    engine = open_engine(db, announce=False)
    assert not ingest(engine, _files()).failed
    with engine.connect() as conn:
        want = [(h.passage_id, h.snippet) for h in search(conn, "安置房 OR 公路", limit=50)]
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0005")
    with engine.connect() as conn:  # 0005: the index stored every text as bigrams
        assert conn.execute(text("SELECT count(*) FROM passages_fts WHERE grams IS NULL")).scalar_one() == 0
        assert "name" not in {c[1] for c in conn.exec_driver_sql("PRAGMA table_info(sources)")}
    engine.dispose()
    engine = open_engine(db, announce=False)
    assert schema_revision(engine) == HEAD  # upgraded to the head again
    with engine.connect() as conn:
        assert [(h.passage_id, h.snippet) for h in search(conn, "安置房 OR 公路", limit=50)] == want
        assert conn.execute(text("SELECT count(*) FROM sources WHERE name IS NULL")).scalar_one() == 0
    assert find_report(engine, "007_hailar_2018")["region"] == "海拉尔区"


def test_migration_0006_grams_is_a_frozen_copy() -> None:
    import importlib

    m = importlib.import_module("duixian.store.migrations.versions.0006_scale")
    m8 = importlib.import_module("duixian.store.migrations.versions.0008_search_characters")
    for s in ("安置房，公路GDP增长5.5%", "", "a", "Ünïcode 测试_x"):
        assert m._grams(s) == m8._sqlite(m8._old_tokens(s))  # the tokens of 0006 are 0008's old ones


@needs_corpus
def test_panel_page_is_a_slice_of_the_panel(tmp_path) -> None:
    from duixian.store.panel import panel_page, panel_rows

    engine = open_engine(str(tmp_path / "c.db"), announce=False)
    assert not ingest(engine, _files()).failed
    rows = panel_rows(engine)
    assert len(rows) > 10
    page = panel_page(engine, limit=4, offset=6)
    assert page.total == len(rows) and page.rows == rows[6:10]
    assert panel_page(engine, limit=None).rows == rows


@needs_corpus
@pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set")
def test_two_batches_locking_in_opposite_orders_both_store(tmp_path, monkeypatch) -> None:
    """Two ingests' batches take two fingerprints' locks in opposite orders: PostgreSQL breaks the deadlock,
    and the losing report is stored once the other batch has committed, not reported as failed."""
    import threading

    from duixian.store import write

    url = _fresh("postgresql", tmp_path)
    engine = open_engine(url, announce=False)
    one, two = (prepare(f, "postgresql")[0][1] for f in _files()[:2])
    barrier = threading.Barrier(2, timeout=10)
    real = write._lock
    seen: dict[int, int] = {}

    def lock(conn, fp):  # each batch takes its first lock, then both go on to their second at once
        real(conn, fp)
        me = threading.get_ident()
        seen[me] = seen.get(me, 0) + 1
        if seen[me] == 1:
            barrier.wait()

    monkeypatch.setattr(write, "_lock", lock)
    results: dict[str, list] = {}

    def run(name, batch):
        own = open_engine(url, announce=False)
        try:
            results[name] = store_batch(own, batch)
        finally:
            own.dispose()

    threads = [threading.Thread(target=run, args=("a", [one, two])), threading.Thread(target=run, args=("b", [two, one]))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    outcomes = results["a"] + results["b"]
    assert not [o for o in outcomes if isinstance(o, DuixianError)], outcomes
    assert sorted(o.status for o in outcomes) == ["stored", "stored", "unchanged", "unchanged"]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.reports)).scalar_one() == 2
    engine.dispose()
