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
