"""Chinese full-text search that behaves the same on SQLite and PostgreSQL.

Chinese has no spaces, and the stock tokenizers of both databases either need them or, like SQLite's
trigram tokenizer, cannot find two-character words (公路, 棚改). So each passage is indexed as the
sequence of its overlapping character bigrams, and a query is the phrase of its own bigrams: a passage
matches exactly when it contains the query as a substring, for any length ≥ 2. SQLite keeps the
bigrams in an FTS5 table ranked by bm25; PostgreSQL in a GIN-indexed tsvector ranked by ts_rank_cd.
Snippets are cut from the passage text in Python, so they look the same on both.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.exc import OperationalError

from duixian import lexicon
from duixian.errors import StoreError

_GAP = "qxq"  # stands for a pair that spans punctuation, so phrases never match across it
_MAX_PG_POSITION = 16383  # tsvector positions stop there; later bigrams still match, unranked


def bigrams(s: str) -> list[str | None]:
    """Lower-cased character bigrams of s; None where the pair includes a non-word character. The same
    pairs tracking compares (lexicon.bigrams), lower-cased so a query for gdp finds GDP."""
    return lexicon.bigrams(s.lower())


def sqlite_grams(s: str) -> str:
    return " ".join(g or _GAP for g in bigrams(s))


def pg_grams(s: str) -> str:
    """A tsvector literal with positions (no text parser involved, so no locale surprises)."""
    pos: dict[str, list[int]] = {}
    for i, g in enumerate(bigrams(s), start=1):
        if g is not None:
            pos.setdefault(g, []).append(min(i, _MAX_PG_POSITION))
    return " ".join(f"'{g}':{','.join(map(str, p[:256]))}" for g, p in pos.items())


def index_passages(conn: Connection, rows: list[tuple[int, str]]) -> None:
    """Add (passage id, text) pairs to the search index, in the caller's transaction."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("INSERT INTO passages_fts(rowid, grams) VALUES (:id, :g)"),
            [{"id": i, "g": sqlite_grams(t)} for i, t in rows],
        )
    else:
        conn.execute(
            text("UPDATE passages SET grams = CAST(:g AS tsvector) WHERE id = :id"),
            [{"id": i, "g": pg_grams(t)} for i, t in rows],
        )


# Record tables whose quotes are indexed on SQLite (migration 0004), for Datasette's ?_search= on them; the
# project's own search is over passages. PostgreSQL has no record index: Datasette reads SQLite only.
RECORD_FTS = ("targets", "actuals", "pledges", "projects", "glossary")


def index_records(conn: Connection, report_id: int) -> None:
    """Index the quotes of a report's records (rowid = the record's row id), in the caller's transaction."""
    if conn.dialect.name != "sqlite":
        return
    for name in RECORD_FTS:
        rows = conn.execute(text(f"SELECT id, quote FROM {name} WHERE report_id = :r"), {"r": report_id}).all()
        if rows:
            conn.execute(text(f"INSERT INTO {name}_fts(rowid, grams) VALUES (:id, :g)"),
                         [{"id": i, "g": sqlite_grams(q or "")} for i, q in rows])


def unindex_report(conn: Connection, report_id: int) -> None:
    """Remove a report's passages and records from the search indexes (before the rows themselves go)."""
    if conn.dialect.name == "sqlite":
        for name in ("passages", *RECORD_FTS):
            conn.execute(
                text(f"DELETE FROM {name}_fts WHERE rowid IN (SELECT id FROM {name} WHERE report_id = :r)"),
                {"r": report_id},
            )


@dataclass(frozen=True)
class Hit:
    report_id: int
    passage_id: int
    section: str | None
    span: tuple[int, int]  # passage span in the report's clean text
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # spans of the query terms inside snippet


# A query is user input (the web's /search.json?q=): every word is one more phrase for the index to
# intersect (or one more LIKE scan), so a query of 1,500 words ran for minutes and 1,000 one-character words
# overflowed SQLite's expression depth. Searches with more words than this, or longer words, are cut (and
# say so); no research question needs more.
MAX_TERMS = 16
MAX_TERM_CHARS = 64
# Whatever still runs long is stopped at this many seconds, on both backends, with a coded error: a search
# must never hold a connection (or a PostgreSQL backend) after the client has gone.
DEFAULT_TIMEOUT = 5.0
TIMEOUT_ENV = "DUIXIAN_SEARCH_TIMEOUT"


class Hits(list[Hit]):
    """The hits, best first (a list), with the terms actually searched and a ``note`` when the query was
    cut: repeated words dropped, words past MAX_TERMS ignored, words longer than MAX_TERM_CHARS shortened."""

    terms: list[str]
    note: str | None

    def __init__(self, hits: list[Hit] | None = None, terms: list[str] | None = None,
                 note: str | None = None) -> None:
        super().__init__(hits or [])
        self.terms = terms or []
        self.note = note


def terms_of(query: str) -> list[str]:
    return [t for t in re.split(r"\s+", query.strip().lower()) if t]


def query_terms(query: str) -> tuple[list[str], str | None]:
    """The distinct words of a query, at most MAX_TERMS of them, each at most MAX_TERM_CHARS long, and a
    note saying what was left out (None when nothing was)."""
    words = terms_of(query)
    distinct = list(dict.fromkeys(words))  # the same word twice asks nothing more
    notes = []
    if len(distinct) < len(words):
        notes.append(f"{len(words) - len(distinct)} repeated word(s) searched once")
    if any(len(w) > MAX_TERM_CHARS for w in distinct):
        notes.append(f"words longer than {MAX_TERM_CHARS} characters cut to their first {MAX_TERM_CHARS}")
        distinct = list(dict.fromkeys(w[:MAX_TERM_CHARS] for w in distinct))
    if len(distinct) > MAX_TERMS:
        notes.append(f"only the first {MAX_TERMS} of {len(distinct)} distinct words searched")
        distinct = distinct[:MAX_TERMS]
    return distinct, ("; ".join(notes) if notes else None)


def timeout_seconds() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


class SearchTimeout(StoreError):
    """A search stopped at its time limit. (StoreError's code until errors.py has SEARCH_TIMEOUT.)"""

    hint = "search for fewer or longer words, or raise the limit with DUIXIAN_SEARCH_TIMEOUT (seconds)"


@contextmanager
def deadline(conn: Connection, seconds: float) -> Iterator[Connection]:
    """Run the statements of the block with a time limit; past it the database stops them and the block
    raises SearchTimeout. PostgreSQL: SET LOCAL statement_timeout inside a savepoint (the server cancels
    the statement itself, also when the client has gone; the savepoint's end restores the caller's
    setting, and its rollback keeps the caller's transaction usable). SQLite: a progress handler that
    interrupts the statement once the deadline has passed."""
    try:
        if conn.dialect.name == "postgresql":
            with conn.begin_nested():
                conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}")
                yield conn
        elif conn.dialect.name == "sqlite":
            raw = conn.connection.dbapi_connection
            end = time.monotonic() + seconds
            raw.set_progress_handler(lambda: int(time.monotonic() > end), 1000)  # type: ignore[union-attr]
            try:
                yield conn
            finally:
                raw.set_progress_handler(None, 0)  # type: ignore[union-attr]
        else:
            yield conn
    except OperationalError as exc:
        orig = getattr(exc, "orig", None)
        # psycopg: QueryCanceled (SQLSTATE 57014); sqlite3: "interrupted"
        if getattr(orig, "sqlstate", None) == "57014" or "interrupted" in str(orig):
            raise SearchTimeout(f"the search took longer than {seconds:g} s and was stopped") from exc
        raise


def search(conn: Connection, query: str, *, limit: int = 20, report_ids: list[int] | None = None,
           timeout: float | None = None) -> Hits:
    """Passages containing every word of the query, best first (see the module docstring). Raises
    SearchTimeout when the database takes longer than ``timeout`` seconds (default DUIXIAN_SEARCH_TIMEOUT
    or 5)."""
    terms, note = query_terms(query)
    if not terms:
        return Hits([], [], note)
    with deadline(conn, timeout_seconds() if timeout is None else timeout):
        hits = _search(conn, terms, limit, report_ids)
    return Hits(hits, terms, note)


def _search(conn: Connection, terms: list[str], limit: int, report_ids: list[int] | None) -> list[Hit]:
    phrases = [[g for g in bigrams(t) if g] for t in terms]
    if any(len(t) < 2 or not p for t, p in zip(terms, phrases, strict=True)):
        rows = _like(conn, terms, limit * 5, report_ids)  # one character: no bigram to look up
    elif conn.dialect.name == "sqlite":
        match = " AND ".join('"' + " ".join(p) + '"' for p in phrases)
        sql = (
            "SELECT p.id, p.report_id, p.section, p.span_start, p.span_end, p.text, bm25(passages_fts) AS score "
            "FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid WHERE passages_fts MATCH :m"
        )
        rows = _run(conn, sql, {"m": match}, report_ids, "score", limit * 5)
    else:
        tsq = " & ".join("(" + " <-> ".join(f"'{g}'" for g in p) + ")" for p in phrases)
        sql = (
            "SELECT p.id, p.report_id, p.section, p.span_start, p.span_end, p.text, "
            "-ts_rank_cd(p.grams, CAST(:q AS tsquery)) AS score "
            "FROM passages p WHERE p.grams @@ CAST(:q AS tsquery)"
        )
        rows = _run(conn, sql, {"q": tsq}, report_ids, "score", limit * 5)
    hits = []
    for pid, rid, section, s, e, body, score in rows:
        hit = _snippet(body, terms)
        if hit is None:
            continue  # the index is a pre-filter; the passage text is the truth
        snippet, marks = hit
        hits.append(Hit(rid, pid, section, (s, e), float(score or 0), snippet, marks))
        if len(hits) >= limit:
            break
    return hits


def _run(conn: Connection, sql: str, params: dict, report_ids: list[int] | None, order: str, limit: int):
    if report_ids is not None:
        sql += " AND p.report_id IN :ids"
    sql += f" ORDER BY {order}, p.id LIMIT :lim"
    stmt = text(sql)
    if report_ids is not None:
        stmt = stmt.bindparams(bindparam("ids", expanding=True))
        params = {**params, "ids": report_ids}
    return conn.execute(stmt, {**params, "lim": limit}).all()


def _like(conn: Connection, terms: list[str], limit: int, report_ids: list[int] | None):
    where = " AND ".join(f"lower(p.text) LIKE :t{i}" for i in range(len(terms)))
    params = {f"t{i}": "%" + t.replace("%", "").replace("_", "") + "%" for i, t in enumerate(terms)}
    sql = f"SELECT p.id, p.report_id, p.section, p.span_start, p.span_end, p.text, 0 AS score FROM passages p WHERE {where}"
    return _run(conn, sql, params, report_ids, "p.report_id", limit)


def _snippet(body: str, terms: list[str], width: int = 36) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    low = body.lower()
    first = [low.find(t) for t in terms]
    if any(i < 0 for i in first):
        return None
    start = max(0, min(first) - width)
    end = min(len(body), max(i + len(t) for i, t in zip(first, terms, strict=True)) + width)
    prefix = "…" if start > 0 else ""
    snippet = prefix + body[start:end] + ("…" if end < len(body) else "")
    marks = []
    for t in terms:
        pos = low.find(t, start, end)
        while pos != -1 and pos + len(t) <= end:
            marks.append((pos - start + len(prefix), pos - start + len(prefix) + len(t)))
            pos = low.find(t, pos + len(t), end)
    return snippet, tuple(sorted(set(marks)))
