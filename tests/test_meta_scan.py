"""The metadata collectors try their patterns only where a match can start: same matches as finditer."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from duixian.meta import cues as cue
from duixian.meta import header as h
from duixian.meta import regions, scan

TEXTS = [
    "——2020年5月8日在呼伦贝尔市海拉尔区第十五届人民代表大会第四次会议上\n区长 李湛\n各位代表：",
    "二〇一九 年 十二 月 3 日，代理市长张三代表海口市人民政府作政府工作报告。受国务院委托，",
    "1  2020年工作安排\n 2019 年工作回顾\t2021年政府工作报告 到2025年 20223 24日在第三次会议上",
    "１２ 月 ２０２０年 \u3000 3 月\n 5日 卫留成的《政府工作报告》、冀文林在政府工作报告中说",
    "年月日届代表受国务院政府工作报告",
]


def _same(pattern: re.Pattern[str], text: str, starts: list[int]) -> None:
    expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groups()) for m in scan.matches(pattern, text, starts)] == expected


def test_scans_find_what_finditer_finds() -> None:
    byline, title = h._speaker_patterns()
    plan_head, review_head, titled = h._year_patterns()
    for text in TEXTS:
        years = h._year_starts(text)
        title_at = [q for w in cue.words("title") for q in scan.occurrences(text, w)]
        _same(h._MEETING, text, scan.before(text, "届", 1, 5))
        _same(h._DATE, text, years)
        _same(h._MONTH_DAY, text, h._month_day_starts(text))
        _same(h._RUN_DATE, text, scan.before(text, "日", 6, 7))
        for p in (plan_head, review_head, titled):
            _same(p, text, years)
        _same(h._YEAR_MENTION, text, h._spaced(text, years))
        _same(h._ON_BEHALF, text, [*scan.before(text, "代表", 0, 1), *scan.occurrences(text, "受")])
        _same(h._STATE_COUNCIL, text, scan.before(text, "国务院", 1, 2))
        _same(h._REPORT_TITLE, text, scan.before(text, "政府工作报告", 2, 26))
        _same(byline, text, [text.rfind("\n", 0, q) + 1 for q in title_at])
        _same(title, text, [q - k for q in title_at for k in (0, 1, 2)])
        _same(h._DELIVERER, text, [*scan.before(text, "代表", 2, 4), *scan.before(text, "政府工作报告", 3, 6)])


def _longest_names(text: str) -> list[tuple[str, int]]:
    names = regions.table()
    expected = []
    for m in re.finditer("[省市区县旗州盟]", text):
        i = m.start()
        for length in range(min(12, i + 1), 2, -1):
            if text[i + 1 - length : i + 1] in names:
                expected.append((text[i + 1 - length : i + 1], i + 1 - length))
                break
    return expected


def test_mentions_take_the_longest_name_ending_at_each_suffix() -> None:
    text = "呼伦贝尔市海拉尔区和郊区、城区"
    assert regions.mentions(text) == _longest_names(text)
    corpus = Path(__file__).resolve().parents[1] / "../shared/corpus/raw"
    for p in sorted(corpus.iterdir())[:10] if corpus.is_dir() else []:
        text = p.read_text(encoding="utf-8", errors="replace")
        assert regions.mentions(text) == _longest_names(text), p.name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="区我全长县哈", max_size=300), st.lists(st.text(alphabet="区我全长县哈", max_size=4), max_size=8))
def test_index_finds_and_counts_as_find_and_count_do(text: str, words: list[str]) -> None:
    ix = scan.Index(text)
    ix._STEP = 2  # walks stop often, so that resuming them is exercised
    for word in [*words, "哈哈", "区区区", "我全"]:
        assert ix.at(word) == scan.occurrences(text, word)
        assert ix.count(word) == text.count(word)
        assert ix.before(word, 1, 3) == scan.before(text, word, 1, 3)


def test_index_on_a_report() -> None:
    text = "".join(TEXTS) * 30 + "全区全区区长" * 100
    ix = scan.Index(text)
    for word in ["全区", "区长", "代表", "政府工作报告", "国务院", "年", "人民代表大会", "李湛", "不在"]:
        assert ix.at(word) == scan.occurrences(text, word) and ix.count(word) == text.count(word)


def _split_chain_by_definition(written: str) -> list[str]:
    """The longest name of two characters or more at the front, else skip a character; repeat."""
    names = regions.table()
    out: list[str] = []
    rest = written
    while rest:
        for end in range(len(rest), 1, -1):
            if rest[:end] in names:
                out.append(rest[:end])
                rest = rest[end:]
                break
        else:
            rest = rest[1:]
    return out


_PLACE_PIECES = ["呼伦贝尔市", "海拉尔区", "呼伦", "贝尔", "内蒙古", "自治区", "河南省", "周口市", "川汇区", "市", "区", "县",
                 "人民政府", "在", "北京", "朝阳区", "吉林", "吉林市", "省", "海", "新区", "城区"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=6), st.integers(0, 3))
def test_split_chain_takes_the_longest_name_at_each_place(pieces: list[str], cut: int) -> None:
    written = "".join(pieces)[cut:]
    assert regions.split_chain(written) == _split_chain_by_definition(written)


_PLACE_PIECES = ["周口市", "川汇区", "周口", "渝北", "内蒙古自治区", "呼伦贝尔市", "海拉尔区", "清苑县", "北京市", "自治州",
                 "区", "县", "市", "省", "旗", "州", "盟", "上午", "在", "第", "召开", "人民政府", "代表", "甲"]


def _every_tail(run: str) -> str:
    for i in range(len(run)):
        if h._is_place(run[i:]):
            return run[i:]
    return ""


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=6), st.integers(0, 3))
def test_place_suffix_asks_only_tails_that_begin_as_a_name_does(pieces: list[str], cut: int) -> None:
    run = "".join(pieces)[cut:]
    assert h._place_suffix(run) == _every_tail(run)
