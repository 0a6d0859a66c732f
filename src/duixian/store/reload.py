"""Rebuilding a stored report's extraction, for work that needs more than its rows (tracking).

The original file is read again when it is still where it was ingested from and has the same content
hash; otherwise the stored raw text is run through the pipeline.  Either way the clean text must equal the
stored one, or the stored spans would point at different characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from duixian.errors import DuixianError, SourceChangedError
from duixian.extract import Extraction, extract
from duixian.model import RawText, Source
from duixian.offsets import Tracked
from duixian.pipeline import parse_document


def _from_file(row: dict[str, Any]) -> Extraction | None:
    from duixian.corpus import file_sha
    from duixian.pipeline import extract_file

    p = Path(row["path"])
    if not p.is_file() or file_sha(p) != row["sha256"]:
        return None

    try:
        return extract_file(p)
    except DuixianError:
        return None


def _from_raw(row: dict[str, Any], raw_text: str) -> Extraction:
    from duixian.clean import clean

    src = Source(path=row["path"], sha256=row["sha256"], format=row.get("format") or "txt",
                 encoding=row.get("encoding"), size=len(raw_text.encode()))
    return extract(parse_document(clean(RawText(src, raw_text, Tracked.identity(raw_text)))))


def extraction_of(row: dict[str, Any], clean_text: str, raw_text: str) -> Extraction:
    """The extraction of a stored report (``row`` from the reports table, with its two texts)."""
    ex = _from_file(row)
    if ex is None or ex.sd.text != clean_text:
        # the file's reading is not the stored one (a row of a multi-report CSV, whose stored raw text is the
        # row's field while the file is read as one text; or a cleaner that changed since): the stored raw
        # text is what the stored spans index
        ex = _from_raw(row, raw_text)
    if ex.sd.text != clean_text:
        raise SourceChangedError("re-extracting the stored report gave a different clean text", path=row["path"])
    return ex
