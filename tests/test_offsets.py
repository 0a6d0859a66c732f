"""Every clean character maps back to its raw position (property tests over messy inputs)."""

from __future__ import annotations

import html
from bisect import bisect_left
from functools import partial

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


class _PerChar:
    """The plain definition of a tracked text: a start and an end for every character."""

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text, self.starts, self.ends = text, starts, ends

    def apply(self, edits: list[Edit]) -> _PerChar:
        text, starts, ends, pos = "", [], [], 0
        for a, b, new in sorted(edits, key=lambda e: (e.start, e.end)):
            text, starts, ends = text + self.text[pos:a], starts + self.starts[pos:a], ends + self.ends[pos:a]
            if new:
                if b > a:
                    rs, re_ = self.starts[a], max(self.ends[a:b])
                else:
                    rs = self.starts[a] if a < len(self.starts) else (self.ends[-1] if self.ends else 0)
                    re_ = rs
                if b - a == len(new):
                    starts, ends = starts + self.starts[a:b], ends + self.ends[a:b]
                elif len(new) == re_ - rs:
                    starts, ends = starts + list(range(rs, re_)), ends + list(range(rs + 1, re_ + 1))
                else:
                    starts, ends = starts + [rs] * len(new), ends + [re_] * len(new)
                text += new
            pos = b
        return _PerChar(text + self.text[pos:], starts + self.starts[pos:], ends + self.ends[pos:])

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], max(self.ends[start:end])


def _outcome(f):  # type: ignore[no-untyped-def]
    try:
        return f()
    except (IndexError, ValueError) as exc:
        return type(exc).__name__


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab中\n ", max_size=40), st.data())
def test_runs_give_what_per_character_origins_give(text: str, data: st.DataObject) -> None:
    t, ref = Tracked.identity(text, 3), _PerChar(text, list(range(3, 3 + len(text))), list(range(4, 4 + len(text))))
    for _ in range(data.draw(st.integers(1, 5))):
        n = len(t.text)
        cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=8)))
        edits = [Edit(a, b, data.draw(st.sampled_from(["", "x", "yy", "\n", "zzzz"]))) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
        edits = [e for i, e in enumerate(edits) if i == 0 or e.start >= edits[i - 1].end]  # no overlaps
        t, ref = t.apply(edits), ref.apply(edits)
        if data.draw(st.booleans()):
            a, b = sorted(data.draw(st.lists(st.integers(-2, len(t.text) + 2), min_size=2, max_size=2)))
            t, ref = t.slice(a, b), _PerChar(ref.text[a:b], ref.starts[a:b], ref.ends[a:b])
        assert (t.text, list(t.starts), list(t.ends)) == (ref.text, ref.starts, ref.ends)
        for a in range(-len(t.text) - 2, len(t.text) + 3):
            for b in range(a - 1, len(t.text) + 3):
                assert _outcome(partial(t.raw_span, a, b)) == _outcome(partial(ref.raw_span, a, b))
        for raw_pos in range(0, 50):
            assert t.clean_pos(raw_pos) == bisect_left(ref.starts, raw_pos)


def test_pieces_and_translation_keep_their_origins() -> None:
    t = Tracked.from_pieces([("ab", 0, 2), (" ", 2, 8), ("", 8, 9), ("xyz", 9, 10), ("中文", 10, 12)])
    assert list(t.starts) == [0, 1, 2, 9, 9, 9, 10, 11] and list(t.ends) == [1, 2, 8, 10, 10, 10, 11, 12]
    u = t.translate("AB XYZ中文")
    assert (u.text, list(u.starts), list(u.ends)) == ("AB XYZ中文", list(t.starts), list(t.ends))
    assert t == Tracked.from_pieces([("ab", 0, 2), (" ", 2, 8), ("xyz", 9, 10), ("中", 10, 11), ("文", 11, 12)])
