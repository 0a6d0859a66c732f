"""reading5: 明年 read by one rule in extraction and supervision; results are no pledges; bound-word
qualifiers; 存贷款 split into deposits and loans."""

from __future__ import annotations

import pytest

from duixian.extract import deadlines
from duixian.supervise.deadline import task_deadline


@pytest.mark.parametrize(("date", "year", "want"), [
    ("1980-12-01", 1981, 1981), ("2023-12-25", 2024, 2024),  # a December report for the next year
    ("2024-01-15", 2024, 2025), ("2024-03-05", 2024, 2025), (None, 2024, 2025), ("", 2024, 2025),
    ("2023-12-25", None, None),
])
def test_next_year_of(date, year, want):
    assert deadlines.next_year_of(date, year) == want


@pytest.mark.parametrize(("text", "date", "iso"), [
    ("从明年1月起实行", "1980-12-01", "1981-01-31"),  # a December report: 明年 is the plan year
    ("从明年1月起实行", "1981-03-05", "1982-01-31"),
    ("明年上半年建成", "2023-12-20", "2024-06-30"),
    ("明年6月30日前完成", "2023-12-20", "2024-06-30"),
    ("明年6月30日前完成", "2024-01-20", "2025-06-30"),
])
def test_task_deadline_reads_next_year_as_the_pledges_do(text, date, iso):
    got, _, default = task_deadline(text, int(date[:4]) + (1 if date[5:7] == "12" else 0), date)
    assert (got, default) == (iso, False)
    year = int(date[:4]) + (1 if date[5:7] == "12" else 0)
    if "日" not in text:  # the same words give the same date as a pledge's deadline
        assert deadlines.resolve(text, year, deadlines.next_year_of(date, year))[0] == got


@pytest.mark.parametrize("clause", [
    "金融机构存贷款余额为199.5亿元和67.5亿元，分别增长15.2%和4%",
    "年末金融机构存贷款余额达到199.5亿元、67.5亿元，增长15.2%、4%",
    "全市金融机构存贷款余额199.5亿元与67.5亿元，分别比上年增长15.2%和4%",
])
def test_deposits_and_loans_before_a_later_fenbie_are_two_figures(tmp_path, clause):
    from test_figure_rules import _extract, _report

    got = _extract(tmp_path, _report(f"全年地区生产总值增长6%；{clause}。"))
    rows = {(a.metric, a.value, a.growth_pct) for a in got.actuals}
    assert ("金融机构存款余额", 199.5, 15.2) in rows and ("金融机构贷款余额", 67.5, 4) in rows
    assert not any("存贷款" in a.metric for a in got.actuals)


def test_urban_and_rural_pair_before_a_later_fenbie(tmp_path):
    from test_figure_rules import _extract, _report

    got = _extract(tmp_path, _report("全年地区生产总值增长6%；城乡居民人均可支配收入为30000元和15000元，分别增长8%和9%。"))
    rows = {(a.metric, a.value, a.growth_pct) for a in got.actuals}
    assert {("城镇居民人均可支配收入", 30000, 8), ("农村居民人均可支配收入", 15000, 9)} <= rows


@pytest.mark.parametrize(("clause", "qualifier"), [
    ("城镇登记失业率低于4.6%", "以内"), ("居民消费价格涨幅低于3.5%", "以内"),
    ("居民消费价格涨幅不高于3%", "以内"), ("城镇调查失业率不超过5.5%", "以内"),
    ("粮食产量不低于1300万吨", "以上"),
])
def test_a_bound_word_before_a_target_gives_its_qualifier(tmp_path, clause, qualifier):
    from test_figure_rules import _extract, _report

    plan = f"今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；{clause}。"
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。", plan))
    rows = {t.quote: t.qualifier for t in got.targets}
    assert rows.get(clause) == qualifier


@pytest.mark.parametrize(("clause", "kind"), [
    ("城镇登记失业率低于4.6%", "cap"), ("居民消费价格涨幅不高于3%", "cap"), ("城镇调查失业率控制在5.5%左右", "cap"),
    ("研发经费投入强度不低于2.5%", "rate"),
])
def test_an_upper_bound_on_a_rate_is_a_cap(tmp_path, clause, kind):
    """控制在, and a bound word that makes the target's qualifier 以内 (低于, 不高于), cap a rate; a lower bound does not."""
    from test_figure_rules import _extract, _report

    plan = f"今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；{clause}。"
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。", plan))
    assert {t.quote: t.target_kind for t in got.targets}.get(clause) == kind


def _pledges(tmp_path, text: str) -> list[str]:
    from test_pledges_reading3 import _pledges as read

    return read(tmp_path, text)


_OLD_NATIONAL = "关于一九五八年国民经济计划草案的报告\n各位代表：\n二、一九五八年的国民经济计划\n"


def test_changes_already_made_in_a_plan_part_are_no_pledges(tmp_path) -> None:
    text = _OLD_NATIONAL + ("比上一年，钢增产了约七十八万吨，水泥增产了将近三十万吨，化学肥料产量比一九五五年增长了百分之四十。"
                            "工业企业目前一年大约多耗电二、三百亿度。"
                            "今年要使钢产量增加六百二十万吨，新建化肥厂三座。")
    got = _pledges(tmp_path, text)
    assert not any("增产了" in g or "增长了" in g or "多耗电" in g for g in got), got
    # the goals beside them stay
    assert any("增加六百二十万吨" in g for g in got) and any("新建化肥厂三座" in g for g in got), got


def test_a_change_with_a_word_that_looks_ahead_stays_a_pledge(tmp_path) -> None:
    text = _OLD_NATIONAL + "粮食产量计划比上年增加了一百亿斤。力争职工人数增加了二十万人以后不再增加。"
    got = _pledges(tmp_path, text)
    assert any("一百亿斤" in g for g in got) and any("二十万人" in g for g in got), got


def test_looking_ahead_with_and_without_the_jiang_of_jiangjin() -> None:
    from duixian.extract import pledges

    for text in ("今年要建成", "将达到100万吨", "力争完成", "明年全面推开"):
        assert pledges._LOOKS_AHEAD.search(text) and pledges._AHEAD_NOT_NEAR.search(text), text
    assert pledges._LOOKS_AHEAD.search("增加了将近十一万吨")  # 将 of 将近 is a 将 to the broad test …
    assert not pledges._AHEAD_NOT_NEAR.search("增加了将近十一万吨")  # … and nearly, not will, to the narrow one
    assert not pledges._AHEAD_NOT_NEAR.search("重要的是主要矛盾")  # 要 of 重要/主要 looks ahead in neither
