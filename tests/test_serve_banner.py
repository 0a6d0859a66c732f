"""`duixian serve` says where its pages are: the corpus pages, and with --workspace the workspace's /ws,
which no corpus page links (a new office user following the README had to guess it)."""

from __future__ import annotations

import uvicorn
from typer.testing import CliRunner

from duixian.cli import app, sample_path
from duixian.corpus import ingest
from duixian.store import open_engine


def test_serve_names_the_workspace_address(tmp_path, monkeypatch) -> None:
    db = str(tmp_path / "c.db")
    engine = open_engine(db, announce=False)
    assert not ingest(engine, [sample_path()]).failed
    engine.dispose()
    served = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: served.append(kw["port"]))
    plain = CliRunner().invoke(app, ["serve", "--db", db, "--port", "8123"])
    assert plain.exit_code == 0, plain.output
    assert "http://127.0.0.1:8123/" in plain.output and "/ws" not in plain.output
    ws = CliRunner().invoke(app, ["serve", "--db", db, "--port", "8124", "--workspace", str(tmp_path / "ev")])
    assert ws.exit_code == 0, ws.output
    assert "http://127.0.0.1:8124/ws" in ws.output and "duixian users add" in ws.output
    assert served == [8123, 8124]
