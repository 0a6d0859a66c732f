"""Throughput of the whole extraction (ingest → clean → structure → all extractors) on one core.

Three runs in one process on the same files: the trivial baseline (read, decode, regex-scan for
figures), parsing alone, and parsing plus extraction.  Ratios against the baseline are what to
compare across machines.  A 40,000-character report is timed on its own too.

    python benchmarks/bench_extract.py [CORPUS_RAW_DIR] [--repeat N]
"""

from __future__ import annotations

import json
import sys
import tracemalloc
from pathlib import Path

from duixian.clean import clean
from duixian.extract import extract
from duixian.model import RawText
from duixian.offsets import Tracked
from duixian.pipeline import parse, parse_document

sys.path.insert(0, str(Path(__file__).parent))
from bench_parse import baseline, corpus_args, timed
from bench_parse import full as parse_only


def full(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        x = extract(parse(p))
        n += len(x.targets) + len(x.actuals) + len(x.pledges) + len(x.projects) + len(x.glossary)
    return n


def long_report(paths: list[Path], target: int = 40_000) -> RawText:
    """A 40k-character report: a real report's text followed by more real reports' task sections."""
    first = parse(paths[0]).doc
    text = first.text
    i = 1
    while len(text) < target:
        text += "\n" + parse(paths[i % len(paths)]).doc.text
        i += 1
    text = text[:target]
    src = first.source
    return RawText(src, text, Tracked.identity(text))


def main() -> None:
    paths, repeat = corpus_args()
    chars = sum(len(parse(p).doc.raw) for p in paths)
    t_base = timed(baseline, paths, repeat)
    t_parse = timed(parse_only, paths, repeat)
    t_full = timed(full, paths, repeat)
    raw40 = long_report(paths)
    t_40k = timed(lambda r: extract(parse_document(clean(r))), raw40, repeat)
    tracemalloc.start()
    full(paths)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    result = {
        "files": len(paths),
        "chars": chars,
        "baseline_s": round(t_base, 4),
        "parse_s": round(t_parse, 4),
        "extract_s": round(t_full, 4),
        "extract_reports_per_s": round(len(paths) / t_full, 1),
        "extract_chars_per_s": round(chars / t_full),
        "extract_vs_baseline": round(t_full / t_base, 1),
        "extract_vs_parse": round(t_full / t_parse, 2),
        "report_40k_ms": round(t_40k * 1000, 1),
        "peak_mb": round(peak / 1e6, 1),
    }
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_extract.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
