"""Search finds a one-character word through the index: every word character of a text starts a token.

Until now a text was indexed as its character bigrams, with a gap token wherever a pair touched a non-word
character, so a character standing before punctuation (the 路 of 水、电、路) or at the end of the text began
no token. A one-character search could not use the index and sliced every passage out of its report's
text (``search "路 桥"`` ran past its 5 s limit at 10,000 reports). Now the pair (word character, non-word
character) is the word character alone instead of the gap, and a text that ends in a word character gets
that character as one more token at the end: every place a character stands starts a token, and a
one-character word is a prefix query (store/search.py). Bigrams and their positions are unchanged, so
words of two or more characters match as before.

SQLite: the six contentless FTS5 tables (passages and the record quotes of 0004) are emptied with their
'delete-all' command and filled again from the stored texts. PostgreSQL: ``passage_spans.grams`` is made
again. Both use frozen copies of the token functions; the downgrade puts the old tokens back.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_GAP = "qxq"
_CHUNK = 2000  # record rows read per query
_REPORTS = 100  # reports (their clean text and passage spans) read per query
_RECORDS = ("targets", "actuals", "pledges", "projects", "glossary")
_MAX_PG_POSITION = 16383


# frozen copies of duixian.store.search's token functions, before (0006) and as of this revision (a
# migration must not change meaning when the library does); tests check that they agree with it
def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _old_tokens(s: str) -> list[str | None]:
    s = s.lower()
    word = [_word(c) for c in s]
    return [s[i: i + 2] if word[i] and word[i + 1] else None for i in range(len(s) - 1)]


def _new_tokens(s: str) -> list[str | None]:
    s = s.lower()
    word = [_word(c) for c in s]
    out = [(s[i: i + 2] if word[i + 1] else s[i]) if word[i] else None for i in range(len(s) - 1)]
    if s and word[-1]:
        out.append(s[-1])
    return out


def _sqlite(tokens: list[str | None]) -> str:
    return " ".join(g or _GAP for g in tokens)


def _pg(tokens: list[str | None]) -> str:
    pos: dict[str, list[int]] = {}
    for i, g in enumerate(tokens, start=1):
        if g is not None:
            pos.setdefault(g, []).append(min(i, _MAX_PG_POSITION))
    return " ".join(f"'{g}':{','.join(map(str, p[:256]))}" for g, p in pos.items())


def _passages(conn: sa.Connection) -> Iterator[list[tuple[int, str]]]:
    """(passage id, text) of every passage, a few reports at a time: the text is sliced from the report's
    clean text in Python (slicing it in SQL, per passage, walks the UTF-8 text from its start each time)."""
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


def _records(conn: sa.Connection, table: str) -> Iterator[list[tuple[int, str]]]:
    last = 0
    while True:  # keyset pages, so a large corpus is never loaded whole
        rows = conn.execute(sa.text(f"SELECT id, quote FROM {table} WHERE id > :last ORDER BY id LIMIT :n"),
                            {"last": last, "n": _CHUNK}).all()
        if not rows:
            return
        yield [(i, q or "") for i, q in rows]
        last = rows[-1].id


def _reindex(tokens: Callable[[str], list[str | None]]) -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for name, pages in (("passages", _passages(conn)), *((t, _records(conn, t)) for t in _RECORDS)):
            fts = f"{name}_fts"
            conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('delete-all')")
            for page in filter(None, pages):  # (an empty list would be read as no parameters at all)
                conn.exec_driver_sql(f"INSERT INTO {fts}(rowid, grams) VALUES (?, ?)",
                                     [(i, _sqlite(tokens(s))) for i, s in page])
    else:
        # the GIN index is made again once at the end: keeping it up to date row by row made the update
        # several times slower
        op.execute("DROP INDEX IF EXISTS ix_passages_grams")
        for page in filter(None, _passages(conn)):
            conn.exec_driver_sql("UPDATE passage_spans SET grams = CAST(%s AS tsvector) WHERE id = %s",
                                 [(_pg(tokens(s)), i) for i, s in page])
        op.execute("CREATE INDEX ix_passages_grams ON passage_spans USING gin (grams)")


def upgrade() -> None:
    _reindex(_new_tokens)


def downgrade() -> None:
    _reindex(_old_tokens)
