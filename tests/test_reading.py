"""The reading pipeline on invented texts: no single decision zeros what comes after it."""

from __future__ import annotations

import pytest

from duixian import lexicon
from duixian.clean import clean
from duixian.extract import extract
from duixian.ingest import read_raw
from duixian.model import ReportMeta
from duixian.pipeline import parse_document
from duixian.structure.parts import CUES, PARTS, sentence_scores


def _x(tmp_path, text: str, name: str = "r.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return extract(parse_document(clean(read_raw(p))))


HEADER = "示例县2021年政府工作报告\n——2021年1月10日在示例县第十届人民代表大会第五次会议上\n示例县人民政府县长 王某某\n各位代表：\n"


def test_salutation_is_not_a_heading_that_swallows_the_report(tmp_path) -> None:
    text = HEADER + (
        "一、2020年工作回顾\n2020年，全县地区生产总值完成120.5亿元，比上年增长6.1%。\n"
        "二、2021年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长7%左右。\n"
    )
    x = _x(tmp_path, text)
    assert [s.title for s in x.sd.sections if s.title.startswith("各位代表")] == []
    assert [(t.metric, t.value) for t in x.targets] == [("地区生产总值", 7)]
    assert [(a.metric, a.growth_pct) for a in x.actuals] == [("地区生产总值", 6.1)]


def test_a_chapter_without_a_role_word_after_the_plan_is_plan(tmp_path) -> None:
    text = HEADER + (
        "一、2020年工作回顾\n全县地区生产总值完成120.5亿元，比上年增长6.1%。\n"
        "二、2021年工作安排\n今年要抓好以下工作。\n"
        "三、继续保持经济平稳较快发展\n年底前建成示例县第二污水处理厂。\n"
    )
    x = _x(tmp_path, text)
    third = next(s for s in x.sd.sections if s.title.startswith("继续保持"))
    assert third.role == "tasks"
    assert any("污水处理厂" in p.text for p in x.pledges)


def test_a_text_without_headings_is_read_sentence_by_sentence(tmp_path) -> None:
    text = ("示例市十届人大三次会议开幕。去年，全市地区生产总值增长5.2%。"
            "今年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，固定资产投资增长8%。")
    x = _x(tmp_path, text)
    assert {(t.metric, t.value) for t in x.targets} == {("地区生产总值", 6), ("固定资产投资", 8)}
    assert [(a.metric, a.growth_pct) for a in x.actuals] == [("地区生产总值", 5.2)]
    assert all(t.basis == "targets list" and t.confidence > 0.9 for t in x.targets)


def test_other_articles_of_a_page_are_not_the_report(tmp_path) -> None:
    text = (
        "示例区召开推进会\n本报讯（记者张某）2月8日，区委召开工作推进会。会议要求，年底前建成示例广场。\n"
        "示例区政府工作报告解读\n□记者李某\n2月2日，示例区第十届人民代表大会第三次会议开幕，区长代表区人民政府作政府工作报告。\n"
        "展望2023年\n年底前建成示例区第一中学新校区。\n"
    )
    x = _x(tmp_path, text)
    texts = [p.text for p in x.pledges]
    assert any("第一中学" in t for t in texts)
    assert not any("示例广场" in t for t in texts)


@pytest.mark.parametrize(
    ("sentence", "metric", "value"),
    [
        ("今年经济增长预期目标为7%左右。", "地区生产总值", 7),
        ("今年的经济增长预期为7%左右。", "地区生产总值", 7),
        ("今年经济增长速度的调控目标定为8%。", "地区生产总值", 8),
        ("今年地区生产总值预期增长目标6%左右。", "地区生产总值", 6),
    ],
)
def test_inline_goals_of_every_era(tmp_path, sentence: str, metric: str, value: float) -> None:
    x = _x(tmp_path, HEADER + "二、2021年工作安排\n" + sentence + "\n")
    got = [(t.metric, t.value, t.target_kind) for t in x.targets]
    assert got == [(metric, value, "growth")], got


NATIONAL = "1990年政府工作报告\n——1990年3月20日在第七届全国人民代表大会第三次会议上\n国务院总理 某某\n"


def test_the_older_national_wording(tmp_path) -> None:
    x = _x(tmp_path, NATIONAL + "二、1990年的工作\n国家计划要求今年的国民生产总值比上年增长百分之五。\n")
    assert [(t.metric, t.value, t.target_kind) for t in x.targets] == [("地区生产总值", 5, "growth")]


def test_range_in_words(tmp_path) -> None:
    x = _x(tmp_path, HEADER + "二、2021年工作安排\n今年经济增长速度的宏观调控目标，定为百分之八至九。\n")
    assert [(t.low, t.high, t.unit) for t in x.targets] == [(8, 9, "%")]


def test_five_year_goals_are_records_of_their_own_horizon(tmp_path) -> None:
    text = HEADER + (
        "二、“十四五”时期主要目标任务\n“十四五”时期的主要目标是：全县生产总值年均增长6%以上。\n"
        "三、2021年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长8%左右。\n"
    )
    x = _x(tmp_path, text)
    assert [(t.value, t.year) for t in x.targets] == [(8, 2021)]
    assert [(t.value, t.year, t.horizon) for t in x.horizon_targets] == [(6, 2025, "“十四五”")]


def test_comments_on_goals_are_not_goals(tmp_path) -> None:
    text = HEADER + "二、2021年工作安排\n与上年确定的预期目标相比，增长目标下调1个百分点，高于预期目标7.5个百分点。\n"
    assert _x(tmp_path, text).targets == ()


def test_another_governments_goal_is_not_the_regions(tmp_path) -> None:
    text = ("示例省2012年政府工作报告\n——2012年1月10日在示例省第五届人民代表大会第五次会议上\n"
            "总理所作的政府工作报告将今年经济增速预期目标定为7.5%，而示例省今年经济增速预期是13%。")
    x = _x(tmp_path, text)
    assert [t.value for t in x.targets] == [13]


def test_every_cue_counts_for_its_part() -> None:
    meta = ReportMeta()
    for part in PARTS:
        for term in lexicon.weighted(CUES, part):
            scores, found = sentence_scores(term, meta)
            assert scores[part] > 0 and term in found, (part, term)


def test_parts_json_explains_each_sentence(tmp_path) -> None:
    from duixian.contract import parse_json

    x = _x(tmp_path, HEADER + "一、2020年工作回顾\n全县地区生产总值比上年增长6.1%。\n")
    parts = parse_json(x.sd, parts=True)["parts"]
    row = next(p for p in parts if "6.1%" in p["text"])
    assert row["part"] == "review" and "section review" in row["why"] and 0.5 <= row["confidence"] <= 1


def test_a_condition_in_the_list_and_the_goals_after_a_stated_one(tmp_path) -> None:
    text = NATIONAL + (
        "二、1990年的工作\n今年主要预期目标是：国内生产总值增长5%左右；国际收支基本平衡。\n"
        "今年广义货币增长目标为17%左右，新增人民币贷款7.5万亿元左右。\n"
    )
    got = {(t.metric_raw, t.value) for t in _x(tmp_path, text).targets}
    assert ("国际收支", None) in got
    assert {("广义货币", 17), ("新增人民币贷款", 7.5)} <= got


def test_rates_spread_over_an_inserted_clause(tmp_path) -> None:
    text = NATIONAL + ("一、1989年工作回顾\n去年城镇居民人均可支配收入9422元，农民人均纯收入2936元，扣除价格因素，"
                       "分别实际增长7.7%和6.8%。\n")
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [("城镇居民人均可支配收入", 9422, 7.7), ("农村居民人均纯收入", 2936, 6.8)]


def test_the_years_own_figures_inside_a_five_year_review(tmp_path) -> None:
    text = HEADER + ("一、过去五年工作回顾\n五年来，全县地区生产总值年均增长8%。\n"
                     "2020年，全县地区生产总值完成120.5亿元，同比增长6.1%。\n二、2021年工作安排\n年底前建成示例公园。\n")
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [("地区生产总值", 120.5, 6.1)]


def test_an_amount_in_words_with_its_scale(tmp_path) -> None:
    text = NATIONAL + "一、1989年工作回顾\n全年国民生产总值一万七千四百亿元，比上年增长5%。\n"
    got = [(a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [(17400, 5)]


def test_every_record_says_how_sure_it_is_and_why(tmp_path) -> None:
    from duixian.contract import extract_json

    text = HEADER + ("一、2020年工作回顾\n预计全年全县地区生产总值完成120.5亿元，比上年增长6.1%。\n"
                     "二、2021年工作安排\n今年主要预期目标是：地区生产总值增长7%左右。年底前建成示例公园。\n")
    obj = extract_json(_x(tmp_path, text))
    for kind in ("targets", "actuals", "pledges", "projects", "glossary"):
        for r in obj[kind]:
            assert 0 < r["confidence"] <= 1 and r["basis"], (kind, r)
    assert [a["estimate"] for a in obj["actuals"]] == [True]
    assert obj["targets"] and obj["actuals"] and obj["pledges"]


def test_budget_and_stretch_wordings(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n今年主要预期目标是：一般公共预算收入按增长5%安排，"
                     "规模以上工业增加值力争8%、确保7%，社会消费品零售总额增长6%～7%。\n")
    got = [(t.metric, t.target_kind, t.value, t.low, t.high) for t in _x(tmp_path, text).targets]
    assert got == [("一般公共预算收入", "growth", 5, None, None), ("规模以上工业增加值", "growth", 8, 7, 8),
                   ("社会消费品零售总额", "growth", 6, 6, 7)]


def test_a_sentence_opening_on_its_indicator(tmp_path) -> None:
    text = HEADER + "一、2020年工作回顾\n地区生产总值上半年由负转正，全年增长3.9%，总量达到2.5万亿元。\n"
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [("地区生产总值", 2.5, 3.9)]


def test_a_sentence_listing_headline_goals_without_a_cue(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n会议提出，全县地区生产总值增长6%，固定资产投资增长6%左右，社会消费品零售总额增长7%左右，"
                     "进出口稳中提质，农村贫困人口全部脱贫，节能减排完成省下达任务。\n")
    got = [t.metric_raw for t in _x(tmp_path, text).targets]
    assert got == ["地区生产总值", "固定资产投资", "社会消费品零售总额", "进出口", "农村贫困人口", "节能减排"], got


def test_directives_premises_purposes_and_aims_are_not_commitments(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n认真落实县委十届三次全会部署。在完成落地总投资98亿元8个项目的基础上，"
                     "年底前建成示例县第三中学。为争创国家级示范县奠定坚实基础。推进房地产市场健康发展。\n")
    texts = [p.text for p in _x(tmp_path, text).pledges]
    assert texts == ["年底前建成示例县第三中学"], texts


def test_a_targets_list_in_a_section_read_as_problems(tmp_path) -> None:
    text = HEADER + ("一、2020年工作回顾\n全县地区生产总值增长6%。\n同时要看到\n困难和问题仍然不少。"
                     "今年经济社会发展的主要预期目标是：地区生产总值增长7.5%左右。\n")
    assert [(t.metric, t.value, t.year) for t in _x(tmp_path, text).targets] == [("地区生产总值", 7.5, 2021)]


def test_the_last_time_named_before_a_goal_wins(tmp_path) -> None:
    text = HEADER + "二、2021年工作安排\n根据“十四五”规划纲要提出的目标任务，今年，地区生产总值增长9%，固定资产投资增长10%。\n"
    x = _x(tmp_path, text)
    assert [(t.metric, t.value, t.year) for t in x.targets] == [("地区生产总值", 9, 2021), ("固定资产投资", 10, 2021)]
    assert x.horizon_targets == ()


def test_a_paragraph_opening_on_last_year_and_a_note_mark_in_a_name(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n过去一年，我们的各项工作取得了很大成绩。全县地方生产总值[1]增长6.3%，城镇新增就业3000人。\n"
                     "今年，主要预期目标是：地区生产总值增长7%左右。\n")
    x = _x(tmp_path, text)
    assert [(a.metric, a.growth_pct) for a in x.actuals if a.growth_pct] == [("地区生产总值", 6.3)]
    assert [(t.metric, t.value) for t in x.targets] == [("地区生产总值", 7)]


def test_a_list_of_rates_for_as_many_figures_of_the_run(tmp_path) -> None:
    text = NATIONAL + ("一、1989年工作回顾\n城镇新增就业1113万人；城镇居民人均可支配收入15781元，农民人均纯收入4761元，"
                       "实际增长8.4%和8%。\n")
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert ("城镇居民人均可支配收入", 15781, 8.4) in got and ("农村居民人均纯收入", 4761, 8) in got, got


def test_a_span_of_months_is_neither_a_count_nor_the_years_figure(tmp_path) -> None:
    text = HEADER + "一、2020年工作回顾\n固定资产投资增长3.9%，基础设施投资8个月单月增长10%以上。\n"
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [("固定资产投资", None, 3.9)], got


def test_a_subjectless_clause_takes_the_indicator_the_clause_before_named(tmp_path) -> None:
    # news summaries and older reports name the indicator in one clause and give its figure in the next
    text = HEADER + ("一、2020年工作回顾\n据统计，2020年，全县地区生产总值增速保持在合理区间，初步预计全年增长6.3%。"
                     "粮食生产再获丰收，全年达到120万吨。"
                     "全县财政收入稳步增长，预算外资金由347亿元增加到1670亿元，增长381%。"
                     "始终与广大市场主体同行，1600余名干部驻企服务。\n")
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [("地区生产总值", None, 6.3), ("粮食总产量", 120, None)], got


def test_a_level_stated_with_zai(tmp_path) -> None:
    text = HEADER + ("一、2020年工作回顾\n城镇新增就业3000人，城镇调查失业率在5%左右。\n"
                     "二、2021年工作安排\n今年主要预期目标是：城镇登记失业率在4.5%以内，居民消费价格涨幅在3%左右。"
                     "把增长预期目标定在7.5%左右，是考虑了需要和可能。\n")
    x = _x(tmp_path, text)
    assert [(a.metric, a.value) for a in x.actuals] == [("城镇新增就业", 3000), ("城镇调查失业率", 5)]
    assert [(t.metric, t.value) for t in x.targets] == [("城镇登记失业率", 4.5), ("居民消费价格", 3)]


def test_poverty_incidence_and_visitors_received_are_indicators(tmp_path) -> None:
    text = HEADER + "一、2020年工作回顾\n全县贫困发生率降至0.12%。全年接待国内外游客突破370万人次。\n"
    got = [(a.metric, a.value) for a in _x(tmp_path, text).actuals]
    assert got == [("贫困发生率", 0.12), ("接待游客", 370)], got


def test_the_change_on_last_year_joins_the_amount_it_qualifies(tmp_path) -> None:
    text = NATIONAL + ("二、1990年的工作\n今年中央财政拟安排农业投入716亿元，比上年增加120亿元，增长20%。"
                       "拟发行长期建设国债600亿元，比去年减少200亿元。\n")
    # the quote runs on to the change; the commitment's text and quantities are the amount's
    got = [(p.text, p.quote, [(q.value, q.unit) for q in p.quantities]) for p in _x(tmp_path, text).pledges]
    assert got == [("今年中央财政拟安排农业投入716亿元", "今年中央财政拟安排农业投入716亿元，比上年增加120亿元，增长20%",
                    [(716, "亿元")]),
                   ("拟发行长期建设国债600亿元", "拟发行长期建设国债600亿元，比去年减少200亿元", [(600, "亿元")])], got
    county = HEADER + "二、2021年工作安排\n全年实施县级重点项目50个，年度计划投资30亿元，同比增长12%。\n"
    got = [(p.text, p.quote) for p in _x(tmp_path, county).pledges]
    assert got == [("全年实施县级重点项目50个", "全年实施县级重点项目50个"),
                   ("年度计划投资30亿元", "年度计划投资30亿元，同比增长12%")], got


def test_a_second_stage_with_its_own_time_word_is_a_pledge_of_its_own(tmp_path) -> None:
    # the gold convention: each stage is checked against its own date; a stage without one of its own stays
    # the deadline of the clause before
    text = HEADER + ("二、2021年工作安排\n加快示范县第三中学建设，10月底完成主体工程，年底前投入使用。"
                     "新建污水处理厂1座，确保6月底前投产运营。力争3月份开工，三季度建成通车。\n")
    got = [(p.text, p.deadline) for p in _x(tmp_path, text).pledges]
    assert ("年底前投入使用", "2021-12-31") in got, got
    assert ("新建污水处理厂1座，确保6月底前投产运营", "2021-06-30") in got, got
    assert ("三季度建成通车", "2021-09-30") in got, got


def test_a_headline_stating_a_figure_is_no_section_over_the_article(tmp_path) -> None:
    text = ("示例市2021年预期目标GDP增长6%以上\n新华社示例1月13日电 示例市第六届人民代表大会第一次会议13日开幕，"
            "市长作政府工作报告时说，2021年主要预期目标是，地区生产总值增长6%以上。\n"
            "报告指出，过去一年，全市有力应对各种冲击。预计全年地区生产总值增长2%左右。\n")
    x = _x(tmp_path, text)
    assert [s.role for s in x.sd.sections if s.role == "targets"] == []
    assert [(a.metric, a.growth_pct) for a in x.actuals] == [("地区生产总值", 2)]
    assert [(t.metric, t.value) for t in x.targets] == [("地区生产总值", 6)]


def test_tax_relief_and_industrial_investment_are_statistics(tmp_path) -> None:
    text = HEADER + ("一、2020年工作回顾\n出台助企纾困措施，减税缓税降费共计28.9亿元，工业投资增长33%。"
                     "全年减税降费6.4亿元。工业固定资产投资完成93.1亿元，同比增长74.5%。\n")
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [("减税缓税降费", 28.9, None), ("工业投资", None, 33), ("减税降费", 6.4, None),
                   ("工业投资", 93.1, 74.5)], got


def test_national_macro_goals_stated_in_their_policys_paragraph(tmp_path) -> None:
    plan = ("二、1990年的工作\n今年经济社会发展的主要预期目标是：国内生产总值增长8%左右，居民消费价格涨幅4%左右。\n"
            "实施适度宽松的货币政策。保证货币信贷总量满足经济发展需求，广义货币增长17%左右，新增贷款5万亿元以上。"
            "今年要抓紧粮食生产，力争粮食产量达到4550亿公斤以上。进出口总额达到2800多亿美元，增长18.6%。\n")
    got = [(t.metric, t.value) for t in _x(tmp_path, NATIONAL + plan).targets]
    assert got == [("地区生产总值", 8), ("居民消费价格", 4), ("广义货币", 17), ("新增人民币贷款", 5),
                   ("粮食总产量", 4550)], got
    # a county's plan chapters restate goals and set its departments' own: the list alone holds its targets
    county = HEADER.replace("2021", "1990") + plan.replace("国内生产总值", "地区生产总值")
    got = [(t.metric, t.value) for t in _x(tmp_path, county).targets]
    assert got == [("地区生产总值", 8), ("居民消费价格", 4)], got


def test_a_sentence_turning_to_last_year_inside_the_years_work(tmp_path) -> None:
    work = ("1990年，是“八五”开局之年，做好今年的工作至关重要。过去一年，我们的各项工作取得了很大成绩。"
            "国内生产总值增长10.3%，城镇新增就业1168万人。这为做好今年的工作打下了良好基础。\n"
            "今年，要保持经济平稳较快发展。\n")
    x = _x(tmp_path, NATIONAL + "二、1990年的工作\n" + work)
    assert [(a.metric, a.value, a.growth_pct) for a in x.actuals] == [("地区生产总值", None, 10.3), ("城镇新增就业", 1168, None)]
    assert not [p for p in x.pledges if "10.3" in p.text]
    # after a five-year review: the look back is over once the report turns to the plan
    five = "一、过去五年的回顾\n五年来，国内生产总值年均增长9.5%，财政收入年均增长15%。\n"
    x = _x(tmp_path, NATIONAL + five + "二、1990年的工作\n" + work)
    assert [(a.metric, a.growth_pct) for a in x.actuals] == [("地区生产总值", 10.3), ("城镇新增就业", None)]


def test_a_rate_over_several_years_is_not_the_figures_growth(tmp_path) -> None:
    text = HEADER.replace("2021", "2011") + ("一、2010年工作回顾\n城镇居民人均可支配收入预计达17172元，农村居民人均纯收入预计达6668元，"
                                             "分别比2005年增长97%和67%。财政收入由7680万元增加到16080万元，年均增长7.5%。"
                                             "固定资产投资完成90亿元，比2009年增长12%。\n")
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [("城镇居民人均可支配收入", 17172, None), ("农村居民人均纯收入", 6668, None),
                   ("财政总收入", 16080, None), ("固定资产投资", 90, 12)], got


def test_a_bare_change_names_nothing_and_the_budgets_spending_on_a_field(tmp_path) -> None:
    text = NATIONAL + ("一、1989年工作回顾\n粮食总产量在上年大幅度增长的基础上，又增产1454万吨，达到48401万吨。"
                       "全年中央财政用于“三农”的支出共2626亿元，增长22.5%。中央财政用于这些方面的支出987亿元。\n")
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [("粮食总产量", 48401, None), ("中央财政用于“三农”的支出", 2626, 22.5)], got


def test_a_price_rise_named_as_its_rate_is_the_rates_level(tmp_path) -> None:
    text = HEADER + "一、2020年工作回顾\n居民消费价格涨幅3.3%，城镇登记失业率1.32%。居民消费价格总水平上涨1.8%。\n"
    got = [(a.metric, a.value, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got == [("居民消费价格", 3.3, None), ("城镇登记失业率", 1.32, None), ("居民消费价格", None, 1.8)], got


def test_a_list_of_rates_cut_by_a_comma_after_fenbie(tmp_path) -> None:
    # doc previews and NFKC pages print the list's 、 as a comma: the next clause gives the rest of the rates
    text = HEADER + "一、2020年工作回顾\n货物贸易、服务贸易分别增长15.3%,29.6%,进出口总额增长5%。城乡居民收入分别增长6%。\n"
    got = [(a.metric, a.growth_pct) for a in _x(tmp_path, text).actuals]
    assert got[:3] == [("货物贸易", 15.3), ("服务贸易", 29.6), ("进出口总额", 5)], got


def test_a_rank_of_several_indicators_is_no_indicator(tmp_path) -> None:
    text = HEADER + ("一、2020年工作回顾\n多项指标总量位居全市第一，公共安全指数位居全省第34位。"
                     "金融机构各项存款余额795亿元，各项贷款余额573亿元。\n")
    got = [(a.metric_raw, a.value, a.rank) for a in _x(tmp_path, text).actuals]
    assert got == [("公共安全指数", None, "全省第34位"), ("金融机构各项存款余额", 795, None), ("各项贷款余额", 573, None)], got


def test_the_whole_year_under_review_inside_a_plan_stretch(tmp_path) -> None:
    # a news piece on the plan restates last year's total: 2020年全年 / 2020年底 mark a year that is over
    text = HEADER + ("市长作政府工作报告，回顾2020年工作，部署今年任务。会议提出，今年地区生产总值增长6%左右。这个目标高于全省。\n"
                     "示例县2020年全年地区生产总值307亿元，规模以上工业总产值居全市首位。发展离不开制造业的支撑。"
                     "今年的政府工作报告提出，2021年规模以上工业增加值增长5%。\n")
    x = _x(tmp_path, text)
    assert [(a.metric, a.value) for a in x.actuals][:1] == [("地区生产总值", 307)], x.actuals


def test_a_rank_of_another_indicator_is_not_the_figures_before(tmp_path) -> None:
    text = HEADER + ("一、2020年工作回顾\n全县地区生产总值307亿元，规模以上工业总产值居全市首位。"
                     "固定资产投资完成96.1亿元，增长10.9%，位居全市第1位。\n")
    got = [(a.metric, a.value, a.rank) for a in _x(tmp_path, text).actuals]
    assert got == [("地区生产总值", 307, None), ("规模以上工业总产值", None, "全市首位"),
                   ("固定资产投资", 96.1, "全市第1位")], got


def test_a_news_piece_without_a_list_gives_every_headline_goal_it_qualifies(tmp_path) -> None:
    text = ("示例县县长作政府工作报告。报告指出，2021年全县地区生产总值预期增长目标6%左右。\n"
            "示例县将全力推动重大工业项目落地，新增国家高新技术企业500家，全年工业投资增长12%以上。\n")
    got = [(t.metric, t.value) for t in _x(tmp_path, HEADER + text).targets]
    assert got == [("地区生产总值", 6), ("工业投资", 12)], got


def test_the_years_completed_investment_of_a_project_list(tmp_path) -> None:
    text = HEADER + ("一、2020年工作回顾\n南环路小学改扩建等11个项目建成投用，东环路南延等41个项目开工在建，年度完成投资65.9亿元。"
                     "示例大桥项目完成投资3亿元。\n")
    got = [(a.metric_raw, a.value) for a in _x(tmp_path, text).actuals]
    assert got == [("年度完成投资", 65.9)], got


@pytest.mark.parametrize(
    ("goal", "metric_raw"),
    [
        # how the goal is to move sits between the indicator and its verb: the manner is no part of its name
        ("社会消费品零售总额稳定增长", "社会消费品零售总额"),
        ("城乡居民收入平稳增长", "城乡居民收入"),
        ("一般公共预算收入稳步提高", "一般公共预算收入"),
        # a headline indicator that is to hold and edge up is a goal in words (kind other)
        ("固定资产投资稳中有升", "固定资产投资"),
        ("地方财政收入稳中有进", "地方财政收入"),
        ("进出口保持稳定", "进出口"),
    ],
)
def test_a_goal_in_words_names_its_indicator_without_its_manner(tmp_path, goal: str, metric_raw: str) -> None:
    text = HEADER + f"二、2021年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长7%左右，{goal}，城镇登记失业率控制在4.5%以内。\n"
    got = [(t.metric_raw, t.target_kind, t.value) for t in _x(tmp_path, text).targets]
    assert (metric_raw, "other", None) in got
    assert len(got) == 3


def test_a_state_word_outside_a_goals_list_is_no_target(tmp_path) -> None:
    # 稳中有进 in a review or a principle sentence is a description, not a goal
    text = HEADER + "一、2020年工作回顾\n全县经济运行稳中有进，固定资产投资稳中有升。\n二、2021年工作安排\n要坚持稳中求进，推动经济稳中有进。\n"
    assert _x(tmp_path, text).targets == ()


@pytest.mark.parametrize(
    "comparison",
    ["比二〇一九年的七百零四亿元增长百分之六十六", "较二零一九年的704亿元增长66%", "比一九五二年的704亿元增长66%",
     "较一九八〇年的七百零四亿元增长百分之六十六"],
)
def test_a_base_year_in_numerals_compares_like_one_in_digits(tmp_path, comparison: str) -> None:
    # the amount of the base year is no figure of the year under review; on the year before, the clause is the
    # figure's own growth and joins it
    text = HEADER + f"一、2020年工作回顾\n全年工业总产值达到一千一百七十亿元，{comparison}。\n二、2021年工作安排\n推进老旧小区改造。\n"
    got = [(a.metric_raw, a.value, a.quote) for a in _x(tmp_path, text).actuals]
    assert [(m, v) for m, v, _ in got] == [("工业总产值", 1170)]
    on_the_year_before = comparison[1] == "二"
    assert (comparison in got[0][2]) == on_the_year_before


@pytest.mark.parametrize("clause", ["单位生产总值能耗比2015年下降18%", "工业总产值比一九五二年增长百分之五十三点七"])
def test_a_figure_whose_only_rate_spans_several_years_is_no_actual(tmp_path, clause: str) -> None:
    # the rate over a plan period is not the year's growth, and without it the clause reports nothing
    text = HEADER + f"一、2020年工作回顾\n{clause}。全年地区生产总值完成120.5亿元。\n二、2021年工作安排\n推进老旧小区改造。\n"
    assert [a.metric for a in _x(tmp_path, text).actuals] == ["地区生产总值"]


@pytest.mark.parametrize("gap", ["\u2003\u2003", "\u2002", "\u2009 ", "&emsp;&emsp;"])
def test_headings_run_into_one_line_after_em_spaces_are_found(tmp_path, gap: str) -> None:
    """A scraped page that joined its paragraphs into one line, indenting each with em or en spaces (or
    &emsp;), still has its chapters: those spaces are spaces, so a heading after a sentence end is found."""
    body = (
        f"示例市市长 王某某 各位代表：{gap}现在，我代表市人民政府向大会报告工作。{gap}一、2020年工作回顾{gap}"
        f"过去一年，全市地区生产总值增长4.1%，城镇调查失业率4.5%。{gap}二、2021年主要任务{gap}"
        f"今年主要预期目标是：地区生产总值增长6%以上。年底前建成示例市第二污水处理厂。"
    )
    x = _x(tmp_path, body + ("</p>" if "&" in gap else ""), "r.html" if "&" in gap else "r.txt")
    roles = [s.role for s in x.sd.sections]
    assert "review" in roles and any(r in roles for r in ("tasks", "targets")), roles
    assert [(a.metric, a.growth_pct) for a in x.actuals if a.metric == "地区生产总值"] == [("地区生产总值", 4.1)]
    assert [(t.metric, t.value) for t in x.targets] == [("地区生产总值", 6)]
