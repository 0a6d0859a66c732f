"""The region × year × metric panel over a database of ../shared/corpus/raw, and the metric table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import CORPUS, needs_corpus
from typer.testing import CliRunner

from duixian.cli import app
from duixian.store.panel import CORE, IDENTITY, bound_word, gap, is_estimate

runner = CliRunner()
CONTRACT = {*IDENTITY, *CORE}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> list[str]:
    """A database of the corpus with the 海拉尔区 2018 plan rated against its 2019 review."""
    path = tmp_path_factory.mktemp("panel") / "c.db"
    args = ["--db", str(path)]
    assert runner.invoke(app, ["ingest", str(CORPUS / "raw"), *args]).exit_code == 0
    assert runner.invoke(app, ["track", "--region", "海拉尔区", "--year", "2018", "--json", *args]).exit_code == 0
    return args


def _panel(db: list[str], *extra: str) -> dict:
    r = runner.invoke(app, ["panel", *extra, "--json", *db])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@needs_corpus
def test_wide_gdp_panel_puts_target_and_actual_of_one_year_in_one_row(db) -> None:
    doc = _panel(db, "--metric", "地区生产总值", "--wide")
    assert doc["schema"] == "duixian.panel/2" and doc["metric"] == "地区生产总值" and doc["wide"]
    by = {(w["region"], w["year"]): w for w in doc["rows"]}
    assert len(by) == len(doc["rows"]), "one row per region and year"
    h18 = by[("海拉尔区", 2018)]  # target from the 2018 report, actual from the 2019 report
    assert h18["admin_code"] == "150702" and h18["level"] == "district"
    assert (h18["地区生产总值_target_value"], h18["地区生产总值_target_qualifier"]) == (6.0, "左右")
    assert (h18["地区生产总值_actual_value"], h18["地区生产总值_actual_growth"]) == (192.3, 6.0)
    assert h18["地区生产总值_gap"] == 0.0 and h18["地区生产总值_gap_unit"] == "个百分点"
    assert h18["地区生产总值_verdict"] == "kept"
    h12 = by[("海拉尔区", 2012)]  # a level target: actual − target in the same unit
    assert (h12["地区生产总值_target_value"], h12["地区生产总值_actual_value"]) == (240.0, 235.2)
    assert h12["地区生产总值_gap"] == pytest.approx(-4.8) and h12["地区生产总值_gap_unit"] == "亿元"
    cq = by[("重庆市", 2020)]  # target from the 2020 report, actual from the plan-execution report of 2021
    assert cq["地区生产总值_gap"] == pytest.approx(3.9 - 6.0)


@needs_corpus
def test_long_rows_carry_the_contract_keys_and_one_row_per_region_year_metric(db) -> None:
    rows = _panel(db)["rows"]  # every metric of the table
    assert rows and all(CONTRACT <= set(r) for r in rows)
    keys = [(r["admin_code"], r["year"], r["metric"]) for r in rows]
    assert len(keys) == len(set(keys))
    for r in rows:  # the gap is there exactly when both sides are comparable
        if r["gap"] is not None:
            assert r["target_value"] is not None and (r["actual_growth"] is not None or r["actual_value"] is not None)


@needs_corpus
def test_income_families_stay_apart(db) -> None:
    doc = _panel(db, "--metric", "城镇居民人均可支配收入", "--metric", "农村居民人均可支配收入",
                 "--metric", "城乡居民收入", "--region", "海拉尔区")
    assert doc["metrics"] == ["城镇居民人均可支配收入", "农村居民人均可支配收入", "居民人均可支配收入"]
    by = {(r["year"], r["metric"]): r for r in doc["rows"]}
    # 2018 (actuals in 008_hailar_2019): 城镇 37820 元 +6.5%, 农村 28104 元 +9.4%, each from its own record
    town, rural = by[(2018, "城镇居民人均可支配收入")], by[(2018, "农村居民人均可支配收入")]
    assert (town["actual_value"], town["actual_growth"]) == (37820.0, 6.5)
    assert (rural["actual_value"], rural["actual_growth"]) == (28104.0, 9.4)
    # 007_hailar_2018 set one target for 城乡居民 income: it stays on the 居民 row, never lent to 城镇 or 农村
    assert by[(2018, "居民人均可支配收入")]["target_value"] == 7.5
    assert town["target_value"] is None and rural["target_value"] is None and town["gap"] is None
    assert by[(2018, "居民人均可支配收入")]["actual_value"] is None
    # 2019 targets (008_hailar_2019): 城镇 7% and 农村 8%, said in one sentence, one record each
    assert by[(2019, "城镇居民人均可支配收入")]["target_value"] == 7.0
    assert by[(2019, "农村居民人均可支配收入")]["target_value"] == 8.0
    assert town["actual_record_id"] != rural["actual_record_id"]


@needs_corpus
def test_unknown_metric_is_an_error_with_suggestions(db) -> None:
    r = runner.invoke(app, ["panel", "--metric", "地区生产总直", "--json", *db])
    assert r.exit_code == 2
    err = json.loads(r.stdout)["error"]
    assert err["code"] == "UNKNOWN_METRIC" and "地区生产总值" in err["hint"]
    r = runner.invoke(app, ["panel", "--metric", "城镇收入", *db])
    assert r.exit_code == 2 and "UNKNOWN_METRIC" in r.stderr and "城镇居民人均可支配收入" in r.stderr


@needs_corpus
def test_metrics_lists_the_table_with_stored_counts(db) -> None:
    r = runner.invoke(app, ["metrics", "--json", *db])
    rows = {m["metric"]: m for m in json.loads(r.stdout)["metrics"]}
    gdp = rows["地区生产总值"]
    assert "GDP" in gdp["aliases"] and gdp["n_targets"] > 10 and gdp["n_actuals"] > 10
    assert rows["城镇调查失业率"]["lower_is_better"] is True
    assert "地区生产总值" in runner.invoke(app, ["metrics", *db]).stdout


@needs_corpus
def test_panel_file_out(db, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    _panel(db, "--metric", "GDP", "--out", str(tmp_path / "gdp.dta"))
    df = pd.read_stata(tmp_path / "gdp.dta")
    assert set(df["metric"]) == {"地区生产总值"} and df["year"].dtype.kind == "i"
    _panel(db, "--metric", "GDP", "--wide", "--out", str(tmp_path / "gdp.csv"))
    assert "地区生产总值_gap" in (tmp_path / "gdp.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    r = runner.invoke(app, ["panel", "--wide", "--out", str(tmp_path / "w.dta"), *db])
    assert r.exit_code == 2 and "EXPORT_FAILED" in r.stderr  # Stata names cannot hold the metric


def test_bound_and_estimate_flags_are_read_at_the_number() -> None:
    assert bound_word("一般公共预算收入突破8亿元大关，同比增长13.8%", 8.0) == "突破"
    assert bound_word("实现税收20余亿元", 20.0) == "余"
    assert bound_word("完成投资近500万元", 500.0) == "近"
    assert bound_word("国内生产总值超过30万亿元，比上年增长9%", 30.0) == "超过"
    assert bound_word("地区生产总值增长8.5%，超额完成年度目标", 8.5) is None  # 超额 is not at the number
    assert bound_word("接待游客100多万人次", 100.0) == "多"
    assert is_estimate("预计全年地区生产总值增长6%") and is_estimate("初步核算，全年生产总值1100亿元")
    assert not is_estimate("全年地区生产总值完成192.3亿元")


def test_gap_rules() -> None:
    tg = {"kind": "growth", "value": 7.0, "unit": "%"}
    assert gap(tg, {"growth_pct": 7.5, "value": 100.0, "unit": "亿元"}) == (0.5, "个百分点")
    assert gap({**tg, "unit": "个百分点"}, {"growth_pct": 7.5, "value": None, "unit": None}) == (None, None)
    lv = {"kind": "level", "value": 240.0, "unit": "亿元"}
    assert gap(lv, {"growth_pct": None, "value": 235.2, "unit": "亿元"})[0] == pytest.approx(-4.8)
    assert gap(lv, {"growth_pct": None, "value": 2352000.0, "unit": "万元"}) == (None, None)  # units differ
    assert gap(None, {"growth_pct": 1.0, "value": 1.0, "unit": "%"}) == (None, None)
