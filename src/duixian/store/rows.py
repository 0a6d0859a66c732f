"""An extraction as plain rows for the corpus tables (no database here: this runs in the workers)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from duixian.contract import actual_json, glossary_json, pledge_json, project_json, report_json, target_json
from duixian.extract import Extraction
from duixian.extract.registry import extractors


@dataclass(frozen=True)
class ReportRows:
    """Everything one report puts in the database, written in one transaction."""

    report: dict[str, Any]
    sections: list[dict[str, Any]]
    records: dict[str, list[dict[str, Any]]]  # table name → rows
    passages: list[dict[str, Any]]


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


def to_rows(x: Extraction) -> ReportRows:
    sd = x.sd
    doc = sd.doc
    src = doc.source
    report = report_json(sd.report)
    report.update(
        sha256=src.sha256,
        path=src.path,
        format=src.format,
        encoding=src.encoding,
        script=doc.script,
        chars=len(doc.text),
        clean_text=doc.text,
        raw_text=doc.raw,
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
    return ReportRows(report=report, sections=sections, records=records, passages=passages)
