"""Extraction time and peak memory of one large text: does cost grow linearly with size?

The text is made of many distinct real reports (../shared/wild/raw text files joined; the digits of each
copy shuffled with a fixed seed so that no copy is merged as a repeat), cut to each size. Each size is
extracted in a fresh process, so that peak memory (ru_maxrss) is that size's alone.

    python benchmarks/bench_large.py [--wild ../shared/wild/raw] [--sizes 2.5 5 10 20]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_text(wild: Path, megabytes: float, seed: int = 1) -> str:
    rng = random.Random(seed)
    texts = []
    for p in sorted(wild.glob("*.txt")):
        if "concat" in p.name or "english" in p.name:
            continue
        try:
            texts.append(p.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    want = int(megabytes * 1024 * 1024 / 3)  # about 3 bytes a character in UTF-8
    out, size, i = [], 0, 0
    while size < want:
        t = re.sub(r"\d", lambda _m: str(rng.randint(0, 9)), texts[i % len(texts)])
        out.append(t)
        size += len(t)
        i += 1
    return "\n".join(out)[:want]


def one(path: str) -> None:
    """Child process: extract one file, print seconds, peak MB and counts."""
    from duixian.pipeline import extract_file

    t0 = time.perf_counter()
    x = extract_file(path)
    secs = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"secs": round(secs, 2), "peak_mb": round(peak_mb), "chars": len(x.sd.text),
                      "sentences": len(x.sd.parts), "sections": len(x.sd.sections), "pledges": len(x.pledges)}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wild", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "wild" / "raw")
    ap.add_argument("--sizes", type=float, nargs="+", default=[2.5, 5, 10, 20])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        one(a.child)
        return
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for mb in a.sizes:
            p = Path(d) / f"large_{mb}.txt"
            p.write_text(make_text(a.wild, mb), encoding="utf-8")
            res = subprocess.run([sys.executable, __file__, "--child", str(p)], capture_output=True, text=True, check=True)
            row = {"mb": mb, **json.loads(res.stdout.strip().splitlines()[-1])}
            row["secs_per_mb"] = round(row["secs"] / mb, 2)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_large.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
