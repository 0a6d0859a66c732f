"""Verdicts of the verdicts6 stop: what one shared word is worth when the review uses it of many things."""

from __future__ import annotations

from tests.pair_heads import HEAD_PLAN, HEAD_REVIEW
from tests.test_track import _x

from duixian.track import track
from duixian.track.names import names, only_in_sum

PLAN_COMMON = HEAD_PLAN + (
    "消除村集体收入5万元以下的薄弱村。出台鼓励消费的政策措施。建设产业转移示范区。"
    "年内基本建成保障房480万套。启动智慧停车示范工程。\n"
)
# 集体, 保障, 政策措施 and 产业 each stand in several clauses of the review, about several things
REVIEW_COMMON = HEAD_REVIEW + (
    "深化农村集体产权制度改革，集体经营性资产股份合作制改革全面完成，集体资产监管平台上线，集体林权制度改革深化。最低生活保障标准提高到每月600元。住房保障体系不断完善，社会保障卡实现全覆盖。"
    "就业保障有力，粮食安全保障能力增强。出台稳定外需的政策措施，落实减税降费政策措施，完善援企稳岗政策措施，"
    "制定人才引进政策措施。新兴产业加快发展，传统产业改造升级，产业链条不断延伸，产业园区提档升级。"
    "基本建成保障性住房511万套。智慧停车示范工程建成投用。\n二、2022年工作安排\n"
)


def test_one_word_the_review_uses_of_many_things_is_no_evidence(tmp_path) -> None:
    """消除村集体收入5万元以下的薄弱村 and 农村集体产权制度改革 share 集体, 鼓励消费的政策措施 and 稳定外需的政策措施 share 政策措施, 产业转移示范区 and
    新兴产业 share 产业: each word stands in many clauses of the review, about many things, and alone says nothing of
    which thing is meant. A close amount of the pledge's unit (保障房480万套 → 保障性住房511万套) and a name the review
    uses once (智慧停车) still bind."""
    tr = track(_x(tmp_path, "plan.txt", PLAN_COMMON), _x(tmp_path, "review.txt", REVIEW_COMMON))
    by = {v.quote: v for v in tr.verdicts if v.kind == "pledge"}
    for words in ("村集体收入", "鼓励消费的政策措施", "产业转移示范区"):
        v = next(v for q, v in by.items() if words in q)
        assert v.status == "not_mentioned", (words, v.status, v.reason)
        assert not any(e.direct for e in v.evidence)
    housing = next(v for q, v in by.items() if "保障房" in q)
    assert housing.status == "exceeded" and "511万套" in housing.evidence[0].quote
    parking = next(v for q, v in by.items() if "智慧停车" in q)
    assert parking.status in ("kept", "exceeded") and "智慧停车" in parking.evidence[0].quote


PLAN_SUM = HEAD_PLAN + (
    "五年内，农业总产值由一百亿元增加到一百二十亿元。畜牧业占农业增加值的比重达到48%。畜牧业产值由三十亿元增加到四十亿元。\n"
)
REVIEW_SUM = HEAD_REVIEW + (
    "全县工农业总产值达到460亿元。蔬菜产业占农林牧渔业增加值的比重达到68.5%。畜牧业产值完成41亿元。\n二、2022年工作安排\n"
)


def test_a_sum_over_sectors_is_not_one_sector_s_figure(tmp_path) -> None:
    """工农业总产值 holds 农业总产值 and 农林牧渔业增加值 holds …业增加值 in its name, but each is a sum over sectors, another
    figure than the one promised: no evidence. A figure named on its own (畜牧业产值) still is."""
    tr = track(_x(tmp_path, "plan.txt", PLAN_SUM), _x(tmp_path, "review.txt", REVIEW_SUM))
    rated = {v.quote: v for v in tr.verdicts}
    for words in ("农业总产值", "农业增加值"):
        v = next(v for q, v in rated.items() if words in q)
        assert v.status in ("not_mentioned", "unverifiable"), (words, v.status, v.reason)
        assert all("工农业" not in e.quote and "农林牧渔业" not in e.quote for e in v.evidence)
    herd = next(v for q, v in rated.items() if "畜牧业产值" in q)
    assert herd.status == "kept" and "41亿元" in herd.evidence[0].quote


def test_the_part_of_a_sum_s_name_is_found_only_when_it_stands_alone() -> None:
    assert only_in_sum("农业总产值由|增加到", "在工农业总产值中") == ("工农业总产值", "农业总产值")
    assert only_in_sum("农业增加值", "农林牧渔业增加值增长5.2%") == ("农林牧渔业增加值", "农业增加值")
    assert only_in_sum("农业总产值", "全年农业总产值增长5%，工农业总产值增长8%") is None  # named alone too
    assert only_in_sum("工农业总产值", "工农业总产值增长8%") is None  # the sum promised
    assert only_in_sum("发展现代农业", "工农业总产值增长") is None  # no three characters shared from inside the sum


PLAN_PARTS = HEAD_PLAN + (
    "加快环城道路和城市路网建设。打造荷花特色商业街区、五一路商业街区。\n"
)
# 城市 stands in many clauses of the review; 荷花 in one
REVIEW_PARTS = HEAD_REVIEW + (
    "三条主干道路建成通车，城市商贸综合体开业运营。城市更新全面推进，城市绿化覆盖率提高，城市管理水平提升。"
    "荷花渡、五一路夜经济街区人气旺盛。\n二、2022年工作安排\n"
)


def test_a_long_part_is_not_named_by_a_first_word_the_review_says_of_many_things(tmp_path) -> None:
    """城市路网 is not named by 城市商贸综合体 when 城市 stands in many clauses of the review; a first word the review
    uses once (荷花 of 荷花特色商业街区 → 荷花渡) still names its part."""
    tr = track(_x(tmp_path, "plan.txt", PLAN_PARTS), _x(tmp_path, "review.txt", REVIEW_PARTS))
    by = {v.quote: v for v in tr.verdicts if v.kind == "pledge"}
    roads = next(v for q, v in by.items() if "城市路网" in q)
    assert roads.status == "not_mentioned", roads.reason  # not partial: 城市路网 named, 环城道路 not
    streets = next(v for q, v in by.items() if "荷花" in q)
    assert streets.status in ("kept", "exceeded") and "荷花渡" in streets.evidence[0].quote


PLAN_ONE_WORD = HEAD_PLAN + (
    "完成五项重点改革任务。全面推进五个新城建设。新建公共停车场20个。\n"
)
REVIEW_ONE_WORD = HEAD_REVIEW + (
    "农村改革深入推进。五个新城建设稳步推进。公共停车场建设有序推进。\n二、2022年工作安排\n"
)


def test_an_amount_promised_is_not_met_by_one_shared_word_and_no_amount(tmp_path) -> None:
    """完成五项重点改革任务 and 农村改革深入推进 share 改革 and nothing else, and the clause gives no amount: no evidence (not
    a partial 'mentioned without a number'). A clause repeating the pledge's count in words (五个新城) or sharing more of
    its name (公共停车场) is still the item's, partial for want of a number."""
    tr = track(_x(tmp_path, "plan.txt", PLAN_ONE_WORD), _x(tmp_path, "review.txt", REVIEW_ONE_WORD))
    by = {v.quote: v for v in tr.verdicts if v.kind == "pledge"}
    reform = next(v for q, v in by.items() if "改革任务" in q)
    assert reform.status == "not_mentioned", reform.reason
    towns = next(v for q, v in by.items() if "新城" in q)
    assert towns.status == "partial" and "五个新城" in towns.evidence[0].quote
    parking = next(v for q, v in by.items() if "停车场" in q)
    assert parking.status == "partial" and "停车场" in parking.evidence[0].quote


PLAN_DOUBTS = HEAD_PLAN + (
    "新建公共停车场20个。推进智慧停车示范工程。城镇新增就业5000人。\n"
)
REVIEW_DOUBTS = HEAD_REVIEW + (
    "公共停车场建设有序推进。智慧停车示范工程加快推进。城镇新增就业5200人。\n二、2022年工作安排\n"
)


def test_a_verdict_says_why_a_reader_may_check_it_first(tmp_path) -> None:
    """Items carry doubts (new keys of the track JSON): an amount promised and none reported (no_amount), a pledge only
    to push work on (vague); a verdict on the promised amount has none. The 成绩单 shows them with the reason."""
    from duixian.contract import track_json
    from duixian.scorecard import render_markdown

    tr = track(_x(tmp_path, "plan.txt", PLAN_DOUBTS), _x(tmp_path, "review.txt", REVIEW_DOUBTS))
    items = {it["quote"]: it for it in track_json(tr)["items"]}
    parking = next(it for q, it in items.items() if "公共停车场" in q)
    assert parking["status"] == "partial" and "no_amount" in parking["doubts"]
    assert parking["doubts_zh"] and all(isinstance(z, str) and z for z in parking["doubts_zh"])
    smart = next(it for q, it in items.items() if "智慧停车" in q)
    assert smart["status"] == "kept" and smart["doubts"] == ["vague"]
    jobs = next(it for q, it in items.items() if "就业" in q)
    assert jobs["status"] in ("kept", "exceeded") and jobs["doubts"] == []
    card = {**track_json(tr), "warnings": []}
    assert "存疑" in render_markdown(card)


def test_a_year_typeset_with_a_white_circle_is_a_time_not_a_name() -> None:
    """一九八○年 (○ for 〇, as some typesetting of the older reports has it) names nothing, as 一九八〇年 does not: a
    clause sharing only its characters (一九八三年) is about something else."""
    assert names("将比一九八○年增长百分之二十二").want == names("将比一九八〇年增长百分之二十二").want
    assert not {"一九", "九八", "八○"} & names("将比一九八○年增长百分之二十二").want
