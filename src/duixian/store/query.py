"""Reading the corpus: report lists, one report's records, region × year panels, whole tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, Executable, Table, func, or_, select

from duixian.errors import NoSuchReportError
from duixian.store import schema as t

REPORT_COLUMNS = [c for c in t.reports.c if c.name not in ("clean_text", "raw_text")]


def _n_sources() -> Any:
    return (select(func.count()).select_from(t.sources).where(t.sources.c.report_id == t.reports.c.id)
            .correlate(t.reports).scalar_subquery().label("n_sources"))


def list_reports(engine: Engine, *, region: str | None = None, year: int | None = None,
                 level: str | None = None, duplicates: bool = False) -> list[dict[str, Any]]:
    """Stored reports with their number of sources; ``duplicates``: only reports with more than one source
    or whose text another report also holds (two rows stored before migration 0003), each with its
    sources and the ids of the reports of the same text (``same_text``)."""
    n_sources = _n_sources()
    q = select(*REPORT_COLUMNS, n_sources).order_by(t.reports.c.region, t.reports.c.report_year, t.reports.c.id)
    if region:
        q = q.where(or_(t.reports.c.region == region, t.reports.c.region_full.contains(region)))
    if year is not None:
        q = q.where(t.reports.c.report_year == year)
    if level:
        q = q.where(t.reports.c.level == level)
    if duplicates:
        twin = t.reports.alias("twin")
        shared = (select(func.count()).select_from(twin)
                  .where(twin.c.fingerprint == t.reports.c.fingerprint, twin.c.id != t.reports.c.id)
                  .correlate(t.reports).scalar_subquery())
        q = q.where(or_(n_sources > 1, shared > 0))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
        if duplicates:
            for row in rows:
                row["sources"] = _sources(conn, row["id"])
                row["same_text"] = list(conn.execute(
                    select(t.reports.c.id).where(t.reports.c.fingerprint == row["fingerprint"],
                                                 t.reports.c.id != row["id"]).order_by(t.reports.c.id)).scalars())
    return rows


def _sources(conn: Any, report_id: int) -> list[dict[str, Any]]:
    s = t.sources.c
    return [dict(m._mapping) for m in conn.execute(
        select(t.sources).where(s.report_id == report_id).order_by(s.id))]


def sources(engine: Engine, report_id: int) -> list[dict[str, Any]]:
    """Every file (or CSV row) a report was read from, first stored first."""
    with engine.connect() as conn:
        return _sources(conn, report_id)


def levels(engine: Engine) -> list[str]:
    """The administrative levels present in the corpus (for filters)."""
    with engine.connect() as conn:
        q = select(t.reports.c.level).where(t.reports.c.level.is_not(None)).distinct().order_by(t.reports.c.level)
        return list(conn.execute(q).scalars())


def find_report(engine: Engine, ref: str) -> dict[str, Any]:
    """A report by id, by a prefix of its content hash (≥ 6 characters), or by its path, file name or stem —
    its own or any of its sources' (a copy's path or file hash finds the report it is a copy of)."""
    with engine.connect() as conn:
        name = ref.replace("%", "").replace("_", "\\_")
        s = t.sources.c
        cond = [s.path == ref, s.path.endswith("/" + ref, autoescape=True), s.path.like(f"%/{name}.%", escape="\\")]
        if len(ref) >= 6 and all(c in "0123456789abcdef" for c in ref.lower()):
            cond.append(s.sha256.startswith(ref.lower()))
        via_source = select(s.report_id).where(or_(*cond))
        own = [t.reports.c.path == ref, t.reports.c.id.in_(via_source)]
        if ref.isdigit():
            own.append(t.reports.c.id == int(ref))
        if len(ref) >= 6 and all(c in "0123456789abcdef" for c in ref.lower()):
            own.append(t.reports.c.sha256.startswith(ref.lower()))
        rows = conn.execute(select(*REPORT_COLUMNS).where(or_(*own)).limit(2)).all()
    if len(rows) != 1:
        why = "no report matches" if not rows else "several reports match"
        raise NoSuchReportError(f"{why} {ref!r}")
    return dict(rows[0]._mapping)


def records(engine: Engine, report_id: int, kind: str) -> list[dict[str, Any]]:
    table = t.RECORD_TABLES[kind]
    with engine.connect() as conn:
        q = select(table).where(table.c.report_id == report_id).order_by(table.c.span_start, table.c.id)
        return [dict(r._mapping) for r in conn.execute(q)]


def clean_text(engine: Engine, report_id: int) -> str:
    with engine.connect() as conn:
        return conn.execute(select(t.reports.c.clean_text).where(t.reports.c.id == report_id)).scalar_one()


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


def stream_rows(engine: Engine, query: Executable, chunk: int = CHUNK) -> Iterator[dict[str, Any]]:
    """The rows of ``query`` as dicts, fetched ``chunk`` at a time: a server-side cursor on PostgreSQL (psycopg
    would otherwise fetch the whole result into the client first), SQLite's own stepping cursor there. The
    connection stays open until the caller has read every row or closes the generator."""
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=chunk).execute(query).mappings():
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
