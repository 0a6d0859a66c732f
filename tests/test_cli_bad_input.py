"""Every command with bad input (README "Exit status and conventions"): an empty file, a binary file, a folder
where a file goes, a database that is missing or from a newer duixian, an output folder that refuses
writes, and Ctrl-C in the middle of an ingest. Each ends in one coded line on stderr, no traceback, the
documented exit status, and a database that is whole."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from tests.conftest import CORPUS, ROOT
from typer.testing import CliRunner

from duixian.cli import app, sample_path

runner = CliRunner()
SAMPLE = str(sample_path())
WILD = CORPUS.parent / "wild" / "raw"


@pytest.fixture(autouse=True)
def _never_serve(monkeypatch) -> None:
    """`serve` with bad input must stop before it listens; if it got that far, fail instead of binding."""
    import uvicorn

    def refuse(*_a, **_k) -> None:
        raise AssertionError("serve got as far as listening")

    monkeypatch.setattr(uvicorn, "run", refuse)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    t = tmp_path_factory.mktemp("bad")
    (t / "empty.txt").write_bytes(b"")
    (t / "empty.xlsx").write_bytes(b"")
    (t / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (t / "binary.xlsx").write_bytes(bytes(range(256)) * 40)
    (t / "folder").mkdir()
    good = t / "good.db"
    assert runner.invoke(app, ["ingest", SAMPLE, "--db", str(good)]).exit_code == 0
    newer = t / "newer.db"  # a copy (through SQLite: the data may sit in the WAL) whose schema is past HEAD
    with sqlite3.connect(good) as src, sqlite3.connect(newer) as dst:
        src.backup(dst)
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    assert runner.invoke(app, ["tasks", SAMPLE, "--xlsx", str(t / "t.xlsx")]).exit_code == 0
    return {"dir": t, "good": good, "newer": newer, "xlsx": t / "t.xlsx", "missing": t / "missing.db"}


def _coded(args: list[str], statuses: set[int], stdin: str = "long-enough-pw\nlong-enough-pw\n") -> str:
    r = runner.invoke(app, args, input=stdin)
    assert "Traceback" not in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error[")]
    assert len(lines) == 1, (args, r.output)
    assert r.exit_code in statuses, (args, r.exit_code, r.output)
    return re.match(r"error\[([A-Z_]+)\]", lines[0]).group(1)


# a command that reads a file (F), an office's table (X); the bad one is put where the placeholder is
FILE_COMMANDS = {
    "text": ["text", "F"], "parse": ["parse", "F"], "extract": ["extract", "F"], "track plan": ["track", "F", SAMPLE],
    "track review": ["track", SAMPLE, "F"], "tasks": ["tasks", "F"], "ingest": ["ingest", "F", "--db", "NEW"],
    "tasks --units": ["tasks", SAMPLE, "--units", "F"], "tasks-import": ["tasks-import", "X", "--report", SAMPLE],
    "tasks-import --report": ["tasks-import", "XLSX", "--report", "F"], "notice": ["notice", "X", "--report", SAMPLE],
    "notice --report": ["notice", "XLSX", "--report", "F"], "eval": ["eval", "F", "F"],
    "serve --units-csv": ["serve", "--db", "GOOD", "--workspace", "WS", "--units-csv", "F"],
}
BAD_FILES = {"empty": ("empty.txt", "empty.xlsx"), "binary": ("binary.txt", "binary.xlsx"), "folder": ("folder", "folder")}
# what a bad file is called, per kind (a folder given to eval is its NO_GOLD: a folder with no labels)
WANT = {"empty": {"EMPTY_FILE", "TASK_TABLE_UNREADABLE", "BAD_UNIT_DIRECTORY", "NOT_A_FOLDER"},
        "binary": {"BINARY_FILE", "TASK_TABLE_UNREADABLE", "BAD_UNIT_DIRECTORY", "NOT_A_FOLDER"},
        "folder": {"NOT_A_FILE", "NO_FILES", "TASK_TABLE_UNREADABLE", "BAD_UNIT_DIRECTORY", "NO_GOLD"}}


def _fill(args: list[str], files: dict[str, Path], bad: tuple[str, str] = ("", "")) -> list[str]:
    t = files["dir"]
    subst = {"F": str(t / bad[0]), "X": str(t / bad[1]), "XLSX": str(files["xlsx"]), "GOOD": str(files["good"]),
             "NEW": str(t / "new.db"), "WS": str(t / "ws")}
    return [subst.get(a, a) for a in args]


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("command", list(FILE_COMMANDS))
def test_a_bad_file_is_one_coded_line(command: str, kind: str, files) -> None:
    code = _coded(_fill(FILE_COMMANDS[command], files, BAD_FILES[kind]), {1, 2})
    assert code in WANT[kind], code


# a command that reads the database; `--db BAD` is added
DB_COMMANDS = {
    "reports": ["reports"], "show": ["show", "1"], "delete": ["delete", "1"], "search": ["search", "安置房"],
    "panel": ["panel"], "metrics": ["metrics"], "export": ["export", "--format", "csv", "--out", "OUT"],
    "datasette-metadata": ["datasette-metadata", "--out", "OUT", "--plugins-dir", "OUT"], "track --all": ["track", "--all"],
    "track --region": ["track", "--region", "青禾区", "--year", "2025"], "users list": ["users", "list"],
    "users disable": ["users", "disable", "x"], "users enable": ["users", "enable", "x"],
    "users passwd": ["users", "passwd", "x", "--password-stdin"],
    "users add": ["users", "add", "x", "--role", "office", "--password-stdin"], "tasks --db": ["tasks", "1"],
    "ingest": ["ingest", SAMPLE], "serve": ["serve"], "notice --db": ["notice", "XLSX", "--report", "1"],
    "tasks-import --db": ["tasks-import", "XLSX", "--report", "1"], "upgrade": ["upgrade"],
}
CREATES = {"ingest", "users add"}  # the commands that make a database where there is none


# a command that creates its database is only asked about a database of a newer schema
_BAD_DBS = [(c, w) for c in DB_COMMANDS for w in ("missing", "newer", "empty") if w == "newer" or c not in CREATES]


@pytest.mark.parametrize(("command", "which"), _BAD_DBS)
def test_a_bad_database_is_one_coded_line(command: str, which: str, files, tmp_path: Path) -> None:
    db = {"missing": files["missing"], "newer": files["newer"], "empty": files["dir"] / "empty.txt"}[which]
    args = [a.replace("OUT", str(tmp_path / "out")) for a in _fill(DB_COMMANDS[command], files)]
    code = _coded([*args, "--db", str(db)], {2})
    assert code == ("DB_TOO_NEW" if which == "newer" else "NO_DATABASE")
    assert (files["dir"] / "empty.txt").stat().st_size == 0  # nothing was written into the file --db named


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder where nothing may be created: chmod 555, or, for root (who ignores it), sysfs."""
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        return ro
    ro = Path("/sys/kernel")
    try:
        (ro / "duixian-probe").open("w").close()
    except OSError:
        return ro
    pytest.skip("no folder here refuses writes")


# a command that writes a file or folder; O is the refusing folder
OUT_COMMANDS = {
    "panel --out": ["panel", "--db", "GOOD", "--out", "O/p.csv"],
    "export --out": ["export", "--db", "GOOD", "--format", "csv", "--out", "O/ex"],
    "datasette-metadata --out": ["datasette-metadata", "--db", "GOOD", "--out", "O/m.json", "--plugins-dir", "O/p"],
    "track --html": ["track", SAMPLE, SAMPLE, "--force", "--html", "O/c.html"],
    "track --markdown": ["track", SAMPLE, SAMPLE, "--force", "--markdown", "O/c.md"],
    "tasks --xlsx": ["tasks", SAMPLE, "--xlsx", "O/t.xlsx"],
    "notice --docx": ["notice", "XLSX", "--report", SAMPLE, "--docx", "O/n.docx"],
    "notice --html": ["notice", "XLSX", "--report", SAMPLE, "--html", "O/n.html"],
    "serve --workspace": ["serve", "--db", "GOOD", "--workspace", "O/ws"],
    "serve --upload-dir": ["serve", "--db", "GOOD", "--allow-upload", "--upload-dir", "O/up"],
    "ingest --db": ["ingest", SAMPLE, "--db", "O/new.db"],
    "users add --db": ["users", "add", "x", "--role", "office", "--password-stdin", "--db", "O/new.db"],
}


@pytest.mark.parametrize("command", list(OUT_COMMANDS))
def test_a_read_only_output_folder_is_one_coded_line(command: str, files, tmp_path: Path) -> None:
    ro = _read_only_folder(tmp_path)
    args = [a.replace("O/", f"{ro}/") for a in _fill(OUT_COMMANDS[command], files)]
    assert _coded(args, {2}) in {"FILE_SYSTEM", "DB_ERROR"}


def test_every_command_is_audited() -> None:
    """A new command joins one of the tables above (or says here why no bad input reaches it)."""
    no_input = {"demo", "version", "users"}  # the bundled sample, the version; `users` is a group
    audited = {" ".join(args[:2]) if args[0] == "users" else args[0]
               for table in (FILE_COMMANDS, DB_COMMANDS, OUT_COMMANDS) for args in table.values()}

    def names(group, prefix: str = "") -> set[str]:
        found = set()
        for name, cmd in getattr(group, "commands", {}).items():
            found.add(prefix + name)
            found |= names(cmd, prefix + name + " ")
        return found

    assert names(typer.main.get_command(app)) - no_input <= audited


# --- Ctrl-C during an ingest -------------------------------------------------------------------------

def _reports(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return (con.execute("SELECT count(*) FROM reports").fetchone()[0],
                con.execute("SELECT count(*) FROM reports WHERE id NOT IN (SELECT report_id FROM sources) "
                            "OR id NOT IN (SELECT report_id FROM passages)").fetchone()[0])


@pytest.mark.skipif(not WILD.is_dir(), reason="../shared/wild is not beside the checkout")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_ingest_stops_with_one_line_and_a_whole_database(jobs: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for f in sorted(WILD.glob("*.txt"))[:120]:
        (folder / f.name).write_bytes(f.read_bytes())
    db = tmp_path / "c.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # its own process group, as a terminal's foreground job: Ctrl-C reaches the ingest and its workers;
    # SIGINT restored to its default (a background job of a shell inherits it ignored)
    p = subprocess.Popen([sys.executable, "-m", "duixian", "ingest", str(folder), "--db", str(db), "-j", jobs,
                          "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                         preexec_fn=lambda: (signal.signal(signal.SIGINT, signal.SIG_DFL), os.setpgrp()))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and p.poll() is None:  # wait for the first committed batch
            if db.exists():
                try:
                    if _reports(db)[0]:
                        break
                except sqlite3.OperationalError:  # the schema is still being made
                    pass
            time.sleep(0.2)
        assert p.poll() is None, "the ingest ended before it could be interrupted"
        os.killpg(p.pid, signal.SIGINT)
        out, err = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln and not ln.startswith("duixian: created database")]
    assert len(lines) == 1 and lines[0].startswith("error[INTERRUPTED]"), err
    assert p.returncode == 130 and out == ""
    stored, partial = _reports(db)
    said = dict((k, int(n)) for k, n in re.findall(r"(\w+) (\d+)", re.search(r"files \((.*?)\)", lines[0]).group(1)))
    assert partial == 0 and 0 < stored < 120 and said.get("stored") == stored, (stored, lines[0])
    if jobs == "1":  # the same command again finishes the job, skipping what was stored
        again = subprocess.run([sys.executable, "-m", "duixian", "ingest", str(folder), "--db", str(db), "--json"],
                               capture_output=True, text=True, env=env, timeout=600)
        assert again.returncode in (0, 1) and "Traceback" not in again.stderr, again.stderr
        counts = json.loads(again.stdout)["counts"]
        assert counts["unchanged"] == stored + said.get("duplicate", 0), (counts, said)
        assert _reports(db) == (stored + counts["stored"], 0)


def test_ingest_of_folders_without_reports_makes_no_database(tmp_path: Path) -> None:
    """A wrong folder is refused before the database is created, so it leaves no empty file behind; a folder
    that holds one report file under a subfolder is not refused."""
    empty, other = tmp_path / "empty", tmp_path / "other"
    empty.mkdir()
    (other / "sub").mkdir(parents=True)
    (other / "notes.xyz").write_text("not a report", encoding="utf-8")
    db = tmp_path / "new.db"
    assert _coded(["ingest", str(empty), str(other), "--db", str(db)], {1}) == "NO_FILES"
    assert not db.exists()
    (other / "sub" / "r.txt").write_text(Path(SAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    r = runner.invoke(app, ["ingest", str(empty), str(other), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert db.exists()
