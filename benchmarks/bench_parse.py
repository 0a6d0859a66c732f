"""Throughput of ingest + clean + structure (+ metadata) on one core, against a trivial baseline.

The baseline runs in the same process on the same files: read the bytes, decode them, and scan
the text with one regex for figures (the least any tool must do).  The ratio parse/baseline is
what to compare across machines.

    python benchmarks/bench_parse.py [CORPUS_RAW_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import tracemalloc
from pathlib import Path

from duixian.ingest.decode import decode
from duixian.pipeline import parse

FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:亿元|万元|%|％|个)")


def baseline(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        text, _, _ = decode(p.read_bytes())
        n += len(FIGURE.findall(text))
    return n


def full(paths: list[Path]) -> int:
    return sum(len(parse(p).sections) for p in paths)


def timed(fn, paths: list[Path], repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Median CPU time of the process over ``repeat`` runs (after a warm-up run).

    CPU time, not wall time: on a machine shared with other work a run's wall time counts the time it
    waited for a core; one process on one core is what reports/s/core means."""
    fn(paths)  # warm-up: imports, OpenCC dictionaries, regex compilation
    runs = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn(paths)
        runs.append(time.process_time() - t0)
    return statistics.median(runs)


def corpus_args() -> tuple[list[Path], int]:
    """The files of RAW_DIR (default: the shared corpus beside the checkout) and --repeat."""
    ap = argparse.ArgumentParser()
    default = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw"
    ap.add_argument("raw_dir", nargs="?", type=Path, default=default)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    return sorted(p for p in args.raw_dir.iterdir() if p.is_file()), args.repeat


def main() -> None:
    paths, repeat = corpus_args()
    mb = sum(p.stat().st_size for p in paths) / 1e6
    chars = sum(len(parse(p).doc.raw) for p in paths)

    t_base = timed(baseline, paths, repeat)
    t_full = timed(full, paths, repeat)
    tracemalloc.start()
    full(paths)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    result = {
        "files": len(paths),
        "megabytes": round(mb, 3),
        "raw_chars": chars,
        "baseline_s": round(t_base, 4),
        "parse_s": round(t_full, 4),
        "parse_reports_per_s": round(len(paths) / t_full, 1),
        "parse_mb_per_s": round(mb / t_full, 2),
        "parse_kchars_per_s": round(chars / t_full / 1000, 1),
        "baseline_reports_per_s": round(len(paths) / t_base, 1),
        "ratio_parse_over_baseline": round(t_full / t_base, 1),
        "peak_python_memory_mb": round(peak / 1e6, 1),
    }
    print("| measure | value |\n|---|---|")
    for k, v in result.items():
        print(f"| {k} | {v} |")
    out = Path(__file__).parent / "results" / "bench_parse.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
