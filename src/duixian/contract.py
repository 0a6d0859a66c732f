"""The JSON shapes of ``duixian parse|extract --json`` (schema ``duixian.extract/1``).

Keep these stable: checks outside the project read them.  Extend only by adding keys.
"""

from __future__ import annotations

from typing import Any

from duixian.model import Document, ReportMeta, StructuredDocument
from duixian.track.model import DOUBTS

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


def parse_json(sd: StructuredDocument, *, spans: bool = False, parts: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "source": source_json(sd.doc),
        "report": report_json(sd.report),
        "sections": sections_json(sd),
    }
    if spans:
        out["paragraphs"] = paragraphs_json(sd)
    if parts:
        out["parts"] = parts_json(sd)
    return out


def parts_json(sd: StructuredDocument) -> list[dict[str, Any]]:
    """Every sentence with its part, how sure that is and why (``duixian parse --parts``)."""
    return [{"span": [p.start, p.end], "raw_span": list(sd.doc.raw_span(p.start, p.end)), "part": p.part,
             "confidence": p.confidence, "why": p.why, "text": sd.text[p.start : p.end]} for p in sd.parts]


def _grounded(r: Any) -> dict[str, Any]:
    return {"quote": r.quote, "span": list(r.span), "raw_span": list(r.raw_span)}


def target_json(t: Any) -> dict[str, Any]:
    return {"id": t.id, "metric": t.metric, "metric_raw": t.metric_raw, "kind": t.target_kind, "value": t.value,
            "low": t.low, "high": t.high, "unit": t.unit, "qualifier": t.qualifier, "year": t.year,
            **_grounded(t), "section": t.section, "confidence": t.confidence, "basis": t.basis, "horizon": t.horizon}


def actual_json(a: Any) -> dict[str, Any]:
    return {"id": a.id, "metric": a.metric, "metric_raw": a.metric_raw, "year": a.year, "value": a.value,
            "unit": a.unit, "growth_pct": a.growth_pct, "rank": a.rank, **_grounded(a), "section": a.section,
            "estimate": a.estimate, "confidence": a.confidence, "basis": a.basis}


def pledge_json(p: Any) -> dict[str, Any]:
    return {"id": p.id, "category": p.category, "text": p.text,
            "quantities": [{"value": q.value, "unit": q.unit, "object": q.object} for q in p.quantities],
            "deadline": p.deadline, "deadline_raw": p.deadline_raw, **_grounded(p), "section": p.section,
            "confidence": p.confidence, "basis": p.basis}


def project_json(p: Any) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "investment": p.investment, "unit": p.unit, "status": p.status,
            **_grounded(p), "section": p.section, "confidence": p.confidence, "basis": p.basis}


def glossary_json(g: Any) -> dict[str, Any]:
    return {"id": g.id, "term": g.term, "definition": g.definition, **_grounded(g), "section": g.section,
            "confidence": g.confidence, "basis": g.basis}


def extract_json(x: Any) -> dict[str, Any]:
    """The full ``duixian extract --json`` object for an Extraction."""
    out = parse_json(x.sd)
    out["targets"] = [target_json(t) for t in x.targets]
    out["horizon_targets"] = [target_json(t) for t in x.horizon_targets]
    out["actuals"] = [actual_json(a) for a in x.actuals]
    out["pledges"] = [pledge_json(p) for p in x.pledges]
    out["projects"] = [project_json(p) for p in x.projects]
    out["glossary"] = [glossary_json(g) for g in x.glossary]
    return out


TRACK_SCHEMA = "duixian.track/1"


def stored_report_json(row: dict[str, Any]) -> dict[str, Any]:
    """A stored report (reports table row) in the same shape as ``report_json`` plus ``source``."""
    out = {k: row.get(k) for k in report_json(ReportMeta())}
    out["report_id"] = row["id"]
    out["source"] = {k: row.get(k) for k in ("path", "sha256", "format", "encoding", "script", "chars")}
    return out


def track_json(tr: Any) -> dict[str, Any]:
    """The ``duixian track --json`` object (schema ``duixian.track/1``)."""
    return {
        "schema": TRACK_SCHEMA,
        "plan": {**report_json(tr.plan.sd.report), "source": source_json(tr.plan.sd.doc)},
        "review": {**report_json(tr.review.sd.report), "source": source_json(tr.review.sd.doc)},
        "counts": tr.counts(),
        "items": [
            {"kind": v.kind, "id": v.item_id, "category": v.category, "quote": v.quote, "span": list(v.span),
             "raw_span": list(v.raw_span), "status": v.status,
             "evidence": [{"quote": e.quote, "span": list(e.span), "raw_span": list(e.raw_span), "direct": e.direct}
                          for e in v.evidence],
             "reason": v.reason, "confidence": v.confidence,
             # added by verdicts6: why to check this verdict first, as codes and in words (track/model.py DOUBTS)
             "doubts": list(v.doubts), "doubts_zh": [DOUBTS[d] for d in v.doubts]}
            for v in tr.verdicts
        ],
    }
