"""Web latency: every page type served by a real `duixian serve` process, timed from this process.

Two corpora: the shared corpus (10 reports) and N generated reports (bench_store.generate).  The baseline
is the same server answering a static file (/static/app.css): the cost of HTTP alone, measured in the same
run, so the ratio says what rendering a page adds.

    python benchmarks/bench_web.py [--n 2000] [--sample 200]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import generate

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.query import list_reports


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {"n": len(xs), "p50_ms": round(statistics.median(xs) * 1000, 1),
            "p95_ms": round(xs[int(0.95 * (len(xs) - 1))] * 1000, 1), "max_ms": round(xs[-1] * 1000, 1)}


def _time(client: httpx.Client, urls: list[str]) -> list[float]:
    out = []
    for u in urls:
        t0 = time.perf_counter()
        r = client.get(u)
        out.append(time.perf_counter() - t0)
        assert r.status_code == 200, (u, r.status_code)
    return out


def measure(db: str, sample: int, seed: int = 3) -> dict:
    engine = open_engine(db, announce=False)
    reps = list_reports(engine)
    rng = random.Random(seed)
    ids = [r["id"] for r in reps]
    picked = [rng.choice(ids) for _ in range(sample)]
    regions = sorted({r["region"] for r in reps if r["region"]})
    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "duixian", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as c:
            for _ in range(100):
                try:
                    c.get("/static/app.css")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            _time(c, ["/", f"/reports/{ids[0]}"])  # warm-up: imports, template compilation
            out = {"reports": len(reps),
                   "baseline_static": _pct(_time(c, ["/static/app.css"] * sample)),
                   "report_page": _pct(_time(c, [f"/reports/{i}" for i in picked])),
                   "report_json": _pct(_time(c, [f"/reports/{i}.json" for i in picked])),
                   "region_page": _pct(_time(c, [f"/regions/{quote(rng.choice(regions))}" for _ in range(min(sample, 50))])),
                   "search_page": _pct(_time(c, [f"/search?q={quote(q)}" for q in ("公路", "安置房", "高新技术企业",
                                                                                  "民生实事", "营商环境 优化") * 4])),
                   "overview_page": _pct(_time(c, ["/"] * 10)),
                   "reports_page": _pct(_time(c, ["/reports"] * 10))}
    finally:
        server.terminate()
        server.wait(timeout=10)
    out["report_page_vs_baseline"] = round(out["report_page"]["p50_ms"] / max(out["baseline_static"]["p50_ms"], 0.01), 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw_dir", nargs="?", type=Path,
                    default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    args = ap.parse_args()
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = str(tmp / "corpus.db")
        ingest(open_engine(small, announce=False), [args.raw_dir], jobs=args.jobs)
        result["corpus"] = measure(small, args.sample)
        if args.n:
            (tmp / "gen").mkdir()
            big = str(tmp / "big.db")
            ingest(open_engine(big, announce=False), generate(args.raw_dir, tmp / "gen", args.n), jobs=args.jobs)
            result[f"generated_{args.n}"] = measure(big, args.sample)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    res = Path(__file__).resolve().parent / "results" / "bench_web.json"
    res.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
