"""reading6: wordings of real reports found by reading the unlabelled wild set (qualifiers, lone figures,
five-year reviews, old national reports)."""

from __future__ import annotations

import pytest

from test_figure_rules import _extract, _report

_GOALS = "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；{}。"


@pytest.mark.parametrize(("clause", "kind"), [
    ("居民消费价格涨幅控制在3%以下", "cap"), ("城镇登记失业率控制在4.5%以下", "cap"),
    ("居民消费价格总水平涨幅3%以下", "cap"), ("人口自然增长率控制在6‰以下", "cap"),
])
def test_an_upper_bound_written_yixia_is_the_labels_yinei(tmp_path, clause, kind):
    """以下 after a goal is an upper bound, as 以内 is; the qualifiers are 左右/以上/以内/同步 only."""
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。", _GOALS.format(clause)))
    rows = {t.quote: (t.qualifier, t.target_kind) for t in got.targets}
    assert rows.get(clause, (None, None))[0] == "以内"
    if "‰" not in clause:
        assert rows[clause][1] == kind


@pytest.mark.parametrize(("clause", "metric", "value", "growth"), [
    ("年末金融机构各项存款余额520亿元，增长12.3%", "金融机构存款余额", 520, 12.3),
    ("全县金融机构本外币各项存款余额达到86.4亿元，比年初增加9.1亿元", "金融机构存款余额", 86.4, None),
    ("年末人民币各项贷款余额3000亿元，同比增长9%", "金融机构贷款余额", 3000, 9),
    ("金融机构人民币存款余额1.2万亿元", "金融机构存款余额", 1.2, None),
])
def test_a_lone_deposit_or_loan_balance_is_an_actual(tmp_path, clause, metric, value, growth):
    """各项/人民币/本外币 say what a balance counts; alone in its sentence (no pair to vouch for it) it is still
    the indicator of the metric table."""
    got = _extract(tmp_path, _report(f"全年地区生产总值增长6%。{clause}。"))
    assert (metric, value, growth) in {(a.metric, a.value, a.growth_pct) for a in got.actuals}


_OLD = ("政府工作报告\n——{date}在第{term}届全国人民代表大会第{n}次会议上\n各位代表：\n一、{review_title}\n"
        "一年来，全国各族人民团结一致，克服了许多困难。\n各位代表！这是很不容易的。\n{review}\n二、{plan_title}\n{plan}\n")


@pytest.mark.parametrize(("date", "term", "n", "review", "plan", "actual", "target"), [
    ("一九五九年四月十八日", "二", "一", "一九五八年全国工农业生产大跃进。一九五八年粮食产量比一九五七年增长百分之三十五。",
     "我们要继续前进。",
     ("粮食总产量", 35, 1958), None),
    ("一九八〇年八月三十日", "五", "三", "一九七九年国民经济调整取得成效。一九七九年工农业总产值比一九七八年增长百分之八点五。",
     "一九八〇年工业总产值计划增长百分之六。", ("工农业总产值", 8.5, 1979), 6),
    ("一九八五年三月二十七日", "六", "三", "一九八四年各项工作都有新进展。一九八四年国民生产总值比上年增长百分之十二。",
     "一九八五年国民生产总值计划增长百分之七。", ("地区生产总值", 12, 1984), 7),
])
def test_a_year_in_numerals_is_evidence_of_the_review_or_plan_year(tmp_path, date, term, n, review, plan, actual, target):
    """Into the 1990s national reports wrote years in numerals (一九七八年); under chapter titles without a
    role word, the year a sentence names is what tells a result of the year under review from the plan."""
    text = _OLD.format(date=date, term=term, n=n, review_title="关于经济形势", review=review,
                       plan_title="关于今后的工作", plan=plan)
    got = _extract(tmp_path, text)
    assert actual in {(a.metric, a.growth_pct, a.year) for a in got.actuals}
    assert not any(t.quote in review for t in got.targets)
    if target is not None:
        assert target in {t.value for t in got.targets if t.quote in plan}


@pytest.mark.parametrize(("wording", "name"), [
    ("粮食产量也", "粮食总产量"), ("工业总产值又比一九七七年", "工业总产值"),
    ("全社会固定资产投资也", "固定资产投资"), ("地区生产总值都", "地区生产总值"),
    ("一九五四年计划的工业基本建设投资总额又比一九五三年", "工业基本建设投资总额"),
    ("成都", "成都"), ("首都", "首都"),
])
def test_an_adverb_before_the_verb_is_no_part_of_the_indicator(wording, name):
    """粮食产量也增长了…, 投资总额又比一九五三年增加…: 也/又/都/还/再 say how the figure relates to the one
    before, not what it counts; a two-character name ending in one of them (成都) keeps it."""
    from duixian.extract.metrics import canonical

    assert canonical(wording) == name


@pytest.mark.parametrize(("plan", "metric", "value", "kind"), [
    ("一九八〇年计划基本建设投资总额控制在五百亿元。", None, None, None),  # an amount in words: no goal of digits
    ("1980年计划基本建设投资总额控制在500亿元。", "基本建设投资总额", 500, "level"),
    ("农业银行、信用社计划今年增加农业贷款172亿元。", "农业贷款", 172, "level"),
    ("一九五四年计划的工业基本建设投资总额又比一九五三年增加百分之二十八。", "工业基本建设投资总额", 28, "growth"),
])
def test_the_plans_own_word_makes_a_scattered_figure_a_goal(tmp_path, plan, metric, value, kind):
    """Reports of the planned economy set the year's figures with 计划 (…计划增加…, 计划…控制在…), without
    力争/确保/达到; 增加 of a percentage is a growth."""
    text = _OLD.format(date="一九八〇年八月三十日", term="五", n="三", review_title="关于经济形势",
                       review="一九七九年工农业总产值比一九七八年增长百分之八点五。", plan_title="关于今后的工作", plan=plan)
    got = {(t.metric, t.value, t.target_kind) for t in _extract(tmp_path, text).targets if t.quote in plan}
    assert got == ({(metric, value, kind)} if metric else set())


@pytest.mark.parametrize("plan", [
    "第六个五年计划安排教育、科学事业的经费占国家财政支出总额的15.9%。",
    "我们要求各地区在各企业今年计划定额的基础上节约煤和电2%至3%。",
])
def test_a_plan_word_inside_the_indicators_name_makes_no_goal(tmp_path, plan):
    text = _OLD.format(date="一九八〇年八月三十日", term="五", n="三", review_title="关于经济形势",
                       review="一九七九年工农业总产值比一九七八年增长百分之八点五。", plan_title="关于今后的工作", plan=plan)
    assert not [t for t in _extract(tmp_path, text).targets if t.quote in plan]


@pytest.mark.parametrize(("clause", "metric", "value"), [
    ("一般公共预算收入从3.2亿元增加到4.1亿元", "一般公共预算收入", 4.1),
    ("城镇化率从45%提高到48%", "常住人口城镇化率", 48),
    ("一般公共预算收入由2026年的3.2亿元增加到2030年的4.1亿元", "一般公共预算收入", 4.1),
    ("地区生产总值从2026年的210亿元增长到2030年的287.9亿元", "地区生产总值", 287.9),
    ("国内生产总值增加到2030年的10.2万亿元", "地区生产总值", 10.2),
])
def test_a_change_from_one_level_to_another_gives_the_level_it_ended_at(tmp_path, clause, metric, value):
    """从 opens a change as 由 does, and a year's 的 before a figure (2030年的) dates it without naming it."""
    got = _extract(tmp_path, _report(f"全年地区生产总值增长6%。{clause}。"))
    assert (metric, value) in {(a.metric, a.value) for a in got.actuals if a.quote == clause}


def test_a_change_that_ends_on_another_year_is_not_that_years_level(tmp_path):
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。一般公共预算收入由2020年的3.2亿元增加到2025年的4.1亿元。"))
    assert not [a for a in got.actuals if a.metric == "一般公共预算收入"]


_TERM = ("政府工作报告\n——2031年1月20日在示例市第九届人民代表大会第一次会议上\n各位代表：\n一、过去五年工作回顾\n"
         "过去五年，全市上下团结奋斗，取得了显著成就。\n{review}\n二、2031年工作安排\n今年要稳中求进。\n")


@pytest.mark.parametrize(("review", "want"), [
    ("地区生产总值从2025年的162.4亿元增加到2030年的287.9亿元，年均增长8.5%。", ("地区生产总值", 287.9, None)),
    ("城镇居民家庭人均可支配收入，由2025年的5160元增加到2030年的7703元，平均每年实际增长8.6%。",
     ("城镇居民人均可支配收入", 7703, None)),
    ("外贸进出口总额由2025年的3252亿美元增加到2030年的6208亿美元，世界排名上升到第五位。", ("进出口总额", 6208, None)),
])
def test_a_five_year_change_ending_on_the_year_under_review_gives_that_years_level(tmp_path, review, want):
    """A term's review states where the period ended (从2025年的A增加到2030年的B): B is the level of the year under
    review; the period's average rate is not its growth."""
    got = _extract(tmp_path, _TERM.format(review=review))
    assert want in {(a.metric, a.value, a.growth_pct) for a in got.actuals}


@pytest.mark.parametrize("review", [
    "地区生产总值从162.4亿元增加到287.9亿元，年均增长8.5%。",  # the period's end, but not dated to the year
    "五年累计完成固定资产投资1500亿元，是上个五年的2倍。",
])
def test_other_figures_of_a_five_year_review_stay_the_periods(tmp_path, review):
    got = _extract(tmp_path, _TERM.format(review=review))
    assert not got.actuals


@pytest.mark.parametrize(("clause", "want"), [
    ("化学需氧量、氨氮、二氧化硫、氮氧化物排放量分别削减1.2%、2.7%、1.2%和5.6%",
     {("化学需氧量", -1.2), ("氨氮", -2.7), ("二氧化硫", -1.2), ("氮氧化物排放量", -5.6)}),
    ("二氧化硫、化学需氧量排放量分别削减2.4%和1%以上", {("二氧化硫", -2.4), ("化学需氧量排放量", -1)}),
    ("氨氮排放量削减1.8%", {("氨氮排放量", -1.8)}),
])
def test_emissions_cut_are_reductions_each_of_its_pollutant(tmp_path, clause, want):
    """削减 is the genre's verb for emissions: a reduction, stored negative; a short item of a list (氨氮) is a
    pollutant of its own, not the head of the last item's name."""
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。", _GOALS.format(clause)))
    assert {(t.metric, t.value) for t in got.targets if t.quote == clause} == want


def test_emissions_cut_in_the_review_are_actuals(tmp_path):
    got = _extract(tmp_path, _report("全年地区生产总值增长8%，二氧化硫、化学需氧量排放量分别削减3.5%和3%。"))
    assert {("二氧化硫", -3.5), ("化学需氧量排放量", -3)} <= {(a.metric, a.growth_pct) for a in got.actuals}


@pytest.mark.parametrize(("subject", "names"), [
    ("服务业、装备制造和高新技术产业的投资", ["服务业的投资", "装备制造的投资", "高新技术产业的投资"]),
    ("城镇和农村居民人均可支配收入", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ("化学需氧量、氨氮、二氧化硫", ["化学需氧量", "氨氮", "二氧化硫"]),
])
def test_list_items_share_only_a_paired_head_or_a_tail_after_de(subject, names):
    from duixian.extract.figures import split_subjects

    assert split_subjects(subject) == names


@pytest.mark.parametrize(("clause", "metrics"), [
    ("城镇居民人均可支配收入和农民人均纯收入均增长8.5%以上", {"城镇居民人均可支配收入", "农村居民人均纯收入"}),
    ("全部财政收入和一般预算收入增长17%以上", {"财政总收入", "一般公共预算收入"}),
    ("城镇常住居民人均可支配收入、农村常住居民人均可支配收入均增长8%", {"城镇居民人均可支配收入", "农村居民人均可支配收入"}),
])
def test_one_rate_for_two_indicators_is_a_goal_of_each(tmp_path, clause, metrics):
    """A和B均增长X%: one goal per indicator of the table, with the same rate and qualifier."""
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。", _GOALS.format(clause)))
    rows = [t for t in got.targets if t.quote == clause]
    assert {t.metric for t in rows} == metrics and len({(t.value, t.qualifier) for t in rows}) == 1


def test_a_joint_subject_that_is_not_two_indicators_stays_one_goal(tmp_path):
    clause = "化学需氧量、二氧化硫排放量削减2%"
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。", _GOALS.format(clause)))
    assert [t.metric for t in got.targets if t.quote == clause] == ["化学需氧量、二氧化硫排放量"]


@pytest.mark.parametrize(("plan", "year"), [
    ("今年地区生产总值计划增长8%。争取2035年粮食产量达到7亿吨。2035年钢产量达到9400万吨。", 2031),
    ("今年国民生产总值计划增长百分之八。1997年原煤年产量达到13亿吨左右。", 1993),
])
def test_a_goal_of_a_later_year_in_the_plan_is_a_horizon_goal(tmp_path, plan, year):
    """A plan sentence's goal dated to a later year (争取1997年粮食产量达到4.75亿吨 in the 1993 report) is a goal
    of the plan period's end, not the year's."""
    got = _extract(tmp_path, _report(f"全年地区生产总值增长{6 if year > 2000 else 7}%。", plan, year=year))
    assert [t.metric for t in got.targets] == ["地区生产总值"]
    assert got.horizon_targets and all(t.year > year for t in got.horizon_targets)


@pytest.mark.parametrize(("wording", "name"), [
    ("居民储蓄存款余额比年初", "居民储蓄存款余额"), ("金融机构存款余额较年初", "金融机构存款余额"),
    ("机器制造工业总产值比上一年", "机器制造工业总产值"), ("地区生产总值较上年", "地区生产总值"),
])
def test_the_base_of_a_change_is_no_part_of_the_indicator(wording, name):
    """比年初 (balances), 比上一年 (as reports wrote 比上年 into the 1960s), 较上年: what the change is measured from."""
    from duixian.extract.metrics import canonical

    assert canonical(wording) == name


@pytest.mark.parametrize("clause", [
    "金融机构存款余额比年初增加60亿元", "粮食总产量比上年增加5万吨", "优良天数同比增加29天", "市场主体较上年减少300户",
])
def test_an_amount_of_change_against_a_base_is_not_the_level(tmp_path, clause):
    """比上年增加5万吨 says what the figure grew by; the level is another number (or none)."""
    got = _extract(tmp_path, _report(f"全年地区生产总值增长6%。{clause}。"))
    assert not [a for a in got.actuals if a.quote == clause and a.value is not None]


def test_the_level_before_an_amount_of_change_stays(tmp_path):
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。粮食总产量达到1200万吨，比上年增加5万吨。"))
    assert ("粮食总产量", 1200) in {(a.metric, a.value) for a in got.actuals}


@pytest.mark.parametrize(("wording", "name"), [
    ("国民生产总值1987年", "地区生产总值"), ("农业总产值一九八一年", "农业总产值"), ("地区生产总值2023年底", "地区生产总值"),
    ("进出口贸易总额一九九〇年", "进出口总额"),
])
def test_the_year_between_an_indicator_and_its_verb_is_no_part_of_its_name(wording, name):
    from duixian.extract.metrics import canonical

    assert canonical(wording) == name


@pytest.mark.parametrize(("review", "want", "not_want"), [
    ("农民人均纯收入，2025年为2700元，2030年提高到4630元，平均每年增长8.6%。", ("农村居民人均纯收入", 4630), 2700),
    ("国内生产总值2030年达89404亿元，比2025年增长1.5倍。", ("地区生产总值", 89404), None),
    ("2025年全县粮食产量为50万吨，2030年达到61万吨。", ("粮食总产量", 61), 50),
])
def test_a_clause_dated_to_another_year_is_not_the_years_figure(tmp_path, review, want, not_want):
    """Inside a five-year review a clause that dates its figure (1982年为270元, 国民生产总值1987年达到10920亿元) is
    that year's: the year under review's level is kept, an earlier year's is not."""
    got = _extract(tmp_path, _TERM.format(review=review))
    rows = {(a.metric, a.value) for a in got.actuals}
    assert want in rows
    assert not_want is None or not any(v == not_want for _, v in rows)


def test_a_time_right_after_the_lists_cue_makes_the_whole_list_a_horizon(tmp_path):
    """新一届政府的奋斗目标是：到2035年，…；五年累计投资达到85亿元以上；…: a new term's goals, not the year's."""
    plan = ("新一届政府的奋斗目标是：到2035年，地区生产总值比2030年翻一番；五年累计投资达到85亿元以上；"
            "人口自然增长率控制在7‰以内。今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。")
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。", plan))
    assert [t.metric for t in got.targets] == ["地区生产总值"]
    assert {t.year for t in got.horizon_targets} == {2035} and len(got.horizon_targets) == 2


@pytest.mark.parametrize("clause", ["乡镇企业五年间产值增长2倍", "进出口总额三年来增长45%", "财政收入两年之间增长30%"])
def test_a_growth_over_several_years_is_not_the_years(tmp_path, clause):
    """五年间/三年来/两年之间 …增长: a rate over a span of years, like 年均 and 五年来."""
    got = _extract(tmp_path, _report(f"全年地区生产总值增长6%；{clause}。"))
    assert not [a for a in got.actuals if a.quote == clause]


def test_a_rank_after_a_list_of_works_started_is_no_statistic(tmp_path):
    clause = "开工建设城东污水连通管、5座雨水调蓄池，完成350公里河道整治，污染防治攻坚战成效考核排名全省第一"
    got = _extract(tmp_path, _report(f"全年地区生产总值增长6%。{clause}。"))
    assert not [a for a in got.actuals if a.metric.startswith("开工")]


@pytest.mark.parametrize("clause", [
    "工业总产值达到628亿元，超过原定的年度计划4.1%，比上年增长6.9%",
    "工业总产值达到628亿元，超过年度计划4.1%，比上年增长6.9%",
])
def test_a_plan_exceeded_belongs_to_the_figure_before(tmp_path, clause):
    """超过年度计划4.1%: how the figure before met its plan; the growth after it is that figure's."""
    got = _extract(tmp_path, _report(f"全年地区生产总值增长6%。{clause}。"))
    rows = {(a.metric, a.value, a.growth_pct) for a in got.actuals}
    assert ("规模以上工业总产值", 628, 6.9) in rows and not any("计划" in a.metric for a in got.actuals)


@pytest.mark.parametrize(("clause", "metric", "value"), [
    ("全市生产总值突破4万亿元大关，达到4.32万亿元，增长8.1%", "地区生产总值", 4.32),
    ("一般公共预算收入突破100亿元，达到103.5亿元", "一般公共预算收入", 103.5),
    ("全县生产总值首次突破200亿元，预计达到205.6亿元", "地区生产总值", 205.6),
])
def test_a_level_reached_after_a_mark_passed_is_the_figure(tmp_path, clause, metric, value):
    """突破4万亿元大关，达到4.32万亿元: the mark passed is a bound; the level reached is the figure."""
    got = _extract(tmp_path, _report(f"{clause}。"))
    assert (metric, value) in {(a.metric, a.value) for a in got.actuals}
