"""reading9: targets, actuals and metadata on old and unseen reports (wordings found by reading the wild set)."""

from __future__ import annotations

import pytest

from test_figure_rules import _extract, _report


@pytest.mark.parametrize(("review", "other"), [
    # the 1980s national wording: each indicator's own name, its base year, the year's level, an average rate
    ("城乡人民生活进一步改善。农民人均纯收入，2025年为270元，2030年提高到463元，扣除物价上涨因素，平均每年增长8.6%；"
     "城镇居民人均生活费收入，2025年为494.5元，2030年提高到916元，扣除物价上涨因素，平均每年增长6.3%。", "916"),
    ("粮食产量，2025年为3000万吨，2030年达到4000万吨，平均每年增长5%；"
     "乡镇企业总收入，2025年为200亿元，2030年达到300亿元，平均每年增长8%。", "300"),
    ("全县地区生产总值，2025年为50亿元，2030年达到80亿元，平均每年增长9.8%；"
     "社会商品零售额，2025年为3亿元，2030年增加到6亿元，平均每年增长14.9%。", "6亿"),
])
def test_a_name_does_not_cross_a_semicolon(tmp_path, review, other):
    """A clause without a subject takes the indicator its run between semicolons opens on, never the one the
    sentence opened on before a ；."""
    got = _extract(tmp_path, _report(review, year=2031))
    first = review.split("；")[0].split("。")[-1]
    for a in got.actuals:
        if other in a.quote:
            assert a.metric_raw not in first, (a.metric_raw, a.quote)


@pytest.mark.parametrize(("review", "change", "level"), [
    ("一九八三年国内财政收入增加一百二十七亿元，一九八四年增加二百五十五亿元，一九八五年增加三百六十二亿元。", 362, None),
    ("全年粮食总产量增加12万吨，达到156万吨。地区生产总值增长7%。", 12, 156),
    ("地区生产总值增长7%，城乡居民储蓄存款余额增加了45亿元。", 45, None),
    ("地区生产总值增长7%；全县规模以上工业企业增加8家。", 8, None),
    ("地方一般公共预算收入增加2.3亿元，增长12%。", 2.3, None),
])
def test_an_increase_with_an_implied_base_is_not_a_level(tmp_path, review, change, level):
    """增加/减少/增长/下降 with an amount and no 到/至/为 states a change whose base is the year before, as
    比上年增加 does; a level that follows (…，达到156万吨) is the figure's."""
    if review.startswith("一九"):
        from test_reading6 import _OLD
        text = _OLD.format(date="一九八六年三月二十五日", term="六", n="四", review_title="关于经济形势", review=review,
                           plan_title="关于今后的工作", plan="我们要继续前进。")
    else:
        text = _report(review)
    got = _extract(tmp_path, text)
    values = {a.value for a in got.actuals}
    assert change not in values
    if level is not None:
        assert level in values


@pytest.mark.parametrize(("review", "metric", "value"), [
    ("地区生产总值增长6%，高新技术企业突破2万家。", "高新技术企业", 2),
    ("地区生产总值增长6%；国家高新技术企业达到1200家，增长15%。", "高新技术企业", 1200),
    ("地区生产总值增长6%；各类市场主体突破100万户。", "市场主体", 100),
    ("地区生产总值增长6%；新增高新技术企业18家，新增市场主体3580户。", "新增高新技术企业", 18),
    ("地区生产总值增长6%；新增高新技术企业18家，新增市场主体3580户。", "新增市场主体", 3580),
])
def test_a_stock_passed_is_not_the_years_new_ones(tmp_path, review, metric, value):
    """突破/达到 a count of enterprises is the stock; only 新增… names the year's new ones."""
    got = _extract(tmp_path, _report(review))
    assert (metric, value) in {(a.metric, a.value) for a in got.actuals}


@pytest.mark.parametrize(("review", "unranked", "ranked"), [
    ("地区生产总值增长7%；招商引资签约项目12个，总投资51.69亿元，引荐数量位居全市第三位。", 51.69, None),
    ("地区生产总值增长7%；重点项目完成投资47亿元，投资完成率全市排名第二。", 47, None),
    ("地区生产总值增长7%；园区新增投资2.6亿元，主营业务收入位居全省第9位。", 2.6, None),
])
def test_a_rank_of_another_subject_is_not_the_figures(tmp_path, review, unranked, ranked):
    """A clause of a rank alone that names its own subject ranks that subject, not the figure before it."""
    got = _extract(tmp_path, _report(review))
    assert not any(a.rank for a in got.actuals if a.value == unranked)
    if ranked:
        assert any(a.rank for a in got.actuals if a.metric_raw == ranked)


@pytest.mark.parametrize("review", [
    "地区生产总值达到120亿元，增长7%，增速全市第一。",
    "地区生产总值达到120亿元，增长7%，总量和增速均居全市第三位。",
    "地区生产总值达到120亿元，增长7%，经济总量连续三年位居全省第5位。",
    "地区生产总值增长7%；新增规模以上工业企业120家，增量全市第一。",
    "地区生产总值增长7%；新增电信用户120万户，总数跃居全国第五位。",
    "地区生产总值增长7%；高速公路通车里程达到120公里，比2025年增加30公里，跃居全省第3位。",
])
def test_a_rank_of_the_figure_before_stays_its(tmp_path, review):
    """增速/总量/总数/增量 and the adverbs of a rank (连续三年, 跃居, 均) rank the figure before."""
    got = _extract(tmp_path, _report(review))
    assert any(a.rank for a in got.actuals if a.value == 120)


_PLAN = "今年发展的主要预期目标是：国内生产总值增长6%左右；居民消费价格涨幅3%左右。{}"


@pytest.mark.parametrize(("sentence", "metrics"), [
    ("广义货币增长目标为16%。", ("广义货币",)),
    ("今年广义货币M2增长目标为17%左右，新增人民币贷款5万亿元左右。", ("广义货币",)),
    ("全年固定资产投资增长目标定为12%。", ("固定资产投资",)),
    ("今年广义货币M2和社会融资规模余额预期增长均为12%左右。", ("广义货币", "社会融资规模余额")),
])
def test_a_growth_named_as_the_goal_is_a_growth(tmp_path, sentence, metrics):
    """增长目标为X% sets a growth: the verb 为 does not make the figure a rate; joined indicators sharing one
    growth (A和B预期增长均为12%) are a goal each."""
    got = _extract(tmp_path, _report("全年生产总值增长7%。", _PLAN.format(sentence)))
    kinds = {t.metric: t.target_kind for t in got.targets}
    for m in metrics:
        assert kinds.get(m) == "growth", (m, kinds)


@pytest.mark.parametrize(("date", "term", "review", "plan", "metric"), [
    ("一九九五年三月五日", "八", "一九九四年国民生产总值比上年增长百分之十一点八。一九九四年工业总产值比上年增长百分之十八。",
     "一九九五年工业总产值计划增长百分之十四。", "工业总产值"),
    ("一九八八年三月二十五日", "七", "一九八七年国民生产总值比上年增长百分之九点四。一九八七年工业增加值比上年增长百分之十三。",
     "一九八八年工业增加值计划增长百分之八。", "工业增加值"),
    ("二〇〇〇年三月五日", "九", "一九九九年国内生产总值比上年增长百分之七点一。一九九九年工业增加值比上年增长百分之八点九。",
     "二〇〇〇年工业增加值计划增长百分之八。", "规模以上工业增加值"),
    ("二〇〇五年三月五日", "十", "二〇〇四年国内生产总值比上年增长百分之九点五。二〇〇四年工业总产值比上年增长百分之十六。",
     "二〇〇五年工业总产值计划增长百分之十三。", "规模以上工业总产值"),
])
def test_industry_before_1998_is_not_above_the_size_threshold(tmp_path, date, term, review, plan, metric):
    """The 规模以上 threshold of the industrial statistics dates from 1998: before it 工业总产值/工业增加值 count all
    industry and keep their own names; from 1998 on the same wording is the 规模以上 indicator."""
    from test_reading6 import _OLD
    text = _OLD.format(date=date, term=term, n="三", review_title="关于经济形势", review=review,
                       plan_title="关于今后的工作", plan=plan)
    got = _extract(tmp_path, text)
    assert metric in {a.metric for a in got.actuals if a.metric_raw.startswith("工业")}
    assert metric in {t.metric for t in got.targets if t.metric_raw.startswith("工业")}


def test_a_renamed_metric_is_the_later_one_when_the_year_is_unknown():
    from duixian.extract.metrics import of_year
    assert of_year("工业总产值", 1997) == "工业总产值"
    assert of_year("工业总产值", 1998) == of_year("工业总产值", None) == "规模以上工业总产值"
    assert of_year("地区生产总值", 1990) == "地区生产总值"


@pytest.mark.parametrize(("review", "kept"), [
    ("地区生产总值增长7%。主导产业实现产值116.7亿元，同比增长26%。其中，巨力集团实现产值70亿元、纳税2.06亿元，"
     "赛赛尔俊峰公司实现产值7.5亿元、纳税1.04亿元。", {116.7}),
    ("地区生产总值增长7%；东方纸业有限公司完成营业收入12亿元，增长9%；全县上市公司实现营业收入80亿元。", {80}),
    ("地区生产总值增长7%；长城汽车股份有限公司实现产值300亿元，利税20亿元；全县规模以上工业企业实现利税50亿元。", {50}),
])
def test_one_companys_accounts_are_not_the_regions(tmp_path, review, kept):
    """A company named before its output, revenue or tax (巨力集团实现产值, …有限公司完成营业收入) gives its own
    accounts; a class of companies (上市公司, 规模以上工业企业) is still counted as the region's."""
    got = _extract(tmp_path, _report(review))
    values = {a.value for a in got.actuals if a.value is not None}
    assert values == kept


@pytest.mark.parametrize(("review", "want"), [
    ("地区生产总值增长7%；年销售收入过10亿元企业达到5家。", {("年销售收入过10亿元企业", 5)}),
    ("地区生产总值增长7%；规模以上工业企业、销售收入过亿元企业、纳税过千万元企业分别达到92家、22家、9家。",
     {("规模以上工业企业", 92), ("销售收入过亿元企业", 22), ("纳税过千万元企业", 9)}),
    ("地区生产总值增长7%；主营业务收入超百亿元企业达到3家。", {("主营业务收入超百亿元企业", 3)}),
])
def test_an_amount_that_classes_enterprises_is_a_bar_and_the_count_is_the_value(tmp_path, review, want):
    """过10亿元企业, 超百亿元企业: the amount is the bar the enterprises passed; the count is the figure."""
    got = _extract(tmp_path, _report(review))
    assert want <= {(a.metric_raw, a.value) for a in got.actuals}
    assert not any(a.unit and "元" in a.unit for a in got.actuals if "企业" in a.metric_raw)


def test_a_bar_in_a_goal_leaves_the_count_as_the_goal(tmp_path):
    plan = "今年主要预期目标是：地区生产总值增长6%左右，年销售收入过10亿元企业达到5家，超百亿元产业集群达到2个。"
    got = _extract(tmp_path, _report("地区生产总值增长7%。", plan))
    rows = {(t.value, t.unit) for t in got.targets}
    assert {(5, "家"), (2, "个")} <= rows
    assert not any(u and "元" in u for _, u in rows)


@pytest.mark.parametrize("clause", [
    "居民消费价格年均上涨1.9%", "城乡居民收入年均增幅8.2%", "单位生产总值能耗年均降低3.5%",
])
def test_a_yearly_average_of_any_verb_is_not_the_years_rate(tmp_path, clause):
    """年均上涨/年均增幅/年均降低 average a period, as 年均增长 does: not the year's rate."""
    got = _extract(tmp_path, _report(f"地区生产总值增长7%；{clause}。"))
    assert not any(a.quote.endswith(clause[-4:]) for a in got.actuals), [a.quote for a in got.actuals]


@pytest.mark.parametrize("wording", ["一般公共财政预算收入", "全县一般公共财政预算收入", "地方一般公共财政预算收入"])
def test_the_budget_revenue_named_with_both_words_is_the_headline(wording):
    """一般公共财政预算收入 (a county wording of the 2010s, between 公共财政预算收入 and 一般公共预算收入)."""
    from duixian.extract.metrics import canonical
    assert canonical(wording) == "一般公共预算收入"


@pytest.mark.parametrize(("review", "part"), [
    ("全社会固定资产投资完成20.25亿元，增长41.6%，其中城镇固定资产投资15.6亿元，增长47%。", "城镇固定资产投资"),
    ("全年实际利用外资20亿美元，增长10%，其中外商直接投资12.5亿美元，增长51.7%。", "外商直接投资"),
])
def test_a_part_after_qizhong_keeps_its_own_name(tmp_path, review, part):
    """其中… breaks down the figure before it: a part named like the whole (城镇固定资产投资 after 全社会固定资产投资)
    is not a second figure of the whole."""
    got = _extract(tmp_path, _report(review))
    metrics = [a.metric for a in got.actuals]
    assert len(metrics) == len(set(metrics)), metrics
    assert part in metrics


def test_a_part_of_a_goal_after_qizhong_keeps_its_own_name(tmp_path):
    plan = "今年主要预期目标是：地区生产总值增长6%左右，财政收入增长10.1%，其中，地方财政收入增长5.5%，社会消费品零售总额增长13%。"
    got = _extract(tmp_path, _report("地区生产总值增长7%。", plan))
    assert ("地方财政收入", 5.5) in {(t.metric, t.value) for t in got.targets}
    assert [t.metric for t in got.targets].count("财政总收入") == 1
