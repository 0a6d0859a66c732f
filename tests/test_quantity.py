"""The quantity grammar on the genre's number forms (written for the grammar, not for a document)."""

from __future__ import annotations

import re

import pytest

from duixian.extract.deadlines import resolve
from duixian.extract.metrics import canonical, canonical_names
from duixian.extract.quantity import find_quantities, find_rank


def one(text: str):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert text[q.start : q.end]  # the span is inside the text
    return q


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("增长7%左右", 7, "%", "左右"),
        ("完成 317.2 亿元", 317.2, "亿元", None),
        ("投资20余亿元的", 20, "亿元", "以上"),
        ("投入近 500 万元", 500, "万元", "左右"),
        ("突破10亿元", 10, "亿元", "以上"),
        ("粮食总产量达到1.67亿斤以上", 1.67, "亿斤", "以上"),
        ("新建两所幼儿园", 2, "所", None),
        ("二十三个村", 23, "个", None),
        ("利用外资 5678 万美元", 5678, "万美元", None),
        ("高于全市 12.3 个百分点", 12.3, "个百分点", None),
        ("改造墙体 76 万㎡", 76, "万㎡", None),
        ("不低于 10%", 10, "%", "以上"),
        ("控制在4.5%\n以内", 4.5, "%", "以内"),
        # spaces between a number and its bound words (the reader looks past them before its searches)
        ("约\u30003万元", 3, "万元", "左右"),
        ("增长5%\u3000以内", 5, "%", "以内"),
        ("超过\n 12个", 12, "个", "以上"),
    ],
)
def test_quantity_forms(text: str, value, unit, qualifier) -> None:
    q = one(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        # amounts in words, as national reports wrote them into the 1990s: the sections after 亿/万 belong to
        # the amount, which is held in its highest scale word like the same amount in digits
        ("财政收入六百八十八亿三千万元，", 688.3, "亿元", None),
        ("基本建设投资一亿五千万元", 1.5, "亿元", None),
        ("耕地十六亿九千二百四十五万亩", 16.9245, "亿亩", None),
        ("原煤四亿零七百多万吨", 4.07, "亿吨", "多"),
        ("拨款三千二百万元", 3200, "万元", None),
        ("奖励十二万五千元", 125000, "元", None),
        ("补助两千零五十元", 2050, "元", None),
        ("国内生产总值一万七千四百亿元", 17400, "亿元", None),
        ("发电装机八十万千瓦", 80, "万千瓦", None),
        ("财政支出一百二十亿零五百万元", 120.05, "亿元", None),
    ],
)
def test_sectioned_amounts_in_words(text: str, value, unit, approx) -> None:
    q = one(text)
    assert (q.value, q.unit, q.approx) == (value, unit, approx)
    assert q.chinese and q.num_start == next(i for i, c in enumerate(text) if c in "一二两三四五六七八九十")


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        # 余/多 after the scale word qualifies the amount as 余/多 before it does (300多万人)
        ("新增城镇就业1万余人，", 1, "万人", "余"),
        ("民营企业达到1.1万余家", 1.1, "万家", "余"),
        ("扭亏为盈3亿多元。", 3, "亿元", "多"),
        ("培训农民三万多人次", 3, "万人次", "多"),
        ("对5万余亩林木进行防治", 5, "万亩", "余"),
    ],
)
def test_an_approximation_after_the_scale_word(text: str, value, unit, approx) -> None:
    q = one(text)
    assert (q.value, q.unit, q.approx, q.qualifier) == (value, unit, approx, "以上")


def test_an_approximation_after_the_scale_word_needs_a_unit() -> None:
    q = find_quantities("受理诉求1万多，办结率98%")[0]
    assert (q.value, q.unit, q.approx) == (1, "万", None)


def test_ranges_keep_both_bounds() -> None:
    q = one("6%\u3000—\u30006.5%")
    assert (q.low, q.high, q.unit) == (6, 6.5, "%")
    q = one("增长6%—6.5%")
    assert (q.low, q.high, q.unit) == (6, 6.5, "%")
    q = one("引进1-2家金融机构")
    assert (q.low, q.high, q.unit) == (1, 2, "家")


@pytest.mark.parametrize("text", ["一般公共预算", "2023 年全区", "10 月底完成", "第三季度", "位居全市第 1 位", "PM2.5浓度", "3#厂房", "统一部署", "三级财政", "二类物资"])
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_rank_phrases() -> None:
    for text, want in [("位居全市第 1 位", "全市第1位"), ("增速全市第一", "全市第一"), ("转诊率降至13%，全市最低", "全市最低")]:
        assert find_rank(text, 0, len(text))[0] == want


@pytest.mark.parametrize("text", ["公共安全指数提升", "进入全省第一方阵", "全年完成第三产业增加值", "全市第一批试点", "走在全国前列"])
def test_not_ranks(text: str) -> None:
    assert find_rank(text, 0, len(text)) is None


def test_metric_table_has_thirty_canonical_names_and_aliases() -> None:
    assert len(canonical_names()) >= 30
    assert canonical("经济增长") == "地区生产总值"
    assert canonical("规上工业增加值") == "规模以上工业增加值"
    assert canonical("全区固定资产投资") == "固定资产投资"
    assert canonical("重点项目完成投资") == "重点项目完成投资"  # a generic word does not become a headline metric


@pytest.mark.parametrize(
    ("clause", "want"),
    [
        ("10 月底完成主体工程", "2020-10-31"),
        ("年底前投入使用", "2020-12-31"),
        ("年内建成", "2020-12-31"),
        ("上半年投入使用", "2020-06-30"),
        ("确保一季度开工", "2020-03-31"),
        ("力争第三季度开工建设", "2020-09-30"),
        ("2月底前完成", "2020-02-29"),
        ("全年完成培训1万人次", None),
        ("两年内建成", None),
    ],
)
def test_deadlines_resolve_against_the_plan_year(clause: str, want) -> None:
    assert resolve(clause, 2020)[0] == want


@pytest.mark.parametrize(
    ("clause", "want"),
    [
        ("2022年底前建成区体育馆", ("2022-12-31", "2022年底前")),  # the year written onto 年底, not the plan year
        ("力争2021年年底前投入使用", ("2021-12-31", "2021年年底前")),
        ("2020年底前完成改造", ("2020-12-31", "2020年底前")),
        ("2021 年内建成", ("2021-12-31", "2021 年内")),
        ("按照2018年底出台的办法，年底前完成", ("2020-12-31", "年底前")),  # a past date dates no pledge: the next word does
        ("2022年6月底前完工", ("2022-06-30", "2022年6月底前")),  # as a month deadline always read its year
    ],
)
def test_a_year_written_onto_a_period_word_is_that_years(clause: str, want) -> None:
    assert resolve(clause, 2020) == want


def test_a_run_of_digits_too_long_for_a_float_is_no_amount() -> None:
    # found by tools/fuzz.py: 增长 + 400 × "1" + % raised OverflowError (int of an infinite float)
    from duixian.extract.quantity import find_quantities, number_value

    assert number_value("1" * 400) is None
    assert [q.value for q in find_quantities("增长" + "1" * 400 + "%，增长6.5%")] == [6.5]


def test_indexed_spans_read_as_their_own_scan() -> None:
    """find_quantities answers a span from a scan of the whole text: whatever the span (a clause, a cut
    through a number, a range or a suffix word, a prefix word just before its start), the answer is what
    scanning the span alone gives."""
    import random
    from importlib import resources

    from duixian.extract.quantity import _find_quantities, _Index

    sample = resources.files("duixian.data").joinpath("sample_report.txt").read_text(encoding="utf-8")
    edge = ("增长6%—6.5%，不低于10%以上，约3万—5万元，投资20余亿元，近500万元左右，"
            "新建两所、三十个，统一规划第3位，PM2.5浓度下降，8个月内，1,234.5亿元以内，"
            "收入六百八十八亿三千万元，装机八十万千瓦，原煤四亿零七百多万吨，就业1万余人，盈利3亿多元，1万多，")
    # percentages in words beside numbers: a span holding 百分之 is scanned, the others read off the index
    worded = ("工业增长百分之八点五，粮食增产百分之三至五，新建学校12所，投资百分之十以上用于农业，"
              "职工人数增加二百三十万人，百分之四，增长6%左右。")
    rng = random.Random(7)
    for text, least in ((sample, 500), (edge * 3, 500), (worded * 4, 100)):
        index = _Index(text)
        answered = 0
        spans = [(a, a + rng.randrange(1, 80)) for a in (rng.randrange(len(text)) for _ in range(2000))]
        for a, b in spans:
            b = min(b, len(text))
            got = index.query(a, b)
            if got is not None:
                answered += 1
                assert got == _find_quantities(text, a, b), (a, b, text[a:b])
        assert answered > least  # the index answers most spans; the rest are scanned


def test_the_verb_lookahead_finds_what_the_alternation_alone_finds() -> None:
    """figures.VERB repeats the first characters of its words as a lookahead to scan faster: from any start,
    it finds the same verbs as the bare alternation."""
    import random
    import re
    from importlib import resources

    from duixian.extract.figures import VERB

    lookahead, bare = VERB.pattern.split(")", 1)
    assert lookahead.startswith("(?=[")
    plain = re.compile(bare)
    sample = resources.files("duixian.data").joinpath("sample_report.txt").read_text(encoding="utf-8")
    sample += "同比增长、比上年下降、增加值、增加3家、和经济增长同步、同口径增长、首次突破、均达到、由负转正。"
    rng = random.Random(3)
    for a in [0, *(rng.randrange(len(sample)) for _ in range(300))]:
        b = min(len(sample), a + rng.randrange(1, 60))
        assert [m.span() for m in VERB.finditer(sample, a, b)] == [m.span() for m in plain.finditer(sample, a, b)]


def test_the_rank_lookahead_finds_what_the_pattern_alone_finds() -> None:
    """quantity._RANK opens with a lookahead of the characters a rank phrase starts with: from any span, it
    finds the same phrase, with the same groups, as the pattern without it."""
    import random
    import re
    from importlib import resources

    from duixian.extract.quantity import _RANK

    lookahead = "(?=[综总在全省市])"
    assert _RANK.pattern.startswith(lookahead)
    plain = re.compile(_RANK.pattern.removeprefix(lookahead))
    sample = resources.files("duixian.data").joinpath("sample_report.txt").read_text(encoding="utf-8")
    ranks = "综合排名全省第3位，总量排名全市第一，在全国率先，省内唯一，市内首位，安全全市第2名，全区最低。"
    sample += ranks
    rng = random.Random(11)
    for a in [0, len(sample) - len(ranks), *(rng.randrange(len(sample)) for _ in range(400))]:
        b = min(len(sample), a + rng.randrange(1, 80))
        got, want = _RANK.search(sample, a, b), plain.search(sample, a, b)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


def test_a_scoped_wording_takes_its_longest_alias() -> None:
    """A wording that ends with an alias after a scope word of the whole region (本地一般公共预算收入: 本地 is kept
    by clean_phrase, so the alias is found as a suffix) is that alias's indicator: the longest alias it ends with
    decides. (地方 names a part, another indicator: tests/test_reading13.py.)"""
    from duixian.extract.metrics import table

    t = table()
    for alias, name in t.items():
        if len(alias) >= 4 and "本地" + alias not in t:
            assert canonical("本地" + alias) == name, alias
    nested = [(a, b) for a in t for b in t if len(a) >= 4 and len(b) > len(a) and b.endswith(a) and t[a] != t[b]]
    assert nested  # the table holds aliases inside longer ones that name another indicator (生产总值, 工农业生产总值)
    for _, longer in nested:
        assert canonical("本地" + longer) == t[longer], longer


def test_a_quantity_that_is_the_whole_text_is_read():
    # the note-mark rule (［10］) compared the characters around the number with bracket sets, and an empty
    # string is in every set: a short text that is only a count (as tracking passes pledge names) lost it
    assert [(q.value, q.unit) for q in find_quantities("5所")] == [(5, "所")]
    assert [(q.value, q.unit) for q in find_quantities("12.5%")] == [(12.5, "%")]
    assert find_quantities("见［10］说明") == []


def test_quantities_and_figures_built_in_one_step_are_ordinary_dataclasses() -> None:
    """The scan sets a Quantity's (and read_clause a Figure's) fields in one step instead of calling the frozen
    __init__: each must hold exactly the dataclass's fields, in order, and equal, hash and replace like one
    built by its constructor; a value is held cleaned (an integral value as an int) also in a range."""
    from dataclasses import fields, replace

    from duixian.extract.figures import Figure, read_clause
    from duixian.extract.quantity import Quantity

    text = "增长6%—6.5%，投资3万—5万元，新建两所学校，完成 1,234.5亿元 以上，约 20 余家，城镇新增就业12万人。"
    qs = find_quantities(text)
    assert len(qs) >= 5
    for q in qs:
        assert list(vars(q)) == [f.name for f in fields(Quantity)]
        built = Quantity(**{f.name: getattr(q, f.name) for f in fields(Quantity)})
        assert q == built and hash(q) == hash(built) and repr(q) == repr(built)
        assert replace(q, start=0) == replace(built, start=0)
        for v in (q.value, q.low, q.high):
            assert v is None or type(v) is (int if v == int(v) else float)
    ranged = next(q for q in qs if q.unit == "万元")
    assert (ranged.low, ranged.high, type(ranged.low)) == (3, 5, int)
    start = 0
    for end in [i for i, c in enumerate(text) if c == "，"] + [len(text)]:
        fig = read_clause(text, start, end)
        assert list(vars(fig)) == [f.name for f in fields(Figure)]
        assert fig == Figure(**{f.name: getattr(fig, f.name) for f in fields(Figure)})
        for s, e in (fig.subject, fig.object):  # stripped of spaces at both edges
            assert s == e or not (text[s].isspace() or text[e - 1].isspace())
        start = end + 1


def test_a_span_without_an_area_hint_holds_no_rank() -> None:
    """find_rank skips a span in which _AREA_HINT (全, 省内, 市内) finds nothing: every rank phrase must hold
    one of them, so on any span where the hint finds nothing the rank pattern finds nothing either (and a
    span with a rank is read as before)."""
    import random
    from importlib import resources

    from duixian.extract.quantity import _AREA_HINT, _RANK

    sample = resources.files("duixian.data").joinpath("sample_report.txt").read_text(encoding="utf-8")
    sample += "综合排名全省第3位，总量排名全市第一，在全国率先，省内唯一，市内首位，安全全市第2名，全区最低，全盟第5。"
    rng = random.Random(13)
    ranked = 0
    for _ in range(3000):
        a = rng.randrange(len(sample))
        b = min(len(sample), a + rng.randrange(1, 60))
        m = _RANK.search(sample, a, b)
        if _AREA_HINT.search(sample, a, b) is None:
            assert m is None, sample[a:b]
        ranked += m is not None
        if m is not None:
            assert find_rank(sample, a, b) == (re.sub(r"^在", "", re.sub(r"\s+", "", m.group(0))), m.start(), m.end())
    assert ranked > 20


@pytest.mark.parametrize(
    ("wording", "clean"),
    [
        # a year in numerals opens a wording like one in digits; 我国 is the speaker's own scope like 我市
        ("一九五八年我国工农业总产值", "工农业总产值"),
        ("二〇〇五年全市地区生产总值", "地区生产总值"),
        # tense words and the base year stand between the wording and its verb
        ("外债余额已", "外债余额"),
        ("工业总产值比一九五二年", "工业总产值"),
        ("农业总产值比1956年将", "农业总产值"),
        ("粮食产量将要", "粮食产量"),
        ("工农业总产值将比一九五八年的", "工农业总产值"),
        # a base year with nothing before it is the whole wording of a change, not an indicator's
        ("比1980年预计", "比1980年"),
    ],
)
def test_metric_wording_without_years_and_tense_words(wording: str, clean: str) -> None:
    from duixian.extract.metrics import clean_phrase

    assert clean_phrase(wording) == clean


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # thousands grouped with the full-width comma, as reports into the 1980s wrote them
        ("粮食产量33，212万吨，比上年增长5%", 33212, "万吨"),
        ("本年收入共为29，731，732，000元。", 29731732000, "元"),
        ("小学校新招生2，300万人", 2300, "万人"),
    ],
)
def test_full_width_thousands_are_one_number_and_one_clause(text: str, value, unit) -> None:
    from duixian.extract.context import clauses, trimmed_clauses

    q = find_quantities(text)[0]
    assert (q.value, q.unit) == (value, unit)
    first = clauses(text, 0, len(text))[0]
    assert first == trimmed_clauses(text, 0, len(text))[0]
    assert first[0] <= q.num_start and q.num_end <= first[1]  # the clause holds the whole number


@pytest.mark.parametrize("text", ["增长12%，100家企业", "新建学校3所，200个班", "1234，567个", "共1，2，3个", "1.5，300"])
def test_a_full_width_comma_between_other_numbers_still_parts_them(text: str) -> None:
    from duixian.extract.context import clauses

    assert len(clauses(text, 0, len(text))) == 2 + text.count("，") - 1 and len(find_quantities(text)) >= 2


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("棉花产量将要达到3，556万担，", 3556, "万担"),
        ("职工宿舍十五万平方公尺", 15, "万平方公尺"),
        ("可蓄水二十三亿立方公尺", 23, "亿立方公尺"),
        ("内燃机2，000万马力", 2000, "万马力"),
    ],
)
def test_units_of_the_old_national_reports(text: str, value, unit) -> None:
    q = one(text)
    assert (q.value, q.unit) == (value, unit)
