"""Every route, fed numeric edge cases in every path and query parameter, answers 4xx — never a 500.

The routes come from the app's own route table, so a route added later is fuzzed too.  A parameter that
is a number (an int annotation, a report id, a year, a limit) must be refused with a 4xx; a free-text
one (a region name, a search query) may legitimately answer 200, but never 5xx.
"""

from __future__ import annotations

import inspect
from typing import Any, get_args
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount
from tests.webcorpus import build

from duixian.web import create_app
from duixian.web.upload import UploadLimits

EDGES = ["²", "٣", "１２", "99999999999999999999", "-99999999999999999999", "9" * 5000, "-1", "0", "1.5",
         "1e309", "NaN", "inf", "0x10", "1_0000", ""]
NUMERIC_NAMES = {"ref", "year", "limit"}  # ids and counts, whatever their annotation (the /reports form takes a str)
BENIGN = {"ref": "1", "year": "2023", "region": "川汇区", "name": "川汇区", "q": "安置房", "limit": "5"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    engine = build(tmp_path_factory.mktemp("numeric"))
    return create_app(engine, allow_upload=True, upload_dir=tmp_path_factory.mktemp("up"),
                      limits=UploadLimits(max_bytes=100_000))


def _is_int(annotation: Any) -> bool:
    return annotation is int or int in get_args(annotation) or any(_is_int(a) for a in get_args(annotation))


def _routes(app) -> list[Any]:
    """Every route, also those of included routers: since FastAPI 0.16x ``include_router`` keeps a router as
    one entry of ``app.routes`` instead of copying its routes in."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI copied them into app.routes
        return list(app.routes)
    return [rc.original_route for rc in iter_route_contexts(app.routes)]


def _cases(app) -> list[tuple[str, str, bool]]:
    """(url, edge, must be 4xx) for each GET route × parameter × edge value."""
    out: list[tuple[str, str, bool]] = []
    for route in _routes(app):
        if isinstance(route, Mount):
            out += [(f"{route.path}/{quote(e, safe='')}", e, bool(e)) for e in EDGES]
            continue
        if not isinstance(route, APIRoute) or "GET" not in route.methods:
            continue
        sig = inspect.signature(route.endpoint)
        path_params = [p.name for p in route.dependant.path_params]
        query_params = [p.name for p in route.dependant.query_params]

        def numeric(name: str, sig: inspect.Signature = sig) -> bool:
            return name in NUMERIC_NAMES or _is_int(sig.parameters[name].annotation)

        def url(values: dict[str, str], route: APIRoute = route, path_params: list[str] = path_params) -> str:
            path = route.path
            for p in path_params:
                path = path.replace("{" + p + "}", quote(values.get(p, BENIGN.get(p, "x")), safe=""))
            return path

        for e in EDGES:
            for p in path_params:
                out.append((url({p: e}), e, numeric(p) and bool(e)))
            for q in query_params:
                # an empty year/limit is "not given" on the HTML form: it may answer 200, never 5xx
                out.append((f"{url({})}?{q}={quote(e, safe='')}", e, numeric(q) and bool(e.strip())))
    return out


def test_route_table_is_covered(app) -> None:
    urls = {u.split("?")[0] for u, _, _ in _cases(app)}
    for must in ("/reports/²", "/reports/².json", "/track/川汇区/²", "/track/川汇区/².json"):
        assert quote(must, safe="/") in urls or must in urls, must
    assert any("year=" in u for u, _, _ in _cases(app)) and any("limit=" in u for u, _, _ in _cases(app))


def test_numeric_edge_cases_never_500(app) -> None:
    client = TestClient(app, raise_server_exceptions=False)
    bad = []
    for u, edge, strict in _cases(app):
        r = client.get(u, follow_redirects=False)
        ok = 400 <= r.status_code < 500 if strict else r.status_code < 500
        if not ok:
            bad.append((r.status_code, u[:80], edge[:20]))
    assert not bad, bad


def test_ids_the_store_cannot_hold_are_not_found(app) -> None:
    """The reader's answer for an impossible id is the ordinary 404 with its error code, not a validation dump."""
    client = TestClient(app, raise_server_exceptions=False)
    for ref in ("²", "99999999999999999999", "9" * 5000, "1\x00"):
        r = client.get(f"/reports/{quote(ref, safe='')}.json")
        assert r.status_code == 404 and r.json()["error"]["code"] == "NO_SUCH_REPORT", (ref[:20], r.text[:200])
    page = client.get("/reports?year=%C2%B2")
    assert page.status_code == 400 and "BAD_PARAMETER" in page.text
    assert client.get("/reports?year=").status_code == 200  # the empty form field still means "any year"
