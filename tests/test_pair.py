"""The pair check (PAIR_MISMATCH / --force), the card's summary and rule set, and ``duixian track --all``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from tests.conftest import CORPUS, needs_corpus
from typer.testing import CliRunner

from duixian.cli import app
from duixian.errors import PairMismatchError
from duixian.track.pair import check_pair, place, same_place
from duixian.track.rules import DEFAULT_RULES
from duixian.track.run import track_files

RAW = CORPUS / "raw"


def report(at: str, year: int, *, gdp: str = "增长 7.3%", toilets: int = 21) -> str:
    """A small report given in ``year`` at ``at`` (a people's congress name), reviewing year-1 and planning year."""
    return f"""政府工作报告
——{year}年1月18日在{at}第一届人民代表大会第一次会议上
各位代表：
一、{year - 1}年工作回顾
全年地区生产总值完成 221 亿元，{gdp}；固定资产投资增长 22%。
新建公厕 {toilets} 座。
二、{year}年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长7%左右，固定资产投资增长20%以上。
（一）办好民生实事。新建公厕 20 座。新建青松路小学 1 所。
"""


def _write(d: Path, name: str, body: str) -> Path:
    p = d / name
    p.write_text(body, encoding="utf-8")
    return p


def _track(*args: str):
    return CliRunner().invoke(app, ["track", *args])


# ---------------------------------------------------------------- the check itself


def _rep(region: str | None, full: str | None, code: str | None, n: int | None = 2021, reviewed: int | None = 2021,
         doc_type: str = "report") -> dict:
    return {"region": region, "region_full": full, "admin_code": code, "report_year": n, "review_year": reviewed,
            "doc_type": doc_type, "path": f"{region}.txt"}


def test_renamed_county_is_the_same_place_and_a_city_is_not_its_district() -> None:
    county = _rep("徐水县", "河北省保定市徐水县", None)  # the divisions table knows only 徐水区 (130609)
    district = _rep("徐水区", "河北省保定市徐水区", "130609")
    assert place(county) == place(district) == "130609" and same_place(county, district)
    assert check_pair(county, district) == []
    # the same stem under another parent is another place
    assert same_place(county, _rep("徐水区", "山西省某市徐水区", None)) is False
    city = _rep("呼伦贝尔市", "内蒙古自治区呼伦贝尔市", "150700")
    hailar = _rep("海拉尔区", "内蒙古自治区呼伦贝尔市海拉尔区", "150702")
    with pytest.raises(PairMismatchError) as e:
        check_pair(hailar, city)
    assert e.value.code == "PAIR_MISMATCH" and "呼伦贝尔市海拉尔区" in e.value.message
    assert "--force" in str(e.value)
    # a region the table does not know is compared by its written name
    assert same_place(_rep("示例区", "示例区", None), _rep("示例区", "示例区", None))


def test_years_must_agree_and_unknowns_are_warnings() -> None:
    plan = _rep("海拉尔区", "内蒙古自治区呼伦贝尔市海拉尔区", "150702", n=2024)
    review = _rep("海拉尔区", "内蒙古自治区呼伦贝尔市海拉尔区", "150702", reviewed=2022)
    with pytest.raises(PairMismatchError, match="plan is for 2024 but the review covers 2022"):
        check_pair(plan, review)
    warned = check_pair(plan, review, force=True)
    assert warned[0].startswith("PAIR_MISMATCH")
    unknown = check_pair(_rep("海拉尔区", None, "150702", n=None), review)
    assert len(unknown) == 1 and "unknown" in unknown[0]
    nowhere = check_pair(_rep(None, None, None), _rep("海拉尔区", None, "150702"))
    assert len(nowhere) == 1 and "region" in nowhere[0]


# ---------------------------------------------------------------- the CLI on files


@needs_corpus
def test_corpus_plan_of_2024_against_review_of_2022_is_refused_unless_forced() -> None:
    plan, review = str(RAW / "001_1d22ad009400639c.txt"), str(RAW / "004_9c28aa5688276531.txt")
    r = _track(plan, review, "--json")
    assert r.exit_code == 1
    err = json.loads(r.stdout)["error"]
    assert err["code"] == "PAIR_MISMATCH" and "2024" in err["message"] and "2022" in err["message"]
    assert "001_1d22ad009400639c.txt" in err["message"] and "004_9c28aa5688276531.txt" in err["message"]
    assert "--force" in err["hint"]
    r = _track(plan, review)
    assert r.exit_code == 1 and "error[PAIR_MISMATCH]" in r.output
    forced = _track(plan, review, "--json", "--force")
    assert forced.exit_code == 0, forced.output
    card = json.loads(forced.stdout)
    assert card["schema"] == "duixian.track/1" and card["items"]
    assert any(w.startswith("PAIR_MISMATCH") for w in card["warnings"])


@needs_corpus
def test_corpus_plan_of_one_region_against_review_of_another_is_refused() -> None:
    r = _track(str(RAW / "004_9c28aa5688276531.txt"), str(RAW / "008_hailar_2019.txt"), "--json")
    assert r.exit_code == 1
    err = json.loads(r.stdout)["error"]
    assert err["code"] == "PAIR_MISMATCH" and "different regions" in err["message"]
    assert "川汇区" in err["message"] and "海拉尔区" in err["message"]
    assert _track(str(RAW / "004_9c28aa5688276531.txt"), str(RAW / "008_hailar_2019.txt"), "--force").exit_code == 0


def test_district_plan_against_its_citys_review_is_refused(tmp_path) -> None:
    plan = _write(tmp_path, "plan.txt", report("呼伦贝尔市海拉尔区", 2021))
    review = _write(tmp_path, "review.txt", report("呼伦贝尔市", 2022))
    r = _track(str(plan), str(review), "--json")
    assert r.exit_code == 1 and json.loads(r.stdout)["error"]["code"] == "PAIR_MISMATCH"
    ok = _track(str(plan), str(_write(tmp_path, "same.txt", report("呼伦贝尔市海拉尔区", 2022))), "--json")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["warnings"] == []


def test_renamed_county_pair_is_rated(tmp_path) -> None:
    plan = _write(tmp_path, "plan.txt", report("徐水县", 2011))
    review = _write(tmp_path, "review.txt", report("保定市徐水区", 2012))
    r = _track(str(plan), str(review), "--json")
    assert r.exit_code == 0, r.output
    card = json.loads(r.stdout)
    assert card["plan"]["region"] == "徐水县" and card["review"]["region"] == "徐水区" and card["warnings"] == []


# ---------------------------------------------------------------- summary and rules


def test_card_says_how_many_items_it_rates_and_on_what_rules(tmp_path) -> None:
    plan = _write(tmp_path, "plan.txt", report("呼伦贝尔市海拉尔区", 2021))
    review = _write(tmp_path, "review.txt", report("呼伦贝尔市海拉尔区", 2022))
    card = track_files(plan, review, tolerance=0.3)
    s = card["summary"]
    assert s["items"] == len(card["items"]) == s["targets"] + s["pledges"]
    assert s["targets"] == 2 and s["pledges"] == 2
    assert s["with_evidence"] == sum(bool(i["evidence"]) for i in card["items"]) == 4
    assert s["with_direct_evidence"] == 3  # the school is only re-pledged in the next plan (indirect)
    assert s["rules"]["tolerance_pp"] == 0.3 and "±0.3个百分点" in s["rules"]["text"]
    assert s["rules"]["pledge_exceeded_pct"] == 105 and s["rules"]["pledge_kept_pct"] == 100
    from duixian.scorecard import render_html, render_markdown

    md = render_markdown(card)
    assert "共评定 4 项（目标 2 项，承诺 2 项），其中 4 项找到证据" in md and "±0.3个百分点" in md
    assert "共评定 4 项（目标 2 项，承诺 2 项）" in render_html(card)


@pytest.mark.parametrize(("found", "status"), [(round(20 * DEFAULT_RULES.exceeded_at), "exceeded"),
                                               (round(20 * DEFAULT_RULES.kept_at), "kept"), (19, "partial")])
def test_the_stated_pledge_thresholds_are_the_ones_applied(tmp_path, found: int, status: str) -> None:
    # the summary states the thresholds the rating applies (track/rules.py)
    plan = _write(tmp_path, "plan.txt", report("呼伦贝尔市海拉尔区", 2021))
    review = _write(tmp_path, "review.txt", report("呼伦贝尔市海拉尔区", 2022, toilets=found))
    items = {i["quote"]: i["status"] for i in track_files(plan, review)["items"]}
    assert items["新建公厕20座"] == status


# ---------------------------------------------------------------- the database: one pair and --all


def _ingest(tmp_path: Path, docs: dict[str, str]) -> str:
    d = tmp_path / "docs"
    d.mkdir()
    for name, body in docs.items():
        _write(d, name, body)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    r = CliRunner().invoke(app, ["ingest", str(d), "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    return db


def test_database_pair_across_a_rename_and_the_card_summary(tmp_path) -> None:
    db = _ingest(tmp_path, {"a.txt": report("徐水县", 2011), "b.txt": report("保定市徐水区", 2012)})
    for region in ("徐水区", "徐水县", "130609"):
        r = _track("--region", region, "--year", "2011", "--db", db, "--json")
        assert r.exit_code == 0, r.output
        card = json.loads(r.stdout)
        assert card["plan"]["region"] == "徐水县" and card["review"]["region"] == "徐水区"
        assert card["summary"]["items"] == len(card["items"]) == 4 and card["warnings"] == []
    from duixian.store import open_engine
    from duixian.track.run import stored_card

    again = stored_card(open_engine(db, announce=False), "徐水区", 2011)
    assert again is not None and again["summary"]["items"] == 4 and again["summary"]["rules"]["tolerance_pp"] == 0.5


def test_track_all_rates_every_pair_goes_on_after_a_failure_and_keeps_old_verdicts(tmp_path) -> None:
    from duixian.store import open_engine
    from duixian.store import schema as t

    db = _ingest(tmp_path, {
        "x2021.txt": report("呼伦贝尔市海拉尔区", 2021), "x2022.txt": report("呼伦贝尔市海拉尔区", 2022),
        "x2023.txt": report("呼伦贝尔市海拉尔区", 2023, toilets=19),
        "y2011.txt": report("徐水县", 2011), "y2012.txt": report("保定市徐水区", 2012),
        "z2022.txt": report("呼伦贝尔市", 2022),  # a lone city report: nothing to pair with
    })
    r = _track("--all", "--db", db, "--json")
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert res["schema"] == "duixian.track-all/1" and res["failures"] == []
    by = {d["region"]: d for d in res["regions"]}
    assert set(by) == {"海拉尔区", "徐水区"}  # the renamed county is one place, labelled by its newest name
    assert by["海拉尔区"]["pairs"] == 2 and by["徐水区"]["pairs"] == 1 and res["totals"]["pairs"] == 3
    assert by["海拉尔区"]["items"] == 8 and by["海拉尔区"]["counts"]["partial"] >= 1  # 19 of 20 公厕 in 2022
    assert res["totals"]["evidence_share"] == round(res["totals"]["with_evidence"] / res["totals"]["items"], 3)
    eng = open_engine(db, announce=False)

    def verdicts() -> dict[int, int]:
        with eng.connect() as conn:
            return dict(conn.execute(select(t.verdicts.c.plan_report_id, func.count())
                                     .group_by(t.verdicts.c.plan_report_id)).all())

    first = verdicts()
    assert sum(first.values()) == res["totals"]["items"] == 12
    # break one report: the stored clean text no longer matches what the file gives (SOURCE_CHANGED)
    with eng.begin() as conn:
        conn.execute(text("UPDATE reports SET clean_text = 'x' WHERE path LIKE '%x2021.txt'"))
    r = _track("--all", "--db", db, "--json")
    assert r.exit_code == 1  # the batch went on, but says some pairs failed
    res = json.loads(r.stdout)
    assert [(f["region"], f["year"], f["error"]["code"]) for f in res["failures"]] == [("海拉尔区", 2021, "SOURCE_CHANGED")]
    assert res["totals"]["pairs"] == 2 and res["totals"]["failed"] == 1
    assert verdicts() == first  # the failed pair's earlier verdicts are untouched, the others replaced whole
    text_run = _track("--all", "--db", db)
    assert text_run.exit_code == 1 and "SOURCE_CHANGED" in text_run.output and "海拉尔区" in text_run.output


def test_all_refuses_files_and_region(tmp_path) -> None:
    r = _track("--all", "--region", "海拉尔区", "--db", f"sqlite:///{tmp_path / 'c.db'}")
    assert r.exit_code != 0 and "--all" in r.output


def test_thresholds_are_configurable_on_the_command_line(tmp_path) -> None:
    plan = _write(tmp_path, "plan.txt", report("呼伦贝尔市海拉尔区", 2021))
    review = _write(tmp_path, "review.txt", report("呼伦贝尔市海拉尔区", 2022, toilets=21))  # 105% of 20
    statuses = {}
    for exceed_at in ("105", "110"):
        r = CliRunner().invoke(app, ["track", str(plan), str(review), "--json", "--exceed-at", exceed_at])
        assert r.exit_code == 0, r.output
        card = json.loads(r.stdout)
        item = next(i for i in card["items"] if "公厕" in i["quote"])
        statuses[exceed_at] = item["status"]
        assert f"{exceed_at}%" in card["summary"]["rules"]["text"]
    assert statuses == {"105": "exceeded", "110": "kept"}
