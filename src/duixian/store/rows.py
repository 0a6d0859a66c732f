"""An extraction as plain rows for the corpus tables (no database here: this runs in the workers).

Also what decides, before anything is written, which report a text is (its fingerprint) and whether it
is a report at all (``not_a_report``), and how one file becomes several reports (a CSV with one report
per row).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from duixian.contract import actual_json, glossary_json, pledge_json, project_json, report_json, target_json
from duixian.errors import DuixianError, NotAReportError
from duixian.extract import Extraction, extract
from duixian.extract.registry import extractors
from duixian.model import RawText, Source
from duixian.offsets import Tracked
from duixian.store.rawpack import pack


@dataclass(frozen=True)
class ReportRows:
    """Everything one report puts in the database, written in one transaction."""

    report: dict[str, Any]
    sections: list[dict[str, Any]]
    records: dict[str, list[dict[str, Any]]]  # table name → rows
    passages: list[dict[str, Any]]
    # the file (or CSV row) it was read from: a row of the sources table, without report_id and added_at
    source: dict[str, Any] = field(default_factory=dict)
    # The search index's rows, made where the extraction ran (with_search) so the single writer only writes:
    # the dialect they were made for, one index entry per passage (same order), and on SQLite one per
    # record of each table in RECORD_FTS (same order as ``records``). Empty: the writer makes them itself.
    search_dialect: str | None = None
    passage_grams: list[str] = field(default_factory=list)
    passage_chars: list[str] = field(default_factory=list)  # SQLite: each passage's character-index entry
    record_grams: dict[str, list[str]] = field(default_factory=dict)


def with_search(rows: ReportRows, dialect: str) -> ReportRows:
    """The rows with their search-index entries for ``dialect`` ("sqlite" or "postgresql") made: the
    CPU-heavy part of indexing, done in the worker rather than in the writer."""
    from dataclasses import replace

    from duixian.store.search import RECORD_FTS, char_entry, index_entry

    grams = [index_entry(dialect, p["text"]) for p in rows.passages]
    rec: dict[str, list[str]] = {}
    chars: list[str] = []
    if dialect == "sqlite":
        rec = {name: [index_entry(dialect, r.get("quote") or "") for r in rows.records.get(name, [])]
               for name in RECORD_FTS}
        chars = [char_entry(p["text"]) for p in rows.passages]
    return replace(rows, search_dialect=dialect, passage_grams=grams, passage_chars=chars, record_grams=rec)


_JSON_OF = {
    "targets": target_json,
    "actuals": actual_json,
    "pledges": pledge_json,
    "projects": project_json,
    "glossary": glossary_json,
}


def _record_row(d: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in d.items() if k not in ("id", "span", "raw_span")}
    row["record_id"] = d["id"]
    row["span_start"], row["span_end"] = d["span"]
    row["raw_start"], row["raw_end"] = d["raw_span"]
    if "quantities" in row:
        row["quantities"] = json.dumps(row["quantities"], ensure_ascii=False)
    return row


_WS = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
MIN_CJK = 20  # as for a CSV field: fewer is a label or a stray line; short real notes with evidence pass
MIN_CJK_SHARE = 0.3  # of CJK + Latin letters; reports with English terms (GDP, PM2.5, 5G) stay far above


def fingerprint(clean_text: str) -> str:
    """The report's identity: SHA-256 of its clean text with every whitespace character removed.

    The clean text, not the file: a GB18030 and a UTF-8 file, a .docx and a .txt of the same report clean
    to the same characters, while their bytes share nothing.  Whitespace goes because line breaks and
    paragraph breaks are what differ most between formats (a .docx paragraph vs. hard-wrapped lines) and
    never carry the report's content.  Migration 0003 holds a frozen copy of this function."""
    return hashlib.sha256(_WS.sub("", clean_text).encode("utf-8")).hexdigest()


def not_a_report(x: Extraction) -> NotAReportError | None:
    """Why this text is not a Chinese work report, or None when it may be one.

    Deliberately lenient (no hard gates): a text is refused only when it is mostly not Chinese, has almost
    no Chinese at all, or shows none of what every report or news piece about one has (a region, a year, a
    target or a figure of the year under review).  Storing such a text would add a row with region ``?``
    that every panel and search then carries."""
    text = x.sd.text
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    if cjk < MIN_CJK_SHARE * (cjk + latin):
        return NotAReportError(f"the text is mostly Latin letters ({latin} letters, {cjk} Chinese characters): "
                               "an English text, perhaps a translation of a report")
    if cjk < MIN_CJK:
        return NotAReportError(f"only {cjk} Chinese characters: a label or a stray line, not a report")
    r = x.sd.report
    if not (r.region or r.report_year or r.review_year or x.targets or x.actuals):
        return NotAReportError(f"Chinese text ({cjk} characters) without report evidence: no region, no year, "
                               "no targets and no figures of a year under review")
    return None


def to_rows(x: Extraction, source: dict[str, Any] | None = None) -> ReportRows:
    sd = x.sd
    doc = sd.doc
    src = doc.source
    report = report_json(sd.report)
    report.update(
        sha256=src.sha256,
        fingerprint=fingerprint(doc.text),
        path=src.path,
        format=src.format,
        encoding=src.encoding,
        script=doc.script,
        chars=len(doc.text),
        clean_text=doc.text,
        raw_z=pack(doc.raw, doc.text),  # compressed here, in the worker: the writer only writes
        extractors=json.dumps({e.name: e.version for e in extractors()}),
    )
    sections = []
    for s in sd.sections:
        rs, re_ = doc.raw_span(s.start, s.end)
        sections.append(
            {"section_id": s.id, "number": s.number, "title": s.title, "role": s.role, "level": s.level,
             "parent": s.parent, "span_start": s.start, "span_end": s.end, "raw_start": rs, "raw_end": re_}
        )
    records = {kind: [_record_row(fn(r)) for r in getattr(x, kind)] for kind, fn in _JSON_OF.items()}
    for kind, rows in records.items():
        report[f"n_{kind}"] = len(rows)
    passages = [
        {"section": p.section, "span_start": p.start, "span_end": p.end, "text": doc.text[p.start : p.end]}
        for p in sd.paragraphs
        if p.end > p.start
    ]
    base = {"path": src.path, "sha256": src.sha256, "part": 0, "format": src.format, "encoding": src.encoding}
    return ReportRows(report=report, sections=sections, records=records, passages=passages,
                      source={**base, **(source or {})})


def _label(path: str, part: int) -> str:
    return f"{path} [row {part}]" if part else path


def file_rows(path: str, dialect: str | None = None) -> list[tuple[str, ReportRows | DuixianError]]:
    """(label, rows or error) for every report in a file: one, or one per row of a multi-report CSV.

    Runs in an ingest worker.  Errors come back as values so one bad CSV row never hides the others.
    A CSV with one report row keeps its whole decoded file as raw text (as ``duixian text --raw`` shows
    it); in a CSV with several, each row's raw text is its own field, or every report would store the whole
    corpus, and the report's ``sha256`` is that field's, so record ids stay apart between rows."""
    from duixian.clean import clean
    from duixian.ingest import read_raw
    from duixian.ingest.csvfield import report_rows
    from duixian.pipeline import parse_document

    try:
        raw = read_raw(path)
        parts: list[tuple[RawText, dict[str, Any]]] = [(raw, {})]
        if raw.source.format == "csv":
            found, warnings = report_rows(raw.text, path=path)
            meta = [{"url": r.url, "publish_date": r.publish_date, "title": r.title} for r in found]
            if len(found) == 1:
                parts = [(raw, meta[0])]
            else:
                file_sha = raw.source.sha256
                parts = [(_row_raw(raw, r.text, warnings), {**m, "sha256": file_sha, "part": r.row})
                         for r, m in zip(found, meta, strict=True)]
    except DuixianError as exc:
        return [(path, exc)]
    out: list[tuple[str, ReportRows | DuixianError]] = []
    for raw_i, src in parts:
        label = _label(path, src.get("part", 0))
        try:
            x = extract(parse_document(clean(raw_i)))
            refused = not_a_report(x)
            if refused is not None:
                raise refused
            rows = to_rows(x, src)
            out.append((label, with_search(rows, dialect) if dialect else rows))
        except DuixianError as exc:
            exc.path = exc.path if exc.path and exc.path != path else label
            out.append((label, exc))
    return out


def _row_raw(raw: RawText, text: str, warnings: tuple[str, ...]) -> RawText:
    data = text.encode("utf-8")
    src = Source(path=raw.source.path, sha256=hashlib.sha256(data).hexdigest(), format="csv",
                 encoding=raw.source.encoding, size=len(data))
    return RawText(src, text, Tracked.identity(text), (), warnings)
