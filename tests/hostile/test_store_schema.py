"""First-run schema creation under kill -9 and under concurrent first runs (SQLite and PostgreSQL).

Before the fix the sqlite3 module committed every CREATE TABLE on its own: a kill during the first
migration left half a schema, and every later command failed with `table region_years already exists`.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid

import pytest
from sqlalchemy import create_engine, inspect, text

from duixian.store import open_engine
from duixian.store import schema as t
from duixian.store.db import schema_revision

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
def _head() -> str | None:
    from alembic.script import ScriptDirectory

    from duixian.store.db import _alembic_config

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


HEAD = _head()  # the newest migration (a literal went stale with every new revision)
TABLES = set(t.metadata.tables)


@pytest.fixture
def pg_schema():
    """A PostgreSQL URL on a schema of its own (search_path), so these tests never touch another test's
    `public` schema on the shared test database; dropped afterwards."""
    name = f"hst_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    yield f"{PG}?options=-csearch_path%3D{name}", name
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
    admin.dispose()


def _url(backend: str, tmp_path, request) -> str:
    if backend == "sqlite":
        return str(tmp_path / "c.db")
    return request.getfixturevalue("pg_schema")[0]


def _tables(url: str) -> set[str]:
    if "://" not in url:
        with sqlite3.connect(url) as conn:
            return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        eng.dispose()


# A first run that announces each CREATE it is about to execute and stalls at the K-th, so the test
# kills it at a known point inside the schema creation (no test hook in duixian itself).
_SLOW_FIRST_RUN = textwrap.dedent("""
    import sys, time
    from sqlalchemy import Engine, event
    stop_at = int(sys.argv[2])
    n = 0
    def hook(conn, cursor, statement, params, context, many):
        global n
        if statement.lstrip().upper().startswith("CREATE"):
            n += 1
            print(n, flush=True)
            if n == stop_at:
                time.sleep(60)
    event.listen(Engine, "before_cursor_execute", hook)
    from duixian.store import open_engine
    open_engine(sys.argv[1], announce=False)
    print("done", flush=True)
""")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("kill_at", [1, 5, 20, 37])  # of 43 CREATE statements at 0004 (38 on PostgreSQL)
def test_kill_during_first_run_leaves_nothing_or_everything(backend, kill_at, tmp_path, request) -> None:
    url = _url(backend, tmp_path, request)
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_FIRST_RUN, url, str(kill_at)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == str(kill_at):
            break
    else:
        pytest.fail(f"the first run ended before CREATE number {kill_at}: {proc.stderr.read() if proc.stderr else ''}")
    time.sleep(0.2)  # it is now stalled inside that CREATE's transaction
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    left = _tables(url)
    assert not (left & TABLES), f"a killed first run left part of a schema: {sorted(left)}"
    # the next run creates the whole schema and works
    engine = open_engine(url, announce=False)
    assert schema_revision(engine) == HEAD
    assert TABLES <= _tables(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM reports")).scalar() == 0
    engine.dispose()


_FIRST_RUN = textwrap.dedent("""
    import sys, time
    start = float(sys.argv[2])
    time.sleep(max(0.0, start - time.time()))  # all runs open the database at the same moment
    from duixian.store import open_engine
    open_engine(sys.argv[1], announce=False)
""")


@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrent_first_runs_all_succeed(backend, tmp_path, request) -> None:
    url = _url(backend, tmp_path, request)
    start = time.time() + 2.0  # after every interpreter has imported duixian
    procs = [subprocess.Popen([sys.executable, "-c", _FIRST_RUN, url, str(start)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    engine = open_engine(url, announce=False)
    assert schema_revision(engine) == HEAD
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()
