"""`ingest --engine dask`: the per-file work on a dask cluster (two worker processes on this machine), the
writes from one process into PostgreSQL — and the database the same as a plain `-j 1` ingest's."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from tests.conftest import CORPUS, needs_corpus, reset_postgres
from typer.testing import CliRunner

from duixian.cli import app
from duixian.distributed import EngineError, _same_extractors, extractor_versions, ingest_dask
from duixian.store import open_engine
from duixian.store import schema as t

PG = os.environ.get("DUIXIAN_TEST_PG")
runner = CliRunner()
needs_pg = pytest.mark.skipif(not PG and not os.environ.get("CI"), reason="DUIXIAN_TEST_PG not set")
# columns that say when or under which row id something was stored, not what was stored
VOLATILE = {"id", "report_id", "region_year_id", "ingested_at", "added_at", "plan_report_id", "review_report_id"}


def _fresh_pg() -> str:
    assert PG, "DUIXIAN_TEST_PG must be set in CI"
    return reset_postgres(PG)


def _contents(engine) -> dict[str, list[tuple]]:
    """Every stored row by content: row ids replaced by the stored report's content hash, times left out."""
    out: dict[str, list[tuple]] = {}
    sha = t.reports.c.sha256
    with engine.connect() as conn:
        for name in ("reports", "sources", "sections", "passage_spans", "region_years", *t.RECORD_TABLES):
            table = t.metadata.tables[name]
            cols = [c for c in table.c if c.name not in VOLATILE]
            q = select(*cols, sha.label("of_report")).join(t.reports, t.reports.c.id == table.c.report_id) \
                if "report_id" in table.c else select(*cols)
            out[name] = sorted((tuple(r) for r in conn.execute(q)), key=repr)
    return out


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The corpus, a copy of one report under another name (a duplicate: which file becomes the report and
    which its second source depends on the order of writing) and a file that fails."""
    d = tmp_path_factory.mktemp("dist")
    shutil.copytree(CORPUS / "raw", d / "raw")
    first = sorted((d / "raw").iterdir())[0]
    (d / "raw" / ("zz_copy_of_" + first.name)).write_bytes(first.read_bytes() + b"\n")
    (d / "raw" / "empty.txt").write_bytes(b"")
    return d / "raw"


@needs_corpus
@needs_pg
def test_dask_ingest_stores_what_a_single_process_stores(inputs: Path) -> None:
    from distributed import Client, LocalCluster

    # the reference is `duixian ingest -j 1` itself, in a fresh process like the workers (an ingest inside
    # this test process would read with whatever earlier tests left in its module state)
    done = subprocess.run([sys.executable, "-m", "duixian", "ingest", str(inputs), "-j", "1", "--json", "--db",
                           _fresh_pg()], capture_output=True, text=True, timeout=300)
    local = SimpleNamespace(**json.loads(done.stdout))
    first = open_engine(PG, announce=False)
    want = _contents(first)
    first.dispose()  # an engine left to the garbage collector closes its connection with a ResourceWarning
    assert len(local.stored) >= 30 and len(local.duplicate) == 1 and len(local.failed) == 1

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        engine = open_engine(_fresh_pg(), announce=False)
        result = ingest_dask(engine, [inputs], scheduler=cluster.scheduler_address)
        ran = client.run(lambda dask_worker: dask_worker.state.executed_count)
        again = ingest_dask(engine, [inputs], scheduler=cluster.scheduler_address)
        ran_again = client.run(lambda dask_worker: dask_worker.state.executed_count)
        # and from the command line, into a SQLite file this time
        some = [str(p) for p in sorted(inputs.iterdir())[:3]]
        cli = runner.invoke(app, ["ingest", *some, "--engine", "dask", "--scheduler", cluster.scheduler_address,
                                  "--db", str(inputs.parent / "cli.db"), "--json"])
    # the work was spread over both worker processes, none of it done here
    assert len(ran) == 2 and all(n > 0 for n in ran.values()), ran
    assert sum(ran.values()) >= len(list(inputs.iterdir()))
    assert (result.stored, result.duplicate, result.unchanged) == (local.stored, local.duplicate, local.unchanged)
    assert [(e.code, e.path) for e in result.failed] == [(e["code"], e["path"]) for e in local.failed]
    got = _contents(engine)
    engine.dispose()
    for name in want:
        assert got[name] == want[name], name
    assert len(got["passage_spans"]) > 1000 and len(got["targets"]) > 100
    # a second run skips the stored files before any task is sent (the failed file is read again)
    assert len(again.unchanged) == len(local.stored) + len(local.duplicate) and not again.stored
    assert sum(ran_again.values()) - sum(ran.values()) == len(local.failed)
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout)["stored"] == some


def test_cli_refuses_a_scheduler_without_the_dask_engine(tmp_path: Path) -> None:
    r = runner.invoke(app, ["ingest", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 2 and "--engine dask" in r.output
    r = runner.invoke(app, ["ingest", str(tmp_path), "--engine", "spark", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 2 and "unknown engine 'spark'" in r.output


@needs_pg
def test_unreachable_scheduler_is_one_coded_error() -> None:
    engine = open_engine(_fresh_pg(), announce=False)
    with pytest.raises(EngineError) as err:
        ingest_dask(engine, [str(CORPUS / "raw")], scheduler="tcp://127.0.0.1:9", timeout=2)
    engine.dispose()
    assert err.value.code == "ENGINE_UNAVAILABLE" and "127.0.0.1:9" in str(err.value)


class _Cluster:
    def __init__(self, versions: dict[str, str]) -> None:
        self.versions = versions

    def run(self, fn):
        return self.versions


def test_workers_with_other_extractors_are_refused() -> None:
    here = extractor_versions()
    _same_extractors(_Cluster({"tcp://a": here, "tcp://b": here}))  # the same: accepted
    with pytest.raises(EngineError, match="1 of 2 dask workers run other extractors"):
        _same_extractors(_Cluster({"tcp://a": here, "tcp://b": here.replace("}", ', "targets_x": "0"}')}))
