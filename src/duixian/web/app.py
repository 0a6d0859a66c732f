"""``duixian serve``: server-rendered pages, each with a JSON twin at the same path plus ``.json``.

Pages only render what :mod:`duixian.web.views` returns; all SQL lives in the store package and is built
with SQLAlchemy expressions, never from strings.  Every template is autoescaped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment
from sqlalchemy import Engine

from duixian import __version__
from duixian.errors import DuixianError, NoPairError, NoSuchReportError
from duixian.templating import env
from duixian.web import views
from duixian.web.cache import ReportCache
from duixian.web.guard import BodyTooLarge, CsrfTokens, Guard, RateLimiter, Scope, csp, from_browser
from duixian.web.upload import UploadLimits, save_and_ingest

STATIC = Path(__file__).parent / "static"
# Bounded before they reach the store: an out-of-range number is a 422, never an overflow in the driver.
Year = Annotated[int, PathParam(ge=views.YEARS[0], le=views.YEARS[1])]
BODY_SLACK = 1024 * 1024  # multipart framing, and room for a file a little over the limit to get the friendly refusal
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


class ForbiddenError(DuixianError):
    code = "BAD_CSRF_TOKEN"
    hint = "reload the upload page and submit the form again"


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
    app.state.engine = engine
    plotly_path, plotly_version = _plotly_js()
    plotly_url = f"/static/vendor/plotly-{plotly_version}.min.js"
    templates = env()
    policy = csp(inline_script_hashes(templates))
    reader_fragment = templates.get_template("web/_reader.html")
    cache = ReportCache(engine, lambda data: reader_fragment.render(data=data, kinds=views.KINDS,
                                                                     **views.reader(data)), size=cache_size)
    app.state.report_cache = cache
    tokens = CsrfTokens()
    lim = limits or UploadLimits()

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = templates.get_template(f"web/{name}").render(
            request=request, allow_upload=allow_upload, plotly_url=plotly_url, version=__version__, **ctx)
        return HTMLResponse(html, status_code=status)

    def error(request: Request, status: int, exc: DuixianError) -> Response:
        if request.url.path.endswith(".json"):
            return JSONResponse({"error": exc.as_dict()}, status_code=status)
        return page(request, "error.html", status=status, error=exc)

    def refuse(status: int, code: str, message: str, hint: str, scope: Scope) -> tuple[bytes, str]:
        # the guard's refusals (bad Host, cross-origin, rate, size) look like every other error of the app
        exc = DuixianError(message, hint=hint)
        exc.code = code
        if scope["path"].endswith(".json"):
            return json.dumps({"error": exc.as_dict()}, ensure_ascii=False).encode(), "application/json"
        html = templates.get_template("web/error.html").render(
            request=Request(scope), allow_upload=allow_upload, version=__version__, error=exc)
        return html.encode(), "text/html; charset=utf-8"

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, exc: BodyTooLarge) -> Response:
        body, ctype = refuse(413, "TOO_LARGE", str(exc.detail), "split the file or ingest it with the command line",
                             request.scope)
        return Response(body, status_code=413, media_type=ctype)

    @app.exception_handler(NoSuchReportError)
    async def _no_report(request: Request, exc: NoSuchReportError) -> Response:
        return error(request, 404, exc)

    @app.exception_handler(NoPairError)
    async def _no_pair(request: Request, exc: NoPairError) -> Response:
        return error(request, 404, exc)

    @app.exception_handler(DuixianError)
    async def _other(request: Request, exc: DuixianError) -> Response:
        return error(request, 400, exc)

    @app.get(plotly_url, include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(plotly_path, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=31536000, immutable"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")  # after the vendored route above

    # JSON twins are registered before their pages: "/reports/{ref}" would otherwise swallow "3.json".
    @app.get("/index.json", summary="Corpus overview: regions × years")
    def overview_json() -> dict[str, Any]:
        return views.overview(engine)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(request: Request) -> HTMLResponse:
        return page(request, "index.html", data=views.overview(engine))

    @app.get("/reports.json", summary="Reports, filtered by region, year and level")
    def reports_json(region: str | None = None,
                     year: Annotated[int | None, Query(ge=views.YEARS[0], le=views.YEARS[1])] = None,
                     level: str | None = None) -> dict[str, Any]:
        return views.reports(engine, region, year, level)

    @app.get("/reports", response_class=HTMLResponse, include_in_schema=False)
    def reports_page(request: Request, region: str | None = None, year: str | None = None,
                     level: str | None = None) -> HTMLResponse:
        # a string, because an empty form field means "any year"; anything else must be a real year
        return page(request, "reports.html", data=views.reports(engine, region, views.parse_year(year), level))

    @app.get("/reports/{ref}.json", summary="One report: metadata, outline, records and clean text",
             response_model=dict[str, Any])
    def report_json(ref: str) -> Response:
        return Response(cache.get(ref).json, media_type="application/json")

    @app.get("/reports/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(request: Request, ref: str) -> HTMLResponse:
        entry = cache.get(ref)
        return page(request, "report.html", data=entry.data, reader_html=entry.reader_html)

    @app.get("/regions/{name}.json", summary="A region: metrics over the years, targets vs actuals, pledges")
    def region_json(name: str) -> dict[str, Any]:
        return _region(name)

    @app.get("/regions/{name}", response_class=HTMLResponse, include_in_schema=False)
    def region_page(request: Request, name: str) -> HTMLResponse:
        return page(request, "region.html", data=_region(name))

    def _region(name: str) -> dict[str, Any]:
        data = views.region(engine, name)
        if data is None:
            raise NoSuchReportError(f"no stored report for region {name!r}")
        return data

    @app.get("/track/{region}/{year}.json", summary="成绩单: the plan of a year rated against its review")
    def track_json(region: str, year: Year) -> dict[str, Any]:
        return _card(region, year)

    @app.get("/track/{region}/{year}", response_class=HTMLResponse, include_in_schema=False)
    def track_page(request: Request, region: str, year: Year) -> HTMLResponse:
        return page(request, "track.html", card=_card(region, year))

    def _card(region: str, year: int) -> dict[str, Any]:
        from duixian.track.run import stored_card, track_stored

        # first view of a region-year rates it and stores the verdicts; later views read them
        return stored_card(engine, region, year) or track_stored(engine, region, year)

    @app.get("/search.json", summary="Full-text search with highlighted snippets")
    def search_json(q: str = "", limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
        return views.search_page(engine, q, limit)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", limit: int = Query(20, ge=1, le=200)) -> HTMLResponse:
        return page(request, "search.html", data=views.search_page(engine, q, limit))

    if allow_upload:
        folder = Path(upload_dir or "uploads").resolve()
        folder.mkdir(parents=True, exist_ok=True)

        @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
        def upload_form(request: Request) -> HTMLResponse:
            return page(request, "upload.html", limits=lim, result=None, csrf=tokens.issue())

        @app.post("/upload.json", summary="Upload one report file and ingest it")
        def upload_json(file: UploadFile = File(...)) -> JSONResponse:  # noqa: B008 (FastAPI's idiom)
            result = save_and_ingest(engine, file, folder, lim)
            return JSONResponse(result, status_code=200 if result["ok"] else 400)

        @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
        def upload_page(request: Request, file: UploadFile = File(...),  # noqa: B008
                        csrf: Annotated[str | None, Form()] = None) -> HTMLResponse:
            # The guard has already refused other origins; a browser's form must also carry the token
            # the form page issued (programs, which send no Origin, post without one).
            if from_browser({k.lower(): v for k, v in request.headers.items()}) and not tokens.valid(csrf):
                return page(request, "error.html", status=403,
                            error=ForbiddenError("the form's token is missing or has expired"))
            result = save_and_ingest(engine, file, folder, lim)
            return page(request, "upload.html", status=200 if result["ok"] else 400, limits=lim, result=result,
                        csrf=tokens.issue())

    max_body = lim.max_bytes + BODY_SLACK if allow_upload else BODY_SLACK
    if workspace is not None:
        from duixian.web.workspace import mount

        mount(app, engine, workspace)
        max_body = max(max_body, workspace.max_body + BODY_SLACK)  # evidence files
    app.add_middleware(
        Guard, policy=policy, refuse=refuse, allowed_hosts=allowed_hosts,
        max_body=max_body,
        upload_paths=("/upload", "/upload.json") if allow_upload else (),
        limiter=RateLimiter(uploads_per_minute) if allow_upload else None)
    return app
