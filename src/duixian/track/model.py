"""Verdicts: one plan item (target or pledge) of year N judged against the review of year N."""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("kept", "exceeded", "partial", "in_progress", "not_kept", "not_mentioned", "unverifiable", "redefined")
# The coarse classes a reader cares about first (and the ones the evaluation reports).
COARSE = {
    "kept": "done", "exceeded": "done", "partial": "partly", "in_progress": "partly",
    "not_kept": "not", "not_mentioned": "none", "unverifiable": "none", "redefined": "none",
}
ZH = {
    "kept": "已兑现", "exceeded": "超额兑现", "partial": "部分兑现", "in_progress": "推进中", "not_kept": "未兑现",
    "not_mentioned": "未见下文", "unverifiable": "无法核验", "redefined": "口径变化",
}

# Why a verdict may be wrong, for a reader who checks the doubtful ones first (`duixian track --json` items: doubts). On
# the wild pairs most wrong rated verdicts are of these kinds (docs/tracking.md).
DOUBTS = {
    "weak_match": "证据与承诺只有少数词相同，可能说的不是同一件事",
    "vague": "承诺只说推进某项工作，回顾提到这项工作即算兑现",
    "no_amount": "承诺有数额，回顾没有给出可比的数额",
    "indirect": "证据只来自下一年的工作安排，不是上一年的回顾",
}


@dataclass(frozen=True)
class Evidence:
    quote: str
    span: tuple[int, int]  # clean span in the review report
    raw_span: tuple[int, int]
    direct: bool = True  # False: the next plan pledges the item again (indirect evidence)


@dataclass(frozen=True)
class Verdict:
    kind: str  # target | pledge
    item_id: str
    quote: str
    span: tuple[int, int]
    raw_span: tuple[int, int]
    status: str
    evidence: tuple[Evidence, ...]
    reason: str  # plain Chinese, quotable
    confidence: float
    category: str | None = None
    doubts: tuple[str, ...] = ()  # why a reader may want to check this verdict first (DOUBTS), most telling first
