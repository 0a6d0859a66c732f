"""Writing one report: every row of it in one transaction, or nothing."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Connection, Engine, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from duixian.errors import StoreError
from duixian.store import schema as t
from duixian.store.rows import ReportRows
from duixian.store.search import index_passages, unindex_report


def stored_hashes(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(t.reports.c.sha256)).scalars())


def region_key(report: dict) -> str:
    return report.get("admin_code") or report.get("region_full") or report.get("region") or "?"


def _region_year(conn: Connection, report: dict) -> int | None:
    year = report.get("report_year")
    if not report.get("region") or year is None:
        return None
    key = region_key(report)
    found = conn.execute(
        select(t.region_years.c.id).where(t.region_years.c.region_key == key, t.region_years.c.year == year)
    ).scalar()
    if found is not None:
        return found
    return conn.execute(
        insert(t.region_years).values(
            region_key=key, region=report["region"], region_full=report.get("region_full"),
            admin_code=report.get("admin_code"), level=report.get("level"), year=year,
        )
    ).inserted_primary_key[0]


def delete_report(conn: Connection, report_id: int) -> None:
    unindex_report(conn, report_id)
    # explicit deletes, not ON DELETE CASCADE: they do not depend on the foreign_keys pragma of whichever
    # connection opened a SQLite file, and the FTS rows (no foreign key) go in the same transaction above
    for table in (*t.RECORD_TABLES.values(), t.sections, t.passages):
        conn.execute(delete(table).where(table.c.report_id == report_id))
    conn.execute(delete(t.verdicts).where((t.verdicts.c.plan_report_id == report_id) | (t.verdicts.c.review_report_id == report_id)))
    conn.execute(delete(t.reports).where(t.reports.c.id == report_id))


def store_report(engine: Engine, rows: ReportRows, *, force: bool = False) -> str:
    """'stored', 'replaced' (force) or 'unchanged' (same content already stored)."""
    try:
        with engine.begin() as conn:
            sha = rows.report["sha256"]
            old = conn.execute(select(t.reports.c.id).where(t.reports.c.sha256 == sha)).scalar()
            if old is not None and not force:
                return "unchanged"
            if old is not None:
                delete_report(conn, old)
            report = dict(rows.report)
            report["region_year_id"] = _region_year(conn, report)
            report["ingested_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
            rid = conn.execute(insert(t.reports).values(**report)).inserted_primary_key[0]
            if rows.sections:
                conn.execute(insert(t.sections), [{**s, "report_id": rid} for s in rows.sections])
            for name, records in rows.records.items():
                if records:
                    conn.execute(insert(t.RECORD_TABLES[name]), [{**r, "report_id": rid} for r in records])
            pids = []
            if rows.passages:  # ids come back in parameter order: they key the search index
                stmt = insert(t.passages).returning(t.passages.c.id, sort_by_parameter_order=True)
                pids = list(conn.execute(stmt, [{**p, "report_id": rid} for p in rows.passages]).scalars())
            index_passages(conn, [(i, p["text"]) for i, p in zip(pids, rows.passages, strict=True)])
            return "replaced" if old is not None else "stored"
    except SQLAlchemyError as exc:
        raise StoreError(f"could not store {rows.report.get('path')}: {str(exc).splitlines()[0]}") from exc
