from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_available() -> bool:
    return (CORPUS / "raw").is_dir() and (CORPUS / "gold").is_dir()


def gold_docs() -> list[dict]:
    if not corpus_available():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "gold").glob("0*.json"))]


def raw_path(doc_id: str) -> Path:
    return next((CORPUS / "raw").glob(f"{doc_id}.*"))


def raw_files() -> list[Path]:
    return sorted((CORPUS / "raw").iterdir()) if corpus_available() else []


needs_corpus = pytest.mark.skipif(not corpus_available(), reason="../shared/corpus is not beside the checkout")


def reset_postgres(url: str) -> str:
    """The test server's public schema dropped and made again, so a test starts from an empty database."""
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()
    return url


def fresh_database(backend: str, tmp_path: Path, pg_url: str | None, name: str = "c.db") -> str:
    """An empty database of this backend: a new SQLite file under ``tmp_path``, or the emptied test server."""
    if backend == "sqlite":
        return str(tmp_path / name)
    assert pg_url, "DUIXIAN_TEST_PG must be set for the PostgreSQL cases"
    return reset_postgres(pg_url)


@pytest.fixture
def meta_of(tmp_path: Path):
    """The metadata read from a text written to a file, as a report on disk is read (test_meta, test_reading12)."""
    from duixian.meta import read_meta
    from duixian.pipeline import clean_file

    def read(text: str):
        path = tmp_path / "report.txt"
        path.write_text(text, encoding="utf-8")
        return read_meta(clean_file(path))

    return read
