"""Reading the corpus: report lists, one report's records, region × year panels, whole tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Executable, Table, Text, func, literal, or_, select, text, union_all

from duixian.errors import NoSuchReportError
from duixian.store import schema as t

TEXT_COLUMNS = ("clean_text", "raw_z")  # a report's texts: read one report at a time, never in lists
REPORT_COLUMNS = [c for c in t.reports.c if c.name not in TEXT_COLUMNS]


def _n_sources() -> Any:
    return (select(func.count()).select_from(t.sources).where(t.sources.c.report_id == t.reports.c.id)
            .correlate(t.reports).scalar_subquery().label("n_sources"))


def region_sql(alias: str, params: dict[str, Any], region: str) -> str:
    """SQL (for text() queries) true when report ``alias`` is of ``region``: its short or full name or its
    admin code, or a place inside it (周口市 finds 河南省周口市川汇区). Fills ``params``. The exact names go
    through indexes; the "inside" test scans the small place index (ix_reports_place), never the table."""
    params["region_x"] = region
    params["region_in"] = "%" + region.replace("\\", "").replace("%", "").replace("_", "") + "%"
    return (f"{alias}.id IN (SELECT id FROM reports WHERE region = :region_x OR region_full = :region_x "
            "OR admin_code = :region_x OR region_full LIKE :region_in)")


def region_clause(region: str) -> Any:
    """``region_sql`` as a SQLAlchemy clause on ``reports`` (for select() queries)."""
    r = t.reports.alias("place")
    inside = "%" + region.replace("\\", "").replace("%", "").replace("_", "") + "%"
    return t.reports.c.id.in_(select(r.c.id).where(or_(r.c.region == region, r.c.region_full == region,
                                                        r.c.admin_code == region, r.c.region_full.like(inside))))


@dataclass(frozen=True)
class Page:
    """One page of a longer list: its rows, how many there are in all, and where the page starts."""

    rows: list[dict[str, Any]]
    total: int
    offset: int = 0
    limit: int | None = None


def _report_filters(q: Any, region: str | None, year: int | None, level: str | None, kind: str | None) -> Any:
    if region:
        q = q.where(region_clause(region))
    if year is not None:
        q = q.where(t.reports.c.report_year == year)
    if level:
        q = q.where(t.reports.c.level == level)
    if kind:
        q = q.where(t.reports.c.doc_type == kind)
    return q


def list_reports(engine: Engine, *, region: str | None = None, year: int | None = None,
                 level: str | None = None, duplicates: bool = False, kind: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stored reports with their number of sources, ordered by region, year and id; ``duplicates``: only
    reports with more than one source or whose text another report also holds (two rows stored before
    migration 0003), each with its sources and the ids of the reports of the same text (``same_text``).
    ``limit``/``offset``: one page (report_page also gives the total)."""
    return report_page(engine, region=region, year=year, level=level, duplicates=duplicates, kind=kind,
                       limit=limit, offset=offset, count=False).rows


def report_page(engine: Engine, *, region: str | None = None, year: int | None = None, level: str | None = None,
                duplicates: bool = False, kind: str | None = None, limit: int | None = 50, offset: int = 0,
                count: bool = True) -> Page:
    """``list_reports`` one page at a time, with the number of reports the filters match (``Page.total``;
    -1 when ``count`` is false). Only the page's rows are read: the order is the (region, report_year)
    index's, so a page costs the same at 100 reports and at 60,000."""
    n_sources = _n_sources()
    q = select(*REPORT_COLUMNS, n_sources).order_by(t.reports.c.region, t.reports.c.report_year, t.reports.c.id)
    q = _report_filters(q, region, year, level, kind)
    if duplicates:
        twin = t.reports.alias("twin")
        shared = (select(func.count()).select_from(twin)
                  .where(twin.c.fingerprint == t.reports.c.fingerprint, twin.c.id != t.reports.c.id)
                  .correlate(t.reports).scalar_subquery())
        q = q.where(or_(n_sources > 1, shared > 0))
    with engine.connect() as conn:
        total = -1
        if count:
            total = conn.execute(select(func.count()).select_from(q.with_only_columns(t.reports.c.id).order_by(None)
                                                                  .subquery())).scalar_one()
        if limit is not None:
            q = q.limit(limit).offset(max(0, offset))
        elif offset:
            q = q.offset(offset)
        rows = [dict(r._mapping) for r in conn.execute(q)]
        if duplicates:
            for row in rows:
                row["sources"] = _sources(conn, row["id"])
                row["same_text"] = list(conn.execute(
                    select(t.reports.c.id).where(t.reports.c.fingerprint == row["fingerprint"],
                                                 t.reports.c.id != row["id"]).order_by(t.reports.c.id)).scalars())
    return Page(rows, total, max(0, offset), limit)


def overview(engine: Engine, *, level: str | None = None, limit: int | None = None, offset: int = 0) -> Page:
    """The corpus by region × year, aggregated by the database from the ix_reports_overview index (the
    table's rows, which hold the texts, are not read): one row per region (its short name, else its full
    name, else None), ordered by name, with ``cells``: report year → [{"id", "doc_type"}] and
    ``review_years`` (of its reports of doc_type "report"). ``Page.total`` is the number of regions;
    ``limit``/``offset`` page them. What the web overview needs, without list_reports' every column."""
    r = t.reports.c
    name = func.coalesce(r.region, r.region_full)
    where = [r.level == level] if level else []
    with engine.connect() as conn:
        # the distinct names (None among them) read off the overview index in its order: 0.5 ms at 10,000
        # reports, where count(DISTINCT …) sorted them from the place index (2–6 ms)
        n_regions = conn.execute(select(func.count()).select_from(select(name).where(*where).distinct()
                                                                    .subquery())).scalar_one()
        names_q = select(name).where(*where).group_by(name).order_by(name)
        if limit is not None:
            names_q = names_q.limit(limit).offset(max(0, offset))
        names = list(conn.execute(names_q).scalars())
        known = [n for n in names if n is not None]
        cond = or_(name.in_(known), name.is_(None)) if None in names else name.in_(known)
        rows: dict[Any, dict[str, Any]] = {}
        if names:
            q = (select(name.label("name"), r.region_full, r.level, r.report_year, r.review_year, r.doc_type, r.id)
                 .where(*where, cond).order_by(name, r.report_year, r.id))
            for m in conn.execute(q).mappings():
                reg = rows.setdefault(m["name"], {"region": m["name"], "region_full": m["region_full"],
                                                  "level": m["level"], "cells": {}, "review_years": []})
                reg["cells"].setdefault(m["report_year"], []).append({"id": m["id"], "doc_type": m["doc_type"]})
                if m["doc_type"] == "report" and m["review_year"] is not None:
                    reg["review_years"].append(m["review_year"])
    return Page([rows[n] for n in names if n in rows], n_regions, max(0, offset), limit)


def region_reports(engine: Engine, name: str) -> list[dict[str, Any]]:
    """The reports of one region, by the name the overview shows for it (its short name, else its full
    name: the ix_reports_overview key), else by its full name or admin code; in year order, with their
    number of sources, as ``list_reports`` gives them. Unlike the ``region`` filter, never the places inside
    it: a province's page is the province's reports, not its counties' (``places_inside`` names those)."""
    r, place = t.reports.c, t.reports.alias("place").c
    q = select(*REPORT_COLUMNS, _n_sources()).order_by(r.report_year, r.id)
    with engine.connect() as conn:
        for cond in (func.coalesce(r.region, r.region_full) == name, r.region_full == name,
                     # admin_code has no index of its own: the place index is scanned (small), never the table
                     r.id.in_(select(place.id).where(place.admin_code == name))):
            rows = [dict(m._mapping) for m in conn.execute(q.where(cond))]
            if rows:
                return rows
    return []


def places_inside(engine: Engine, name: str, limit: int = 500) -> list[str]:
    """The overview names of the regions whose full name contains ``name`` (a province's or a city's
    districts and counties), sorted, at most ``limit``; ``name``'s own reports excluded. From the place
    index alone."""
    if not name:
        return []
    inside = "%" + name.replace("\\", "").replace("%", "").replace("_", "") + "%"
    r = t.reports.c
    q = select(r.region, r.region_full).where(r.region_full.like(inside)).distinct()
    with engine.connect() as conn:
        names = {a or b for a, b in conn.execute(q)}
    names.discard(name)
    return sorted(n for n in names if n)[:limit]


def totals(engine: Engine) -> dict[str, int]:
    """Reports, their records by kind (from the counts each report row keeps, so no record table is
    scanned), sources and verdicts."""
    r = t.reports.c
    with engine.connect() as conn:
        row = conn.execute(select(func.count(), *(func.coalesce(func.sum(getattr(r, f"n_{k}")), 0)
                                                  for k in t.RECORD_TABLES))).one()
        out = {"reports": row[0], **{k: int(v) for k, v in zip(t.RECORD_TABLES, row[1:], strict=True)}}
        out["sources"] = conn.execute(select(func.count()).select_from(t.sources)).scalar_one()
        out["verdicts"] = conn.execute(select(func.count()).select_from(t.verdicts)).scalar_one()
    return out


def _sources(conn: Any, report_id: int) -> list[dict[str, Any]]:
    s = t.sources.c
    return [dict(m._mapping) for m in conn.execute(
        select(t.sources).where(s.report_id == report_id).order_by(s.id))]


def sources(engine: Engine, report_id: int) -> list[dict[str, Any]]:
    """Every file (or CSV row) a report was read from, first stored first."""
    with engine.connect() as conn:
        return _sources(conn, report_id)


# The distinct levels as a skip scan of ix_reports_level: the smallest level, then the smallest greater than
# it, … — one index lookup per level present (a handful), where SELECT DISTINCT read every report's entry of
# an index (16 ms at 60,000 reports, on every overview page). min() skips NULL; both backends answer a
# min() over an indexed column from the index's edge.
_LEVELS = text(
    "WITH RECURSIVE lv(level) AS ("
    " SELECT min(level) FROM reports"
    " UNION ALL"
    " SELECT (SELECT min(r.level) FROM reports r WHERE r.level > lv.level) FROM lv WHERE lv.level IS NOT NULL)"
    " SELECT level FROM lv WHERE level IS NOT NULL ORDER BY level")


def levels(engine: Engine) -> list[str]:
    """The administrative levels present in the corpus, sorted (for filters)."""
    with engine.connect() as conn:
        return list(conn.execute(_LEVELS).scalars())


def _hex_range(col: Any, prefix: str) -> Any:
    # a prefix as a range, which uses the column's index (LIKE 'abc%' does not, on SQLite)
    return (col >= prefix) & (col < prefix + "g")


def find_report(engine: Engine, ref: str) -> dict[str, Any]:
    """A report by id, by a prefix of its content hash (≥ 6 characters), or by its path, file name or stem —
    its own or any of its sources' (a copy's path or file hash finds the report it is a copy of).

    One query, and every part of it an index lookup (the id is the primary key; sources.path, sources.name,
    reports.path and the hashes are indexed), so finding a report costs the same at any corpus size."""
    s, r = t.sources.c, t.reports.c
    none = literal(None, Text)
    ways: list[Any] = [select(r.id.label("rid"), none.label("tail")).where(r.path == ref),
                       select(s.report_id, none).where(s.path == ref)]
    if ref.isdigit():
        ways.append(select(r.id, none).where(r.id == int(ref)))
    base = ref.replace("\\", "/").rsplit("/", 1)[-1]
    if base:
        # a file name, a stem (the name starts with "base."; '.' + 1 is '/', so the range is exactly that),
        # or a path's tail ("raw/007_x.txt", "raw/007_x"): candidates by the indexed name, the tail checked below
        ways.append(select(s.report_id, s.path).where(
            or_(s.name == base, (s.name >= base + ".") & (s.name < base + "/"))).limit(200))
    low = ref.lower()
    if len(ref) >= 6 and all(c in "0123456789abcdef" for c in low):
        ways.append(select(s.report_id, none).where(_hex_range(s.sha256, low)).limit(3))
        ways.append(select(r.id, none).where(_hex_range(r.sha256, low)).limit(3))
    found = union_all(*(w.subquery().select() for w in ways)).subquery()
    q = select(*REPORT_COLUMNS, found.c.tail).join(found, found.c.rid == r.id).limit(400)
    tail = re.compile("(^|/)" + re.escape(ref.replace("\\", "/")) + r"(\.[^/]*)?$")
    rows: dict[int, Any] = {}
    with engine.connect() as conn:
        for row in conn.execute(q):
            if row.tail is None or tail.search(row.tail.replace("\\", "/")):
                rows.setdefault(row.id, row)
    if len(rows) != 1:
        why = "no report matches" if not rows else "several reports match"
        raise NoSuchReportError(f"{why} {ref!r}")
    m = dict(next(iter(rows.values()))._mapping)
    m.pop("tail", None)
    return m


def records(engine: Engine, report_id: int, kind: str) -> list[dict[str, Any]]:
    table = t.RECORD_TABLES[kind]
    with engine.connect() as conn:
        q = select(table).where(table.c.report_id == report_id).order_by(table.c.span_start, table.c.id)
        return [dict(r._mapping) for r in conn.execute(q)]


def clean_text(engine: Engine, report_id: int) -> str:
    with engine.connect() as conn:
        return conn.execute(select(t.reports.c.clean_text).where(t.reports.c.id == report_id)).scalar_one()


def texts(engine: Engine, report_id: int) -> tuple[str, str]:
    """A report's clean text and raw text (stored compressed against the clean text: store/rawpack.py)."""
    import zlib

    from duixian.errors import SourceChangedError
    from duixian.store.rawpack import unpack

    with engine.connect() as conn:
        clean, raw_z, path = conn.execute(select(t.reports.c.clean_text, t.reports.c.raw_z, t.reports.c.path)
                                          .where(t.reports.c.id == report_id)).one()
    try:
        return clean, unpack(raw_z, clean)
    except (zlib.error, ValueError, TypeError) as exc:
        # the raw text was deflated against the clean text stored with it: a clean text changed by hand (or a
        # damaged row) no longer opens it, and the records' spans no longer point where they did either
        raise SourceChangedError(f"report {report_id}: the stored raw text does not open against the stored clean "
                                 f"text ({exc}); the row was changed outside duixian", path=path) from exc


def panel(engine: Engine, metric: str, kind: str = "actual") -> list[dict[str, Any]]:
    """One row per region-year: the metric's value and growth (actuals) or target (targets).

    When a region-year has several reports (a report and a news summary of it), the report wins,
    then the earliest stored."""
    table = t.actuals if kind == "actual" else t.targets
    year_col = table.c.year
    cols = [table.c.value, table.c.unit]
    cols += [table.c.growth_pct, table.c.rank] if kind == "actual" else [table.c.kind, table.c.low, table.c.high, table.c.qualifier]
    q = (
        select(t.reports.c.region, t.reports.c.region_full, t.reports.c.admin_code, t.reports.c.level,
               year_col.label("year"), *cols, table.c.quote, t.reports.c.id.label("report_id"), t.reports.c.doc_type)
        .join(t.reports, t.reports.c.id == table.c.report_id)
        .where(table.c.metric == metric)
        .order_by(t.reports.c.region, year_col, (t.reports.c.doc_type != "report"), t.reports.c.id, table.c.span_start)
    )
    out: dict[tuple, dict[str, Any]] = {}
    with engine.connect() as conn:
        for r in conn.execute(q):
            m = dict(r._mapping)
            out.setdefault((m["region_full"] or m["region"], m["year"]), m)
    return list(out.values())


CHUNK = 2000  # rows fetched at a time by stream_rows


def stream_rows(engine: Engine, query: Executable, chunk: int | None = None) -> Iterator[dict[str, Any]]:
    """The rows of ``query`` as dicts, fetched ``chunk`` at a time: a server-side cursor on PostgreSQL (psycopg
    would otherwise fetch the whole result into the client first), SQLite's own stepping cursor there. The
    connection stays open until the caller has read every row or closes the generator."""
    with engine.connect() as conn:
        for row in conn.execute(query.execution_options(yield_per=chunk or CHUNK)).mappings():
            yield dict(row)


def table_rows(engine: Engine, table: Table, *, with_report: bool = True) -> Iterator[dict[str, Any]]:
    """All rows of a table, record tables joined to their report's region and years (for export), streamed."""
    if table is t.reports:
        q = select(*REPORT_COLUMNS).order_by(t.reports.c.id)
    elif with_report and "report_id" in table.c:
        q = (
            select(t.reports.c.region, t.reports.c.admin_code, t.reports.c.report_year, table)
            .join(t.reports, t.reports.c.id == table.c.report_id)
            .order_by(table.c.report_id, *( [table.c.span_start] if "span_start" in table.c else []), table.c.id)
        )
    else:
        q = select(table).order_by(table.c.id)
    return stream_rows(engine, q)


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        out = {"reports": conn.execute(select(func.count()).select_from(t.reports)).scalar_one(),
               "sources": conn.execute(select(func.count()).select_from(t.sources)).scalar_one()}
        for name, table in t.RECORD_TABLES.items():
            out[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        return out
