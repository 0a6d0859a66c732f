"""Helpers for the hostile-input tests: run one read in a fresh process and measure it.

Memory is the child's peak resident size (VmHWM) above what it held after its imports: it counts
what lxml, zlib and python-docx allocate in C, which tracemalloc does not see, and a fresh process
keeps the figure free of whatever earlier tests left in this one (VmHWM, not ru_maxrss: a child's
ru_maxrss starts at the peak of the process it was forked from, so late in a long test run the base would
be the test runner's size and a read's growth below it would count as nothing).  The child also runs under an
address-space limit and a timeout, so a regression fails the test instead of exhausting the machine."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import duixian

SRC = str(Path(duixian.__file__).resolve().parents[1])  # the checkout under test, as PYTHONPATH gave it

_CHILD = r"""
import json, sys, time, tracemalloc
import charset_normalizer, docx, lxml.html  # imported before the baseline: their size is not the read's
from duixian.errors import DuixianError
from duixian.ingest import read_raw
def peak_kb():
    return int([l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1])
base = peak_kb()
tracemalloc.start()
t0 = time.perf_counter()
out = {"code": None, "error": None, "warnings": []}
try:
    raw = read_raw(sys.argv[1])
    out.update(chars=len(raw.text), warnings=list(raw.warnings), encoding=raw.source.encoding)
except DuixianError as exc:
    out.update(code=exc.code, error=str(exc))
except BaseException as exc:  # a foreign exception is a finding, not a crash of the harness
    out.update(code="FOREIGN:" + type(exc).__name__, error=str(exc)[:300])
out["secs"] = time.perf_counter() - t0
out["traced_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
out["rss_mb"] = (peak_kb() - base) / 1024
print(json.dumps(out))
"""

ADDRESS_LIMIT = 3 * 1024**3


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))


def measured_read(path: Path, *, timeout: float = 60, env: dict[str, str] | None = None) -> dict:
    """``read_raw(path)`` in a fresh process: code (None when read), error line, secs, rss_mb, traced_mb."""
    child_env = {**os.environ, "PYTHONPATH": SRC, **(env or {})}
    try:
        p = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                           timeout=timeout, env=child_env, preexec_fn=_limit)
    except subprocess.TimeoutExpired:
        return {"code": "TIMEOUT", "secs": timeout, "rss_mb": None}
    if p.returncode != 0 or not p.stdout.strip():
        return {"code": f"CRASH rc={p.returncode}", "error": p.stderr[-500:], "secs": None, "rss_mb": None}
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_cli(*args: str, timeout: float = 60, module: bool = True) -> subprocess.CompletedProcess[str]:
    """``duixian ARGS`` in a child process (``module=False``: ``python ARGS``, for a wrapper of the command)."""
    return subprocess.run([sys.executable, *(["-m", "duixian"] if module else []), *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": SRC}, preexec_fn=_limit)
