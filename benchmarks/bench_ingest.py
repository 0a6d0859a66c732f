"""Ingest at corpus scale: N synthetic reports (benchmarks/synth.py) ingested with ``-j J`` into SQLite and,
with --pg, PostgreSQL. Reports/s, the writer's share of the time, database size per report (and what the
search index takes of it), peak memory of the parent and of every worker.

    python benchmarks/bench_ingest.py [--n 10000] [--jobs 2] [--corpus DIR] [--pg URL] [--json]

--corpus reuses a folder synth.py wrote (it is made, in a temporary folder, when not given). --pg names a
PostgreSQL database whose public schema is DROPPED and recreated (use a scratch database).
Results also go to benchmarks/results/bench_ingest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth

import duixian.corpus as corpus
from duixian.store import open_engine


class Peaks:
    """Peak resident memory (VmHWM, from /proc) of this process and of each of its child processes, sampled
    every 0.2 s until stopped: ru_maxrss of the children only gives the largest one."""

    def __init__(self) -> None:
        self.children: dict[int, int] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            for d in Path("/proc").iterdir():
                if not d.name.isdigit():
                    continue
                try:
                    stat = (d / "stat").read_text()
                    ppid = int(stat.rsplit(")", 1)[1].split()[1])
                    if ppid != me:
                        continue
                    for line in (d / "status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            kb = int(line.split()[1])
                            self.children[int(d.name)] = max(self.children.get(int(d.name), 0), kb)
                except (OSError, ValueError, IndexError):
                    continue
            self._stop.wait(0.2)

    def __enter__(self) -> Peaks:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def _mb(kb: float) -> float:
    return round(kb / 1024, 1)


def run(url: str, paths: list[Path], jobs: int) -> dict:
    engine = open_engine(url, announce=False)
    busy = [0.0, 0, 0.0]
    real = corpus.store_batch

    def timed(*a, **k):  # the writer's own time: what the parent spends storing (wall, and its CPU)
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            return real(*a, **k)
        finally:
            busy[0] += time.perf_counter() - t0
            busy[1] += 1
            busy[2] += time.thread_time() - c0

    corpus.store_batch = timed
    try:
        kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        me0 = time.thread_time()
        with Peaks() as peaks:
            t0 = time.perf_counter()
            res = corpus.ingest(engine, paths, jobs=jobs)
            dt = time.perf_counter() - t0
        me = time.thread_time() - me0
        kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        workers_cpu = (kids1.ru_utime - kids0.ru_utime) + (kids1.ru_stime - kids0.ru_stime)
    finally:
        corpus.store_batch = real
    n = len(res.stored) + len(res.duplicate)
    out = {"files": len(paths), "stored": len(res.stored), "duplicate": len(res.duplicate),
           "failed": len(res.failed), "seconds": round(dt, 1), "reports_per_s": round(len(paths) / dt, 1),
           "writer_seconds": round(busy[0], 1), "writer_share": round(busy[0] / dt, 2), "batches": busy[1],
           # CPU per report: with other work on the machine, wall time says little; CPU time says what an
           # idle machine would do (see projected_reports_per_s)
           "cpu_ms_worker": round(workers_cpu / len(paths) * 1000, 1) if jobs > 1 else None,
           "cpu_ms_writer": round(busy[2] / len(paths) * 1000, 1),
           "cpu_ms_parent": round(me / len(paths) * 1000, 1),
           "peak_mb_parent": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
           "peak_mb_workers": sorted((_mb(v) for v in peaks.children.values()), reverse=True)}
    if jobs > 1:
        # an idle machine with `cpus` cores: the workers share the cores with the parent (hashing,
        # unpickling, writing); the parent alone is the writer, so it can never go faster than 1 / its CPU
        per = (workers_cpu + me) / len(paths)
        cores = min(os.cpu_count() or 1, jobs + 1)
        out["projected_reports_per_s"] = round(min(cores / per, 1 / (me / len(paths)), jobs / (per - me / len(paths))), 1)
    if res.failed:
        codes: dict[str, int] = {}
        for e in res.failed:
            codes[e.code] = codes.get(e.code, 0) + 1
        out["failed_codes"] = codes
    out.update(sizes(engine, max(1, n)))
    engine.dispose()
    return out


def sizes(engine, n: int) -> dict:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            total = conn.exec_driver_sql("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size"
                                         ).scalar_one()
            per = dict(conn.exec_driver_sql("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").all())
            fts = sum(v for k, v in per.items() if "_fts" in k)
            # the clean text as stored, the raw text deflated against it (migration 0007)
            texts = conn.exec_driver_sql("SELECT sum(length(CAST(clean_text AS BLOB)) + length(raw_z)) "
                                         "FROM reports").scalar_one() or 0
            top = sorted(per.items(), key=lambda kv: -kv[1])[:8]
            return {"db_mb": round(total / 1e6, 1), "kb_per_report": round(total / n / 1024, 1),
                    "search_index_share": round(fts / total, 2),
                    "report_texts_kb_per_report": round(texts / n / 1024, 1),
                    "largest": {k: round(v / 1e6, 1) for k, v in top}}
        total = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        rel = dict(conn.execute(text(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace ns "
            "ON ns.oid = c.relnamespace WHERE ns.nspname = current_schema() AND c.relkind = 'r'")).all())
        gin = conn.execute(text("SELECT pg_relation_size('ix_passages_grams')")).scalar_one()
        col = conn.execute(text("SELECT coalesce(sum(pg_column_size(grams)), 0) FROM passage_spans")).scalar_one()
        tables = sum(rel.values())
        return {"db_mb": round(total / 1e6, 1), "tables_mb": round(tables / 1e6, 1),
                "kb_per_report": round(tables / n / 1024, 1),
                "grams_column_mb": round(col / 1e6, 1), "grams_gin_mb": round(gin / 1e6, 1),
                "search_index_share": round((col + gin) / tables, 2),
                "largest": {k: round(v / 1e6, 1) for k, v in sorted(rel.items(), key=lambda kv: -kv[1])[:6]}}


def reset_pg(url: str) -> None:
    eng = create_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()


def table(results: dict) -> str:
    keys = ("files", "failed", "seconds", "reports_per_s", "writer_share", "cpu_ms_worker", "cpu_ms_parent",
            "projected_reports_per_s", "kb_per_report", "search_index_share", "db_mb", "peak_mb_parent",
            "peak_mb_workers")
    lines = ["| " + " | ".join(("backend", *keys)) + " |", "|" + "---|" * (len(keys) + 1)]
    for name, r in results.items():
        if isinstance(r, dict) and "files" in r:
            lines.append("| " + " | ".join([name, *(str(r.get(k, "")) for k in keys)]) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--corpus", type=Path, help="a folder synth.py wrote (made when not given)")
    ap.add_argument("--pg", help="PostgreSQL URL (its public schema is dropped and recreated)")
    ap.add_argument("--keep", type=Path, help="keep the SQLite database at this path")
    ap.add_argument("--skip-sqlite", action="store_true", help="only PostgreSQL (with --pg)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out: dict = {"n": args.n, "jobs": args.jobs, "cpus": os.cpu_count(),
                 "load_before": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus or Path(tmp) / "synth"
        listed = [folder / f"{i // 1000:03d}" / f"{i:06d}.txt" for i in range(args.n)]
        # a folder synth.py already filled is read as it is (its manifest may list more files than --n)
        paths = listed if all(p.exists() for p in listed) else synth.generate(folder, args.n)
        db = args.keep or Path(tmp) / "bench.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        if not args.skip_sqlite:
            out["sqlite"] = run(str(db), paths, args.jobs)
        if args.pg:
            reset_pg(args.pg)
            out["postgresql"] = run(args.pg, paths, args.jobs)
    out["load_after"] = round(os.getloadavg()[0], 2)
    res = Path(__file__).resolve().parent / "results" / f"bench_ingest_{args.n}.json"
    res.parent.mkdir(exist_ok=True)
    res.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2, ensure_ascii=False) if args.json else table(out))
    if not args.json:
        print(f"(load average {out['load_before']} before, {out['load_after']} after, {out['cpus']} cpus)")


if __name__ == "__main__":
    main()
