"""A corpus of 60,000 reports: search indexes that keep the index and no copy of the text, and lookups that
do not scan the reports table.

SQLite: ``passages_fts`` and the five record indexes (``targets_fts`` … from 0004) become *contentless* FTS5
tables (``content=''``): the same tokens, positions and bm25 statistics, without a stored copy of every
passage and quote written out as bigrams (a third of the file). They are rebuilt from the stored texts with a
frozen copy of the bigram function; rowids stay the passage's or record's id, so Datasette's ``fts_table``
links and ``duixian search`` work as before. (A contentless table returns NULL for its ``grams`` column and
forgets a row only through its 'delete' command given the tokens it indexed; store/search.py does that.)

Both backends: ``sources.name`` (the path's file name, filled from the stored paths) and indexes on
``sources.path``, ``sources.name``, ``reports.path``, the place columns (``region_full, region, admin_code``)
and the overview's (``coalesce(region, region_full), report_year, level, doc_type, review_year,
region_full`` and the record counts ``n_targets`` … ``n_glossary``), so finding a report by path or file name, filtering by region and the region × year overview
read indexes, not the table whose rows hold the texts.

PostgreSQL's search index is unchanged (the ``passages.grams`` tsvector and its GIN index; see
docs/store.md for the sizes measured).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_GAP = "qxq"
_CHUNK = 2000  # rows read per query while rebuilding the indexes
_INDEXED = {"passages": "text", "targets": "quote", "actuals": "quote", "pledges": "quote", "projects": "quote",
            "glossary": "quote"}


# the record counts each report row keeps: in the overview index, the corpus totals are summed from it
_COUNTS = ("n_targets", "n_actuals", "n_pledges", "n_projects", "n_glossary")


def _grams(s: str) -> str:
    # frozen copy of duixian.store.search.sqlite_grams as of this revision (a migration must not change
    # meaning when the library does); tests check the two agree
    s = s.lower()
    word = [c.isalnum() or c == "_" for c in s]
    return " ".join(s[i : i + 2] if word[i] and word[i + 1] else _GAP for i in range(len(s) - 1))


def _fill(conn: sa.Connection, table: str, col: str, fts: str) -> None:
    tab = sa.table(table, sa.column("id", sa.Integer), sa.column(col, sa.Text))
    last = 0
    while True:  # keyset pages, so a large corpus is never loaded whole
        rows = conn.execute(sa.select(tab.c.id, tab.c[col]).where(tab.c.id > last)
                            .order_by(tab.c.id).limit(_CHUNK)).all()
        if not rows:
            return
        conn.execute(sa.text(f"INSERT INTO {fts}(rowid, grams) VALUES (:id, :g)"),
                     [{"id": i, "g": _grams(v or "")} for i, v in rows])
        last = rows[-1].id


def _rebuild(contentless: bool) -> None:
    conn = op.get_bind()
    opts = ", content=''" if contentless else ""
    for table, col in _INDEXED.items():
        fts = f"{table}_fts"
        op.execute(f"DROP TABLE IF EXISTS {fts}")
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(grams, tokenize='unicode61'{opts})")
        _fill(conn, table, col, fts)


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def upgrade() -> None:
    conn = op.get_bind()
    op.add_column("sources", sa.Column("name", sa.Text(), nullable=True))
    src = sa.table("sources", sa.column("id", sa.Integer), sa.column("path", sa.Text), sa.column("name", sa.Text))
    last = 0
    while True:
        rows = conn.execute(sa.select(src.c.id, src.c.path).where(src.c.id > last).order_by(src.c.id)
                            .limit(_CHUNK)).all()
        if not rows:
            break
        conn.execute(sa.update(src).where(src.c.id == sa.bindparam("sid")).values(name=sa.bindparam("n")),
                     [{"sid": i, "n": _file_name(p)} for i, p in rows])
        last = rows[-1].id
    op.create_index("ix_sources_path", "sources", ["path"])
    op.create_index("ix_sources_name", "sources", ["name"])
    op.create_index("ix_reports_path", "reports", ["path"])
    op.create_index("ix_reports_place", "reports", ["region_full", "region", "admin_code"])
    op.create_index("ix_reports_overview", "reports",
                    [sa.text("coalesce(region, region_full)"), "report_year", "level", "doc_type", "review_year",
                     "region_full", *_COUNTS])
    if conn.dialect.name == "sqlite":
        _rebuild(contentless=True)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        _rebuild(contentless=False)
    for name in ("ix_reports_overview", "ix_reports_place", "ix_reports_path", "ix_sources_name", "ix_sources_path"):
        op.drop_index(name, table_name="reports" if "reports" in name else "sources")
    if conn.dialect.name == "sqlite":
        # dropping a column rebuilds the table in SQLite (batch mode); sources has no view on it
        with op.batch_alter_table("sources") as batch:
            batch.drop_column("name")
    else:
        op.drop_column("sources", "name")
