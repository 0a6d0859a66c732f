"""Export time and peak memory on a large corpus database: does memory stay flat as the corpus grows?

The database is the real corpus (../shared/corpus/raw) ingested once, one plan/review pair tracked, and
then copied inside SQL until it holds N reports: every copy of a report gets a new id, content hash,
fingerprint, region name (``原名#k``, no admin code, so every copy is its own place in the panel) and a
year shifted by ``k % 10``; its sections, records and verdicts are copied with it. Passages and the
search index are not copied (no export reads them). Copying rows in SQL takes seconds where ingesting
10,000 generated files takes tens of minutes, and what an export reads is the same shape either way.

Each export runs in a fresh child process, so its peak resident memory (``ru_maxrss`` of
``RUSAGE_CHILDREN``, read by a fresh parent per export) is that export's alone.

    python benchmarks/bench_export.py [--n 10000] [--db /tmp/x.db | --db postgresql+psycopg://…]
                                      [--formats csv jsonl parquet xlsx dta] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from duixian.store import open_engine
from duixian.store import schema as t

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "raw"
_COPIED = ("sections", *t.RECORD_TABLES)


def _cols(table: str, skip: tuple[str, ...] = ("id",)) -> list[str]:
    return [c.name for c in t.metadata.tables[table].c if c.name not in skip]


def build(url: str, n: int, corpus: Path = CORPUS) -> Engine:
    """A database of ``n`` reports: the corpus ingested and tracked once, then copied in SQL."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cli = [sys.executable, "-m", "duixian"]
    subprocess.run([*cli, "ingest", str(corpus), "--db", url, "--json"], check=True, env=env, capture_output=True)
    subprocess.run([*cli, "track", "--region", "海拉尔区", "--year", "2018", "--json", "--db", url], check=True, env=env,
                   capture_output=True)
    engine = open_engine(url, announce=False)
    copy_reports(engine, n)
    return engine


def copy_reports(engine: Engine, n: int) -> None:
    """Copy the stored reports (with their sections, records and verdicts) until there are ``n``: copy k of
    a report is another place (region ``原名#k``, no admin code) and year (+ k % 10), with new hashes."""
    with engine.begin() as conn:
        base = conn.execute(select(func.count()).select_from(t.reports)).scalar_one()
        top = conn.execute(select(func.max(t.reports.c.id))).scalar_one()
        step = 10 ** len(str(top))  # copy k of report i gets id i + k·step
        copies = -(-n // base) - 1
        rep = _cols("reports")
        r_sel = ", ".join(
            {"sha256": "substr(sha256, 1, 52) || lpad_k", "fingerprint": "substr(fingerprint, 1, 52) || lpad_k",
             "region": "region || '#' || :k", "region_full": "region_full || '#' || :k", "admin_code": "NULL",
             "report_year": "report_year + :k % 10", "review_year": "review_year + :k % 10",
             "region_year_id": "NULL"}.get(c, c) for c in rep)
        pad = "lpad(CAST(:k AS TEXT), 12, '0')" if conn.dialect.name == "postgresql" else "printf('%012d', :k)"
        r_sel = r_sel.replace("lpad_k", pad)
        for k in range(1, copies + 1):
            off = {"k": k, "off": k * step, "top": top}
            room = n - base * k  # the last copy may be partial
            limit = f" ORDER BY id LIMIT {min(base, room)}"
            conn.execute(text(f"INSERT INTO reports (id, {', '.join(rep)}) SELECT id + :off, {r_sel} FROM reports "
                              f"WHERE id <= :top{limit}"), off)
            for name in _COPIED:
                cols = _cols(name)
                sel = ", ".join("report_id + :off" if c == "report_id" else c for c in cols)
                conn.execute(text(f"INSERT INTO {name} ({', '.join(cols)}) SELECT {sel} FROM {name} "
                                  f"WHERE report_id <= :top AND report_id + :off IN (SELECT id FROM reports)"), off)
            vcols = _cols("verdicts")
            vsel = ", ".join(f"{c} + :off" if c in ("plan_report_id", "review_report_id") else c for c in vcols)
            conn.execute(text(f"INSERT INTO verdicts ({', '.join(vcols)}) SELECT {vsel} FROM verdicts "
                              "WHERE plan_report_id <= :top AND plan_report_id + :off IN (SELECT id FROM reports) "
                              "AND review_report_id + :off IN (SELECT id FROM reports)"), off)
        if conn.dialect.name == "postgresql":  # explicit ids left the sequences behind
            for name in ("reports", *_COPIED, "verdicts"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                  f"(SELECT max(id) FROM {name}))"))
    return engine


_CHILD = """
import sys, time
from pathlib import Path
from duixian.export import export
from duixian.store import open_engine
t0 = time.perf_counter()
export(open_engine(sys.argv[1], announce=False), sys.argv[2], Path(sys.argv[3]))
print(time.perf_counter() - t0)
"""


def measure(url: str, fmt: str, out: Path) -> dict:
    """One export in a fresh child: wall time, its own time, and its peak RSS."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, url, fmt, str(out)], check=True, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    sizes = {p.name: p.stat().st_size for p in out.iterdir()}
    size, largest = sum(sizes.values()), max(sizes, key=sizes.__getitem__)
    return {"format": fmt, "seconds": round(wall, 1), "export_seconds": round(float(done.stdout.split()[-1]), 1),
            "peak_rss_mb": round(peak / 1024), "mb_written": round(size / 2**20),
            "largest_file": f"{largest} {sizes[largest] / 2**20:.0f} MB"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", help="database to build (a SQLite path or an empty PostgreSQL URL); default: a temp file")
    ap.add_argument("--reuse", action="store_true", help="the database is already built: measure only")
    ap.add_argument("--formats", nargs="+", default=["csv", "jsonl", "parquet", "xlsx", "dta"])
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one format, print its JSON line
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.db, args.one, Path(args.out))))
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench_export_"))
    url = args.db or str(tmp / "corpus.db")
    if not args.reuse:
        t0 = time.perf_counter()
        build(url, args.n)
        print(f"built {args.n} reports in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    with open_engine(url, announce=False).connect() as conn:
        rows = {name: conn.execute(select(func.count()).select_from(t.metadata.tables[name])).scalar_one()
                for name in ("reports", *t.RECORD_TABLES, "verdicts")}
    print(json.dumps({"rows": rows}, ensure_ascii=False))
    for fmt in args.formats:
        # ru_maxrss of RUSAGE_CHILDREN is the largest child so far, so each export is measured from its own
        # fresh parent (this script with --one), whose children's maximum starts at zero
        done = subprocess.run([sys.executable, __file__, "--one", fmt, "--db", url, "--out", str(tmp / fmt)],
                              check=True, capture_output=True, text=True)
        print(done.stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
