"""The per-stage benchmark times every stage extract_file runs, and they add up to the whole."""

from __future__ import annotations

from importlib import resources

from duixian.extract import extractors


def test_one_round_times_each_stage_and_extractor() -> None:
    from benchmarks.bench_stages import one_round

    path = resources.files("duixian.data").joinpath("sample_report.txt")
    got = one_round(path, runs=1)
    stages = ["read", "clean", "meta", "structure", "check", *(ex.name for ex in extractors())]
    assert sorted(got) == sorted([*stages, "WHOLE"])
    assert all(got[k] >= 0 for k in stages)
    assert abs(got["WHOLE"] - sum(got[k] for k in stages)) < 1e-9
