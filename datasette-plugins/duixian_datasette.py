"""Datasette plugin for duixian databases: Chinese full-text search with a plain ``?_search=``.

duixian indexes Chinese text as overlapping character bigrams (store/search.py), because SQLite's stock
tokenizers cannot find words in unspaced Chinese: ``安置房`` is stored as the tokens ``安置 置房``.
Datasette's ``?_search=`` turns the query into an FTS5 phrase with its ``escape_fts()`` SQL function
(``"安置房"``), which the index's tokenizer reads as the single token ``安置房``, found nowhere. This plugin
replaces ``escape_fts()``, on connections to duixian databases only, by one that writes each word as the
phrase of its bigrams (``"安置 置房"``): a row matches exactly when its indexed text contains the word, for
any word of two or more characters (公路 as well as 安置房). Words separated by spaces or punctuation
must all occur (AND). A one-character word becomes a prefix query: every place a character stands starts
one of the index's tokens (itself with the next character, or itself alone before punctuation or at the
end), so the rows returned are exactly those that contain it.

It also registers ``duixian_match(q)``, the same translation, for SQL of one's own::

    select * from passages_fts where passages_fts match duixian_match('安置房') order by rank

The file is self-contained (Datasette and the standard library only), so ``datasette publish
--plugins-dir`` can ship it without duixian. ``duixian datasette-metadata --plugins-dir DIR`` writes it.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

GAP = "qxq"  # duixian's token for a non-word character (store/search.py: _GAP)


def grams(s: str) -> list[str]:
    """The tokens duixian indexes for s: a copy of duixian.store.search.sqlite_grams (tests check that
    they agree), kept here so the plugin runs where duixian is not installed."""
    s = s.lower()
    out = _pairs(s)
    if s and (s[-1].isalnum() or s[-1] == "_"):
        out.append(s[-1])  # the last character alone, so that every character starts a token
    return out


def _pairs(s: str) -> list[str]:
    """A token per pair of neighbouring characters of lower-cased s: what a word is looked up by."""
    word = [c.isalnum() or c == "_" for c in s]
    return [(s[i : i + 2] if word[i + 1] else s[i]) if word[i] else GAP for i in range(len(s) - 1)]


def fts_query(query: str) -> str:
    """An FTS5 query over duixian's index that matches rows containing every word of ``query``."""
    # punctuation separates words like a space does: a pair across it is only a gap token, which would
    # match any punctuation anywhere
    words = "".join(c if c.isalnum() or c == "_" else " " for c in query.lower()).split()
    phrases = [f'"{" ".join(_pairs(w))}"' if len(w) > 1 else f'"{w}" *' for w in words]
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
