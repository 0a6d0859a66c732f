"""Reading rules of reading13 (targets and actuals), each on invented reports of several levels and eras."""

from __future__ import annotations

from duixian.clean import clean
from duixian.extract import extract
from duixian.ingest import read_raw
from duixian.pipeline import parse_document


def _extract(tmp_path, text: str):
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return extract(parse_document(clean(read_raw(p))))


def _report(review: str, plan: str = "今年要稳中求进。", year: int = 2031, place: str = "示例县",
            heading: str | None = None) -> str:
    heading = heading or f"一、{year - 1}年工作回顾"
    return (f"政府工作报告\n——{year}年1月20日在{place}第九届人民代表大会第三次会议上\n各位代表：\n"
            f"{heading}\n{review}\n二、{year}年工作安排\n{plan}\n")


def _values(got, metric: str) -> list[tuple]:
    return [(a.value, a.unit, a.growth_pct) for a in got.actuals if a.metric == metric]


def test_a_total_summed_over_a_period_is_not_the_years_level(tmp_path) -> None:
    # 五年累计 / 三年来共 / 五年间合计: a sum over several years, wherever it stands, next to the year's own figures
    for review, metric, summed in (
        ("全年地区生产总值增长7.1%，五年累计完成固定资产投资1200亿元。", "固定资产投资", 1200.0),
        ("一年来，全市地区生产总值增长6.5%；三年来共新增城镇就业3.2万人。", "城镇新增就业", 3.2),
        ("全省地区生产总值增长8%，进出口总额五年间合计达到3500亿美元。", "进出口总额", 3500.0),
    ):
        got = _extract(tmp_path, _report(review))
        assert _values(got, "地区生产总值"), review  # the year's own figure stays
        assert all(v != summed for v, _, _ in _values(got, metric)), review


def test_a_cumulative_figure_of_a_look_back_over_the_term_is_not_the_years(tmp_path) -> None:
    # 过去的五年 / 这五年 open a look back over the term: its 累计 figures sum the period, its end levels are the year's
    for opener, year, place in (("过去的五年，是我省发展极不平凡的五年。", 2008, "示例省"),
                                ("这五年，我国经济实力显著增强。", 1998, "中华人民共和国"),
                                ("过去的五年，全县上下团结奋进。", 2022, "示例县")):
        review = (f"{opener}全社会固定资产投资累计完成2.2万亿元，进出口总额累计超过1万亿美元，"
                  "金融机构存款余额由1.2万亿元增加到4.6万亿元。\n"
                  f"刚刚过去的{year - 1}年，地区生产总值增长9.5%。")
        got = _extract(tmp_path, _report(review, year=year, place=place, heading="一、过去五年的工作"))
        assert not [a for a in got.actuals if "累计" in a.quote], opener
        assert (4.6, "万亿元", None) in _values(got, "金融机构存款余额"), opener
        assert _values(got, "地区生产总值") == [(None, None, 9.5)], opener


def test_a_qualified_indicator_is_another_indicator() -> None:
    from duixian.extract.metrics import canonical

    # 地方/城镇/中央/民间 before an indicator name a part of it (the local budget's share, the urban projects):
    # another statistic, which reports give beside the whole (财政总收入29亿元…地方财政总收入16亿元)
    for wording, whole in (("地方财政总收入", "财政总收入"), ("地方固定资产投资", "固定资产投资"),
                           ("城镇固定资产投资", "固定资产投资"), ("中央财政收入", "财政总收入"),
                           ("地方财政收入", "财政总收入"), ("农村固定资产投资", "固定资产投资")):
        assert canonical(wording) != whole, wording
    # …while a scope word of the whole region, or the budget wording every era used, keeps the indicator
    for wording, metric in (("全社会固定资产投资", "固定资产投资"), ("全县固定资产投资", "固定资产投资"),
                            ("地方一般预算收入", "一般公共预算收入"), ("全市财政总收入", "财政总收入"),
                            ("全省地方一般公共预算收入", "一般公共预算收入")):
        assert canonical(wording) == metric, wording


def test_the_whole_and_its_qualified_part_are_two_records(tmp_path) -> None:
    for review, year in (("财政总收入完成29亿元，同比增长67.3%；地方财政总收入完成16亿元，同比增长23.2%。", 2013),
                         ("全社会固定资产投资完成52亿元，增长30%，其中城镇固定资产投资37亿元。", 2010),
                         ("固定资产投资完成20.3亿元，增长21%；地方固定资产投资15.6亿元，增长47%。", 2005)):
        got = _extract(tmp_path, _report(review, year=year))
        metrics = [a.metric for a in got.actuals]
        assert len(metrics) == 2 and len(set(metrics)) == 2, (review, metrics)


def test_a_comparison_base_is_not_part_of_an_indicators_name(tmp_path) -> None:
    from duixian.extract.metrics import clean_phrase

    for wording, name in (("浅层地下水位较去年", "浅层地下水位"), ("粮食产量比去年", "粮食产量"),
                          ("全县财政收入较去年", "财政收入")):
        assert clean_phrase(wording) == name, wording
    # …and a rate against last year after a figure is that figure's growth (二〇〇二年 and 2030 wordings)
    for review, year in (("全县地区生产总值完成85亿元，比去年增长7.5%。", 2031),
                         ("全省粮食总产量达到500亿斤，较去年增长3.2%。", 2003)):
        got = _extract(tmp_path, _report(review, year=year))
        assert [(a.value, a.growth_pct) for a in got.actuals] == [(got.actuals[0].value, got.actuals[0].growth_pct)]
        assert got.actuals[0].growth_pct in (7.5, 3.2) and got.actuals[0].value in (85.0, 500.0), review


def test_a_change_by_an_amount_after_a_goal_is_no_goal_of_its_own(tmp_path) -> None:
    # 粮食产量达到41250万吨，比上年增加505万吨 (1990), 补助资金83亿元，比去年增加36亿元 (2004), a county's 同比增加:
    # the goal is the level; the amount is how far it rises. A rate against the base (同比增长8%) stays a goal.
    for plan, year, level in (
        ("今年的主要预期目标是：地区生产总值增长6%，粮食产量达到41250万吨，比上年增加505万吨。", 1990, 41250.0),
        ("今年的主要预期目标是：地区生产总值增长8%，再就业补助资金83亿元，比去年增加36亿元。", 2004, 83.0),
        ("今年的主要预期目标是：地区生产总值增长7%，新增市场主体3000户，同比增加500户。", 2031, 3000.0),
    ):
        got = _extract(tmp_path, _report("去年地区生产总值增长6%。", plan=plan, year=year))
        values = sorted(t.value for t in got.targets if t.value is not None)
        assert level in values and len(values) == 2, (plan, values)
    got = _extract(tmp_path, _report("去年地区生产总值增长6%。",
                                     plan="今年的主要预期目标是：财政总收入达到20亿元，同比增长8%。"))
    assert sorted(t.value for t in got.targets) == [8.0, 20.0]


def test_a_goal_compared_with_last_years_goal_is_a_comment(tmp_path) -> None:
    for plan in ("城镇新增就业1100万人以上，城镇新增就业预期目标比去年多100万人，突出了更加重视就业的导向。",
                 "今年经济增长预期目标为7%左右，预期目标较上年低0.5个百分点，符合实际。"):
        got = _extract(tmp_path, _report("去年地区生产总值增长6%。", plan=plan, year=2017, place="示例省"))
        assert all("比" not in t.metric and "较" not in t.metric for t in got.targets), plan
        assert all(t.value not in (100.0, 0.5) for t in got.targets), plan


def test_a_subscript_on_a_line_of_its_own_stays_in_the_name(tmp_path) -> None:
    # a web page sets the 2 of M2, SO2, CO2 on a line of its own: it is part of the indicator, not a page number
    for lines, joined in ((["今年广义货币M", "2", "预期增长12%左右。"], "广义货币M2预期增长12%左右"),
                          (["二氧化硫SO", "2", "排放量下降3%。"], "二氧化硫SO2排放量下降3%"),
                          (["单位生产总值CO", "2", "排放下降4%。"], "CO2排放下降4%")):
        p = tmp_path / "r.txt"
        p.write_text("政府工作报告\n" + "\n".join(lines) + "\n", encoding="utf-8")
        assert joined in clean(read_raw(p)).text.replace("\n", ""), lines
    # a page number after a line of Chinese text still goes
    p = tmp_path / "r.txt"
    p.write_text("政府工作报告\n今年地区生产总值增长6%左右，\n\n2\n\n固定资产投资增长8%。\n", encoding="utf-8")
    assert "\n2\n" not in clean(read_raw(p)).text


def test_a_money_supply_goal_split_over_lines_is_read_whole(tmp_path) -> None:
    got = _extract(tmp_path, _report("去年国内生产总值增长6.7%。", year=2017, place="中华人民共和国",
                                     plan="今年的主要预期目标是：国内生产总值增长6.5%左右。今年广义货币M\n2\n"
                                          "和社会融资规模余额预期增长均为12%左右。"))
    assert "广义货币" in [t.metric for t in got.targets]


def test_a_level_set_against_the_periods_first_year_is_the_years_own(tmp_path) -> None:
    # in a look back over five years (过去五年…, 五年来…), a level followed by 是/为 2016年的N倍 is where the period
    # ended: the review year's level; a sum or an average of the period still is not
    for opener, year, review in (
        ("过去五年，是全区发展极不平凡的五年。", 2022,
         "财政总收入、地方财政收入分别达到32.77亿元和13.02亿元，是2016年的1.14、1.18倍。"),
        ("五年来，全县经济总量快速增长。", 2011, "全社会固定资产投资完成56.5亿元，为2005年的2.1倍。"),
        ("过去五年，我市综合实力显著增强。", 2016, "社会消费品零售总额达到228亿元，是2010年的1.6倍。"),
    ):
        text = f"{opener}{review}五年累计完成招商引资300亿元，地区生产总值年均增长8.5%。\n一年来，各项工作稳步推进。"
        got = _extract(tmp_path, _report(text, year=year, heading="一、过去五年工作回顾"))
        values = {a.value for a in got.actuals}
        assert values & {32.77, 13.02, 56.5, 228.0}, (review, values)
        assert 300.0 not in values and all(a.growth_pct != 8.5 for a in got.actuals), review


def test_the_circumstances_of_a_figure_are_not_part_of_its_indicator(tmp_path) -> None:
    from duixian.extract.metrics import canonical

    for wording, metric in (("地方一般公共预算收入在更大规模减税降费的情况下", "一般公共预算收入"),
                            ("粮食产量在严重干旱的条件下", "粮食总产量"),
                            ("规模以上工业增加值在疫情冲击下", "规模以上工业增加值"),
                            ("全县财政收入在国家减税降费背景下", "财政总收入")):
        assert canonical(wording) == metric, wording
    got = _extract(tmp_path, _report("全市地区生产总值增长1.7%，地方一般公共预算收入在更大规模减税降费的情况下下降1.7%。",
                                     year=2021, place="示例市"))
    assert ("一般公共预算收入", -1.7) in [(a.metric, a.growth_pct) for a in got.actuals]


def test_a_number_in_quotes_is_a_name_not_a_figure(tmp_path) -> None:
    # policy packages and campaigns named by a number (利用外资“24条”, 「双15」行动, "3个100"工程) count nothing
    for review in ("全市地区生产总值增长1.7%；制定实施扩大投资“20条”、稳定外贸“11条”、利用外资“24条”等政策。",
                   "全县地区生产总值增长6%，出台支持民营经济发展“30条”，实施招商引资「双15」行动。",
                   "全区地区生产总值增长5.5%；推进固定资产投资\"3个100\"工程。"):
        got = _extract(tmp_path, _report(review))
        assert [a.metric for a in got.actuals] == ["地区生产总值"], review


def test_a_label_in_quotes_inside_a_name_keeps_its_marks(tmp_path) -> None:
    from duixian.extract.metrics import clean_phrase

    for wording, name in (("“专精特新”企业", "“专精特新”企业"), ("新增“五上”企业", "新增“五上”企业"),
                          ("“三农”", "三农"), ("“地区生产总值”", "地区生产总值")):
        assert clean_phrase(wording) == name, wording
    for review in ("全区地区生产总值增长3%；新增高新技术企业5家、科技型中小企业47家、“专精特新”企业20家。",
                   "全县地区生产总值增长6%；新增省级单项冠军企业4家、“专精特新”中小企业13家。"):
        got = _extract(tmp_path, _report(review))
        names = [a.metric_raw for a in got.actuals if "专精特新" in a.metric_raw]
        assert len(names) == 1 and names[0].count("“") == names[0].count("”") == 1, (review, names)


def test_a_manner_word_before_a_goals_verb_is_not_its_name(tmp_path) -> None:
    for plan, name in (("今年的主要预期目标是：地区生产总值增长6%左右，国际收支状况进一步改善。", "国际收支状况"),
                       ("今年的主要预期目标是：全市生产总值增长5%左右，单位生产总值能耗逐步下降。", "单位生产总值能耗")):
        got = _extract(tmp_path, _report("去年地区生产总值增长6%。", plan=plan))
        assert name in [t.metric_raw for t in got.targets], (plan, [t.metric_raw for t in got.targets])


def test_the_inner_mongolian_wording_of_rural_income_is_the_indicator() -> None:
    from duixian.extract.metrics import canonical

    for wording in ("农村牧区常住居民人均可支配收入", "全区农牧民人均可支配收入"):
        assert canonical(wording) == "农村居民人均可支配收入", wording


def test_one_rate_for_several_joined_indicators_is_each_ones(tmp_path) -> None:
    # 均 before the verb: A和B均削减5.5% (2009), 城镇和农村居民…均增长8% (the paired shorthand), A、B和C均…
    for review, expected in (
        ("全省地区生产总值增长10%，二氧化硫排放量和化学需氧量均削减5.5%。", {"二氧化硫排放量": -5.5, "化学需氧量": -5.5}),
        ("全县地区生产总值增长7%，城镇和农村居民人均可支配收入均增长8%。",
         {"城镇居民人均可支配收入": 8.0, "农村居民人均可支配收入": 8.0}),
        ("全市地区生产总值增长6%，化学需氧量、二氧化硫和氨氮排放量均下降1.5%。",
         {"化学需氧量": -1.5, "二氧化硫": -1.5, "氨氮排放量": -1.5}),
    ):
        got = _extract(tmp_path, _report(review))
        rates = {a.metric: a.growth_pct for a in got.actuals if a.metric != "地区生产总值"}
        assert rates == expected, (review, rates)


def test_a_sentence_that_opens_on_a_span_of_years_gives_the_spans_figures(tmp_path) -> None:
    # 近三年累计，… (2009), 五年来，… (2008), 三年间，… : the sentence's figures are the span's, unless dated to the year
    for sentence, year in (("近三年累计，单位地区生产总值能耗下降10.08%，固定资产投资完成3200亿元。", 2009),
                           ("五年来，全省财政用于“三农”的支出1242.5亿元，城镇新增就业200万人。", 2008),
                           ("三年间，社会消费品零售总额增长45%，2030年达到860亿元。", 2031)):
        review = f"全县地区生产总值增长7.1%。{sentence}"
        got = _extract(tmp_path, _report(review, year=year))
        kept = [(a.metric, a.value, a.growth_pct) for a in got.actuals if a.metric != "地区生产总值"]
        assert all(v not in (3200.0, 1242.5, 200.0) and g not in (-10.08, 45.0) for _, v, g in kept), (sentence, kept)
    got = _extract(tmp_path, _report("全县地区生产总值增长7.1%。三年间，社会消费品零售总额增长45%，2030年达到860亿元。"))
    assert (860.0, None) in [(a.value, a.growth_pct) for a in got.actuals]  # the dated level is the year's


def test_a_rate_against_a_plan_period_is_not_the_years(tmp_path) -> None:
    from duixian.extract.metrics import clean_phrase

    assert clean_phrase("出口总值比“八五”") == "出口总值"
    assert clean_phrase("单位生产总值能源消耗比“十五”末") == "单位生产总值能源消耗"
    assert clean_phrase("工业总产值比一九五七年") == "工业总产值"  # a year in numerals is still a year
    for review, year in (("全省地区生产总值增长9.5%，出口总值比“八五”增长49.6%。", 2001),
                         ("全县地区生产总值增长8%，财政收入比十一五期间增长62%。", 2016)):
        got = _extract(tmp_path, _report(review, year=year))
        assert [a.growth_pct for a in got.actuals] == [got.actuals[0].growth_pct], review
        assert got.actuals[0].metric == "地区生产总值", review


def test_a_conjunction_that_singles_a_figure_out_is_not_its_name(tmp_path) -> None:
    from duixian.extract.metrics import canonical

    for wording, metric in (("特别是财政收入", "财政总收入"), ("尤其是规模以上工业增加值", "规模以上工业增加值"),
                            ("特别是一般公共预算收入", "一般公共预算收入")):
        assert canonical(wording) == metric, wording
    got = _extract(tmp_path, _report("全区地区生产总值增长6%。特别是一般公共预算收入完成8.3亿元，税收占比达到63.2%。"))
    assert (8.3, "一般公共预算收入") in [(a.value, a.metric) for a in got.actuals]


def test_a_report_delivered_late_in_its_year_plans_the_next(tmp_path) -> None:
    # the national reports of 30 November 1981 and 1982 review their own year and plan the next: their goals are
    # the next year's; a report given in December and filed under the year it plans, or one given in March, keeps
    # its report year
    def goals(dateline: str, heading: str, plan_head: str) -> set:
        text = (f"政府工作报告\n——{dateline}在第五届全国人民代表大会第四次会议上\n国务院总理\n各位代表：\n{heading}\n"
                "今年以来，国民经济继续调整，工农业总产值比去年增长百分之三。\n"
                f"{plan_head}\n主要指标是：工农业总产值增长百分之四，粮食总产量达到33000万吨。\n")
        return {t.year for t in _extract(tmp_path, text).targets}

    assert goals("1981年11月30日", "一、今年的经济形势", "二、明年的经济计划") == {1982}
    assert goals("1982年11月30日", "一、今年的经济形势", "二、明年的经济计划") == {1983}
    assert goals("2018年1月10日", "一、2017年工作回顾", "二、2018年工作安排") == {2018}
    p = tmp_path / "dec.txt"
    p.write_text("政府工作报告\n——2017年12月28日在示例县第十七届人民代表大会第二次会议上\n各位代表：\n"
                 "一、2017年工作回顾\n全县地区生产总值增长7%。\n二、2018年工作安排\n"
                 "2018年的主要预期目标是：地区生产总值增长8%左右。\n", encoding="utf-8")
    got = extract(parse_document(clean(read_raw(p))))
    assert {t.year for t in got.targets} == {2018}
