"""``/track/{region}/{year}``: the 成绩单, a year's plan rated against the next year's review."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from duixian.web import views
from duixian.web.context import Ctx, WebContext, Year

router = APIRouter()


def _card(ctx: WebContext, region: str, year: int) -> dict[str, Any]:
    from duixian.track.run import stored_card

    # first view of a region-year rates it and, on a server that writes, stores the verdicts; later views
    # read them (a read-only server keeps the card it rated: web/cards.py)
    card = stored_card(ctx.engine, region, year) or ctx.rate(region, year)
    return views.with_publications(ctx.engine, card)


@router.get("/track/{region}/{year}.json", summary="成绩单: the plan of a year rated against its review")
def track_json(ctx: Ctx, region: str, year: Year) -> dict[str, Any]:
    return _card(ctx, region, year)


@router.get("/track/{region}/{year}", response_class=HTMLResponse, include_in_schema=False)
def track_page(request: Request, ctx: Ctx, region: str, year: Year) -> HTMLResponse:
    return ctx.page(request, "track.html", card=_card(ctx, region, year), verdict_links=True)
