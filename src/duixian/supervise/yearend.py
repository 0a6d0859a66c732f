"""The year-end check: the office's own statuses beside what the next year's report says was done.

Tracking (``duixian.track``) rates every target and pledge of the plan against the review part of the next
report. A task made from a target or pledge takes that record's verdict (``record_id``); any other row takes
the verdict of the plan item its span overlaps most, if any. The disagreements are what a 督查室 must look
at before signing off the year: a task it marked 已完成 that the review never mentions (or says was not
kept), and a task the review reports kept or exceeded while the office still has it at 红灯 or 未开始.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from duixian.supervise.model import Task
from duixian.track import Tracking
from duixian.track.model import ZH, Verdict

_DONE = frozenset({"kept", "exceeded"})
# disagreement kinds, and what each means for the office
DISAGREEMENTS = {
    "office_done_review_silent": "督查台账已完成，次年报告回顾未提及",
    "office_done_review_not_kept": "督查台账已完成，次年报告显示未兑现",
    "review_done_office_behind": "次年报告显示已兑现，督查台账仍为红灯或未开始",
}


@dataclass(frozen=True)
class EvidenceQuote:
    quote: str
    span: tuple[int, int]  # in the review report's clean text
    raw_span: tuple[int, int]
    direct: bool = True


@dataclass(frozen=True)
class YearEndLine:
    task_id: str
    number: str
    text: str
    quote: str
    span: tuple[int, int]
    office_status: str | None
    verdict: str | None  # the tracking status (kept, exceeded, partial, …), None when no plan item covers the task
    verdict_zh: str | None
    reason: str
    evidence: tuple[EvidenceQuote, ...]
    matched_by: str | None  # record_id | span | None
    disagreement: str | None = None  # a key of DISAGREEMENTS
    item_id: str | None = None  # the rated plan item (its verdict's permalink is /verdicts/{item_id})


@dataclass(frozen=True)
class YearEnd:
    plan_year: int | None
    lines: tuple[YearEndLine, ...]

    @property
    def disagreements(self) -> tuple[YearEndLine, ...]:
        return tuple(ln for ln in self.lines if ln.disagreement)

    def counts(self) -> dict[str, int]:
        """Lines per verdict (``unrated`` when no plan item covers the task)."""
        out: dict[str, int] = {}
        for ln in self.lines:
            key = ln.verdict or "unrated"
            out[key] = out.get(key, 0) + 1
        return out


def check(tasks: Iterable[Task], office_statuses: Mapping[str, str], pair_result: Tracking) -> YearEnd:
    """Each task beside its 兑现 verdict and evidence, with the disagreements marked."""
    verdicts = pair_result.verdicts
    by_item = {v.item_id: v for v in verdicts}
    lines = []
    for t in tasks:
        v, how = _verdict_of(t, by_item, verdicts)
        office = office_statuses.get(t.id)
        lines.append(YearEndLine(
            task_id=t.id, number=t.number, text=t.text, quote=t.quote, span=t.span, office_status=office,
            verdict=v.status if v else None, verdict_zh=ZH.get(v.status) if v else None,
            reason=v.reason if v else "", matched_by=how,
            evidence=tuple(EvidenceQuote(e.quote, e.span, e.raw_span, e.direct) for e in v.evidence) if v else (),
            disagreement=_disagreement(office, v.status if v else None), item_id=v.item_id if v else None,
        ))
    return YearEnd(pair_result.plan.sd.report.report_year, tuple(lines))


def _verdict_of(t: Task, by_item: dict[str, Verdict], verdicts: tuple[Verdict, ...]) -> tuple[Verdict | None, str | None]:
    if t.record_id and t.record_id in by_item:
        return by_item[t.record_id], "record_id"
    best: tuple[int, Verdict] | None = None
    for v in verdicts:
        shared = min(t.span[1], v.span[1]) - max(t.span[0], v.span[0])
        if shared > 0 and (best is None or shared > best[0]):
            best = (shared, v)
    # a row must share a real part of its words with the plan item, not a comma's worth
    if best and best[0] >= 0.5 * min(t.span[1] - t.span[0], best[1].span[1] - best[1].span[0]):
        return best[1], "span"
    return None, None


def _disagreement(office: str | None, verdict: str | None) -> str | None:
    if office == "已完成" and verdict == "not_mentioned":
        return "office_done_review_silent"
    if office == "已完成" and verdict == "not_kept":
        return "office_done_review_not_kept"
    if office in ("红灯", "未开始") and verdict in _DONE:
        return "review_done_office_behind"
    return None
