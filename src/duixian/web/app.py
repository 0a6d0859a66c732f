"""``duixian serve``: server-rendered pages, each with a JSON twin at the same path plus ``.json``.

Pages only render what :mod:`duixian.web.views` returns; all SQL lives in the store package and is built
with SQLAlchemy expressions, never from strings.  Every template is autoescaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from duixian import __version__
from duixian.errors import DuixianError, NoPairError, NoSuchReportError
from duixian.templating import env
from duixian.web import views
from duixian.web.upload import UploadLimits, save_and_ingest

STATIC = Path(__file__).parent / "static"


def _plotly_js() -> tuple[Path, str]:
    import plotly
    from plotly.offline import get_plotlyjs_version

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js", get_plotlyjs_version()


def create_app(engine: Engine, *, allow_upload: bool = False, upload_dir: Path | None = None,
               limits: UploadLimits | None = None) -> FastAPI:
    # Swagger/ReDoc pages load their scripts from a CDN; the schema itself is served at /openapi.json.
    app = FastAPI(title="duixian", version=__version__, docs_url=None, redoc_url=None)
    app.state.engine = engine
    plotly_path, plotly_version = _plotly_js()
    plotly_url = f"/static/vendor/plotly-{plotly_version}.min.js"
    templates = env()

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = templates.get_template(f"web/{name}").render(
            request=request, allow_upload=allow_upload, plotly_url=plotly_url, version=__version__, **ctx)
        return HTMLResponse(html, status_code=status)

    def error(request: Request, status: int, exc: DuixianError) -> Response:
        if request.url.path.endswith(".json"):
            return JSONResponse({"error": exc.as_dict()}, status_code=status)
        return page(request, "error.html", status=status, error=exc)

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
    def reports_json(region: str | None = None, year: int | None = None, level: str | None = None) -> dict[str, Any]:
        return views.reports(engine, region, year, level)

    @app.get("/reports", response_class=HTMLResponse, include_in_schema=False)
    def reports_page(request: Request, region: str | None = None, year: str | None = None,
                     level: str | None = None) -> HTMLResponse:
        y = int(year) if year and year.strip().isdigit() else None  # an empty form field means "any year"
        return page(request, "reports.html", data=views.reports(engine, region, y, level))

    @app.get("/reports/{ref}.json", summary="One report: metadata, outline, records and clean text")
    def report_json(ref: str) -> dict[str, Any]:
        return views.report(engine, ref)

    @app.get("/reports/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(request: Request, ref: str) -> HTMLResponse:
        data = views.report(engine, ref)
        return page(request, "report.html", data=data, kinds=views.KINDS, **views.reader(data))

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
    def track_json(region: str, year: int) -> dict[str, Any]:
        return _card(region, year)

    @app.get("/track/{region}/{year}", response_class=HTMLResponse, include_in_schema=False)
    def track_page(request: Request, region: str, year: int) -> HTMLResponse:
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
        lim = limits or UploadLimits()

        @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
        def upload_form(request: Request) -> HTMLResponse:
            return page(request, "upload.html", limits=lim, result=None)

        @app.post("/upload.json", summary="Upload one report file and ingest it")
        def upload_json(file: UploadFile = File(...)) -> JSONResponse:  # noqa: B008 (FastAPI's idiom)
            result = save_and_ingest(engine, file, folder, lim)
            return JSONResponse(result, status_code=200 if result["ok"] else 400)

        @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
        def upload_page(request: Request, file: UploadFile = File(...)) -> HTMLResponse:  # noqa: B008
            result = save_and_ingest(engine, file, folder, lim)
            return page(request, "upload.html", status=200 if result["ok"] else 400, limits=lim, result=result)

    return app
