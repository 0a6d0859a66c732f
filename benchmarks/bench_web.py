"""Web and store latency as the corpus grows: overview, report, region and search pages (in process, with
FastAPI's TestClient) and the store queries under them, at each corpus size, with the growth factor from
the smallest to the largest size.

    python benchmarks/bench_web.py [--sizes 2000 10000] [--sample 100] [--corpus DIR] [--json]
    python benchmarks/bench_web.py --dbs small.db big.db      # time databases you already have

Without --dbs, the corpora are the first N files of a synthetic corpus (benchmarks/synth.py; made in a
temporary folder unless --corpus names one) ingested with -j 2 (at 10,000 reports that is minutes).
A growth factor near 1 is flat; at 5× the reports, log growth is about 1.2–1.4×, linear is 5×.
Results also go to benchmarks/results/bench_web.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.query import find_report, overview, report_page, totals
from duixian.store.search import search

QUERIES = ("公路", "安置房", "高新技术企业", "民生实事", "营商环境 优化", "发展", "棚改 OR 安置房")
# one-character words: prefix queries of the index since migration 0008 (a LIKE scan of every passage before)
ONE_CHAR = ("路", "路 桥", "县", "水 电")


def _pct(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {"n": len(xs), "p50_ms": round(statistics.median(xs) * 1000, 1),
            "p95_ms": round(xs[int(0.95 * (len(xs) - 1))] * 1000, 1)}


def _timed(fn: Callable[[object], object], args: list) -> dict[str, float]:
    fn(args[0])  # warm: imports, templates, the page cache of the first rows
    out = []
    for a in args:
        t0 = time.perf_counter()
        fn(a)
        out.append(time.perf_counter() - t0)
    return _pct(out)


def measure(db: str, sample: int, seed: int = 3) -> dict:
    from fastapi.testclient import TestClient

    from duixian.web.app import create_app

    engine = open_engine(db, announce=False)
    rng = random.Random(seed)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM reports")]
        regions = [r[0] for r in conn.exec_driver_sql("SELECT DISTINCT region FROM reports WHERE region IS NOT NULL")]
        paths = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sources")]
    picked = [rng.choice(ids) for _ in range(sample)]
    regs = [rng.choice(regions) for _ in range(min(sample, 50))]
    names = [rng.choice(paths) for _ in range(sample)]
    qs = [QUERIES[i % len(QUERIES)] for i in range(max(len(QUERIES), sample // 3))]
    out: dict = {"reports": len(ids)}

    def ok(url: str) -> None:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)

    # the store functions (this package's part of each page)
    out["store_overview_page"] = _timed(lambda _: overview(engine, limit=100), [None] * 20)
    out["store_totals"] = _timed(lambda _: totals(engine), [None] * 20)
    out["store_find_report_id"] = _timed(lambda i: find_report(engine, str(i)), picked)
    out["store_find_report_name"] = _timed(lambda n: find_report(engine, n), names)
    out["store_region_page"] = _timed(lambda r: report_page(engine, region=r, limit=50), regs)
    out["store_reports_page"] = _timed(lambda o: report_page(engine, limit=50, offset=o),
                                       [rng.randrange(0, max(1, len(ids) - 50)) for _ in range(20)])

    def run_search(q: str) -> None:
        with engine.connect() as conn:
            search(conn, q, limit=20)

    out["store_search"] = _timed(run_search, qs)
    out["store_search_one_char"] = _timed(run_search, list(ONE_CHAR) * 3)
    # the pages (the web package's code on top of those)
    n_pages = max(len(ids) // 50, 1)
    with TestClient(create_app(engine)) as client:
        out["page_overview"] = _timed(lambda _: ok("/"), [None] * 10)
        out["page_reports"] = _timed(lambda _: ok("/reports"), [None] * 10)
        out["page_reports_deep"] = _timed(lambda p: ok(f"/reports?page={p}"),
                                          [rng.randrange(1, n_pages + 1) for _ in range(20)])
        out["page_report"] = _timed(lambda i: ok(f"/reports/{i}"), picked)
        out["page_region"] = _timed(lambda r: ok(f"/regions/{quote(r)}"), regs)
        out["page_search"] = _timed(lambda q: ok(f"/search?q={quote(q)}"), qs)
        out["page_search_one_char"] = _timed(lambda q: ok(f"/search?q={quote(q)}"), list(ONE_CHAR) * 3)
    engine.dispose()
    return out


def growth(results: dict[str, dict]) -> dict[str, float]:
    sizes = sorted(results.values(), key=lambda r: r["reports"])
    small, big = sizes[0], sizes[-1]
    return {k: round(big[k]["p95_ms"] / max(small[k]["p95_ms"], 0.05), 2)
            for k in small if isinstance(small[k], dict) and k in big}


def table(results: dict[str, dict], grow: dict[str, float]) -> str:
    cols = sorted(results, key=lambda k: results[k]["reports"])
    keys = [k for k in results[cols[0]] if isinstance(results[cols[0]][k], dict)]
    lines = ["| p95 ms | " + " | ".join(f"{results[c]['reports']:,} reports" for c in cols) + " | growth |",
             "|---|" + "---|" * (len(cols) + 1)]
    for k in keys:
        lines.append(f"| {k} | " + " | ".join(str(results[c][k]["p95_ms"]) for c in cols) + f" | {grow.get(k, '')}× |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    ap.add_argument("--dbs", nargs="+", help="existing databases to time instead of building corpora")
    ap.add_argument("--corpus", type=Path, help="a folder synth.py wrote")
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        dbs = args.dbs or []
        if not dbs:
            folder = args.corpus or Path(tmp) / "synth"
            paths = synth.generate(folder, max(args.sizes))
            for n in sorted(args.sizes):
                db = str(Path(tmp) / f"c{n}.db")
                ingest(open_engine(db, announce=False), paths[:n], jobs=args.jobs)
                dbs.append(db)
        for db in dbs:
            r = measure(db, args.sample)
            results[f"{r['reports']}"] = r
    grow = growth(results)
    out = {"load": round(os.getloadavg()[0], 2), "sizes": results, "growth_p95": grow}
    res = Path(__file__).resolve().parent / "results" / "bench_web.json"
    res.parent.mkdir(exist_ok=True)
    res.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2, ensure_ascii=False) if args.json else table(results, grow))
    if not args.json:
        print(f"(load average {out['load']}, {os.cpu_count()} cpus)")


if __name__ == "__main__":
    main()
