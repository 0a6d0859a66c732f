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
