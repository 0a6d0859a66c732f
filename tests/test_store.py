"""The corpus database on SQLite and on a real PostgreSQL server (DUIXIAN_TEST_PG, set up by .ci/run)."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select
from tests.conftest import CORPUS, fresh_database, needs_corpus
from typer.testing import CliRunner

from duixian.cli import app, sample_path
from duixian.corpus import ingest
from duixian.errors import StoreVersionError
from duixian.export import export
from duixian.store import open_engine
from duixian.store import schema as t
from duixian.store.query import counts, find_report, panel, records, texts
from duixian.store.search import bigrams, search

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
if os.environ.get("CI") and not PG:
    BACKENDS[1] = "postgresql"  # in CI the server must be there: fail rather than skip


def _fresh_url(backend: str, tmp_path) -> str:
    return fresh_database(backend, tmp_path, PG, "corpus.db")  # a clean schema for each test


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path) -> str:
    return _fresh_url(request.param, tmp_path)


@pytest.fixture
def bad_files(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "scan.pdf").write_bytes(os.urandom(4096))
    (d / "broken.docx").write_bytes(b"PK\x03\x04 not really a docx")
    return d


def _snapshot(engine) -> dict[str, list]:
    """Every stored record, without row ids: what an export would show."""
    out = {}
    for name, table in t.RECORD_TABLES.items():
        cols = [c for c in table.c if c.name not in ("id", "report_id")]
        with engine.connect() as conn:
            out[name] = sorted(map(tuple, conn.execute(select(*cols))), key=repr)
    return out


@needs_corpus
def test_ingest_corpus_with_bad_files_is_idempotent(url, bad_files) -> None:
    engine = open_engine(url, announce=False)
    first = ingest(engine, [CORPUS / "raw", bad_files], jobs=2)
    raw = sorted((CORPUS / "raw").iterdir())
    assert len(first.stored) == len(raw)
    assert {os.path.basename(e.path) for e in first.failed} == {"empty.txt", "scan.pdf", "broken.docx"}
    assert {e.code for e in first.failed} == {"EMPTY_FILE", "BINARY_FILE", "TRUNCATED_FILE"}
    before, snap = counts(engine), _snapshot(engine)
    assert before["reports"] == len(raw) and before["pledges"] > 100
    again = ingest(engine, [CORPUS / "raw", bad_files], jobs=2)
    assert again.stored == [] and len(again.unchanged) == len(raw) and len(again.failed) == 3
    assert counts(engine) == before and _snapshot(engine) == snap
    # every report is whole: its stored counts equal its rows, and every record is grounded
    with engine.connect() as conn:
        for rep in conn.execute(select(t.reports)).mappings():
            for name, table in t.RECORD_TABLES.items():
                n = conn.execute(select(func.count()).select_from(table).where(table.c.report_id == rep["id"])).scalar()
                assert n == rep[f"n_{name}"]
            for r in records(engine, rep["id"], "actuals"):
                assert rep["clean_text"][r["span_start"] : r["span_end"]] == r["quote"]
                assert 0 <= r["raw_start"] <= r["raw_end"] <= len(texts(engine, rep["id"])[1])


@needs_corpus
def test_force_replaces_and_search_finds_two_character_words(url) -> None:
    engine = open_engine(url, announce=False)
    ingest(engine, [CORPUS / "raw"])
    res = ingest(engine, [CORPUS / "raw" / "000_51f0d4ddaca76bda.txt"], force=True)
    assert len(res.replaced) == 1 and counts(engine)["reports"] == len(list((CORPUS / "raw").iterdir()))
    with engine.connect() as conn:
        for q in ("公路", "安置房", "高新技术企业", "棚改"):
            hits = search(conn, q, limit=5)
            assert hits, q
            for h in hits:
                assert any(h.snippet[s:e] == q for s, e in h.highlights), (q, h.snippet)
        assert search(conn, "不存在的词语组合", limit=5) == []
        both = search(conn, "安置房 交付", limit=5)  # space means AND, within one paragraph
        assert both and all("安置房" in h.snippet and "交付" in h.snippet for h in both)
        assert all("路" in h.snippet for h in search(conn, "路", limit=5))  # one character falls back to LIKE
        ranked = [h.score for h in search(conn, "安置房", limit=10)]
        assert ranked == sorted(ranked)


def test_bigrams_never_join_across_punctuation() -> None:
    assert bigrams("安置，置房") == ["安置", None, None, "置房"]
    assert bigrams("GDP增长") == ["gd", "dp", "p增", "增长"]


@needs_corpus
def test_panel_and_show(url) -> None:
    engine = open_engine(url, announce=False)
    ingest(engine, [CORPUS / "raw"])
    rows = panel(engine, "地区生产总值", "actual")
    by = {(r["region"], r["year"]): r for r in rows}
    assert by[("川汇区", 2019)]["value"] == 317.2 and by[("北关区", 2018)]["growth_pct"] == 6.7
    rep = find_report(engine, "000_51f0d4ddaca76bda")  # the file stem is enough
    assert rep["region"] == "川汇区"


def test_region_year_links_two_documents(tmp_path) -> None:
    engine = open_engine(str(tmp_path / "c.db"), announce=False)
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    body = sample_path().read_text(encoding="utf-8")
    a.write_text(body, encoding="utf-8")
    b.write_text(body + "\n（本报记者整理）\n", encoding="utf-8")  # same report, another file
    assert len(ingest(engine, [a, b]).stored) == 2
    with engine.connect() as conn:
        ids = conn.execute(select(t.reports.c.region_year_id)).scalars().all()
    assert len(ids) == 2 and ids[0] == ids[1] is not None


@needs_corpus
def test_exports_round_trip(tmp_path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    pytest.importorskip("openpyxl")
    engine = open_engine(str(tmp_path / "c.db"), announce=False)
    ingest(engine, [CORPUS / "raw"])
    n = counts(engine)
    for fmt in ("csv", "xlsx", "jsonl", "parquet", "dta"):
        export(engine, fmt, tmp_path / fmt)
    raw = (tmp_path / "csv" / "actuals.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "csv" / "actuals.csv").open(encoding="utf-8-sig") as fh:
        assert len(list(csv.DictReader(fh))) == n["actuals"]
    from openpyxl import load_workbook

    rows = list(load_workbook(tmp_path / "xlsx" / "duixian.xlsx", read_only=True)["pledges"].iter_rows(values_only=True))
    assert len(rows) == n["pledges"] + 1 and rows[0][:3] == ("region", "admin_code", "report_year")
    jl = [json.loads(x) for x in (tmp_path / "jsonl" / "targets.jsonl").read_text(encoding="utf-8").splitlines()]
    pq = pd.read_parquet(tmp_path / "parquet" / "targets.parquet")
    assert len(jl) == len(pq) == n["targets"]
    assert [r["quote"] for r in jl] == list(pq["quote"])
    assert [r["value"] for r in jl] == [None if v != v else v for v in pq["value"]]
    reader = pd.io.stata.StataReader(tmp_path / "dta" / "actuals.dta")
    df = reader.read()
    assert len(df) == n["actuals"] and "地区生产总值" in set(df["metric"])
    assert reader.variable_labels()["growth_pct"].startswith("growth in percent")
    assert "| growth_pct |" in (tmp_path / "dta" / "codebook.md").read_text(encoding="utf-8")


def test_newer_schema_is_refused(tmp_path) -> None:
    path = tmp_path / "c.db"
    open_engine(str(path), announce=False)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreVersionError):
        open_engine(str(path), announce=False)


@needs_corpus
def test_kill_minus_nine_leaves_only_whole_reports(tmp_path) -> None:
    src = tmp_path / "many"
    src.mkdir()
    # reports are identified by their clean text, so the appended line must reach it (it does not after a
    # CSV's report field, after the first of six copies of a page, or below a news site's footer)
    from duixian.clean import clean
    from duixian.ingest import read_raw

    probe = tmp_path / "probe.txt"
    texts = []
    for p in sorted((CORPUS / "raw").iterdir()):
        probe.write_bytes(p.read_bytes() + "\n\n附：第0份\n".encode())
        if p.suffix == ".txt" and "第0份" in clean(read_raw(probe)).text:
            texts.append(p)
    for i in range(60):  # distinct clean texts, so each is a new report
        p = texts[i % len(texts)]
        (src / f"r{i:03d}.txt").write_bytes(p.read_bytes() + f"\n\n附：第{i}份\n".encode())
    db = tmp_path / "c.db"
    open_engine(str(db), announce=False).dispose()
    proc = subprocess.Popen([sys.executable, "-m", "duixian", "ingest", str(src), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and stored < 5:
        time.sleep(0.05)
        with sqlite3.connect(db, timeout=30) as conn:
            stored = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        assert 5 <= n < 60, "the kill must land in the middle of the batch"
        for rid, *want in conn.execute("SELECT id, n_targets, n_actuals, n_pledges, n_projects, n_glossary FROM reports"):
            got = [conn.execute(f"SELECT count(*) FROM {k} WHERE report_id = ?", (rid,)).fetchone()[0]
                   for k in ("targets", "actuals", "pledges", "projects", "glossary")]
            assert got == want
            assert conn.execute("SELECT count(*) FROM passages WHERE report_id = ?", (rid,)).fetchone()[0] > 0
        orphans = conn.execute("SELECT count(*) FROM passages WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
        assert orphans == 0
    # and the next run completes the batch
    engine = open_engine(str(db), announce=False)
    res = ingest(engine, [src])
    assert not res.failed and counts(engine)["reports"] == 60


@needs_corpus
def test_cli_ingest_search_show_panel_export(tmp_path, bad_files) -> None:
    runner = CliRunner()
    db = ["--db", str(tmp_path / "c.db")]
    r = runner.invoke(app, ["ingest", str(CORPUS / "raw"), str(bad_files), "-j", "2", "--json", *db])
    assert r.exit_code == 1
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res["counts"]["failed"] == 3 and res["counts"]["stored"] == len(list((CORPUS / "raw").iterdir()))
    r = runner.invoke(app, ["search", "安置房", "--json", *db])
    assert r.exit_code == 0 and json.loads(r.stdout)["hits"]
    r = runner.invoke(app, ["reports", "--region", "川汇区", "--json", *db])
    reps = json.loads(r.stdout)["reports"]
    assert {x["report_year"] for x in reps} == {2020, 2023, 2024}
    r = runner.invoke(app, ["show", str(reps[0]["id"]), "--json", *db])
    shown = json.loads(r.stdout)
    assert shown["report"]["region"] == "川汇区" and shown["targets"]
    r = runner.invoke(app, ["panel", "--metric", "GDP", "--json", *db])
    assert json.loads(r.stdout)["metric"] == "地区生产总值"
    r = runner.invoke(app, ["show", "nope", *db])
    assert r.exit_code == 1 and "NO_SUCH_REPORT" in r.stderr  # found nothing
    r = runner.invoke(app, ["export", "--format", "jsonl", "--out", str(tmp_path / "x"), "--json", *db])
    assert r.exit_code == 0 and any(f.endswith("codebook.md") for f in json.loads(r.stdout)["files"])
