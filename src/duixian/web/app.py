"""``duixian serve``: server-rendered pages, each with a JSON twin at the same path plus ``.json``.

``create_app`` only sets up: the shared context, the error handlers, static files, the guard, and the
route modules in :mod:`duixian.web.routes` (one ``include_router`` each).  Pages only render what
:mod:`duixian.web.views` returns; all SQL lives in the store package and is built with SQLAlchemy
expressions, never from strings.  Every template is autoescaped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from duixian import __version__
from duixian.errors import DuixianError, ForbiddenError, NoPairError, NotFoundError, NotInDatabaseError
from duixian.templating import env
from duixian.web import filters, i18n, views
from duixian.web.cache import ReportCache
from duixian.web.context import WebContext
from duixian.web.guard import BodyTooLarge, CsrfTokens, Guard, RateLimiter, Scope, csp
from duixian.web.routes import overview, permalinks, regions, reports, search, track, upload
from duixian.web.upload import UploadLimits

STATIC = Path(__file__).parent / "static"
BODY_SLACK = 1024 * 1024  # multipart framing, and room for a file a little over the limit to get the friendly refusal
HTTP_CODES = {404: ("NOT_FOUND", "no page at this address"), 405: ("METHOD_NOT_ALLOWED", "this address takes another method")}
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def inline_script_hashes(templates: Environment) -> list[str]:
    """CSP hashes of the templates' inline scripts, which must be literal text so the hash stays true."""
    out = []
    for name in templates.list_templates(filter_func=lambda n: n.endswith(".html")):
        source = templates.loader.get_source(templates, name)[0]  # type: ignore[union-attr]
        for body in INLINE_SCRIPT.findall(source):
            if "{{" in body or "{%" in body:
                raise ValueError(f"{name}: an inline script with template code cannot have a CSP hash")
            out.append(base64.b64encode(hashlib.sha256(body.encode()).digest()).decode())
    return out


def _plotly_js() -> tuple[Path, str]:
    import plotly
    from plotly.offline import get_plotlyjs_version

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js", get_plotlyjs_version()


def create_app(engine: Engine, *, allow_upload: bool = False, upload_dir: Path | None = None,
               limits: UploadLimits | None = None, allowed_hosts: Collection[str] | None = None,
               uploads_per_minute: int = 10, cache_size: int = 64, workspace: Any = None) -> FastAPI:
    """The app.  ``allowed_hosts`` is the Host allow-list (``duixian serve`` always passes one; None, for
    tests and embedding behind a proxy that checks Host, answers any Host).  ``uploads_per_minute`` is per
    client address.  ``workspace`` (a ``duixian.web.workspace.WorkspaceConfig``) adds the 督查 workspace at /ws."""
    # Swagger/ReDoc pages load their scripts from a CDN; the schema itself is served at /openapi.json.
    app = FastAPI(title="duixian", version=__version__, docs_url=None, redoc_url=None)
    templates = env()
    filters.install(templates)
    i18n.install(templates)
    plotly_path, plotly_version = _plotly_js()
    reader_fragment = templates.get_template("web/_reader.html")
    def render_reader(data: dict[str, Any], lang: str) -> str:
        with i18n.speaking(lang):
            return reader_fragment.render(data=data, kinds=views.KINDS, **views.reader(data))

    cache = ReportCache(engine, render_reader, size=cache_size)
    folder = None
    if allow_upload:
        folder = Path(upload_dir or "uploads").resolve()
        folder.mkdir(parents=True, exist_ok=True)
    ctx = WebContext(engine=engine, templates=templates, tokens=CsrfTokens(), cache=cache,
                     plotly_url=f"/static/vendor/plotly-{plotly_version}.min.js", allow_upload=allow_upload,
                     limits=limits or UploadLimits(), upload_dir=folder)
    app.state.ctx = ctx
    app.state.engine = engine
    app.state.report_cache = cache

    def refuse(status: int, code: str, message: str, hint: str, scope: Scope) -> tuple[bytes, str]:
        # the guard's refusals (bad Host, cross-origin, rate, size) look like every other error of the app
        exc = DuixianError(message, hint=hint)
        exc.code = code
        if scope["path"].endswith(".json"):
            return json.dumps({"error": exc.as_dict()}, ensure_ascii=False).encode(), "application/json"
        return ctx.render(Request(scope), "error.html", error=exc, status_code=status).encode(), "text/html; charset=utf-8"

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, exc: BodyTooLarge) -> Response:
        body, ctype = refuse(413, "TOO_LARGE", str(exc.detail), "split the file or ingest it with the command line",
                             request.scope)
        return Response(body, status_code=413, media_type=ctype)

    # 404 for both kinds of "not there": an id or name the database does not hold (NOT_IN_DATABASE and its
    # subclasses: NO_SUCH_REPORT, NO_SUCH_RECORD, NO_SUCH_VERDICT; the workspace's own say 404 themselves), a
    # path that names no file (NOT_FOUND), and a plan/review pair not both stored
    @app.exception_handler(NotInDatabaseError)
    @app.exception_handler(NotFoundError)
    @app.exception_handler(NoPairError)
    async def _not_found(request: Request, exc: DuixianError) -> Response:
        return ctx.error(request, 404, exc)

    @app.exception_handler(ForbiddenError)
    async def _forbidden(request: Request, exc: DuixianError) -> Response:
        return ctx.error(request, 403, exc)

    @app.exception_handler(DuixianError)
    async def _other(request: Request, exc: DuixianError) -> Response:
        return ctx.error(request, 400, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        # no route (404) or no such method (405): the visitor's error page, a coded error under .json
        if exc.status_code not in HTTP_CODES:
            return await http_exception_handler(request, exc)
        code, message = HTTP_CODES[exc.status_code]
        err = DuixianError(message)
        err.code = code
        response = ctx.error(request, exc.status_code, err)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        # programs keep FastAPI's field-by-field 422; a person gets the error page
        if request.url.path.endswith(".json") or request.method != "GET":
            return await request_validation_exception_handler(request, exc)
        err = DuixianError("a number in the address is out of range")
        err.code = "BAD_REQUEST"
        return ctx.error(request, 422, err)

    @app.get(ctx.plotly_url, include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(plotly_path, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=31536000, immutable"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")  # after the vendored route above

    for module in (overview, reports, regions, track, search, permalinks):
        app.include_router(module.router)
    if allow_upload:
        app.include_router(upload.router)
    lim = ctx.limits
    max_body = lim.max_bytes + BODY_SLACK if allow_upload else BODY_SLACK
    if workspace is not None:
        from duixian.web.workspace import install

        install(app, engine, workspace)  # its router, its error pages (401/403/404) and the evidence folder
        max_body = max(max_body, workspace.max_body + BODY_SLACK)

    app.add_middleware(
        Guard, policy=csp(inline_script_hashes(templates)), refuse=refuse, allowed_hosts=allowed_hosts,
        max_body=max_body,
        upload_paths=("/upload", "/upload.json") if allow_upload else (),
        limiter=RateLimiter(uploads_per_minute) if allow_upload else None)
    return app
