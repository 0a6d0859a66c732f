"""``/regions/{name}``: a region's headline metrics over the years and its pledge counts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from duixian.errors import NoSuchReportError
from duixian.web import views
from duixian.web.context import Ctx, WebContext

router = APIRouter()


def _region(ctx: WebContext, name: str) -> dict[str, Any]:
    data = views.region(ctx.engine, name)
    if data is None:
        raise NoSuchReportError(f"no stored report for region {name!r}")
    return data


@router.get("/regions/{name}.json", summary="A region: metrics over the years, targets vs actuals, pledges")
def region_json(ctx: Ctx, name: str) -> dict[str, Any]:
    return _region(ctx, name)


@router.get("/regions/{name}", response_class=HTMLResponse, include_in_schema=False)
def region_page(request: Request, ctx: Ctx, name: str) -> HTMLResponse:
    return ctx.page(request, "region.html", data=_region(ctx, name))
