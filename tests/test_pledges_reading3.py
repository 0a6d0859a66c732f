"""Pledge rules for the genre (several levels, eras and web forms), each with examples that fail without it."""

from __future__ import annotations

from tests.pledge_text import pledges_of as _pledges

from duixian.clean import clean
from duixian.extract import extract
from duixian.ingest import read_raw
from duixian.pipeline import parse_document

HEADER = "示例县2021年政府工作报告\n——2021年1月10日在示例县第十届人民代表大会第五次会议上\n示例县人民政府县长 王某某\n各位代表：\n"




def test_a_numbered_item_with_no_body_is_the_task_itself(tmp_path) -> None:
    # a list of 民生实事 / 重点工作 whose items are one line each: an item without a number is still a pledge
    text = HEADER + ("二、2021年工作安排\n（一）着力办好民生实事\n"
                     "1.新建城区幼儿园3所。\n"
                     "2.完成人民公园、滨河游园提升改造项目建设。\n"
                     "3.启动县人民医院门诊楼建设、县中医院改扩建项目。\n"
                     "4.实施教育扩容工程\n全县新建中小学校舍2万平方米。\n")
    got = _pledges(tmp_path, text)
    assert "完成人民公园、滨河游园提升改造项目建设" in got, got
    assert any(g.startswith("启动县人民医院门诊楼建设") for g in got), got
    # a title over a body of its own stays a title; its body is read
    assert "实施教育扩容工程" not in got, got
    assert "全县新建中小学校舍2万平方米" in got, got
    # a heading over items (（一）…) is no item
    assert not any("办好民生实事" in g for g in got), got


def test_a_bare_item_in_a_provincial_plan_of_another_era(tmp_path) -> None:
    text = ("示例省2008年政府工作报告\n——2008年1月20日在示例省第十一届人民代表大会第一次会议上\n"
            "示例省省长 李某某\n各位代表：\n二、2008年的主要任务\n（一）加快基础设施建设\n"
            "1、建成示例至示范高速公路。\n2、开工建设示例港三期工程。\n")
    got = _pledges(tmp_path, text)
    assert "建成示例至示范高速公路" in got and "开工建设示例港三期工程" in got, got


def test_numbers_inside_the_names_of_a_list_closed_by_deng_xiangmu_do_not_split_it(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n加快示例电厂2×66万千瓦机组、示范化工30万吨烯烃二期等项目建设。"
                     "推动总投资20亿元的示例光伏组件、示范新材等8个项目竣工投产。"
                     "开工建设示例河综合整治三期、示范污水处理厂二期等重点工程。\n")
    got = _pledges(tmp_path, text)
    assert "加快示例电厂2×66万千瓦机组、示范化工30万吨烯烃二期等项目建设" in got, got
    assert "推动总投资20亿元的示例光伏组件、示范新材等8个项目竣工投产" in got, got
    assert "开工建设示例河综合整治三期、示范污水处理厂二期等重点工程" in got, got


def test_a_list_whose_items_end_in_their_own_amounts_stays_split(tmp_path) -> None:
    # the number ends its item: an amount of its own, not part of a name
    text = HEADER + ("二、2021年工作安排\n力争重点项目完成投资53.5亿元、示例高速公路等45个项目竣工投产。"
                     "新建污水管网12公里、示范街等8条背街小巷改造工程。\n")
    got = _pledges(tmp_path, text)
    assert "力争重点项目完成投资53.5亿元" in got and "示例高速公路等45个项目竣工投产" in got, got
    assert "新建污水管网12公里" in got, got


def test_a_place_name_that_starts_with_a_numeral_names_its_object(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n加快推进七星河污水处理厂建设。推进五一路特色商业街区改造。"
                     "实施六盘山景区提升工程。\n")
    got = _pledges(tmp_path, text)
    assert "加快推进七星河污水处理厂建设" in got, got
    assert "推进五一路特色商业街区改造" in got, got
    assert "实施六盘山景区提升工程" in got, got


def test_counts_slogans_and_enumerators_with_a_numeral_are_still_no_name(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n实施三大工程。二是加快工业园区建设。推进“一江一河”工程。"
                     "实施一批重点工程。\n")
    assert _pledges(tmp_path, text) == [], _pledges(tmp_path, text)


def test_the_poor_all_out_of_poverty_is_a_checkable_outcome(tmp_path) -> None:
    # the poverty-era pledge, at county, city and province level
    text = HEADER + ("二、2021年工作安排\n力争全县有劳动能力的贫困户全部脱贫。确保现行标准下农村贫困人口全部脱贫。"
                     "确保建档立卡贫困村全部出列。\n")
    got = _pledges(tmp_path, text)
    assert got == ["力争全县有劳动能力的贫困户全部脱贫", "确保现行标准下农村贫困人口全部脱贫", "确保建档立卡贫困村全部出列"], got


def test_mingnian_in_a_report_delivered_in_december_is_the_plan_year(tmp_path) -> None:
    from duixian.extract import deadlines

    # the year 明年 names is passed in; without it, the year after the plan year
    assert deadlines.resolve("明年上半年建成示例大桥", 2021) == ("2022-06-30", "上半年")
    assert deadlines.resolve("明年上半年建成示例大桥", 2021, 2021) == ("2021-06-30", "上半年")
    december = ("示例县2021年政府工作报告\n——2020年12月28日在示例县第十届人民代表大会第五次会议上\n"
                "示例县人民政府县长 王某某\n各位代表：\n一、2020年工作回顾\n全县地区生产总值增长6.1%。\n"
                "二、2021年工作安排\n明年上半年建成示例大桥。\n")
    p = tmp_path / "d.txt"
    p.write_text(december, encoding="utf-8")
    x = extract(parse_document(clean(read_raw(p))))
    assert x.sd.report.report_year == 2021, x.sd.report
    assert [(q.text, q.deadline) for q in x.pledges] == [("明年上半年建成示例大桥", "2021-06-30")]
    # a report delivered in its plan year: 明年 is the year after
    january = december.replace("2020年12月28日", "2021年1月10日")
    p.write_text(january, encoding="utf-8")
    x = extract(parse_document(clean(read_raw(p))))
    assert [(q.text, q.deadline) for q in x.pledges] == [("明年上半年建成示例大桥", "2022-06-30")]


def test_every_clause_of_a_livelihood_list_item_is_a_promised_deed(tmp_path) -> None:
    text = HEADER + ("二、2021年工作安排\n（五）办好十件民生实事\n"
                     "1.新建城区幼儿园3所，继续做好适龄妇女“两癌”免费筛查工作。\n"
                     "2.推进老年助餐服务。\n"
                     "（六）加强政府自身建设\n"
                     "1.继续做好政务公开工作。\n")
    got = _pledges(tmp_path, text)
    assert "继续做好适龄妇女“两癌”免费筛查工作" in got and "推进老年助餐服务" in got, got
    # outside a 民生实事 list a clause still needs a number, a deadline, an outcome or a named object
    assert "继续做好政务公开工作" not in got, got
