"""``/reports``: the filtered list, and ``/reports/{ref}``: the reader."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from duixian.web import views
from duixian.web.context import Ctx

router = APIRouter()
PageNo = Annotated[int, Query(ge=1, le=views.MAX_PAGE)]
Limit = Annotated[int | None, Query(ge=1, le=500)]


@router.get("/reports.json", summary="Reports, filtered by region, year and level, one page at a time (total: all matches)")
def reports_json(ctx: Ctx, region: str | None = None,
                 year: Annotated[int | None, Query(ge=views.YEARS[0], le=views.YEARS[1])] = None,
                 level: str | None = None, page: PageNo = 1, limit: Limit = None) -> dict[str, Any]:
    return views.reports(ctx.engine, region, year, level, page, limit)


@router.get("/reports", response_class=HTMLResponse, include_in_schema=False)
def reports_page(request: Request, ctx: Ctx, region: str | None = None, year: str | None = None,
                 level: str | None = None, page: PageNo = 1) -> HTMLResponse:
    # a string, because an empty form field means "any year"; anything else must be a real year
    data = views.reports(ctx.engine, region, views.parse_year(year), level, page)
    return ctx.page(request, "reports.html", data=data)


@router.get("/reports/{ref}.json", summary="One report: metadata, outline, records and clean text",
            response_model=dict[str, Any])
def report_json(ctx: Ctx, ref: str) -> Response:
    return Response(ctx.cache.get(ref).json, media_type="application/json")


@router.get("/reports/{ref}", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request, ctx: Ctx, ref: str) -> HTMLResponse:
    entry = ctx.cache.get(ref)
    return ctx.page(request, "report.html", data=entry.data, reader_html=entry.reader_html(ctx.lang(request)))
