"""A character index for one-character searches (SQLite).

Since 0008 a one-character word (路) is a prefix query of ``passages_fts``: every token that starts with the
character matches. FTS5 answers a prefix query by merging the doclists of all those tokens (路口, 路网, 路况 …)
into one before the query's LIMIT applies, so the cost grew with the corpus: ``search 路`` 12 ms at 2,000
reports and 44 ms at 9,978, ``的 县`` 60 → 256 ms. ``passage_chars`` is a contentless FTS5 table with one row per
passage (rowid = the passage's id) holding each distinct word character of the passage once, with no
positions or counts (``detail=none``): a one-character word is one term of it, read lazily in rowid order up
to the LIMIT. 5.2 KB a report on the synthetic corpus (about 6% of the file).

PostgreSQL has no such table: its GIN index answers every term (one character or more) from a bitmap of all
matching rows, so a second index would not change how it grows (docs/store.md, "Search"). The revision is
the same on both backends, and a no-op there.

The downgrade drops the table; nothing else refers to it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 19:55:00
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_REPORTS = 100  # reports (their clean text and passage spans) read per query
# frozen copies of duixian.store.search.CHARS_DDL and char_entry (a migration must not change meaning when
# the library does); tests check that they agree with it
_DDL = ("CREATE VIRTUAL TABLE passage_chars USING fts5(chars, content='', detail=none, "
        "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")")


def _entry(s: str) -> str:
    low = s.lower()
    return " ".join(sorted({c for c in low if c.isalnum() or c == "_"}))


def _passages(conn: sa.Connection) -> Iterator[list[tuple[int, str]]]:
    """(passage id, text) of every passage, a few reports at a time, sliced from the clean text in Python."""
    last = 0
    while True:
        reports = conn.execute(sa.text("SELECT id, clean_text FROM reports WHERE id > :last ORDER BY id LIMIT :n"),
                               {"last": last, "n": _REPORTS}).all()
        if not reports:
            return
        texts = {rid: clean or "" for rid, clean in reports}
        spans = conn.execute(sa.text("SELECT id, report_id, span_start, span_end FROM passage_spans "
                                     "WHERE report_id > :a AND report_id <= :b ORDER BY id"),
                             {"a": last, "b": reports[-1].id}).all()
        yield [(pid, texts.get(rid, "")[s:e]) for pid, rid, s, e in spans]
        last = reports[-1].id


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    op.execute(_DDL)
    for page in filter(None, _passages(conn)):  # (an empty list would be read as no parameters at all)
        conn.exec_driver_sql("INSERT INTO passage_chars(rowid, chars) VALUES (?, ?)", [(i, _entry(s)) for i, s in page])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE passage_chars")
