"""Ingest on a dask.distributed cluster: the per-file work runs on the cluster's workers, this process writes.

``corpus.prepare`` (read → clean → structure → extract → rows and search-index entries) is pure, so it is
what the cluster runs: one task per file, submitted a bounded window ahead and collected in submission
order. This process stays the database's one writer (``corpus.ingest`` with a dask runner: the same
skipping of stored files, the same batches, the same outcomes), so a cluster ingest stores exactly what
``duixian ingest -j 1`` stores, in the same order, whichever worker finishes first.

The workers read the files by the paths given here: on a real cluster they must see them at the same
paths (a shared or replicated folder). With no scheduler address, a local cluster of ``workers``
processes is started on this machine and closed afterwards. docs/scale.md has the design at 100×.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Engine

from duixian.corpus import BATCH_REPORTS, IngestResult, Outcome, ingest, prepare
from duixian.errors import DuixianError, InternalError

ENGINES = ("local", "dask")
AHEAD = 4  # tasks in flight per worker thread: enough to keep every worker busy while one result is written


class EngineError(DuixianError):
    code = "ENGINE_UNAVAILABLE"
    hint = "install the dask extra (pip install 'duixian[dask]') and check the scheduler address"


def extractor_versions() -> str:
    """The extractors this installation runs (name → version), as the reports table records them."""
    from duixian.extract.registry import extractors

    return json.dumps({e.name: e.version for e in extractors()}, sort_keys=True)


def ingest_dask(
    engine: Engine,
    paths: Iterable[str | os.PathLike[str]],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    force: bool = False,
    timeout: float = 20.0,
    on_event: Callable[[str, str, DuixianError | None], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> IngestResult:
    """``corpus.ingest`` with the per-file work on a dask cluster: the one at ``scheduler``
    (``tcp://host:8786``, given up after ``timeout`` seconds), or a local cluster of ``workers``
    single-threaded processes."""
    client, cluster = _connect(scheduler, workers, timeout)
    try:
        _same_extractors(client)
        return ingest(engine, paths, force=force, on_event=on_event, total=total,
                      runner=lambda todo, dialect: _on_cluster(client, todo, dialect))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str | None, workers: int, timeout: float) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError("`--engine dask` needs dask.distributed, which is not installed") from exc
    cluster = None
    try:
        if scheduler:
            return Client(scheduler, timeout=f"{timeout}s"), None
        # processes, one thread each: extraction is pure Python and holds the GIL, so threads would not
        # run it in parallel; no dashboard (it needs bokeh and a port nobody asked for)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
        return Client(cluster), cluster
    except (OSError, TimeoutError, ValueError, RuntimeError) as exc:  # RuntimeError: a worker failed to start
        if cluster is not None:
            cluster.close()
        where = f"the dask scheduler at {scheduler}" if scheduler else "a local dask cluster"
        raise EngineError(f"could not reach {where}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
                          hint="start one with `dask scheduler` and `dask worker ADDRESS` on each machine, "
                          "or leave --scheduler out for a local cluster") from exc


def _same_extractors(client: Any) -> None:
    """Refuse a cluster whose workers run other extractor versions than this process: one ingest would
    store reports read by two versions of duixian, and the reports table would not say which is which."""
    here = extractor_versions()
    theirs = client.run(extractor_versions)
    other = {w: v for w, v in theirs.items() if v != here}
    if other:
        worker, versions = next(iter(other.items()))
        raise EngineError(f"{len(other)} of {len(theirs)} dask workers run other extractors than this process "
                          f"(e.g. {worker}: {versions}; here: {here})",
                          hint="install the same duixian version on every worker")


def _on_cluster(client: Any, paths: list[str], dialect: str) -> Iterator[tuple[str, Outcome]]:
    """(path, outcome) per file, in the order given, with at most AHEAD tasks per worker thread and a batch in
    flight (the results wait in worker memory until this process takes them: a bounded window keeps that flat)."""
    # plus a batch: this generator is not resumed while the writer writes one (see corpus._results)
    window = AHEAD * max(1, sum(client.nthreads().values())) + BATCH_REPORTS
    queue: deque[tuple[str, Any]] = deque()
    todo = iter(paths)

    def submit() -> None:
        path = next(todo, None)
        if path is not None:
            # pure=False: a changed file at the same path must be read again, never served from a cache
            queue.append((path, client.submit(prepare, path, dialect, pure=False)))

    for _ in range(window):
        submit()
    while queue:
        path, fut = queue.popleft()
        outcome: Outcome
        try:
            outcome = fut.result()
        except Exception as exc:  # the task or its worker died (out of memory, killed): that file fails
            outcome = [(path, InternalError(f"dask task failed: {type(exc).__name__}: {exc}", path=path))]
        fut.release()
        submit()
        yield path, outcome
