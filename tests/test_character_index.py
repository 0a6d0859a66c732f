"""Migration 0010's character index (SQLite): a query of one-character words reads ``passage_chars``, one term per
character read up to the LIMIT, instead of a prefix query of ``passages_fts`` (whose cost grew with the corpus:
docs/store.md, "Search"). Answers stay exact; the writer keeps the index in step through ingest, ``--force``
and ``delete``; the migration goes down and up on SQLite and PostgreSQL (where it changes nothing)."""

from __future__ import annotations

import importlib
import os
from collections import Counter

import pytest
from sqlalchemy import event, text
from tests.conftest import fresh_database

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.db import HEAD, _alembic_config, schema_revision
from duixian.store.search import CHARS_DDL, char_entry, search
from duixian.store.write import remove_report

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
M10 = importlib.import_module("duixian.store.migrations.versions.0010_character_index")

REPORTS = {
    "示例县2024.txt": """示例县2024年政府工作报告
各位代表：
一、2023年工作回顾
全县完成水、电、路改造，新建公路12公里。
农村道路全面硬化，修桥3座，GDP增长5.5%。
二、2024年工作安排
推进安置房建设，交付安置房500套。
加快水利设施建设，完成投资2亿元，力争年内修好路
""",
    "示例区2024.txt": """示例区2024年政府工作报告
一、2023年工作回顾
地区生产总值增长6%，新建桥梁2座，改造供水管网。
二、2024年工作安排
实施电网改造工程，新建充电桩100个。
""",
}
QUERIES = ("路", "桥", "路 桥", "路 OR 桥", "水 电", "县", "5", "g", "龘")


def _ingested(backend: str, tmp_path):
    files = []
    for name, body in REPORTS.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
        files.append(tmp_path / name)
    eng = open_engine(fresh_database(backend, tmp_path, PG), announce=False)
    assert not ingest(eng, files).failed
    return eng


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    eng = _ingested(request.param, tmp_path)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path):
    """The character index is SQLite's (PostgreSQL answers one-character words from its GIN index)."""
    eng = _ingested("sqlite", tmp_path)
    yield eng
    eng.dispose()


def _texts(conn) -> dict[int, str]:
    return {i: (t or "").lower() for i, t in conn.execute(text("SELECT id, text FROM passages"))}


def _want(texts: dict[int, str], q: str) -> set[int]:
    groups = [[w] for w in q.split() if w != "OR"]  # a term is matched whole: “路” needs its quotes
    if " OR " in q:
        groups = [[g[0] for g in groups]]
    return {i for i, body in texts.items() if all(any(w.lower() in body for w in g) for g in groups)}


def test_the_migration_keeps_frozen_copies() -> None:
    assert M10._DDL == CHARS_DDL
    for s in ("安置房，公路GDP增长5.5%", "", "a_b", "Ünïcode 测试", "水、电、路"):
        assert M10._entry(s) == char_entry(s)
    assert char_entry("水、电、路，路Ab") == " ".join(sorted("水电路ab"))  # each character once, lower-cased


def test_one_character_queries_are_exact(engine) -> None:
    with engine.connect() as conn:
        texts = _texts(conn)
        for q in QUERIES:
            hits = search(conn, q, limit=100)
            want = _want(texts, q)
            assert {h.passage_id for h in hits} == want and hits.total == len(want), q
        year = search(conn, "路", region="示例区", limit=100)  # filters still apply
        assert {h.passage_id for h in year} == {i for i in _want(texts, "路")
                                                 if conn.execute(text("SELECT r.region FROM passages p JOIN reports r "
                                                                      "ON r.id = p.report_id WHERE p.id = :i"),
                                                                 {"i": i}).scalar() == "示例区"}


def test_sqlite_reads_the_character_index_not_a_prefix_query(sqlite_engine) -> None:
    engine = sqlite_engine
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: seen.append(f"{a[2]} {a[3]}"))
    with engine.connect() as conn:
        for q in ("路", "路 桥", "水 OR 电"):
            seen.clear()
            assert search(conn, q).total
            assert any("passage_chars MATCH" in s for s in seen), q
            assert not any('" *' in s or "passages_fts" in s for s in seen), (q, seen)
        seen.clear()
        search(conn, "公路 路")  # a longer word in the query: the bigram index, as before
        assert any("passages_fts MATCH" in s for s in seen)


def _vocabulary(conn) -> Counter[str]:
    conn.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.chars_vocab USING fts5vocab(main, passage_chars, row)")
    return Counter(dict(conn.exec_driver_sql("SELECT term, doc FROM temp.chars_vocab").all()))


def _expected(conn) -> Counter[str]:
    want: Counter[str] = Counter()
    for body in _texts(conn).values():
        want.update(char_entry(body).split())
    return want


def test_the_writer_keeps_the_index_in_step(sqlite_engine, tmp_path) -> None:
    engine = sqlite_engine
    with engine.connect() as conn:
        assert _vocabulary(conn) == _expected(conn) != Counter()
    first = sorted(tmp_path.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "新建跨河大桥1座。\n", encoding="utf-8")
    assert not ingest(engine, [first], force=True).failed  # a changed file: a new report beside the other
    with engine.connect() as conn:
        rid = conn.execute(text("SELECT min(id) FROM reports")).scalar()
    remove_report(engine, rid)  # its passages' rows leave the index through FTS5's 'delete'
    with engine.connect() as conn:
        assert _vocabulary(conn) == _expected(conn)
        assert _want(_texts(conn), "桥") == {h.passage_id for h in search(conn, "桥", limit=100)}


def test_migration_0010_goes_down_and_up(engine) -> None:
    from alembic import command

    with engine.connect() as conn:
        before = {q: [(h.passage_id, h.snippet) for h in search(conn, q, limit=100)] for q in QUERIES}
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0009")
    assert schema_revision(engine) == "0009"
    with engine.connect() as conn:
        names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars()) \
            if engine.dialect.name == "sqlite" else set()
    assert "passage_chars" not in names
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    assert schema_revision(engine) == HEAD == "0010"
    with engine.connect() as conn:
        assert {q: [(h.passage_id, h.snippet) for h in search(conn, q, limit=100)] for q in QUERIES} == before
        if engine.dialect.name == "sqlite":
            assert _vocabulary(conn) == _expected(conn)
