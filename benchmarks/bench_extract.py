"""Throughput of the whole extraction (ingest → clean → structure → all extractors) on one core.

Three runs in one process on the same files: the trivial baseline (read, decode, regex-scan for
figures), parsing alone, and parsing plus extraction.  Ratios against the baseline are what to
compare across machines.  A 40,000-character report, written to a file, is timed on its own too,
from the file (read + decode → … → all extractors), with the baseline on the same file; and the
first ten documents (000–019) on their own, the set earlier figures were taken on.

    python benchmarks/bench_extract.py [CORPUS_RAW_DIR] [--repeat N]
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import tracemalloc
from pathlib import Path

from duixian.extract import extract
from duixian.ingest.decode import decode
from duixian.pipeline import extract_file, parse

sys.path.insert(0, str(Path(__file__).parent))
from bench_parse import baseline, corpus_args, timed
from bench_parse import full as parse_only


def full(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        x = extract(parse(p))
        n += len(x.targets) + len(x.actuals) + len(x.pledges) + len(x.projects) + len(x.glossary)
    return n


def long_report(paths: list[Path], out: Path, target: int = 40_000) -> Path:
    """A 40k-character report file: a real report's clean text followed by more real reports'."""
    text = parse(paths[0]).doc.text
    i = 1
    while len(text) < target:
        text += "\n" + parse(paths[i % len(paths)]).doc.text
        i += 1
    out.write_text(text[:target], encoding="utf-8")
    return out


def extract_files(paths: list[Path]) -> int:
    return sum(len(extract_file(p).targets) for p in paths)


_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_CLAUSE = re.compile(r"[^，、；：。！？\n]+")


def clause_pass(paths: list[Path]) -> int:
    """A second floor besides the regex baseline: one Python pass over every clause of the decoded text
    (one regex for sentences, one for clauses, one tuple per clause), the least a pure-Python stage that
    looks at each clause once can cost. The whole extraction's time in these units says how many such
    passes it is (clean, metadata, structure, five extractors and the records they build)."""
    n = 0
    for p in paths:
        text, _, _ = decode(p.read_bytes())
        for m in _SENTENCE.finditer(text):
            for c in _CLAUSE.finditer(m.group()):
                n += bool((c.start(), c.end(), c.group()))
    return n


def main() -> None:
    paths, repeat = corpus_args()
    chars = sum(len(parse(p).doc.raw) for p in paths)
    t_base = timed(baseline, paths, repeat)
    t_parse = timed(parse_only, paths, repeat)
    t_full = timed(full, paths, repeat)
    first10 = paths[:10]
    t_base10 = timed(baseline, first10, repeat)
    t_full10 = timed(full, first10, repeat)
    with tempfile.TemporaryDirectory() as tmp:
        f40 = [long_report(paths, Path(tmp) / "report_40k.txt")]
        t_base40 = timed(baseline, f40, repeat * 4)
        t_pass40 = timed(clause_pass, f40, repeat * 4)
        n_clauses = clause_pass(f40)
        t_40k = timed(extract_files, f40, repeat * 4)
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
        "first10_extract_s": round(t_full10, 4),
        "first10_reports_per_s": round(10 / t_full10, 1),
        "first10_vs_baseline": round(t_full10 / t_base10, 1),
        "report_40k_ms": round(t_40k * 1000, 1),
        "report_40k_reports_per_s": round(1 / t_40k, 1),
        "report_40k_baseline_ms": round(t_base40 * 1000, 2),
        "report_40k_vs_baseline": round(t_40k / t_base40, 1),
        "report_40k_clauses": n_clauses,
        "report_40k_clause_pass_ms": round(t_pass40 * 1000, 2),
        "report_40k_vs_clause_pass": round(t_40k / t_pass40, 1),
        "peak_mb": round(peak / 1e6, 1),
    }
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_extract.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
