"""Corpus-database throughput: ingest of N generated reports on SQLite (and PostgreSQL), and search
latency at that size, against a trivial baseline run in the same process.

Reports are generated from the real corpus by renaming the region and perturbing every number
(seeded), so each file is new content with the genre's real shape.  The baseline reads each file,
hashes it and inserts its text as one row into a bare SQLite table: the least any ingest must do.

    python benchmarks/bench_store.py [--n 2000] [--jobs 1 2] [--pg postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from duixian.corpus import ingest
from duixian.pipeline import parse
from duixian.store import open_engine
from duixian.store.search import search

QUERIES = ("公路", "安置房", "高新技术企业", "棚改", "民生实事", "营商环境 优化", "地区生产总值")
NAMES = "东西南北中新安平和兴长永宁泰华明德康福瑞丰盛嘉"


def generate(raw_dir: Path, out: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    sources = [p for p in sorted(raw_dir.iterdir()) if p.suffix in (".txt", ".md")]
    bases = [(p, p.read_text(encoding="utf-8-sig", errors="replace"), parse(p).report.region) for p in sources]
    paths = []
    for i in range(n):
        _, body, region = bases[i % len(bases)]
        name = rng.choice(NAMES) + rng.choice(NAMES) + "区"
        if region:
            body = body.replace(region, name)
        body = re.sub(r"\d+\.\d+", lambda m: f"{float(m.group(0)) * rng.uniform(0.8, 1.2):.2f}", body)
        p = out / f"gen_{i:05d}.txt"
        p.write_text(body, encoding="utf-8")
        paths.append(p)
    return paths


def baseline(paths: list[Path], db: Path) -> float:
    t0 = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE docs (sha TEXT PRIMARY KEY, body TEXT)")
    for p in paths:
        data = p.read_bytes()
        with conn:
            conn.execute("INSERT INTO docs VALUES (?, ?)", (hashlib.sha256(data).hexdigest(), data.decode("utf-8")))
    conn.close()
    return time.perf_counter() - t0


def run_ingest(url: str, paths: list[Path], jobs: int) -> float:
    engine = open_engine(url, announce=False)
    t0 = time.perf_counter()
    res = ingest(engine, paths, jobs=jobs)
    dt = time.perf_counter() - t0
    assert not res.failed, res.failed[:3]
    engine.dispose()
    return dt


def search_latency(url: str, repeat: int = 20) -> dict[str, float]:
    engine = open_engine(url, announce=False)
    times = []
    with engine.connect() as conn:
        for q in QUERIES:
            search(conn, q, limit=20)  # warm
            for _ in range(repeat):
                t0 = time.perf_counter()
                search(conn, q, limit=20)
                times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(len(times) * 0.95) - 1], 2)}


def reset_pg(url: str) -> None:
    eng = create_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw_dir", nargs="?", type=Path,
                    default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--pg", help="PostgreSQL URL (its public schema is dropped and recreated)")
    args = ap.parse_args()
    out: dict = {"n": args.n}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "gen").mkdir()
        paths = generate(args.raw_dir, tmp / "gen", args.n)
        out["chars"] = sum(len(p.read_text(encoding="utf-8")) for p in paths)
        t_base = baseline(paths, tmp / "baseline.db")
        out["baseline_reports_per_s"] = round(args.n / t_base, 1)
        for j in args.jobs:
            db = tmp / f"sqlite_j{j}.db"
            dt = run_ingest(str(db), paths, j)
            out[f"sqlite_j{j}"] = {"seconds": round(dt, 1), "reports_per_s": round(args.n / dt, 1),
                                   "vs_baseline": round(dt / t_base, 1), "db_mb": round(db.stat().st_size / 1e6, 1)}
            again = run_ingest(str(db), paths, j)  # idempotent re-run: hashes only
            out[f"sqlite_j{j}"]["rerun_seconds"] = round(again, 2)
        last = tmp / f"sqlite_j{args.jobs[-1]}.db"
        out["sqlite_search"] = search_latency(str(last))
        if args.pg:
            reset_pg(args.pg)
            j = args.jobs[-1]
            dt = run_ingest(args.pg, paths, j)
            out[f"postgresql_j{j}"] = {"seconds": round(dt, 1), "reports_per_s": round(args.n / dt, 1),
                                       "vs_baseline": round(dt / t_base, 1)}
            out["postgresql_search"] = search_latency(args.pg)
    print(json.dumps(out, indent=2, ensure_ascii=False))
    res = Path(__file__).resolve().parent / "results" / "bench_store.json"
    res.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
