"""Targets of year N against the same metric's actual in the review of year N, by qualifier."""

from __future__ import annotations

import re
from dataclasses import replace

from duixian import lexicon
from duixian.extract import Actual, Extraction, Target
from duixian.extract.context import Context
from duixian.extract.metrics import lower_is_better
from duixian.extract.quantity import in_unit
from duixian.lexicon import NAMES, STAGES
from duixian.track.horizon import several_years
from duixian.track.model import Evidence, Verdict
from duixian.track.rules import Rules

_REDEFINED = lexicon.pattern(NAMES, "redefined")


# Goals in words that ask an indicator to keep growing.
_STEADY = re.compile(r"稳中提质|稳中有升|稳中有进|稳定增长|平稳增长|持续增长|保持增长|稳步增长|正增长")


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:g}"


def _evidence(a: Actual) -> Evidence:
    return Evidence(a.quote, a.span, a.raw_span)


# Verbs that open a count target or its actual without changing what is counted: 培育高新技术企业10家 in
# the plan is 新增高新技术企业10家 in the review.
_COUNT_VERB = re.compile(rf"^(?:{lexicon.words(NAMES, 'count_verb')})")


def _stem(metric: str) -> str:
    return _COUNT_VERB.sub("", metric)


def _actual_for(t: Target, review: Extraction) -> Actual | None:
    same = [a for a in review.actuals if a.metric == t.metric]
    if not same and t.metric:
        same = [a for a in review.actuals if a.metric and _stem(a.metric) == _stem(t.metric) and len(_stem(t.metric)) >= 2]
    if not several_years(t.quote):  # one year's target: one year's figure first (not 累计新增5870万人)
        same = [a for a in same if not several_years(a.quote)] or same
    if t.target_kind == "growth":
        same = [a for a in same if a.growth_pct is not None] or same
    elif t.unit:
        same = [a for a in same if a.unit == t.unit] or same
    return same[0] if same else None


def judge_target(t: Target, review: Extraction, rctx: Context, rules: Rules, words=None) -> Verdict:
    """``words``: a judge for a goal in words that no figure of the review measures (农村贫困人口全部脱贫):
    it looks for the review's sentence about it, as for a pledge."""
    def verdict(status: str, reason: str, conf: float, ev: tuple[Evidence, ...] = ()) -> Verdict:
        return Verdict("target", t.id, t.quote, t.span, t.raw_span, status, ev, reason, conf, "指标")

    tolerance = rules.tolerance
    band = (1 - rules.level_band, 1 + rules.level_band)
    if t.qualifier == "同步":
        return _in_step(t, review, tolerance, verdict)
    if "城乡" in t.quote and "分别" in t.quote and "居民" in (t.metric or ""):
        both = _urban_rural(t, review, tolerance, verdict)
        if both is not None:
            return both
    a = _actual_for(t, review)
    if a is None:
        done = _plan_share(t, review, rctx, verdict)
        if done is not None:
            return done
        if t.value is None and t.low is None and words is not None:
            v = words(t)
            return replace(v, kind="target", category="指标")
        return verdict("not_mentioned", f"回顾部分未报告{t.metric}的实际数值。", 0.7)
    ev = (_evidence(a),)
    if several_years(a.quote) and not several_years(t.quote):
        return verdict("unverifiable", f"回顾中的{t.metric}是多年累计或平均的数字（“{a.quote}”），不能与一年的目标相比。", 0.5, ev)
    if _REDEFINED.search(a.quote):
        return verdict("redefined", f"回顾中的{t.metric}是按调整后的口径报告的（“{a.quote}”），与目标口径不同，不直接比较。", 0.6, ev)
    if t.value is None and t.low is None:
        # a goal in words has no number to compare: the review's own word on it, when it gives one, decides
        own = _against_target(a, rctx)
        if own is not None:
            level, word, (cs, ce) = own
            status = {5: "exceeded", 4: "kept"}.get(level, "not_kept")
            said = Evidence(rctx.text[cs:ce], (cs, ce), review.sd.doc.raw_span(cs, ce))
            told = a.quote if said.span == a.span else f"{a.quote}”，“{said.quote}"
            return verdict(status, f"目标“{t.quote}”，回顾称“{told}”：按回顾自己的说法（“{word}”）判断。", 0.8,
                           ev if said.span == a.span else (*ev, said))
    if t.value is None and t.low is None and a.growth_pct is not None and _STEADY.search(t.quote):
        # a goal in words of steady growth (进出口稳中提质, 平稳增长) against the figure's growth
        if a.growth_pct > 0:
            return verdict("kept", f"目标“{t.quote}”，实际{t.metric}增长{_fmt(a.growth_pct)}%，保持增长。", 0.7, ev)
        return verdict("not_kept", f"目标“{t.quote}”，实际{t.metric}增长{_fmt(a.growth_pct)}%，没有保持增长。", 0.7, ev)
    growth = t.target_kind == "growth" or (t.unit == "%" and a.growth_pct is not None and a.value is None)
    got = a.growth_pct if growth else a.value
    if growth and got is None and t.unit == a.unit == "%":
        got = a.value  # a rise given as the figure itself: 居民消费价格涨幅控制在2.6% against 涨幅3.5%左右
    if got is not None and not growth and t.unit and a.unit and a.unit != t.unit:
        got = in_unit(got, a.unit, t.unit)  # the same unit at another scale (1.23万人 against a goal of 2470人)
    if got is None:
        return verdict("unverifiable", f"回顾提到了{t.metric}，但没有可与目标比较的数值（“{a.quote}”）。", 0.5, ev)
    want = t.value if t.value is not None else t.low
    if want is None:
        return verdict("unverifiable", f"目标“{t.quote}”没有数值，无法比较。", 0.4, ev)
    what = "增长" if growth else ""
    unit = "%" if growth else (t.unit or "")
    head = f"目标{t.metric_raw or t.metric}{what}{_fmt(want)}{unit}{t.qualifier or ''}，实际{what}{_fmt(got)}{unit}"
    cap = t.target_kind == "cap" or t.qualifier in ("以内", "以下") or lower_is_better(t.metric)
    if t.low is not None and t.high is not None and t.low != t.high:
        lo, hi = t.low, t.high
        if got > hi:
            return verdict("exceeded", f"{head}，高于目标区间上限{_fmt(hi)}{unit}。", 0.9, ev)
        if got >= lo:
            return verdict("kept", f"{head}，落在目标区间{_fmt(lo)}—{_fmt(hi)}{unit}内。", 0.9, ev)
        return verdict("not_kept", f"{head}，低于目标区间下限{_fmt(lo)}{unit}。", 0.85, ev)
    if cap:
        if got <= want + (tolerance if t.qualifier == "左右" else 0):
            return verdict("kept", f"{head}，控制在目标以内。", 0.9, ev)
        return verdict("not_kept", f"{head}，超出了控制目标。", 0.85, ev)
    if t.qualifier == "左右" and not growth and t.unit not in ("%", "‰") and want:
        # a level (1200万人左右): the band is relative, as for pledges (≥105% is more than promised)
        share = got / want
        said = f"{head}，为目标的{share:.0%}"
        pm = f"±{rules.level_band:.0%}"
        if share >= band[1]:
            return verdict("exceeded", f"{said}，超过“左右”的范围（{pm}）。", 0.85, ev)
        if share >= band[0]:
            return verdict("kept", f"{said}，在“左右”的范围内（{pm}）。", 0.9, ev)
        return verdict("not_kept", f"{said}，低于“左右”的范围（{pm}）。", 0.85, ev)
    if t.qualifier == "左右":
        gap = got - want
        if abs(gap) <= tolerance + 1e-9:
            return verdict("kept", f"{head}，差距{_fmt(round(gap, 2))}个百分点，在“左右”允许的±{_fmt(tolerance)}个百分点以内。", 0.9, ev)
        if gap > 0:
            return verdict("exceeded", f"{head}，高出{_fmt(round(gap, 2))}个百分点，超过“左右”的允许范围。", 0.85, ev)
        return verdict("not_kept", f"{head}，低了{_fmt(round(-gap, 2))}个百分点，未达到目标。", 0.85, ev)
    # 以上 / 力争 / 确保 / no qualifier: a floor
    clearly_above = got >= want + 2 * tolerance if growth else got >= want * rules.exceeded_at
    if clearly_above:
        margin = f"高出{_fmt(2 * tolerance)}个百分点及以上" if growth else f"达到目标的{rules.exceeded_at:.0%}及以上"
        return verdict("exceeded", f"{head}，明显高于目标（{margin}）。", 0.85, ev)
    if got >= want - 1e-9:
        return verdict("kept", f"{head}，达到目标。", 0.9, ev)
    return verdict("not_kept", f"{head}，未达到目标。", 0.85, ev)


# The review's own word on a figure against its target (stages.csv against_target), tried in this order.
AGAINST_TARGET = tuple((level, lexicon.level_patterns(STAGES, "against_target")[level]) for level in (0, 5, 4))


def _against_target(a: Actual, rctx: Context) -> tuple[int, str, tuple[int, int]] | None:
    """What the review itself says of the figure against its target, in the figure's clause or the next one of
    its sentence (进出口总值增长12.5%，高于预期目标7.5个百分点): (level, word, that clause's span)."""
    clauses = rctx.part_clause_list("review")
    for i, (n, cs, ce) in enumerate(clauses):
        if cs <= a.span[0] < ce or (cs < a.span[1] <= ce):
            near = [(cs, ce)] + [(s, e) for m, s, e in clauses[i + 1 : i + 2] if m == n]
            for s, e in near:
                for level, pattern in AGAINST_TARGET:
                    m = pattern.search(rctx.text, max(s, a.span[1]) if s == cs else s, e)
                    if m:
                        return level, m.group(0), (s, e)
            return None
    return None


def _in_step(t: Target, review: Extraction, tolerance: float, verdict) -> Verdict:
    """居民收入与经济增长同步: income growth against GDP growth."""
    gdp = next((a for a in review.actuals if a.metric == "地区生产总值" and a.growth_pct is not None), None)
    inc = next((a for a in review.actuals if a.metric == t.metric and a.growth_pct is not None), None)
    if inc is None:
        inc = next((a for a in review.actuals if "人均可支配收入" in a.metric and a.growth_pct is not None), None)
    if gdp is None or inc is None:
        return verdict("not_mentioned", "回顾部分没有同时给出居民收入增速和经济增速，无法判断是否同步。", 0.6)
    sides = _sides(review) if "城乡" in t.quote else None
    if sides is not None:
        # 城乡居民人均收入…与经济增长同步: the urban and the rural income each against GDP, as 城乡…分别 targets are
        steps = [(side, a, a.growth_pct >= gdp.growth_pct - tolerance) for side, a in sides]  # type: ignore[operator]  # set
        said = "，".join(f"{side}居民收入增长{_fmt(a.growth_pct)}%" for side, a, _ in steps)
        what = t.metric if (t.metric or "").startswith("城乡") else f"城乡{t.metric}"
        head = f"目标{what}与经济增长同步：{said}，地区生产总值增长{_fmt(gdp.growth_pct)}%"
        ev = (*(_evidence(a) for _, a, _ in steps), _evidence(gdp))
        slow = [side for side, _, ok in steps if not ok]
        if not slow:
            return verdict("kept", f"{head}，两项都基本同步或快于经济增长。", 0.8, ev)
        if len(slow) < len(steps):
            return verdict("partial", f"{head}，{'、'.join(slow)}居民收入增长慢于经济增长。", 0.8, ev)
        return verdict("not_kept", f"{head}，两项都慢于经济增长。", 0.8, ev)
    ev = (_evidence(inc), _evidence(gdp))
    head = f"目标{t.metric}与经济增长同步：收入增长{_fmt(inc.growth_pct)}%，地区生产总值增长{_fmt(gdp.growth_pct)}%"
    if inc.growth_pct >= gdp.growth_pct - tolerance:  # type: ignore[operator]  # both set: the next() above
        return verdict("kept", f"{head}，基本同步或快于经济增长。", 0.8, ev)
    return verdict("not_kept", f"{head}，收入增长慢于经济增长。", 0.8, ev)


def _sides(review: Extraction) -> list[tuple[str, Actual]] | None:
    """The urban and the rural residents' income growth of the review (城镇居民人均可支配收入实际增长7%, 农村居民人均纯收入
    实际增长9.3%), or None unless both are there."""
    out = []
    for side in ("城镇", "农村"):
        a = next((a for a in review.actuals if a.metric and a.metric.startswith(side) and "收入" in a.metric
                  and a.growth_pct is not None), None)
        if a is None:
            return None
        out.append((side, a))
    return out


def _plan_share(t: Target, review: Extraction, ctx: Context, verdict) -> Verdict | None:
    """完成年度投资计划119%: the review reports the target as a share of plan, not as an amount."""
    name = re.sub(r"^(?:力争|确保|全年|完成|实现)+", "", t.metric_raw or t.metric or "")
    if len(name) < 2 or t.target_kind == "growth":
        return None
    pat = re.compile(re.escape(name) + r"(?:计划|任务|目标)的?(\d+(?:\.\d+)?)[%％]")
    for _, cs, ce in ctx.part_clauses("review"):
        m = pat.search(ctx.text, cs, ce)
        if m:
            share = float(m.group(1))
            ev = (Evidence(ctx.text[cs:ce], (cs, ce), review.sd.doc.raw_span(cs, ce)),)
            head = f"目标{t.quote}，回顾称完成计划的{_fmt(share)}%"
            if share >= 105:
                return verdict("exceeded", f"{head}，超额完成。", 0.8, ev)
            if share >= 100:
                return verdict("kept", f"{head}，完成目标。", 0.8, ev)
            return verdict("not_kept", f"{head}，未完成目标。", 0.75, ev)
    return None


def _urban_rural(t: Target, review: Extraction, tolerance: float, verdict) -> Verdict | None:
    """城乡居民收入分别增长7.5%: two targets in one; each part is judged against its own actual."""
    want = t.value if t.value is not None else t.low
    parts = []
    for side in ("城镇", "农村"):
        a = next((a for a in review.actuals if a.metric and a.metric.startswith(side) and t.metric in a.metric
                  and a.growth_pct is not None), None)
        if a is None:
            return None
        parts.append((side, a))
    if want is None:
        return None
    floor = t.qualifier != "左右"
    met = [a.growth_pct >= want - (tolerance if not floor else 0) - 1e-9 for _, a in parts]  # type: ignore[operator]  # set
    said = "，".join(f"{side}增长{_fmt(a.growth_pct)}%" for side, a in parts)
    ev = tuple(_evidence(a) for _, a in parts)
    head = f"目标城乡{t.metric}分别增长{_fmt(want)}%{t.qualifier or ''}，实际{said}"
    if all(met):
        return verdict("kept", f"{head}，两项都达到目标。", 0.85, ev)
    if any(met):
        miss = "、".join(side for (side, _), ok in zip(parts, met, strict=True) if not ok)
        return verdict("partial", f"{head}，{miss}未达到目标，只完成一半。", 0.85, ev)
    return verdict("not_kept", f"{head}，两项都未达到目标。", 0.85, ev)
