"""``/``: the corpus as regions × years."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from duixian.web import views
from duixian.web.context import Ctx

router = APIRouter()


@router.get("/index.json", summary="Corpus overview: regions × years")
def overview_json(ctx: Ctx) -> dict[str, Any]:
    return views.overview(ctx.engine)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, ctx: Ctx) -> HTMLResponse:
    return ctx.page(request, "index.html", data=views.overview(ctx.engine))
