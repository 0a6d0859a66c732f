"""Pledge rules for old and unseen reports (several levels, eras and wordings), each with examples that fail without it."""

from __future__ import annotations

import pytest
from tests.pledge_text import pledges_of as _pledges

from duixian.extract import deadlines

HEADER = "示例县2021年政府工作报告\n——2021年1月10日在示例县第十届人民代表大会第五次会议上\n示例县人民政府县长 王某某\n各位代表：\n"
OLD_HEADER = ("关于一九五六年国民经济计划执行结果和一九五七年国民经济计划草案的报告\n"
              "——一九五七年六月二十六日在第一届全国人民代表大会第四次会议上\n各位代表：\n")
PLAN = "二、2021年工作安排\n"
OLD_PLAN = "二、一九五七年的计划\n"




def test_a_multiple_of_a_base_is_a_comparison_not_an_amount(tmp_path) -> None:
    # 等于/相当于 another year's or place's amount times N: the ratio of a result, nothing to deliver
    comparisons = ("钢产量将等于一九四九年的十三点七倍。"
                   "今年的粮食产量可以等于一九五二年的一点五倍。"
                   "新建住宅面积大体相当于解放前全市全部房屋面积的六倍。"
                   "全县财政收入相当于2010年的2.5倍。")
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + comparisons + "今年新建化肥厂三座，粮食产量比上年增长两倍。\n")
        assert not any("倍" in g and ("等于" in g or "相当于" in g) for g in got), got
        # a count and a growth on last year beside them stay
        assert "今年新建化肥厂三座" in got and any("增长两倍" in g for g in got), got


def test_an_estimate_is_no_pledge(tmp_path) -> None:
    estimates = ("农业生产合作社在今年八月已经发展到十万个，预计明年春耕时将达五十万个以上，参加的农户将达一千万户以上。"
                 "今年的亏损额预计达四十多亿元。一九五八年的社会购买力估算为四百九十四亿元左右。"
                 "示例物流园项目建成后，预计年产值10亿元。农民的收入估计将增加一百三十亿元左右。")
    goals = ("粮食产量比一九八○年预计增加一千万吨。工业总产值由今年预计的44%提高到45%。"
             "预计全年地区生产总值增长6%，力争新建公园3个。"
             # estimating or forecasting as the task itself
             "要正确估计农民的实际承受能力，取消不切实际的达标活动。搞好经济发展预测和重大项目建设。")
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + estimates + goals + "\n")
        for word in ("五十万个", "一千万户", "四十多亿元", "四百九十四亿元", "年产值10亿元", "一百三十亿元"):
            assert not any(word in g for g in got), (word, got)
    # the plan's figure against an estimated base, and a commitment after an estimate, stay
    got = _pledges(tmp_path, HEADER + PLAN + estimates + goals + "\n")
    for word in ("一千万吨", "45%", "新建公园3个", "达标活动", "重大项目建设"):
        assert any(word in g for g in got), (word, got)


def test_a_number_after_a_demonstrative_is_a_reference_not_a_count(tmp_path) -> None:
    references = ("为了确保这两项，要调整投资结构。在这一百一十九个项目中，电站有一百个。"
                  "使国民经济中这两个最薄弱的部门得到改善。按照上述五项原则处理对外关系。")
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + references + "\n")
        for word in ("这两项", "这一百一十九个", "这两个", "上述五项"):
            assert not any(word in g for g in got), (word, got)
        # a count of its own beside a reference stays
        assert any("电站有一百个" in g for g in got), got


def test_a_numbered_slogan_of_the_old_reports_is_no_count(tmp_path) -> None:
    slogans = ("我们要在本世纪内实现四个现代化。认真进行坚持四项基本原则的正面教育。利用外资必须把握三条原则。"
               "当前需要注意处理好四个问题。我们遵循关于三个世界的论断。")
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + slogans + "今年新建化肥厂三座，解决三万户群众饮水问题。\n")
        for word in ("四个现代化", "四项基本原则", "三条原则", "四个问题", "三个世界"):
            assert not any(word in g for g in got), (word, got)
        assert "今年新建化肥厂三座" in got and any("三万户" in g for g in got), got


@pytest.mark.parametrize(("clause", "want"), [
    # horizons of several years in Chinese numerals or vague: no deadline of the plan year
    ("工资制度在过去几年内有了一些改进", True),
    ("争取在几年内使全国工资制度达到基本统一", True),
    ("棉花的亩产量在十二年内分别达到四十斤", True),
    ("这是当前以至今后若干年内缓和燃料供应紧张的途径", True),
    ("在一两年内完成", True),
    ("在五十年内不予改变", True),
    ("在本世纪最后二十年内", True),
    ("二〇二二年内完成", False),
    # a year in numerals is that year, and one year is the plan year's
    ("一九六五年内完成第三期工程", False),
    ("都必须在今后一年内扭亏为盈", False),
])
def test_several_years_in_chinese_numerals_or_vague_are_multi_year(clause: str, want: bool) -> None:
    assert deadlines.multi_year(clause) is want


def test_a_vague_horizon_of_years_makes_no_pledge(tmp_path) -> None:
    text = OLD_HEADER + OLD_PLAN + "我国的科学事业在过去几年内都有了不小的发展。争取在几年内使工资制度达到基本统一。今年上半年建成示例水库。\n"
    got = _pledges(tmp_path, text)
    assert got == ["今年上半年建成示例水库"], got


def test_a_clause_of_time_or_cause_is_no_pledge(tmp_path) -> None:
    text = ("示例物流园项目建成后，可新增就业岗位500个。这些建设任务完成以后，运煤能力将大大提高。"
            "由于这些工厂的建设完工，冶金工业新增生产能力。因为示例大桥通车，两岸交通更加便利。"
            "随着示例高铁站的建成投用，客流将大幅增加。中华人民共和国成立以后，人民当家作主。"
            "年底前示例大桥建成通车。")
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + text + "\n")
        for word in ("建成后", "完成以后", "由于", "因为", "随着", "成立以后"):
            assert not any(word in g for g in got), (word, got)
        assert any("年底前示例大桥建成通车" in g for g in got), got


def test_a_deed_in_the_completed_aspect_is_a_result(tmp_path) -> None:
    done = "先后完成了全国大陆的统一。即用四个月的时间超额完成了全年度的任务。城区建成了9个示例防疫站。"
    ahead = "明年要把建成了的示例水库管好。深入了解群众需求，新建示例公园3个。"
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + done + "\n")
        for word in ("全国大陆的统一", "全年度的任务", "示例防疫站"):
            assert not any(word in g for g in got), (word, got)
        # a word that looks ahead, and 了解, keep the clause a pledge
        got = _pledges(tmp_path, header + ahead + "\n")
        assert any("示例水库" in g for g in got) and any("新建示例公园3个" in g for g in got), got


def test_a_scope_clause_is_no_pledge(tmp_path) -> None:
    text = ("在工业建设项目中，属于地方的要加快建设。在上海、天津、广州等八个重要城市中，推行示例制度。"
            "在引进和消化技术、改造老企业等方面，要迈出新步子。在城市更新行动中，改造老旧小区120个。")
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + text + "\n")
        assert not any(g.startswith("在") and g.endswith(("中", "方面")) for g in got), got
        assert any("改造老旧小区120个" in g for g in got), got


def test_a_clause_that_is_only_a_time_is_no_pledge(tmp_path) -> None:
    text = ("今年上半年，示例地区遭受洪灾。一九五七年六月，国务院召开会议。在这一年内，各地要加紧准备。"
            "截至今年1月底，已有三个省完成改革。"
            "今年6月底前，完成示例大桥主体工程。")
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + text + "\n")
        for word in ("今年上半年", "一九五七年六月", "在这一年内", "今年6月底前", "截至今年1月底"):
            assert word not in got, (word, got)
        assert any("示例大桥主体工程" in g for g in got), got


def test_a_list_of_objects_after_dui_joins_the_commitment_after_it(tmp_path) -> None:
    text = ("对示例电厂、金源10万吨锌等前期项目，完善各种手续，争取早日开工建设；"
            "对东湖产业园、绿色建筑产业园等续建项目，提供全方位服务，确保投产达效。"
            "对城南污水处理厂等3个工程，加快进度，年底前全部建成。"
            "对标先进地区，新建示例公园3个。")
    got = _pledges(tmp_path, HEADER + PLAN + text + "\n")
    assert "对示例电厂、金源10万吨锌等前期项目，完善各种手续，争取早日开工建设" in got, got
    assert "对东湖产业园、绿色建筑产业园等续建项目，提供全方位服务，确保投产达效" in got, got
    assert "对城南污水处理厂等3个工程，加快进度，年底前全部建成" in got, got
    # 对标 is no list of objects
    assert "新建示例公园3个" in got, got


def test_an_enumerator_is_no_part_of_the_pledge(tmp_path) -> None:
    text = ("一是启动示例县城镇居民医疗保险试点。二是取消或停征涉企行政事业性收费35项。"
            "三是狠抓项目建设。四是抓实重点工作。五是实施示例行政中心东移工程。")
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + text + "\n")
        assert "启动示例县城镇居民医疗保险试点" in got and "取消或停征涉企行政事业性收费35项" in got, got
        assert "实施示例行政中心东移工程" in got, got
        assert not any(g[:1] in "一二三四五" and g[1:2] == "是" for g in got), got
        # a process word and a kind of work are no named object once the enumerator is gone
        assert not any("狠抓项目建设" in g or "抓实重点工作" in g for g in got), got


def test_a_bare_number_that_names_ranks_or_dates_is_no_count(tmp_path) -> None:
    text = ("依托12345政务服务便民热线。优化12319城市管理服务热线。积极对接全国500强。"
            "把握中俄建交70周年重要机遇。引进世界500强企业3家。建成5G基站300个。")
    got = _pledges(tmp_path, HEADER + PLAN + text + "\n")
    for word in ("12345", "12319", "全国500强", "70周年"):
        assert not any(word in g for g in got), (word, got)
    assert "引进世界500强企业3家" in got and "建成5G基站300个" in got, got


def test_what_the_country_or_region_has_is_a_fact_not_a_pledge(tmp_path) -> None:
    text = ("我国有十亿人口，八亿在农村。我国有13亿人口、9亿劳动力资源。现在全国有100多个城市建立了最低生活保障制度。"
            "全县有50个村要完成改造。")
    for header in (OLD_HEADER + OLD_PLAN, HEADER + PLAN):
        got = _pledges(tmp_path, header + text + "\n")
        for word in ("十亿人口", "13亿人口", "100多个城市"):
            assert not any(word in g for g in got), (word, got)
        assert any("50个村要完成改造" in g for g in got), got
