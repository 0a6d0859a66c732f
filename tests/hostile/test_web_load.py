"""Load on the reader page: many concurrent readers of a few reports, against a real `duixian serve`.

As a test it runs a short burst (every answer 200, the derived reader data computed once per report).
As a script it is the load measurement quoted in docs/web.md:

    PYTHONPATH=src python tests/hostile/test_web_load.py --db corpus.db [--requests 2000] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "duixian", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(base + "/static/app.css", timeout=5)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("duixian serve did not start")


def load(base: str, ids: list[int], requests: int, concurrency: int) -> dict[str, Any]:
    """``requests`` GETs of reader pages, round-robin over ``ids``, ``concurrency`` at a time."""
    urls = [f"{base}/reports/{ids[i % len(ids)]}" for i in range(requests)]
    with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:
        for u in dict.fromkeys(urls):  # one warm-up pass: imports, template compilation
            client.get(u)

        def one(u: str) -> tuple[float, int]:
            t0 = time.perf_counter()
            r = client.get(u)
            return time.perf_counter() - t0, r.status_code

        t0 = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(one, urls))
        wall = time.perf_counter() - t0
    times = sorted(t for t, _ in results)
    return {"requests": requests, "concurrency": concurrency, "reports": len(ids),
            "statuses": sorted({s for _, s in results}),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1),
            "req_per_s": round(requests / wall, 1)}


def test_reader_is_derived_once_per_report_version(tmp_path) -> None:
    """After the first view, a reader page costs one lookup query, not a re-derivation; a changed stored
    report (here its title) is a new version and is derived again."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event, update
    from tests.webcorpus import build

    from duixian.store import schema as t
    from duixian.store.query import list_reports
    from duixian.web import create_app

    engine = build(tmp_path)
    rid = list_reports(engine)[0]["id"]
    client = TestClient(create_app(engine))
    first = client.get(f"/reports/{rid}")
    first_json = client.get(f"/reports/{rid}.json")
    queries: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
    for _ in range(5):
        again = client.get(f"/reports/{rid}")
        assert again.text == first.text
    assert client.get(f"/reports/{rid}.json").content == first_json.content
    # one find_report per request (it was 8 per request before the cache); the BEGIN that store/db.py sends
    # itself to open each transaction is not a lookup
    lookups = [q for q in queries if q.strip().upper() not in ("BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")]
    assert len(lookups) <= 6, lookups
    with engine.begin() as conn:
        conn.execute(update(t.reports).where(t.reports.c.id == rid).values(title="改过的标题"))
    assert "改过的标题" in client.get(f"/reports/{rid}").text
    assert client.get(f"/reports/{rid}.json").json()["report"]["title"] == "改过的标题"


def test_reader_under_concurrent_load(tmp_path) -> None:
    from tests.webcorpus import build

    from duixian.store.query import list_reports

    engine = build(tmp_path)
    ids = [r["id"] for r in list_reports(engine)][:12]
    proc, base = _serve(str(tmp_path / "web.db"))
    try:
        out = load(base, ids, requests=200, concurrency=20)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert out["statuses"] == [200], out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=20)
    a = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    from duixian.store import open_engine
    from duixian.store.query import list_reports

    report_ids = [r["id"] for r in list_reports(open_engine(a.db, announce=False))]
    server, url = _serve(a.db)
    try:
        print(json.dumps(load(url, report_ids, a.requests, a.concurrency)))
    finally:
        server.terminate()
        server.wait(timeout=10)
