"""A batch with hostile files in it (docs/store.md "Ingest", README "Exit status"): `duixian ingest` over a
folder where most files are bad, and `duixian extract` over several files. Every bad file gets one coded line
(its own code, never INTERNAL or the root's DUIXIAN_ERROR) and its entry in --json; the good files are stored
or printed; the exit status is 1; the same with `-j 2`. A pipe named on the command line is refused instead of
hanging the hash, and a worker that dies takes only its own file down, not the files read beside it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.hostile.test_ingest_docx import DOC_HEAD, DOC_TAIL, PARA, docx_with, huge
from typer.testing import CliRunner

from duixian.cli import app, sample_path

runner = CliRunner()
SRC = str(Path(__file__).resolve().parents[2] / "src")

# file → the code it must be refused with (None: stored or read)
BAD = {
    "empty.txt": "EMPTY_FILE", "binary.txt": "BINARY_FILE", "english.txt": "NOT_A_REPORT",
    "bomb.docx": "ARCHIVE_BOMB", "fake.docx": "BINARY_FILE", "notzip.docx": "TRUNCATED_FILE",
    "trunc.pdf": "TRUNCATED_FILE", "huge.txt": "TOO_LARGE", "bad.csv": "NO_REPORT_TEXT",
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("DUIXIAN_MAX_BYTES", str(2 * 2**20))
    d = tmp_path / "mixed"
    d.mkdir()
    text = sample_path().read_text(encoding="utf-8")
    (d / "good.txt").write_text(text, encoding="utf-8")
    (d / "other.md").write_text(text.replace("青禾区", "青山区"), encoding="utf-8")  # a second good report
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "english.txt").write_text("This is the README of a project. " * 50)
    docx_with(d / "bomb.docx", document=huge("word/document.xml", DOC_HEAD, PARA * 8000, 150 * 2**20, DOC_TAIL))
    (d / "fake.docx").write_text("这不是一个docx文件" * 10, encoding="utf-8")
    (d / "notzip.docx").write_bytes(b"PK\x03\x04" + bytes(500))
    (d / "trunc.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\n" + b"x" * 100)
    with open(d / "huge.txt", "wb") as f:
        f.truncate(3 * 2**20)  # over the 2 MB limit set above, and never read
    (d / "bad.csv").write_text("region,year,text\n示例县,2024,短\n", encoding="utf-8")
    os.symlink("/etc/passwd", d / "passwd.txt")  # out of the folder: skipped, not failed
    (d / "sub").mkdir()
    (d / "sub" / "folder.txt").mkdir()  # a folder named like a file, met while walking: not a file to read
    os.mkfifo(d / "pipe.txt")  # likewise a pipe found by the walk
    return d


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ingest_of_a_hostile_folder(folder: Path, tmp_path: Path, jobs: str) -> None:
    db = str(tmp_path / f"c{jobs}.db")
    r = runner.invoke(app, ["ingest", str(folder), "--db", db, "-j", jobs, "--json"])
    assert r.exit_code == 1, r.output  # documented: 1 when any file failed
    doc = json.loads(r.stdout)
    failed = {Path(e["path"]).name: e["code"] for e in doc["failed"]}
    assert failed == BAD, failed
    assert [Path(e["path"]).name for e in doc["skipped"]] == ["passwd.txt"]
    assert doc["skipped"][0]["code"] == "LINK_OUTSIDE"
    assert sorted(Path(p).name for p in doc["stored"]) == ["good.txt", "other.md"]
    assert all(e["message"] and e["hint"] and "\n" not in e["message"] for e in doc["failed"])

    # the same run in text: one coded line per bad file on stderr, the counts by code in the summary
    r = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / f"t{jobs}.db"), "-j", jobs,
                            "--no-progress"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error[")]
    named = sorted(Path(re.match(r"error\[[A-Z_]+\] (\S+):", ln).group(1)).name for ln in lines)
    assert named == sorted([*BAD, "passwd.txt"]), lines
    assert all(f"error[{code}] " in "\n".join(ln for ln in lines if name in ln) for name, code in BAD.items())
    assert "stored 2" in r.stdout and "failed 9 (" in r.stdout and "TOO_LARGE 1" in r.stdout, r.stdout


def test_extract_over_several_files(folder: Path) -> None:
    names = ["good.txt", "empty.txt", "binary.txt", "fake.docx", "other.md", "missing.txt", "sub/folder.txt", "pipe.txt"]
    want = {"empty.txt": "EMPTY_FILE", "binary.txt": "BINARY_FILE", "fake.docx": "BINARY_FILE",
            "missing.txt": "NOT_FOUND", "folder.txt": "NOT_A_FILE", "pipe.txt": "NOT_A_FILE"}
    paths = [str(folder / n) for n in names]
    r = runner.invoke(app, ["extract", *paths, "--json"])
    assert r.exit_code == 1
    docs = [json.loads(ln) for ln in r.stdout.splitlines()]
    assert [Path(d["source"]["path"]).name for d in docs] == [Path(n).name for n in names]  # in order, one each
    assert {Path(d["source"]["path"]).name: d["error"]["code"] for d in docs if "error" in d} == want
    assert sum("targets" in d for d in docs) == 2
    r = runner.invoke(app, ["extract", *paths])
    assert r.exit_code == 1 and "Traceback" not in r.output
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error[")]
    assert sorted(Path(re.match(r"error\[([A-Z_]+)\] (\S+):", ln).group(2)).name for ln in errors) == sorted(want)
    assert all(f"error[{want[Path(ln.split()[1].rstrip(':')).name]}]" in ln for ln in errors), errors


def test_a_pipe_named_on_the_command_line_is_refused_not_waited_on(folder: Path, tmp_path: Path) -> None:
    # a subprocess with a timeout: before, the hash of the pipe waited for a writer for ever
    env = {**os.environ, "PYTHONPATH": SRC}
    p = subprocess.run([sys.executable, "-m", "duixian", "ingest", str(folder / "pipe.txt"), str(folder / "good.txt"),
                        "--db", str(tmp_path / "p.db"), "--json"], capture_output=True, text=True, timeout=60, env=env)
    doc = json.loads(p.stdout)
    assert p.returncode == 1 and [e["code"] for e in doc["failed"]] == ["NOT_A_FILE"] and len(doc["stored"]) == 1


def test_a_worker_that_dies_takes_only_its_own_file(tmp_path: Path, monkeypatch) -> None:
    """The kernel's OOM killer (here: os._exit in the worker reading one file) broke the whole process pool:
    every file in flight failed with it, and the next file given to the broken pool ended the ingest."""
    import duixian.corpus as corpus
    from duixian.store import open_engine

    d = tmp_path / "many"
    d.mkdir()
    text = sample_path().read_text(encoding="utf-8")
    for i in range(60):  # more than one pool's worth in flight (jobs × 4 + a batch)
        (d / f"r{i:02d}.txt").write_text(text + f"\n第{i}号附件。\n", encoding="utf-8")
    shutil.copy(d / "r00.txt", d / "r30_dies.txt")
    real = corpus.file_rows

    def rows(path: str, dialect: str):
        if path.endswith("_dies.txt"):
            os._exit(9)  # the worker is gone, mid-file (the pool's processes are forks: they see this patch)
        return real(path, dialect)

    monkeypatch.setattr(corpus, "file_rows", rows)
    engine = open_engine(str(tmp_path / "w.db"), announce=False)
    result = corpus.ingest(engine, [d], jobs=2)
    assert [(Path(e.path).name, e.code) for e in result.failed] == [("r30_dies.txt", "WORKER_DIED")]
    assert len(result.stored) == 60
    engine.dispose()
