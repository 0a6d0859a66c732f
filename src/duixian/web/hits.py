"""The search page's data: a page of ranked passages under their section headings, the hit count, facets
(region, year, document type) and paging.

The store's search grew filters, a total and facets (store/search.py's ``Hits``) after this page was
written; the page asks for them only when the store's ``search`` takes them, so it works with either and
shows the count and the facets once they are there.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select

from duixian.store import schema as t
from duixian.store.query import REPORT_COLUMNS
from duixian.store.search import search
from duixian.web.views import heading

FILTERS = ("region", "year", "kind")
HAS_FILTERS = all(f in inspect.signature(search).parameters for f in (*FILTERS, "offset"))
MAX_PAGE = 500  # deeper than any ranked window the store keeps (its pages past that come back empty)


def _pieces(snippet: str, highlights: tuple[tuple[int, int], ...]) -> list[list[Any]]:
    pieces: list[list[Any]] = []
    pos = 0
    for a, b in highlights:
        pieces += [[snippet[pos:a], False], [snippet[a:b], True]]
        pos = b
    pieces.append([snippet[pos:], False])
    return [p for p in pieces if p[0]]


def search_page(engine: Engine, q: str, limit: int, *, page: int = 1, region: str | None = None,
                year: int | None = None, kind: str | None = None) -> dict[str, Any]:
    filters = {"region": region or None, "year": year, "kind": kind or None}
    out: dict[str, Any] = {"query": q, "hits": [], "filters": filters, "page": page, "limit": limit,
                           "total": None, "total_capped": False, "pages": None, "facets": {}, "facets_of": None}
    if not q.strip():
        return out
    with engine.connect() as conn:
        if HAS_FILTERS:
            # typed loosely: these keywords exist only in the newer store (checked by HAS_FILTERS above)
            run: Callable[..., Any] = search
            hits = run(conn, q, limit=limit, offset=(page - 1) * limit, **filters)
        else:
            hits = search(conn, q, limit=limit)
        ids = {h.report_id for h in hits}
        meta = {r.id: dict(r._mapping) for r in conn.execute(select(*REPORT_COLUMNS).where(t.reports.c.id.in_(ids)))}
        sc = t.sections.c
        titles = {(r.report_id, r.section_id): heading(r.number, r.title) for r in conn.execute(
            select(sc.report_id, sc.section_id, sc.number, sc.title).where(sc.report_id.in_(ids)))}
    for h in hits:
        m = meta[h.report_id]
        out["hits"].append({
            "report_id": h.report_id, "region": m["region"], "report_year": m["report_year"],
            "doc_type": m["doc_type"], "title": m["title"], "sha256": m["sha256"], "section": h.section,
            "section_title": titles.get((h.report_id, h.section)), "span": list(h.span), "score": h.score,
            "snippet": h.snippet, "highlights": [list(x) for x in h.highlights],
            "pieces": _pieces(h.snippet, h.highlights)})
    out["note"] = getattr(hits, "note", None)  # how an oversized query was cut
    total = getattr(hits, "total", None)
    if total is not None:
        # the store ranks a window of matches; pages past it come back empty, so they are not offered
        reachable = min(total, max(getattr(hits, "ranked", total), len(hits)))
        out.update(total=total, total_capped=bool(getattr(hits, "total_capped", False)),
                   pages=min(MAX_PAGE, max(1, math.ceil(reachable / limit))))
        out["facets"] = {k: [{"value": v, "count": n} for v, n in getattr(hits, "facets", {}).get(k, [])]
                         for k in FILTERS}
        out["facets_of"] = getattr(hits, "facets_of", None)
    return out
