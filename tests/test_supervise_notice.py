"""The 通报 on invented tasks and progress: counts, units, overdue and red lists, DOCX and HTML."""

from __future__ import annotations

import datetime as dt

import docx

from duixian.supervise.model import Progress, Task
from duixian.supervise.notice import build_notice, to_docx, to_html
from duixian.supervise.status import Override


def _task(i: int, unit: str, deadline: str, text: str | None = None) -> Task:
    text = text or f"任务{i}"
    return Task(id=f"t{i}", number=f"一-{i}", path=("工作安排",), kind="task", category="重点工作", text=text,
                quote=text, span=(i, i + 1), raw_span=(i, i + 1), deadline=deadline, lead_units=(unit,))


TASKS = (
    _task(1, "教育局", "2024-12-31"),   # 50% on 06-30 (49.6 expected): 绿灯
    _task(2, "教育局", "2024-12-31"),   # 10%: 39.6 behind → 红灯
    _task(3, "财政局", "2024-06-15"),   # overdue at 80%
    _task(4, "财政局", "2024-12-31"),   # done in June (this month)
    _task(5, "交通运输局", "2024-12-31"),  # done in March
    _task(6, "交通运输局", "2024-12-31"),  # 25%: 24.6 behind → 黄灯
    _task(7, "民政局", "2024-12-31", "<b>新建</b>敬老院"),  # no progress: 红灯, but overridden to 绿灯
)
PROGRESS = (
    Progress("t1", "2024-06-28", 50), Progress("t2", "2024-06-28", 10), Progress("t3", "2024-06-20", 80),
    Progress("t4", "2024-05-31", 90), Progress("t4", "2024-06-15", 100), Progress("t5", "2024-03-10", 100),
    Progress("t6", "2024-06-28", 25), Progress("t1", "2024-07-15", 100),  # after the date: not seen
)
AS_OF = dt.date(2024, 6, 30)


def _notice():
    return build_notice(TASKS, PROGRESS, AS_OF, title="2024年重点工作推进情况通报", office="某县政府督查室",
                        overrides={"t7": Override("t7", "绿灯", "上级调整了开工时间", date="2024-06-20")})


def test_counts_units_and_lists():
    n = _notice()
    assert n.total == 7
    assert dict(n.counts) == {"未开始": 0, "红灯": 2, "黄灯": 1, "绿灯": 2, "超进度": 0, "已完成": 2}
    assert [i.task_id for i in n.overdue] == ["t3"]
    assert [i.task_id for i in n.red] == ["t2"]
    assert [i.task_id for i in n.completed_this_month] == ["t4"]
    assert [(i.task_id, i.reason) for i in n.overridden] == [("t7", "上级调整了开工时间")]
    units = {u.unit: (u.tasks, u.done, u.red, u.yellow) for u in n.by_unit}
    assert units == {"教育局": (2, 0, 1, 0), "财政局": (2, 1, 1, 0), "交通运输局": (2, 1, 0, 1), "民政局": (1, 0, 0, 0)}
    assert "7项任务" in n.summary and "红灯2项" in n.summary and "逾期未完成1项" in n.summary


def test_docx_opens_and_shows_the_counts(tmp_path):
    n = _notice()
    path = to_docx(n, tmp_path / "notice.docx")
    d = docx.Document(str(path))
    paras = [p.text for p in d.paragraphs]
    assert paras[0] == "2024年重点工作推进情况通报"
    assert "某县政府督查室　2024年6月30日" in paras
    assert n.summary in paras
    counts = {r.cells[0].text: r.cells[1].text for r in d.tables[0].rows[1:]}
    assert counts["红灯"] == "2" and counts["已完成"] == "2" and counts["合计"] == "7"
    unit_rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in d.tables[1].rows[1:]}
    assert unit_rows["财政局"] == ["2", "1", "1", "0"]
    overdue = d.tables[2].rows[1].cells
    assert overdue[1].text == "任务3" and overdue[2].text == "财政局" and overdue[4].text == "80%"


def test_html_is_autoescaped():
    html = to_html(_notice())
    assert "&lt;b&gt;新建&lt;/b&gt;敬老院" in html and "<b>新建</b>" not in html
    assert "红灯 2" in html and "上级调整了开工时间" in html
