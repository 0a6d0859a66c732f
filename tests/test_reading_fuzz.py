"""Any mix of the genre's pieces reads without an error and keeps every record grounded.

The pieces are what real reports are made of — headings of every rank, salutations, datelines,
figures with growth, goals with qualifiers, five-year horizons, enumerations, 分别 lists, news leads,
page furniture, stray punctuation — shuffled and cut at random, so that no rule can assume its
neighbour came first.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duixian.clean import clean
from duixian.contract import extract_json
from duixian.extract import extract
from duixian.ingest import read_raw
from duixian.pipeline import parse_document

PIECES = [
    "示例县2021年政府工作报告\n", "——2021年1月10日在示例县第十届人民代表大会第五次会议上\n", "各位代表：\n",
    "一、2020年工作回顾\n", "二、2021年工作安排\n", "三、继续保持经济平稳较快发展\n", "（一）着力扩大有效投资\n",
    "1.新建城区学校3所，新增学位4500个。\n", "过去一年，", "今年，", "预计全年", "同时要看到\n",
    "全县地区生产总值完成120.5亿元，比上年增长6.1%", "主要预期目标是：", "地区生产总值增长7%左右",
    "固定资产投资增长6%—6.5%", "规模以上工业增加值力争8%、确保7%", "城乡居民人均可支配收入分别增长7%和8%",
    "“十四五”时期", "年均增长6%以上", "百分之八至九", "国际收支基本平衡", "进出口稳中提质",
    "城镇居民人均可支配收入9422元，农民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8%",
    "本报讯（记者张某）", "新华社北京3月5日电", "— 3 —\n", "［10］", "[1]", "。", "，", "；", "：", "、", "\n",
    "年底前建成示例公园", "投资1.3亿元实施自来水管网改造工程", "8个月单月增长10%以上", "名词解释\n",
    "“三链融合”：产业链、创新链、人才链深度融合。", "各位代表！\n", "2×35万千瓦热电联产", "一万七千四百亿元",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.integers(min_value=0, max_value=30))
def test_any_mix_of_the_genre_reads_and_stays_grounded(tmp_path, pieces: list[str], cut: int) -> None:
    text = "".join(pieces)
    text = text[cut:] if cut < len(text) else text  # a text cut anywhere, as the web serves excerpts
    if not text.strip():
        return
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    try:
        raw = read_raw(p)
    except Exception as exc:  # an input error is a coded error, never a crash
        assert getattr(exc, "code", None), exc
        return
    x = extract(parse_document(clean(raw)))  # check_grounding runs inside for every record
    obj = extract_json(x)
    assert [sp.start for sp in x.sd.parts] == sorted(sp.start for sp in x.sd.parts)
    for kind in ("targets", "horizon_targets", "actuals", "pledges", "projects", "glossary"):
        for r in obj[kind]:
            s, e = r["span"]
            assert x.sd.text[s:e] == r["quote"]
            assert 0 < r["confidence"] <= 1
