"""The frozen records of supervision: a task of the decomposition table, and one month's progress on it.

Tasks come from a report (``duixian.supervise.tasks``); progress entries come from the office and the units
(the workspace). Both are plain values so the table, the XLSX round trip, the 通报 and the web workspace
share one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]

# The office's status words. Computed from the schedule unless an officer overrides with a reason.
STATUSES = ("未开始", "红灯", "黄灯", "绿灯", "超进度", "已完成")


@dataclass(frozen=True)
class Task:
    """One row of the 任务分解表, grounded in the report like every record."""

    id: str  # stable across runs: the report's sha256, the kind and the span
    number: str  # the printed heading numbers joined by ".", then "-" and a running number inside the innermost heading: "二.（三）-2"
    path: tuple[str, ...]  # heading titles from the chapter down to the innermost heading
    kind: str  # target | livelihood (numbered 民生实事) | pledge | task (a lead-in task sentence)
    category: str  # as extraction names it (民生实事 / 项目 / 指标 / 重点工作, or the target's metric)
    text: str  # the task as the table shows it
    quote: str  # the source sentence: clean_text[span] == quote
    span: Span
    raw_span: Span
    quantities: tuple[tuple[float, str | None, str | None], ...] = ()  # (value, unit, object)
    deadline: str | None = None  # ISO date
    deadline_default: bool = False  # True: no deadline written, the plan year's end assumed
    deadline_raw: str | None = None
    lead_units: tuple[str, ...] = ()
    partner_units: tuple[str, ...] = ()
    units_suggested: bool = False  # True: lead units come from the unit directory's themes, not the text
    record_id: str | None = None  # the target/pledge record this task was made from, if any
    confidence: float = 1.0
    basis: str = ""


@dataclass(frozen=True)
class Progress:
    """One dated progress entry; entries are appended, never overwritten."""

    task_id: str
    date: str  # ISO date the entry reports on
    percent: float  # 0–100
    note: str = ""
    proposed_status: str | None = None
    author: str | None = None
    evidence: tuple[str, ...] = field(default=())  # stored file names
