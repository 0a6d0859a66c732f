"""The supervision workspace in the corpus database: accounts, workspaces, tasks, progress, 通报 and the audit log.

Every write is one transaction together with its audit rows (``begin_write``), so a change is either stored
and logged or neither. Progress entries and evidence are only ever inserted. The tables are created by
migration 0005; the definitions here mirror it for queries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from duixian.errors import DuixianError, NotInDatabaseError, StoreError
from duixian.store.db import begin_write
from duixian.supervise.model import STATUSES, Progress, Task

meta = MetaData()
ROLES = ("office", "unit", "viewer")

users = Table(
    "ws_users", meta,
    Column("id", Integer, primary_key=True), Column("name", String(64), nullable=False, unique=True),
    Column("role", String(8), nullable=False), Column("unit", String(64)),
    Column("password_hash", String(256), nullable=False), Column("active", Integer, nullable=False, default=1),
    Column("created_at", String(32), nullable=False))
sessions = Table(
    "ws_sessions", meta,
    Column("id", Integer, primary_key=True), Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("ws_users.id"), nullable=False), Column("csrf", String(64), nullable=False),
    Column("created_at", String(32), nullable=False), Column("expires_at", String(32), nullable=False))
workspaces = Table(
    "ws_workspaces", meta,
    Column("id", Integer, primary_key=True), Column("report_id", Integer, nullable=False),
    Column("name", Text, nullable=False), Column("year", Integer), Column("start", String(10), nullable=False),
    Column("public", Integer, nullable=False, default=0), Column("created_by", String(64), nullable=False),
    Column("created_at", String(32), nullable=False))
tasks = Table(
    "ws_tasks", meta,
    Column("id", Integer, primary_key=True), Column("workspace_id", Integer, ForeignKey("ws_workspaces.id")),
    Column("task_id", String(64), nullable=False), Column("seq", Integer, nullable=False),
    Column("number", String(64)), Column("path", Text), Column("kind", String(16)), Column("category", String(32)),
    Column("text", Text, nullable=False), Column("quote", Text, nullable=False),
    Column("span_start", Integer, nullable=False), Column("span_end", Integer, nullable=False),
    Column("raw_start", Integer, nullable=False), Column("raw_end", Integer, nullable=False),
    Column("quantities", Text), Column("deadline", String(10)), Column("deadline_default", Integer, default=0),
    Column("deadline_raw", String(64)), Column("units_suggested", Integer, default=0),
    Column("record_id", String(64)), Column("confidence", Float), Column("basis", Text),
    Column("override_status", String(8)), Column("override_reason", Text), Column("override_by", String(64)),
    Column("override_at", String(32)))
assignments = Table(
    "ws_assignments", meta,
    Column("id", Integer, primary_key=True), Column("task_pk", Integer, ForeignKey("ws_tasks.id"), nullable=False),
    Column("unit", String(64), nullable=False), Column("role", String(8), nullable=False),
    Column("seq", Integer, nullable=False))
progress = Table(
    "ws_progress", meta,
    Column("id", Integer, primary_key=True), Column("task_pk", Integer, ForeignKey("ws_tasks.id"), nullable=False),
    Column("date", String(10), nullable=False), Column("percent", Float, nullable=False),
    Column("note", Text, nullable=False, default=""), Column("proposed_status", String(8)),
    Column("author", String(64), nullable=False), Column("unit", String(64)),
    Column("created_at", String(32), nullable=False))
evidence = Table(
    "ws_evidence", meta,
    Column("id", Integer, primary_key=True),
    Column("progress_id", Integer, ForeignKey("ws_progress.id"), nullable=False),
    Column("stored_name", String(80), nullable=False), Column("original_name", Text, nullable=False),
    Column("content_type", String(100), nullable=False), Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False))
notices = Table(
    "ws_notices", meta,
    Column("id", Integer, primary_key=True), Column("workspace_id", Integer, ForeignKey("ws_workspaces.id")),
    Column("month", String(7), nullable=False), Column("as_of", String(10), nullable=False),
    Column("counts", Text, nullable=False), Column("html", Text, nullable=False),
    Column("docx", LargeBinary, nullable=False), Column("published_by", String(64), nullable=False),
    Column("published_at", String(32), nullable=False))
audit = Table(
    "ws_audit", meta,
    Column("id", Integer, primary_key=True), Column("at", String(32), nullable=False), Column("actor", String(64)),
    Column("action", String(32), nullable=False), Column("object_type", String(16)),
    Column("object_id", String(64)), Column("field", String(32)), Column("old", Text), Column("new", Text),
    Column("workspace_id", Integer), Column("ip", String(64)))


class WorkspaceError(DuixianError):
    code = "WORKSPACE_ERROR"
    http_status = 400  # the workspace's answer to it; each subclass that is not a plain bad request says its own

    def __init__(self, message: str, *, en: str | None = None, path: str | None = None,
                 hint: str | None = None) -> None:
        # ``en``: the message in English for the workspace's English pages, when it carries values (a number,
        # a date) that a phrase table keyed by the Chinese cannot hold; fixed messages are in web/i18n.py
        super().__init__(message, path=path, hint=hint)
        self.en = en


class NoSuchObjectError(WorkspaceError, NotInDatabaseError):
    """A workspace, task, evidence file, notice or account the database does not hold (NOT_IN_DATABASE:
    NOT_FOUND is a path that names no file)."""

    code = "NOT_IN_DATABASE"
    hint = "检查链接中的编号；它可能已被删除"
    http_status = 404


_NO_SUCH_USER_HINT = "用 duixian users list 查看已有账号（注意用户名的写法）"


class DuplicateUserError(WorkspaceError):
    code = "USER_EXISTS"
    hint = "换一个用户名；改密码用 duixian users passwd，停用用 duixian users disable"


class BadValueError(WorkspaceError):
    code = "BAD_VALUE"
    hint = "按表单说明填写后重新提交"
    exit_status = 2  # on the command line: a usage error


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Actor:
    """Who makes a change, for the audit log."""

    name: str | None
    ip: str | None = None


SYSTEM = Actor("system")


def _new_id(result: Any) -> int:
    """The primary key an INSERT made (every insert here makes exactly one row)."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])  # changes made from the command line


def log(conn: Connection, actor: Actor, action: str, object_type: str | None = None, object_id: Any = None, *,
        field: str | None = None, old: Any = None, new: Any = None, workspace_id: int | None = None) -> None:
    def text(v: Any) -> str | None:
        if v is None or isinstance(v, str):
            return v
        return json.dumps(v, ensure_ascii=False)

    conn.execute(insert(audit).values(
        at=now(), actor=actor.name, action=action, object_type=object_type,
        object_id=None if object_id is None else str(object_id), field=field, old=text(old), new=text(new),
        workspace_id=workspace_id, ip=actor.ip))


class ConflictError(StoreError):
    code = "CONFLICT"
    hint = "有人同时修改了同一对象：刷新页面后重试"


@contextmanager
def _write(engine: Engine) -> Iterator[Connection]:
    """One write transaction (SQLite's write lock from its first statement); a database error rolls it back
    whole and becomes a coded error instead of a 500."""
    try:
        with begin_write(engine) as conn:
            yield conn
    except IntegrityError as exc:
        raise ConflictError(f"修改没有保存：{str(exc.orig).splitlines()[0]}") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"修改没有保存：{str(exc).splitlines()[0]}") from exc


# ---- accounts -------------------------------------------------------------------------------------------


def check_user(name: str, role: str, unit: str | None) -> tuple[str, str | None]:
    """The name and unit an account is stored with; BadValueError if it cannot be made (checked before any
    database is touched: ``duixian users add`` may have to create one)."""
    name = name.strip()
    if not name or len(name) > 64:
        raise BadValueError("用户名不能为空，且不超过 64 个字符")
    if role not in ROLES:
        raise BadValueError(f"角色 {role!r} 不存在：可选 {' / '.join(ROLES)}")
    if role == "unit" and not (unit and unit.strip()):
        raise BadValueError("单位用户必须指定所属单位（--unit）")
    return name, unit.strip() if role == "unit" and unit else None


def add_user(engine: Engine, name: str, role: str, password_hash: str, *, unit: str | None = None,
             actor: Actor = SYSTEM) -> int:
    name, unit = check_user(name, role, unit)
    try:
        with _write(engine) as conn:
            uid = _new_id(conn.execute(insert(users).values(name=name, role=role, unit=unit,
                                                    password_hash=password_hash, active=1,
                                                    created_at=now())))
            log(conn, actor, "user.add", "user", name, field="role", new=f"{role}{':' + unit if unit else ''}")
            return int(uid)
    except ConflictError as exc:
        raise DuplicateUserError(f"用户 {name} 已存在") from exc


def user_by_name(engine: Engine, name: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    return dict(row._mapping) if row else None


def list_users(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(users.c.id, users.c.name, users.c.role, users.c.unit, users.c.active).order_by(users.c.name))]


def set_password(engine: Engine, name: str, password_hash: str, actor: Actor = SYSTEM, *,
                 end_sessions: bool = True) -> None:
    """A new password; by default every session of the account ends (a leaked password stops working)."""
    with _write(engine) as conn:
        uid = conn.execute(select(users.c.id).where(users.c.name == name)).scalar_one_or_none()
        if uid is None:
            raise NoSuchObjectError(f"没有用户 {name}", hint=_NO_SUCH_USER_HINT)
        conn.execute(update(users).where(users.c.id == uid).values(password_hash=password_hash))
        if end_sessions:
            conn.execute(delete(sessions).where(sessions.c.user_id == uid))
        log(conn, actor, "user.password", "user", name, field="password_hash", old="***", new="***")


def set_active(engine: Engine, name: str, active: bool, actor: Actor = SYSTEM) -> None:
    """Disable an account (its sessions end at once) or enable it again; the row and its history stay."""
    with _write(engine) as conn:
        row = conn.execute(select(users.c.id, users.c.active).where(users.c.name == name)).first()
        if row is None:
            raise NoSuchObjectError(f"没有用户 {name}", hint=_NO_SUCH_USER_HINT)
        if bool(row.active) != active:
            conn.execute(update(users).where(users.c.id == row.id).values(active=int(active)))
            log(conn, actor, "user.active", "user", name, field="active", old=bool(row.active), new=active)
        if not active:
            conn.execute(delete(sessions).where(sessions.c.user_id == row.id))


def record_failed_login(engine: Engine, actor: Actor, account: str, why: str) -> None:
    with _write(engine) as conn:
        log(conn, actor, "login.failed", "user", account, field="reason", new=why)


# ---- sessions -------------------------------------------------------------------------------------------


def add_session(engine: Engine, user_id: int, token_hash: str, csrf: str, expires_at: str, actor: Actor) -> None:
    with _write(engine) as conn:
        conn.execute(insert(sessions).values(token_hash=token_hash, user_id=user_id, csrf=csrf,
                                             created_at=now(), expires_at=expires_at))
        log(conn, actor, "login", "user", actor.name)


def session_user(engine: Engine, token_hash: str, at: str) -> dict[str, Any] | None:
    """The signed-in user and the session's CSRF token, or None when the session is unknown or expired."""
    with engine.connect() as conn:
        row = conn.execute(
            select(users.c.id, users.c.name, users.c.role, users.c.unit, sessions.c.csrf, sessions.c.expires_at)
            .join(sessions, sessions.c.user_id == users.c.id)
            .where(sessions.c.token_hash == token_hash, users.c.active == 1)).first()
    if row is None or row.expires_at <= at:
        return None
    return dict(row._mapping)


def drop_session(engine: Engine, token_hash: str, actor: Actor) -> None:
    with _write(engine) as conn:
        if conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash)).rowcount:
            log(conn, actor, "logout", "user", actor.name)
        conn.execute(delete(sessions).where(sessions.c.expires_at <= now()))  # tidy up expired ones


# ---- workspaces and tasks -------------------------------------------------------------------------------


def _task_values(t: Task, wid: int, seq: int) -> dict[str, Any]:
    return {"workspace_id": wid, "task_id": t.id, "seq": seq, "number": t.number,
            "path": json.dumps(list(t.path), ensure_ascii=False), "kind": t.kind, "category": t.category,
            "text": t.text, "quote": t.quote, "span_start": t.span[0], "span_end": t.span[1],
            "raw_start": t.raw_span[0], "raw_end": t.raw_span[1],
            "quantities": json.dumps([list(q) for q in t.quantities], ensure_ascii=False),
            "deadline": t.deadline, "deadline_default": int(t.deadline_default), "deadline_raw": t.deadline_raw,
            "units_suggested": int(t.units_suggested), "record_id": t.record_id, "confidence": t.confidence,
            "basis": t.basis}


def _assign_rows(task_pk: int, lead: Sequence[str], partner: Sequence[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for role, names in (("lead", lead), ("partner", partner)):
        for u in names:
            if u not in seen:  # a unit is lead or partner, never both
                seen.add(u)
                rows.append({"task_pk": task_pk, "unit": u, "role": role, "seq": len(rows)})
    return rows


def create_workspace(engine: Engine, report_id: int, name: str, year: int | None, start: str,
                     table: Sequence[Task], actor: Actor) -> int:
    with _write(engine) as conn:
        wid = _new_id(conn.execute(insert(workspaces).values(
            report_id=report_id, name=name, year=year, start=start, public=0, created_by=actor.name or "?",
            created_at=now())))
        for seq, t in enumerate(table):
            pk = _new_id(conn.execute(insert(tasks).values(_task_values(t, wid, seq))))
            rows = _assign_rows(pk, t.lead_units, t.partner_units)
            if rows:
                conn.execute(insert(assignments), rows)
        log(conn, actor, "workspace.create", "workspace", wid, field="tasks", new=str(len(table)),
            workspace_id=wid)
        return wid


def list_workspaces(engine: Engine, *, unit: str | None = None, public_only: bool = False) -> list[dict[str, Any]]:
    """The workspaces with their number of tasks, in id order, in one query; ``unit``: only those with a task
    the unit leads or supports (by the indexed ws_assignments.unit, so one query however many workspaces
    there are); ``public_only``: only those the office made public."""
    with engine.connect() as conn:
        n = select(tasks.c.workspace_id, func.count().label("n")).group_by(tasks.c.workspace_id).subquery()
        q = (select(workspaces, func.coalesce(n.c.n, 0).label("n_tasks"))
             .outerjoin(n, n.c.workspace_id == workspaces.c.id).order_by(workspaces.c.id))
        if unit is not None:
            mine = select(tasks.c.workspace_id).join(assignments, assignments.c.task_pk == tasks.c.id).where(
                assignments.c.unit == unit)
            q = q.where(workspaces.c.id.in_(mine))
        if public_only:
            q = q.where(workspaces.c.public != 0)
        return [dict(r._mapping) for r in conn.execute(q)]


def workspace(engine: Engine, wid: int) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(select(workspaces).where(workspaces.c.id == wid)).first()
    if row is None:
        raise NoSuchObjectError(f"没有编号为 {wid} 的工作台", en=f"no workspace numbered {wid}")
    return dict(row._mapping)


def set_public(engine: Engine, wid: int, public: bool, actor: Actor) -> None:
    with _write(engine) as conn:
        old = conn.execute(select(workspaces.c.public).where(workspaces.c.id == wid)).scalar_one_or_none()
        if old is None:
            raise NoSuchObjectError(f"没有编号为 {wid} 的工作台", en=f"no workspace numbered {wid}")
        if bool(old) != public:
            conn.execute(update(workspaces).where(workspaces.c.id == wid).values(public=int(public)))
            log(conn, actor, "workspace.public", "workspace", wid, field="public", old=bool(old), new=public,
                workspace_id=wid)


def _units(conn: Connection, pks: Iterable[int]) -> dict[int, dict[str, list[str]]]:
    out: dict[int, dict[str, list[str]]] = {}
    pks = list(pks)
    for pk in pks:
        out[pk] = {"lead": [], "partner": []}
    if pks:
        for r in conn.execute(select(assignments).where(assignments.c.task_pk.in_(pks))
                              .order_by(assignments.c.task_pk, assignments.c.seq)):
            out[r.task_pk][r.role].append(r.unit)
    return out


def _latest(conn: Connection, pks: list[int]) -> dict[int, dict[str, Any]]:
    if not pks:
        return {}
    # the latest entry by reported date, then by the order entered
    rows = conn.execute(select(progress).where(progress.c.task_pk.in_(pks))
                        .order_by(progress.c.task_pk, progress.c.date, progress.c.id))
    return {r.task_pk: dict(r._mapping) for r in rows}


def _task_dict(row: Any, units: dict[str, list[str]], latest: dict[str, Any] | None) -> dict[str, Any]:
    d = dict(row._mapping)
    d["path"] = json.loads(d["path"] or "[]")
    d["quantities"] = [tuple(q) for q in json.loads(d["quantities"] or "[]")]
    d["lead_units"], d["partner_units"] = units["lead"], units["partner"]
    d["latest"] = latest
    return d


def task_rows(engine: Engine, wid: int, unit: str | None = None) -> list[dict[str, Any]]:
    """The workspace's tasks in table order, each with its units and latest progress; ``unit``: only the
    tasks that unit leads or supports."""
    with engine.connect() as conn:
        q = select(tasks).where(tasks.c.workspace_id == wid).order_by(tasks.c.seq)
        if unit is not None:
            q = q.where(tasks.c.id.in_(select(assignments.c.task_pk).where(assignments.c.unit == unit)))
        rows = conn.execute(q).all()
        pks = [r.id for r in rows]
        units, latest = _units(conn, pks), _latest(conn, pks)
    return [_task_dict(r, units[r.id], latest.get(r.id)) for r in rows]


def task_row(engine: Engine, wid: int, pk: int) -> dict[str, Any]:
    """One task with its whole progress history (oldest first) and each entry's evidence files."""
    with engine.connect() as conn:
        row = conn.execute(select(tasks).where(tasks.c.id == pk, tasks.c.workspace_id == wid).with_for_update()).first()
        if row is None:
            raise NoSuchObjectError(f"工作台 {wid} 中没有编号为 {pk} 的任务", en=f"workspace {wid} has no task numbered {pk}")
        entries = [dict(r._mapping) for r in conn.execute(
            select(progress).where(progress.c.task_pk == pk).order_by(progress.c.date, progress.c.id))]
        files: dict[int, list[dict[str, Any]]] = {}
        if entries:
            for r in conn.execute(select(evidence).where(evidence.c.progress_id.in_([e["id"] for e in entries]))
                                  .order_by(evidence.c.id)):
                files.setdefault(r.progress_id, []).append(dict(r._mapping))
        for e in entries:
            e["evidence"] = files.get(e["id"], [])
        d = _task_dict(row, _units(conn, [pk])[pk], entries[-1] if entries else None)
    d["history"] = entries
    return d


def to_task(d: dict[str, Any]) -> Task:
    """The stored row as the library's Task (with the office's current units)."""
    return Task(id=d["task_id"], number=d["number"] or "", path=tuple(d["path"]), kind=d["kind"] or "",
                category=d["category"] or "", text=d["text"], quote=d["quote"],
                span=(d["span_start"], d["span_end"]), raw_span=(d["raw_start"], d["raw_end"]),
                quantities=tuple(tuple(q) for q in d["quantities"]), deadline=d["deadline"],
                deadline_default=bool(d["deadline_default"]), deadline_raw=d["deadline_raw"],
                lead_units=tuple(d["lead_units"]), partner_units=tuple(d["partner_units"]),
                units_suggested=bool(d["units_suggested"]), record_id=d["record_id"],
                confidence=d["confidence"] if d["confidence"] is not None else 1.0, basis=d["basis"] or "")


def to_progress(task_id: str, e: dict[str, Any]) -> Progress:
    return Progress(task_id=task_id, date=e["date"], percent=e["percent"], note=e["note"] or "",
                    proposed_status=e["proposed_status"], author=e["author"],
                    evidence=tuple(f["stored_name"] for f in e.get("evidence", ())))


def set_units(engine: Engine, wid: int, pk: int, lead: Sequence[str], partner: Sequence[str], actor: Actor) -> None:
    if not lead:
        raise BadValueError("每项任务至少要有一个牵头单位")
    with _write(engine) as conn:
        _owned(conn, wid, pk)
        before = _units(conn, [pk])[pk]
        conn.execute(delete(assignments).where(assignments.c.task_pk == pk))
        rows = _assign_rows(pk, lead, partner)
        conn.execute(insert(assignments), rows)
        after = {"lead": [r["unit"] for r in rows if r["role"] == "lead"],
                 "partner": [r["unit"] for r in rows if r["role"] == "partner"]}
        for role, fld in (("lead", "lead_units"), ("partner", "partner_units")):
            if before[role] != after[role]:
                log(conn, actor, "task.assign", "task", pk, field=fld, old="、".join(before[role]),
                    new="、".join(after[role]), workspace_id=wid)


EDITABLE = ("text", "deadline", "category")


def edit_task(engine: Engine, wid: int, pk: int, changes: dict[str, Any], actor: Actor) -> int:
    """Change the office-editable fields; returns how many changed (each one logged old → new)."""
    bad = set(changes) - set(EDITABLE)
    if bad:
        raise BadValueError(f"不能修改字段 {', '.join(sorted(bad))}",
                            en=f"fields that cannot be edited: {', '.join(sorted(bad))}")
    if "text" in changes and not (changes["text"] or "").strip():
        raise BadValueError("任务内容不能为空")
    with _write(engine) as conn:
        row = _owned(conn, wid, pk)
        diff = {k: v for k, v in changes.items() if getattr(row, k) != v}
        if diff:
            if "deadline" in diff:
                diff["deadline_default"] = 0  # the office set it: no longer the assumed year end
            conn.execute(update(tasks).where(tasks.c.id == pk).values(**diff))
            for k in changes:
                if k in diff:
                    log(conn, actor, "task.edit", "task", pk, field=k, old=getattr(row, k), new=diff[k],
                        workspace_id=wid)
        return len([k for k in changes if k in diff])


def _owned(conn: Connection, wid: int, pk: int) -> Any:
    """The task row, locked for this transaction on PostgreSQL (SQLite's writer already holds the file), so
    two offices assigning the same task one after the other never interleave."""
    row = conn.execute(select(tasks).where(tasks.c.id == pk, tasks.c.workspace_id == wid).with_for_update()).first()
    if row is None:
        raise NoSuchObjectError(f"工作台 {wid} 中没有编号为 {pk} 的任务", en=f"workspace {wid} has no task numbered {pk}")
    return row


@dataclass(frozen=True)
class EvidenceFile:
    stored_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str


def add_progress(engine: Engine, wid: int, pk: int, *, date: str, percent: float, note: str,
                 proposed_status: str | None, unit: str | None, files: Sequence[EvidenceFile], actor: Actor) -> int:
    if not 0 <= percent <= 100:
        raise BadValueError(f"进度 {percent} 不在 0–100 之间", en=f"progress {percent} is not between 0 and 100")
    if proposed_status is not None and proposed_status not in STATUSES:
        raise BadValueError(f"状态 {proposed_status!r} 不是 {'、'.join(STATUSES)} 之一",
                            en=f"status {proposed_status!r} is none of {' / '.join(STATUSES)}")
    with _write(engine) as conn:
        _owned(conn, wid, pk)
        eid = _new_id(conn.execute(insert(progress).values(
            task_pk=pk, date=date, percent=percent, note=note, proposed_status=proposed_status,
            author=actor.name or "?", unit=unit, created_at=now())))
        log(conn, actor, "progress.add", "task", pk, field="percent", new=f"{percent:g}%", workspace_id=wid)
        if note:
            log(conn, actor, "progress.add", "task", pk, field="note", new=note, workspace_id=wid)
        if proposed_status:
            log(conn, actor, "progress.add", "task", pk, field="proposed_status", new=proposed_status,
                workspace_id=wid)
        for f in files:
            conn.execute(insert(evidence).values(progress_id=eid, stored_name=f.stored_name,
                                                 original_name=f.original_name, content_type=f.content_type,
                                                 size=f.size, sha256=f.sha256))
            log(conn, actor, "evidence.add", "task", pk, field="evidence", new=f"{f.original_name} ({f.size} B)",
                workspace_id=wid)
        return eid


def evidence_file(engine: Engine, wid: int, file_id: int) -> tuple[dict[str, Any], int]:
    """An evidence file's row and the task it belongs to (checked to be in the workspace)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(evidence, progress.c.task_pk).join(progress, progress.c.id == evidence.c.progress_id)
            .join(tasks, tasks.c.id == progress.c.task_pk)
            .where(evidence.c.id == file_id, tasks.c.workspace_id == wid).with_for_update()).first()
    if row is None:
        raise NoSuchObjectError(f"没有编号为 {file_id} 的佐证材料", en=f"no evidence file numbered {file_id}")
    return dict(row._mapping), row.task_pk


def override(engine: Engine, wid: int, pk: int, status: str | None, reason: str, actor: Actor) -> None:
    """Set (or with None clear) the office's status over the computed one; a reason is required."""
    if status is not None and status not in STATUSES:
        raise BadValueError(f"状态 {status!r} 不是 {'、'.join(STATUSES)} 之一",
                            en=f"status {status!r} is none of {' / '.join(STATUSES)}")
    if not reason.strip():
        raise BadValueError("人工认定状态必须写明理由")
    with _write(engine) as conn:
        row = _owned(conn, wid, pk)
        conn.execute(update(tasks).where(tasks.c.id == pk).values(
            override_status=status, override_reason=reason.strip(), override_by=actor.name, override_at=now()))
        log(conn, actor, "status.override", "task", pk, field="override_status", old=row.override_status,
            new=status, workspace_id=wid)
        log(conn, actor, "status.override", "task", pk, field="override_reason", old=row.override_reason,
            new=reason.strip(), workspace_id=wid)


# ---- 通报 and the log ------------------------------------------------------------------------------------


def save_notice(engine: Engine, wid: int, month: str, as_of: str, counts: dict[str, int], html: str, docx: bytes,
                actor: Actor) -> int:
    with _write(engine) as conn:
        nid = _new_id(conn.execute(insert(notices).values(
            workspace_id=wid, month=month, as_of=as_of, counts=json.dumps(counts, ensure_ascii=False),
            html=html, docx=docx, published_by=actor.name or "?", published_at=now())))
        log(conn, actor, "notice.publish", "notice", nid, field="month", new=month, workspace_id=wid)
        return nid


def notice_list(engine: Engine, wid: int) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(notices.c.id, notices.c.month, notices.c.as_of, notices.c.counts,
                                   notices.c.published_by, notices.c.published_at)
                            .where(notices.c.workspace_id == wid).order_by(notices.c.id.desc())).all()
    return [dict(r._mapping) | {"counts": json.loads(r.counts)} for r in rows]


def notice(engine: Engine, wid: int, nid: int) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(select(notices).where(notices.c.id == nid, notices.c.workspace_id == wid)).first()
    if row is None:
        raise NoSuchObjectError(f"没有编号为 {nid} 的通报", en=f"no notice numbered {nid}")
    return dict(row._mapping) | {"counts": json.loads(row.counts)}


def audit_rows(engine: Engine, wid: int | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        q = select(audit).order_by(audit.c.id.desc()).limit(limit)
        if wid is not None:
            q = q.where(audit.c.workspace_id == wid)
        return [dict(r._mapping) for r in conn.execute(q)]
