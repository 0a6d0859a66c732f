"""``/``: the corpus as regions × years, one page of regions at a time."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from duixian.web import views
from duixian.web.context import Ctx

router = APIRouter()
PageNo = Annotated[int, Query(ge=1, le=views.MAX_PAGE)]
Limit = Annotated[int | None, Query(ge=1, le=500)]


@router.get("/index.json", summary="Corpus overview: regions × years (paged by region) and totals")
def overview_json(ctx: Ctx, page: PageNo = 1, limit: Limit = None) -> dict[str, Any]:
    return views.overview(ctx.engine, page, limit)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, ctx: Ctx, page: PageNo = 1) -> HTMLResponse:
    return ctx.page(request, "index.html", data=views.overview(ctx.engine, page))
