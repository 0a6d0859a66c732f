"""``/search``: ranked passages with highlighted snippets."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from duixian.web import views
from duixian.web.context import Ctx

router = APIRouter()


@router.get("/search.json", summary="Full-text search with highlighted snippets")
def search_json(ctx: Ctx, q: str = "", limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
    return views.search_page(ctx.engine, q, limit)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, ctx: Ctx, q: str = "", limit: int = Query(20, ge=1, le=200)) -> HTMLResponse:
    return ctx.page(request, "search.html", data=views.search_page(ctx.engine, q, limit))
