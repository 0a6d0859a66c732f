"""Size before reading: a file is judged by its stat, and never read past the limit.

A sparse file gives a 3 GB file in an instant (Linux allocates no blocks for it)."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest
from tests.hostile.hostile_measure import measured_read, run_cli

from duixian.errors import DuixianError
from duixian.ingest import read_raw

GB3 = 3 * 1024**3


def sparse(path: Path, size: int = GB3) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)
    return path


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf", ".csv"])
def test_a_3_gb_file_is_refused_without_reading_it(tmp_path: Path, suffix: str) -> None:
    # Guard: read_raw already checked the stat before reading; this keeps it so for every format.
    m = measured_read(sparse(tmp_path / f"big{suffix}"))
    assert m["code"] == "TOO_LARGE" and m["secs"] < 0.5 and m["rss_mb"] < 20, m


def test_a_file_that_grows_after_its_stat_is_not_read_past_the_limit(tmp_path: Path, monkeypatch) -> None:
    """The stat said 500 bytes; by the read the file holds 5000 (a download still running).  The read is
    bounded by the limit, so the file is refused instead of read whole."""
    path = tmp_path / "growing.txt"
    path.write_text("政府工作报告" * 300, encoding="utf-8")
    real_stat = os.stat

    def stale_stat(p, *args, **kwargs):  # the size the file had when it was looked at
        st = real_stat(p, *args, **kwargs)
        if str(p) == str(path):
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 500,
                                   st.st_atime, st.st_mtime, st.st_ctime))
        return st

    monkeypatch.setenv("DUIXIAN_MAX_BYTES", "1000")
    monkeypatch.setattr(os, "stat", stale_stat)
    with pytest.raises(DuixianError) as info:
        read_raw(path)
    assert info.value.code == "TOO_LARGE" and "grew" in str(info.value)


def test_sha256_of_streams_and_refuses_what_read_raw_refuses(tmp_path: Path) -> None:
    """For callers that look a file up by its hash before reading it (batch ingest, uploads)."""
    from duixian.ingest import sha256_of

    small = tmp_path / "r.txt"
    small.write_bytes("政府工作报告\n".encode() * 1000)
    assert sha256_of(small) == hashlib.sha256(small.read_bytes()).hexdigest()
    t0 = time.perf_counter()
    assert sha256_of(sparse(tmp_path / "big.txt")) is None
    assert sha256_of(tmp_path) is None and sha256_of(tmp_path / "missing.txt") is None
    assert time.perf_counter() - t0 < 0.5


# The command run in-process, then the bytes its process read (Linux /proc/self/io rchar: every read()
# call, imports included) on the last line of stderr.
_COUNTING = ("import atexit, runpy, sys\n"
             "def said():\n"
             "    with open('/proc/self/io') as f:\n"
             "        io = dict(line.split(': ') for line in f.read().splitlines())\n"
             "    sys.stderr.write(f\"\\nRCHAR {io['rchar']}\\n\")\n"
             "atexit.register(said)\n"
             "sys.argv = ['duixian', *sys.argv[1:]]\n"
             "runpy.run_module('duixian', run_name='__main__')\n")


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="reads are counted through Linux /proc/self/io")
def test_duixian_ingest_refuses_a_3_gb_file_without_reading_it(tmp_path: Path) -> None:
    # Counted in bytes read, not seconds: a wall-clock bound failed on a loaded machine (the interpreter's
    # start alone took seconds), and reading a sparse file is fast enough to pass one anyway.
    big = sparse(tmp_path / "big.txt")
    p = run_cli("-c", _COUNTING, "ingest", str(big), "--db", str(tmp_path / "c.db"), module=False, timeout=120)
    read = int(p.stderr.rsplit("RCHAR ", 1)[1].split()[0])
    assert "TOO_LARGE" in p.stdout + p.stderr and read < 200 * 1024**2, (read, p.stderr[-300:])


def test_a_folder_named_like_a_report_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "report.txt"
    folder.mkdir()
    with pytest.raises(DuixianError) as info:
        read_raw(folder)
    assert info.value.code == "NOT_A_FILE" and "folder" in str(info.value) and "\n" not in str(info.value)


def test_a_named_pipe_is_refused_without_opening_it(tmp_path: Path) -> None:
    """Opening a FIFO for reading blocks until a writer comes: the type must be judged from the stat."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result: list[BaseException | None] = []

    def read() -> None:
        try:
            read_raw(fifo)
            result.append(None)
        except BaseException as exc:
            result.append(exc)

    t = threading.Thread(target=read, daemon=True)
    t.start()
    t.join(5)
    if t.is_alive():  # unblock the reader so the test process can end
        with open(fifo, "wb"):
            pass
        pytest.fail("read_raw blocked on a named pipe")
    assert isinstance(result[0], DuixianError) and result[0].code == "NOT_A_FILE", result


def test_a_missing_file_is_still_not_found(tmp_path: Path) -> None:
    with pytest.raises(DuixianError) as info:
        read_raw(tmp_path / "nope.txt")
    assert info.value.code == "NOT_FOUND"
