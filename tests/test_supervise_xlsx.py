"""The XLSX task table: layout, the round trip of an office's edits, and refused cells."""

from __future__ import annotations

import datetime as dt

import pytest

openpyxl = pytest.importorskip("openpyxl")

from duixian.errors import DuixianError, TaskTableError, TaskTableUnreadableError  # noqa: E402
from duixian.extract import extract  # noqa: E402
from duixian.pipeline import parse  # noqa: E402
from duixian.supervise.model import Progress  # noqa: E402
from duixian.supervise.tasks import build_tasks  # noqa: E402
from duixian.supervise.units import UnitDirectory  # noqa: E402
from duixian.supervise.xlsx import HEADERS, apply_changes, export_xlsx, import_xlsx  # noqa: E402

REPORT = ("政府工作报告\n——2024年1月10日在某某县第十届人民代表大会第三次会议上\n各位代表：\n"
          "一、2023年工作回顾\n过去一年，全县地区生产总值增长6%。\n二、2024年工作安排\n"
          "（一）加快项目建设\n全力推进重点项目建设。6月30日前建成县第一中学新校区，由县教育局牵头，县财政局配合。"
          "年底前完成老旧小区改造12个。改造农村公路50公里。\n（二）保障改善民生\n着力稳定就业。新增城镇就业3000人。\n")


@pytest.fixture
def table(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(REPORT, encoding="utf-8")
    sd = parse(src)
    units = UnitDirectory.sample()
    tasks = build_tasks(sd, extract(sd), units=units)
    assert len(tasks) >= 5
    progress = (Progress(tasks[0].id, "2024-03-31", 20.0, note="已立项", proposed_status="绿灯"),)
    out = export_xlsx(tasks, tmp_path / "t.xlsx", progress=progress)
    return tasks, units, progress, out


def _rows(path):
    ws = openpyxl.load_workbook(path).worksheets[0]
    return ws, {ws.cell(r, len(HEADERS)).value: r for r in range(2, ws.max_row + 1)}


def test_layout(table):
    tasks, _, _, path = table
    ws, rows = _rows(path)
    assert tuple(c.value for c in ws[1]) == HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["J"].hidden
    assert ws["A1"].font.bold and ws["B2"].alignment.wrap_text
    assert len(rows) == len(tasks)
    first = rows[tasks[0].id]
    assert ws.cell(first, 6).value == 20 and ws.cell(first, 7).value == "绿灯" and ws.cell(first, 8).value == "已立项"
    school = next(t for t in tasks if "第一中学" in t.quote)
    r = rows[school.id]
    assert ws.cell(r, 3).value == "教育局" and ws.cell(r, 4).value == "财政局"  # 简称 resolved by the directory
    assert ws.cell(r, 5).value.date() == dt.date(2024, 6, 30)
    assert ws.cell(r, 9).value == school.quote


def test_round_trip_gives_exactly_the_edited_cells(table, tmp_path):
    tasks, units, progress, path = table
    assert import_xlsx(path, tasks, units, progress=progress) == []  # untouched: no change
    ws, rows = _rows(path)
    a, b = tasks[1], tasks[2]
    ws.cell(rows[a.id], 3).value = "财政局"                       # C: lead unit
    ws.cell(rows[b.id], 5).value = dt.datetime(2024, 9, 30)       # E: deadline
    ws.cell(rows[tasks[0].id], 6).value = 55                      # F: progress
    ws.parent.save(tmp_path / "edited.xlsx")
    changes = import_xlsx(tmp_path / "edited.xlsx", tasks, units, progress=progress)
    got = {(c.task_id, c.field, c.new, c.cell) for c in changes}
    assert got == {(a.id, "lead_units", ("财政局",), f"C{rows[a.id]}"),
                   (b.id, "deadline", "2024-09-30", f"E{rows[b.id]}"),
                   (tasks[0].id, "percent", 55.0, f"F{rows[tasks[0].id]}")}
    new_tasks, entries = apply_changes(tasks, changes, date="2024-04-30")
    assert next(t for t in new_tasks if t.id == a.id).lead_units == ("财政局",)
    assert next(t for t in new_tasks if t.id == b.id).deadline == "2024-09-30"
    assert [(e.task_id, e.percent) for e in entries] == [(tasks[0].id, 55.0)]


def test_bad_cells_are_all_named_and_nothing_is_returned(table, tmp_path):
    tasks, units, progress, path = table
    ws, rows = _rows(path)
    r1, r2 = rows[tasks[1].id], rows[tasks[2].id]
    ws.cell(r1, 5).value = "2024-13-01"       # bad date
    ws.cell(r1, 6).value = 120                # progress out of range
    ws.cell(r2, 7).value = "蓝灯"              # unknown status
    ws.cell(r2, 3).value = "宇宙管理局"         # unknown unit
    ws.cell(r2, 2).value = "改了任务内容"        # not editable
    ws.cell(rows[tasks[3].id], 10).value = "t000000000000000"  # an id matching no task
    ws.cell(rows[tasks[4].id], 4).value = "县财政局"  # a valid edit: must not be applied either
    ws.parent.save(tmp_path / "bad.xlsx")
    with pytest.raises(TaskTableError) as info:
        import_xlsx(tmp_path / "bad.xlsx", tasks, units, progress=progress)
    err = info.value
    cells = dict(err.cells)
    assert set(cells) == {f"E{r1}", f"F{r1}", f"G{r2}", f"C{r2}", f"B{r2}", f"J{rows[tasks[3].id]}"}
    assert "2024-13-01" in cells[f"E{r1}"] and "宇宙管理局" in cells[f"C{r2}"]
    line = str(err)
    assert line.startswith("error[TASK_TABLE_INVALID]") and "\n" not in line and f"E{r1}" in line
    assert isinstance(err, DuixianError)


def test_unreadable_file(tmp_path):
    p = tmp_path / "x.xlsx"
    p.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(TaskTableUnreadableError):
        import_xlsx(p, (), None)


def test_a_missing_column_is_named(table, tmp_path):
    tasks, units, _, path = table
    ws, _ = _rows(path)
    ws.delete_cols(9)  # 来源原文
    ws.parent.save(tmp_path / "cut.xlsx")
    with pytest.raises(TaskTableError, match="来源原文"):
        import_xlsx(tmp_path / "cut.xlsx", tasks, units)
