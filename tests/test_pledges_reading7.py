"""Pledge rules for the genre (several levels, eras and wordings), each with examples that fail without it."""

from __future__ import annotations

from duixian.clean import clean
from duixian.extract import extract
from duixian.ingest import read_raw
from duixian.pipeline import parse_document

HEADER = "示例县2021年政府工作报告\n——2021年1月10日在示例县第十届人民代表大会第五次会议上\n示例县人民政府县长 王某某\n各位代表：\n"
OLD_HEADER = ("关于一九五六年国民经济计划执行结果和一九五七年国民经济计划草案的报告\n"
              "——一九五七年六月二十六日在第一届全国人民代表大会第四次会议上\n各位代表：\n")


def _pledges(tmp_path, text: str) -> list[str]:
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return [x.text for x in extract(parse_document(clean(read_raw(p)))).pledges]


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
    for header in (HEADER + "二、2021年工作安排\n", OLD_HEADER + "二、一九五七年的计划\n"):
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
