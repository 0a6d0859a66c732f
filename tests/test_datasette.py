"""Publishing with Datasette: the database that `duixian ingest` writes, served by a real `datasette` process on
loopback with the metadata and plugin of `duixian datasette-metadata`, answers ?_search= with exactly the rows
that contain the word, for passages and records, and facets the record views by region; migration 0004 keeps
the record indexes in step with the records (new database, --force, delete, and an upgraded 0003 database)."""

from __future__ import annotations

import importlib.util
import json
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.conftest import CORPUS, needs_corpus
from tests.test_store import BACKENDS, _fresh_url
from typer.testing import CliRunner

from duixian.cli import app
from duixian.store import open_engine
from duixian.store.datasette_plugin import fts_query, grams
from duixian.store.search import RECORD_FTS, search, sqlite_grams

httpx = pytest.importorskip("httpx")
pytest.importorskip("datasette")

FILES = ("000_*", "001_*", "002_*", "003_*", "004_*", "101_*", "102_*", "103_*")
# table → the column its index holds; the *_v views share their table's index
SEARCHED = {"passages": "text", "passages_v": "text", "pledges": "quote", "pledges_v": "quote",
            "actuals": "quote", "targets": "quote", "targets_v": "quote"}


def _ingest(db: Path, *patterns: str) -> None:
    files = [str(p) for pat in patterns for p in sorted((CORPUS / "raw").glob(pat))]
    r = CliRunner().invoke(app, ["ingest", *files, "--db", str(db)])
    assert r.exit_code == 0, r.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base URL of the database, path of the SQLite file): a corpus served by `datasette` on loopback."""
    d = tmp_path_factory.mktemp("ds")
    db = d / "corpus.db"
    _ingest(db, *FILES)
    meta, plugins = d / "metadata.json", d / "plugins"
    r = CliRunner().invoke(app, ["datasette-metadata", "--db", str(db), "--out", str(meta),
                                 "--plugins-dir", str(plugins), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["database"] == "corpus"
    port = _free_port()
    log = (d / "datasette.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(meta),
                             "--plugins-dir", str(plugins), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/corpus"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("datasette did not start: " + (d / "datasette.log").read_text(errors="replace"))
            time.sleep(0.2)
        yield base, db
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def _rows(base: str, table: str, **params: str) -> list[dict]:
    r = httpx.get(f"{base}/{table}.json", params={"_shape": "array", "_size": "max", **params}, timeout=30)
    assert r.status_code == 200, r.text[:500]
    return r.json()


def _like_count(db: Path, table: str, column: str, words: list[str]) -> int:
    where = " AND ".join(f"lower({column}) LIKE ?" for _ in words)
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", [f"%{w}%" for w in words]).fetchone()[0]


@needs_corpus
@pytest.mark.parametrize("query", ["安置房", "公路", "棚户区改造", "GDP", "公路 建设"])
def test_search_returns_exactly_the_rows_containing_the_words(served, query) -> None:
    base, db = served
    words = query.lower().split()
    found = 0
    for table, column in SEARCHED.items():
        rows = _rows(base, table, _search=query)
        assert all(all(w in row[column].lower() for w in words) for row in rows), (table, query)
        assert len(rows) == _like_count(db, table, column, words), (table, query)
        found += len(rows)
    assert found > 0  # the corpus files hold every query word: an empty answer everywhere is a failure
    with sqlite3.connect(db) as conn:
        total = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    assert len(_rows(base, "passages", _search=query)) < total  # the bug this fixes: every row came back


@needs_corpus
def test_search_of_安置房_on_passages_and_pledges(served) -> None:
    base, db = served
    passages = _rows(base, "passages", _search="安置房")
    pledges = _rows(base, "pledges", _search="安置房")
    assert passages and pledges
    assert {p["id"] for p in passages} == {p["id"] for p in _rows(base, "passages", text__contains="安置房")}
    assert all("安置房" in p["quote"] for p in pledges)
    # the same answer the project's own search gives
    with open_engine(str(db), announce=False).connect() as conn:
        assert {h.passage_id for h in search(conn, "安置房", limit=500)} == {p["id"] for p in passages}
    # the HTML page with its search box works too
    page = httpx.get(f"{base}/passages", params={"_search": "安置房"}, timeout=30)
    assert page.status_code == 200 and "安置房" in page.text


@needs_corpus
def test_one_character_returns_only_rows_that_contain_it(served) -> None:
    base, _db = served
    rows = _rows(base, "passages", _search="路")
    assert rows and all("路" in r["text"] for r in rows)


@needs_corpus
def test_record_views_facet_by_region_and_year(served) -> None:
    base, db = served
    for view, table in (("targets_v", "targets"), ("pledges_v", "pledges"), ("verdicts_v", None)):
        r = httpx.get(f"{base}/{view}.json", params={"_facet": "region", "_size": "0"}, timeout=30)
        assert r.status_code == 200, r.text[:300]
        if table is None:
            continue
        facets = {f["value"]: f["count"] for f in r.json()["facet_results"]["region"]["results"]}
        with sqlite3.connect(db) as conn:
            sql = (f"SELECT r.region, count(*) FROM {table} x JOIN reports r ON r.id = x.report_id "
                   "GROUP BY r.region")
            expected = dict(conn.execute(sql).fetchall())
        assert facets == expected and len(facets) > 1
    year = httpx.get(f"{base}/targets_v.json", params={"_facet": "report_year", "_size": "0"}, timeout=30).json()
    assert {f["value"] for f in year["facet_results"]["report_year"]["results"]} >= {2020}
    # a search and a facet together: where 安置房 is promised
    both = httpx.get(f"{base}/pledges_v.json", params={"_search": "安置房", "_facet": "region"}, timeout=30).json()
    assert sum(f["count"] for f in both["facet_results"]["region"]["results"]) == len(
        _rows(base, "pledges", _search="安置房"))


@needs_corpus
def test_ranked_search_query(served) -> None:
    base, db = served
    r = httpx.get(f"{base}/search.json", params={"q": "公路", "_shape": "array"}, timeout=30)
    assert r.status_code == 200, r.text[:300]
    rows = r.json()
    assert rows and all("公路" in x["text"] and x["region"] for x in rows)
    assert len(rows) == _like_count(db, "passages", "text", ["公路"])


def test_plugin_tokenises_like_the_index() -> None:
    texts = ["安置房、公路建设", "GDP增长6%左右", "a_b c", "棚户区改造1.2万套。", "", "x"]
    if (CORPUS / "raw").is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace")[:3000] for p in sorted((CORPUS / "raw").glob("00*"))]
    mig = Path(__file__).resolve().parents[1] / "src/duixian/store/migrations/versions/0008_search_characters.py"
    spec = importlib.util.spec_from_file_location("m0008", mig)
    assert spec and spec.loader
    m0008 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m0008)
    for s in texts:
        assert " ".join(grams(s)) == sqlite_grams(s) == m0008._sqlite(m0008._new_tokens(s))
    assert fts_query("安置房") == '"安置 置房"'
    assert fts_query("公路 安置房") == '"公路" "安置 置房"'
    assert fts_query("安置房，公路") == '"安置 置房" "公路"'  # punctuation separates words
    assert fts_query("路") == '"路" *'
    assert fts_query("，。") == '""'


def test_plugin_leaves_other_databases_alone(tmp_path) -> None:
    from duixian.store import datasette_plugin

    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.create_function("escape_fts", 1, lambda q: "stock")
    datasette_plugin.prepare_connection(other)
    assert other.execute("SELECT escape_fts('安置房')").fetchone()[0] == "stock"
    ours = sqlite3.connect(":memory:")
    for sql in ("CREATE TABLE alembic_version (v)", "CREATE TABLE reports (x)",
                "CREATE VIRTUAL TABLE passages_fts USING fts5(grams)"):
        ours.execute(sql)
    datasette_plugin.prepare_connection(ours)
    assert ours.execute("SELECT escape_fts('安置房')").fetchone()[0] == '"安置 置房"'


def _head() -> str | None:
    from alembic.script import ScriptDirectory

    from duixian.store.db import _alembic_config

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


def _index_counts(engine) -> dict[str, tuple[int, int]]:
    with engine.connect() as conn:
        return {n: (conn.execute(text(f"SELECT count(*) FROM {n}")).scalar_one(),
                    conn.execute(text(f"SELECT count(*) FROM {n}_fts")).scalar_one()) for n in RECORD_FTS}


@needs_corpus
def test_record_indexes_follow_force_and_delete(tmp_path) -> None:
    db = tmp_path / "c.db"
    _ingest(db, "007_*", "008_*")
    engine = open_engine(str(db), announce=False)
    counts = _index_counts(engine)
    assert all(rows == indexed for rows, indexed in counts.values()) and counts["targets"][0] > 0
    r = CliRunner().invoke(app, ["ingest", str(next((CORPUS / "raw").glob("007_*"))), "--force", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert _index_counts(engine) == counts
    r = CliRunner().invoke(app, ["delete", "1", "--db", str(db)])
    assert r.exit_code == 0, r.output
    after = _index_counts(engine)
    assert all(rows == indexed for rows, indexed in after.values()) and after != counts
    with engine.connect() as conn:  # no index row points at a record that is gone
        for n in RECORD_FTS:
            assert conn.execute(text(f"SELECT count(*) FROM {n}_fts WHERE rowid NOT IN (SELECT id FROM {n})")
                                ).scalar_one() == 0


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0004_upgrades_a_0003_database_without_loss(backend, tmp_path) -> None:
    from alembic import command

    from duixian.store.db import _alembic_config, schema_revision

    url = _fresh_url(backend, tmp_path)
    engine = open_engine(url, announce=False)
    files = [str(p) for pat in ("007_*", "008_*", "101_*") for p in sorted((CORPUS / "raw").glob(pat))]
    assert CliRunner().invoke(app, ["ingest", *files, "--db", url]).exit_code == 0
    tables = ("reports", "passages", *RECORD_FTS, "sources", "sections")

    def snapshot() -> dict[str, list]:
        with engine.connect() as conn:
            return {n: conn.execute(text(f"SELECT * FROM {n} ORDER BY id")).all() for n in tables}

    before = snapshot()
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0003")
    with engine.connect() as conn:
        names = set(conn.execute(text(
            "SELECT name FROM sqlite_master" if backend == "sqlite" else
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).scalars())
    assert "targets_fts" not in names and "targets_v" not in names and "passages" in names
    engine.dispose()

    upgraded = open_engine(url, announce=False)  # what a user's next command does
    assert schema_revision(upgraded) == _head()  # 0004 and every later step
    engine = upgraded
    assert snapshot() == before
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM targets_v")).scalar_one()
        assert n == len(before["targets"]) > 0
        assert conn.execute(text("SELECT count(*) FROM targets_v WHERE region IS NULL")).scalar_one() == 0
        if backend == "sqlite":
            for name in RECORD_FTS:  # rebuilt from the stored quotes: every record, findable by its words
                assert conn.execute(text(f"SELECT count(*) FROM {name}_fts")).scalar_one() == len(before[name])
            hits = conn.execute(text("SELECT count(*) FROM pledges_fts WHERE pledges_fts MATCH :q"),
                                {"q": fts_query("公路")}).scalar_one()
            assert hits == conn.execute(text("SELECT count(*) FROM pledges WHERE quote LIKE '%公路%'")).scalar_one()
