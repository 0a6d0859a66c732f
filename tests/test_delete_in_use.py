"""`duixian delete` of a report a 督查 workspace was made from is refused with one coded line (REPORT_IN_USE,
exit 1) and deletes nothing — not the bare DB_ERROR of the database's foreign key — on SQLite and
PostgreSQL; once no workspace uses a report it is deleted as before."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from tests.test_store import BACKENDS, _fresh_url
from typer.testing import CliRunner

from duixian.cli import app, sample_path
from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store import schema as t
from duixian.supervise.store import Actor
from duixian.web.workspace import WorkspaceConfig, service


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_report_with_a_workspace_is_not_deleted(backend, tmp_path) -> None:
    url = _fresh_url(backend, tmp_path)
    engine = open_engine(url, announce=False)
    assert not ingest(engine, [sample_path()]).failed
    wid = service.create_workspace(engine, WorkspaceConfig(evidence_dir=tmp_path / "ev"), "1", "", Actor("office"))
    targets = _count(engine, t.targets)
    runner = CliRunner()
    r = runner.invoke(app, ["delete", "1", "--db", url])
    assert r.exit_code == 1, r.output
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error[REPORT_IN_USE]") and f"workspace(s) {wid} " in lines[0]
    assert "Traceback" not in r.output and "--force" in lines[0]
    r = runner.invoke(app, ["delete", "1", "--db", url, "--json"])
    assert r.exit_code == 1 and json.loads(r.stdout)["error"]["code"] == "REPORT_IN_USE"
    assert _count(engine, t.reports) == 1 and _count(engine, t.targets) == targets  # nothing went
    # without the workspace the report goes, as before
    from duixian.supervise import store

    with engine.begin() as conn:
        conn.execute(store.tasks.delete())
        conn.execute(store.workspaces.delete())
    r = runner.invoke(app, ["delete", "1", "--db", url])
    assert r.exit_code == 0, r.output
    assert _count(engine, t.reports) == 0
    engine.dispose()
