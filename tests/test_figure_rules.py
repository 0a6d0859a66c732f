"""Genre rules of reading figures (actuals and targets), each on invented reports of several levels and eras."""

from __future__ import annotations

from duixian.clean import clean
from duixian.extract import extract
from duixian.extract.figures import read_clause
from duixian.ingest import read_raw
from duixian.pipeline import parse_document


def _extract(tmp_path, text: str):
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return extract(parse_document(clean(read_raw(p))))


def _report(review: str, plan: str = "今年要稳中求进。", year: int = 2031, place: str = "示例县") -> str:
    return (f"政府工作报告\n——{year}年1月20日在{place}第九届人民代表大会第三次会议上\n各位代表：\n"
            f"一、{year - 1}年工作回顾\n{review}\n二、{year}年工作安排\n{plan}\n")


def test_a_growth_rate_is_a_noun_not_the_verb_growth() -> None:
    # 人口自然增长率8.18‰ names a rate; 增长 inside 增长率 is no verb cutting the name in two
    for clause, name in (("人口自然增长率8.18‰", "人口自然增长率"), ("全县人口自然增长率为5.2‰", "全县人口自然增长率"),
                         ("人口自然增长率控制在6‰以内", "人口自然增长率")):
        fig = read_clause(clause, 0, len(clause))
        assert fig.subject_text(clause) == name, clause
    fig = read_clause("地区生产总值增长7%", 0, 11)
    assert fig.verb == "增长"


def test_a_natural_growth_rate_in_an_indicator_list_is_an_actual(tmp_path) -> None:
    got = _extract(tmp_path, _report("全年地区生产总值增长7.1%；城镇登记失业率3.1%；人口自然增长率6.35‰。"))
    rate = [a for a in got.actuals if a.metric == "人口自然增长率"]
    assert [(a.value, a.unit, a.growth_pct) for a in rate] == [(6.35, "‰", None)]


def test_the_genre_wordings_of_trade_financing_and_electricity_are_indicators() -> None:
    from duixian.extract.metrics import canonical

    assert canonical("全市外贸") == canonical("外贸") == "进出口总额"  # 外贸增长8%: the short form of 外贸进出口
    for wording in ("新增社会融资规模", "全省社会融资规模增量", "社会融资规模"):
        assert canonical(wording) == "社会融资规模", wording
    for wording in ("全社会用电量", "全县用电量", "用电量"):
        assert canonical(wording) == "全社会用电量", wording
    assert canonical("工业用电量") != "全社会用电量"  # one sector's use is another figure


def test_a_time_word_between_the_place_and_the_indicator_keeps_the_indicator() -> None:
    from duixian.extract.metrics import canonical

    # 重庆去年新增社会融资规模, 海南上年地区生产总值: the place and the year it speaks of are not the name
    assert canonical("重庆去年新增社会融资规模") == "社会融资规模"
    assert canonical("海南上年地区生产总值") == "地区生产总值"
    assert canonical("人均地区生产总值") != "地区生产总值"


def test_a_year_between_the_place_and_the_indicator_keeps_the_indicator() -> None:
    from duixian.extract.metrics import canonical

    # 深圳2022年规模以上工业增加值, 株洲2035年地区生产总值: a news piece names the place, then the year
    assert canonical("深圳2022年规模以上工业增加值") == "规模以上工业增加值"
    assert canonical("株洲2035年地区生产总值") == "地区生产总值"
    assert canonical("2025年人均地区生产总值") != "地区生产总值"


def test_financing_and_electricity_figures_of_a_review_are_actuals(tmp_path) -> None:
    got = _extract(tmp_path, _report("初步核算，全年地区生产总值增长6.2%。预计全省去年新增社会融资规模3200亿元，"
                                     "全社会用电量增长7.5%，全县用电量8.9亿千瓦时。", place="示例省"))
    metrics = {(a.metric, a.value, a.growth_pct) for a in got.actuals}
    assert ("社会融资规模", 3200, None) in metrics
    assert ("全社会用电量", None, 7.5) in metrics and ("全社会用电量", 8.9, None) in metrics


def test_du_is_a_kilowatt_hour_only_after_its_scale() -> None:
    from duixian.extract.quantity import quantities_of

    def read(t: str) -> list[tuple[float, str | None]]:
        return [(q.value, q.unit) for q in quantities_of(t, 0, len(t))]

    # the 1950s-80s national reports count electricity in 度 (发电量3，120亿度, 二百二十四亿五千万度); a county saves 万度
    assert read("发电量3，120亿度") == [(3120, "亿度")]
    assert read("全年节电5000万度") == [(5000, "万度")]
    assert read("发电量三千六百二十亿度") == [(3620, "亿度")]
    # without a scale 度 is a degree, an extent or a period
    assert read("经济一度下滑") == [] and read("2020年度") == [] and read("气温45度") == [(45, None)]


def test_a_sentence_opening_on_the_review_year_in_numerals_escapes_the_five_year_filter(tmp_path) -> None:
    # reports into the 1990s write years in numerals: 一九八二年… inside a look back over 1979-82 is the year's own
    review = ("五年来，我们调整了国民经济。工农业总产值平均每年增长百分之七点三。\n"
              "一九八二年全国工农业总产值达到八千二百九十一亿元，比一九七八年增长百分之三十二点六。")
    text = ("各位代表：\n现在，我代表国务院，向第六届全国人民代表大会第一次会议作政府工作报告。\n"
            f"一、过去五年的工作\n{review}\n二、今后五年的任务\n今年要继续调整。\n")
    got = [(a.metric, a.value, a.growth_pct, a.year) for a in _extract(tmp_path, text).actuals]
    assert ("工农业总产值", 8291, None, 1982) in got  # the growth since 一九七八年 spans the period
    assert not any(v is None for _, v, _, _ in got)  # the period's average growth stays out


NEWS = """株洲市政府工作报告提出今年目标
1月12日，株洲市第十五届人民代表大会第三次会议开幕，市长钟鸣远作政府工作报告。
报告指出，2035年株洲地区生产总值预期增长目标5.5%左右。
钟鸣远介绍，株洲要加大投资力度，2035年全市固定资产投资计划增长6%，全年基础设施投资800亿元。
2035年，全市社会消费品零售总额增长7%。
据悉，2035年，力争全市外贸进出口总额增长4%。争取2040年粮食产量达到30亿斤。
"""


def test_a_news_piece_restating_goals_keeps_those_with_the_plan_year_or_a_plan_word(tmp_path) -> None:
    got = {(t.metric, t.value, t.year) for t in _extract(tmp_path, NEWS).targets}
    assert ("地区生产总值", 5.5, 2035) in got  # the inline goal the piece cites
    assert ("固定资产投资", 6, 2035) in got  # 计划增长6%: no qualifier, a plan word
    assert ("社会消费品零售总额", 7, 2035) in got  # the plan year in the sentence
    assert ("进出口总额", 4, 2035) in got
    assert not any(m == "粮食总产量" and y == 2035 for m, _, y in got)  # another year's goal is not this year's


def test_a_clause_naming_only_its_base_is_no_indicator(tmp_path) -> None:
    # 比1954年增长9%, 比上一年增长百分之六点九, 比原计划超过百分之四 opening a sentence name the base of a change, not
    # the indicator that changed
    got = _extract(tmp_path, _report("比2030年增长9%，各项事业都有发展。比上一年增长百分之六点九。比原计划超过百分之四。"
                                     "全年地区生产总值增长7%，比上年增加50亿元。"))
    assert {a.metric for a in got.actuals} == {"地区生产总值"}


def test_a_rate_averaged_over_a_period_is_not_the_years_growth(tmp_path) -> None:
    # 平均每年增长…, 五年平均分别增长…: the level stays the year's, the averaged rate goes
    got = _extract(tmp_path, _report("2030年城镇居民人均可支配收入达到41690元，农村居民人均可支配收入24293元，"
                                     "五年平均分别增长8.8%和9.8%。五年平均增长7.5%。全年粮食产量达到60万吨，"
                                     "平均每年增长2.1%。", place="示例省"))
    rows = {(a.metric, a.value, a.growth_pct) for a in got.actuals}
    assert ("城镇居民人均可支配收入", 41690, None) in rows and ("农村居民人均可支配收入", 24293, None) in rows
    assert ("粮食总产量", 60, None) in rows
    assert not any(g in (8.8, 9.8, 7.5, 2.1) for _, _, g in rows)


def test_a_shorter_alias_fits_where_the_longest_does_not() -> None:
    from duixian.extract.metrics import canonical

    # 全社会消费品零售总额: 全|社会消费品零售总额 has no scope word before it, 全社会|消费品零售总额 has
    assert canonical("全社会消费品零售总额") == "社会消费品零售总额"
    assert canonical("全县社会消费品零售总额") == "社会消费品零售总额"
    assert canonical("限上消费品零售总额") != "社会消费品零售总额"  # a part is not the whole


def test_how_a_rate_was_computed_is_not_the_indicators_name(tmp_path) -> None:
    from duixian.extract.metrics import canonical

    # 可比增长, 扣除物价因素比上年增长, 扣除价格因素增长: the basis of the rate, not a part of the indicator's name
    assert canonical("一般公共预算收入可比") == "一般公共预算收入"
    assert canonical("社会消费品零售总额扣除价格因素") == "社会消费品零售总额"
    assert canonical("全部财政收入按可比口径") == "财政总收入"  # (按可比口径增长10%, with or without 计算)
    got = _extract(tmp_path, _report("财政总收入完成1.95亿元，可比增长17.1%。农村居民人均纯收入达到1220元，"
                                     "扣除物价因素比上年增长百分之五。"))
    rows = {(a.metric, a.value, a.growth_pct) for a in got.actuals}
    assert ("财政总收入", 1.95, 17.1) in rows
    assert ("农村居民人均纯收入", 1220, 5) in rows


def test_regional_and_older_wordings_of_headline_indicators() -> None:
    from duixian.extract.metrics import canonical

    # 规模工业 (Fujian's short form of 规模以上工业), 地方公共财政收入 (the 2007-13 name of the budget revenue),
    # 服务业 alone (服务业增长8%), and imports beside exports
    assert canonical("规模工业增加值") == "规模以上工业增加值"
    assert canonical("全县规模工业总产值") == "规模以上工业总产值"
    assert canonical("地方公共财政收入") == canonical("地方公共财政预算收入") == "一般公共预算收入"
    assert canonical("服务业") == "第三产业增加值"
    assert canonical("进口") == canonical("外贸进口") == "进口总额"
    assert canonical("进口总额") != canonical("出口总额")


def test_deposits_and_loans_given_together_are_two_figures(tmp_path) -> None:
    from duixian.extract.figures import expand_urban_rural

    assert expand_urban_rural("金融机构存贷款余额", 2) == ["金融机构存款余额", "金融机构贷款余额"]
    assert expand_urban_rural("存贷款余额", 1) is None
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。全县金融机构存贷款余额分别达199.5亿元、67.5亿元，"
                                     "同比分别增长15.2%、4%。"))
    rows = {(a.metric, a.value, a.growth_pct) for a in got.actuals}
    assert ("金融机构存款余额", 199.5, 15.2) in rows and ("金融机构贷款余额", 67.5, 4) in rows


def test_older_and_provincial_indicator_names() -> None:
    from duixian.extract.metrics import canonical, is_canonical

    # 全部财政收入 (Hebei's name of the total revenue), 全体居民人均可支配收入, and the goals of the older reports:
    # 农业总产值, 人口自然增长率 (‰)
    assert canonical("全部财政收入") == "财政总收入"
    assert canonical("全体居民人均可支配收入") == "居民人均可支配收入"
    assert is_canonical(canonical("农业总产值")) and is_canonical(canonical("全省人口自然增长率"))
    assert canonical("农业总产值") != canonical("工农业总产值")


def test_a_bound_word_before_the_number_is_no_part_of_the_name() -> None:
    from duixian.extract.metrics import canonical

    # 城镇登记失业率低于4.6%, 城镇新增就业人数不低于900万人, 粮食产量不少于1.3万亿斤: the bound, not the indicator
    assert canonical("城镇登记失业率低于") == "城镇登记失业率"
    assert canonical("城镇新增就业人数不低于") == "城镇新增就业"
    assert canonical("全省粮食产量不少于") == "粮食总产量"
    assert canonical("居民消费价格涨幅不超过") == "居民消费价格"
