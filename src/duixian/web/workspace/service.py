"""What the workspace pages show and do, as JSON-able dicts: the page renders them, the ``.json`` twin returns
them. This is where the workspace meets the supervision library (tasks, statuses, 通报, year-end check).
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from duixian.supervise import store
from duixian.supervise.auth import User
from duixian.supervise.model import STATUSES
from duixian.supervise.store import Actor, BadValueError
from duixian.web.workspace import access, picker
from duixian.web.workspace.config import WorkspaceConfig

ROLE_ZH = {"office": "督查室", "unit": "责任单位", "viewer": "只读"}
# the audit log's codes as the office reads them (the JSON twin keeps the codes)
ACTION_ZH = {"login": "登录", "login.failed": "登录失败", "logout": "退出", "user.add": "新建账号",
             "user.password": "修改密码", "user.active": "启用/停用账号", "workspace.create": "新建工作台", "workspace.public": "公开设置",
             "task.assign": "分配责任单位", "task.edit": "修改任务", "progress.add": "报送进度",
             "evidence.add": "上传佐证材料", "status.override": "人工认定状态", "notice.publish": "发布通报"}
FIELD_ZH = {"lead_units": "牵头单位", "partner_units": "配合单位", "text": "任务内容", "deadline": "完成时限",
            "category": "类别", "percent": "进度", "note": "进展情况", "proposed_status": "建议状态",
            "evidence": "佐证材料", "override_status": "认定状态", "override_reason": "认定理由", "month": "月份",
            "tasks": "任务数", "public": "公开", "reason": "原因", "role": "角色", "password_hash": "密码", "active": "启用"}
OBJECT_ZH = {"task": "任务", "workspace": "工作台", "notice": "通报", "user": "账号"}


def _public(ws: dict[str, Any], user: User | None) -> dict[str, Any]:
    """The workspace row as a visitor may see it: staff names only for signed-in users."""
    return ws if user is not None else {k: v for k, v in ws.items() if k != "created_by"}


def user_json(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"name": user.name, "role": user.role, "unit": user.unit}


@lru_cache(maxsize=8)
def _directory(path: str | None) -> Any:
    """The office's unit directory, or the bundled sample of county-level bureaus until it has one."""
    from duixian.supervise.units import UnitDirectory

    return UnitDirectory.load(path) if path else UnitDirectory.sample()


def unit_names(cfg: WorkspaceConfig) -> tuple[str, ...]:
    return _directory(str(cfg.units_csv) if cfg.units_csv else None).names()


# ---- workspaces ------------------------------------------------------------------------------------------


def home(engine: Engine, user: User | None, picker_filters: picker.Filters | None = None,
         page: int = 1) -> dict[str, Any]:
    """The workspaces this user may open: all for staff, those with its tasks for a unit, public ones for
    anyone, each list from one query; the office also gets one page of the stored reports it can make a
    workspace from (``picker_filters``, ``page``), never the whole corpus."""
    if user is None:
        rows = [_public(w, None) for w in store.list_workspaces(engine, public_only=True)]
    elif user.role == "unit":
        rows = store.list_workspaces(engine, unit=user.unit or "")  # a unit without a name sees nothing
    else:
        rows = store.list_workspaces(engine)
    out: dict[str, Any] = {"user": user_json(user), "workspaces": rows}
    if user is not None and user.role == "office":
        out |= picker.picker(engine, picker_filters or picker.Filters(), page)
    return out


def create_workspace(engine: Engine, cfg: WorkspaceConfig, ref: str, name: str, actor: Actor) -> int:
    """Split a stored report into its task table and store it as a new workspace."""
    from duixian.store.reload import extraction_of
    from duixian.store.verdicts import texts
    from duixian.supervise.tasks import build_tasks
    from duixian.web.views import find

    row = find(engine, ref.strip())
    ex = extraction_of(row, *texts(engine, row["id"]))
    table = build_tasks(ex.sd, ex, units=_directory(str(cfg.units_csv) if cfg.units_csv else None))
    year = row.get("report_year")
    # the schedule runs over the plan year; without a year, from the day the workspace is made
    start = f"{year}-01-01" if year else date.today().isoformat()
    title = name.strip() or f"{row.get('region') or ''}{year or ''}年政府工作报告任务分解"
    return store.create_workspace(engine, row["id"], title, year, start, table, actor)


def status_of(cfg: WorkspaceConfig, ws: dict[str, Any], task: dict[str, Any], as_of: date,
              entries: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The task's progress as of a day: the latest entry on or before it, the computed schedule status, the
    office's override (with its reason) and the status that counts."""
    from duixian.supervise.status import effective_status, schedule_status

    day = as_of.isoformat()
    if entries is None:
        entries = [task["latest"]] if task.get("latest") else []
    seen = [e for e in entries if e["date"] <= day]
    latest = seen[-1] if seen else None
    percent = latest["percent"] if latest else None  # None: nothing reported yet
    deadline = task["deadline"] or f"{ws['start'][:4]}-12-31"  # no deadline: the plan year's end
    computed = schedule_status(percent, as_of, ws["start"], deadline, yellow=cfg.yellow, red=cfg.red)
    return {"percent": percent or 0.0, "as_of": day, "computed": computed, "override": task["override_status"],
            "override_reason": task["override_reason"],
            "status": effective_status(computed, task["override_status"]),
            "proposed": latest["proposed_status"] if latest else None,
            "reported": latest["date"] if latest else None}


def table(engine: Engine, cfg: WorkspaceConfig, wid: int, user: User | None, *,
          as_of: str | None = None) -> dict[str, Any]:
    ws = store.workspace(engine, wid)
    access.can_read_workspace(user, ws)
    day = date.fromisoformat(as_of) if as_of else date.today()
    rows = store.task_rows(engine, wid, unit=access.unit_filter(user))
    if rows and any(r["latest"] and r["latest"]["date"] > day.isoformat() for r in rows):
        # an entry dated after the day asked for: read the histories so the status is the one of that day
        rows = [store.task_row(engine, wid, r["id"]) for r in rows]
        for r in rows:
            r["status"] = status_of(cfg, ws, r, day, r.pop("history"))
    else:
        for r in rows:
            r["status"] = status_of(cfg, ws, r, day)
    counts = {s: 0 for s in STATUSES}
    for r in rows:
        counts[r["status"]["status"]] += 1
        if user is None and r.get("latest"):  # the public sees progress, not who typed it
            r["latest"] = {k: v for k, v in r["latest"].items() if k != "author"}
    return {"user": user_json(user), "workspace": _public(ws, user), "as_of": day.isoformat(), "tasks": rows, "counts": counts,
            "unit": access.unit_filter(user)}


def table_xlsx(engine: Engine, cfg: WorkspaceConfig, wid: int, user: User | None, *,
               as_of: date) -> tuple[bytes, str]:
    """The table this user sees as the tasks library's XLSX, with each task's status on ``as_of``."""
    import tempfile

    from duixian.supervise.xlsx import export_xlsx

    data = table(engine, cfg, wid, user, as_of=as_of.isoformat())
    rows = [store.task_row(engine, wid, r["id"]) for r in data["tasks"]]
    statuses = {r["task_id"]: t["status"]["status"] for r, t in zip(rows, data["tasks"], strict=True)}
    progress = [store.to_progress(r["task_id"], e) for r in rows for e in r["history"] if e["date"] <= as_of.isoformat()]
    with tempfile.TemporaryDirectory() as tmp:
        body = export_xlsx([store.to_task(r) for r in rows], Path(tmp) / "t.xlsx", progress=progress,
                           statuses=statuses).read_bytes()
    return body, f"任务分解表-{data['workspace']['name']}-{as_of.isoformat()}.xlsx"


def task(engine: Engine, cfg: WorkspaceConfig, wid: int, pk: int, user: User | None, *, as_of: date) -> dict[str, Any]:
    ws = store.workspace(engine, wid)
    t = store.task_row(engine, wid, pk)
    access.can_read_task(user, ws, t)
    t["status"] = status_of(cfg, ws, t, as_of, t["history"])
    if user is None:  # the public sees the progress, not who typed it or the evidence
        for e in t["history"]:
            e["author"], e["evidence"] = None, []
    may_report = user is not None and (user.role == "office" or (
        user.role == "unit" and user.unit in (*t["lead_units"], *t["partner_units"])))
    return {"user": user_json(user), "workspace": _public(ws, user), "task": t, "statuses": list(STATUSES),
            "may_report": may_report, "today": date.today().isoformat(),
            "csrf": user.csrf if user is not None else None}


# ---- 通报 ------------------------------------------------------------------------------------------------


def month_end(month: str) -> date:
    try:
        y, m = (int(x) for x in month.split("-"))
        return date(y, m, calendar.monthrange(y, m)[1])
    except (ValueError, calendar.IllegalMonthError):
        raise BadValueError(f"月份 {month[:10]!r} 不是 YYYY-MM 格式",
                            en=f"the month {month[:10]!r} is not written YYYY-MM") from None


def _overrides(rows: list[dict[str, Any]]) -> dict[str, Any]:
    from duixian.supervise.status import Override

    return {r["task_id"]: Override(r["task_id"], r["override_status"], r["override_reason"] or "", r["override_by"],
                                   (r["override_at"] or "")[:10] or None)
            for r in rows if r["override_status"]}


def publish(engine: Engine, cfg: WorkspaceConfig, wid: int, month: str, actor: Actor) -> int:
    """The month's 通报 as of the month's last day (or today, for the running month), stored as DOCX and HTML
    with its counts; a month not begun yet is refused."""
    import tempfile

    from duixian.supervise.notice import build_notice, to_docx, to_html

    ws = store.workspace(engine, wid)
    as_of = min(month_end(month), date.today())
    if as_of < month_end(month).replace(day=1):
        raise BadValueError(f"{month} 还没有开始，不能发布通报", en=f"{month} has not begun: no notice can be published for it")
    rows = [store.task_row(engine, wid, r["id"]) for r in store.task_rows(engine, wid)]
    tasks = [store.to_task(r) for r in rows]
    progress = [store.to_progress(r["task_id"], e) for r in rows for e in r["history"]]
    notice = build_notice(tasks, progress, as_of, title=f"{ws['name']}推进情况通报（{as_of.year}年{as_of.month}月）",
                          overrides=_overrides(rows), start=ws["start"], yellow=cfg.yellow, red=cfg.red)
    with tempfile.TemporaryDirectory() as tmp:
        docx = to_docx(notice, Path(tmp) / "notice.docx").read_bytes()
    return store.save_notice(engine, wid, month, as_of.isoformat(), dict(notice.counts), to_html(notice), docx,
                             actor)


def notices(engine: Engine, wid: int, user: User | None) -> dict[str, Any]:
    ws = store.workspace(engine, wid)
    access.can_read_workspace(user, ws)
    listed = store.notice_list(engine, wid)
    if user is None:
        listed = [{k: v for k, v in n.items() if k != "published_by"} for n in listed]
    return {"user": user_json(user), "workspace": _public(ws, user), "notices": listed,
            "csrf": user.csrf if user is not None else None}


def notice(engine: Engine, wid: int, nid: int, user: User | None) -> dict[str, Any]:
    access.can_read_workspace(user, store.workspace(engine, wid))
    return store.notice(engine, wid, nid)


# ---- year end --------------------------------------------------------------------------------------------


def yearend(engine: Engine, cfg: WorkspaceConfig, wid: int, user: User | None) -> dict[str, Any]:
    """Each task's tracked 兑现 verdict (when next year's report is stored) beside the office's final status
    (its status on 31 December of the plan year); the disagreements listed first."""
    from duixian.errors import NoPairError
    from duixian.store.query import find_report
    from duixian.store.reload import extraction_of
    from duixian.store.verdicts import find_pair, texts
    from duixian.supervise.yearend import DISAGREEMENTS, check
    from duixian.track import track

    ws = store.workspace(engine, wid)
    access.can_read_workspace(user, ws)
    base = {"user": user_json(user), "workspace": _public(ws, user), "labels": DISAGREEMENTS}
    plan_row = find_report(engine, str(ws["report_id"]))
    try:
        paired_plan, review_row = find_pair(engine, plan_row.get("region") or "", ws["year"] or 0)
    except NoPairError as exc:
        return base | {"review": None, "note": "次年的政府工作报告尚未入库：入库后即可进行年终核对。",
                       "detail": exc.message, "lines": [], "disagreements": [], "counts": {}}
    rows = [store.task_row(engine, wid, r["id"]) for r in store.task_rows(engine, wid, unit=access.unit_filter(user))]
    day = date(ws["year"], 12, 31) if ws.get("year") else date.today()
    final = {r["task_id"]: status_of(cfg, ws, r, day, r["history"])["status"] for r in rows}
    plan = extraction_of(plan_row, *texts(engine, plan_row["id"]))
    review = extraction_of(review_row, *texts(engine, review_row["id"]))
    result = check([store.to_task(r) for r in rows], final, track(plan, review))
    pk = {r["task_id"]: r["id"] for r in rows}
    lines = [{"task_pk": pk[ln.task_id], "number": ln.number, "text": ln.text, "quote": ln.quote,
              "office_status": ln.office_status, "verdict": ln.verdict, "verdict_zh": ln.verdict_zh,
              "reason": ln.reason, "matched_by": ln.matched_by, "disagreement": ln.disagreement,
              "disagreement_zh": DISAGREEMENTS.get(ln.disagreement or ""),
              # the verdict's permalink when this workspace's report is the plan its 成绩单 rates (another
              # document of the year has none: /verdicts/ would be a 404)
              "verdict_link": f"/verdicts/{ln.item_id}" if ln.item_id and paired_plan["id"] == plan_row["id"] else None,
              "evidence": [{"quote": e.quote, "span": list(e.span), "direct": e.direct} for e in ln.evidence]}
             for ln in result.lines]
    return base | {"review": {"id": review_row["id"], "region": review_row.get("region"),
                              "report_year": review_row.get("report_year")},
                   "lines": lines, "disagreements": [ln for ln in lines if ln["disagreement"]],
                   "counts": result.counts()}
