"""Batch ingest: expand paths, extract in parallel workers, store each report in its own transaction.

Workers only read and extract (pure work, no database); the parent process is the single writer,
so SQLite never sees two writers and a killed run loses at most the report being written, which
its transaction rolls back.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from duixian.errors import DuixianError, InternalError, NotFoundError
from duixian.store import ReportRows, file_rows, store_report, stored_hashes

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".csv")


def expand(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[DuixianError]]:
    """Files named, files under folders (known suffixes, sorted), and glob matches; missing paths are errors."""
    files: list[Path] = []
    errors: list[DuixianError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.exists():
            files.append(p)
        elif any(c in str(raw) for c in "*?["):
            matched = sorted(Path(m) for m in glob.glob(str(raw), recursive=True) if Path(m).is_file())
            if matched:
                files.extend(matched)
            else:
                errors.append(NotFoundError("no file matches", path=str(raw)))
        else:
            errors.append(NotFoundError("no such file or folder", path=str(raw)))
    unique: dict[Path, Path] = {}  # a file named twice (folder and glob) is ingested once, at its first mention
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), errors


def file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the reader will say why


STATUSES = ("stored", "replaced", "duplicate", "unchanged", "failed")


@dataclass
class IngestResult:
    stored: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)  # copies of a stored report: added as its sources
    unchanged: list[str] = field(default_factory=list)
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
            "failed": [e.as_dict() for e in self.failed],
            "changes": self.changes,
            "report_ids": self.report_ids,
            "counts": {k: len(getattr(self, k)) for k in STATUSES},
        }


Outcome = list[tuple[str, ReportRows | DuixianError]]  # (path or "path [row n]", rows or error) per report


def _work(path: str) -> Outcome:
    """Runs in a worker: read → clean → structure → extract → rows, for every report in the file (a CSV
    may hold one per row). Errors come back as values."""
    try:
        return file_rows(path)
    except Exception as exc:  # a bug must not stop the batch; it is reported with the file it hit
        return [(path, InternalError(f"{type(exc).__name__}: {exc}", path=path))]


def ingest(
    engine: Engine,
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    force: bool = False,
    on_event: Callable[[str, str, DuixianError | None], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> IngestResult:
    """Store every readable report under ``paths``. ``on_event(kind, path, error)`` reports progress."""
    result = IngestResult()

    def record(status: str, path: str, err: DuixianError | None = None) -> None:
        if err is not None:
            err.path = err.path or path
            result.failed.append(err)
        else:
            getattr(result, status).append(path)
        if on_event:
            on_event(status, path, err)

    files, errors = expand(paths)
    for e in errors:
        record("failed", e.path or "", e)
    known = stored_hashes(engine) if not force else set()
    todo = []
    for f in files:
        if file_sha(f) in known:  # same content already stored: nothing to read
            record("unchanged", str(f))
        else:
            todo.append(str(f))
    if total:
        total(len(files) + len(errors))
    for _path, parts in _results(todo, jobs):
        for label, out in parts:
            if isinstance(out, DuixianError):
                record("failed", label, out)
                continue
            try:
                done = store_report(engine, out, force=force)
            except DuixianError as exc:
                record("failed", label, exc)
                continue
            result.report_ids[label] = done.report_id
            if done.status == "replaced":
                result.changes.append({"path": label, "report_id": done.report_id, **done.changes})
            record(done.status, label)
    return result


def _results(paths: list[str], jobs: int) -> Iterator[tuple[str, Outcome]]:
    """(path, rows or error) as workers finish; a bounded number in flight keeps memory flat."""
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield p, _work(p)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: dict[Future, str] = {}
        it = iter(paths)
        for p in it:
            pending[pool.submit(_work, p)] = p
            if len(pending) >= jobs * 4:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                path = pending.pop(fut)
                try:
                    yield path, fut.result()
                except Exception as exc:  # a worker died (out of memory, killed)
                    yield path, [(path, InternalError(f"worker failed: {type(exc).__name__}: {exc}", path=path))]
                nxt = next(it, None)
                if nxt is not None:
                    pending[pool.submit(_work, nxt)] = nxt
