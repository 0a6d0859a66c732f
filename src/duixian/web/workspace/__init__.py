"""The 督查 workspace (issue 17): accounts, the task table, monthly progress, 通报 and the year-end check,
served under /ws by the same app as the corpus pages. Enabled by passing a :class:`WorkspaceConfig` to
``create_app``; see docs/supervise.md.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Engine

from duixian import __version__
from duixian.supervise.auth import Sessions
from duixian.supervise.store import BadValueError, WorkspaceError
from duixian.templating import env
from duixian.web import i18n
from duixian.web.workspace.config import WorkspaceConfig
from duixian.web.workspace.routes import build_router

__all__ = ["WorkspaceConfig", "install"]


def install(app: FastAPI, engine: Engine, cfg: WorkspaceConfig) -> None:
    """Add the /ws routes and the workspace's error pages to ``app``."""
    templates = env()
    cfg.evidence_dir.mkdir(parents=True, exist_ok=True)
    sessions = Sessions(engine, lifetime=cfg.session_lifetime, per_account=cfg.logins_per_account,
                        per_ip=cfg.logins_per_ip)
    app.state.ws_sessions = sessions  # the routes' Viewer/Writer dependencies read it

    i18n.install(templates)

    def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        # the chrome in the language the request chose, as on the corpus pages (web/i18n.py); the tasks, the
        # report's quotes, the units' notes and names stay as they were written
        lang, given = i18n.chosen(request.query_params, request.cookies)
        other = "en" if lang == "zh" else "zh"
        switch = {"lang": other, "label": "English" if other == "en" else "中文",
                  "url": i18n.switch_url(request.url.path, request.query_params, other)}
        with i18n.speaking(lang):
            html = templates.get_template(template).render(request=request, version=__version__,
                                                           html_lang=i18n.HTML_LANG[lang], lang_switch=switch, **ctx)
        response = HTMLResponse(html, status_code=status, headers={"Cache-Control": "private, no-store"})
        if given:  # the same cookie as the corpus pages: one choice for the whole site
            response.set_cookie(i18n.COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
        return response

    @app.exception_handler(WorkspaceError)
    async def _refused(request: Request, exc: WorkspaceError) -> Response:
        status = exc.http_status
        if request.url.path.endswith(".json") or "application/json" in request.headers.get("accept", ""):
            return JSONResponse({"error": exc.as_dict()}, status_code=status)
        user = getattr(request.state, "ws_user", None)
        return render(request, "ws_error.html", status=status, error=exc, user=user,
                      login_next=request.url.path if status == 401 else None)

    # the app's own handler (or FastAPI's) answers everything outside the workspace, as before
    previous = cast(Callable[[Request, RequestValidationError], Awaitable[Response]],
                    app.exception_handlers.get(RequestValidationError, request_validation_exception_handler))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        # a workspace form with a missing or malformed field gets the Chinese error page; the JSON twins
        # keep FastAPI's 422 detail, which API clients read
        path = request.url.path
        if not path.startswith("/ws"):
            return await previous(request, exc)
        if path.endswith(".json"):
            return await request_validation_exception_handler(request, exc)
        fields = sorted({str(e.get("loc", ("", "?"))[-1]) for e in exc.errors()})
        err = BadValueError(f"表单内容不完整或格式不对：{'、'.join(fields)}",
                            en=f"the form is incomplete or malformed: {', '.join(fields)}")
        return render(request, "ws_error.html", status=422, error=err, user=getattr(request.state, "ws_user", None),
                      login_next=None)

    app.include_router(build_router(engine, cfg, sessions, render))
