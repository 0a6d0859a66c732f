"""Two kinds of "not there", two codes: NOT_FOUND is a path that names no file or folder (or an address no
page has); NOT_IN_DATABASE (and its named kinds NO_SUCH_REPORT, NO_SUCH_RECORD, NO_SUCH_VERDICT) an id or
name the database holds nothing under. Each says its own remedy; both exit 1 on the command line and are a
404 in the web app."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from duixian import errors
from duixian.cli import app as cli_app
from duixian.cli import sample_path
from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.supervise import store
from duixian.supervise.auth import create_user
from duixian.supervise.store import Actor
from duixian.web import create_app
from duixian.web.permalink import NoSuchRecordError, NoSuchVerdictError
from duixian.web.workspace import WorkspaceConfig, service

runner = CliRunner()


def _line(r) -> str:
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error[")]
    assert len(lines) == 1 and "Traceback" not in r.output, r.output
    return lines[0]


def test_the_two_codes_differ_in_code_and_remedy() -> None:
    missing_file, not_stored = errors.NotFoundError("x"), errors.NotInDatabaseError("x")
    assert missing_file.code == "NOT_FOUND" and not_stored.code == "NOT_IN_DATABASE"
    assert "path" in missing_file.hint and "path" not in not_stored.hint and "list" in not_stored.hint
    assert not isinstance(not_stored, errors.InputError)  # not a file that could not be read
    for cls in (errors.NoSuchReportError, NoSuchRecordError, NoSuchVerdictError, store.NoSuchObjectError):
        assert issubclass(cls, errors.NotInDatabaseError) and not issubclass(cls, errors.NotFoundError), cls


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "d.db"
    assert runner.invoke(cli_app, ["ingest", str(sample_path()), "--db", str(path)]).exit_code == 0
    return str(path)


def test_cli_missing_file_and_missing_entry_are_told_apart(tmp_path: Path, db: str) -> None:
    r = runner.invoke(cli_app, ["extract", str(tmp_path / "nope.txt")])
    assert r.exit_code == 1 and _line(r).startswith("error[NOT_FOUND]") and "check the path" in _line(r)
    r = runner.invoke(cli_app, ["users", "disable", "没有这人", "--db", db])
    assert r.exit_code == 1 and _line(r).startswith("error[NOT_IN_DATABASE]") and "users list" in _line(r)
    r = runner.invoke(cli_app, ["show", "999", "--db", db])
    assert r.exit_code == 1 and _line(r).startswith("error[NO_SUCH_REPORT]")
    r = runner.invoke(cli_app, ["users", "disable", "没有这人", "--db", db, "--json"])
    assert r.exit_code == 1 and '"code": "NOT_IN_DATABASE"' in r.stdout


def test_web_answers_both_with_a_404(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'w.db'}", announce=False)
    assert not ingest(engine, [sample_path()]).failed
    create_user(engine, "督查室", "office", "correct-horse-1")
    cfg = WorkspaceConfig(evidence_dir=tmp_path / "ev")
    wid = service.create_workspace(engine, cfg, "1", "", Actor("督查室"))
    app = create_app(engine, workspace=cfg)

    @app.get("/probe/missing-file.json")
    def _probe() -> None:  # a library call given a path that names nothing, as an upload's re-read could be
        raise errors.NotFoundError("no such file", path="gone.txt")

    c = TestClient(app)
    assert c.post("/ws/login.json", json={"name": "督查室", "password": "correct-horse-1"}).status_code == 200
    r = c.get(f"/ws/{wid}/tasks/999999.json")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_IN_DATABASE", r.text
    r = c.get(f"/ws/{wid + 1}.json")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_IN_DATABASE", r.text
    r = c.get("/probe/missing-file.json")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND", r.text
    r = c.get("/reports/999999.json")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NO_SUCH_REPORT"
    r = c.get("/no/such/page.json")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"
    engine.dispose()
