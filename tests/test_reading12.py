"""reading12: years, roles and parts on unseen reports (one shared year word; late-year reports; …)."""

from __future__ import annotations

import re

import pytest

from duixian.extract import deadlines, metrics
from duixian.meta.cues import YEAR_WORD, year_value
from duixian.structure import parts


@pytest.mark.parametrize(
    ("word", "year"),
    [("1954", 1954), ("2024", 2024), ("一九五四", 1954), ("一九八五", 1985), ("二〇二三", 2023), ("二○○五", 2005),
     ("二零一九", 2019)],
)
def test_the_year_word_reads_every_era_s_writing(word: str, year: int) -> None:
    assert re.fullmatch(YEAR_WORD, word)
    assert year_value(word) == year


@pytest.mark.parametrize("word", ["1854", "2150", "一八八○", "二一〇〇", "一二三四"])
def test_the_year_word_is_a_year_of_the_reports_centuries_only(word: str) -> None:
    assert re.fullmatch(YEAR_WORD, word) is None


def test_parts_deadlines_and_metrics_read_years_by_the_one_definition() -> None:
    # one definition: a change to the year word reaches all three readers
    assert YEAR_WORD in parts._YEAR.pattern
    assert deadlines._YEAR_WORD == YEAR_WORD and YEAR_WORD in deadlines.MULTI_YEAR.pattern
    assert YEAR_WORD in deadlines._YEAR_ONTO.pattern and YEAR_WORD in deadlines._YEAR_BEFORE.pattern
    assert metrics._LEADING.pattern.count(YEAR_WORD) == 1 and metrics._TRAILING.pattern.count(YEAR_WORD) == 2


# --- reports delivered late in the year they are filed under --------------------------------------------------


from duixian.model import ReportMeta  # noqa: E402
from duixian.structure.parts import delivered_in_december, plan_year, sentence_scores  # noqa: E402


@pytest.mark.parametrize(
    ("dateline", "date"),
    [
        ("——1981年11月30日和12月1日在第五届全国人民代表大会第四次会议上", "1981-11-30"),
        ("——1981年11月30日至12月1日在第五届全国人民代表大会第四次会议上", "1981-11-30"),
        ("（一九八一年十一月三十日和十二月一日在第五届全国人民代表大会第四次会议上）", "1981-11-30"),
    ],
)
def test_a_delivery_over_two_days_is_dated_by_its_first_day(meta_of, dateline: str, date: str) -> None:
    # the second day, in the next month, is no date of its own (it was read as 12月1日 of the year before)
    m = meta_of(f"政府工作报告\n{dateline}\n各位代表：\n今年以来，国民经济继续好转。明年，要继续调整。\n")
    assert m.date == date
    assert m.report_year == 1981 and m.review_year == 1981  # delivered at the end of 1981: it reviews 1981


def test_a_march_delivery_over_two_days_keeps_its_year(meta_of) -> None:
    m = meta_of("政府工作报告\n——2030年3月5日和6日在第十六届全国人民代表大会第四次会议上\n"
                "一、过去一年工作回顾\n过去一年，国内生产总值增长5%。\n二、今年工作安排\n今年要稳中求进。\n")
    assert (m.date, m.review_year) == ("2030-03-05", 2029)


def test_a_county_report_of_november_reviews_its_own_year(meta_of) -> None:
    m = meta_of(
        "2019年政府工作报告\n——2019年11月26日在平安县第十七届人民代表大会第五次会议上\n县长 李明\n"
        "一、今年以来的工作\n今年以来，全县地区生产总值增长6.5%。\n二、明年的工作\n明年要稳中求进。\n"
    )
    assert (m.date, m.report_year, m.review_year) == ("2019-11-26", 2019, 2019)
    assert plan_year(m) == 2020


def _late(year: int, date: str) -> ReportMeta:
    return ReportMeta(level="nation", report_year=year, review_year=year, date=date)


@pytest.mark.parametrize(
    ("meta", "sentence", "part"),
    [
        # a national report of November: its years, its 今年 and its 明年
        (_late(1982, "1982-11-30"), "一九八三年国民经济和社会发展的年度计划草案已经印发。", "plan"),
        (_late(1982, "1982-11-30"), "一九八二年工农业总产值预计比一九八一年增长百分之八。", "review"),
        (_late(1982, "1982-11-30"), "今年以来，各级政府坚决执行调整方针，取得了显著成效。", "review"),
        (_late(1982, "1982-11-30"), "明年要继续把经济工作的重点放在提高经济效益上。", "plan"),
        # a county report of late November, in digits
        (_late(2019, "2019-11-26"), "2020年全县地区生产总值要增长6%左右。", "plan"),
        (_late(2019, "2019-11-26"), "2019年全县地区生产总值增长6.5%。", "review"),
        # a December report filed under the next year (the corpus's) reads as it did
        (ReportMeta(report_year=2023, review_year=2022, date="2022-12-20"), "2023年要稳中求进。", "plan"),
        (ReportMeta(report_year=2023, review_year=2022, date="2022-12-20"), "今年全区地区生产总值增长5%。", "review"),
    ],
)
def test_late_reports_read_their_review_and_plan_years(meta: ReportMeta, sentence: str, part: str) -> None:
    scores, _ = sentence_scores(sentence, meta, delivered_in_december(meta))
    other = "plan" if part == "review" else "review"
    assert scores[part] > scores[other]


# --- a review chapter's sub-sections review --------------------------------------------------------------------

from duixian.structure.roles import role_for  # noqa: E402


@pytest.mark.parametrize(
    "title",
    [
        "用心用情保障和改善民生，人民生活水平不断提升民心工程民生实事加力增效",  # a city, 2020s
        "便民利民的十件实事全部完成，方便了群众生产生活",  # a district, 2000s
        "政府自身建设取得新成效",  # a banner, 2010s
        "转作风严纪律，政府建设全面加强",
        "就业超过预期目标",  # the nation, 2000s
    ],
)
def test_a_review_chapter_s_sub_section_on_the_plan_s_topics_reviews(title: str) -> None:
    assert role_for(title, "review") == "review"


@pytest.mark.parametrize(
    ("title", "parent", "role"),
    [
        ("2024年十件民生实事", "tasks", "livelihood"),  # in the plan, the same words keep their role
        ("全面加强政府自身建设", None, "self_building"),
        ("今年经济社会发展的主要预期目标", "tasks", "targets"),
        ("存在的困难和问题", "review", "problems"),  # a review's problems stay problems
    ],
)
def test_outside_a_review_the_plan_s_topics_keep_their_roles(title: str, parent: str | None, role: str) -> None:
    assert role_for(title, parent) == role


# --- a sentence that opens on the year under review, inside the plan ---------------------------------------------


@pytest.mark.parametrize(
    ("years", "sentence"),
    [
        ((2002, 2003), "2002年，国际形势继续发生深刻变化，世界多极化趋势进一步发展。"),
        ((2023, 2024), "2023年，全市新增城镇就业5.2万人，建成保障性住房3000套。"),
        ((1958, 1959), "在一九五八年，各级学校的学生人数有了很大的增加。"),
        ((1982, 1983), "一九八二年亏损工业企业的亏损金额达四十二亿元。"),
        ((2005, 2006), "（三）2005年与2000年相比，国内生产总值年均增长9.5%。"),
    ],
)
def test_a_sentence_opening_on_the_year_under_review_outweighs_a_chapter_of_tasks(years: tuple[int, int], sentence: str) -> None:
    # the prior of a tasks chapter is 3.0: the year that opens the sentence is the time of what it says was done
    meta = ReportMeta(review_year=years[0], report_year=years[1])
    scores, found = sentence_scores(sentence, meta)
    assert scores["review"] >= 3.0 and "opens-on-review-year" in found


@pytest.mark.parametrize(
    ("years", "sentence"),
    [
        ((2023, 2024), "2023年以来出台的稳就业政策要继续落实到位。"),  # a span running into the plan
        ((2023, 2024), "2023年到2025年，全市新建保障性住房1万套。"),
        ((1958, 1959), "一九五八年以后兴办的工厂要认真整顿。"),
        ((2023, 2024), "要在2023年的基础上，新增城镇就业5万人。"),  # the year does not open the sentence
        ((2023, 2024), "2023年全市地区生产总值增长5%，2024年预期增长5%左右。"),  # names the plan year too
        ((1981, 1982), "1981年政府工作报告"),  # a title
    ],
)
def test_a_year_that_opens_a_span_a_title_or_a_plan_sentence_is_not_the_time_of_a_deed(years: tuple[int, int], sentence: str) -> None:
    _, found = sentence_scores(sentence, ReportMeta(review_year=years[0], report_year=years[1]))
    assert "opens-on-review-year" not in found


# --- a chapter reviewing the years since the last congress --------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "一、三年来的斗争和新时期的总任务\n从第四届全国人民代表大会以来，我国经历了严峻的考验。去年，国民经济开始好转。\n",
        "一、两年来的工作\n两年来，全县上下团结奋斗。去年，全县地区生产总值增长6%。\n",
    ],
)
def test_a_chapter_reviewing_the_years_since_the_last_congress_gives_the_review_year(meta_of, head: str) -> None:
    m = meta_of(f"政府工作报告\n——1978年2月26日在第五届全国人民代表大会第一次会议上\n{head}二、今年的任务\n今年要加快建设。\n")
    assert (m.report_year, m.review_year) == (1978, 1977)


def test_years_since_inside_a_sentence_give_no_review(meta_of) -> None:
    # a news piece on the plan: 十年来 in a sentence is any span, not a chapter that looks back on the year
    m = meta_of("2036年主要预期目标：地区生产总值增长6%左右。十年来，这一目标首次下调。\n")
    assert m.review_year is None
