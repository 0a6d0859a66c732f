"""Pledges of year N against evidence sentences in the review of year N."""

from __future__ import annotations

import math
import re

from duixian import lexicon
from duixian.extract import Extraction, Pledge
from duixian.extract.actuals import in_period
from duixian.extract.context import Context
from duixian.extract.quantity import find_quantities, in_base, in_unit
from duixian.extract.records import PledgeQuantity
from duixian.lexicon import NAMES, PLEDGES, STAGES, UNITS
from duixian.matching import one_to_one
from duixian.track.evidence import TOO_FEW, Clause, anchored, best, nearest_amount, refusal, scored
from duixian.track.horizon import due_after, several_years
from duixian.track.model import Evidence, Verdict
from duixian.track.names import Names, core, expand, grams, names, normalise, only_verbs, part_found
from duixian.track.rules import DEFAULT_RULES, Rules

# How far a piece of work has come (data/stages.csv; higher is further). The order the stages are tried in is
# grammar: 部分试营业 is partial even though 营业 is a completion word, 前期工作扎实推进 is still preparation (0).
_STAGES = tuple((level, lexicon.level_patterns(STAGES, "stage")[level]) for level in (3, 4, 0, 2, 1))
_STAGE = dict(_STAGES)  # level → its pattern
_PART_ONLY = frozenset(lexicon.terms(STAGES, "part_qualifier"))
# A pledge to keep working on something is kept by evidence of work; one to finish needs completion.
_PLEDGE_STAGE = tuple((level, lexicon.level_patterns(STAGES, "promised")[level]) for level in (4, 1, 2))


def _stage(text: str, table) -> int | None:
    for level, pattern in table:
        if pattern.search(text):
            return level
    return None


# Count words that name no particular kind of thing: 孵化器1个 in the plan is 孵化器2家 in the review.
_ANY_COUNT = frozenset(lexicon.terms(UNITS, "loose_count"))
# Amounts this far apart are of different things (营收50亿元 for a park against 营收突破1亿元 for a firm).
_SAME_SCALE = (0.1, 10.0)


def _same_unit(a: str | None, b: str | None) -> bool:
    if a == b or (a in _ANY_COUNT and b in _ANY_COUNT and "个" in (a, b)):
        return True
    # a bare scale (6069万 before its noun 农民) counts in the unit that scale begins (6000万人)
    return bool(a and b) and ((a in _SCALES and b.startswith(a)) or (b in _SCALES and a.startswith(b)))  # type: ignore[union-attr]  # bool(a and b)


_SCALES = frozenset({"万", "亿", "万亿", "千", "百万", "千万"})


def judge_pledge(p: Pledge, review: Extraction, rctx: Context, cands: list[Clause], later: list[Clause] = (),  # type: ignore[assignment]  # read only
                 rules: Rules = DEFAULT_RULES, tail: str = "", growth: float | None = None, head: str = "") -> Verdict:
    """``cands``: clauses of the review of year N; ``later``: clauses of the plan for year N+1 in the same
    report, searched for indirect evidence when the review is silent; ``tail``: the clauses closing the
    pledge's sentence that belong to no pledge (…等项目的推进，确保按期开工建设), whose start or completion
    promise is the pledge's when it makes none beyond working on it; ``growth``: the growth promised with the
    pledge's amount (中央财政科技投入1461亿元，增长25.6%), judged too when the review gives one with its amount;
    ``head``: the clause opening the sentence of a pledge that names nothing itself (…基本养老金，人均每年增长10%左右),
    searched for with the pledge's own words."""

    weak: list[str] = []  # "weak_match" once the evidence is chosen on a few shared words

    def verdict(status: str, reason: str, conf: float, ev: tuple[Evidence, ...] = (), doubt: str | None = None) -> Verdict:
        doubts = (*weak, doubt) if doubt else tuple(weak)
        return Verdict("pledge", p.id, p.quote, p.span, p.raw_span, status, ev, reason, conf, p.category,
                       doubts if status != "not_mentioned" else ())

    def silent(reason: str, conf: float) -> Verdict:
        again = _again(n, later, rctx)
        if again is None:
            return verdict("not_mentioned", reason, conf)
        was = _last_year(p, again, later, rctx.text)
        if was is not None:
            # the next plan's 比上年减少200亿元 puts last year's amount at the promised one: the promise was kept
            delta, pq = was
            return verdict("kept", f"下一年的工作安排称“{again.quote}，{delta}”，由此可知上一年为{_num(pq.value)}{pq.unit}，"
                           f"与承诺的{_num(pq.value)}{pq.unit}相符。", round(conf * 0.8, 2), (again,), "indirect")
        return verdict("not_mentioned", f"{reason}下一年的工作安排再次提出“{again.quote}”，这是间接证据：此事仍列在计划中，"
                       "但不能据此判断上一年是否完成。", round(conf * 0.8, 2), (again,))

    text = rctx.text
    if not head and only_verbs(names(p.text)) and not (p.quantities and anchored(p.text, p.quantities, cands, text)):
        # 尽快建成投产, 全面落实五项重点工作: only what is to be done, which any clause about any work shares; a clause
        # repeating the pledge's own amount (实施重点项目82项) still speaks of it
        return verdict("not_mentioned", f"“{p.text}”只说了要做什么，没有说出对象，无法在回顾中对应。", 0.5)
    n = names(f"{head}，{p.text}" if head else p.text)
    ranked = scored(n, cands)
    c = best(n, cands, ranked)
    if p.quantities:  # a clause repeating the pledge's own amount beats a clause that only shares words
        c = anchored(p.text, p.quantities, cands, text) or nearest_amount(ranked, p.quantities, text, c) or c
    none = f"回顾部分没有找到与“{p.text}”对应的表述。"
    if c is None:
        return silent(none, 0.9)
    quote = text[c.start : c.end]
    why = refusal(n, c, quote, cands)
    if why is not None:
        if why == TOO_FEW:
            return silent(none, round(0.9 - c.score * 0.5, 2))
        return silent(f"{none}最接近的是“{quote}”，但{why}。", 0.6)
    ev = [_ev(rctx, c.start, c.end)]
    conf = round(min(0.95, 0.4 + c.score * 0.5), 2)
    if c.score < 0.5 and not c.anchored and not c.near:  # passed on a shared name of three characters, not on most words
        weak.append("weak_match")
    said = f"回顾称“{quote}”"
    # a pledge listing named parts is at most partial while a part is missing from the whole review
    missing = [k for k in range(len(n.parts)) if k not in c.parts_found]
    for k in list(missing):
        elsewhere = next(((cl.start, cl.end) for cl in cands if part_found(n.parts[k], cl.grams, cl.said, strict=True)), None)
        if elsewhere is not None:
            missing.remove(k)
            if all(e.span != elsewhere for e in ev):
                ev.append(_ev(rctx, *elsewhere))
    evs = tuple(ev)
    if missing:
        named = "、".join(n.parts[k].label for k in range(len(n.parts)) if k not in missing)
        lost = "、".join(n.parts[k].label for k in missing)
        return verdict("partial", f"{said}，提到了{named}，但没有提到{lost}。", conf, evs)
    promised = _stage(p.text, _PLEDGE_STAGE) or 2  # no stage word: a pledge to work on something
    closing = _stage(tail, _PLEDGE_STAGE)
    if promised == 2 and closing in (1, 4):
        promised = closing
    if p.quantities:
        staged = _staged_count(p, promised, quote, c, cands, text)
        if staged is not None:
            c = staged
            quote = text[c.start : c.end]
            said = f"回顾称“{quote}”"
            if all(e.span != (c.start, c.end) for e in evs):
                evs = (*evs, _ev(rctx, c.start, c.end))
        got = _respectively(n, text, c.start, c.end, [q for q in find_quantities(text, c.start, c.end) if q.unit and not q.chinese])
        pairs = []
        # In an enumeration each amount is compared with its own item: promised and reported amounts are
        # paired one to one, nearest first (6000万人…500万沼气用户 against 6069万农民…510万沼气用户).
        described = _sizes(p.text) | _bases(p.text)
        share = _SHARE.search(p.text) is not None
        ratios = {(i, j): r for i, pq in enumerate(p.quantities) if pq.value and (pq.value, pq.unit) not in described
                  for j, q in enumerate(got) if q.value and not (share and q.percent and _change_or_plan(text, q.start))
                  for r in (_ratio(q.value, q.unit, pq.value, pq.unit),) if r}
        options = sorted((abs(math.log(r)), i, j) for (i, j), r in ratios.items())
        match_at = {}
        for i, j in one_to_one(options):
            pq, match = p.quantities[i], got[j]
            match_at[pq] = match.end
            pairs.append((pq, ratios[i, j], match, _segment(text, c.start, match.end)))
        if pairs:
            pq, ratio, match, segment = min(pairs, key=lambda x: x[1])
            unit = match.unit
            n_ = f"承诺{_num(pq.value)}{pq.unit}，实际{_num(match.value)}{unit}"
            if not _SAME_SCALE[0] <= ratio <= _SAME_SCALE[1]:
                return silent(f"{none}最接近的是“{quote}”，但数额（{n_}）相差悬殊，说的不是同一件事。", 0.6)
            if (several_years(segment) or _over_period(rctx, match, segment)) and not several_years(p.text):
                # 累计新增城镇就业5870万人, 五年平均增长11.8%: several years' figure against one year's promise
                return verdict("unverifiable", f"{said}，给出的是多年累计或平均的数字，不能与一年的承诺{_num(pq.value)}{pq.unit}相比。",
                               round(conf * 0.7, 2), evs)
            # an amount describing the thing (投资29.2亿元的11个项目, 占地5000亩的产业园) is no part of the promise to report
            referring = _referring(p.text)
            if any(pq not in match_at and (pq.value, pq.unit) not in referring for pq in p.quantities):
                return verdict("partial", f"{said}，{n_}；承诺中的其他部分未见报告。", conf, evs)
            if ratio >= rules.exceeded_at:
                status, why = "exceeded", f"{said}，{n_}，为承诺的{ratio:.0%}，超出承诺（≥{rules.exceeded_at:.0%}）"
            elif ratio >= rules.kept_at:
                status, why = "kept", f"{said}，{n_}，为承诺的{ratio:.0%}，与承诺相符（{rules.kept_at:.0%}—{rules.exceeded_at:.0%}）"
            elif _due_later(p, rctx):  # short of an amount due in a later year: on its way (推进中, 达进度)
                return verdict("in_progress", f"{said}，{n_}，完成了承诺的{ratio:.0%}；承诺的期限在{rctx.review_year}年之后。",
                               conf, evs)
            elif ratio < rules.short_at and _MEASURE_UNIT.search(unit or ""):
                # an amount of people, money or land promised and clearly missed is a target not met;
                # a count of things (3 of 7 roads) is work partly done
                status, why = "not_kept", f"{said}，{n_}，只完成了承诺的{ratio:.0%}（低于{rules.short_at:.0%}），未达到承诺"
            else:
                status, why = "partial", f"{said}，{n_}，完成了承诺的{ratio:.0%}"
            if growth is not None:
                grown = _growth_of(text, match_at[pq], c, cands)
                if grown is not None:
                    g, (gs, ge) = grown
                    status, how = _with_growth(status, growth, g, rules)
                    why += f"；承诺增长{_num(growth)}%，实际增长{_num(g)}%（{how}）"
                    if all(e.span != (gs, ge) for e in evs) and not any(s0 <= gs and ge <= e0 for s0, e0 in (e.span for e in evs)):
                        evs = (*evs, _ev(rctx, gs, ge))
            return verdict(status, f"{why}。", conf, evs)
        said_of = _referring(p.text)
        counted = [pq for pq in p.quantities if pq.unit and not _NOT_COUNT.search(pq.unit) and (pq.value, pq.unit) not in said_of]
        money = [pq for pq in p.quantities if pq.unit and pq.unit.endswith("元") and (pq.value, pq.unit) not in said_of]
        if ((counted or money) and not n.parts and not got and len(n.want & grams(normalise(expand(quote)))) <= 1
                and not _repeats_amount(p, find_quantities(text, c.start, c.end))):
            # an amount promised, and a clause with no amount at all that shares one word of two characters with it
            # (商业建设项目是四十七个 → 商业方面, 完成五项重点改革任务 → 农村改革深入推进): no evidence that the thing
            # promised is what the clause is about, let alone how much of it was done
            return silent(f"{none}最接近的是“{quote}”，但只有一个词相同，又没有给出数额，说的不一定是同一件事。", 0.6)
        if counted and not n.parts and not _ALL_DONE.search(quote):
            # a count pledge is judged on counts (DESIGN: level pledges compare quantities); words alone
            # show the work was done, not that it reached the number
            pq = counted[0]
            return verdict("partial", f"{said}，提到了这项工作，但没有给出数量，无法确认是否达到承诺的{_num(pq.value)}{pq.unit}。",
                           round(conf * 0.7, 2), evs, "no_amount")
        if money and not n.parts and not any(q.unit and q.unit.endswith("元") for q in got):
            # money promised (安排150亿元…) and the review tells of the work but not of the money
            pq = money[0]
            return verdict("partial", f"{said}，提到了这项工作，但没有给出金额，无法确认承诺的{_num(pq.value)}{pq.unit}是否到位。",
                           round(conf * 0.7, 2), evs, "no_amount")
        rates = [pq for pq in p.quantities if pq.unit in _RATE_UNITS and (pq.value, pq.unit) not in said_of]
        if rates and not n.parts:
            # a rate or a growth promised (参保率96%以上, 增幅20%以上) and a review that tells of the thing without
            # a rate to compare (新增市场主体6603个): the promise can be neither confirmed nor refuted
            pq = rates[0]
            return verdict("unverifiable", f"{said}，提到了这项工作，但没有给出可与承诺的{_num(pq.value)}{pq.unit}比较的比率。",
                           round(conf * 0.7, 2), evs)
    reached, word = _reached(_own_clause(n, c, cands, text), p.text)
    if reached is None:
        if promised == 4 and "任务" in p.text and any(q.unit for q in find_quantities(text, c.start, c.end)):
            return verdict("kept", f"{said}，报告了完成的数量，承诺的任务已完成。", round(conf * 0.8, 2), evs)
        if promised == 4:
            return verdict("partial", f"{said}，表明该事项有所推进，但未说明是否完成。", round(conf * 0.8, 2), evs)
        return verdict("kept", f"{said}，承诺的是推进这项工作，回顾表明它在推进。", round(conf * 0.8, 2), evs, "vague")
    if reached == 0 and promised in (1, 4):  # a start or completion promised, and the work is still being prepared
        return verdict("not_kept", f"{said}，还在“{word}”阶段，尚未开工，承诺的是{'开工' if promised == 1 else '完成'}。", conf, evs)
    if promised == 4 and reached < 3:
        if _due_later(p, rctx):  # started or under way before a later deadline: 推进中, the 督查 practice's 达进度
            return verdict("in_progress", f"{said}，只到“{word}”阶段，还在推进；承诺的完成期限在{rctx.review_year}年之后。",
                           conf, evs)
        # a completion promised for the year under review and only started by its end is part of the promise
        # (the annual report's tasks are the year's unless a later deadline is given)
        return verdict("partial", f"{said}，只到“{word}”阶段，承诺的是年内完成。", conf, evs)
    if promised == 4 and reached < 4:
        return verdict("partial", f"{said}，只到“{word}”阶段，承诺的是完成。", conf, evs)
    if promised == 1 and reached >= 3:
        return verdict("exceeded", f"{said}，已超过承诺的开工/启动阶段。", conf, evs)
    if promised == 2 and reached == 3:
        return verdict("kept", f"{said}，已到“{word}”阶段，承诺的是推进这项工作。", conf, evs)
    # a pledge to push work on, and a review saying it is pushed on: kept, but on the vaguest of promises
    return verdict("kept", f"{said}，与承诺相符。", conf, evs, "vague" if promised == 2 and reached == 2 else None)


def _repeats_amount(p: Pledge, found) -> bool:
    """Whether a clause's amounts, numerals in words too, repeat one of the pledge's (五个新城 → 五个新城建设稳步推进)."""
    return any(q.unit == pq.unit and q.value == pq.value for q in found for pq in p.quantities)


# A share promised (占全省生产总值的比重达到10%, 占全国工业总产值的百分之七十以上) is a part of a whole; a growth rate
# (增加值增长10%) or a share of the plan done (完成了原定计划的101%) is another measure, never compared with it.
_SHARE = re.compile(r"占[^，。；,;]{0,20}?(?:比重|比例|百分之|\d)|比重|比例")
_CHANGE_OR_PLAN = re.compile(r"(?:增长|递增|增加|提高|上升|下降|降低|减少|增幅|增速|计划的?|完成了?)了?(?:百分之)?$")
_LISTED_BEFORE = re.compile(r"[\d.%％‰、和及]*$")


def _change_or_plan(text: str, start: int) -> bool:
    """Whether the percentage at ``start`` is a change (增长50%, 分别增长50%、10%和17% — the list's others too) or a share
    of the plan done (完成了原定计划的101%)."""
    window = text[max(0, start - 24) : start]
    m = _LISTED_BEFORE.search(window)
    return _CHANGE_OR_PLAN.search(window[: m.start()] if m else window) is not None


_NOT_COUNT = re.compile(r"元$|[%‰]|百分点")
_RATE_UNITS = frozenset({"%", "‰", "个百分点", "百分点"})
_MEASURE_UNIT = re.compile(r"人次?$|户$|元$|吨$|亩$|公里$|米$|千瓦$|标箱$")
_ALL_DONE = lexicon.pattern(STAGES, "all_done")


def _staged_count(p: Pledge, promised: int, quote: str, c, cands: list[Clause], text: str) -> Clause | None:
    """For a pledge to finish a number of things, the count to compare is the one the review says was
    finished. When the matched clause gives a count with no stage (14条骨干路网四通八达) and another
    clause of its sentence gives a count of the same unit with a stage (女娲路等3条道路陆续建成), that one
    is the count; a count of things only started is compared as it is (the stage rules then judge it)."""
    if promised != 4:
        return None
    units = {pq.unit for pq in p.quantities if pq.unit}
    here = next((cl for cl in cands if cl.start == c.start), None)
    if here is None or _reached(quote, p.text)[0] is not None:
        return None
    for cl in cands:
        if cl.sentence != here.sentence or cl.start == here.start:
            continue
        qs = [q for q in find_quantities(text, cl.start, cl.end) if q.unit and not q.chinese]
        level = _reached(text[cl.start : cl.end], p.text)[0]
        if level is not None and level >= 3 and any(_same_unit(q.unit, u) for q in qs for u in units):
            return cl
    return None


# 规模以上工业企业、销售收入过亿元企业、纳税超千万元企业分别达60家、25家、10家: the labels before 分别 and the
# figures after it go together in order.
_LABEL_SEP = re.compile(r"[、和及与]")
_CLAUSE_CUT = re.compile(r"[，,；;：:]")


def _respectively(n: Names, text: str, start: int, end: int, got: list) -> list:
    """The figures of ``got`` that are the pledge's own when the clause lists labels and then, after 分别, one
    figure for each in the same order: only those of the labels the pledge names best (科技型中小企业20家 is
    compared with the third figure, not with the nearest one). Anything else leaves ``got`` as it is."""
    at = text.find("分别", start, end)
    if at < 0:
        return got
    cut = max((m.end() for m in _CLAUSE_CUT.finditer(text, start, at)), default=start)
    stop = next((m.start() for m in _CLAUSE_CUT.finditer(text, at, end)), end)
    labels = [w for w in _LABEL_SEP.split(re.sub(r"^其中", "", text[cut:at])) if w]
    figures = [q for q in got if at < q.start < stop]
    if len(labels) < 2 or len(labels) != len(figures):
        return got
    shares = []
    for label in labels:
        g = grams(core(expand(label)))
        shares.append(len(g & n.want) / len(g) if g else 0.0)
    top = max(shares)
    if top < 0.5 or shares.count(top) == len(shares):
        return got  # the pledge names none of the labels, or all of them alike
    return [q for i, q in enumerate(figures) if shares[i] == top]


_GROWTH = re.compile(r"增长(\d+(?:\.\d+)?)[%％]")


def _growth_of(text: str, after: int, c, cands: list[Clause]) -> tuple[float, tuple[int, int]] | None:
    """The growth the review gives with a reported amount: the first 增长Y% after it in its clause or the next
    clause of its sentence (中央财政用于科技的支出1512亿元，增长30%), with that clause's span."""
    at = next((i for i, cl in enumerate(cands) if cl.start <= after <= cl.end), None)
    if at is None:
        return None
    near = [cands[at]] + [cl for cl in cands[at + 1 : at + 2] if cl.sentence == cands[at].sentence]
    for cl in near:
        m = _GROWTH.search(text, max(cl.start, after), cl.end)
        if m:
            return float(m.group(1)), (cl.start, cl.end)
    return None


def _with_growth(status: str, promised: float, got: float, rules: Rules) -> tuple[str, str]:
    """An amount met (kept) whose growth is clearly above the promised one (≥ 2 tolerances) is exceeded. The growth
    only lifts: when the amount is met but the growth is not, the two rest on different bases (a revised last
    year), and the amount is the promise's own measure."""
    if got >= promised + 2 * rules.tolerance:
        return ("exceeded" if status == "kept" else status), "增速明显高于承诺"
    return status, ("增速达到承诺" if got >= promised else "增速低于承诺，总量为准")


_SEGMENT_END = re.compile(r"[，,；;、。]")


def _segment(text: str, start: int, end: int) -> str:
    """The words of a figure: from the last comma or 、 before ``end`` (not before ``start``) to ``end``
    (新增公园162座、累计达到832座: 累计 is the 832's, not the 162's)."""
    cut = max((m.end() for m in _SEGMENT_END.finditer(text, start, end)), default=start)
    return text[cut:end]


def _due_later(p: Pledge, rctx: Context) -> bool:
    """The pledge's own deadline falls after the year the review covers (到2025年建成 in the 2023 plan, 五年内,
    “十四五”末). The year as written counts too: the extracted deadline may have read only the 年底前 of
    2023年底前."""
    return due_after(p.text, rctx.review_year, p.deadline)


def _referring(text: str) -> set[tuple[float, str | None]]:
    """Amounts of a pledge that describe or point at a thing rather than promise a count: 占地5000亩的产业园,
    前两批示范片区, 2×35万千瓦热电联产. (A count that restates listed parts, 关帝庙、…两个景区, is met by finding the parts.)"""
    out = set()
    for q in find_quantities(text, 0, len(text)):
        if text.startswith("的", q.end) or text[max(0, q.start - 1) : q.start] in ("前", "第", "这", "该"):
            out.add((q.value, q.unit))
    return out | _sizes(text) | _bases(text)


# 补助标准由每人每年420元提高到450元, 城镇化率从47.5%提高到51.5%: the amount after 由/从 is where the change starts,
# the promise is the amount it is raised (or cut) to.
_FROM = re.compile(r"[由从][^，,。；;由从]{0,10}$")
_TO = re.compile(r"\s*(?:提高|增加|提升|扩大|调整|上调|降低|减少|下降|压减|缩减)(?:到|至)")
# 比一九八○年的七千一百五十九亿元增加一千五百五十一亿元: the amount compared with is where the change starts too
_COMPARED_WITH = re.compile(r"比[^，,。；;比]{0,10}的$")
_CHANGE = re.compile(r"\s*(?:增加|增长|提高|减少|下降|降低)")


def _bases(text: str) -> set[tuple[float, str | None]]:
    """Amounts a change starts from (由420元提高到450元: 420元), never a promised amount."""
    return {(q.value, q.unit) for q in find_quantities(text, 0, len(text))
            if (_TO.match(text, q.end) and _FROM.search(text, max(0, q.start - 11), q.start))
            or (_CHANGE.match(text, q.end) and _COMPARED_WITH.search(text, max(0, q.start - 12), q.start))}


def _sizes(text: str) -> set[tuple[float, str | None]]:
    """Amounts in a project's name, sizing it (2×35万千瓦热电联产, 300万吨熟料生产线, 日处理500吨的垃圾焚烧厂) or
    saying which phase it is (竹园污水厂四期): never a promised amount to compare; the promise is the project's
    start or completion."""
    return {(q.value, q.unit) for q in find_quantities(text, 0, len(text))
            if text[max(0, q.start - 1) : q.start] == "×" or (_SIZE_OF.match(text, q.end) and not _counts(q.unit))
            or _capacity(text, q) or q.unit == "期"}


# Count words (个, 座, 项 …): 11个项目 counts projects, it does not size one.
_COUNT_WORDS = frozenset(lexicon.terms(UNITS, "count_word"))


def _counts(unit: str | None) -> bool:
    return bool(unit) and unit.lstrip("十百千万亿") in _COUNT_WORDS  # type: ignore[union-attr]  # bool(unit)


# An amount right before what it sizes is part of a project's name (2×35万千瓦热电联产, 10万吨大麦芽二期).
_SIZE_OF = re.compile(r"(?:热电|电厂|发电|风电|光伏|机组|生产线|露天|煤矿|大麦芽|项目|工程)")
_CAPACITY_UNIT = lexicon.terms(NAMES, "capacity_unit")  # with or without a scale: 吨, 万吨
_CAPACITY_RATE = re.compile(rf"(?:{lexicon.words(NAMES, 'capacity_rate')})$")
# What a sized amount stands before: a name (no punctuation, no digits) that ends in a project's head word
# or runs into the start or completion promised for it (200万吨褐煤提质建成投产). A count cut after the
# amount (关停5000万千瓦小火电机组, 淘汰落后产能500万吨) names no project and stays a promised amount.
_SIZED_NAME = re.compile(rf"的?[^\W\d_]{{0,10}}?(?:{lexicon.alternatives((NAMES, 'project_head'), (PLEDGES, 'result'))}|生产线|厂|矿)")


def _capacity(text: str, q) -> bool:
    """The amount sizes what follows it: a rate word before it (日处理500吨的), or a capacity unit
    (吨, 千瓦, 标箱 …) standing before a project's name."""
    if not q.unit or not _SIZED_NAME.match(text, q.end):
        return False
    if _CAPACITY_RATE.search(text, 0, q.start):
        return True
    return q.unit.endswith(_CAPACITY_UNIT)


def _ev(rctx: Context, start: int, end: int, *, direct: bool = True) -> Evidence:
    return Evidence(rctx.text[start:end], (start, end), rctx.sd.doc.raw_span(start, end), direct)


def _again(n: Names, later: list[Clause], rctx: Context) -> Evidence | None:
    """The next year's plan naming the same thing: most of the pledge's names, passing every check."""
    c = best(n, later)
    if c is None or c.score < 0.5:
        return None
    quote = rctx.text[c.start : c.end]
    if refusal(n, c, quote, later) is not None:
        return None
    return _ev(rctx, c.start, c.end, direct=False)


# 比上年减少300亿元: how much this year's amount differs from last year's. 比上年预算减少198亿元 compares two
# budgets and says nothing of what last year's came to, so it does not match.
_THAN_LAST_YEAR = re.compile(r"比上年(增加|增长|减少|多|少)")
def _over_period(rctx: Context, match, segment: str) -> bool:
    """A count of what was done, said inside a review's look back over a plan period (五年来…, “十三五”时期…:
    开工重大水利工程122项, 易地扶贫搬迁830万人 are the period's sums) and not dated to the year under review.
    A rate or a level reached (参保率达到96.9%, 扩大到86%的县) is where the period ended: the year's own."""
    if match.percent or not in_period(rctx, match.start):
        return False
    year, text = rctx.review_year, rctx.text
    clause = max(text.rfind(p, 0, match.start) for p in "，；。,;") + 1
    return not ((year and str(year) in segment) or _DATED.search(segment)
                or _LEVEL.search(text, clause, match.end)  # 分别达到92家、22家: levels reached (the amount may hold its 达到)
                or text.startswith("的", match.end))  # 投资3.4亿元的…中心: the size of a thing, no sum


_DATED = re.compile(r"去年|上年|全年|今年|当年|一年来")
_LEVEL = re.compile(r"达|到|为|是|稳定在|保持在")


def _ratio(got: float, got_unit: str | None, promised: float, unit: str | None) -> float | None:
    """What was reported over what was promised, when the two are amounts of one unit — also when written at
    different scales (1.23万人 against 2470人, 3000万元 against 1.2亿元); None when they are not comparable."""
    if _same_unit(got_unit, unit):
        return got / promised
    said = in_unit(got, got_unit, unit)
    return said / promised if said is not None else None


def _last_year(p: Pledge, again: Evidence, later: list[Clause], text: str) -> tuple[str, PledgeQuantity] | None:
    """When the next plan restates the pledge with a change on last year (拟发行长期建设国债600亿元，比上年减少200亿元),
    last year's amount follows (800亿元); when it is a promised amount, that promise was met: (the change as
    written, the promised quantity it meets). Only an exact match counts — a different figure may be a revised
    budget, not the outcome."""
    if not p.quantities:
        return None
    at = next((i for i, cl in enumerate(later) if cl.start <= again.span[0] < cl.end), None)
    if at is None:
        return None
    spans = [(later[at].start, later[at].end)]
    if at + 1 < len(later) and later[at + 1].sentence == later[at].sentence:
        spans.append((later[at + 1].start, later[at + 1].end))
    for cs, ce in spans:
        m = _THAN_LAST_YEAR.search(text, cs, ce)
        if m is None:
            continue
        change = next((q for q in find_quantities(text, m.end(), ce) if q.start == m.end() and q.unit and not q.chinese), None)
        now = [q for q in find_quantities(text, spans[0][0], m.start()) if q.unit and not q.chinese]
        if change is None or not now:
            return None
        sign = -1 if m.group(1) in ("减少", "少") else 1
        if m.group(1) == "增长" and change.unit in ("%", "％"):
            return None  # a growth rate says nothing exact about last year's amount
        amount, unit = in_base(now[-1].value, now[-1].unit)
        by, by_unit = in_base(change.value, change.unit)
        if unit != by_unit:
            return None
        before = amount - sign * by
        for pq in p.quantities:
            want, want_unit = in_base(pq.value, pq.unit)
            if want_unit == unit and want and abs(before / want - 1) < 1e-3:
                return text[m.start() : change.end], pq
        return None
    return None


def _own_clause(n: Names, c, cands: list[Clause], text: str) -> str:
    """The words whose stage is the pledge's: of a matched pair of clauses, the one naming the pledge best when it
    gives a stage itself (中网科技云计算基地进入设备安装阶段，国网信通华为大数据中心完成前期工作: the 完成 is
    the other project's), else both."""
    at = next((i for i, cl in enumerate(cands) if cl.start == c.start), None)
    if at is None or cands[at].end >= c.end or at + 1 >= len(cands):
        return text[c.start : c.end]
    first, second = cands[at], cands[at + 1]
    own = max((first, second), key=lambda cl: len(n.want & cl.grams))
    other = second if own is first else first
    if len(n.want & own.grams) > len(n.want & other.grams) and _stage(text[own.start : own.end], _STAGES) is not None:
        return text[own.start : own.end]
    return text[c.start : c.end]


# 完成 whose object ends in a preparation word (完成项目核准, 完成前期工作, 完成…绕城项目招投标工作): the preparation is
# done, not the work; the stage is then read from the other words (…并开工建设: a start), else preparation.
_PREPARED = re.compile(rf"完成[^，,。；;：:]*?(?:{'|'.join(map(re.escape, lexicon.levels(STAGES, 'stage')[0]))})(?:工作)?(?=[、，,。；;并后]|$)")


def _reached(quote: str, pledge: str) -> tuple[int | None, str]:
    """How far the evidence says the work got, and the word that says so (the last one: 一期工程主体完工
    is 主体完工). Words the pledge itself uses (建成…一期工程) name the object, not the progress."""
    promise = {m.group(0) for _, pattern in _PLEDGE_STAGE for m in pattern.finditer(pledge)}
    prepared = [m.start() for m in _PREPARED.finditer(quote)]
    done = any(m.start() not in prepared for m in _STAGE[4].finditer(quote))
    for level, pattern in _STAGES:
        if level == 0 and prepared and _STAGE[1].search(quote):
            continue  # preparation finished and a start said too (完成项目核准并开工建设): the start is the stage
        # the pledge's own promise word (确保…投入使用) said again in the review is the progress it asked for
        words = [m.group(0) for m in pattern.finditer(quote)
                 if (m.group(0) not in pledge or m.group(0) in promise) and m.start() not in prepared]
        if not done:  # 一期 or 部分 is part of a whole done only beside a word of completion (一期建成)
            words = [w for w in words if w not in _PART_ONLY]
        if words:
            return level, words[-1]
    return None, ""


def _num(v: float) -> str:
    return f"{v:g}" if v == int(v) else f"{v:.2f}".rstrip("0")
