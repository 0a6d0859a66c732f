"""Every clean character maps back to its raw position (property tests over messy inputs)."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from duixian.clean import clean
from duixian.clean.chars import _WIDTH_TABLE, _t2s
from duixian.model import RawText, Source
from duixian.offsets import Edit, Tracked

CJK_WORDS = ["地区生产总值", "增长", "完成", "亿元", "各位代表", "政府工作报告", "一、", "（一）", "。", "，", "；",
             "地區", "發展", "經濟", "“三高三优”", "：", "！", "建设", "项目"]
MESS = ["\n", "\n\n", "\r\n", " ", "\u3000", "\u00a0", "&nbsp;", "&amp;", "<p>", "</p>", "<br/>", "**", "- 8 -\n",
        "— 3 —", "８．７％", "５", "12.5%", "(qū)", "\t", "政 府 工 作 报 告", "#", "https://example.cn/x"]


def _raw(text: str) -> RawText:
    return RawText(Source("mem", "0", "txt", "utf-8", len(text)), text, Tracked.identity(text))


def _char_ok(raw: str, clean_ch: str) -> bool:
    """The raw range a clean character came from really produces that character."""
    if clean_ch == "\n" or clean_ch == " ":
        return True
    if raw == clean_ch:
        return True
    folded = _t2s().convert(raw).translate(_WIDTH_TABLE)
    return clean_ch in folded or clean_ch in html.unescape(raw)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(CJK_WORDS + MESS) | st.text(alphabet="0123456789.%亿元", max_size=6), max_size=80))
def test_every_clean_character_maps_to_its_raw_origin(pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = clean(_raw(text))
    t = doc.tracked
    assert len(t.starts) == len(t.ends) == len(t.text)
    prev = 0
    for i, ch in enumerate(t.text):
        rs, re_ = t.starts[i], t.ends[i]
        assert 0 <= rs <= re_ <= len(text)
        assert rs >= prev  # order is kept
        prev = rs
        assert _char_ok(text[rs:re_], ch), (i, ch, text[rs:re_])


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.data())
def test_apply_keeps_untouched_characters_at_home(text: str, data: st.DataObject) -> None:
    t = Tracked.identity(text)
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=6))))
    edits = [Edit(a, b, data.draw(st.sampled_from(["", "x", "yy"]))) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    out = t.apply(edits)
    kept_from = set()
    for a, b, _ in edits:
        kept_from.update(range(a, b))
    untouched = [i for i in range(len(text)) if i not in kept_from]
    mapped = [out.starts[i] for i in range(len(out.text)) if out.ends[i] - out.starts[i] == 1 and out.text[i] == text[out.starts[i]]]
    assert set(untouched) <= set(mapped)


def test_raw_span_covers_removed_line_breaks() -> None:
    filler = "致力结构调整、提质增效，经济社会迅猛发展，全年目标任务圆满完成，"
    lines = [filler[:28]] * 8 + ["致力结构调整、提质增效，经济社会迅猛发展。地区生产总", " 值完成 317.2 亿元，比上年增长 5.6%。"]
    raw = "\n\n".join(lines)
    doc = clean(_raw(raw))
    assert doc.text.endswith("地区生产总值完成317.2亿元，比上年增长5.6%。")
    assert "\n" not in doc.text
    start = doc.text.index("总值")
    rs, re_ = doc.raw_span(start, start + 2)
    assert raw[rs:re_] == "总\n\n 值"
