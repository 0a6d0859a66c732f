"""Two `duixian ingest` runs of one folder at the same time (SQLite and PostgreSQL).

Before the fix both looked for a report, both found none, both inserted, and the loser failed on a unique
key (reports.sha256, region_years): dozens of spurious errors and exit status 1 for data that ended up
consistent anyway.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
CORPUS_RAW = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "raw"
needs_corpus = pytest.mark.skipif(not CORPUS_RAW.is_dir(), reason="../shared/corpus is not beside the checkout")


@pytest.fixture
def pg_schema():
    """A PostgreSQL URL on a schema of its own, so the test never touches another test's `public` schema."""
    name = f"hst_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    yield f"{PG}?options=-csearch_path%3D{name}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
    admin.dispose()


def _sql_url(url: str) -> str:
    return url if "://" in url else f"sqlite:///{url}"


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_two_concurrent_ingests_both_succeed(backend, tmp_path, request) -> None:
    url = str(tmp_path / "c.db") if backend == "sqlite" else request.getfixturevalue("pg_schema")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    # both start on an empty database (so the schema creation races too), one with workers
    runs = [[], ["-j", "2"]]
    procs = [subprocess.Popen([sys.executable, "-m", "duixian", "ingest", str(CORPUS_RAW), "--db", url, "--json", *j],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for j in runs]
    t0 = time.time()
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, (out[-2000:], err[-2000:])
    n_files = len(list(CORPUS_RAW.iterdir()))
    eng = create_engine(_sql_url(url))
    with eng.connect() as conn:
        reports, fingerprints, hashes = conn.execute(
            text("SELECT count(*), count(DISTINCT fingerprint), count(DISTINCT sha256) FROM reports")).one()
        sources, distinct_sources = conn.execute(
            text("SELECT count(*), count(DISTINCT sha256 || ':' || part) FROM sources")).one()
        region_years = conn.execute(text(
            "SELECT count(*) FROM (SELECT region_key, year FROM region_years GROUP BY region_key, year "
            "HAVING count(*) > 1) d")).scalar()
        orphans = conn.execute(text("SELECT count(*) FROM passages WHERE report_id NOT IN (SELECT id FROM reports)")
                               ).scalar()
    eng.dispose()
    assert reports == fingerprints == hashes == n_files  # every report once (the corpus holds 36 distinct texts)
    assert sources == distinct_sources == n_files
    assert region_years == 0 and orphans == 0
    assert time.time() - t0 < 300
