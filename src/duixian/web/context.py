"""What every route module shares, reached through a FastAPI dependency instead of an import of app.py.

``create_app`` builds one :class:`WebContext` and stores it on ``app.state``; a route module declares a
``ctx: Ctx`` parameter and gets it.  So a router is a plain module-level ``APIRouter`` that the app adds
with one ``include_router`` line, and a new page family (the supervision workspace, say) needs nothing
from app.py: it renders with ``ctx.page``, answers errors by raising a :class:`DuixianError` (the app's
handlers turn it into the HTML page or the JSON twin's coded error) and checks form tokens with
``ctx.require_csrf``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment
from sqlalchemy import Engine

from duixian import __version__
from duixian.errors import BadCsrfTokenError, DuixianError
from duixian.store.db import is_readonly
from duixian.web import i18n, views
from duixian.web.cache import ReportCache
from duixian.web.cards import CardCache
from duixian.web.guard import CsrfTokens, from_browser
from duixian.web.upload import UploadLimits

# Bounded before they reach the store: an out-of-range number is a 422, never an overflow in the driver.
Year = Annotated[int, PathParam(ge=views.YEARS[0], le=views.YEARS[1])]


@dataclass(frozen=True)
class WebContext:
    engine: Engine
    templates: Environment  # templating.env(): autoescaping always on
    tokens: CsrfTokens
    cache: ReportCache  # the reader's derived data per stored report version
    plotly_url: str
    allow_upload: bool = False
    limits: UploadLimits = field(default_factory=UploadLimits)
    upload_dir: Path | None = None  # set (and created) only when uploads are on
    cards: CardCache = field(default_factory=CardCache)  # 成绩单 rated on a read-only server

    def rate(self, region: str, year: int) -> dict[str, Any]:
        """Rate a region-year as ``track_stored`` does: stored on a server that writes, else kept in
        ``cards`` for the next view (neither report changed) instead of rated again."""
        if is_readonly(self.engine):
            return self.cards.rate(self.engine, region, year)
        from duixian.track.run import track_stored

        return track_stored(self.engine, region, year)

    @staticmethod
    def lang(request: Request) -> str:
        """The language the request chose for the page's chrome (``?lang=``, else the cookie, else Chinese)."""
        return i18n.chosen(request.query_params, request.cookies)[0]

    def render(self, request: Request | None, name: str, **ctx: Any) -> str:
        """Template ``templates/web/<name>`` with what base.html needs (nav, footer's JSON link), its chrome in
        the language the request chose (web/i18n.py)."""
        lang = self.lang(request) if request is not None else i18n.DEFAULT
        switch = None
        if request is not None:
            other = "en" if lang == "zh" else "zh"
            switch = {"lang": other, "label": "English" if other == "en" else "中文",
                      "url": i18n.switch_url(request.url.path, request.query_params, other)}
        with i18n.speaking(lang):
            return self.templates.get_template(f"web/{name}").render(
                request=request, allow_upload=self.allow_upload, plotly_url=self.plotly_url, version=__version__,
                html_lang=i18n.HTML_LANG[lang], lang_switch=switch, **ctx)

    def page(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        response = HTMLResponse(self.render(request, name, **ctx), status_code=status)
        lang, given = i18n.chosen(request.query_params, request.cookies)
        if given:  # ?lang= keeps its choice for the next pages (a first-party preference, no tracking)
            response.set_cookie(i18n.COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
        return response

    def error(self, request: Request, status: int, exc: DuixianError) -> Response:
        """The coded error as JSON for a ``.json`` path, else the error page (the exception handlers call this)."""
        if request.url.path.endswith(".json"):
            return JSONResponse({"error": exc.as_dict()}, status_code=status)
        return self.page(request, "error.html", status=status, error=exc, status_code=status)

    def require_csrf(self, request: Request, token: str | None) -> None:
        """A browser's form post must carry a token this process issued (``ctx.tokens.issue()`` on the form
        page, sent back as a hidden field); programs, which send no Origin or Sec-Fetch-Site, post without
        one.  The guard has already refused other origins.  Raises BadCsrfTokenError (a 403)."""
        if from_browser({k.lower(): v for k, v in request.headers.items()}) and not self.tokens.valid(token):
            raise BadCsrfTokenError("the form's token is missing or has expired")


def context(request: Request) -> WebContext:
    return request.app.state.ctx  # type: ignore[no-any-return]


Ctx = Annotated[WebContext, Depends(context)]
