"""Targets: the year's goals, read wherever the report states them, each with a confidence.

Three readings propose candidates, strongest first:

1. a targets list — the clauses after 主要预期目标是：/目标为： or under a targets heading, and the
   sentences that go on listing goals;
2. an inline goal — a plan sentence that names a goal with its number (经济增长预期目标为7%左右,
   地区生产总值预期增长目标6%左右);
3. only when neither finds anything: quantified, goal-like clauses of the plan part (a news summary
   restating the goals without a cue); in a national report beside its list, and in a text without a list
   beside its inline goals, also a headline indicator not given yet, with 左右/以上/以内 as written
   (广义货币增长17%左右, 新增贷款5万亿元以上; a news piece's 全年工业投资增长12%以上).

The same goal proposed twice is kept once, from the strongest reading. A goal whose sentence names a
horizon (“十四五”, 到2025年, 年均, 未来五年) is a multi-year goal: its year is the horizon's, never the
plan year's. Another government's goal quoted for comparison (全国…, 总理…) is not the region's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from duixian.extract.context import Context, clauses, trimmed_clauses
from duixian.extract.figures import (
    DISTRIBUTIVE,
    Figure,
    expand_urban_rural,
    is_part,
    metric_wording,
    read_clause,
    split_subjects,
)
from duixian.extract.metrics import canonical, canonical_of, clean_phrase, is_canonical, of_year
from duixian.extract.quantity import PERCENT_UNITS, Quantity, find_quantities
from duixian.extract.records import Target
from duixian.extract.registry import register
from duixian.intervals import Covered
from duixian.model import SentencePart
from duixian.structure.parts import delivered_in_december, sentence_scores
from duixian.structure.sentences import split_sentences

_LIST_START = re.compile(r"(?:目标|指标)(?:是|为|如下)?[：:]")
# A sentence that comments on the targets rather than listing one ends the list.
_AFTER_LIST = re.compile(r"(?:以上|上述|实现上述|实现这些|围绕|这些|为实现|为此|要实现|完成上述|当前|同时)")
_GROWTH_VERB = re.compile(r"增长|提高|增速|增幅|涨幅|上涨|提升")
_CAP = re.compile(r"控制在|控制|不超过|以内")
_MULTI_YEAR = re.compile(r"\d+年内|[两三四五]年内|每年|年均|“?十[三四五六]五”?|到20\d\d年|20\d\d年前")
_INDICATOR_NOUN = re.compile(r"率|投资|企业|主体|收入|产值|营收|增加值|就业|总额|总量|总数|产量|税|货币|贷款|余额|价格|指数|能耗")
_GOAL_WORD = re.compile(r"力争|确保|达到|突破|新增|培育|增长")
_REDUCTION = re.compile(r"降低|下降|减少|削减")
# Indicators that are themselves a ratio: a percent after them is their level, not their growth.
_RATE_NAME = re.compile(r"率|比重|比例|强度|占比|涨幅|指数|水平|浓度")
# Words that name the goal rather than the indicator (经济增长|预期目标|为, 地区生产总值|预期增长目标|6%).
_CUE_TAIL = re.compile(
    r"(?:的)?(?:宏观)?(?:调控)?(?:主要)?(?:预期)?(?:(?:增长|增速)(?=目标))?(?:调控)?(?:目标|预期)(?:[，,]?(?:是|为|定为|定在|定|确定为|确定))?$|(?:预期|目标|计划)$"
)


def strip_cue(phrase: str) -> str:
    """A metric wording without the goal words that end it (经济增长预期目标 → 经济增长)."""
    out = phrase
    while True:
        nxt = _CUE_TAIL.sub("", out)
        if nxt == out:
            return out
        out = nxt


def _list_range(ctx: Context, start: int, body: int, end: int) -> tuple[int, int]:
    """The stretch of a targets section that lists targets: after 目标是： (else after the heading)."""
    text = ctx.text
    m = _LIST_START.search(text, start, end)
    s = m.end() if m else body
    e = end
    for sent in split_sentences(text, s, end):
        if sent.start > s and _AFTER_LIST.match(text, sent.start):
            e = sent.start
            break
    return s, e


def _kind(clause: str, fig: Figure, q: Quantity, subject: str = "") -> str:
    if q.percent and (_CAP.search(clause) or q.qualifier in _UPPER):
        return "cap"  # an upper bound on a rate, by a verb (控制在) or a bound word (低于/不高于4.6%: 以内)
    if q.percent and ((fig.verb and (_GROWTH_VERB.search(fig.verb) or _REDUCTION.search(fig.verb) or fig.verb.endswith("增加")))
                      or _GROWTH_VERB.search(subject)):
        return "growth"  # 能耗降低4%: a change, stored negative
    if q.percent and (fig.verb is None or fig.verb in ("力争", "确保", "争取")) and not _RATE_NAME.search(subject):
        return "growth"  # 规模以上工业增加值力争8%、确保7%: the growth verb is understood
    if q.percent and not _RATE_NAME.search(subject) and _GROWTH_GOAL.search(clause, 0, max(0, q.start - fig.start)):
        return "growth"  # 广义货币增长目标为16%, 余额预期增长均为12%: the goal is a growth, whatever verb sets it
    if q.percent:
        return "rate"
    return "level"


# A growth named as the goal before the verb that sets it (增长目标为, 预期增长均为, 增速目标定在).
_GROWTH_GOAL = re.compile(r"(?:增长|增速)(?:的)?(?:预期)?(?:目标)?(?:拟定|确定|定)?(?:均|分别)?(?:为|是|在)\s*$")


# An upper bound as written: 以下 (控制在3%以下, 4.5%以下) says what 以内 says, and the labels' qualifiers are
# 左右/以上/以内/同步 only, so a goal's 以下 is stored as 以内 (the quantity grammar keeps the word as written).
_UPPER = ("以内", "以下")


def _qualifier(qualifier: str | None) -> str | None:
    return "以内" if qualifier == "以下" else qualifier


# A target's confidence and basis as a reading made it: given when the target is made (not set afterwards
# by dataclasses.replace, which rebuilds the record); unrated is the records' default.
_Rating = tuple[float, str]
_UNRATED: _Rating = (1.0, "")


# How a goal is to move, written between the indicator and its verb (社会消费品零售总额稳定增长, 居民收入平稳增长,
# 外贸稳步增长): the manner, not part of the indicator's name.
_MANNER_TAIL = re.compile(r"(?:稳定|平稳|稳步|较快|持续|不断|继续|保持|进一步|逐步|明显|有所)+$")


def _make(ctx: Context, span: tuple[int, int], subject: str, kind: str, q: Quantity | None,
          qualifier: str | None, year: int | None, extra: str = "", low=None, high=None, verb: str | None = None,
          rating: _Rating = _UNRATED) -> Target:
    raw = clean_phrase(subject)
    if (m := _MANNER_TAIL.search(raw)) and m.start() >= 2:
        raw = raw[: m.start()]
    if q is not None and kind == "growth" and _REDUCTION.search(verb or ""):
        q = replace(q, value=-q.value, low=-q.high if q.high is not None else None, high=-q.low if q.low is not None else None)
    return Target(
        **ctx.ground("target", span[0], span[1], extra),
        metric=of_year(canonical_of(raw, verb), year),
        metric_raw=raw,
        target_kind=kind,
        value=q.value if q else None,
        low=low if low is not None else (q.low if q else None),
        high=high if high is not None else (q.high if q else None),
        unit=q.unit if q else None,
        qualifier=_qualifier(qualifier),
        year=year,
        confidence=rating[0],
        basis=rating[1],
    )


# A clause that opens on the base of a change by an amount (比上年增加505万吨, 比去年多100万人, 同比减少3家) gives the
# change of the figure before it; a rate against the base (同比增长24.6%) is a goal of its own.
_CHANGE_OF_BEFORE = re.compile(r"(?:[比较](?:上一?年|去年|同期)|同比)(?:增加|减少|多|少|增|减)")

# A goal compared with another goal (预期目标比去年多100万人, 增长目标较上年低0.5个百分点) comments on it, in any reading.
_GOAL_COMPARED = re.compile(r"目标(?:[比较]|与)(?:上一?年|去年|上年度)")


def _from_clause(ctx: Context, cs: int, ce: int, year: int | None, prev_subject: str, news: bool,
                 fig: Figure | None = None, rating: _Rating = _UNRATED) -> tuple[list[Target], str]:
    """The goals of text[cs:ce]; ``fig`` is read_clause(text, cs, ce) when the caller has read it already."""
    text = ctx.text
    if fig is None:
        fig = read_clause(text, cs, ce)
    clause = text[cs:ce]
    qs = [q for q in fig.quantities if not q.chinese]  # headline goals are written in digits
    if qs and qs[0].unit not in PERCENT_UNITS and _CHANGE_OF_BEFORE.match(clause):
        return [], prev_subject  # 粮食产量达到41250万吨，比上年增加505万吨: how far the goal before rises, not a level
    if _GOAL_COMPARED.search(clause):
        return [], prev_subject  # 就业预期目标比去年多100万人: this year's goal against last year's, a comment
    subject = strip_cue(clean_phrase(metric_wording(text, fig) if qs else fig.subject_text(text)))
    if not subject:
        subject = strip_cue(clean_phrase(fig.subject_text(text)))
    if not subject and qs:
        subject = prev_subject
    if not qs:
        if len(subject) < 2 or news or fig.verb is None:
            return [], prev_subject
        qualifier = "同步" if "同步" in clause else None
        return [_make(ctx, (cs, ce), subject, "other", None, qualifier, year, verb=fig.verb, rating=rating)], subject
    out: list[Target] = []
    if DISTRIBUTIVE in clause and len(qs) >= 2:
        names = expand_urban_rural(subject, len(qs)) or split_subjects(subject)
        if len(names) == len(qs):
            for i, (name, q) in enumerate(zip(names, qs, strict=False)):
                qual = q.qualifier or qs[-1].qualifier
                out.append(_make(ctx, (cs, ce), name, _kind(clause, fig, q, name), q, qual, year, extra=str(i), verb=fig.verb, rating=rating))
            return out, subject
    if len(qs) == 1 and (names := _joint_indicators(subject)):
        # 城镇居民人均可支配收入和农民人均纯收入均增长8.5%以上, 全部财政收入和公共财政预算收入增长15%以上: one goal
        # of each indicator named
        q = qs[0]
        return [_make(ctx, (cs, ce), name, _kind(clause, fig, q, name), q, q.qualifier, year, extra=str(i), verb=fig.verb,
                      rating=rating) for i, name in enumerate(names)], subject
    if len(qs) == 2 and ("力争" in clause or "确保" in clause) and qs[0].unit == qs[1].unit and qs[1].start - qs[0].end <= 4:
        first_word = "力争" if clause.find("力争") != -1 and (clause.find("确保") == -1 or clause.find("力争") < clause.find("确保")) else "确保"
        lo, hi = sorted((qs[0].value, qs[1].value))
        return [_make(ctx, (cs, ce), subject, _kind(clause, fig, qs[0], subject), qs[0], first_word, year, low=lo, high=hi, verb=fig.verb, rating=rating)], subject
    if len(qs) >= 2 and "、" in text[qs[0].end : qs[1].start]:
        # an enumeration of separate goals: 一季度开工率达到30%以上、二季度开工率达到90%以上
        cut = text.index("、", qs[0].end, qs[1].start)
        first, subj = _from_clause(ctx, cs, cut, year, prev_subject, news, rating=rating)
        rest, subj = _from_clause(ctx, cut + 1, ce, year, subj, news, rating=rating)
        return first + rest, subj
    q = qs[0]
    out.append(_make(ctx, (cs, ce), subject, _kind(clause, fig, q, subject), q, q.qualifier, year, verb=fig.verb, rating=rating))
    return out, subject


# What follows the joined names before the verb: 均 (…均增长8.5%), the growth they share (…余额预期增长|均为12%).
_JOINT_TAIL = re.compile(r"(?:(?:预期)?(?:增长|增速))?均?$")


def _joint_indicators(subject: str) -> list[str] | None:
    """The indicators of a subject that joins two or more of the table's (A和B, A、B), each named in full."""
    if "和" not in subject and "、" not in subject:
        return None
    names = split_subjects(_JOINT_TAIL.sub("", subject))
    metrics = [canonical(n) for n in names]
    if len(names) < 2 or not all(is_canonical(m) for m in metrics) or len(set(metrics)) < len(metrics):
        return None
    return names


# A floor and the stretch aimed for in the next clause (增长6%以上，力争7%) are one target with both bounds.
_STRETCH = re.compile(r"(?:力争|争取|确保|努力)(?:达到|实现|增长)?\s*\d")


def _stretches(ctx: Context, before: Target, after: Target, cs: int) -> bool:
    return (
        before.value is not None and after.value is not None and before.unit == after.unit
        and before.low is None and re.fullmatch(r"\s*[，,]\s*", ctx.text[before.span[1] : cs]) is not None
    )


def _with_stretch(ctx: Context, before: Target, after: Target, ce: int) -> Target:
    g = ctx.ground("target", before.span[0], ce)
    lo, hi = sorted((before.value, after.value))  # type: ignore[type-var]  # both set: _is_stretch checks
    return replace(before, quote=g["quote"], span=g["span"], raw_span=g["raw_span"], low=lo, high=hi)


def _year_in(clause: str, default: int | None) -> int | None:
    """The year a goal's clause names (争取1997年粮食产量达到…), not a base year (比2020年翻一番)."""
    m = _GOAL_YEAR.search(clause)
    return int(m.group(1)) if m else default


_GOAL_YEAR = re.compile(r"(?<![比较])((?:19|20)\d\d)\s*年")


# A list of the year's goals opens with a cue (主要预期目标是：, 目标为：); a plan sentence that names a
# goal with its number is an inline goal.
# Every alternative opens with its own literal word (not a group of words): the regex engine then skips to
# their first characters, which matters for the scan of the whole text.
_LIST_OPEN = re.compile(
    r"目标(?:任务)?(?:是|为|如下)?[：:]|指标(?:任务)?(?:是|为|如下)?[：:]"
    r"|主要目标(?:是|为)|预期目标(?:是|为)|奋斗目标(?:是|为)|主要(?:经济)?指标(?:是|为)"
)
# Conditions a list may set for the year without a number or a verb of the figure grammar.
# 稳中有升/稳中有进/稳中有增: the headline indicator holds and edges up (固定资产投资稳中有升).
_STATE = re.compile(r"(?:状况)?(?:基本|继续|有所|总体|保持|稳中)?(?:平衡|改善|稳定|好转|提质|向好)|稳中有[升进增]")
_DONE = re.compile(r"(?:全部|全面|基本)(?:脱贫|摘帽|消除)")
_SETS = re.compile(r"(?:定为|定在|确定为|为|是)")
# (增长|增速)?预期(是|为) written out, in the order the optional group tries them: every alternative opens with
# a literal word, so the regex engine skips to first characters (the same matches).
_INLINE = re.compile(
    r"预期目标|主要目标|调控目标|增长目标|增速目标|预期增长|增速预期"
    r"|增长预期(?:是|为)|增速预期(?:是|为)|预期(?:是|为)|目标(?:是|为|定为|定在)"
)
# The goals of a plan period, not of the year.
_FIVE_YEAR = {"七五": 1990, "八五": 1995, "九五": 2000, "十五": 2005, "十一五": 2010, "十二五": 2015, "十三五": 2020,
              "十四五": 2025, "十五五": 2030, "十六五": 2035}
_HORIZON = re.compile(
    r"“(十[一二三四五六]?五|[七八九]五)”|(十[一二三四五六]五|[七八九]五)(?:规划|计划|时期|期间|末|以来)"
    r"|(?:到|至)\s*((?:19|20)\d\d)\s*年|((?:19|20)\d\d)\s*年(?:前|以前)|(?:未来|今后)[二三四五六七八九十]{1,2}年|五年内|年均"
)
# Another government's goal quoted beside the region's (温家宝总理…将今年经济增速预期目标定为7.5%).
_HIGHER = {
    "nation": (),
    "province": ("全国", "国家", "总理", "国务院", "中央"),
    "city": ("全国", "国家", "总理", "国务院", "中央", "全省", "省政府", "省里"),
}
# Words with 国家/全省 that still speak of the region's own goal: a national-level designation, a task the
# higher government set it (完成国家下达任务).
_OWN_DUTY = re.compile(r"国家(?:级|高新|重点)|(?:国家|省|市|上级)(?:政府)?下达")
_CONFIDENCE = {"list": 0.95, "inline": 0.85, "scattered": 0.6}


def _lead_in(ctx: Context, pos: int) -> tuple[int, int]:
    """What introduces the goal at ``pos``: the sentence that opens its list up to the cue
    (“十五五”时期…奋斗目标是：), or, without a cue in its paragraph, its own sentence up to the goal."""
    para = _paragraph_of(ctx, pos)[0]
    opens = [m.end() for m in _LIST_OPEN.finditer(ctx.text, para, pos)]
    if opens:
        # a time said right after the cue (奋斗目标是：到2007年，…) introduces the whole list
        after = _AFTER_CUE_TIME.match(ctx.text, opens[-1], pos)
        return _sentence_at(ctx, opens[-1] - 1)[0], after.end() if after else opens[-1]
    return _sentence_at(ctx, pos)[0], pos


_AFTER_CUE_TIME = re.compile(r"[：:]?\s*(?:到|至)\s*(?:19|20)\d\d\s*年(?:底|末)?\s*[，,]")


# Inside the goal's own clause only an explicit horizon counts: 与“十四五”目标统筹衔接 names a plan, not a horizon.
_CLAUSE_HORIZON = re.compile(r"(?:到|至)\s*(?:19|20)\d\d\s*年|(?:19|20)\d\d\s*年(?:前|以前)|未来五年|今后五年|五年内|年均")


_THIS_YEAR = re.compile(r"今年|本年|全年|明年")


def _horizon(ctx: Context, s: int, e: int, *, clause: bool) -> tuple[str, int | None] | None:
    """The multi-year horizon ``text[s:e]`` sets goals to, as written, with its end year (None if unknown)."""
    plan = ctx.plan_year
    if not clause:
        # the last time named before the goals wins: 根据“十五”计划纲要…，今年，国内生产总值增长8.5% is the year's
        last_year = max((m.end() for m in _THIS_YEAR.finditer(ctx.text, s, e)), default=-1)
        last_horizon = max((m.end() for m in _HORIZON.finditer(ctx.text, s, e)), default=-1)
        if last_year > last_horizon:
            return None
    for m in _HORIZON.finditer(ctx.text, s, e):
        word = m.group(0)
        if clause and not _CLAUSE_HORIZON.match(word):
            continue
        if m.group(1) or m.group(2):
            year = _FIVE_YEAR.get(m.group(1) or m.group(2))
        elif m.group(3) or m.group(4):
            year = int(m.group(3) or m.group(4))
        else:
            year = ((plan - 1) // 5 * 5 + 5) if plan else None  # the plan period the year belongs to
            if word.endswith("五年") or word == "五年内":
                year = plan + 4 if plan and year == plan else year
            elif word.startswith(("未来", "今后")):
                year = None  # 未来十五年: a horizon whose end the text does not give as a year
        if year is not None and year == plan:
            continue  # 到2020年底 in the 2020 plan is the year itself
        return word, year
    return None


def _higher(ctx: Context) -> tuple[str, ...]:
    level = ctx.sd.report.level or ""
    return _HIGHER.get(level, _HIGHER["city"])


def list_spans(ctx: Context) -> list[tuple[int, int, bool]]:
    """(start, end, explicit) of every targets list: targets sections, then plan sentences that open a
    list (主要预期目标是：); ``explicit`` lists may hold goals without a number (与经济增长同步)."""
    return list(ctx.memo("targets.list_spans", _list_spans))  # read by the targets and pledges extractors


def _list_spans(ctx: Context) -> list[tuple[int, int, bool]]:
    text = ctx.text
    out: list[tuple[int, int, bool]] = []
    for sec in ctx.sections_with("targets"):
        if find_quantities(text, sec.start, sec.heading_end):
            # a headline that states the goal itself (重庆2023年预期目标GDP增长6%以上): the body is an article
            out.append((sec.start, sec.heading_end, True))
            continue
        s, e = _list_range(ctx, sec.start, max(sec.start, sec.heading_end), sec.end)
        out.append((s, _list_end(ctx, s, e), True))
    in_sections = Covered((a, b) for a, b, _ in out)
    last_end = -1  # sentence lists come in text order: a later sentence overlaps one only before its end
    for sp in _may_open_a_list(ctx):
        if sp.start < last_end or in_sections.overlaps(sp.start, sp.end):
            continue
        m = _LIST_OPEN.search(text, sp.start, sp.end)
        if not m or (sp.part in ("review", "problems") and not _plans_by_its_words(ctx, sp)):
            continue
        out.append((m.end(), _list_end(ctx, m.end(), _paragraph_of(ctx, sp.start)[1]), True))
        last_end = max(last_end, out[-1][1])
    return out


def _may_open_a_list(ctx: Context) -> list[SentencePart]:
    return _sentences_holding(ctx, _LIST_OPEN)


def _sentences_holding(ctx: Context, cue: re.Pattern[str]) -> list[SentencePart]:
    """The sentences that may hold ``cue``, in order: those a match found by one scan of the whole text lies
    in or reaches into. For a cue that neither anchors nor looks around, a match inside a sentence is found
    by the scan there or hidden only by a scanned match that overlaps it (and so the sentence); every other
    sentence's own search would find nothing."""
    parts = ctx.sd.parts
    starts = ctx.part_starts
    out: list[int] = []
    for m in cue.finditer(ctx.text):
        i = max(bisect_right(starts, m.start()) - 1, 0)
        while i < len(parts) and parts[i].start < m.end():
            if parts[i].end > m.start() and (not out or i > out[-1]):
                out.append(i)
            i += 1
    return [parts[i] for i in out]


def _plans_by_its_words(ctx: Context, sp) -> bool:
    """A sentence that opens a targets list and whose own words plan (今年…主要预期目标是：) is a list even
    where its section or its neighbours made it review or problems (a heading read as the problems part)."""
    scores, _ = sentence_scores(ctx.text[sp.start : sp.end], ctx.sd.report, delivered_in_december(ctx.sd.report))
    return scores["plan"] > max(scores["review"], scores["problems"])


def _list_end(ctx: Context, s: int, e: int) -> int:
    """Where a list that opens at ``s`` ends: after its first sentence, at the first sentence that does
    not go on listing goals (这里要着重说明…, 为实现上述目标…) or that reads as a result (预计全年…)."""
    sentences = [x for x in split_sentences(ctx.text, s, e)]
    if not sentences:
        return e
    end = sentences[0].end
    for nxt in sentences[1:]:
        if not _lists_on(ctx, nxt.start, nxt.end) or ctx.part(nxt.start) == "review":
            break
        end = nxt.end
    return end


def _lists_on(ctx: Context, s: int, e: int) -> bool:
    """Whether a sentence goes on listing goals: its first clause is a goal with a number or names an
    indicator (固定资产投资扭转下滑态势), not a comment (这里要着重说明…)."""
    text = ctx.text
    if _AFTER_LIST.match(text, s):
        return False
    # the first clause with words (a stray 以内， left by a broken source line is not one)
    first = next((c for c in clauses(text, s, e) if c[1] - c[0] >= 3), None)
    if first is None:
        return False
    fig = read_clause(text, *first)
    subject = clean_phrase(fig.subject_text(text))
    if [q for q in fig.quantities if not q.chinese]:
        return len(subject) >= 2
    return is_canonical(canonical(subject)) or bool(_INDICATOR_NOUN.search(subject) and len(subject) <= 12)


def _read_list(ctx: Context, s: int, e: int, explicit: bool) -> list[Target]:
    """Every goal of a list. A goal without a number (与经济增长同步, 国际收支基本平衡) must still name an
    indicator: a clause of principle in the same paragraph (必须保持…, 要扩大…) is not a target."""
    rating = (_CONFIDENCE["list"], "targets list")
    return [t for t in _list_clauses(ctx, s, e, explicit, rating) if t.value is not None or _named_goal(t)]


_PRINCIPLE = re.compile(r"^(?:要|必须|就|只要|维护|切实|贯彻|不要|建立|积极|坚持|努力|加快|推动|推进|实现|提高|促进)")


def _named_goal(t: Target) -> bool:
    raw = t.metric_raw
    if _PRINCIPLE.match(raw):
        return False
    return _indicator(t) or bool(re.search(r"指标|任务|收支|平衡|总量|水平$|质量$", raw) or _MEETS.search(t.quote))


# A goal met by finishing what a higher government set (碳排放双控完成国家下达任务).
_MEETS = re.compile(r"(?:完成|达到)[^，。；,;]{0,10}(?:任务|目标|指标)$|(?:全部|全面|基本)(?:脱贫|摘帽|消除)$")


def _sentence_at(ctx: Context, pos: int) -> tuple[int, int]:
    sp = ctx.sentence_part(pos)
    return (sp.start, sp.end) if sp else (pos, pos)


def _list_clauses(ctx: Context, s: int, e: int, explicit: bool, rating: _Rating = _UNRATED) -> list[Target]:
    out: list[Target] = []
    prev = ""
    pending: int | None = None
    for cs, ce in trimmed_clauses(ctx.text, s, e):
        if pending is not None:
            # a noun list continues across a comma, not across a semicolon or a full stop
            cs, pending = (pending if not re.search(r"[；;。]", ctx.text[pending:cs]) else cs), None
        fig = read_clause(ctx.text, cs, ce)
        state = (_STATE.search(ctx.text, cs, ce) or _DONE.search(ctx.text, cs, ce)) if explicit and not fig.quantities else None
        if state and state.end() == ce and state.start() - cs >= 2 and fig.verb is None:
            # a goal stated as a condition to keep, with no verb of the grammar (国际收支基本平衡)
            out.append(_make(ctx, (cs, ce), ctx.text[cs : state.start()], "other", None, None, ctx.plan_year,
                             rating=rating))
            continue
        if not fig.quantities and fig.verb is None:
            # a bare noun list continues into the next clause (就业人数，失业率…等指标完成…); a lead-in
            # phrase (综合分析国内外各种情况，) does not
            if "等" in re.split(r"[，,。；;]", ctx.text[ce + 1 : ce + 60])[0] or ce - cs <= 8:
                pending = cs
            continue
        got, prev = _from_clause(ctx, cs, ce, ctx.plan_year, prev, news=not explicit, fig=fig, rating=rating)
        if out and got and is_part(ctx.text, cs):
            # 财政收入增长10.1%，其中，地方财政收入增长5.5%: a part of the indicator before keeps its own name
            got = [replace(t, metric=t.metric_raw) if any(o.metric == t.metric for o in out[-3:]) else t for t in got]
        if out and len(got) == 1 and _STRETCH.match(ctx.text, cs) and _stretches(ctx, out[-1], got[0], cs):
            out[-1] = _with_stretch(ctx, out[-1], got[0], ce)
            continue
        out.extend(got)
    return out


def _inline(ctx: Context, taken: list[tuple[int, int, bool]]) -> list[Target]:
    """Plan sentences that state a goal with its number outside any list (经济增长预期目标为7%左右)."""
    text = ctx.text
    out: list[Target] = []
    listed = Covered((a, b) for a, b, _ in taken)
    for sp in _sentences_holding(ctx, _INLINE):
        if sp.part in ("review", "problems") or sp.start in listed:
            continue
        if not _INLINE.search(text, sp.start, sp.end):
            continue
        prev = ""
        stated = False
        opened: int | None = None  # a cue clause whose number comes after a comma (…调控目标，定为百分之八至九)
        for cs, ce in trimmed_clauses(text, sp.start, sp.end):
            if opened is not None and _SETS.match(text, cs):
                cs = opened
            opened = None
            cued = bool(_INLINE.search(text, cs, ce))
            if not cued and not stated:
                continue
            if not find_quantities(text, cs, ce):
                opened = cs if cued else None
                continue
            got, prev = _from_clause(ctx, cs, ce, _year_in(text[cs:ce], ctx.plan_year), prev, news=True,
                                     rating=(_CONFIDENCE["inline"], "goal stated in a plan sentence"))
            # after a stated goal, the sentence's next goal-shaped clauses are goals too (…M2增长目标为17%左右，
            # 新增人民币贷款7.5万亿元左右)
            kept = [t for t in got if _indicator(t) and t.value is not None and not _COMMENT.search(text, cs, ce)]
            out.extend(kept)
            stated = stated or (cued and bool(kept))
    return out


# A clause that compares with a goal or revises it is a comment, not a goal (高于预期目标7.5个百分点,
# 增长目标下调1个百分点, 这里要着重说明，提出8%左右的…目标).
_COMMENT = re.compile(r"高于|低于|好于|快于|慢于|上调|下调|调高|调低|说明|相比|比较")


def _indicator(t: Target) -> bool:
    """Whether a proposed goal names an indicator (not 这里要着重说明，提出 or 海南今年定)."""
    raw = t.metric_raw
    return is_canonical(t.metric) or bool(_INDICATOR_NOUN.search(raw)) or raw.endswith(("增长", "增速", "增幅"))


_EXTENDS = re.compile(r"(?:比上年|较上年|同比|比去年)")


def _scattered(ctx: Context) -> list[Target]:
    """Quantified goal-like clauses of the plan part, for texts that restate goals without a cue."""
    out: list[Target] = []
    for sent in ctx.sentences_of("plan"):
        prev = ""
        found: list[Target] = []
        for cs, ce in clauses(ctx.text, sent.start, sent.end):
            cs, ce = ctx.trim(cs, ce)
            clause = ctx.text[cs:ce]
            if ce <= cs or _MULTI_YEAR.search(clause):
                prev = ""
                continue
            got, subj = _from_clause(ctx, cs, ce, _year_in(clause, ctx.plan_year), prev, news=True)
            if _EXTENDS.match(clause):
                continue  # 比上年增加505万吨 adds to the figure before it
            for t in got:
                if _goal_like(clause, t) and not _COMMENT.search(clause):
                    conf = _CONFIDENCE["scattered"] if is_canonical(t.metric) else _CONFIDENCE["scattered"] - 0.15
                    found.append(replace(t, confidence=conf, basis="goal-like clause of the plan part"))
            prev = subj if got else ""
        if sum(is_canonical(t.metric) for t in found) >= _LISTING:
            # a sentence naming several headline goals is a targets list without its cue (会议提出，
            # 2020年…地区生产总值增长6%，固定资产投资增长6%左右，…，进出口稳中提质…): its goals in words count too
            listed = _read_list(ctx, sent.start, sent.end, True)
            found = [replace(t, confidence=_CONFIDENCE["scattered"], basis="a sentence listing headline goals")
                     for t in listed]
        out.extend(found)
    return out


_LISTING = 3


def _finish(ctx: Context, found: list[Target]) -> list[Target]:
    """Multi-year goals get their horizon's year, other governments' goals go, duplicates are kept once."""
    text = ctx.text
    higher = _higher(ctx)
    best: dict[tuple, Target] = {}
    order: list[tuple] = []
    for t in found:
        h = _horizon(ctx, *_lead_in(ctx, t.span[0]), clause=False) or _horizon(ctx, *t.span, clause=True)
        if h is None and t.year is not None and ctx.plan_year is not None and t.year > ctx.plan_year:
            h = (f"{t.year}年", t.year)  # 1997年钢产量达到9400万吨 in the 1993 plan: a goal of the plan period's end
        if h is not None:
            if t.value is None:
                continue  # a plan period's aims in words (…取得新进展) are not checkable goals of the year
            t = replace(t, year=h[1], horizon=h[0], basis=t.basis + f"; a multi-year goal ({h[0]})")
        clause = text[t.span[0] : t.span[1]]
        if higher and any(w in _OWN_DUTY.sub("", clause) for w in higher):
            continue
        if not t.metric_raw:
            continue  # a number whose indicator the text does not name (…，8%左右)
        key = (t.metric, t.target_kind, t.value, t.low, t.high, t.year)
        if key not in best:
            order.append(key)
            best[key] = t
        elif t.confidence > best[key].confidence:
            best[key] = t
    return [best[k] for k in order]


def _paragraph_of(ctx: Context, pos: int) -> tuple[int, int]:
    return ctx.paragraph_at(pos) or (pos, pos + 1)


# A goal's qualifier as written (a result's 2800多亿美元 reads as 以上 too).
_GOAL_QUALIFIER = re.compile(r"左右|以上|以内")


@register("targets", version="2", produces="targets")
def extract_targets(ctx: Context) -> list[Target]:
    lists = list_spans(ctx)
    found = [t for s, e, explicit in lists for t in _read_list(ctx, s, e, explicit)]
    found += _inline(ctx, lists)
    if not found:
        found = _scattered(ctx)
    elif ctx.sd.report.level == "nation" or not lists:
        # the State Council states some macro goals in their policy's paragraph, not in the list (稳健的货币政策…
        # 广义货币增长17%左右，新增贷款5万亿元以上), and a news piece without a list restates goals one by one
        # after the one it cites (…预期增长目标6%左右。…全年工业投资增长12%以上): an indicator not given yet,
        # with a goal's qualifier
        listed = {t.metric for t in found}
        found += [t for t in _scattered(ctx) if is_canonical(t.metric) and t.metric not in listed
                  and (_GOAL_QUALIFIER.search(t.quote) or _plan_stated(ctx, t))]
    return _finish(ctx, found)


# A plan word in the clause itself: 固定资产投资计划增长5%, 力争…达1.3万亿元.
_PLAN_WORD = re.compile(r"计划|力争|预期|预计|确保|争取")


def _plan_stated(ctx: Context, t: Target) -> bool:
    """A goal restated without its qualifier but with a plan word in its own clause or the plan year in its sentence
    up to it, and no other year (a news piece's 深圳2022年规模以上工业增加值增长5%, 2022年深圳全年固定资产投资计划增长5%)."""
    year = ctx.plan_year
    sp = ctx.sentence_part(t.span[0])
    lead = ctx.text[sp.start : t.span[1]] if sp else t.quote  # (2022年，全市社会消费品零售总额增长7%)
    named = {int(y) for y in _YEAR_NAMED.findall(lead)}
    if named - {year}:
        return False  # 争取1997年粮食产量达到4.75亿吨: another year's goal
    return bool(named) or bool(_PLAN_WORD.search(t.quote))


_YEAR_NAMED = re.compile(r"((?:19|20)\d\d)\s*年")


# The plan's own word for a figure set for the year, as the national reports of the planned economy wrote their
# goals (1980年计划基本建设投资总额控制在500亿元, 农业银行计划今年增加农业贷款172亿元); a plan period (第六个五年
# 计划安排…), a quota (计划定额) and what lies outside the plan (计划外投资) are not the year's goal
_PLANNED = re.compile(r"(?<!五年)计划(?!定额|外)")


def _goal_like(clause: str, t: Target) -> bool:
    if is_canonical(t.metric):
        return True
    if not _GOAL_WORD.search(clause) and not _PLANNED.search(clause):
        return False
    return bool(_INDICATOR_NOUN.search(t.metric_raw)) and t.target_kind in ("growth", "rate", "level")
