"""Chinese full-text search that behaves the same on SQLite and PostgreSQL.

Chinese has no spaces, and the stock tokenizers of both databases either need them or, like SQLite's
trigram tokenizer, cannot find two-character words (公路, 棚改). So each passage is indexed as one token per
character: the character with the next one (a bigram) where both are word characters, the character alone
where the next is punctuation, a space or the end of the text, and a gap token where the character is not
a word character. A word of two or more characters is looked up as the phrase of its own tokens: a passage
matches exactly when it contains the word. A word of one character is a prefix query for the tokens that
start with it: every place the character stands in a passage starts one of them, so the search reads the
index, not every passage (before migration 0008 a character before punctuation had no token of its own and
a one-character word scanned every passage's text). SQLite keeps the tokens in an FTS5 table ranked by
bm25; PostgreSQL in a GIN-indexed tsvector ranked by ts_rank_cd. Snippets are cut from the passage text in
Python, so they look the same on both.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.exc import OperationalError

from duixian import lexicon
from duixian.errors import StoreError
from duixian.store.schema import passage_text

_GAP = "qxq"  # stands for a non-word character, so phrases never match across punctuation
_MAX_PG_POSITION = 16383  # tsvector positions stop there; later tokens still match, unranked


def bigrams(s: str) -> list[str | None]:
    """Lower-cased character bigrams of s; None where the pair includes a non-word character. The same
    pairs tracking compares (lexicon.bigrams), lower-cased so a query for gdp finds GDP."""
    return lexicon.bigrams(s.lower())


def pair_tokens(s: str) -> list[str | None]:
    """One token per pair of neighbouring characters of s, lower-cased: the bigram when both are word
    characters, the first character alone when only it is, None when it is not a word character. A
    function of the pair alone, so a word's tokens are the tokens of every place it stands in a text."""
    low = s.lower()
    return _pairs(low, _words(low))


def _words(low: str) -> list[bool]:
    return [c.isalnum() or c == "_" for c in low]  # re's \w, as lexicon.bigrams


def _pairs(low: str, word: list[bool]) -> list[str | None]:
    return [(low[i : i + 2] if word[i + 1] else low[i]) if word[i] else None for i in range(len(low) - 1)]


def index_tokens(s: str) -> list[str | None]:
    """What the index holds for s: its pair tokens and, when s ends in a word character, that character
    alone, so every word character of s starts a token (what a one-character search looks up)."""
    low = s.lower()
    word = _words(low)
    tokens = _pairs(low, word)
    if word and word[-1]:
        tokens.append(low[-1])
    return tokens


def sqlite_grams(s: str) -> str:
    return " ".join(g or _GAP for g in index_tokens(s))


def pg_grams(s: str) -> str:
    """A tsvector literal with positions (no text parser involved, so no locale surprises; tokens hold
    word characters only, so nothing in them needs quoting)."""
    pos: dict[str, list[int]] = {}
    for i, g in enumerate(index_tokens(s), start=1):
        if g is not None:
            pos.setdefault(g, []).append(min(i, _MAX_PG_POSITION))
    return " ".join(f"'{g}':{','.join(map(str, p[:256]))}" for g, p in pos.items())


def char_entry(s: str) -> str:
    """What the character index (``passage_chars``, SQLite, migration 0010) holds for s: each distinct word
    character, lower-cased, once, separated by spaces. A one-character word is one term of it."""
    low = s.lower()
    return " ".join(sorted({c for c, w in zip(low, _words(low), strict=True) if w}))


# The character index: one contentless FTS5 row per passage (rowid = the passage's id) listing the word
# characters it holds, with no positions or counts (detail=none). A one-character word looked up as a prefix
# of passages_fts's tokens made FTS5 merge the doclists of every token starting with the character before the
# LIMIT applied, so the cost grew with the corpus (路 12 ms at 2,000 reports, 44 ms at 9,978; 的 县 256 ms);
# here it is one term read lazily, in rowid order, up to the LIMIT. It costs 5.2 KB a report.
CHARS = "passage_chars"
# the tokenizer splits on the spaces between characters; '_' (a word character to duixian, a separator to
# unicode61) is declared a token character
CHARS_DDL = (f"CREATE VIRTUAL TABLE {CHARS} USING fts5(chars, content='', detail=none, "
             "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")")


def index_entry(dialect: str, s: str) -> str:
    """What the index stores for one text on a backend: the token string (SQLite's FTS5 column) or the
    tsvector literal (PostgreSQL). Pure, so ingest workers make it and the writer only writes it."""
    return sqlite_grams(s) if dialect == "sqlite" else pg_grams(s)


# Record tables whose quotes are indexed on SQLite (migration 0004), for Datasette's ?_search= on them; the
# project's own search is over passages. PostgreSQL has no record index: Datasette reads SQLite only.
RECORD_FTS = ("targets", "actuals", "pledges", "projects", "glossary")


def index_rows(conn: Connection, name: str, ids: list[int], entries: list[str]) -> None:
    """Add index entries (index_entry of the text, for SQLite) of rows of ``name`` (passages or a table in
    RECORD_FTS) to its FTS5 table, keyed by the rows' ids, in the caller's transaction. (On PostgreSQL a
    passage's tsvector is written with the passage row itself: store/write.py.)"""
    if ids:  # the driver's executemany: no per-row parameter handling by SQLAlchemy
        table, col = (CHARS, "chars") if name == CHARS else (f"{name}_fts", "grams")
        conn.exec_driver_sql(f"INSERT INTO {table}(rowid, {col}) VALUES (?, ?)", list(zip(ids, entries, strict=True)))


def unindex_report(conn: Connection, report_id: int) -> None:
    """Remove a report's passages and records from the search indexes (before the rows themselves go).

    The SQLite indexes are contentless (migration 0006: they keep the index, not a second copy of every
    text as bigrams), and a contentless FTS5 table forgets a row only through its 'delete' command given
    the very tokens it indexed; those are made again from the stored text with the same function."""
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL's tsvector is a column of the passage row: it goes with the row
    for name, col in (("passages", "text"), *((n, "quote") for n in RECORD_FTS)):
        rows = conn.execute(text(f"SELECT id, {col} FROM {name} WHERE report_id = :r"), {"r": report_id}).all()
        if rows:
            conn.execute(text(f"INSERT INTO {name}_fts({name}_fts, rowid, grams) VALUES ('delete', :id, :g)"),
                         [{"id": i, "g": sqlite_grams(v or "")} for i, v in rows])
        if rows and name == "passages":
            conn.execute(text(f"INSERT INTO {CHARS}({CHARS}, rowid, chars) VALUES ('delete', :id, :c)"),
                         [{"id": i, "c": char_entry(v or "")} for i, v in rows])


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


# How much of a frequent word's matches a search reads: it ranks at most RANKED matching passages (the first
# ones in storage order, or as many as the requested page needs, up to MAX_RANKED) and counts the facets over
# those; when they fill the window it counts the matches on, up to COUNT_CAP (Hits.total_capped says the
# count stopped there). Ranking every match of 发展 in 60,000 reports would read millions of index entries
# (and their passages' rows) for a page of twenty.
RANKED = 2000
MAX_RANKED = 10000
COUNT_CAP = 10000
FACET_TOP = 10  # values per facet
FACETS = ("region", "year", "kind")


class Hits(list[Hit]):
    """The hits of one page, best first (a list), with what was searched and how many matched.

    ``terms``: every word or phrase searched; ``groups``: the query as an AND of OR-groups of them;
    ``note``: what was cut from the query, else None; ``total``: matching passages (after the filters),
    exact unless ``total_capped`` (then at least COUNT_CAP); ``facets``: "region", "year", "kind" → the
    top values as (value, count), most first, counted over the ranked matches (all of them unless
    ``facets_of`` < ``total``); ``offset``/``limit``: the page; ``ranked``: how many matches were ranked
    to choose the page (fewer than ``total`` for frequent words); ``facets_of``: the same number."""

    terms: list[str]
    note: str | None
    groups: list[list[str]]
    total: int
    total_capped: bool
    facets: dict[str, list[tuple[Any, int]]]
    offset: int
    limit: int
    ranked: int

    @property
    def facets_of(self) -> int:
        return self.ranked

    def __init__(self, hits: list[Hit] | None = None, terms: list[str] | None = None, note: str | None = None,
                 *, groups: list[list[str]] | None = None, total: int = 0, total_capped: bool = False,
                 facets: dict[str, list[tuple[Any, int]]] | None = None, offset: int = 0, limit: int = 20,
                 ranked: int = 0) -> None:
        super().__init__(hits or [])
        self.terms = terms or []
        self.note = note
        self.groups = groups if groups is not None else [[t] for t in self.terms]
        self.total = total
        self.total_capped = total_capped
        self.facets = facets if facets is not None else {k: [] for k in FACETS}
        self.offset = offset
        self.limit = limit
        self.ranked = ranked


def terms_of(query: str) -> list[str]:
    return [t for g in parse_query(query) for t in g]


_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


def parse_query(query: str) -> list[list[str]]:
    """The query as an AND of OR-groups, lower-cased: words separated by spaces must all occur (in one
    passage), ``OR`` (capitals, between two words) makes either one do, and "a double-quoted phrase" is
    one term even with spaces in it. ``安置房 OR 棚改 公路`` → [["安置房", "棚改"], ["公路"]]. A lone or
    trailing OR is an ordinary word."""
    tokens: list[tuple[str, bool]] = []  # (text, quoted)
    for m in _TOKEN.finditer(query.strip()):
        if m.group(1) is not None:
            phrase = m.group(1).strip().lower()
            if phrase:
                tokens.append((phrase, True))
        else:
            tokens.append((m.group(2), False))
    groups: list[list[str]] = []
    join = False
    for i, (tok, quoted) in enumerate(tokens):
        if not quoted and tok == "OR" and groups and i + 1 < len(tokens):
            join = True
            continue
        word = tok if quoted else tok.lower()
        if join:
            groups[-1].append(word)
        else:
            groups.append([word])
        join = False
    return groups


def query_terms(query: str) -> tuple[list[str], str | None]:
    """The distinct terms of a query, at most MAX_TERMS of them, each at most MAX_TERM_CHARS long, and a
    note saying what was left out (None when nothing was)."""
    groups, note = _bounded(parse_query(query))
    return [t for g in groups for t in g], note


def _bounded(groups: list[list[str]]) -> tuple[list[list[str]], str | None]:
    """The query's groups with repeated terms dropped, terms cut to MAX_TERM_CHARS and at most MAX_TERMS
    terms in all (later ones dropped), and the note saying so."""
    words = [t for g in groups for t in g]
    notes = []
    if any(len(w) > MAX_TERM_CHARS for w in words):
        notes.append(f"words longer than {MAX_TERM_CHARS} characters cut to their first {MAX_TERM_CHARS}")
    seen: set[str] = set()
    out: list[list[str]] = []
    kept = repeated = 0
    distinct = len({w[:MAX_TERM_CHARS] for w in words})
    for g in groups:
        group = []
        for w in g:
            w = w[:MAX_TERM_CHARS]
            if w in seen:
                repeated += 1  # the same word twice asks nothing more
                continue
            seen.add(w)
            if kept < MAX_TERMS:
                group.append(w)
                kept += 1
        if group:
            out.append(group)
    if repeated:
        notes.insert(0, f"{repeated} repeated word(s) searched once")
    if distinct > MAX_TERMS:
        notes.append(f"only the first {MAX_TERMS} of {distinct} distinct words searched")
    return out, ("; ".join(notes) if notes else None)


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


def search(conn: Connection, query: str, *, limit: int = 20, offset: int = 0, report_ids: list[int] | None = None,
           region: str | None = None, year: int | None = None, kind: str | None = None,
           timeout: float | None = None) -> Hits:
    """Passages that match the query (see parse_query), best first: the page ``offset`` … ``offset+limit``
    of them, with the total and the facets of all matches (see Hits). Filters: ``report_ids``; ``region``
    (a report's short or full name or its admin code; see query.region_clause); ``year`` (the report year);
    ``kind`` (the report's doc_type: report, news …). Raises SearchTimeout when the database takes longer
    than ``timeout`` seconds (default DUIXIAN_SEARCH_TIMEOUT or 5)."""
    groups, note = _bounded(parse_query(query))
    terms = [t for g in groups for t in g]
    limit, offset = max(0, limit), max(0, offset)
    if not terms:
        return Hits([], [], note, groups=[], offset=offset, limit=limit)
    window = min(max(RANKED, offset + limit), MAX_RANKED)
    with deadline(conn, timeout_seconds() if timeout is None else timeout):
        match = _Match(conn, groups, report_ids, region, year, kind)
        ranked = match.candidates(window)
        total, capped = match.count(len(ranked), window)
        facets = match.facets(ranked)
        ranked.sort(key=lambda r: (r[2], r[0]))  # score (lower is better on both backends), then storage order
        page = ranked[offset: offset + limit]
        texts = _passages(conn, [r[0] for r in page])
    hits = []
    for pid, _rid, score in page:
        rid, section, s, e, body = texts[pid]
        cut = _snippet(body, groups)
        if cut is None:
            continue  # the index is a pre-filter; the passage text is the truth
        snippet, marks = cut
        hits.append(Hit(rid, pid, section, (s, e), float(score or 0), snippet, marks))
    return Hits(hits, terms, note, groups=groups, total=total, total_capped=capped, facets=facets,
                offset=offset, limit=limit, ranked=len(ranked))


class _Match:
    """The passages matching a query under the filters, as SQL for one backend: the index where every term
    has a word character (a phrase of its tokens, or a prefix for one character), else LIKE over the
    passage text (a term of punctuation only, like "，", has nothing in the index to look up)."""

    def __init__(self, conn: Connection, groups: list[list[str]], report_ids: list[int] | None,
                 region: str | None, year: int | None, kind: str | None) -> None:
        self.conn = conn
        self.params: dict[str, Any] = {}
        where: list[str] = []
        self.score = "0"
        # passage_spans, not the view passages: the index's lookups need only the spans' ids and reports
        self.source = "passage_spans p"
        if not all(_indexed(t) for g in groups for t in g):
            # the text is the report's clean text at the span (migration 0007), sliced in SQL
            self.source = "passage_spans p JOIN reports pr ON pr.id = p.report_id"
            body = passage_text("p", "pr")
            ors = []
            for gi, g in enumerate(groups):
                alts = []
                for ti, term in enumerate(g):
                    self.params[f"t{gi}_{ti}"] = "%" + term.replace("%", "").replace("_", "") + "%"
                    alts.append(f"lower({body}) LIKE :t{gi}_{ti}")
                ors.append("(" + " OR ".join(alts) + ")")
            where += ors
        elif conn.dialect.name == "sqlite" and all(not _grams_of(t) for g in groups for t in g):
            # one-character words only (路, 路 桥, 水 OR 电): the character index, read up to the LIMIT; it
            # holds no positions or counts, so these matches are not ranked (storage order)
            self.params["m"] = " AND ".join("(" + " OR ".join(f'"{_prefix_of(t)}"' for t in g) + ")" for g in groups)
            self.source = f"{CHARS} c JOIN passage_spans p ON p.id = c.rowid"
            where.append(f"{CHARS} MATCH :m")
        elif conn.dialect.name == "sqlite":
            self.params["m"] = " AND ".join("(" + " OR ".join(_fts_phrase(t) for t in g) + ")" for g in groups)
            self.source = "passages_fts f JOIN passage_spans p ON p.id = f.rowid"
            self.score = "bm25(passages_fts)"
            where.append("passages_fts MATCH :m")
        else:
            self.params["q"] = " & ".join("(" + " | ".join(_ts_phrase(t) for t in g) + ")" for g in groups)
            self.score = "-ts_rank_cd(p.grams, CAST(:q AS tsquery))"
            where.append("p.grams @@ CAST(:q AS tsquery)")
        need_report = region is not None or year is not None or kind is not None
        if need_report:
            self.source += " JOIN reports r ON r.id = p.report_id"
            if region is not None:
                from duixian.store.query import region_sql

                where.append(region_sql("r", self.params, region))
            if year is not None:
                where.append("r.report_year = :year")
                self.params["year"] = year
            if kind is not None:
                where.append("r.doc_type = :kind")
                self.params["kind"] = kind
        self.where = " AND ".join(where)
        self.report_ids = report_ids

    def _exec(self, sql: str, extra: dict[str, Any]):
        where = self.where
        params = {**self.params, **extra}
        stmt_sql = sql.replace("{where}", where + (" AND p.report_id IN :ids" if self.report_ids is not None else ""))
        stmt = text(stmt_sql)
        if self.report_ids is not None:
            stmt = stmt.bindparams(bindparam("ids", expanding=True))
            params["ids"] = list(self.report_ids)
        return self.conn.execute(stmt, params)

    def candidates(self, window: int) -> list[tuple[int, int, float]]:
        """(passage id, report id, score) of up to ``window`` matches, in storage order: no ORDER BY, so the
        database stops reading the index after ``window`` of them and scores only those."""
        sql = f"SELECT p.id, p.report_id, {self.score} AS score FROM {self.source} WHERE {{where}} LIMIT :lim"
        return [(r[0], r[1], float(r[2] or 0)) for r in self._exec(sql, {"lim": window})]

    def count(self, ranked: int, window: int) -> tuple[int, bool]:
        """(total, capped): the candidates when they did not fill the window (then they are all the
        matches), else a count that stops at COUNT_CAP; without filters on SQLite it reads the index alone."""
        if ranked < window:
            return ranked, False
        source = self.source
        index = source.split(" ", 1)[0]  # passages_fts or passage_chars, when the index drives the search
        if self.where == f"{index} MATCH :m" and self.report_ids is None:
            sql = f"SELECT count(*) FROM (SELECT rowid FROM {index} WHERE {index} MATCH :m LIMIT :cap) m"
        else:
            sql = f"SELECT count(*) FROM (SELECT p.id FROM {source} WHERE {{where}} LIMIT :cap) m"
        n = self._exec(sql, {"cap": COUNT_CAP + 1}).scalar_one()
        return min(n, COUNT_CAP), n > COUNT_CAP

    def facets(self, ranked: list[tuple[int, int, float]]) -> dict[str, list[tuple[Any, int]]]:
        """Region, year and kind of the ranked matches, top values first (one lookup of their reports)."""
        per_report: dict[int, int] = {}
        for _pid, rid, _score in ranked:
            per_report[rid] = per_report.get(rid, 0) + 1
        counts: dict[str, dict[Any, int]] = {k: {} for k in FACETS}
        if per_report:
            stmt = text("SELECT id, region, region_full, report_year, doc_type FROM reports WHERE id IN :ids"
                        ).bindparams(bindparam("ids", expanding=True))
            for rid, reg, full, yr, kind in self.conn.execute(stmt, {"ids": list(per_report)}):
                n = per_report[rid]
                for key, value in (("region", reg or full), ("year", yr), ("kind", kind)):
                    if value is not None:
                        counts[key][value] = counts[key].get(value, 0) + n
        return {k: sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))[:FACET_TOP] for k, c in counts.items()}


def _grams_of(term: str) -> list[str | None]:
    """The term's pair tokens, gaps (None) where it has punctuation, without leading or trailing gaps."""
    g = pair_tokens(term)
    while g and g[0] is None:
        g.pop(0)
    while g and g[-1] is None:
        g.pop()
    return g


def _prefix_of(term: str) -> str | None:
    """The character a term with no pair token (路, “路) is looked up by: its one word character, as a
    prefix of the index's tokens; None when the term has no word character (it is searched with LIKE)."""
    low = term.lower()
    chars = [c for c, w in zip(low, _words(low), strict=True) if w]
    return chars[-1] if chars else None


def _indexed(term: str) -> bool:
    return bool(_grams_of(term)) or _prefix_of(term) is not None


def _fts_phrase(term: str) -> str:
    # tokens hold word characters only and the gap token is a plain word, so no quoting is needed inside
    grams = _grams_of(term)
    if not grams:
        return f'"{_prefix_of(term)}" *'
    return '"' + " ".join(g or _GAP for g in grams) + '"'


def _ts_phrase(term: str) -> str:
    # the tsvector keeps no gap entries (positions skip them), so a gap widens the distance operator
    grams = _grams_of(term)
    if not grams:
        return f"('{_prefix_of(term)}':*)"
    parts: list[str] = []
    dist = 0
    for g in grams:
        dist += 1
        if g is None:
            continue
        g_sql = "'" + g.replace("'", "''").replace("\\", "\\\\") + "'"
        parts.append(g_sql if not parts else f"<{dist}> {g_sql}")
        dist = 0
    return "(" + " ".join(parts) + ")"


def _passages(conn: Connection, ids: list[int]) -> dict[int, tuple[int, str | None, int, int, str]]:
    if not ids:
        return {}
    stmt = text("SELECT id, report_id, section, span_start, span_end, text FROM passages WHERE id IN :ids"
                ).bindparams(bindparam("ids", expanding=True))
    return {r[0]: tuple(r[1:]) for r in conn.execute(stmt, {"ids": ids})}  # type: ignore[misc]


def _snippet(body: str, groups: list[list[str]], width: int = 36) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """A window of the passage around the first place of each group's first-found term, with every term
    marked in it; None when a group has no term in the passage."""
    low = body.lower()
    found = []
    for g in groups:
        places = [(low.find(t), t) for t in g if low.find(t) >= 0]
        if not places:
            return None
        found.append(min(places))
    terms = [t for g in groups for t in g]
    start = max(0, min(i for i, _ in found) - width)
    end = min(len(body), max(i + len(t) for i, t in found) + width)
    prefix = "…" if start > 0 else ""
    snippet = prefix + body[start:end] + ("…" if end < len(body) else "")
    marks = []
    for t in terms:
        pos = low.find(t, start, end)
        while pos != -1 and pos + len(t) <= end:
            marks.append((pos - start + len(prefix), pos - start + len(prefix) + len(t)))
            pos = low.find(t, pos + len(t), end)
    return snippet, tuple(sorted(set(marks)))
