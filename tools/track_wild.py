"""Verdicts over the unlabelled consecutive-year pairs of ../shared/wild, and what a change did to them: the
check that a tracking rule does not produce absurd verdicts where no gold can tell.

    python tools/track_wild.py take OUT.json [PAIRS.tsv]       # default: ../shared/wild/PAIRS.tsv
    python tools/track_wild.py compare OLD.json NEW.json [N]   # N changed verdicts shown (default 20)

``take`` rates every row of PAIRS.tsv (plan of year N, report of N+1) with ``duixian.track.track`` and
writes, per pair, each item's quote, status, first evidence quote and reason, then prints the status
counts. A pair that fails is recorded as its error. ``compare`` prints the counts of (old → new) status
changes, then a random sample (fixed seed) of the changed items to read: a rule is kept when what it
changed reads right.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from duixian.errors import DuixianError
from duixian.pipeline import extract_file
from duixian.track import track

DEFAULT_PAIRS = "../shared/wild/PAIRS.tsv"


def take(out: str, pairs_tsv: str = DEFAULT_PAIRS) -> None:
    base = Path(pairs_tsv).parent
    result: dict[str, object] = {}
    counts: Counter[str] = Counter()
    cache: dict[str, object] = {}  # consecutive rows share a report: keep the last few extractions
    started = time.perf_counter()

    def read(name: str):
        if name not in cache:
            if len(cache) > 4:
                cache.clear()
            cache[name] = extract_file(base / name)
        return cache[name]

    with open(pairs_tsv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            plan, review = row["report_N_file"], row["report_N+1_file"]
            key = f"{plan}→{review}"
            try:
                tr = track(read(plan), read(review))  # type: ignore[arg-type]  # Extraction
            except DuixianError as exc:
                result[key] = {"error": exc.as_dict()}
                continue
            result[key] = [[v.quote, v.status, v.evidence[0].quote if v.evidence else None, v.reason, list(v.doubts)]
                           for v in tr.verdicts]
            counts.update(v.status for v in tr.verdicts)
    Path(out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(dict(counts), ensure_ascii=False), sum(counts.values()), "items",
          f"{time.perf_counter() - started:.0f} s")


def compare(old_file: str, new_file: str, shown: int = 20) -> None:
    old = json.loads(Path(old_file).read_text(encoding="utf-8"))
    new = json.loads(Path(new_file).read_text(encoding="utf-8"))
    changes: Counter[tuple[str, str]] = Counter()
    changed = []
    for key in old.keys() | new.keys():
        a, b = old.get(key), new.get(key)
        if not isinstance(a, list) or not isinstance(b, list):
            if a != b:
                print("pair", key, "was", a if not isinstance(a, list) else "rated", "now",
                      b if not isinstance(b, list) else "rated")
            continue
        # items are matched by quote and by how many times that quote came before (one quote may hold two targets)
        def keyed(items: list) -> dict:
            seen: Counter[str] = Counter()
            out = {}
            for item in items:
                out[(item[0], seen[item[0]])] = item
                seen[item[0]] += 1
            return out

        before, after = keyed(a), keyed(b)
        for k, item in after.items():
            was = before.get(k)
            if was is None or was[1] != item[1] or was[2] != item[2]:
                changes[(was[1] if was else "-", item[1])] += 1
                changed.append((key, was, item))
    print({f"{a}→{b}": n for (a, b), n in sorted(changes.items())})
    for key, was, item in random.Random(1).sample(changed, min(shown, len(changed))):
        print(f"== {key}  {was[1] if was else '-'} → {item[1]}")
        print("   plan:    ", item[0][:120])
        print("   evidence:", (item[2] or "")[:120])
        print("   reason:  ", item[3][:200])


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "take":
        take(*argv[1:3])
        return 0
    if len(argv) >= 3 and argv[0] == "compare":
        compare(argv[1], argv[2], int(argv[3]) if len(argv) > 3 else 20)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
