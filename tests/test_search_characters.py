"""One-character words are found through the search index (migration 0008), exactly, on both backends.

Every word character of an indexed text starts a token (itself with the next character, or itself alone
before punctuation, a space or the end), so a one-character word is a prefix query of the index and a
longer word the phrase of its pair tokens. The index used to have no token for a character before
punctuation, and a one-character search sliced every passage out of its report's text."""

from __future__ import annotations

import importlib
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event, text
from tests.conftest import fresh_database

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.db import _alembic_config, schema_revision
from duixian.store.search import _grams_of, _indexed, _prefix_of, index_tokens, pair_tokens, search, sqlite_grams

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
if os.environ.get("CI") and not PG:
    BACKENDS[1] = "postgresql"

M8 = importlib.import_module("duixian.store.migrations.versions.0008_search_characters")
CHARS = "路桥水电气县安置房公路改造Ab5_，。、 （）\n"


def _answers(passage: str, term: str) -> bool:
    """What the index answers for ``term`` on a passage, worked out on the token lists: a phrase of the
    term's pair tokens in a row, or a token that starts with its one word character."""
    tokens = index_tokens(passage)
    grams = _grams_of(term)
    if not grams:
        c = _prefix_of(term)
        return any(t is not None and t.startswith(c) for t in tokens)  # type: ignore[arg-type]
    n = len(grams)
    return any(tokens[i : i + n] == grams for i in range(len(tokens) - n + 1))


def test_every_word_character_starts_a_token() -> None:
    assert index_tokens("水、电、路") == ["水", None, "电", None, "路"]
    assert index_tokens("公路，桥") == ["公路", "路", None, "桥"]
    assert index_tokens("GDP增长") == ["gd", "dp", "p增", "增长", "长"]
    assert pair_tokens("安置房") == ["安置", "置房"]  # a query's tokens: pairs only, no end token
    assert index_tokens("") == [] and index_tokens("。") == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=CHARS, max_size=40), st.text(alphabet=CHARS, min_size=1, max_size=5))
def test_the_index_never_misses_a_passage_that_holds_the_word(passage: str, term: str) -> None:
    if _indexed(term) and term.lower() in passage.lower():
        assert _answers(passage, term)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=CHARS, max_size=40), st.sampled_from([c for c in CHARS if c.isalnum() or c == "_"]))
def test_one_character_is_answered_exactly(passage: str, c: str) -> None:
    assert _answers(passage, c) == (c.lower() in passage.lower())


def test_the_migration_keeps_a_frozen_copy_of_the_tokens() -> None:
    for s in ("安置房，公路GDP增长5.5%", "", "a", "Ünïcode 测试_x", "水、电、路", "路"):
        assert M8._sqlite(M8._new_tokens(s)) == sqlite_grams(s)


REPORT = """示例县2024年政府工作报告
各位代表：
一、2023年工作回顾
全县完成水、电、路改造，新建公路12公里。
农村道路全面硬化，修桥3座。
二、2024年工作安排
推进安置房建设，交付安置房500套。
加快水利设施建设，完成投资2亿元，力争年内修好路
"""


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    f = tmp_path / "示例县2024.txt"
    f.write_text(REPORT, encoding="utf-8")
    eng = open_engine(fresh_database(request.param, tmp_path, PG), announce=False)
    assert not ingest(eng, [f]).failed
    yield eng
    eng.dispose()


def _like(conn, words: list[str]) -> set[int]:
    where = " AND ".join(f"lower(text) LIKE :w{i}" for i in range(len(words)))
    params = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    return {r[0] for r in conn.execute(text(f"SELECT id FROM passages WHERE {where}"), params)}


def test_one_character_words_are_found_through_the_index(engine) -> None:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    with engine.connect() as conn:
        for q in ("路", "桥", "路 桥", "路 OR 桥", "水 电", "县", "5", "龘"):
            seen.clear()
            hits = search(conn, q, limit=50)
            assert not any(" LIKE " in s for s in seen), q  # the index answered, no scan of the texts
            words = [w for w in q.split() if w != "OR"]
            want = set.union(*(_like(conn, [w]) for w in words)) if "OR" in q else _like(conn, words)
            assert {h.passage_id for h in hits} == want and hits.total == len(want), q
        # the passage where 路 stands only before punctuation (水、电、路改造 has 路改 too), or at the end
        assert _like(conn, ["修好路"]) <= {h.passage_id for h in search(conn, "路", limit=50)}
        assert search(conn, "，", limit=5).total > 0  # punctuation alone still searches the texts


def test_downgrade_and_upgrade_keep_the_results(engine) -> None:
    from alembic import command

    def results(q: str) -> list[tuple[int, str]]:
        with engine.connect() as conn:
            return [(h.passage_id, h.snippet) for h in search(conn, q, limit=50)]

    before = {q: results(q) for q in ("安置房", "公路", "路", "路 桥")}
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0007")
    assert schema_revision(engine) == "0007"
    assert results("安置房") == before["安置房"] and results("公路") == before["公路"]  # old tokens, same words
    with engine.connect() as conn:  # the old tokens are back: 路 at the end of a passage began none
        end = _like(conn, ["修好路"])
        # the index itself (search() reads migration 0010's character index for 路, which 0007 lacks)
        prefix = set(conn.exec_driver_sql("SELECT rowid FROM passages_fts WHERE passages_fts MATCH '\"路\" *'")
                     .scalars()) if conn.dialect.name == "sqlite" else {pid for pid, _ in results("路")}
    assert end and not end & prefix
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    assert {q: results(q) for q in before} == before
