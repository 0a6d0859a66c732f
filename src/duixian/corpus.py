"""Batch ingest: expand paths, prepare every report in parallel workers, store them from one writer.

Workers do all the per-report work — read, clean, structure, extract, make the rows and the search
index's entries (``prepare``: no database) — and the parent process only writes, several reports per
transaction, each report in its own savepoint (store_batch). So SQLite never sees two writers, the writer
is not the bottleneck, and a killed run leaves whole reports only: the batch being written rolls back (a
Ctrl-C waits for it to be committed and counted).
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from duixian.errors import (
    DuixianError,
    InternalError,
    LinkOutsideError,
    NotAFileError,
    NotFoundError,
    TooLargeError,
    WorkerDiedError,
)
from duixian.store import ReportRows, file_rows, stored_hashes
from duixian.store.write import store_batch

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".csv")


def _glob_root(pattern: str) -> Path:
    """The folder a glob pattern searches: its path up to the first part with a wildcard."""
    fixed: list[str] = []
    for part in Path(pattern).parts:
        if any(c in part for c in "*?["):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _inside(f: Path, root: Path) -> bool:
    return f.resolve().is_relative_to(root.resolve())


def _outside_link(f: Path) -> DuixianError:
    return LinkOutsideError(f"a link to {f.resolve()}, outside the folder being ingested: skipped", path=str(f))


def expand(paths: Iterable[str | os.PathLike[str]],
           skipped: list[DuixianError] | None = None) -> tuple[list[Path], list[DuixianError]]:
    """Files named, files under folders (known suffixes, sorted), and glob matches; missing paths are errors.

    A file found by walking a folder or matching a glob that is a link resolving outside that folder is
    left out (and reported in ``skipped``): a folder someone else filled must not make ingest read
    /etc/passwd or a private key into a shared database. A link named on the command line is followed."""
    files: list[Path] = []
    errors: list[DuixianError] = []

    def keep(found: Iterable[Path], root: Path) -> None:
        for f in found:
            if _inside(f, root):
                files.append(f)
            elif skipped is not None:
                skipped.append(_outside_link(f))

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            keep(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES), p)
        elif p.is_file():
            files.append(p)
        elif p.exists():  # a pipe, a socket, a device: hashing it would wait for a writer for ever
            errors.append(NotAFileError("not a regular file (a device, pipe or socket)", path=str(raw)))
        elif any(c in str(raw) for c in "*?["):
            matched = sorted(Path(m) for m in glob.glob(str(raw), recursive=True) if Path(m).is_file())
            if matched:
                keep(matched, _glob_root(str(raw)))
            else:
                errors.append(NotFoundError("no file matches", path=str(raw)))
        else:
            errors.append(NotFoundError("no such file or folder", path=str(raw)))
    unique: dict[Path, Path] = {}  # a file named twice (folder and glob) is ingested once, at its first mention
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), errors


def file_sha(path: Path) -> str | None:
    """SHA-256 of a file's bytes, read in chunks (memory stays flat whatever the size)."""
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError:
        return None  # the reader will say why
    return h.hexdigest()


def _too_large(path: Path) -> DuixianError | None:
    """The reader's size limit, checked from the file's size alone: before anything hashes or reads it."""
    from duixian.ingest import max_bytes

    try:
        size = path.stat().st_size
    except OSError:
        return None  # the reader will say why
    if size > max_bytes():
        return TooLargeError(f"{size} bytes is over the {max_bytes()}-byte limit", path=str(path))
    return None


STATUSES = ("stored", "replaced", "duplicate", "unchanged", "skipped", "failed")


@dataclass
class IngestResult:
    stored: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)  # copies of a stored report: added as its sources
    unchanged: list[str] = field(default_factory=list)
    skipped: list[DuixianError] = field(default_factory=list)  # left out with a warning (links out of the folder)
    failed: list[DuixianError] = field(default_factory=list)
    # per re-extracted report: {"path", "report_id", "added", "removed", "changed", "text_changed", "stale_pairs"}
    changes: list[dict] = field(default_factory=list)
    report_ids: dict[str, int] = field(default_factory=dict)  # path (or "path [row n]") → report id

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return {
            "stored": self.stored,
            "replaced": self.replaced,
            "duplicate": self.duplicate,
            "unchanged": self.unchanged,
            "skipped": [e.as_dict() for e in self.skipped],
            "failed": [e.as_dict() for e in self.failed],
            "changes": self.changes,
            "report_ids": self.report_ids,
            "counts": {k: len(getattr(self, k)) for k in STATUSES},
        }


Outcome = list[tuple[str, ReportRows | DuixianError]]  # (path or "path [row n]", rows or error) per report


def prepare(path: str, dialect: str = "sqlite") -> Outcome:
    """The per-file work of an ingest, everything but the write: read → clean → structure → extract →
    rows and search-index entries for every report in the file (a CSV may hold one per row).

    ``path``: a file (str); ``dialect``: the database the rows are for, ``"sqlite"`` or ``"postgresql"``
    (``engine.dialect.name``), since the two index different things. Returns a list of
    ``(label, ReportRows | DuixianError)``: label is the path, or ``"path [row n]"`` for a CSV row; an
    error is a value, never raised (a bug comes back as InternalError), so one bad file or row stops
    nothing. Pure: no database, no global state, picklable arguments and result, so it runs in a process
    pool, on a dask or other distributed worker, or inline; hand the ReportRows to
    ``duixian.store.write.store_batch(engine, [rows, …], force=…)`` in one process to write them."""
    try:
        return file_rows(path, dialect)
    except Exception as exc:  # a bug must not stop the batch; it is reported with the file it hit
        return [(path, InternalError(f"{type(exc).__name__}: {exc}", path=path))]


# The writer commits after this many reports, or once the oldest waiting report has waited this long
# (so a slow stream still shows progress and a kill loses little). One commit per report made the writer
# the limit of a parallel ingest (fsync and index upkeep per report).
BATCH_REPORTS = 32
BATCH_SECONDS = 2.0

# Runs ``prepare`` over the paths for a database dialect and yields (path, outcome) per file: the local
# process pool (``_results``) or another engine's (duixian.distributed).
Runner = Callable[[list[str], str], Iterator[tuple[str, Outcome]]]


def ingest(
    engine: Engine,
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    force: bool = False,
    on_event: Callable[[str, str, DuixianError | None], None] | None = None,
    total: Callable[[int], None] | None = None,
    runner: Runner | None = None,
) -> IngestResult:
    """Store every readable report under ``paths``. ``on_event(kind, path, error)`` reports progress.
    ``runner``: where ``prepare`` runs (default: ``jobs`` local processes); this process writes either way."""
    result = IngestResult()

    def record(status: str, path: str, err: DuixianError | None = None) -> None:
        if err is not None:
            err.path = err.path or path
            (result.skipped if status == "skipped" else result.failed).append(err)
        else:
            getattr(result, status).append(path)
        if on_event:
            on_event(status, path, err)

    skipped: list[DuixianError] = []
    files, errors = expand(paths, skipped)
    if total:
        total(len(files) + len(errors) + len(skipped))
    for e in errors:
        record("failed", e.path or "", e)
    for e in skipped:
        record("skipped", e.path or "", e)
    known = stored_hashes(engine) if not force else set()
    todo = []
    for f in files:
        if (big := _too_large(f)) is not None:  # refused before hashing: a 3 GB file is never read
            record("failed", str(f), big)
        elif file_sha(f) in known:  # same content already stored: nothing to read
            record("unchanged", str(f))
        else:
            todo.append(str(f))
    pending: list[tuple[str, ReportRows]] = []
    since = time.monotonic()

    def flush() -> None:
        with _ctrl_c_held():
            _flush()

    def _flush() -> None:
        outcomes = store_batch(engine, [rows for _, rows in pending], force=force)
        for (label, _), done in zip(pending, outcomes, strict=True):
            if isinstance(done, DuixianError):
                record("failed", label, done)
                continue
            result.report_ids[label] = done.report_id
            if done.status == "replaced":
                result.changes.append({"path": label, "report_id": done.report_id, **done.changes})
            record(done.status, label)
        pending.clear()

    run = runner or (lambda paths, dialect: _results(paths, jobs, dialect))
    for _path, parts in run(todo, engine.dialect.name):
        for label, out in parts:
            if isinstance(out, DuixianError):
                record("failed", label, out)
                continue
            if not pending:
                since = time.monotonic()
            pending.append((label, out))
        if pending and (len(pending) >= BATCH_REPORTS or time.monotonic() - since >= BATCH_SECONDS):
            flush()
    if pending:
        flush()
    return result


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold a Ctrl-C that comes while a batch is written until its commit is counted, then stop.

    Between the commit and the counting of its reports, a Ctrl-C made the stop message say fewer stored
    than the database holds (seen under load: "nothing stored" over 32 committed reports). A batch takes
    well under a second, so holding the stop costs nothing a user notices; a ``kill -9`` still rolls the
    batch back. Signal handlers belong to the main thread: elsewhere (a server's ingest) nothing is held."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[object] = []
    before = signal.signal(signal.SIGINT, lambda *_: came.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
    if came:
        raise KeyboardInterrupt


def _results(paths: list[str], jobs: int, dialect: str) -> Iterator[tuple[str, Outcome]]:
    """(path, rows or error) as workers finish; a bounded number in flight keeps memory flat.

    A worker that dies (the kernel's OOM killer, a crash in a reader's C code, a kill) breaks its whole
    pool, and every file in flight fails with it: they used to be reported failed, and the next submit to the
    broken pool ended the ingest. Now the files in flight are read again one at a time, each in a pool of its
    own, so only the file whose worker dies again is named (WORKER_DIED); the rest of the batch goes on in a
    new pool."""
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield p, prepare(p, dialect)
        return
    queue = deque(paths)
    while queue:
        suspects = yield from _pool_results(queue, jobs, dialect)
        for p in suspects:
            yield p, _alone(p, dialect)


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),))


def _pool_results(queue: deque[str], jobs: int, dialect: str) -> Generator[tuple[str, Outcome], None, list[str]]:
    """Run the queue's files in one pool until it is empty (returns []) or a worker dies (returns the files
    that were in flight, unread)."""
    pool = _pool(jobs)
    pending: dict[Future, str] = {}
    # Work is handed out only when this generator is resumed, and the caller stops resuming it while it
    # writes a batch (~BATCH_REPORTS × the writer's time a report). With only a few files in flight the
    # workers finished them early in that write and then sat idle; a batch more keeps them busy through
    # it, and memory stays bounded (a finished report's rows are a few hundred KB).
    in_flight = jobs * 4 + BATCH_REPORTS
    dead = False  # a worker died: the pool is broken
    lost: list[str] = []  # files whose result the broken pool lost
    try:
        while queue or pending:
            while queue and len(pending) < in_flight and not dead:
                p = queue.popleft()
                try:
                    pending[pool.submit(prepare, p, dialect)] = p
                except BrokenProcessPool:
                    queue.appendleft(p)
                    dead = True  # the files in flight are collected below
            if dead or not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                path = pending.pop(fut)
                outcome: Outcome
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    lost.append(path)
                    dead = True
                    continue
                except Exception as exc:  # the result could not come back (e.g. not picklable)
                    outcome = [(path, InternalError(f"worker failed: {type(exc).__name__}: {exc}", path=path))]
                yield path, outcome
        if dead:
            pool.shutdown(wait=False, cancel_futures=True)
            return lost + list(pending.values())
    except BaseException:
        # Ctrl-C (here or in the caller, which then closes this generator): drop the queued files instead
        # of reading all of them on the way out; only the ones being read are waited for
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return []


def _alone(path: str, dialect: str) -> Outcome:
    """One file in a worker of its own: the file whose worker dies here is the one that kills workers."""
    with _pool(1) as pool:
        try:
            return pool.submit(prepare, path, dialect).result()
        except BrokenProcessPool:
            return [(path, WorkerDiedError("the worker process reading this file died (killed, or out of memory)",
                                           path=path))]


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the ingest that started it is gone.

    A pool's workers only learn of a normal end of their parent; after ``kill -9`` of an ingest they would
    stay alive for good, each holding a file's work and memory. On Linux the kernel sends them SIGKILL
    when the parent dies (prctl PR_SET_PDEATHSIG); elsewhere a daemon thread notices the parent has gone
    (the worker is re-parented, so getppid() changes) and ends the process.

    Ctrl-C is the parent's to handle (it reaches every process of the terminal's group): a worker it
    interrupted while holding the pool's queue lock left the others blocked on that lock, and ``ingest -j 2``
    hung for good instead of stopping."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass  # no prctl: fall back to watching

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, name="duixian-parent-watch", daemon=True).start()
