"""A command that only reads never writes to its database (docs/store.md, "Opening a database").

Every read-only command is run, in a loop, on a file that is not SQLite, on another program's SQLite file, on
a duixian database of an older schema and on an up-to-date one: the first three are refused with their own
coded line (and the older schema names the command that upgrades it), and every file is byte-identical
afterwards. Commands that store something refuse the first two as well, before touching them; `duixian
upgrade` upgrades the third. On PostgreSQL, a schema that is behind is refused by the readers and left as it
was."""

from __future__ import annotations

import gc
import hashlib
import os
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.conftest import reset_postgres
from typer.testing import CliRunner

from duixian.cli import app, sample_path
from duixian.store import open_engine
from duixian.store.db import HEAD, _alembic_config, is_readonly

runner = CliRunner()
SAMPLE = str(sample_path())
PG = os.environ.get("DUIXIAN_TEST_PG")

# every command that only reads the database (`--db DB` is added); OUT is a fresh folder per run
READERS = {
    "reports": ["reports"], "reports --duplicates": ["reports", "--duplicates"], "show": ["show", "1"],
    "search": ["search", "发展"], "search 1 char": ["search", "路"], "panel": ["panel"],
    "panel --wide": ["panel", "--wide", "--json"], "metrics": ["metrics"],
    "export": ["export", "--format", "csv", "--out", "OUT"],
    "datasette-metadata": ["datasette-metadata", "--out", "OUT/m.json", "--plugins-dir", "OUT"],
    "users list": ["users", "list"], "tasks --db": ["tasks", "1"], "serve": ["serve"],
}
# commands that store something: they may upgrade a duixian database, never write into another file
WRITERS = {
    "ingest": ["ingest", SAMPLE], "delete": ["delete", "1"], "track --region": ["track", "--region", "青禾区", "--year", "2025"],
    "track --all": ["track", "--all"], "users add": ["users", "add", "x", "--role", "office", "--password-stdin"],
    "users disable": ["users", "disable", "x"], "upgrade": ["upgrade"],
    "serve --workspace": ["serve", "--workspace", "OUT"],
}


@pytest.fixture(autouse=True)
def _never_serve(monkeypatch) -> None:
    """`serve` gets as far as listening, then returns: what it opened is what is checked."""
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *_a, **_k: None)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _downgrade(path: Path, to: str) -> None:
    from alembic import command

    engine = open_engine(str(path), announce=False)
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), to)
    engine.dispose()


@pytest.fixture(scope="module")
def dbs(tmp_path_factory) -> dict[str, Path]:
    t = tmp_path_factory.mktemp("ro")
    good = t / "good.db"
    assert runner.invoke(app, ["ingest", SAMPLE, "--db", str(good), "--no-progress"]).exit_code == 0
    # the ingest ran in this process: its engine's connections close when collected, and the last one to
    # close moves the WAL into the file. Done now, so that no writer's checkpoint lands during a reader's run.
    gc.collect()
    with sqlite3.connect(good) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old = t / "old.db"
    with sqlite3.connect(good) as src, sqlite3.connect(old) as dst:
        src.backup(dst)
    _downgrade(old, "0007")
    foreign = t / "foreign.db"  # another program's SQLite file, in rollback-journal mode as most are
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        con.execute("INSERT INTO notes (body) VALUES ('keep me')")
    text_file = t / "report.txt"  # `--db report.txt` by mistake
    text_file.write_text("2024年政府工作报告\n" * 200, encoding="utf-8")
    pdf = t / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 64)
    return {"good": good, "old": old, "foreign": foreign, "text": text_file, "pdf": pdf}


def _run(args: list[str], db: Path | str, out: Path) -> tuple[int, str, str]:
    args = [a.replace("OUT", str(out)) for a in args]
    r = runner.invoke(app, [*args, "--db", str(db)], input="long-enough-pw\nlong-enough-pw\n")
    assert "Traceback" not in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    # a coded line on stderr, or under --json the error object on stdout
    codes = re.findall(r"error\[([A-Z_]+)\]", r.stderr) or re.findall(r'"error": \{"code": "([A-Z_]+)"', r.stdout)
    return r.exit_code, codes[0] if codes else "", r.stderr or r.stdout


WANT = {"text": "NOT_DUIXIAN_DB", "pdf": "NOT_DUIXIAN_DB", "foreign": "NOT_DUIXIAN_DB", "old": "DB_TOO_OLD"}


@pytest.mark.parametrize("which", list(WANT))
def test_readers_refuse_and_leave_the_file_byte_identical(which: str, dbs, tmp_path: Path) -> None:
    db = dbs[which]
    before = _sha(db)
    for name, args in READERS.items():
        status, code, err = _run(args, db, tmp_path / name.replace(" ", "_"))
        assert (status, code) == (2, WANT[which]), (name, status, err)
        assert len(err.strip().splitlines()) == 1, (name, err)  # one line
        if which == "old":
            assert "0007" in err and "duixian upgrade" in err, err  # what it is and what upgrades it
        assert _sha(db) == before, name
    if which == "old":
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0007",)


def test_readers_leave_an_up_to_date_database_byte_identical(dbs, tmp_path: Path) -> None:
    db = dbs["good"]
    before = _sha(db)
    for name, args in READERS.items():
        status, code, err = _run(args, db, tmp_path / name.replace(" ", "_"))
        assert status in (0, 1) and not code, (name, status, err)  # 1: found nothing (reports --duplicates)
        assert _sha(db) == before, name


@pytest.mark.parametrize("which", ["text", "pdf", "foreign"])
def test_writers_refuse_a_file_that_is_not_a_duixian_database(which: str, dbs, tmp_path: Path) -> None:
    db = dbs[which]
    before = _sha(db)
    for name, args in WRITERS.items():
        status, code, err = _run(args, db, tmp_path / name.replace(" ", "_"))
        assert (status, code) == (2, "NOT_DUIXIAN_DB"), (name, status, err)
        assert _sha(db) == before, name
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name)) == [db.name]  # no journal


def test_upgrade_brings_an_older_database_to_head(dbs, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(dbs["old"]) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    r = runner.invoke(app, ["upgrade", "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    assert '"from": "0007"' in r.stdout and f'"to": "{HEAD}"' in r.stdout
    r = runner.invoke(app, ["reports", "--db", str(db)])
    assert r.exit_code == 0 and "青禾区" in r.stdout
    r = runner.invoke(app, ["upgrade", "--db", str(db)])
    assert r.exit_code == 0 and f"up to date (schema {HEAD})" in r.stdout


def test_a_read_only_engine_cannot_write_and_stores_no_verdicts(dbs) -> None:
    from duixian.store.verdicts import load_items, save_verdicts

    db = dbs["good"]
    before = _sha(db)
    engine = open_engine(str(db), readonly=True)
    assert is_readonly(engine)
    with pytest.raises(Exception, match="readonly"), engine.begin() as conn:
        conn.execute(text("DELETE FROM reports"))
    item = {"kind": "target", "id": "t1", "quote": "q", "span": [0, 1], "raw_span": [0, 1], "status": "kept",
            "reason": "r", "confidence": 1.0, "evidence": []}
    assert save_verdicts(engine, 1, 1, [item], 0.5) == 1  # rated, not stored
    assert load_items(engine, 1, 1) == []
    with engine.connect() as conn:  # the panel's temporary tables still work on a read-only file
        conn.execute(text("CREATE TEMP TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
    engine.dispose()
    assert _sha(db) == before


@pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set")
def test_postgresql_readers_refuse_a_schema_that_is_behind() -> None:
    from alembic import command

    url = reset_postgres(PG)
    r = runner.invoke(app, ["reports", "--db", url])  # no duixian schema: refused, nothing created
    assert r.exit_code == 2 and "error[NO_DATABASE]" in r.stderr, r.output
    engine = open_engine(url, announce=False)
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0008")
    engine.dispose()
    for name, args in READERS.items():
        if name in ("export", "datasette-metadata", "serve"):
            continue  # the same open_db as the others; datasette-metadata is SQLite only
        status, code, err = _run(args, url, Path("/nonexistent"))
        assert (status, code) == (2, "DB_TOO_OLD"), (name, status, err)
    from sqlalchemy import create_engine

    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0008"
    finally:
        eng.dispose()
    r = runner.invoke(app, ["upgrade", "--db", url])
    assert r.exit_code == 0 and f"from schema 0008 to {HEAD}" in r.stdout, r.output
