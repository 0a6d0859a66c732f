"""Targets: every clause of the 主要预期目标 sentence(s); in news pieces, the goals wherever stated."""

from __future__ import annotations

import re
from dataclasses import replace

from duixian.extract.context import Context, clauses
from duixian.extract.figures import (
    DISTRIBUTIVE,
    Figure,
    expand_urban_rural,
    metric_wording,
    read_clause,
    split_subjects,
)
from duixian.extract.metrics import canonical_of, clean_phrase, is_canonical
from duixian.extract.quantity import Quantity
from duixian.extract.records import Target
from duixian.extract.registry import register
from duixian.structure.sentences import split_sentences

_LIST_START = re.compile(r"(?:目标|指标)(?:是|为|如下)?[：:]")
# A sentence that comments on the targets rather than listing one ends the list.
_AFTER_LIST = re.compile(r"(?:以上|上述|实现上述|实现这些|围绕|这些|为实现|为此|要实现|完成上述|当前|同时)")
_GROWTH_VERB = re.compile(r"增长|提高|增速|增幅|涨幅|上涨|提升")
_CAP = re.compile(r"控制在|控制|不超过|以内")
_MULTI_YEAR = re.compile(r"\d+年内|[两三四五]年内|每年|年均|“?十[三四五六]五”?|到20\d\d年|20\d\d年前")
_INDICATOR_NOUN = re.compile(r"率|投资|企业|主体|收入|产值|营收|增加值|就业|总额|总量|总数|产量|税")
_GOAL_WORD = re.compile(r"力争|确保|达到|突破|新增|培育|增长")


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


def _kind(clause: str, fig: Figure, q: Quantity) -> str:
    if _CAP.search(clause) and q.percent:
        return "cap"
    if q.percent and (fig.verb and _GROWTH_VERB.search(fig.verb)):
        return "growth"
    if q.percent:
        return "rate"
    return "level"


def _make(ctx: Context, span: tuple[int, int], subject: str, kind: str, q: Quantity | None,
          qualifier: str | None, year: int | None, extra: str = "", low=None, high=None, verb: str | None = None) -> Target:
    raw = clean_phrase(subject)
    return Target(
        **ctx.ground("target", span[0], span[1], extra),
        metric=canonical_of(raw, verb),
        metric_raw=raw,
        target_kind=kind,
        value=q.value if q else None,
        low=low if low is not None else (q.low if q else None),
        high=high if high is not None else (q.high if q else None),
        unit=q.unit if q else None,
        qualifier=qualifier,
        year=year,
    )


def _from_clause(ctx: Context, cs: int, ce: int, year: int | None, prev_subject: str, news: bool) -> tuple[list[Target], str]:
    text = ctx.text
    fig = read_clause(text, cs, ce)
    clause = text[cs:ce]
    qs = [q for q in fig.quantities if not q.chinese]  # headline goals are written in digits
    subject = clean_phrase(metric_wording(text, fig) if qs else fig.subject_text(text))
    if not subject and qs:
        subject = prev_subject
    if not qs:
        if len(subject) < 2 or news or fig.verb is None:
            return [], prev_subject
        qualifier = "同步" if "同步" in clause else None
        return [_make(ctx, (cs, ce), subject, "other", None, qualifier, year, verb=fig.verb)], subject
    out: list[Target] = []
    if DISTRIBUTIVE in clause and len(qs) >= 2:
        names = expand_urban_rural(subject, len(qs)) or split_subjects(subject)
        if len(names) == len(qs):
            for i, (name, q) in enumerate(zip(names, qs, strict=False)):
                qual = q.qualifier or qs[-1].qualifier
                out.append(_make(ctx, (cs, ce), name, _kind(clause, fig, q), q, qual, year, extra=str(i), verb=fig.verb))
            return out, subject
    if len(qs) == 2 and ("力争" in clause or "确保" in clause) and qs[0].unit == qs[1].unit and qs[1].start - qs[0].end <= 4:
        first_word = "力争" if clause.find("力争") != -1 and (clause.find("确保") == -1 or clause.find("力争") < clause.find("确保")) else "确保"
        lo, hi = sorted((qs[0].value, qs[1].value))
        return [_make(ctx, (cs, ce), subject, _kind(clause, fig, qs[0]), qs[0], first_word, year, low=lo, high=hi, verb=fig.verb)], subject
    if len(qs) >= 2 and "、" in text[qs[0].end : qs[1].start]:
        # an enumeration of separate goals: 一季度开工率达到30%以上、二季度开工率达到90%以上
        cut = text.index("、", qs[0].end, qs[1].start)
        first, subj = _from_clause(ctx, cs, cut, year, prev_subject, news)
        rest, subj = _from_clause(ctx, cut + 1, ce, year, subj, news)
        return first + rest, subj
    q = qs[0]
    out.append(_make(ctx, (cs, ce), subject, _kind(clause, fig, q), q, q.qualifier, year, verb=fig.verb))
    return out, subject


# A floor and the stretch aimed for in the next clause (增长6%以上，力争7%) are one target with both bounds.
_STRETCH = re.compile(r"(?:力争|争取|确保|努力)(?:达到|实现|增长)?\s*\d")


def _stretches(ctx: Context, before: Target, after: Target, cs: int) -> bool:
    return (
        before.value is not None and after.value is not None and before.unit == after.unit
        and before.low is None and re.fullmatch(r"\s*[，,]\s*", ctx.text[before.span[1] : cs]) is not None
    )


def _with_stretch(ctx: Context, before: Target, after: Target, ce: int) -> Target:
    g = ctx.ground("target", before.span[0], ce)
    lo, hi = sorted((before.value, after.value))
    return replace(before, quote=g["quote"], span=g["span"], raw_span=g["raw_span"], low=lo, high=hi)


def _year_in(clause: str, default: int | None) -> int | None:
    m = re.search(r"(20\d\d)年", clause)
    return int(m.group(1)) if m else default


@register("targets", version="1", produces="targets")
def extract_targets(ctx: Context) -> list[Target]:
    out: list[Target] = []
    sections = ctx.sections_with("targets")
    for sec in sections:
        s, e = _list_range(ctx, sec.start, max(sec.start, sec.heading_end), sec.end)
        prev = ""
        pending: int | None = None
        for cs, ce in clauses(ctx.text, s, e):
            cs, ce = ctx.trim(cs, ce)
            if ce <= cs:
                continue
            if pending is not None:
                # a noun list continues across a comma, not across a semicolon or a full stop
                cs, pending = (pending if not re.search(r"[；;。]", ctx.text[pending:cs]) else cs), None
            fig = read_clause(ctx.text, cs, ce)
            if not fig.quantities and fig.verb is None:
                pending = cs  # a bare noun list continues into the next clause (就业人数，失业率…等指标完成…)
                continue
            got, prev = _from_clause(ctx, cs, ce, ctx.plan_year, prev, news=False)
            if out and len(got) == 1 and _STRETCH.match(ctx.text, cs) and _stretches(ctx, out[-1], got[0], cs):
                out[-1] = _with_stretch(ctx, out[-1], got[0], ce)
                continue
            out.extend(got)
    if sections or ctx.sd.report.doc_type != "news":
        return out
    # A news piece restates goals inside its plan part: take quantified, target-like clauses.
    for ps, pe in ctx.spans_of("plan"):
        for sent in split_sentences(ctx.text, ps, pe):
            prev = ""
            for cs, ce in clauses(ctx.text, sent.start, sent.end):
                cs, ce = ctx.trim(cs, ce)
                clause = ctx.text[cs:ce]
                if ce <= cs or _MULTI_YEAR.search(clause):
                    prev = ""
                    continue
                got, subj = _from_clause(ctx, cs, ce, _year_in(clause, ctx.plan_year), prev, news=True)
                for t in got:
                    if _goal_like(clause, t):
                        out.append(t)
                prev = subj if got else ""
    return out


def _goal_like(clause: str, t: Target) -> bool:
    if is_canonical(t.metric):
        return True
    if not _GOAL_WORD.search(clause):
        return False
    return bool(_INDICATOR_NOUN.search(t.metric_raw)) and t.target_kind in ("growth", "rate", "level")
