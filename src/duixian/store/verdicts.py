"""兑现 verdicts in the database: finding a region-year's plan and review, storing and reading verdicts."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Engine, delete, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError

from duixian.errors import NoPairError, StoreError
from duixian.store import schema as t
from duixian.store.db import begin_write, is_readonly
from duixian.store.query import REPORT_COLUMNS
from duixian.store.query import texts as texts  # a report's clean and raw text: tracking reads them from here
from duixian.track.pair import place, same_place


def _named(row: dict[str, Any], region: str, where: str | None) -> bool:
    # the name as stored, or the same place under another name (徐水县 when asked for 徐水区)
    return region in (row.get("region"), row.get("region_full"), row.get("admin_code")) or (
        where is not None and place(row) == where)


# a full report beats a plan-execution report, which beats a document metadata could not classify (a report
# cut from a spreadsheet cell without its title reads as "other"), which beats a news summary or 解读
_RANK = {"report": 0, "plan_execution": 1, "news": 3}


def _best(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    rows = sorted(rows, key=lambda m: (_RANK.get(m["doc_type"], 2), m["id"]))  # then the first stored
    return rows[0] if rows else None


def _reviews(year_col: Any) -> Any:
    # a news piece restates a report, it is not the government's own review; anything else may be
    r = t.reports.c
    return select(*REPORT_COLUMNS).where(year_col, or_(r.doc_type.is_(None), r.doc_type != "news"))


def find_pair(engine: Engine, region: str, year: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document that plans ``year`` for ``region`` and the report that reviews it.

    ``region`` is a stored name, full name or admin code; a county renamed a district is found under
    either name (the plan of 2011 stored as 徐水县, the review as 徐水区)."""
    r = t.reports.c
    where = place({"region": region}) if not region.isdigit() else region
    if where is not None and where.startswith("~"):
        where = None  # not a division the table knows: match the stored names only
    with engine.connect() as conn:
        # the year narrows the rows to a handful; the place test runs in Python
        plans = [m for m in (dict(x._mapping) for x in conn.execute(
            select(*REPORT_COLUMNS).where(r.report_year == year))) if _named(m, region, where)]
        reviews = [m for m in (dict(x._mapping) for x in conn.execute(
            _reviews(r.review_year == year))) if _named(m, region, where)]
    plan, review = _best(plans), _best(reviews)
    if plan is None:
        raise NoPairError(f"no stored document plans {year} for {region!r}")
    if review is None:
        raise NoPairError(f"no stored report reviews {year} for {region!r} (the report given in {year + 1})")
    if same_place(plan, review) is False:
        raise NoPairError(f"{region!r} names two different regions ({plan.get('region_full')} / "
                          f"{review.get('region_full')}); give the full name or the admin code")
    return plan, review


def consecutive_pairs(engine: Engine) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every stored plan of year N with the stored report reviewing N of the same place, by place and year.

    One pair per place and year (the same choice as ``find_pair``), so a year stored from several sources
    is rated once.  Places are keyed as ``track.pair.place`` keys them: a renamed county is one place."""
    r = t.reports.c
    with engine.connect() as conn:
        rows = [dict(m._mapping) for m in conn.execute(select(*REPORT_COLUMNS).order_by(r.id))]
    plans: dict[tuple[str, int], list[dict[str, Any]]] = {}
    reviews: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for m in rows:
        key = place(m)
        if key is None:
            continue  # a document that does not say where it is cannot be paired
        if m.get("report_year") is not None:
            plans.setdefault((key, m["report_year"]), []).append(m)
        if m.get("review_year") is not None and m.get("doc_type") != "news":
            reviews.setdefault((key, m["review_year"]), []).append(m)
    out = []
    for key in sorted(plans.keys() & reviews.keys()):
        plan, review = _best(plans[key]), _best(reviews[key])
        if plan is not None and review is not None and plan["id"] != review["id"]:
            out.append((plan, review))
    return out


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
    if is_readonly(engine):
        # a read-only server (duixian serve without uploads) rates a pair on its page and shows the card,
        # but a command that reads never writes: `duixian track` stores verdicts
        return len(rows)
    try:
        with begin_write(engine) as conn:
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


def stored_tolerance(engine: Engine, plan_id: int, review_id: int) -> float | None:
    """The tolerance the stored verdicts of a pair were rated with (one per pair: a re-run replaces them all)."""
    v = t.verdicts.c
    with engine.connect() as conn:
        return conn.execute(select(v.tolerance).where(v.plan_report_id == plan_id, v.review_report_id == review_id)
                            .limit(1)).scalar()
