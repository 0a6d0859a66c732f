"""The workspace's routes under /ws: pages for people, a ``.json`` twin of each for programs.

Every write (POST) goes through :func:`Writer.__call__` (a dependency): no session → 401, no or wrong CSRF
token (form field ``csrf`` or header ``X-CSRF-Token``) → 403, before the route's own role check. Only the
login form is open to anonymous posts; it carries a signed form token instead.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from duixian.supervise import store
from duixian.supervise.auth import LoginError, Sessions, TooManyLoginsError, User
from duixian.supervise.store import Actor, BadValueError
from duixian.web.workspace import access, evidence, picker, service
from duixian.web.workspace.config import WorkspaceConfig
from duixian.web.workspace.errors import BadCsrfError

COOKIE = "duixian_ws"
LOGIN_COOKIE = "duixian_ws_login"  # the login form's token (double submit: works across server processes)
Render = Callable[..., HTMLResponse]


class NewWorkspace(BaseModel):
    report: str = Field(min_length=1, max_length=1024, description="stored report: id, sha256 prefix or path")
    name: str = Field(default="", max_length=200)


class Units(BaseModel):
    lead: list[str] = Field(min_length=1, max_length=20)
    partner: list[str] = Field(default_factory=list, max_length=40)


class Edit(BaseModel):
    text: str | None = Field(default=None, max_length=4000)
    deadline: str | None = Field(default=None, max_length=10)
    category: str | None = Field(default=None, max_length=32)


class Override(BaseModel):
    status: str | None = Field(default=None, description="one of STATUSES, or null to clear the override")
    reason: str = Field(min_length=1, max_length=2000)


class Public(BaseModel):
    public: bool


class Publish(BaseModel):
    month: str = Field(pattern=r"^\d{4}-\d{2}$")


class Login(BaseModel):
    name: str = Field(max_length=64)
    password: str = Field(max_length=1024)


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def split_units(value: str) -> list[str]:
    """Units as typed in a form: separated by 、，, ; or new lines."""
    import re

    return [u.strip() for u in re.split(r"[、，,;；\n]+", value or "") if u.strip()][:40]


def parse_day(value: str | None, *, default: date | None = None) -> str:
    if not value:
        if default is None:
            raise BadValueError("缺少日期")
        return default.isoformat()
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise BadValueError(f"日期 {value[:20]!r} 不是 YYYY-MM-DD 格式",
                            en=f"the date {value[:20]!r} is not written YYYY-MM-DD") from None


def parse_percent(value: str | float) -> float:
    try:
        p = float(value)
    except (TypeError, ValueError):
        raise BadValueError(f"进度 {str(value)[:20]!r} 不是数字",
                            en=f"progress {str(value)[:20]!r} is not a number") from None
    if not 0 <= p <= 100:
        raise BadValueError(f"进度 {p:g} 不在 0–100 之间", en=f"progress {p:g} is not between 0 and 100")
    return p


def viewer(request: Request) -> User | None:
    """The signed-in user, or None (the session cookie is only sent to /ws)."""
    sessions: Sessions = request.app.state.ws_sessions
    user = sessions.user(request.cookies.get(COOKIE))
    request.state.ws_user = user  # for the error page's header
    return user


async def writer(request: Request) -> User:
    """The user of a write: signed in (else 401) and sending this session's CSRF token (else 403)."""
    user = access.require_user(await run_in_threadpool(viewer, request))
    token = request.headers.get("x-csrf-token")
    if token is None and request.headers.get("content-type", "").startswith(
            ("multipart/form-data", "application/x-www-form-urlencoded")):
        value = (await request.form()).get("csrf")
        token = value if isinstance(value, str) else None
    if not token or not hmac.compare_digest(token.encode(), user.csrf.encode()):
        raise BadCsrfError("表单缺少有效的令牌")
    return user


# Ids are bounded before they reach the store: past 64 bits the driver overflows (a 500) instead of matching nothing.
Id = Annotated[int, PathParam(ge=1, le=2**63 - 1)]

# module level: FastAPI resolves these annotations in the module's namespace
Viewer = Annotated[User | None, Depends(viewer)]
# the report picker's filters (service.home): bounded like the store's columns they are compared with
Region = Annotated[str | None, Query(max_length=128)]
Level = Annotated[str | None, Query(max_length=16)]
Kind = Annotated[str | None, Query(max_length=16)]
PageNo = Annotated[int, Query(alias="page", ge=1, le=picker.MAX_PAGE)]  # not "page": the routes' page()
Writer = Annotated[User, Depends(writer)]


def build_router(engine: Engine, cfg: WorkspaceConfig, sessions: Sessions, render: Render) -> APIRouter:
    router = APIRouter(prefix="/ws")

    def actor(user: User | None, request: Request) -> Actor:
        return Actor(user.name if user else None, client_ip(request))

    def page(request: Request, template: str, user: User | None, status: int = 200, **ctx: Any) -> HTMLResponse:
        return render(request, template, status=status, user=user, **ctx)

    def back(url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303)

    # ---- signing in and out ------------------------------------------------------------------------------

    def _cookie(request: Request, response: Response, token: str) -> None:
        secure = cfg.secure_cookies if cfg.secure_cookies is not None else request.url.scheme == "https"
        response.set_cookie(COOKIE, token, max_age=int(cfg.session_lifetime.total_seconds()), path="/ws",
                            httponly=True, samesite="lax", secure=secure)

    def _next(value: str | None) -> str:
        # only a path of this workspace: never another site ("//evil.example") or a scheme
        if value and value.startswith("/ws") and not value.startswith("//") and "\\" not in value:
            return value
        return "/ws"

    def _login_form(request: Request, user: User | None, status: int = 200, **ctx: Any) -> HTMLResponse:
        # Before login there is no session to hold a token: the form carries a fresh random one and the same
        # value goes into a cookie only this path sees; another site can neither read nor set it.
        token = secrets.token_urlsafe(32)
        response = page(request, "ws_login.html", user, status=status, token=token, **ctx)
        response.set_cookie(LOGIN_COOKIE, token, max_age=3600, path="/ws/login", httponly=True, samesite="strict",
                            secure=request.url.scheme == "https" if cfg.secure_cookies is None else cfg.secure_cookies)
        return response

    @router.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request, user: Viewer, next: str | None = None) -> HTMLResponse:
        return _login_form(request, user, next=_next(next), error=None)

    @router.post("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, name: Annotated[str, Form(max_length=64)],
                   password: Annotated[str, Form(max_length=1024)], csrf: Annotated[str | None, Form()] = None,
                   next: Annotated[str | None, Form()] = None) -> Response:
        expected = request.cookies.get(LOGIN_COOKIE) or ""
        if not csrf or not expected or not hmac.compare_digest(csrf.encode(), expected.encode()):
            raise BadCsrfError("登录表单已过期")
        try:
            token, _ = sessions.login(name, password, client_ip(request))
        except (LoginError, TooManyLoginsError) as exc:
            return _login_form(request, None, status=exc.http_status, next=_next(next), error=exc, typed_name=name)
        response = back(_next(next))
        _cookie(request, response, token)
        response.delete_cookie(LOGIN_COOKIE, path="/ws/login")
        return response

    @router.post("/login.json", summary="Sign in; sets the session cookie and returns the CSRF token for writes")
    def login_json(request: Request, body: Login) -> JSONResponse:
        token, user = sessions.login(body.name, body.password, client_ip(request))
        response = JSONResponse({"user": service.user_json(user), "csrf": user.csrf})
        _cookie(request, response, token)
        return response

    def _logout(request: Request, user: User) -> None:
        sessions.logout(request.cookies.get(COOKIE) or "", user, client_ip(request))

    @router.post("/logout", include_in_schema=False)
    def logout_page(request: Request, user: Writer) -> Response:
        _logout(request, user)
        response = back("/ws/login")
        response.delete_cookie(COOKIE, path="/ws")
        return response

    @router.post("/logout.json", summary="Sign out (ends the session)")
    def logout_json(request: Request, user: Writer) -> JSONResponse:
        _logout(request, user)
        response = JSONResponse({"ok": True})
        response.delete_cookie(COOKIE, path="/ws")
        return response

    # ---- workspaces ----------------------------------------------------------------------------------------

    @router.get("/index.json", summary="Workspaces this user may open; for the office, one page of the stored "
                "reports it can make one from (filtered by region, year, level and kind)")
    def home_json(user: Viewer, region: Region = None, year: Annotated[int | None, Query(ge=1, le=9999)] = None,
                  level: Level = None, kind: Kind = None, page_no: PageNo = 1) -> dict[str, Any]:
        return service.home(engine, user, picker.filters(region, year, level, kind), page_no)

    @router.get("", response_class=HTMLResponse, include_in_schema=False)
    def home_page(request: Request, user: Viewer, region: Region = None,
                  year: Annotated[str | None, Query(max_length=10)] = None, level: Level = None, kind: Kind = None,
                  page_no: PageNo = 1) -> HTMLResponse:
        # the year as a string: an empty form field means any year
        return page(request, "ws_home.html", user,
                    data=service.home(engine, user, picker.filters(region, year, level, kind), page_no))

    def _create(user: User, request: Request, report: str, name: str) -> int:
        access.require_office(user)
        return service.create_workspace(engine, cfg, report, name, actor(user, request))

    @router.post("/new", include_in_schema=False)
    def new_page(request: Request, user: Writer, report: Annotated[str, Form(max_length=1024)],
                 name: Annotated[str, Form(max_length=200)] = "") -> Response:
        return back(f"/ws/{_create(user, request, report, name)}")

    @router.post("/new.json", summary="Create a workspace from a stored report (office)")
    def new_json(request: Request, user: Writer, body: NewWorkspace) -> dict[str, Any]:
        wid = _create(user, request, body.report, body.name)
        return service.table(engine, cfg, wid, user)

    @router.get("/audit.json", summary="The whole audit log, logins included (office)")
    def all_audit_json(user: Viewer) -> dict[str, Any]:
        access.can_read_audit(user)
        return {"workspace": None, "entries": store.audit_rows(engine)}

    @router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
    def all_audit_page(request: Request, user: Viewer) -> HTMLResponse:
        access.can_read_audit(user)
        return page(request, "ws_audit.html", user, ws=None, entries=store.audit_rows(engine), action_zh=service.ACTION_ZH, field_zh=service.FIELD_ZH,
                    object_zh=service.OBJECT_ZH)

    @router.get("/{wid}.json", summary="The task table with statuses (a unit sees its own tasks)")
    def table_json(wid: Id, user: Viewer, as_of: str | None = None) -> dict[str, Any]:
        return service.table(engine, cfg, wid, user, as_of=parse_day(as_of, default=date.today()))

    @router.get("/{wid}.xlsx", summary="The task table as the office's XLSX (the rows this user sees)")
    def table_xlsx(wid: Id, user: Viewer) -> Response:
        body, name = service.table_xlsx(engine, cfg, wid, user, as_of=date.today())
        return Response(body, media_type=evidence_type(".xlsx"),
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
                                 "Cache-Control": "private, no-store"})

    @router.get("/{wid}", response_class=HTMLResponse, include_in_schema=False)
    def table_page(request: Request, wid: Id, user: Viewer, as_of: str | None = None) -> HTMLResponse:
        return page(request, "ws_table.html", user,
                    data=service.table(engine, cfg, wid, user, as_of=parse_day(as_of, default=date.today())))

    def _public(user: User, request: Request, wid: Id, public: bool) -> None:
        access.require_office(user)
        store.set_public(engine, wid, public, actor(user, request))

    @router.post("/{wid}/public", include_in_schema=False)
    def public_page(request: Request, wid: Id, user: Writer, public: Annotated[str, Form()] = "0") -> Response:
        _public(user, request, wid, public == "1")
        return back(f"/ws/{wid}")

    @router.post("/{wid}/public.json", summary="Make the workspace readable without login, or not (office)")
    def public_json(request: Request, wid: Id, user: Writer, body: Public) -> dict[str, Any]:
        _public(user, request, wid, body.public)
        return {"ok": True, "public": body.public}

    # ---- one task ------------------------------------------------------------------------------------------

    @router.get("/{wid}/tasks/{pk}.json", summary="One task with its units, progress history and status")
    def task_json(wid: Id, pk: Id, user: Viewer) -> dict[str, Any]:
        return service.task(engine, cfg, wid, pk, user, as_of=date.today())

    @router.get("/{wid}/tasks/{pk}", response_class=HTMLResponse, include_in_schema=False)
    def task_page(request: Request, wid: Id, pk: Id, user: Viewer) -> HTMLResponse:
        data = service.task(engine, cfg, wid, pk, user, as_of=date.today())
        return page(request, "ws_task.html", user, data=data, saved=request.query_params.get("saved"),
                    directory=service.unit_names(cfg))

    def _units(user: User, request: Request, wid: Id, pk: Id, lead: list[str], partner: list[str]) -> None:
        access.require_office(user)
        store.set_units(engine, wid, pk, lead, partner, actor(user, request))

    @router.post("/{wid}/tasks/{pk}/units", include_in_schema=False)
    def units_page(request: Request, wid: Id, pk: Id, user: Writer, lead: Annotated[str, Form(max_length=2000)],
                   partner: Annotated[str, Form(max_length=4000)] = "") -> Response:
        _units(user, request, wid, pk, split_units(lead), split_units(partner))
        return back(f"/ws/{wid}/tasks/{pk}?saved=units")

    @router.post("/{wid}/tasks/{pk}/units.json", summary="Assign lead and partner units (office)")
    def units_json(request: Request, wid: Id, pk: Id, user: Writer, body: Units) -> dict[str, Any]:
        _units(user, request, wid, pk, [u.strip() for u in body.lead if u.strip()],
               [u.strip() for u in body.partner if u.strip()])
        return service.task(engine, cfg, wid, pk, user, as_of=date.today())

    def _edit(user: User, request: Request, wid: Id, pk: Id, changes: dict[str, Any]) -> None:
        access.require_office(user)
        if changes.get("deadline"):
            changes["deadline"] = parse_day(changes["deadline"])
        store.edit_task(engine, wid, pk, changes, actor(user, request))

    @router.post("/{wid}/tasks/{pk}/edit", include_in_schema=False)
    def edit_page(request: Request, wid: Id, pk: Id, user: Writer, text: Annotated[str, Form(max_length=4000)],
                  deadline: Annotated[str, Form(max_length=10)] = "") -> Response:
        _edit(user, request, wid, pk, {"text": text.strip(), "deadline": deadline.strip() or None})
        return back(f"/ws/{wid}/tasks/{pk}?saved=edit")

    @router.post("/{wid}/tasks/{pk}/edit.json", summary="Edit a task's text, deadline or category (office)")
    def edit_json(request: Request, wid: Id, pk: Id, user: Writer, body: Edit) -> dict[str, Any]:
        _edit(user, request, wid, pk, body.model_dump(exclude_unset=True))
        return service.task(engine, cfg, wid, pk, user, as_of=date.today())

    def _override(user: User, request: Request, wid: Id, pk: Id, status: str | None, reason: str) -> None:
        access.require_office(user)
        store.override(engine, wid, pk, status or None, reason, actor(user, request))

    @router.post("/{wid}/tasks/{pk}/override", include_in_schema=False)
    def override_page(request: Request, wid: Id, pk: Id, user: Writer, reason: Annotated[str, Form(max_length=2000)],
                      status: Annotated[str, Form(max_length=8)] = "") -> Response:
        _override(user, request, wid, pk, status, reason)
        return back(f"/ws/{wid}/tasks/{pk}?saved=override")

    @router.post("/{wid}/tasks/{pk}/override.json", summary="Set or clear the office's status, with a reason (office)")
    def override_json(request: Request, wid: Id, pk: Id, user: Writer, body: Override) -> dict[str, Any]:
        _override(user, request, wid, pk, body.status, body.reason)
        return service.task(engine, cfg, wid, pk, user, as_of=date.today())

    def _progress(user: User, request: Request, wid: Id, pk: Id, day: str | None, percent: str,
                  note: str, proposed: str, files: list[UploadFile]) -> int:
        ws = store.workspace(engine, wid)
        task = store.task_row(engine, wid, pk)
        access.can_read_task(user, ws, task)
        access.can_report(user, task)
        files = [f for f in files if f.filename]
        if len(files) > cfg.max_files:
            raise BadValueError(f"一次最多上传 {cfg.max_files} 个文件", en=f"{cfg.max_files} files at most in one report")
        entry_day = parse_day(day, default=date.today())
        if entry_day > date.today().isoformat():
            raise BadValueError("进度日期不能晚于今天")
        value = parse_percent(percent)
        saved: list[store.EvidenceFile] = []
        try:
            for f in files:
                saved.append(evidence.save(f.file, f.filename, cfg))
            return store.add_progress(engine, wid, pk, date=entry_day, percent=value, note=note.strip(),
                                      proposed_status=proposed or None,
                                      unit=user.unit if user.role == "unit" else None, files=saved,
                                      actor=actor(user, request))
        except BaseException:
            evidence.discard(saved, cfg)  # nothing of a refused entry stays on disk
            raise

    @router.post("/{wid}/tasks/{pk}/progress", include_in_schema=False)
    def progress_page(request: Request, wid: Id, pk: Id, user: Writer, percent: Annotated[str, Form(max_length=10)],
                      note: Annotated[str, Form(max_length=4000)] = "", date_: Annotated[str, Form(alias="date")] = "",
                      proposed_status: Annotated[str, Form(max_length=8)] = "",
                      files: Annotated[list[UploadFile] | None, File()] = None) -> Response:
        _progress(user, request, wid, pk, date_ or None, percent, note, proposed_status, files or [])
        return back(f"/ws/{wid}/tasks/{pk}?saved=progress")

    @router.post("/{wid}/tasks/{pk}/progress.json",
                 summary="Add a dated progress entry (multipart form: percent, note, date, proposed_status, files)")
    def progress_json(request: Request, wid: Id, pk: Id, user: Writer, percent: Annotated[str, Form(max_length=10)],
                      note: Annotated[str, Form(max_length=4000)] = "", date_: Annotated[str, Form(alias="date")] = "",
                      proposed_status: Annotated[str, Form(max_length=8)] = "",
                      files: Annotated[list[UploadFile] | None, File()] = None) -> dict[str, Any]:
        eid = _progress(user, request, wid, pk, date_ or None, percent, note, proposed_status, files or [])
        return service.task(engine, cfg, wid, pk, user, as_of=date.today()) | {"entry_id": eid}

    @router.get("/{wid}/evidence/{fid}", include_in_schema=False)
    def evidence_file(wid: Id, fid: Id, user: Viewer) -> Response:
        from fastapi.responses import FileResponse

        row, pk = store.evidence_file(engine, wid, fid)
        ws = store.workspace(engine, wid)
        task = store.task_row(engine, wid, pk)
        access.can_read_task(user, ws, task)
        access.can_read_evidence(user, task)
        # always a download: an uploaded HTML or SVG never renders as a page of this site
        return FileResponse(evidence.path_of(row["stored_name"], cfg), media_type=row["content_type"],
                            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(row['original_name'])}",
                                     "Cache-Control": "private, no-store"})

    # ---- 通报, year end, audit -------------------------------------------------------------------------------

    @router.get("/{wid}/notices.json", summary="Published monthly 通报")
    def notices_json(wid: Id, user: Viewer) -> dict[str, Any]:
        return service.notices(engine, wid, user)

    @router.get("/{wid}/notices", response_class=HTMLResponse, include_in_schema=False)
    def notices_page(request: Request, wid: Id, user: Viewer) -> HTMLResponse:
        return page(request, "ws_notices.html", user, data=service.notices(engine, wid, user),
                    month=date.today().strftime("%Y-%m"))

    def _publish(user: User, request: Request, wid: Id, month: str) -> int:
        access.require_office(user)
        return service.publish(engine, cfg, wid, month, actor(user, request))

    @router.post("/{wid}/notices", include_in_schema=False)
    def publish_page(request: Request, wid: Id, user: Writer,
                     month: Annotated[str, Form(pattern=r"^\d{4}-\d{2}$")]) -> Response:
        _publish(user, request, wid, month)
        return back(f"/ws/{wid}/notices")

    @router.post("/{wid}/notices.json", summary="Publish the month's 通报 (office); DOCX and HTML are stored")
    def publish_json(request: Request, wid: Id, user: Writer, body: Publish) -> dict[str, Any]:
        nid = _publish(user, request, wid, body.month)
        return {"notice_id": nid, "docx": f"/ws/{wid}/notices/{nid}.docx", "html": f"/ws/{wid}/notices/{nid}.html"}

    @router.get("/{wid}/notices/{nid}.docx", include_in_schema=False)
    def notice_docx(wid: Id, nid: Id, user: Viewer) -> Response:
        n = service.notice(engine, wid, nid, user)
        name = f"督查通报-{n['month']}.docx"
        return Response(n["docx"], media_type=evidence_type(".docx"),
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})

    @router.get("/{wid}/notices/{nid}.html", include_in_schema=False)
    def notice_html(wid: Id, nid: Id, user: Viewer) -> HTMLResponse:
        return HTMLResponse(service.notice(engine, wid, nid, user)["html"])

    @router.get("/{wid}/yearend.json", summary="Year-end check: tracking's 兑现 verdict beside the office's status")
    def yearend_json(wid: Id, user: Viewer) -> dict[str, Any]:
        return service.yearend(engine, cfg, wid, user)

    @router.get("/{wid}/yearend", response_class=HTMLResponse, include_in_schema=False)
    def yearend_page(request: Request, wid: Id, user: Viewer) -> HTMLResponse:
        return page(request, "ws_yearend.html", user, data=service.yearend(engine, cfg, wid, user))

    @router.get("/{wid}/audit.json", summary="The audit log of this workspace (office)")
    def audit_json(wid: Id, user: Viewer) -> dict[str, Any]:
        access.can_read_audit(user)
        return {"workspace": store.workspace(engine, wid), "entries": store.audit_rows(engine, wid)}

    @router.get("/{wid}/audit", response_class=HTMLResponse, include_in_schema=False)
    def audit_page(request: Request, wid: Id, user: Viewer) -> HTMLResponse:
        access.can_read_audit(user)
        return page(request, "ws_audit.html", user, ws=store.workspace(engine, wid),
                    entries=store.audit_rows(engine, wid), action_zh=service.ACTION_ZH, field_zh=service.FIELD_ZH,
                    object_zh=service.OBJECT_ZH)

    return router


def evidence_type(suffix: str) -> str:
    from duixian.web.workspace.config import EVIDENCE_TYPES

    return EVIDENCE_TYPES[suffix]
