"""Per-stage CPU time of one report's extraction, and an A/B of two source trees in the same minutes.

Each run reads the file and takes every stage on fresh objects, as ``extract_file`` does: read + decode,
clean, metadata, structure, then the extractors in registry order on one ``Context`` (the first to ask
builds the per-document caches, the quantity index among them), with the grounding check timed apart.
A round is ``--runs`` such runs (after three warm-ups); it reports each stage's median.

    python benchmarks/bench_stages.py [FILE] [--runs 30]                 # this tree, one round
    python benchmarks/bench_stages.py [FILE] --against OTHER/src [--rounds 10] [--core 0]

With ``--against``, rounds of this tree (the ``src`` next to this script) and of ``OTHER/src`` alternate,
each in a fresh process pinned to one core (``--core``), and the table gives each stage's minimum over the
rounds of its median, and the ratio other/this (above 1: this tree is faster). On a machine shared with
other jobs, alternating in the same minutes and taking the minimum is what makes two trees comparable;
a stage neither tree changed shows the noise that is left (its ratio's distance from 1).
FILE defaults to the 40,000-character report of ``bench_extract.py`` (written to a temporary file).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def one_round(path: Path, runs: int) -> dict[str, float]:
    """Each stage's median CPU ms over ``runs`` runs of the whole pipeline on ``path``."""
    from duixian.clean import clean
    from duixian.extract import extractors
    from duixian.extract.context import Context, grounding_checker
    from duixian.ingest import read_raw
    from duixian.meta import read_meta
    from duixian.structure import build

    clock = time.process_time
    found: dict[str, list[float]] = {}
    for r in range(runs + 3):
        times: dict[str, float] = {}
        t0 = clock()
        raw = read_raw(path)
        t1 = clock()
        doc = clean(raw)
        t2 = clock()
        meta = read_meta(doc)
        t3 = clock()
        sd = build(doc, meta)
        t4 = clock()
        times.update(read=t1 - t0, clean=t2 - t1, meta=t3 - t2, structure=t4 - t3, check=0.0)
        ctx = Context(sd)
        check = grounding_checker(sd, ctx.raw_span)
        for ex in extractors():
            a = clock()
            records = list(ex.run(ctx))
            b = clock()
            for rec in records:
                check(rec)
            times[ex.name] = b - a
            times["check"] += clock() - b
        if r >= 3:  # the first runs import, compile patterns and fill the lexicon caches
            for k, v in times.items():
                found.setdefault(k, []).append(v * 1000)
    out = {k: sorted(v)[len(v) // 2] for k, v in found.items()}
    out["WHOLE"] = sum(out.values())
    return out


def _round_in(src: Path, path: Path, runs: int, core: int | None) -> dict[str, float]:
    cmd = [sys.executable, str(Path(__file__).resolve()), str(path), "--runs", str(runs), "--json"]
    if core is not None and hasattr(os, "sched_setaffinity"):
        cmd = ["taskset", "-c", str(core), *cmd]
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _default_file(tmp: Path) -> Path:
    """The 40k report of bench_extract.py (the shared corpus's clean texts joined, by this tree's code)."""
    sys.path.insert(0, str(HERE))
    from bench_extract import long_report

    raw = HERE.parents[1] / "shared" / "corpus" / "raw"
    return long_report(sorted(p for p in raw.iterdir() if p.is_file()), tmp / "report_40k.txt")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--against", type=Path, help="the src folder of the other tree")
    ap.add_argument("--core", type=int, default=0, help="the core both trees run on (-1: any)")
    ap.add_argument("--json", action="store_true", help="one round of this process's tree, as JSON")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or _default_file(Path(tmp))
        if args.json:
            print(json.dumps(one_round(path, args.runs)))
            return
        if args.against is None:
            for k, v in one_round(path, args.runs).items():
                print(f"{k:10s} {v:7.2f} ms")
            return
        core = None if args.core < 0 else args.core
        best: dict[str, dict[str, float]] = {"this": {}, "other": {}}
        for _ in range(args.rounds):
            for name, src in (("other", args.against), ("this", SRC)):
                for k, v in _round_in(src, path, args.runs, core).items():
                    best[name][k] = min(v, best[name].get(k, v))
    print(f"{'stage':10s} {'other':>8s} {'this':>8s}  ratio   (CPU ms: min over {args.rounds} rounds of each round's median)")
    for k in best["this"]:
        a, b = best["other"].get(k, float("nan")), best["this"][k]
        print(f"{k:10s} {a:8.2f} {b:8.2f}  {a / b:5.2f}")


if __name__ == "__main__":
    main()
