"""The quantity grammar every extractor shares.

A quantity is a number as printed (Arabic, or Chinese numerals before a unit), an optional
scale word (万/亿/万亿), a unit as written, and the approximation or bound words around it
(近/约/突破/超/余/左右/以上/以内/以下/不低于 …).  Ranges (6%—6.5%, 1-2家) keep both bounds.

cn2an converts only the numeral characters a pattern has already isolated: run over whole
text it would turn 一般 into 1般.
"""

from __future__ import annotations

import math
import re
import string
import threading
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from duixian.frozen import from_fields

# Units as written, longest first so 万平方米 wins over 米 and 个百分点 over 个.
_BASE_UNITS = (
    "个百分点", "百分点", "微克/立方米", "平方公里", "平方千米", "平方米", "立方米", "千瓦时", "吨标准煤",
    "人民币", "美元", "欧元", "港元", "元", "公里", "千米", "公顷", "平米", "㎡", "米", "亩", "吨", "斤", "公斤",
    "人次", "户次", "架次", "场次", "标箱", "千瓦", "兆瓦", "万千瓦",
    "%", "‰", "人", "户", "套", "所", "家", "个", "座", "条", "盏", "场", "次", "项", "件", "张", "间", "处",
    "名", "台", "辆", "部", "天", "期", "批", "栋", "幢", "片", "宗", "倍", "棵", "株", "头", "只", "支", "种",
    "类", "届", "篇", "本", "册", "口", "眼", "道", "根", "套次", "家次", "级", "床",
    # the units of the 1950s-80s national reports (棉花三千二百七十万担, 住宅十五万平方公尺, 内燃机2，000万马力)
    "担", "公担", "公尺", "平方公尺", "立方公尺", "马力",
)
# 度 (kilowatt-hour) counts only after its scale (发电量3，120亿度, 节电5000万度): alone it is a degree, an extent or
# a period (年度, 力度, 一度).
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(_BASE_UNITS), key=len, reverse=True)) + "|(?<=[万亿])度"
_SCALE = r"(?:万亿|千万|百万|十万|亿|万|千|百)"
# Reports into the 1980s group thousands with the full-width comma (粮食产量33，212万吨, 新招生2，300万人): three
# digits after it, and no more, continue the number.
_AR = r"\d{1,3}(?:，\d{3})+(?![\d.])|\d+(?:,\d{3})*(?:\.\d+)?"
# A numeral in words may hold lower sections after 亿 and 万 (六百八十八亿三千|万元, 十二万五千|元); a 千 after 万
# opens the unit 千瓦/千米 (八十|万千瓦), not a section.
_CN = r"[零〇一二两三四五六七八九十百千]+(?:[万亿](?!千[瓦米])[零〇一二两三四五六七八九十百千]+)*"  # 一万七千四百(亿元)
NUMBER = rf"(?:{_AR}|{_CN})"

# A number that is a date or an ordinal is not a quantity.
_NOT_QUANTITY_AFTER = re.compile(r"\s*(?:年(?!度?[产收均])|月|日|号|#|季度|届|批次|期工程)")
_PREFIX_WORDS = ("不低于", "不少于", "不超过", "不高于", "超过", "突破", "达到", "低于", "超", "逾", "近", "约", "达")
_PREFIX = re.compile("(" + "|".join(_PREFIX_WORDS) + r")\s*$")
_SUFFIX_WORDS = ("以上", "以内", "以下", "左右", "之内", "上下")
_SUFFIX = re.compile(r"\s*(" + "|".join(_SUFFIX_WORDS) + ")")
# What a prefix word ends with and a suffix word starts with: a number whose neighbour is neither (nor a
# space) has none, and most numbers are read without running the two searches.
_PREFIX_LAST = frozenset(w[-1] for w in _PREFIX_WORDS)
_SUFFIX_FIRST = frozenset(w[0] for w in _SUFFIX_WORDS)
_RANGE_FIRST = frozenset("—–-~～至到")  # what _RANGE_UNIT_FIRST's separator starts with

# The lookahead repeats what a number starts with: the same matches, found faster (the scanner skips
# to candidate characters instead of trying both numeral forms at every position).
_QUANTITY = re.compile(
    r"(?=[\d零〇一二两三四五六七八九十百千])"
    rf"(?P<num>{NUMBER})(?P<approx>\s*[余多])?\s*(?:(?P<range_sep>[—–\-~～至到]{{1,2}})\s*(?P<num2>{NUMBER})\s*)?"
    # 余/多 may follow the scale word instead (1万余人, 三亿多元): it qualifies the amount only when a unit follows
    rf"(?P<scale>{_SCALE})?(?:(?<=[万亿千百])(?P<approx2>[余多])(?=\s*(?:{_UNIT_ALT})))?\s*(?P<unit>{_UNIT_ALT})?"
)
# ranges whose first bound carries its own unit: 6%—6.5%, 3万—5万元
_RANGE_UNIT_FIRST = re.compile(rf"\s*(?:[—–\-~～至到]{{1,2}})\s*(?P<num2>{NUMBER})(?P<scale>{_SCALE})?\s*(?P<unit>{_UNIT_ALT})?")

_QUALIFIER_OF_PREFIX = {
    "不低于": "以上", "不少于": "以上", "超过": "以上", "突破": "以上", "超": "以上", "逾": "以上",
    "不超过": "以内", "不高于": "以内", "约": "左右", "近": "左右",
    # 低于4.6%: an upper bound, labelled 以内 as 突破X is labelled 以上 (gold README, targets: qualifier)
    "低于": "以内",
}
_QUALIFIER_OF_SUFFIX = {"以上": "以上", "以内": "以内", "之内": "以内", "以下": "以下", "左右": "左右", "上下": "左右"}


@dataclass(frozen=True)
class Quantity:
    start: int  # span of the whole quantity phrase, bound words included
    end: int
    num_start: int  # span of the number and its unit only
    num_end: int
    value: float
    low: float | None
    high: float | None
    unit: str | None  # as written, scale included: 亿元, 万户, %
    qualifier: str | None  # 以上 | 以内 | 以下 | 左右 | None
    approx: str | None  # 余 | 多 | 近 | 约 when the amount is approximate
    chinese: bool  # written in Chinese numerals

    @property
    def percent(self) -> bool:
        return self.unit in PERCENT_UNITS

    @property
    def points(self) -> bool:
        return self.unit in POINT_UNITS


# What a magnitude word before a unit multiplies by (1.35万亿元 is 1.35e12 元).
SCALE_TIMES = {"万亿": 1e12, "千亿": 1e11, "亿": 1e8, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3}


def in_base(value: float, unit: str | None) -> tuple[float, str | None]:
    """1.35万亿元 → (1.35e12, 元): amounts written at different scales compared in one unit."""
    for scale, times in SCALE_TIMES.items():
        if unit and unit.startswith(scale) and len(unit) > len(scale):
            return value * times, unit[len(scale) :]
    return value, unit


def in_unit(value: float, unit: str | None, to: str | None) -> float | None:
    """``value`` of ``unit`` said in ``to`` when the two are one unit at different scales (1.23 万人 → 12300 人);
    None when they are different units."""
    (v, base), (per, to_base) = in_base(value, unit), in_base(1.0, to)
    return v / per if base and base == to_base else None


# what ``Quantity.percent`` and ``Quantity.points`` test, for hot loops that read the unit once
PERCENT_UNITS = ("%", "‰")
POINT_UNITS = ("个百分点", "百分点")


@lru_cache(maxsize=4096)
def number_value(text: str) -> float | None:
    """The value of a numeral as printed: '1,234.5' → 1234.5, '二十三' → 23, '两' → 2; None for what is no
    amount, including a run of digits too long for a float (a 400-digit 111…1 is debris, not a figure)."""
    v = _numeral_value(text.replace(",", "").replace("，", ""))
    return v if v is not None and math.isfinite(v) else None


def _numeral_value(t: str) -> float | None:
    try:
        return float(t)
    except ValueError:
        pass
    try:
        import cn2an

        return float(cn2an.cn2an(t, "smart"))
    except (ValueError, KeyError, TypeError, IndexError, OverflowError):
        return None


def _clean_number(v: float) -> float:
    return int(v) if v == int(v) and abs(v) < 1e15 else v


@lru_cache(maxsize=4096)
def _clean_value(num: str) -> float | None:
    """``_clean_number(number_value(num))`` remembered: the quantity index reads ~650 numbers a report."""
    v = number_value(num)
    return None if v is None else _clean_number(v)


# A percentage written out in words, as reports did into the 1990s (百分之四点五, 百分之八至九).
_CN_DIGITS = r"[零〇一二两三四五六七八九十]+(?:点[零〇一二三四五六七八九]+)?"
_WORDED_MARK = re.compile("百分之")  # what a percentage in words opens with (it cannot overlap itself)
_WORD_PERCENT = re.compile(rf"百分之(?P<num>{_CN_DIGITS})(?:\s*(?:至|到|—|-|～)\s*(?:百分之)?(?P<num2>{_CN_DIGITS}))?")


def _word_percents(text: str, start: int, end: int) -> list[Quantity]:
    out = []
    for m in _WORD_PERCENT.finditer(text, start, end):
        value = number_value(m.group("num"))
        if value is None:
            continue
        low = high = None
        if m.group("num2"):
            v2 = number_value(m.group("num2"))
            if v2 is not None:
                low, high = min(value, v2), max(value, v2)
        q_start, q_end, qualifier = m.start(), m.end(), None
        pm = _PREFIX.search(text, max(start, m.start() - 4), m.start())
        if pm:
            qualifier = _QUALIFIER_OF_PREFIX.get(pm.group(1))
            q_start = pm.start()
        sm = _SUFFIX.match(text, q_end)
        if sm and sm.end() <= end:
            qualifier = _QUALIFIER_OF_SUFFIX[sm.group(1)]
            q_end = sm.end()
        out.append(Quantity(
            start=q_start, end=q_end, num_start=m.start(), num_end=m.end(), value=_clean_number(value),
            low=None if low is None else _clean_number(low), high=None if high is None else _clean_number(high),
            unit="%", qualifier=qualifier, approx=None, chinese=False,  # as explicit as digits
        ))
    return out


# Every extractor (and tracking) reads the same clauses of one document again: the quantities of a span
# are remembered for the document being read, and forgotten when another text comes.  The memo is per
# thread: the web app reads uploads in a thread pool, and one thread's text must never answer another's.
class _Memo(threading.local):
    def __init__(self) -> None:
        self.text: str = ""
        self.seen: dict[tuple[int, int], tuple[Quantity, ...]] = {}
        self.index: _Index | None = None


_MEMO = _Memo()


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, left to right, with spans into ``text``."""
    return list(quantities_of(text, start, len(text) if end is None else end))


# A text this short (a pledge, a title, a phrase) is scanned on its own and never replaces the document in the memo:
# tracking reads each pledge's wording between two clauses of the review, and each would make the next clause
# rescan the whole review.
_SHORT = 512


def quantities_of(text: str, start: int, end: int) -> tuple[Quantity, ...]:
    """find_quantities as the remembered tuple itself, for a reader that keeps a tuple (no copy)."""
    if len(text) <= _SHORT:
        return tuple(_find_quantities(text, start, end))
    memo = _MEMO  # a thread-local: each attribute read costs several plain ones, so each is read once
    if memo.text is not text:
        memo.seen = {}
        memo.text = text
        memo.index = None
    seen = memo.seen
    hit = seen.get((start, end))
    if hit is None:
        index = memo.index
        if index is None:
            index = memo.index = _Index(text)
        got = index.query(start, end)
        hit = seen[(start, end)] = tuple(_find_quantities(text, start, end) if got is None else got)
    return hit


class _Index:
    """The scan of ``_find_quantities`` run once over the whole text, so that a span's quantities are read
    off it instead of scanning the span again (extraction asks for about one span per 15 characters).

    A span gets exactly what its own scan would give when its bounds cut no candidate: then its scan meets
    the same matches in the same states (a regex match that ends before the span's end is the same match
    with the span's end as ``endpos``; every test made on a match, other than the ones below, looks at the
    whole text). The bounds enter in three places, each handled: the prefix word (不低于, 约…) is searched no
    further back than the span's start, so a quantity whose prefix word begins before the start is rebuilt
    with the prefix its own scan finds; a range or suffix word (以上, 左右…) reaching past the span's end, a match that does, and a
    span that starts inside what a match consumed are answered by scanning the span itself (``None``).
    So is a span that holds 百分之: its own scan reads the percentages in words and skips the numbers inside
    them; a span without it scans as plainly as the whole text was scanned."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.worded = [m.start() for m in _WORDED_MARK.finditer(text)]  # where 百分之 occurs
        # per candidate match, in scan order: its start, its end, the scan position after it, how far the
        # span's end must reach, and for a kept quantity its parts (None when the candidate is refused)
        self.starts: list[int] = []
        self.after: list[int] = []
        self.reach: list[int] = []
        self.kept: list[tuple[Quantity, re.Match[str], str | None] | None] = []
        self._scan()

    def _scan(self) -> None:
        text = self.text
        end = len(text)
        pos = 0
        starts, after, reach, kept = self.starts, self.after, self.reach, self.kept
        # A match is never empty, so finditer goes on where the last match ended, as a search from there
        # would; only a candidate that consumed a range or suffix word beyond its match restarts the scan.
        while True:
            for m in _QUANTITY.finditer(text, pos, end):
                ms, me = m.span()
                starts.append(ms)
                # Chinese numerals without a unit are _candidate's first refusal (统一, 一般…: ~40% of matches),
                # read here without the call.
                got = None if m.group("unit") is None and not text[ms].isdigit() else _candidate(text, m, 0, end)
                if got is None:
                    after.append(me)
                    reach.append(me)
                    kept.append(None)
                    continue
                q, q_reach, pos_after, suffix_qualifier = got
                reach.append(q_reach)
                kept.append((q, m, suffix_qualifier))
                if pos_after > me:
                    pos = pos_after
                    after.append(pos)
                    break
                after.append(me)
            else:
                return

    def query(self, start: int, end: int) -> list[Quantity] | None:
        if start < 0 or end > len(self.text):
            return None
        if self.worded:
            i = bisect_left(self.worded, start)
            if i < len(self.worded) and self.worded[i] + len("百分之") <= end:
                return None  # the span holds a percentage in words: its own scan reads it
        starts, reach, kept_at = self.starts, self.reach, self.kept  # (read once: ~1,500 queries a report)
        k = bisect_left(starts, start)
        if k and self.after[k - 1] > start:
            return None  # the span starts inside a match (or its range or suffix) the scan went past
        out: list[Quantity] = []
        n = len(starts)
        while k < n and starts[k] < end:
            if reach[k] > end:
                return None  # the span's end cuts the match, its range or its suffix word
            kept = kept_at[k]
            if kept is not None:
                q = kept[0]
                # A prefix word searched from ``start`` on is found only if the whole-text scan found it there
                # (the search is narrower, no lookbehind): only one found before the start is read again.
                out.append(q if q.start >= start else _with_prefix(self.text, q, kept[1], start, kept[2]))
            k += 1
        return out


def _find_quantities(text: str, start: int, end: int) -> list[Quantity]:
    out: list[Quantity] = _word_percents(text, start, end) if "百分之" in text[start:end] else []
    worded = [(q.num_start, q.num_end) for q in out]
    pos = start
    while True:
        m = _QUANTITY.search(text, pos, end)
        if m is None:
            break
        pos = max(m.end(), m.start() + 1)
        if any(a <= m.start() < b for a, b in worded):
            continue
        got = _candidate(text, m, start, end)
        if got is None:
            continue
        q, _, pos_after, _ = got
        pos = max(pos, pos_after)
        out.append(q)
    if worded:
        out.sort(key=lambda q: q.start)
    return out


def _prefix_reading(text: str, approx_words: str | None, q_start: int, start: int) -> tuple[str | None, str | None, int]:
    """The qualifier and approximation that the match's own words (``approx_words``: 余, 多) and a prefix word
    (超过, 近, 约 …) before ``q_start`` give, and where the quantity then starts; the prefix is searched from
    ``start`` only (a span's edge cuts it)."""
    qualifier = None
    approx = ("余" if "余" in approx_words else "多") if approx_words else None
    if q_start > start and ((c := text[q_start - 1]) in _PREFIX_LAST or c.isspace()):
        pm = _PREFIX.search(text, max(start, q_start - 4), q_start)
        if pm:
            word = pm.group(1)
            if word in _QUALIFIER_OF_PREFIX:
                qualifier = _QUALIFIER_OF_PREFIX[word]
            if word in ("近", "约"):
                approx = word
            q_start = pm.start()
    return qualifier, approx, q_start


def _with_prefix(text: str, q: Quantity, m: re.Match[str], start: int, suffix_qualifier: str | None) -> Quantity:
    """``q`` as a span starting at ``start`` reads it: the prefix word searched from ``start`` only."""
    qualifier, approx, q_start = _prefix_reading(text, m.group("approx") or m.group("approx2"), m.start(), start)
    if suffix_qualifier is not None:
        qualifier = suffix_qualifier
    if approx in ("余", "多") and qualifier is None:
        qualifier = "以上"
    return replace(q, start=q_start, qualifier=qualifier, approx=approx)


def _candidate(text: str, m: re.Match[str], start: int, end: int) -> tuple[Quantity, int, int, str | None] | None:
    """The quantity a match of ``_QUANTITY`` stands for in ``text[start:end]`` (None when it is none), how far
    it reaches (its range and suffix words included), the scan position after it (0 when only the match
    itself was consumed) and the qualifier its suffix word gave."""
    num, approx_words, _, num2, scale_word, approx2, unit = m.groups()  # num, approx, range_sep, num2, scale, approx2, unit
    approx_words = approx_words or approx2
    chinese = not num[0].isdigit()
    if chinese and not unit:
        return None  # Chinese numerals count only before a unit (tested first: most candidates are 一 of 统一…)
    m_start, m_end = m.span()
    # the last character before the number that is no space ("" at the text's start)
    before = text[m_start - 1] if m_start else ""
    if before.isspace():
        back = text[max(0, m_start - 3) : m_start].rstrip()
        before = back[-1] if back else ""
    if before in _NAME_BEFORE:
        return None  # 第3位 is an ordinal; PM2.5, 5G and CO2 are names
    # both sides must be a bracket: "" is in every string, so a bare 5所 spanning a whole short text was dropped
    if before in _OPEN_NOTE and text[m_end : m_end + 1] in ("］", "]", "】"):
        return None  # ［10］ marks a note of the glossary, not an amount
    scale = scale_word or ""
    if unit == "个" and text.startswith(("月", "季度", "工作日", "小时", "年度"), m_end):
        return None  # 8个月, 两个季度: a span of time, not a count
    if chinese:
        # Chinese numerals count only before a unit, and never inside words like 一般/一体化.
        if not unit or (len(num) == 1 and num in "一" and unit in ("个", "批", "种", "类", "道", "级", "位", "口", "部", "体")):
            return None
        if _embedded_cn(text, m_start) or unit in ("级", "类"):
            return None  # 三级财政, 二类: tiers and classes, not counts
    if not unit and not scale:
        if _NOT_QUANTITY_AFTER.match(text, m_end):
            return None
    q_end = m_end
    reach = m_end
    pos = 0
    if chinese and scale and not num2 and ("万" in num or "亿" in num):
        # 六百八十八亿三千万元 is one amount: the trailing 万 scales only its last section, so the whole is read
        # and held in its highest scale word, as the same amount in digits would be written (688.3亿元).
        scale, value = _sectioned(num + scale)
        if value is None:
            return None
    else:
        value = _clean_value(num)  # as the Quantity holds it; ranges clean their bounds below (cleaning keeps order)
        if value is None:
            return None
    low = high = None
    if num2:
        v2 = number_value(num2)
        if v2 is None:
            return None
        low, high = min(value, v2), max(value, v2)
    elif (unit in ("%", "‰", "个百分点") or (scale and not unit)) and _starts_with(text, q_end, _RANGE_FIRST):
        r = _RANGE_UNIT_FIRST.match(text, q_end)
        if r and (r.group("unit") in (None, unit) or unit is None):
            reach = max(reach, r.end())
            if r.end() <= end:
                v2 = number_value(r.group("num2"))
                if v2 is not None:
                    low, high = min(value, v2), max(value, v2)
                    unit = r.group("unit") or unit
                    scale = r.group("scale") or scale
                    q_end = r.end()
                    pos = q_end
    full_unit = (scale + (unit or "")) or None
    if approx_words is None and (before not in _PREFIX_LAST or m_start <= start) and not text[m_start - 1 : m_start].isspace():
        # no approximation word and no prefix word can end before the number: what _prefix_reading returns
        qualifier, approx, q_start = None, None, m_start
    else:
        qualifier, approx, q_start = _prefix_reading(text, approx_words, m_start, start)
    c = text[q_end : q_end + 1]
    sm = _SUFFIX.match(text, q_end) if c and (c in _SUFFIX_FIRST or c.isspace()) else None
    suffix_qualifier = None
    if sm:
        reach = max(reach, sm.end())
        if sm.end() <= end:
            qualifier = suffix_qualifier = _QUALIFIER_OF_SUFFIX[sm.group(1)]
            q_end = sm.end()
            pos = max(pos, q_end)
    if approx in ("余", "多") and qualifier is None:
        qualifier = "以上"
    # Quantity(...) through from_fields: ~650 a report
    q = from_fields(Quantity, {
        "start": q_start, "end": q_end, "num_start": m_start,
        "num_end": m_end if low is None else q_end if not sm else sm.start(), "value": value,
        "low": None if low is None else _clean_number(low), "high": None if high is None else _clean_number(high),
        "unit": full_unit, "qualifier": qualifier, "approx": approx, "chinese": chinese,
    })
    return q, reach, pos, suffix_qualifier


def _sectioned(numeral: str) -> tuple[str, float | None]:
    """A numeral in words with sections and a trailing scale word (一亿五千万, 四亿零七百万) as its highest scale
    word and the value in that scale: ('亿', 1.5), ('亿', 4.07)."""
    top, size = ("亿", 1e8) if "亿" in numeral else ("万", 1e4)
    total = number_value(numeral)
    return top, None if total is None else _clean_number(round(total / size, 8))


_NAME_BEFORE = frozenset("第." + string.ascii_letters)  # what makes the number after it an ordinal or a name
_OPEN_NOTE = frozenset("［[【")


def _starts_with(text: str, pos: int, first: frozenset[str]) -> bool:
    """Whether text[pos] is one of ``first`` or a space: what a pattern opening with \\s* then one of them needs."""
    c = text[pos : pos + 1]
    return bool(c) and (c in first or c.isspace())


_CN_WORDS_BEFORE = re.compile(r"[第初周星礼]$|[统唯单万十]$")


def _embedded_cn(text: str, pos: int) -> bool:
    """A Chinese numeral that belongs to a word (第三, 唯一, 统一) rather than counting."""
    return pos > 0 and bool(_CN_WORDS_BEFORE.search(text[pos - 1]))


# Growth verbs: the percent after them is a rate of change; a falling verb makes it negative.
GROWTH_UP = ("同比增长", "比上年增长", "增长", "增速达到", "增速为", "增速", "增幅", "提高", "上升", "增加", "提升", "上涨", "涨幅")
GROWTH_DOWN = ("同比下降", "下降", "减少", "降低", "回落", "微降", "下滑", "负增长", "削减")  # 削减: emissions (排放量削减3%)
_GROWTH = re.compile(
    r"(同比|比上年|较上年|年均)?\s*(" + "|".join(sorted(set(GROWTH_UP + GROWTH_DOWN), key=len, reverse=True)) + r")(?:了|达到?|为)?\s*$"
)


def growth_sign(text: str, q: Quantity, floor: int) -> int | None:
    """+1 or -1 when the percent quantity ``q`` follows a growth verb, else None."""
    m = _GROWTH.search(text, max(floor, q.start - 8), q.start)
    if not m:
        return None
    return -1 if m.group(2) in GROWTH_DOWN else 1


_RANK = re.compile(
    # A match starts with 综合排名/总量排名, 在 or an area word (全…, 省内, 市内): the lookahead repeats those first
    # characters so that the scanner skips to them (the same matches, about four times faster).
    r"(?=[综总在全省市])"
    # 全 opens an area name, not the 全 of 安全/健全/完全
    r"(?:综合排名|总量排名)?(?:在)?(?<![安健完齐周保])(?P<area>全国|全省|全市|全区|全县|全盟|全州|省内|市内|全[^\s，。；、]{0,5}?[市区县省国州盟旗])"
    r"(?P<mid>[^\s，。；、）)]{0,8}?)"
    # 第一方阵/前列 are groups, not positions; 第一批/第一次 are ordinals of other things.
    # 唯一 is a position only where the phrase ends: 全市唯一一个…的县 describes the region itself.
    r"(?P<pos>第\s*[\d一二三四五六七八九十]+\s*(?:位|名)?(?![方梯批次个步阶产])|最低|最高|最多|最少|最快|唯一(?=\s*(?:[，。；、,;）)]|$))|首位)"
)


# what every area word of _RANK holds: one search for the three (a clause without any is most clauses)
_AREA_HINT = re.compile("全|省内|市内")


def find_rank(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The rank phrase in text[start:end] as written without spaces, and its span."""
    if _AREA_HINT.search(text, start, end) is None:
        return None  # every area word of _RANK holds one of these
    m = _RANK.search(text, start, end)
    if not m:
        return None
    phrase = re.sub(r"\s+", "", m.group(0))
    phrase = re.sub(r"^(?:在)", "", phrase)
    return phrase, m.start(), m.end()
