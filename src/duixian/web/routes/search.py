"""``/search``: ranked passages with highlighted snippets, the hit count, facets and pages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from duixian.web import hits, views
from duixian.web.context import Ctx

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=200)]
Page = Annotated[int, Query(ge=1, le=hits.MAX_PAGE)]


@router.get("/search.json", summary="Full-text search: highlighted snippets, total, facets; filter by region, year, kind")
def search_json(ctx: Ctx, q: str = "", limit: Limit = 20, page: Page = 1, region: str | None = None,
                year: Annotated[int | None, Query(ge=views.YEARS[0], le=views.YEARS[1])] = None,
                kind: str | None = None) -> dict[str, Any]:
    return hits.search_page(ctx.engine, q, limit, page=page, region=region, year=year, kind=kind)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, ctx: Ctx, q: str = "", limit: Limit = 20, page: Page = 1,
                region: str | None = None, year: str | None = None, kind: str | None = None) -> HTMLResponse:
    # year is a string: an empty form field means "any year" (views.parse_year)
    data = hits.search_page(ctx.engine, q, limit, page=page, region=region, year=views.parse_year(year), kind=kind)
    return ctx.page(request, "search.html", data=data)
