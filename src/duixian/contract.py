"""The JSON shapes of ``duixian parse|extract --json`` (schema ``duixian.extract/1``).

Keep these stable: checks outside the project read them.  Extend only by adding keys.
"""

from __future__ import annotations

from typing import Any

from duixian.model import Document, ReportMeta, StructuredDocument

SCHEMA = "duixian.extract/1"


def source_json(doc: Document) -> dict[str, Any]:
    s = doc.source
    return {
        "path": s.path,
        "sha256": s.sha256,
        "format": s.format,
        "encoding": s.encoding,
        "script": doc.script,
        "chars": len(doc.text),
        "raw_chars": len(doc.raw),
        "warnings": list(doc.warnings),
    }


def report_json(meta: ReportMeta) -> dict[str, Any]:
    return {
        "region": meta.region,
        "region_full": meta.region_full,
        "admin_code": meta.admin_code,
        "level": meta.level,
        "report_year": meta.report_year,
        "review_year": meta.review_year,
        "date": meta.date,
        "meeting": meta.meeting,
        "speaker": meta.speaker,
        "speaker_title": meta.speaker_title,
        "doc_type": meta.doc_type,
        "title": meta.title,
    }


def sections_json(sd: StructuredDocument) -> list[dict[str, Any]]:
    doc = sd.doc
    return [
        {
            "id": s.id,
            "number": s.number,
            "title": s.title,
            "role": s.role,
            "level": s.level,
            "parent": s.parent,
            "span": [s.start, s.end],
            "raw_span": list(doc.raw_span(s.start, s.end)),
        }
        for s in sd.sections
    ]


def paragraphs_json(sd: StructuredDocument) -> list[dict[str, Any]]:
    doc = sd.doc
    return [
        {
            "span": [p.start, p.end],
            "raw_span": list(doc.raw_span(p.start, p.end)),
            "section": p.section,
            "lead": list(p.lead) if p.lead else None,
            "sentences": [[s.start, s.end] for s in p.sentences],
        }
        for p in sd.paragraphs
    ]


def parse_json(sd: StructuredDocument, *, spans: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "source": source_json(sd.doc),
        "report": report_json(sd.report),
        "sections": sections_json(sd),
    }
    if spans:
        out["paragraphs"] = paragraphs_json(sd)
    return out
