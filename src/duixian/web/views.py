"""What each page shows, as plain JSON-able dicts: the HTML page renders them, the `.json` twin returns them."""

from __future__ import annotations

import json
import math
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from duixian.errors import DuixianError, NoSuchReportError
from duixian.extract.metrics import canonical_names
from duixian.store import query
from duixian.store import schema as t
from duixian.store.query import find_report, records
from duixian.web import kpi
from duixian.web.reader import Mark, runs

KINDS = ("targets", "actuals", "pledges", "projects", "glossary")
_FIELDS = {  # the fields shown when a highlight is clicked (besides quote and spans)
    "targets": ("metric", "metric_raw", "kind", "value", "low", "high", "unit", "qualifier", "year"),
    "actuals": ("metric", "metric_raw", "year", "value", "unit", "growth_pct", "rank"),
    "pledges": ("category", "text", "quantities", "deadline", "deadline_raw"),
    "projects": ("name", "investment", "unit", "status"),
    "glossary": ("term", "definition"),
}


# Ids are 64-bit on every backend: a larger number reaching the driver overflows (SQLite raises
# OverflowError, PostgreSQL a DataError) instead of simply matching nothing.
MAX_ID = 2**63 - 1
MAX_REF = 1024  # longer than any id, hash prefix or stored path a visitor could mean
YEARS = (1, 9999)


class BadParameterError(DuixianError):
    code = "BAD_PARAMETER"
    hint = "give the year as digits, e.g. 2023, or leave it empty"


def check_ref(ref: str) -> str:
    """Refuse, as not found, a report reference the store cannot take: `find_report` turns any
    ``str.isdigit()`` reference into an id, and that includes '²', '٣' and numbers past 64 bits."""
    if len(ref) > MAX_REF or "\x00" in ref:
        raise NoSuchReportError(f"no report matches a {len(ref)}-character reference")
    if ref.isdigit() and (not ref.isascii() or int(ref) > MAX_ID):
        raise NoSuchReportError(f"no report matches {ref!r}")
    return ref


def parse_year(value: str | None) -> int | None:
    """A year from a form field: empty means any year; anything else must be ASCII digits within YEARS."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    if not (v.isascii() and v.isdigit() and len(v) <= 4 and YEARS[0] <= int(v) <= YEARS[1]):
        raise BadParameterError(f"year {v[:20]!r} is not a year")
    return int(v)


def region_name(r: dict[str, Any]) -> str | None:
    return r.get("region") or r.get("region_full")


OVERVIEW_REGIONS = 100  # regions per page of the home grid: a page renders in milliseconds at any corpus size
REPORTS_PER_PAGE = 50
MAX_PAGE = 1_000_000  # bounds the offset the store is given (a page past the end is empty)
UNKNOWN_REGION = "未知地区"


def pages(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


def overview(engine: Engine, page: int = 1, per_page: int | None = None) -> dict[str, Any]:
    """One page of the region × year grid (regions in name order) and the corpus totals.

    Only the page's regions are read, from the store's overview index (``query.overview``), and the totals
    come from the counts each report row keeps, so the page costs the same at 100 and at 60,000 reports.
    ``years`` are the years the page's regions have reports for."""
    per_page = per_page or OVERVIEW_REGIONS
    grid = query.overview(engine, limit=per_page, offset=(page - 1) * per_page)
    ids = [c["id"] for r in grid.rows for cs in r["cells"].values() for c in cs]
    with engine.connect() as conn:
        # the cells' paths (kept in /index.json) and which plans have stored verdicts: primary-key and
        # index lookups of the page's reports only
        paths = dict(conn.execute(select(t.reports.c.id, t.reports.c.path).where(t.reports.c.id.in_(ids))).all())
        rated = set(conn.execute(select(t.verdicts.c.plan_report_id).where(t.verdicts.c.plan_report_id.in_(ids))
                                 .distinct()).scalars())
    years = sorted({y for r in grid.rows for y in r["cells"] if y})
    rows = []
    for r in grid.rows:
        cells = {y: [{**c, "path": paths.get(c["id"])} for c in cs] for y, cs in r["cells"].items()}
        reviews = set(r["review_years"])
        rows.append({"region": r["region"] or UNKNOWN_REGION, "region_full": r["region_full"], "level": r["level"],
                     "cells": {str(y): cells.get(y, []) for y in years},
                     "trackable": [y for y in years if y in cells and y in reviews],
                     "tracked": [y for y in years if any(c["id"] in rated for c in cells.get(y, []))]})
    return {"years": years, "regions": rows, "totals": query.totals(engine), "page": page, "pages": pages(grid.total, per_page),
            "per_page": per_page, "regions_total": grid.total}


def reports(engine: Engine, region: str | None, year: int | None, level: str | None, page: int = 1,
            per_page: int | None = None) -> dict[str, Any]:
    """One page of the filtered report list, with how many reports the filters match."""
    per_page = per_page or REPORTS_PER_PAGE
    got = query.report_page(engine, region=region or None, year=year, level=level or None, limit=per_page,
                            offset=(page - 1) * per_page)
    return {"filters": {"region": region, "year": year, "level": level}, "levels": query.levels(engine),
            "reports": got.rows, "total": got.total, "page": page, "pages": pages(got.total, per_page),
            "per_page": per_page}


def heading(number: str | None, title: str | None) -> str | None:
    """A section heading as the report prints it: its number and its title."""
    return " ".join(x for x in (number, title) if x) or None


def record_json(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    out = {"record_id": row["record_id"], "quote": row["quote"], "span": [row["span_start"], row["span_end"]],
           "raw_span": [row["raw_start"], row["raw_end"]], "section": row["section"]}
    for f in _FIELDS[kind]:
        v = row.get(f)
        out[f] = json.loads(v) if f == "quantities" and v else v
    return out


def find(engine: Engine, ref: str) -> dict[str, Any]:
    """The stored report a reference names (its row without the texts)."""
    return find_report(engine, check_ref(ref))


def report(engine: Engine, ref: str, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The reader's data: metadata, outline, every record and the clean text."""
    meta = meta or find(engine, ref)
    rid = meta["id"]
    with engine.connect() as conn:
        text = conn.execute(select(t.reports.c.clean_text).where(t.reports.c.id == rid)).scalar_one()
        secs = [dict(r._mapping) for r in conn.execute(
            select(t.sections).where(t.sections.c.report_id == rid).order_by(t.sections.c.span_start))]
        sources = publications(conn, rid)
    recs = {k: [record_json(k, r) for r in records(engine, rid, k)] for k in KINDS}
    outline = [{"id": s["section_id"], "number": s["number"], "title": s["title"], "role": s["role"],
                "level": s["level"], "span": [s["span_start"], s["span_end"]]} for s in secs]
    return {"report": meta, "sources": sources, "outline": outline, "records": recs, "text": text}


def publications(conn: Connection, report_id: int) -> list[dict[str, Any]]:
    """Where the report's text was published, as its inputs said (a CSV's url, date and title columns); no
    local paths: these are shown to visitors.  Sources with a web address first."""
    s = t.sources.c
    rows = conn.execute(select(s.url, s.publish_date, s.title, s.format).where(s.report_id == report_id)
                        .order_by(s.url.is_(None), s.id)).all()
    return [dict(r._mapping) for r in rows]


def with_publications(engine: Engine, card: dict[str, Any]) -> dict[str, Any]:
    """A stored 成绩单 with each report's web address and publication date added to its ``source``."""
    out = dict(card)
    with engine.connect() as conn:
        for side in ("plan", "review"):
            pub = next((p for p in publications(conn, card[side]["report_id"]) if p["url"]), None)
            if pub:
                out[side] = {**card[side], "source": {**card[side]["source"], "url": pub["url"],
                                                      "publish_date": pub["publish_date"]}}
    return out


def reader(data: dict[str, Any]) -> dict[str, Any]:
    """Runs of the text, the records by page id (for the click panel) and glossary definitions (for hover)."""
    # "_kind" is the record's table; a target's own "kind" (growth, level …) is one of its fields
    titles = {s["id"]: heading(s["number"], s["title"]) for s in data["outline"]}
    recmap = {f"{k}-{i}": {"_kind": k, **r, "section_title": titles.get(r["section"])}
              for k in KINDS for i, r in enumerate(data["records"][k])}
    marks = [Mark(rid, r["_kind"], r["span"][0], r["span"][1]) for rid, r in recmap.items()]
    anchors: dict[int, str] = {}
    for s in data["outline"]:
        anchors.setdefault(s["span"][0], f"sec-{s['id']}")
    glosses = {rid: f"{r['term']}：{r['definition']}" for rid, r in recmap.items() if r["_kind"] == "glossary"}
    return {"runs": runs(data["text"], marks, anchors), "recmap": recmap, "glosses": glosses}


def _number(kind: str, row: dict[str, Any], pct: bool) -> tuple[float | None, str | None]:
    """A target or actual as one comparable number: in percent (growth or a rate) when ``pct``, else its level."""
    if kind == "target":
        v = row["value"]
        if v is None and row["low"] is not None and row["high"] is not None:
            v = (row["low"] + row["high"]) / 2
        ok = (row["unit"] == "%") == pct
        return (v, row["unit"]) if ok else (None, None)
    if pct:
        if row["growth_pct"] is not None:
            return row["growth_pct"], "%"
        return (row["value"], "%") if row["unit"] == "%" else (None, None)
    return (row["value"], row["unit"]) if row["growth_pct"] is None or row["value"] is not None else (None, None)


def region(engine: Engine, name: str) -> dict[str, Any] | None:
    """A region's page: its own reports (not those of the places inside it, which are listed as ``inside``:
    a province's figures are the province's), metrics over the years, pledges. None when the name is
    neither a stored region nor contains one."""
    reps = query.region_reports(engine, name)
    levels = {r["level"] for r in reps}
    # districts and counties contain no other region: only a larger (or unknown) level is looked inside
    inside = query.places_inside(engine, name) if not reps or levels - {"district", "county"} else []
    if not reps and not inside:
        return None
    ids = [r["id"] for r in reps]
    canon = set(canonical_names())
    by_metric: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for kind, table in (("target", t.targets), ("actual", t.actuals)):
            rows = conn.execute(
                select(table, t.reports.c.doc_type).join(t.reports, t.reports.c.id == table.c.report_id)
                .where(table.c.report_id.in_(ids), table.c.metric.in_(canon))
                .order_by(table.c.year, t.reports.c.doc_type != "report", table.c.span_start)).all()
            for r in rows:
                m = dict(r._mapping)
                if m["year"] is not None:
                    by_metric.setdefault(m["metric"], {"metric": m["metric"], "raw": []})["raw"].append((kind, m))
        pledge_rows = conn.execute(
            select(t.reports.c.report_year, t.pledges.c.category, func.count())
            .join(t.reports, t.reports.c.id == t.pledges.c.report_id)
            .where(t.pledges.c.report_id.in_(ids)).group_by(t.reports.c.report_year, t.pledges.c.category)).all()
        verdict_rows = conn.execute(
            select(t.reports.c.report_year, t.verdicts.c.status, func.count())
            .join(t.reports, t.reports.c.id == t.verdicts.c.plan_report_id)
            .where(t.verdicts.c.plan_report_id.in_(ids)).group_by(t.reports.c.report_year, t.verdicts.c.status)).all()
    metrics = []
    for slot in by_metric.values():
        # one scale per chart: percent when the metric is planned or reported as a rate, else its level
        pct = any((k == "target" and m["unit"] == "%") or (k == "actual" and m["growth_pct"] is not None)
                  for k, m in slot["raw"])
        years: dict[int, dict[str, Any]] = {}
        unit_seen: str | None = None
        for kind, m in slot["raw"]:
            v, unit = _number(kind, m, pct)
            if v is None or (unit_seen is not None and unit != unit_seen):
                continue
            unit_seen = unit
            years.setdefault(m["year"], {}).setdefault(kind, {
                "value": v, "unit": unit, "quote": m["quote"], "report_id": m["report_id"],
                "record_id": m["record_id"], "qualifier": m.get("qualifier")})
        rows = []
        for y in sorted(years):
            tg, ac = years[y].get("target"), years[y].get("actual")
            gap = round(ac["value"] - tg["value"], 2) if tg and ac else None
            rows.append({"year": y, "target": tg, "actual": ac, "gap": gap})  # type: ignore[arg-type]  # a new list
        if rows:
            metrics.append({"metric": slot["metric"], "unit": unit_seen, "rows": rows})
    # GDP first, as every Chinese dashboard opens with it; then the metrics with the longest series
    metrics.sort(key=lambda m: (m["metric"] != "地区生产总值", -len(m["rows"]), m["metric"]))
    pledges: dict[int, dict[str, Any]] = {}
    for y, cat, n in pledge_rows:
        p = pledges.setdefault(y, {"year": y, "total": 0, "by_category": {}, "by_status": {}})
        p["total"] += n
        p["by_category"][cat or "其他"] = n
    for y, status, n in verdict_rows:
        pledges.setdefault(y, {"year": y, "total": 0, "by_category": {}, "by_status": {}})["by_status"][status] = n
    first = reps[0] if reps else {}
    return {"region": name, "region_full": first.get("region_full"), "admin_code": first.get("admin_code"),
            "level": first.get("level"), "reports": reps, "inside": inside, "metrics": metrics,
            "pledges": [pledges[y] for y in sorted(pledges)],
            "kpis": kpi.cards({k: v["raw"] for k, v in by_metric.items()}),
            "pledge_kpi": kpi.pledge_card([pledges[y] for y in sorted(pledges)])}
