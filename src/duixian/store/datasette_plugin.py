"""Datasette plugin for duixian databases: Chinese full-text search with a plain ``?_search=``.

duixian indexes Chinese text as overlapping character bigrams (store/search.py), because SQLite's stock
tokenizers cannot find words in unspaced Chinese: ``安置房`` is stored as the tokens ``安置 置房``.
Datasette's ``?_search=`` turns the query into an FTS5 phrase with its ``escape_fts()`` SQL function
(``"安置房"``), which the index's tokenizer reads as the single token ``安置房``, found nowhere. This plugin
replaces ``escape_fts()``, on connections to duixian databases only, by one that writes each word as the
phrase of its bigrams (``"安置 置房"``): a row matches exactly when its indexed text contains the word, for
any word of two or more characters (公路 as well as 安置房). Words separated by spaces or punctuation
must all occur (AND). A one-character word becomes a prefix query (rows where the character is followed by a letter or digit:
every row returned contains it, a row where it stands only before punctuation is missed).

It also registers ``duixian_match(q)``, the same translation, for SQL of one's own::

    select * from passages_fts where passages_fts match duixian_match('安置房') order by rank

The file is self-contained (Datasette and the standard library only), so ``datasette publish
--plugins-dir`` can ship it without duixian. ``duixian datasette-metadata --plugins-dir DIR`` writes it.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

GAP = "qxq"  # duixian's token for a pair that spans punctuation (store/search.py: _GAP)


def grams(s: str) -> list[str]:
    """The bigram tokens duixian indexes for s: a copy of duixian.store.search.sqlite_grams (tests check
    that they agree), kept here so the plugin runs where duixian is not installed."""
    s = s.lower()
    word = [c.isalnum() or c == "_" for c in s]
    return [s[i : i + 2] if word[i] and word[i + 1] else GAP for i in range(len(s) - 1)]


def fts_query(query: str) -> str:
    """An FTS5 query over duixian's bigram index that matches rows containing every word of ``query``."""
    # punctuation separates words like a space does: a pair across it is only a gap token, which would
    # match any punctuation anywhere
    words = "".join(c if c.isalnum() or c == "_" else " " for c in query.lower()).split()
    phrases = [f'"{" ".join(grams(w))}"' if len(w) > 1 else f'"{w}" *' for w in words]
    return " ".join(phrases) or '""'  # nothing to look for: an empty phrase, which matches nothing


def _is_duixian(conn: sqlite3.Connection) -> bool:
    try:
        names = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE name IN ('passages_fts', 'alembic_version', 'reports')")}
    except sqlite3.Error:
        return False
    return names == {"passages_fts", "alembic_version", "reports"}


@hookimpl(trylast=True)  # after Datasette's own prepare_connection, which registers the stock escape_fts
def prepare_connection(conn: sqlite3.Connection) -> None:
    if not _is_duixian(conn):
        return  # other databases served alongside keep Datasette's own search
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
    conn.create_function("duixian_match", 1, fts_query, deterministic=True)
