"""兑现 verdicts in the database: finding a region-year's plan and review, storing and reading verdicts."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Engine, delete, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError

from duixian.errors import NoPairError, StoreError
from duixian.store import schema as t
from duixian.store.query import REPORT_COLUMNS


def _region_match(region: str):
    r = t.reports.c
    return or_(r.region == region, r.region_full == region, r.admin_code == region)


def _best(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    # a full report beats a news summary or 解读 of it; then the first stored
    rows = sorted(rows, key=lambda m: (m["doc_type"] != "report", m["id"]))
    return rows[0] if rows else None


def find_pair(engine: Engine, region: str, year: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document that plans ``year`` for ``region`` and the report that reviews it."""
    r = t.reports.c
    with engine.connect() as conn:
        plans = [dict(m._mapping) for m in conn.execute(
            select(*REPORT_COLUMNS).where(_region_match(region), r.report_year == year))]
        reviews = [dict(m._mapping) for m in conn.execute(
            select(*REPORT_COLUMNS).where(_region_match(region), r.review_year == year, r.doc_type == "report"))]
    plan, review = _best(plans), _best(reviews)
    if plan is None:
        raise NoPairError(f"no stored document plans {year} for {region!r}")
    if review is None:
        raise NoPairError(f"no stored report reviews {year} for {region!r} (the report given in {year + 1})")
    if (plan.get("admin_code") or plan.get("region_full")) != (review.get("admin_code") or review.get("region_full")):
        raise NoPairError(f"{region!r} names two different regions ({plan.get('region_full')} / "
                          f"{review.get('region_full')}); give the full name or the admin code")
    return plan, review


def texts(engine: Engine, report_id: int) -> tuple[str, str]:
    with engine.connect() as conn:
        row = conn.execute(select(t.reports.c.clean_text, t.reports.c.raw_text).where(t.reports.c.id == report_id)).one()
    return row[0], row[1]


def save_verdicts(engine: Engine, plan_id: int, review_id: int, items: list[dict[str, Any]],
                  tolerance: float) -> int:
    """Replace the verdicts of this plan/review pair with ``items`` (track-contract items), atomically."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows = []
    for it in items:
        ev = it["evidence"][0] if it["evidence"] else None
        rows.append({
            "plan_report_id": plan_id, "review_report_id": review_id, "item_kind": it["kind"],
            "item_record_id": it["id"], "category": it.get("category"), "item_quote": it["quote"],
            "item_start": it["span"][0], "item_end": it["span"][1],
            "item_raw_start": it["raw_span"][0], "item_raw_end": it["raw_span"][1],
            "status": it["status"], "reason": it["reason"], "confidence": it["confidence"],
            "evidence_quote": ev["quote"] if ev else None,
            "evidence_start": ev["span"][0] if ev else None, "evidence_end": ev["span"][1] if ev else None,
            "evidence_raw_start": ev["raw_span"][0] if ev else None,
            "evidence_raw_end": ev["raw_span"][1] if ev else None,
            "evidence_direct": (1 if ev["direct"] else 0) if ev else None,
            "evidence_json": json.dumps(it["evidence"], ensure_ascii=False),
            "tolerance": tolerance, "created_at": now,
        })
    v = t.verdicts.c
    try:
        with engine.begin() as conn:
            conn.execute(delete(t.verdicts).where(v.plan_report_id == plan_id, v.review_report_id == review_id))
            if rows:
                conn.execute(insert(t.verdicts), rows)
    except SQLAlchemyError as exc:
        raise StoreError(f"could not store verdicts: {str(exc).splitlines()[0]}") from exc
    return len(rows)


def load_items(engine: Engine, plan_id: int, review_id: int) -> list[dict[str, Any]]:
    """Stored verdicts of a pair as track-contract items, in plan order."""
    v = t.verdicts.c
    with engine.connect() as conn:
        rows = conn.execute(select(t.verdicts).where(v.plan_report_id == plan_id, v.review_report_id == review_id)
                            .order_by(v.item_start, v.id)).all()
    return [
        {"kind": m.item_kind, "id": m.item_record_id, "category": m.category, "quote": m.item_quote,
         "span": [m.item_start, m.item_end], "raw_span": [m.item_raw_start, m.item_raw_end], "status": m.status,
         "evidence": json.loads(m.evidence_json or "[]"), "reason": m.reason, "confidence": m.confidence}
        for m in rows
    ]


def tracked_pairs(engine: Engine) -> list[dict[str, Any]]:
    """Every plan/review pair with stored verdicts: region, year and the two report ids."""
    v, r = t.verdicts.c, t.reports.c
    q = (select(v.plan_report_id, v.review_report_id, r.region, r.region_full, r.admin_code, r.report_year)
         .join(t.reports, r.id == v.plan_report_id).distinct().order_by(r.region, r.report_year))
    with engine.connect() as conn:
        return [dict(m._mapping) for m in conn.execute(q)]
