"""Writing one report: every row of it in one transaction, or nothing.

Which report a text is decides everything else here (see docs/store.md, "Report identity"):

1. a file (or CSV row) already stored as a source is that source's report: unchanged, or with ``--force``
   re-extracted *in place* (same report id, records replaced, verdicts marked stale if anything changed);
2. otherwise a text whose fingerprint (clean text without whitespace) is stored is a copy of that report:
   one more row in ``sources``, nothing else written;
3. otherwise it is a new report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from duixian.errors import DuixianError, IdentityConflictError, ReportInUseError, StoreError
from duixian.store import schema as t
from duixian.store.db import begin_write
from duixian.store.rows import ReportRows
from duixian.store.search import CHARS, RECORD_FTS, char_entry, index_entry, index_rows, unindex_report


@dataclass
class StoreOutcome:
    """What storing one text did."""

    status: str  # stored | replaced | duplicate (a new source of a stored report) | unchanged
    report_id: int
    # for "replaced": records added / removed / changed (by record id), whether the clean text changed,
    # and how many plan/review pairs had their verdicts marked stale
    changes: dict[str, Any] = field(default_factory=dict)


def stored_hashes(engine: Engine) -> set[str]:
    """File hashes of every stored source: ingest skips these files without reading them."""
    with engine.connect() as conn:
        return set(conn.execute(select(t.sources.c.sha256)).scalars())


def file_name(path: str) -> str:
    """A path's file name (sources.name): what find_report looks a file name or stem up by."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def region_key(report: dict) -> str:
    return report.get("admin_code") or report.get("region_full") or report.get("region") or "?"


def _region_year(conn: Connection, report: dict) -> int | None:
    year = report.get("report_year")
    if not report.get("region") or year is None:
        return None
    key = region_key(report)
    ry = t.region_years.c
    # Insert-if-absent, then read: two ingests storing two documents of one region and year (a report and
    # a news piece, under different fingerprint locks) must not both insert it and one fail on the unique
    # key. ON CONFLICT DO NOTHING waits for the other transaction and then does nothing.
    stmt = _dialect_insert(conn)(t.region_years).values(
        region_key=key, region=report["region"], region_full=report.get("region_full"),
        admin_code=report.get("admin_code"), level=report.get("level"), year=year,
    ).on_conflict_do_nothing(index_elements=["region_key", "year"])
    conn.execute(stmt)
    return conn.execute(select(ry.id).where(ry.region_key == key, ry.year == year)).scalar_one()


def _dialect_insert(conn: Connection) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _drop_contents(conn: Connection, report_id: int) -> dict[str, int]:
    """Delete the rows extraction produced for a report (not the report, its sources or verdicts)."""
    unindex_report(conn, report_id)
    # explicit deletes, not ON DELETE CASCADE: they do not depend on the foreign_keys pragma of whichever
    # connection opened a SQLite file, and the FTS rows (no foreign key) go in the same transaction above
    n = {}
    for name, table in (*t.RECORD_TABLES.items(), ("sections", t.sections), ("passages", t.passages)):
        n[name] = conn.execute(delete(table).where(table.c.report_id == report_id)).rowcount
    return n


def delete_report(conn: Connection, report_id: int) -> dict[str, int]:
    """Remove a report and everything that hangs on it, in the caller's transaction; rows removed per table.

    Verdicts go whether the report was their plan or their review (a verdict needs both); a region-year
    that no other report uses goes too, so a deleted corpus leaves no empty cells in panels."""
    _refuse_if_in_use(conn, report_id)
    ry = conn.execute(select(t.reports.c.region_year_id).where(t.reports.c.id == report_id)).scalar()
    n = _drop_contents(conn, report_id)
    v = t.verdicts.c
    n["verdicts"] = conn.execute(
        delete(t.verdicts).where((v.plan_report_id == report_id) | (v.review_report_id == report_id))).rowcount
    n["sources"] = conn.execute(delete(t.sources).where(t.sources.c.report_id == report_id)).rowcount
    n["reports"] = conn.execute(delete(t.reports).where(t.reports.c.id == report_id)).rowcount
    n["region_years"] = 0
    if ry is not None and conn.execute(
            select(func.count()).select_from(t.reports).where(t.reports.c.region_year_id == ry)).scalar() == 0:
        n["region_years"] = conn.execute(delete(t.region_years).where(t.region_years.c.id == ry)).rowcount
    return n


# the 督查 workspace's table (supervise/store.py), named here so the corpus store needs nothing of it
_WORKSPACES = sa_table("ws_workspaces", sa_column("id"), sa_column("name"), sa_column("report_id"))


def _refuse_if_in_use(conn: Connection, report_id: int) -> None:
    """A report a workspace was made from stays: the office's tasks and progress hang on it (the database's
    foreign key would refuse the delete too, as a bare DB_ERROR)."""
    used = conn.execute(select(_WORKSPACES.c.id, _WORKSPACES.c.name)
                        .where(_WORKSPACES.c.report_id == report_id).order_by(_WORKSPACES.c.id)).all()
    if used:
        names = "; ".join(f"{w.id} {w.name}" for w in used)
        raise ReportInUseError(f"report {report_id} is the report of 督查 workspace(s) {names}: nothing deleted")


def remove_report(engine: Engine, report_id: int) -> dict[str, int]:
    """``delete_report`` in its own transaction: all of it or (on any error) none of it."""
    try:
        with begin_write(engine) as conn:
            return delete_report(conn, report_id)
    except SQLAlchemyError as exc:
        raise StoreError(f"could not delete report {report_id}: {str(exc).splitlines()[0]}") from exc


# Search-index entries of the reports of a batch that were stored: (table, row ids, entries). They are
# written after every report of the batch, outside the reports' savepoints: SQLite's FTS5 writes its
# pending index data out at every savepoint boundary, so indexing inside each report's savepoint cut the
# index into one small segment per report (and cost the writer more than everything else). They still
# commit in the same transaction as their reports.
IndexSink = list[tuple[str, list[int], list[str]]]


def _next_ids(conn: Connection, table: Any, n: int) -> list[int]:
    # SQLite only: the writer holds the database's write lock from BEGIN IMMEDIATE to COMMIT, so the next
    # ids are max + 1 … max + n, exactly what SQLite would give (an INSERT … RETURNING per row costs more)
    last = conn.execute(select(func.max(table.c.id))).scalar() or 0
    return list(range(last + 1, last + 1 + n))


def _insert_many(conn: Connection, table: Any, rows: list[dict[str, Any]], rid: int,
                 ids: list[int] | None = None, extra: dict[str, tuple[str, list[Any]]] | None = None) -> None:
    """INSERT the rows of one table with the driver's own executemany: one statement string and a tuple per
    row, instead of SQLAlchemy building and checking a parameter set per row (a third of the writer's CPU).
    ``ids``: the rows' ids (SQLite, see _next_ids); ``extra``: column → (SQL of its placeholder, values)."""
    cols = _COLUMNS[table.name]
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    names = (["id"] if ids is not None else []) + ["report_id", *cols] + list(extra or {})
    marks = ([mark] if ids is not None else []) + [mark] * (1 + len(cols)) + [
        sql.replace("?", mark) for sql, _ in (extra or {}).values()]
    sql = f"INSERT INTO {table.name} ({', '.join(f'{chr(34)}{n}{chr(34)}' for n in names)}) VALUES ({', '.join(marks)})"
    params = []
    for i, r in enumerate(rows):
        row = [rid, *(r.get(c) for c in cols)]
        if ids is not None:
            row.insert(0, ids[i])
        row += [vals[i] for _, vals in (extra or {}).values()]
        params.append(tuple(row))
    conn.exec_driver_sql(sql, params)


# the columns a writer fills from a row dict (id and report_id apart), per table: fixed by the schema
_COLUMNS = {table.name: tuple(c.name for c in table.c if c.name not in ("id", "report_id"))
            for table in (*t.RECORD_TABLES.values(), t.sections, t.passage_spans)}


def _insert_contents(conn: Connection, rid: int, rows: ReportRows, sink: IndexSink | None = None) -> None:
    """Insert a report's sections, records and passages; their search entries go to ``sink`` (written by
    the caller, see IndexSink) or, without one, straight into the index."""
    own: IndexSink = [] if sink is None else sink
    dialect = conn.dialect.name
    made = rows.search_dialect == dialect  # the worker made the entries for this backend
    if rows.sections:
        _insert_many(conn, t.sections, rows.sections, rid)
    for name, records in rows.records.items():
        if not records:
            continue
        table = t.RECORD_TABLES[name]
        ids = None
        if dialect == "sqlite" and name in RECORD_FTS:
            ids = _next_ids(conn, table, len(records))
            grams = rows.record_grams.get(name) if made else None
            own.append((name, ids, grams or [index_entry(dialect, r.get("quote") or "") for r in records]))
        _insert_many(conn, table, records, rid, ids)
    if rows.passages:
        clean = rows.report["clean_text"]
        grams = rows.passage_grams if made else [index_entry(dialect, clean[p["span_start"]:p["span_end"]])
                                                 for p in rows.passages]
        # a passage is its span (migration 0007): its text is the report's clean text, stored once
        if dialect == "sqlite":
            ids = _next_ids(conn, t.passages, len(rows.passages))
            _insert_many(conn, t.passage_spans, rows.passages, rid, ids)
            own.append(("passages", ids, grams))
            chars = rows.passage_chars if made and rows.passage_chars else [
                char_entry(clean[p["span_start"]:p["span_end"]]) for p in rows.passages]
            own.append((CHARS, ids, chars))
        else:  # the tsvector is a column of the passage row (not in schema.py: it is PostgreSQL's only)
            _insert_many(conn, t.passage_spans, rows.passages, rid, extra={"grams": ("CAST(? AS tsvector)", grams)})
    if sink is None:
        _write_index(conn, own)


def _write_index(conn: Connection, sink: IndexSink) -> None:
    by_table: dict[str, tuple[list[int], list[str]]] = {}
    for name, ids, entries in sink:  # one statement per index for the whole batch
        got = by_table.setdefault(name, ([], []))
        got[0].extend(ids)
        got[1].extend(entries)
    for name, (ids, entries) in by_table.items():
        index_rows(conn, name, ids, entries)


def _stored_records(conn: Connection, rid: int) -> dict[str, dict[str, dict[str, Any]]]:
    out = {}
    for name, table in t.RECORD_TABLES.items():
        out[name] = {m["record_id"]: dict(m) for m in conn.execute(
            select(table).where(table.c.report_id == rid)).mappings()}
    return out


def _diff(old: dict[str, dict[str, dict[str, Any]]], rows: ReportRows) -> dict[str, int]:
    """Records added, removed and changed (same id, other values) between the stored and the new rows."""
    added = removed = changed = 0
    for name, new_rows in rows.records.items():
        new = {r["record_id"]: r for r in new_rows}
        before = old.get(name, {})
        added += len(new.keys() - before.keys())
        removed += len(before.keys() - new.keys())
        stored_cols = set(t.RECORD_TABLES[name].c.keys())  # rows may carry keys the table does not keep
        changed += sum(1 for k in new.keys() & before.keys()
                       if any(before[k].get(c) != v for c, v in new[k].items() if c in stored_cols))
    return {"added": added, "removed": removed, "changed": changed}


def _mark_stale(conn: Connection, rid: int, why: str) -> int:
    """Mark every verdict of a pair involving the report stale; the number of pairs affected."""
    v = t.verdicts.c
    involved = (v.plan_report_id == rid) | (v.review_report_id == rid)
    pairs = conn.execute(select(v.plan_report_id, v.review_report_id).where(involved).distinct()).all()
    if pairs:
        conn.execute(update(t.verdicts).where(involved).values(stale=1, stale_reason=why))
    return len(pairs)


def _replace(conn: Connection, rid: int, rows: ReportRows, stored_text: str, now: str,
             sink: IndexSink | None = None) -> dict[str, Any]:
    """Re-extract a stored report in place: same id, new records, verdicts kept but marked stale on change."""
    changes: dict[str, Any] = _diff(_stored_records(conn, rid), rows)
    changes["text_changed"] = stored_text != rows.report["clean_text"]
    _drop_contents(conn, rid)
    report = {**rows.report, "region_year_id": _region_year(conn, rows.report), "ingested_at": now}
    conn.execute(update(t.reports).where(t.reports.c.id == rid).values(**report))
    _insert_contents(conn, rid, rows, sink)
    changes["stale_pairs"] = 0
    if changes["added"] or changes["removed"] or changes["changed"] or changes["text_changed"]:
        why = (f"report {rid} re-extracted {now}: records +{changes['added']} -{changes['removed']} "
               f"~{changes['changed']}" + (", clean text changed" if changes["text_changed"] else ""))
        changes["stale_pairs"] = _mark_stale(conn, rid, why)
    return changes


def _lock(conn: Connection, fp: str) -> None:
    # Two ingests of copies of one report into a shared PostgreSQL database must not both find no report and
    # both insert one: a transaction-scoped lock on the fingerprint serialises them. (SQLite has one writer.)
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": int(fp[:15], 16)})


def _same_meta(stored: Any, report: dict[str, Any]) -> bool:
    return (stored.region, stored.report_year) == (report.get("region"), report.get("report_year"))


def store_report(engine: Engine, rows: ReportRows, *, force: bool = False) -> StoreOutcome:
    """Store one extracted text under its identity (see the module docstring), in its own transaction."""
    out = store_batch(engine, [rows], force=force)[0]
    if isinstance(out, DuixianError):
        raise out
    return out


def store_batch(engine: Engine, batch: list[ReportRows], *, force: bool = False) -> list[StoreOutcome | DuixianError]:
    """Store several texts in one transaction, each in its own savepoint: a report that fails (its error is
    its entry in the result, in order) rolls back to its savepoint and leaves nothing, the others are
    committed together. One commit per batch instead of per report is what lets the single writer keep up
    with the workers; a kill before the commit loses the whole batch, never part of a report.

    When the batch's own transaction fails (the commit, a lost connection), every report is tried again in
    a transaction of its own, so one report's trouble is never another's."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        with begin_write(engine) as conn:
            sink: IndexSink = []
            out = [_one(conn, rows, force=force, now=now, sink=sink) for rows in batch]
            _write_index(conn, sink)
    except SQLAlchemyError:
        return [_alone(engine, rows, force=force, now=now) for rows in batch]
    # a report that lost a lock wait to another ingest's batch (PostgreSQL: two batches taking two
    # fingerprints' locks in opposite orders) is stored alone once this batch no longer holds its locks
    return [_alone(engine, rows, force=force, now=now) if o is _RETRY else o for rows, o in zip(batch, out, strict=True)]


def _alone(engine: Engine, rows: ReportRows, *, force: bool, now: str) -> StoreOutcome | DuixianError:
    try:
        with begin_write(engine) as conn:
            sink: IndexSink = []
            out = _one(conn, rows, force=force, now=now, sink=sink)
            _write_index(conn, sink)
        if out is _RETRY:
            return StoreError(f"could not store {rows.report.get('path')}: another ingest held its locks; run again")
        return out
    except SQLAlchemyError as exc:
        return _store_error(rows, exc)


def _store_error(rows: ReportRows, exc: Exception) -> StoreError:
    return StoreError(f"could not store {rows.report.get('path')}: {str(exc).splitlines()[0]}")


def _one(conn: Connection, rows: ReportRows, *, force: bool, now: str, sink: IndexSink) -> StoreOutcome | DuixianError:
    """One report in its own savepoint of the caller's transaction; its error as a value. Its search
    entries join ``sink`` only once its savepoint is released (a report rolled back has none)."""
    for attempt in (1, 2):
        try:
            own: IndexSink = []
            with conn.begin_nested():
                done = _store(conn, rows, force=force, now=now, sink=own)
            sink.extend(own)
            return done
        except IdentityConflictError as exc:
            return exc
        except IntegrityError as exc:
            # Another process stored the same file or text between our look and our insert (possible on
            # PostgreSQL for rows the fingerprint lock does not cover). The savepoint rolled back whole;
            # looking again now finds that row, so the retry answers unchanged/duplicate, not a failure.
            if attempt == 2:
                return _store_error(rows, exc)
        except OperationalError as exc:
            if getattr(getattr(exc, "orig", None), "sqlstate", None) in _LOCK_LOST:
                return _RETRY
            return _store_error(rows, exc)
        except SQLAlchemyError as exc:
            return _store_error(rows, exc)
    raise AssertionError("unreachable")


# deadlock detected, serialization failure, lock not available: the other transaction goes on, this one
# tries again when it holds nothing
_LOCK_LOST = {"40P01", "40001", "55P03"}
_RETRY: Any = object()


def _store(conn: Connection, rows: ReportRows, *, force: bool, now: str, sink: IndexSink) -> StoreOutcome:
    """One attempt, in the caller's transaction (a savepoint of the batch)."""
    report = rows.report
    fp = report["fingerprint"]
    src = {**rows.source, "added_at": now, "name": file_name(rows.source.get("path") or report.get("path") or "")}
    s, r = t.sources.c, t.reports.c
    _lock(conn, fp)
    by_source = conn.execute(select(s.id, s.report_id).where(
        s.sha256 == src["sha256"], s.part == src.get("part", 0))).first()
    same_text = conn.execute(
        select(r.id, r.region, r.report_year).where(r.fingerprint == fp).order_by(r.id).limit(1)).first()
    if by_source is not None:
        rid = by_source.report_id
        if not force:
            return StoreOutcome("unchanged", rid)
        # the file may have moved, and the CSV's url/date/title columns may have been filled in
        conn.execute(update(t.sources).where(s.id == by_source.id)
                     .values(**{k: v for k, v in src.items() if k != "added_at"}))
        stored = conn.execute(select(r.sha256, r.clean_text).where(r.id == rid)).one()
        if stored.sha256 != report["sha256"]:
            # a copy, not the document the records were read from: its records would carry other
            # ids (they hash the document), so the report keeps the ones read from its own document
            return StoreOutcome("unchanged", rid)
        if same_text is not None and same_text.id != rid:
            raise IdentityConflictError(
                f"re-extracted, this file's text is now the text of stored report {same_text.id}, "
                f"not of report {rid} it was stored as", path=report.get("path"))
        return StoreOutcome("replaced", rid, _replace(conn, rid, rows, stored.clean_text, now, sink))
    if same_text is not None:
        if not _same_meta(same_text, report):
            raise IdentityConflictError(
                f"the same text is stored as report {same_text.id} ({same_text.region} "
                f"{same_text.report_year}) but reads now as {report.get('region')} {report.get('report_year')}: "
                "that report was extracted by another version of duixian", path=report.get("path"))
        conn.execute(insert(t.sources).values(report_id=same_text.id, **src))
        return StoreOutcome("duplicate", same_text.id)
    row = {**report, "region_year_id": _region_year(conn, report), "ingested_at": now}
    rid = conn.execute(insert(t.reports).values(**row)).inserted_primary_key[0]  # type: ignore[index]  # an INSERT has one
    conn.execute(insert(t.sources).values(report_id=rid, **src))
    _insert_contents(conn, rid, rows, sink)
    return StoreOutcome("stored", rid)
