"""Permalinks: ``/records/{id}`` and ``/verdicts/{id}`` open the reader at the record, highlighted; their
``.json`` twins give the record or the verdict with the report it belongs to (see web/permalink.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from duixian.web import permalink
from duixian.web.context import Ctx, WebContext

router = APIRouter()


def _rate(ctx: WebContext) -> permalink.Rate:
    return lambda _engine, region, year: ctx.rate(region, year)


def _reader(request: Request, ctx: WebContext, report_id: int, focus: str, span: list[int], quote: str,
            **extra: Any) -> HTMLResponse:
    entry = ctx.cache.get(str(report_id))
    return ctx.page(request, "report.html", data=entry.data, reader_html=entry.reader_html(ctx.lang(request)), focus=focus,
                    focus_span=span, focus_quote=quote, **extra)


@router.get("/records/{record_id}.json", summary="One record (target, actual, pledge, project, term) and its report")
def record_json(ctx: Ctx, record_id: str) -> dict[str, Any]:
    return permalink.public(permalink.record(ctx.engine, record_id, _rate(ctx)))


@router.get("/records/{record_id}", response_class=HTMLResponse, include_in_schema=False)
def record_page(request: Request, ctx: Ctx, record_id: str) -> HTMLResponse:
    data = permalink.record(ctx.engine, record_id, _rate(ctx))
    rec = data["record"]
    return _reader(request, ctx, data["_report_id"], record_id, rec["span"], rec["quote"],
                   record_verdict=(data["verdicts"] or [None])[0])


@router.get("/verdicts/{item_id}.json", summary="The 兑现 verdict on one plan item, with its evidence")
def verdict_json(ctx: Ctx, item_id: str) -> dict[str, Any]:
    return permalink.public(permalink.verdict(ctx.engine, item_id, _rate(ctx)))


@router.get("/verdicts/{item_id}", response_class=HTMLResponse, include_in_schema=False)
def verdict_page(request: Request, ctx: Ctx, item_id: str) -> HTMLResponse:
    data = permalink.verdict(ctx.engine, item_id, _rate(ctx))
    v = data["verdict"]
    return _reader(request, ctx, data["_report_id"], item_id, v["span"], v["quote"], data_verdict=data, verdict=True)
