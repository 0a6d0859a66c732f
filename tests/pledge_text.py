"""The pledges a report text gives, read from a file as users hand them in (the pledge tests share it)."""

from __future__ import annotations

from pathlib import Path

from duixian.clean import clean
from duixian.extract import extract
from duixian.ingest import read_raw
from duixian.pipeline import parse_document


def pledges_of(tmp_path: Path, text: str) -> list[str]:
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return [x.text for x in extract(parse_document(clean(read_raw(p)))).pledges]
