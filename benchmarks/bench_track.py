"""Time to track a plan/review pair (the issue asks for under a second), on the PAIRS.json pairs.

Three runs in one process: the baseline (read both files and regex-scan them for figures, as
bench_parse does), extracting both documents, and rating every item of the plan against the review.
Ratios against the baseline are what to compare across machines.

    python benchmarks/bench_track.py [CORPUS_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tracemalloc
from pathlib import Path

from duixian.evaluate import raw_for
from duixian.pipeline import extract_file
from duixian.track import track

sys.path.insert(0, str(Path(__file__).parent))
from bench_parse import baseline, timed


def main() -> None:
    ap = argparse.ArgumentParser()
    default = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    ap.add_argument("corpus", nargs="?", type=Path, default=default)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    raw = args.corpus / "raw"
    pairs = json.loads((args.corpus / "gold" / "PAIRS.json").read_text(encoding="utf-8"))
    rows = []
    for pair in pairs:
        paths = [raw_for(raw, pair["plan"]), raw_for(raw, pair["review"])]
        plan, review = (extract_file(p) for p in paths)  # warm imports and caches once
        t_base = timed(baseline, paths, args.repeat)
        t_extract = timed(lambda ps: [extract_file(p) for p in ps], paths, args.repeat)
        t_rate = timed(lambda pr: track(*pr), (plan, review), args.repeat)
        tracemalloc.start()
        tr = track(extract_file(paths[0]), extract_file(paths[1]))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rows.append({
            "pair": f"{pair['plan']} → {pair['review']}",
            "items": len(tr.verdicts),
            "baseline_ms": round(t_base * 1000, 2),
            "extract_both_ms": round(t_extract * 1000, 1),
            "rate_ms": round(t_rate * 1000, 1),
            "total_ms": round((t_extract + t_rate) * 1000, 1),
            "items_per_s": round(len(tr.verdicts) / t_rate),
            "total_vs_baseline": round((t_extract + t_rate) / t_base, 1),
            "peak_mb": round(peak / 1e6, 1),
        })
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_track.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
