"""The 通报: where the tasks stand on a date — counts by status, by lead unit, the overdue and red tasks with
their units, and what was completed this month — as DOCX (python-docx) or one self-contained HTML page.

Each task's status is computed from its latest progress entry up to the date (``status.schedule_status``)
unless an officer overrode it (``overrides``); an override's reason is printed beside the task.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from duixian.outfile import write_atomic
from duixian.supervise.model import STATUSES, Progress, Task
from duixian.supervise.status import Override, effective_status, schedule_status, to_date

NO_UNIT = "（未明确牵头单位）"


@dataclass(frozen=True)
class NoticeItem:
    task_id: str
    number: str
    text: str
    units: tuple[str, ...]
    deadline: str | None
    percent: float | None
    status: str
    overdue: bool
    reason: str = ""  # the officer's reason when the status is an override


@dataclass(frozen=True)
class UnitLine:
    unit: str
    tasks: int
    done: int
    red: int
    yellow: int


@dataclass(frozen=True)
class Notice:
    title: str
    office: str
    as_of: str  # ISO date
    total: int
    counts: tuple[tuple[str, int], ...]  # (status, tasks) in STATUSES order
    by_unit: tuple[UnitLine, ...]  # most red first, then most tasks
    overdue: tuple[NoticeItem, ...]  # past the deadline and unfinished
    red: tuple[NoticeItem, ...]  # 红灯 and not yet overdue
    completed_this_month: tuple[NoticeItem, ...]
    overridden: tuple[NoticeItem, ...]
    items: tuple[NoticeItem, ...]  # every task, in table order
    summary: str

    def count(self, status: str) -> int:
        return dict(self.counts).get(status, 0)


def build_notice(tasks: Iterable[Task], progress_entries: Iterable[Progress], as_of: dt.date | str, *,
                 title: str = "重点工作任务推进情况通报", office: str = "政府督查室",
                 overrides: Mapping[str, Override | str] | None = None, start: dt.date | str | None = None,
                 yellow: float = 10, red: float = 30) -> Notice:
    """The 通报 on ``as_of``. ``start`` is when the year's work began (default: 1 January of each task's
    deadline year); entries dated after ``as_of`` are not seen."""
    day = to_date(as_of)
    month_start = day.replace(day=1)
    history: dict[str, list[Progress]] = {}
    for p in progress_entries:
        if to_date(p.date) <= day:
            history.setdefault(p.task_id, []).append(p)
    items: list[NoticeItem] = []
    done_this_month: list[NoticeItem] = []
    for t in tasks:
        entries = sorted(history.get(t.id, []), key=lambda p: p.date)
        last = entries[-1] if entries else None
        deadline = to_date(t.deadline) if t.deadline else dt.date(day.year, 12, 31)
        begin = to_date(start) if start is not None else dt.date(deadline.year, 1, 1)
        computed = schedule_status(last.percent if last else None, day, min(begin, deadline), deadline,
                                   yellow=yellow, red=red)
        ov = (overrides or {}).get(t.id)
        status = effective_status(computed, ov)
        reason = ov.reason if isinstance(ov, Override) and ov.status else ""
        item = NoticeItem(t.id, t.number, t.text, t.lead_units, t.deadline, last.percent if last else None, status,
                          overdue=day > deadline and status != "已完成", reason=reason)
        items.append(item)
        if status == "已完成":
            # done this month: the first entry at 100% falls in it, or the officer marked it done in it
            finished = next((p for p in entries if p.percent >= 100), None)
            when = finished.date if finished else (ov.date if isinstance(ov, Override) else None)
            if when and to_date(when) >= month_start:
                done_this_month.append(item)
    counts = tuple((s, sum(i.status == s for i in items)) for s in STATUSES)
    units: dict[str, list[NoticeItem]] = {}
    for i in items:
        for u in i.units or (NO_UNIT,):
            units.setdefault(u, []).append(i)
    by_unit = tuple(sorted(
        (UnitLine(u, len(v), sum(i.status == "已完成" for i in v), sum(i.status == "红灯" for i in v),
                  sum(i.status == "黄灯" for i in v)) for u, v in units.items()),
        key=lambda ln: (-ln.red, -ln.yellow, -ln.tasks, ln.unit)))
    overdue = tuple(i for i in items if i.overdue)
    red_items = tuple(i for i in items if i.status == "红灯" and not i.overdue)
    overridden = tuple(i for i in items if i.reason)
    c = dict(counts)
    summary = (f"截至{day.year}年{day.month}月{day.day}日，纳入督查的{len(items)}项任务中，已完成{c['已完成']}项，"
               f"超进度{c['超进度']}项，绿灯{c['绿灯']}项，黄灯{c['黄灯']}项，红灯{c['红灯']}项，未开始{c['未开始']}项；"
               f"逾期未完成{len(overdue)}项；本月完成{len(done_this_month)}项。")
    return Notice(title, office, day.isoformat(), len(items), counts, by_unit, overdue, red_items,
                  tuple(done_this_month), overridden, tuple(items), summary)


def to_html(notice: Notice) -> str:
    """One self-contained page, autoescaped by the project's Jinja environment."""
    from duixian.templating import env

    return env().get_template("notice.html").render(n=notice, pct=_pct)


def to_docx(notice: Notice, path: str | os.PathLike[str]) -> Path:
    """Write the 通报 as a Word document: title, date line, summary paragraph and the tables."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    head = doc.add_heading(notice.title, level=0)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    day = to_date(notice.as_of)
    line = doc.add_paragraph(f"{notice.office}　{day.year}年{day.month}月{day.day}日")
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(notice.summary)
    doc.add_heading("一、总体进度", level=1)
    _table(doc, ("状态", "任务数"), [(s, str(n)) for s, n in notice.counts] + [("合计", str(notice.total))])
    doc.add_heading("二、各牵头单位推进情况", level=1)
    _table(doc, ("牵头单位", "任务数", "已完成", "红灯", "黄灯"),
           [(u.unit, str(u.tasks), str(u.done), str(u.red), str(u.yellow)) for u in notice.by_unit])
    sections = (("三、逾期未完成任务", notice.overdue), ("四、红灯任务", notice.red),
                ("五、本月完成任务", notice.completed_this_month))
    for heading, items in sections:
        doc.add_heading(heading, level=1)
        if items:
            _table(doc, ("序号", "任务", "牵头单位", "完成时限", "进度", "状态"), [_row(i) for i in items])
        else:
            doc.add_paragraph("无。")
    if notice.overridden:
        doc.add_heading("六、人工调整状态的任务", level=1)
        _table(doc, ("序号", "任务", "状态", "理由"), [(i.number, i.text, i.status, i.reason) for i in notice.overridden])
    return write_atomic(Path(path), lambda p: doc.save(str(p)))  # never a half file under the real name


def _row(i: NoticeItem) -> tuple[str, ...]:
    return (i.number, i.text, "、".join(i.units) or NO_UNIT, i.deadline or "", _pct(i.percent), i.status)


def _pct(v: float | None) -> str:
    return "未报" if v is None else f"{v:g}%"


def _table(doc, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for r in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, r, strict=True):
            cell.text = text
