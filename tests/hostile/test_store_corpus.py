"""Batch ingest against hostile folders and hostile ends: links out of the folder, a 3 GB file, and kill -9
of a parallel ingest (its workers must not outlive it)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from duixian.cli import sample_path
from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.query import counts

CORPUS_RAW = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "raw"
needs_corpus = pytest.mark.skipif(not CORPUS_RAW.is_dir(), reason="../shared/corpus is not beside the checkout")
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(os.path.abspath(p) for p in sys.path if p)}


def test_folder_ingest_skips_links_that_leave_the_folder(tmp_path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(sample_path(), folder / "a.txt")
    outside = tmp_path / "private"
    outside.mkdir()
    shutil.copy(sample_path(), outside / "other.txt")
    with open(outside / "other.txt", "a", encoding="utf-8") as fh:
        fh.write("\n\n附：另一份\n")  # another text, so it would be stored as a new report if read
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "other.txt").symlink_to(outside / "other.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "again.txt").symlink_to(folder / "a.txt")  # inside the folder: fine (and ingested once)
    engine = open_engine(str(tmp_path / "c.db"), announce=False)
    events: list[tuple[str, str]] = []
    res = ingest(engine, [folder], on_event=lambda kind, path, err: events.append((kind, path)))
    assert res.ok, [str(e) for e in res.failed]
    assert sorted(Path(e.path or "").name for e in res.skipped) == ["other.txt", "passwd.txt"]
    assert all("outside the folder" in str(e) and "\n" not in str(e) for e in res.skipped)
    assert ("skipped", str(folder / "passwd.txt")) in events
    assert counts(engine)["reports"] == 1 and res.stored == [str(folder / "a.txt")]
    # the same through a glob over the folder
    res = ingest(engine, [str(folder / "*.txt")])
    assert res.ok and len(res.skipped) == 2 and counts(engine)["reports"] == 1
    # a link named on the command line is the user's choice and is followed
    res = ingest(engine, [folder / "other.txt"])
    assert res.stored == [str(folder / "other.txt")]


_MEASURED = textwrap.dedent("""
    import json, resource, sys, time
    from duixian.corpus import ingest
    from duixian.store import open_engine
    engine = open_engine(sys.argv[1], announce=False)
    t0 = time.perf_counter()
    res = ingest(engine, [sys.argv[2]])
    # VmHWM is this process's own peak: ru_maxrss keeps the peak of the process it was forked from, so a
    # large test runner (late in a long run) would count as this ingest's memory
    hwm = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")]
    print(json.dumps({"seconds": time.perf_counter() - t0,
                      "max_rss_kb": hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "failed": [e.as_dict() for e in res.failed]}))
""")


def test_huge_file_is_refused_before_it_is_read(tmp_path) -> None:
    big = tmp_path / "folder" / "huge.txt"
    big.parent.mkdir()
    with open(big, "wb") as fh:  # sparse: 3 GB on paper, nothing on disk
        fh.truncate(3 * 1024**3)
    out = subprocess.run([sys.executable, "-c", _MEASURED, str(tmp_path / "c.db"), str(big.parent)],
                         capture_output=True, text=True, env=_env(), timeout=120)
    assert out.returncode == 0, out.stderr
    import json

    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert [e["code"] for e in got["failed"]] == ["TOO_LARGE"]
    assert got["seconds"] < 2.0
    assert got["max_rss_kb"] < 400 * 1024, f"{got['max_rss_kb'] // 1024} MB: the file was read"


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only a reaper is missing (a container's PID 1 may not reap)


@needs_corpus
@linux_only
def test_workers_die_with_a_killed_ingest(tmp_path) -> None:
    src = tmp_path / "many"
    src.mkdir()
    texts = sorted(p for p in CORPUS_RAW.iterdir() if p.suffix == ".txt")
    for i in range(80):  # enough work that the kill lands while the workers are busy
        p = texts[i % len(texts)]
        (src / f"r{i:03d}.txt").write_bytes(p.read_bytes() + f"\n\n附：第{i}份\n".encode())
    proc = subprocess.Popen([sys.executable, "-m", "duixian", "ingest", str(src), "-j", "2", "--db",
                             str(tmp_path / "c.db")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    deadline = time.time() + 60
    workers: list[int] = []
    while time.time() < deadline and len(workers) < 2:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the ingest never started its workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    until = time.time() + 5
    while time.time() < until and any(_alive(w) for w in workers):
        time.sleep(0.1)
    survivors = [w for w in workers if _alive(w)]
    for w in survivors:  # do not leave them behind when the test fails
        os.kill(w, signal.SIGKILL)
    assert not survivors, f"workers outlived their ingest: {survivors}"
