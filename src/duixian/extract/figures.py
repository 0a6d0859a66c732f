"""Reading one clause as a figure: who (the metric wording), what verb, which quantities.

Targets and actuals both read clauses of the shape ``<metric><verb><quantity>…``
(地区生产总值完成317.2亿元 / 固定资产投资增长9%左右 / 城镇调查失业率控制在5.5%左右).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duixian.extract.quantity import Quantity, quantities_of
from duixian.frozen import from_fields

# Patterns of the hot loops compiled once (module-level re.* calls look each one up in re's cache).
_SHARE_TAIL = re.compile(r"(?:的)?\s*(?:比重|比例|份额)?\s*(?:超过|超|达到|达|约|近|突破)?\s*$")
_PACE = re.compile(r"\s*(?:速度|幅度|水平)\s*")
_NOT_WORDS = re.compile(r"[\s“”\"的]")
_ONLY_FIGURES = re.compile(r"[\s\d.%％、和及]*")

# What may come before the verb (同比|增长), and the verbs themselves, in the order the alternation tries them.
_VERB_PREFIXES = ("同比", "比上年", "较上年", "分别", "年均", "首次", "平均", "均", "同口径")
_VERBS = (
    "增长(?!率)", "增速达到", "增速为", "增速", "增幅", "下降", "减少", "削减", "降低", "回落", "微降", "下滑", "提高到", "提高至", "提高",
    "提升至", "提升到", "提升", "降至", "降到", "完成", "实现", "达到", "达", "为", "突破", "超过", "控制在", "保持在", "稳定在",
    "保持", "增加(?!值)", "累计达", "总数达", "占", "上涨", "涨幅", "扭转", "与", "和经济", "统筹", "由",
    # 从 opens a change as 由 does (收入从3.2亿元增加到4.1亿元, 从1997年的7.4万亿元…): only right before the first
    # figure or the year it dates (read_clause checks); elsewhere it is a word of its own (从业人员, 从严)
    "从",
    "在",  # 城镇调查失业率在5%左右: only right before the number (read_clause checks)
)
# The lookahead repeats what a verb starts with: the same matches, found about five times faster (the scanner
# skips to candidate characters instead of trying the whole alternation at every position of a clause).
VERB = re.compile(
    "(?=[" + "".join(sorted({w[0] for w in _VERB_PREFIXES + _VERBS})) + "])"
    "(?:" + "|".join(_VERB_PREFIXES) + ")*(?:" + "|".join(_VERBS) + ")"
)
DISTRIBUTIVE = "分别"
# 在 after these is part of a longer verb (把增长预期目标定在7.5%左右 sets a goal; it reports no level).
_SET_AT = frozenset("定放落")


@dataclass(frozen=True)
class Figure:
    start: int  # clause span
    end: int
    subject: tuple[int, int]  # metric wording span (may be empty)
    object: tuple[int, int]  # words between the verb and the first quantity (完成|年度投资|253亿元)
    verb: str | None
    quantities: tuple[Quantity, ...]

    def subject_text(self, text: str) -> str:
        return text[self.subject[0] : self.subject[1]]


# An amount right before what it classes (年销售收入过10亿元|企业, 超百亿元|产业集群, 10亿元以上|项目): a bar the
# things counted passed, not a figure; the count after it is the value (…企业达到5家).
_CLASS_NOUN = r"(?:企业|项目|工程|园区|集群|龙头|大户|村|镇|街道)"
_CLASSED = re.compile(rf"的?(?:[\u4e00-\u9fff]{{0,4}}?{_CLASS_NOUN})")
# what every bar is followed by: an amount of 元 (以上) then, within a few characters, what it classes
_BAR_HINT = re.compile(rf"元(?:以上)?的?[\u4e00-\u9fff]{{0,4}}?{_CLASS_NOUN}")
_BAR_WORDS = frozenset("过超逾上")  # what precedes or ends such a bar (过/超/逾 10亿元, 10亿元以上)


def _class_bar(text: str, q: Quantity) -> bool:
    if q.unit is None or "元" not in q.unit:
        return False  # (most quantities: a count or a percent)
    before = text[q.start - 1 : q.start] if q.start else ""
    if before not in _BAR_WORDS and not (q.start < q.num_start and text[q.start] in _BAR_WORDS) and text[q.end - 1 : q.end] != "上":
        return False
    return _CLASSED.match(text, q.end) is not None


def read_clause(text: str, start: int, end: int) -> Figure:
    qs = quantities_of(text, start, end)
    if qs and _BAR_HINT.search(text, start, end) is not None:  # (one search skips the clauses without a bar)
        qs = tuple(q for q in qs if not _class_bar(text, q))
    # with numbers the last verb before them ends the subject; without, the first (居民收入|与经济增长同步)
    m = None
    if qs:
        limit = qs[0].num_start
        for found in VERB.finditer(text, start, limit):
            word = found.group()
            if word == "从":
                if not text[found.end() : limit].strip() or _DATED.fullmatch(text, found.end(), limit):
                    m = found
            elif word != "在" or (not text[found.end() : limit].strip() and text[found.start() - 1] not in _SET_AT):
                m = found  # the last verb (no list of them); 在 alone only where the number follows
    else:
        limit = end
        m = VERB.search(text, start, limit)
        while m is not None and m.group() in ("在", "从"):
            m = VERB.search(text, m.end(), limit)  # 在 and 从 are verbs only before a number
    if m:
        subject = _strip(text, start, m.start())
        obj = _strip(text, m.end(), limit)
        verb = m.group(0)
    else:
        subject, verb, obj = _strip(text, start, limit), None, (limit, limit)
    return _new_figure(start, end, subject, obj, verb, qs)


def _new_figure(start: int, end: int, subject: tuple[int, int], obj: tuple[int, int], verb: str | None,
                quantities: tuple[Quantity, ...]) -> Figure:
    """``Figure(...)`` through ``from_fields`` (a report reads ~330 clauses)."""
    return from_fields(Figure, {"start": start, "end": end, "subject": subject, "object": obj, "verb": verb,
                                "quantities": quantities})


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    if s < e and not text[s].isspace() and not text[e - 1].isspace():
        return s, e  # most spans: no space at either edge
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# An object that only dates the figure (由|2025年的|3.2亿元, 增加到|2030年的|10.2万亿元) names no indicator.
_DATED = re.compile(r"\s*(?:到|至)?\s*(?:(?:19|20)\d\d|(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2})\s*年(?:底|末)?\s*的?\s*")


def dated(words: str) -> bool:
    """Whether ``words`` only date a figure (2025年的, 到2030年底的)."""
    return _DATED.fullmatch(words) is not None


def metric_wording(text: str, fig: Figure) -> str:
    """The metric's words: the object when the verb comes first (力争完成|年度投资|253亿元), else the subject."""
    obj = text[fig.object[0] : fig.object[1]]
    if fig.object[1] > fig.object[0] and _DATED.fullmatch(obj):
        return fig.subject_text(text)
    subject = fig.subject_text(text)
    if fig.verb and fig.verb.endswith("占"):
        # 二三产业占经济总量的97.7%: a share, named by both sides
        share = _SHARE_TAIL.sub("", obj)
        return subject + "占" + share + "比重"
    if _PACE.fullmatch(obj) and fig.verb:
        return subject + fig.verb + obj.strip()  # 经济增长速度8%: the verb is inside the name
    if len(obj) >= 2 and len(_NOT_WORDS.sub("", obj)) >= 2 and not _ONLY_FIGURES.fullmatch(obj):  # (most objects are empty)
        if fig.verb in ("完成", "实现") and re.fullmatch(r"投资|收入|产值|营收|税收|利税|销售额", obj.strip()):
            return subject + fig.verb + obj  # 重点项目完成投资: the object alone names nothing
        return obj
    return subject


_LIST_SPLIT = re.compile(r"[、]|和(?=[\u4e00-\u9fff]{2})|及|与")


# The head a short item shares the rest of the last one with (城镇和农村|居民人均可支配收入); without it a short
# item is an indicator of its own (化学需氧量、氨氮、二氧化硫、氮氧化物排放量: 氨氮 is not 氨氮氧化物…).
_PAIRED_HEAD = re.compile(r"城镇|农村|城市|乡村")


def split_subjects(subject: str) -> list[str]:
    """'调查失业率、登记失业率' → two; '城乡居民人均可支配收入' → 城镇…, 农村… (the genre's shorthand)."""
    parts = [p for p in re.split(r"、|和|及", subject) if p]
    if len(parts) <= 1:
        return parts or [subject]  # nothing to split, or only separators (a subject lost to cleaning)
    # a shared tail: '城镇和农村居民人均可支配收入' → 城镇居民…, 农村居民…
    last = parts[-1]
    out = []
    head = _PAIRED_HEAD.match(last)
    of = last.rfind("的")
    shared = last[of:] if 0 < of and 2 <= len(last) - of <= 6 else ""  # A、B和C的投资: each one's 投资
    for p in parts[:-1]:
        if len(p) <= 3 and len(last) > 4 and head:
            out.append(p + last[head.end() :])
        elif shared and "的" not in p:
            out.append(p + shared)
        else:
            out.append(p)
    out.append(last)
    return out


def is_part(text: str, cs: int) -> bool:
    """Whether the clause at ``cs`` opens on 其中 (or follows a clause of 其中 alone): it breaks down the figure
    before it (…投资完成20.25亿元，其中城镇固定资产投资15.6亿元)."""
    return text.startswith("其中", cs) or text[max(0, cs - 4) : cs].rstrip("，,、 ").endswith("其中")


def expand_urban_rural(subject: str, n: int) -> list[str] | None:
    """'城乡常住居民人均可支配收入' with two values means the urban and the rural figure; '存贷款余额' the deposit
    and the loan balance (金融机构存贷款余额分别达199.5亿元、67.5亿元)."""
    if n != 2:
        return None
    if subject.startswith("城乡"):
        rest = subject[2:]
        return ["城镇" + rest, "农村" + rest]
    head, sep, tail = subject.partition("存贷款")
    if sep:
        return [head + "存款" + tail, head + "贷款" + tail]
    return None
