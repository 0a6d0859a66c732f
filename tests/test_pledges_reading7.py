"""Pledge rules for the genre (several levels, eras and wordings), each with examples that fail without it."""

from __future__ import annotations

import pytest
from tests.pledge_text import pledges_of as _pledges

from duixian.clean import clean
from duixian.extract import deadlines, extract
from duixian.ingest import read_raw
from duixian.pipeline import parse_document

HEADER = "示例县2021年政府工作报告\n——2021年1月10日在示例县第十届人民代表大会第五次会议上\n示例县人民政府县长 王某某\n各位代表：\n"
OLD_HEADER = ("关于一九五六年国民经济计划执行结果和一九五七年国民经济计划草案的报告\n"
              "——一九五七年六月二十六日在第一届全国人民代表大会第四次会议上\n各位代表：\n")




def test_how_a_plan_fared_is_a_result_not_a_pledge(tmp_path) -> None:
    # completion ratios, comparisons with the plan that carry their amount, overfulfilment already made and a
    # plan not met: what happened, restated in a plan part (old national reports) or run into it (web copies)
    results = ("全省工业总产值比年度计划增加了2%，生产成本比年度计划多降低了3.1%。"
               "示例厂一九五六年的利润计划是超额完成了，但是所属企业有百分之二十没有完成计划。"
               "两个年度计划都超额完成。"
               "固定资产投资完成年度计划的108%。"
               "1至5月份全县工业总产值计划完成102.6%。"
               "全市基本建设投资额超过原定的年度计划百分之四点一。"
               "施工单位比计划规定的单位数多二十七个。")
    for header in (HEADER + "二、2021年工作安排\n", OLD_HEADER + "二、1957年的计划\n"):
        got = _pledges(tmp_path, header + results + "\n")
        assert got == [], got


def test_a_plan_comparison_that_looks_ahead_stays_a_pledge(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n各项建设的造价应该比原计划至少节约百分之十。"
                     "力争全年完成年度投资计划的110%。争取超额完成全年粮食收购计划5亿斤。"
                     "年度计划完成投资75.5亿元。全市重大项目年度计划完成2241.3亿元。"
                     "工农业总产值2021年比2020年计划增长百分之十五。\n")
    got = _pledges(tmp_path, text)
    assert "各项建设的造价应该比原计划至少节约百分之十" in got, got
    assert "力争全年完成年度投资计划的110%" in got, got
    assert "争取超额完成全年粮食收购计划5亿斤" in got, got
    assert "年度计划完成投资75.5亿元" in got, got
    # an amount the plan is to complete, and 计划 the verb (planned to grow), are the plan itself
    assert "全市重大项目年度计划完成2241.3亿元" in got, got
    assert "工农业总产值2021年比2020年计划增长百分之十五" in got, got


@pytest.mark.parametrize(("clause", "year", "want"), [
    # a past year written onto the time word, in Arabic or Chinese numerals: when something happened
    ("据一九五三年底的统计", 1954, (None, None)),
    ("国家在一九五三年十一月开始实行了计划收购", 1955, (None, None)),
    ("有关部门于2008年底出台的一系列措施", 2010, (None, None)),
    ("2019年10月底前已完成", 2021, (None, None)),
    # a later year in Chinese numerals is that year's, as 2022年底前 is
    ("确保一九八五年前把现有企业认真整顿一遍", 1983, ("1985-12-31", "一九八五年前")),
    ("计划在一九八五年底前建成投产", 1982, ("1985-12-31", "一九八五年底前")),
    ("一九八三年上半年建成", 1983, ("1983-06-30", "上半年")),
    # last year's months and periods
    ("从去年十月开始的磋商中", 1983, (None, None)),
    ("我们在去年第四季度发现的问题", 1985, (None, None)),
    ("去年年底以来几个月的工作", 1987, (None, None)),
    ("国务院在去年10月、11月先后召开会议", 1981, (None, None)),
    # a dated day in Chinese numerals, as 6月30日 is: an event's date
    ("代表团已于今年一月十八日签订协定", 1958, (None, None)),
    ("根据今年七月一日的普查", 1982, (None, None)),
    # around a year is not before it
    ("提前达到了在一九六二年前后达到的目标", 1960, (None, None)),
    # the past date does not hide the deadline after it
    ("按照去年年底出台的办法，今年6月底前完成", 2021, ("2021-06-30", "6月底前")),
])
def test_a_deadline_is_a_time_word_of_the_plan_year_or_later(clause, year, want) -> None:
    assert deadlines.resolve(clause, year) == want


def test_a_goal_up_to_a_year_in_chinese_numerals_is_multi_year() -> None:
    assert deadlines.multi_year("到一九五七年达到三千八百五十六亿斤")
    assert deadlines.multi_year("由一九七八年的百分之三十七下降到1982年的百分之二十五")
    assert not deadlines.multi_year("一九五七年粮食产量达到三千八百亿斤")


def test_past_dates_make_no_pledge_in_an_old_national_report(tmp_path) -> None:
    text = ("政府工作报告\n——一九八三年六月六日在第六届全国人民代表大会第一次会议上\n国务院总理 赵某某\n各位代表：\n"
            "二、1983年的主要任务\n据一九八二年底的统计，各地整顿工作进展较快。从去年十月开始的磋商中，双方交换了意见。"
            "确保一九八五年前把现有企业认真整顿一遍。\n")
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    got = {x.text: x.deadline for x in extract(parse_document(clean(read_raw(p)))).pledges}
    assert got == {"确保一九八五年前把现有企业认真整顿一遍": "1985-12-31"}, got


def test_a_verbless_clause_shares_the_deadline_of_the_dated_clause_before_it(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n年内新型建材企业达到25家，年产值30亿元，利税3.5亿元。"
                     "上半年建成示例物流园一期，仓储面积 5 万平方米。"
                     "年内新增蔬菜大棚2500座，温室320座，封山育林4万亩以上。"
                     # a clause with a verb of its own is a commitment of its own: no deadline of the one before
                     "5月底完成首批108个老旧小区改造任务，启动第二批124个老旧小区改造项目。"
                     "年内培训农民2630人次以上，实现劳动力转移就业400人以上，培养乡土人才100人。"
                     # nor across a sentence
                     "年内引进企业10家。税收5000万元。\n")
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    got = {x.text: x.deadline for x in extract(parse_document(clean(read_raw(p)))).pledges}
    for t in ("年产值30亿元", "利税3.5亿元", "温室320座", "封山育林4万亩以上"):
        assert got.get(t) == "2021-12-31", (t, got)
    assert got.get("仓储面积5万平方米") == "2021-06-30", got
    for t in ("启动第二批124个老旧小区改造项目", "实现劳动力转移就业400人以上", "培养乡土人才100人", "税收5000万元"):
        assert t in got and got[t] is None, (t, got)


def _report(tmp_path, text: str) -> list[str]:
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return [x.text for x in extract(parse_document(clean(read_raw(p)))).pledges]


def test_a_section_on_a_plan_of_several_years_holds_no_pledges_of_the_year(tmp_path) -> None:
    year_plan = "三、2021年重点工作\n（一）抓好项目建设\n年内新建城区幼儿园3所。建成示例大桥。\n"
    for horizon in ("二、“十四五”时期主要目标任务\n力争到2025年，进出口达到1500万美元，工业总产值达到150亿元。"
                    "建成示例高铁站。\n",
                    "二、今后五年的主要任务\n（一）经济建设\n新建高速公路300公里，粮食产量达到50亿斤。\n",
                    "二、第二个五年计划的基本任务\n钢产量达到一千万吨。\n"):
        got = _report(tmp_path, HEADER + horizon + year_plan)
        assert "年内新建城区幼儿园3所" in got and "建成示例大桥" in got, got
        assert not any(("1500万美元" in g or "150亿元" in g or "示例高铁站" in g or "300公里" in g or "50亿斤" in g
                        or "一千万吨" in g) for g in got), got


def test_a_title_with_the_plan_year_or_a_report_that_is_all_horizon_keeps_its_pledges(tmp_path) -> None:
    # a title that names the plan year is that year's plan
    got = _report(tmp_path, HEADER + "二、2021年是“十四五”开局之年\n年内新建城区幼儿园3所。\n")
    assert "年内新建城区幼儿园3所" in got, got
    got = _report(tmp_path, HEADER + "二、做好今年和今后五年工作\n年内新建城区幼儿园3所。\n")
    assert "年内新建城区幼儿园3所" in got, got
    # a report whose plan part is the plan of several years (1983: 今后五年的主要任务) has no year's plan besides
    got = _report(tmp_path, ("政府工作报告\n——1983年6月6日在第六届全国人民代表大会第一次会议上\n各位代表：\n一、过去五年的回顾\n"
                             "五年来粮食产量增长了百分之二十。\n二、今后五年的主要任务\n（一）关于经济建设\n"
                             "今年要新建铁路1000公里。确保一九八五年前把现有企业认真整顿一遍。\n"))
    assert "今年要新建铁路1000公里" in got, got


def test_how_soon_an_object_gets_to_a_stage_is_the_status_of_the_clause_before(tmp_path) -> None:
    got = _report(tmp_path, HEADER + (
        "二、2021年工作安排\n加快示例化工10万吨烯烃二期等项目的推进，确保按期开工建设。"
        "加快示范中学建设，确保按期竣工投入使用。加快推进第三小学、第三幼儿园前期工作，力争早日开工。"
        # a status after a clause with no task word names no object: no pledge
        "倒排工期，确保早日竣工投产。加强协调服务，促其尽快开工。\n"))
    assert "加快示例化工10万吨烯烃二期等项目的推进，确保按期开工建设" in got, got
    assert "加快示范中学建设，确保按期竣工投入使用" in got, got
    assert "加快推进第三小学、第三幼儿园前期工作，力争早日开工" in got, got
    assert not any(g.startswith(("确保", "力争", "促其", "倒排", "加强协调")) for g in got), got


def test_an_occasion_or_a_focus_frames_the_commitment_after_it(tmp_path) -> None:
    got = _report(tmp_path, HEADER + (
        "二、2021年工作安排\n以庆祝建党100周年为契机，建成示例革命纪念馆。"
        "以厕所革命、生活垃圾治理等6项内容为重点，改造农村户厕3000座。"
        "以示例河河道整治及生态修复为重点，实施示范湿地公园工程。以“5+3+N”18组织体系为依托，开展网格化管理。\n"))
    assert "建成示例革命纪念馆" in got and "改造农村户厕3000座" in got, got
    assert not any(g.startswith("以") for g in got), got


def test_an_investment_amount_alone_opens_the_task_after_it(tmp_path) -> None:
    got = _report(tmp_path, HEADER + (
        "二、2021年工作安排\n投资6.6亿元，实施示例山文化旅游景区的基础设施建设。投资1260万元，完成5个村的饮水安全工程。"
        "总投资约3亿元，启动实施示范水厂改扩建工程。\n"))
    assert "投资6.6亿元，实施示例山文化旅游景区的基础设施建设" in got, got
    assert "投资1260万元，完成5个村的饮水安全工程" in got, got
    assert "总投资约3亿元，启动实施示范水厂改扩建工程" in got, got
    assert not any(g.endswith("元") for g in got), got


def test_a_task_only_planned_and_unnumbered_is_no_pledge(tmp_path) -> None:
    got = _report(tmp_path, HEADER + (
        "二、2021年工作安排\n谋划启动城北湿地公园建设。积极谋划示范森林公园建设。谋划实施县医院整体迁建项目。"
        # counted or dated, it stays (谋划建设…等6个项目)
        "谋划建设示例数字产业园等6个项目。年底前谋划启动示范物流园建设。\n"))
    assert "谋划建设示例数字产业园等6个项目" in got, got
    assert "年底前谋划启动示范物流园建设" in got, got
    assert not any(g.startswith(("谋划启动城北", "积极谋划", "谋划实施")) for g in got), got


def test_a_deed_already_done_is_a_result_not_a_pledge(tmp_path) -> None:
    got = _report(tmp_path, HEADER + "二、2021年工作安排\n" + (
        "现在生产资料私有制的社会主义改造已经基本完成。调整国民经济的任务已经胜利地完成了。"
        "全县粮食收购任务已基本完成。目前财政性教育经费支出总额已经超过2万亿元。同我国建交的国家已经达到135个。"
        # 已 naming an object by what was done to it, and a deed still to do, stay
        "推进已完成棚改区域的示例地块土地整理。年内完成示范医院门诊楼建设。\n"))
    assert got == ["推进已完成棚改区域的示例地块土地整理", "年内完成示范医院门诊楼建设"], got


def test_a_means_is_how_work_is_done_not_a_deliverable(tmp_path) -> None:
    got = _report(tmp_path, HEADER + (
        "二、2021年工作安排\n通过兼并、收购、重组、上市等形式，做大做强示例钢铁集团。"
        "采取招商、上市、参股等多种方式，新建示范物流园3个。政府采取投资补助、资本金注入、设立基金等办法，建成示例大桥。\n"))
    assert "新建示范物流园3个" in got and "建成示例大桥" in got, got
    assert not any(g.endswith(("形式", "方式", "办法")) for g in got), got
