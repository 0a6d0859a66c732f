"""Datasette-ready: search indexes on the record quotes, and views that put the report's region and year on
every record row (so Datasette, or any SQL tool, can facet and filter records by region and year).

On SQLite, ``targets_fts``, ``actuals_fts``, ``pledges_fts``, ``projects_fts`` and ``glossary_fts`` hold the
quote of each record as character bigrams, keyed by the record's row id, exactly as ``passages_fts`` holds
the passages (store/search.py); they are filled here from the stored quotes.  PostgreSQL gets no record
index (Datasette reads SQLite only; the project's own search is over passages).

Both backends get the views ``targets_v``, ``actuals_v``, ``pledges_v``, ``projects_v``, ``glossary_v``,
``passages_v`` and ``verdicts_v``.  Their columns are listed explicitly: on PostgreSQL a ``*`` is frozen when
the view is created, and explicit lists read the same on both.  A later migration that rebuilds one of the
underlying tables (SQLite's batch mode copies, drops and renames it) must drop the views first and create
them again after.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_GAP = "qxq"
_CHUNK = 5000  # record rows read per query while filling the indexes

_REPORT = ("r.region", "r.region_full", "r.admin_code", "r.level", "r.report_year", "r.review_year", "r.doc_type")
_GROUNDING = ("quote", "span_start", "span_end", "raw_start", "raw_end", "section")
RECORD_COLUMNS = {
    "targets": ("metric", "metric_raw", "kind", "value", "low", "high", "unit", "qualifier", "year"),
    "actuals": ("metric", "metric_raw", "year", "value", "unit", "growth_pct", "rank"),
    "pledges": ("category", "text", "quantities", "deadline", "deadline_raw"),
    "projects": ("name", "investment", "unit", "status"),
    "glossary": ("term", "definition"),
}


def _grams(s: str) -> str:
    # frozen copy of duixian.store.search.sqlite_grams as of this revision (a migration must not change
    # meaning when the library does); tests check the two agree
    s = s.lower()
    word = [c.isalnum() or c == "_" for c in s]
    return " ".join(s[i : i + 2] if word[i] and word[i + 1] else _GAP for i in range(len(s) - 1))


def _views() -> dict[str, str]:
    report = ", ".join(_REPORT)
    out = {}
    for name, cols in RECORD_COLUMNS.items():
        own = ", ".join(f"x.{c}" for c in ("record_id", *cols, *_GROUNDING))
        out[f"{name}_v"] = (f"SELECT x.id, x.report_id, {report}, {own} "
                            f"FROM {name} x JOIN reports r ON r.id = x.report_id")
    out["passages_v"] = (f"SELECT x.id, x.report_id, {report}, x.section, x.span_start, x.span_end, x.text "
                         "FROM passages x JOIN reports r ON r.id = x.report_id")
    verdict_cols = ("item_kind", "item_record_id", "category", "status", "reason", "confidence", "item_quote",
                    "evidence_quote", "evidence_direct", "tolerance", "stale", "stale_reason", "created_at",
                    "item_start", "item_end", "evidence_start", "evidence_end")
    # a verdict belongs to its plan: the region and year are the plan report's (the year the item targeted)
    out["verdicts_v"] = (f"SELECT x.id, x.plan_report_id, x.review_report_id, {report}, "
                         "rv.report_year AS review_report_year, "
                         + ", ".join(f"x.{c}" for c in verdict_cols)
                         + " FROM verdicts x JOIN reports r ON r.id = x.plan_report_id"
                         " LEFT JOIN reports rv ON rv.id = x.review_report_id")
    return out


def upgrade() -> None:
    conn = op.get_bind()
    for name, sql in _views().items():
        op.execute(f"CREATE VIEW {name} AS {sql}")
    if conn.dialect.name != "sqlite":
        return
    for name in RECORD_COLUMNS:
        op.execute(f"CREATE VIRTUAL TABLE {name}_fts USING fts5(grams, tokenize='unicode61')")
        table = sa.table(name, sa.column("id", sa.Integer), sa.column("quote", sa.Text))
        last = 0
        while True:  # keyset pages, so a large corpus is never loaded whole
            rows = conn.execute(sa.select(table.c.id, table.c.quote).where(table.c.id > last)
                                .order_by(table.c.id).limit(_CHUNK)).all()
            if not rows:
                break
            conn.execute(sa.text(f"INSERT INTO {name}_fts(rowid, grams) VALUES (:id, :g)"),
                         [{"id": i, "g": _grams(q or "")} for i, q in rows])
            last = rows[-1].id


def downgrade() -> None:
    for name in _views():
        op.execute(f"DROP VIEW IF EXISTS {name}")
    if op.get_bind().dialect.name == "sqlite":
        for name in RECORD_COLUMNS:
            op.execute(f"DROP TABLE IF EXISTS {name}_fts")
