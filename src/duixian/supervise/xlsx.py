"""The task table as the office's spreadsheet, and the office's edits read back, cell by cell.

Layout (one sheet, header in row 1, frozen): 序号, 任务内容, 牵头单位, 配合单位, 完成时限, 进度, 状态, 备注,
来源原文, 任务编号 (hidden, last). The office edits 牵头单位, 配合单位, 完成时限, 进度, 状态 and 备注; 任务内容
and 来源原文 come from the report and are refused if changed; 任务编号 matches a row to its task.
Import checks every row and collects every bad cell before it returns anything: one TaskTableError names
them all (E7: bad date …), and the caller applies nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from duixian.errors import ExportError, TaskTableError, TaskTableUnreadableError
from duixian.outfile import write_atomic
from duixian.supervise.model import STATUSES, Progress, Task
from duixian.supervise.units import UnitDirectory

HEADERS = ("序号", "任务内容", "牵头单位", "配合单位", "完成时限", "进度", "状态", "备注", "来源原文", "任务编号")
EDITABLE = ("牵头单位", "配合单位", "完成时限", "进度", "状态", "备注")
FROZEN = ("任务内容", "来源原文")  # from the report: an edit there is refused, not applied
_WIDTHS = {"序号": 12, "任务内容": 48, "牵头单位": 18, "配合单位": 22, "完成时限": 12, "进度": 8, "状态": 9,
           "备注": 28, "来源原文": 60, "任务编号": 18}
# Field of a Change for each editable column.
FIELDS = {"牵头单位": "lead_units", "配合单位": "partner_units", "完成时限": "deadline", "进度": "percent",
          "状态": "status", "备注": "note"}
_UNIT_SPLIT = re.compile(r"[、,，;；/\s]+")


@dataclass(frozen=True)
class Change:
    """One edited cell, as the office wrote it and as it will be stored."""

    task_id: str
    number: str
    field: str  # lead_units | partner_units | deadline | percent | status | note
    old: object
    new: object
    cell: str  # e.g. "C7"


def latest(progress: Iterable[Progress]) -> dict[str, Progress]:
    """The last entry per task (by date; of equal dates the later one given)."""
    out: dict[str, Progress] = {}
    for p in progress:
        if p.task_id not in out or p.date >= out[p.task_id].date:
            out[p.task_id] = p
    return out


def _openpyxl():
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - the export extra is installed in development
        raise ExportError("the XLSX task table needs openpyxl") from None
    return openpyxl


def export_xlsx(tasks: Iterable[Task], path: str | os.PathLike[str], *, progress: Iterable[Progress] = (),
                statuses: Mapping[str, str] | None = None, title: str = "任务分解表") -> Path:
    """Write the table; 进度/状态/备注 from each task's latest progress entry (``statuses`` wins for 状态)."""
    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    last = latest(progress)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(HEADERS))
    thin = Side(style="thin", color="999999")
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for t in tasks:
        p = last.get(t.id)
        status = (statuses or {}).get(t.id) or (p.proposed_status if p else None) or ""
        ws.append([t.number, t.text, "、".join(t.lead_units), "、".join(t.partner_units),
                   dt.date.fromisoformat(t.deadline) if t.deadline else None,
                   _percent_out(p.percent) if p else None, status, p.note if p else "", t.quote, t.id])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        row[4].number_format = "yyyy-mm-dd"
    for i, h in enumerate(HEADERS, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = _WIDTHS[h]
    ws.column_dimensions[_col("任务编号")].hidden = True
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"{_col('状态')}2:{_col('状态')}{ws.max_row}")
        pv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
        ws.add_data_validation(pv)
        pv.add(f"{_col('进度')}2:{_col('进度')}{ws.max_row}")
    return write_atomic(Path(path), wb.save)  # an interrupted export never leaves a half file under the real name


def import_xlsx(path: str | os.PathLike[str], tasks: Iterable[Task], units: UnitDirectory | None = None, *,
                progress: Iterable[Progress] = ()) -> list[Change]:
    """The office's edits as changes against ``tasks`` (and their latest ``progress``), in row order.

    Raises TaskTableError listing every refused cell; then no change is returned, so none can be applied."""
    openpyxl = _openpyxl()
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise TaskTableUnreadableError("no such file", path=str(path)) from None
    except Exception as exc:  # openpyxl raises zipfile/KeyError/InvalidFileException on a non-XLSX file
        raise TaskTableUnreadableError(f"not an XLSX workbook ({type(exc).__name__})", path=str(path)) from None
    ws = wb.worksheets[0]
    by_id = {t.id: t for t in tasks}
    last = latest(progress)
    header = [_text(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in HEADERS and h not in cols:
            cols[h] = i
    errors: list[tuple[str, str]] = []
    for h in HEADERS[1:]:
        if h not in cols:
            errors.append((f"{openpyxl.utils.get_column_letter(len(header) + 1)}1", f"column {h} is missing"))
    if errors:
        raise _refuse(path, errors)
    changes: list[Change] = []
    seen: dict[str, str] = {}
    for r, row in enumerate(ws.iter_rows(min_row=2), start=2):
        values = {h: (row[i].value if i < len(row) else None) for h, i in cols.items()}
        where = {h: f"{openpyxl.utils.get_column_letter(i + 1)}{r}" for h, i in cols.items()}
        tid = _text(values["任务编号"])
        if not tid:
            if any(_text(v) for v in values.values()):
                errors.append((where["任务编号"], "a row without 任务编号: rows cannot be added here, only edited"))
            continue
        task = by_id.get(tid)
        if task is None:
            errors.append((where["任务编号"], f"任务编号 {tid} matches no task of this report"))
            continue
        if tid in seen:
            errors.append((where["任务编号"], f"任务编号 {tid} is already on row {seen[tid]}"))
            continue
        seen[tid] = str(r)
        if _squash(values["任务内容"]) != _squash(task.text):
            errors.append((where["任务内容"], "任务内容 comes from the report and cannot be edited"))
        if _squash(values["来源原文"]) != _squash(task.quote):
            errors.append((where["来源原文"], "来源原文 is the report's text and cannot be edited"))
        p = last.get(tid)
        old = {"lead_units": task.lead_units, "partner_units": task.partner_units, "deadline": task.deadline,
               "percent": _percent_out(p.percent) if p else None, "status": (p.proposed_status if p else None) or "",
               "note": (p.note if p else "") or ""}
        for h in EDITABLE:
            field = FIELDS[h]
            try:
                new = _read(h, values[h], task, units)
            except ValueError as exc:
                errors.append((where[h], str(exc)))
                continue
            if new != old[field]:
                changes.append(Change(tid, task.number, field, old[field], new, where[h]))
    if errors:
        raise _refuse(path, errors)
    return changes


def apply_changes(tasks: Iterable[Task], changes: Iterable[Change], *, date: str,
                  author: str | None = None) -> tuple[tuple[Task, ...], tuple[Progress, ...]]:
    """The tasks with their edited owners and deadlines, and one new progress entry per task whose
    进度/状态/备注 changed (entries are appended, never overwritten)."""
    by_task: dict[str, dict[str, Any]] = {}
    for c in changes:
        by_task.setdefault(c.task_id, {})[c.field] = c.new
    out_tasks = []
    entries = []
    for t in tasks:
        edits = by_task.get(t.id)
        if not edits:
            out_tasks.append(t)
            continue
        upd: dict[str, Any] = {}
        if "lead_units" in edits:
            upd.update(lead_units=edits["lead_units"], units_suggested=False)
        if "partner_units" in edits:
            upd["partner_units"] = edits["partner_units"]
        if "deadline" in edits:
            upd.update(deadline=edits["deadline"], deadline_default=False)
        out_tasks.append(replace(t, **upd) if upd else t)
        if {"percent", "status", "note"} & edits.keys():
            pct = edits.get("percent")
            entries.append(Progress(t.id, date, float(pct) if pct is not None else 0.0,
                                    note=str(edits.get("note") or ""),
                                    proposed_status=str(edits["status"]) or None if "status" in edits else None,
                                    author=author))
    return tuple(out_tasks), tuple(entries)


# ---- cells --------------------------------------------------------------------------------------------


def _read(header: str, value: object, task: Task, units: UnitDirectory | None) -> object:
    if header in ("牵头单位", "配合单位"):
        names = tuple(n for n in _UNIT_SPLIT.split(_text(value)) if n)
        current = task.lead_units if header == "牵头单位" else task.partner_units
        out = []
        for n in names:
            # a unit the report names stays valid as written; any other must be in the directory
            if units is not None and n not in units and n not in current:
                raise ValueError(f"unknown unit {n!r}: not in the unit directory")
            out.append(units.resolve(n) if units is not None else n)
        return tuple(out)
    if header == "完成时限":
        return _date(value)
    if header == "进度":
        return _percent_in(value)
    if header == "状态":
        s = _text(value)
        if s and s not in STATUSES:
            raise ValueError(f"unknown status {s!r}: one of {'/'.join(STATUSES)}")
        return s
    return _text(value)


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _date(value: object) -> str | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    m = _DATE.fullmatch(_text(value))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            pass
    raise ValueError(f"bad date {_text(value)!r}: write it as 2024-06-30")


def _percent_in(value: object) -> float | None:
    if value is None or _text(value) == "":
        return None
    s = _text(value).rstrip("%％").strip()
    try:
        v = float(value) if isinstance(value, (int, float)) else float(s)
    except ValueError:
        raise ValueError(f"progress {_text(value)!r} is not a number from 0 to 100") from None
    if not 0 <= v <= 100:
        raise ValueError(f"progress {v:g} is outside 0–100")
    return _percent_out(v)


def _percent_out(v: float) -> float:
    return round(float(v), 1)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _squash(value: object) -> str:
    return re.sub(r"\s+", "", _text(value))


def _col(header: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(HEADERS.index(header) + 1)


def _refuse(path: str | os.PathLike[str], errors: list[tuple[str, str]]) -> TaskTableError:
    shown = "; ".join(f"{c}: {m}" for c, m in errors[:5]) + (f"; … {len(errors) - 5} more" if len(errors) > 5 else "")
    return TaskTableError(f"{len(errors)} cell(s) refused — {shown}", cells=tuple(errors), path=str(path))
