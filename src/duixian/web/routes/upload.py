"""``/upload`` (only with ``--allow-upload``): one report file, saved under a server-chosen name and ingested."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse

from duixian.web.context import Ctx, WebContext
from duixian.web.upload import save_and_ingest

router = APIRouter()


def _folder(ctx: WebContext) -> Path:
    assert ctx.upload_dir is not None, "the upload router is only included when uploads are on"
    return ctx.upload_dir


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_form(request: Request, ctx: Ctx) -> HTMLResponse:
    return ctx.page(request, "upload.html", limits=ctx.limits, result=None, csrf=ctx.tokens.issue())


@router.post("/upload.json", summary="Upload one report file and ingest it")
def upload_json(ctx: Ctx, file: UploadFile = File(...)) -> JSONResponse:  # noqa: B008 (FastAPI's idiom)
    result = save_and_ingest(ctx.engine, file, _folder(ctx), ctx.limits)
    return JSONResponse(result, status_code=200 if result["ok"] else 400)


@router.post("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_page(request: Request, ctx: Ctx, file: UploadFile = File(...),  # noqa: B008
                csrf: Annotated[str | None, Form()] = None) -> HTMLResponse:
    ctx.require_csrf(request, csrf)  # the guard has already refused other origins
    result = save_and_ingest(ctx.engine, file, _folder(ctx), ctx.limits)
    return ctx.page(request, "upload.html", status=200 if result["ok"] else 400, limits=ctx.limits, result=result,
                    csrf=ctx.tokens.issue())
