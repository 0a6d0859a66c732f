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
