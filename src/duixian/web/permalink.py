"""Permalinks a journalist can cite: one URL per report, per record and per 兑现 verdict.

Reports are named by a prefix of their content hash, records by their extractor id (a hash of the report's
content hash, the kind and the span) and verdicts by the id of the plan item they rate; none of them is a
database row number, so a link stays true in another copy of the corpus and across re-ingests of the
same file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, select

from duixian.errors import NoPairError, NotInDatabaseError
from duixian.store import schema as t
from duixian.store.db import is_readonly
from duixian.store.query import REPORT_COLUMNS
from duixian.store.verdicts import find_pair
from duixian.web import views

Rate = Callable[[Engine, str, int], dict[str, Any]]  # (engine, region, year) -> card, as track_stored
SHA_CHARS = 12  # a report permalink's hash prefix: unique in any corpus this tool will hold
# record ids are kind[0] + 15 hex digits (extract/records.py); the first letter names the table(s)
TABLES_BY_LETTER = {"t": ("targets",), "a": ("actuals",), "p": ("pledges", "projects"), "g": ("glossary",)}


class NoSuchRecordError(NotInDatabaseError):
    code = "NO_SUCH_RECORD"
    hint = "check the link; a record id is a letter and 15 hexadecimal digits, as in /records/p117b68eabbd51c0"


class NoSuchVerdictError(NotInDatabaseError):
    code = "NO_SUCH_VERDICT"
    hint = ("check the link: a verdict's id is the id of a target or pledge in the plan its region-year's 成绩单 "
            "rates, and that year's review must be stored")


def _well_formed(rid: str) -> bool:
    return len(rid) == 16 and rid[0] in TABLES_BY_LETTER and all(c in "0123456789abcdef" for c in rid[1:])


def report_link(meta: dict[str, Any]) -> str:
    return f"/reports/{meta['sha256'][:SHA_CHARS]}"


def _meta(engine: Engine, report_id: int) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(select(*REPORT_COLUMNS).where(t.reports.c.id == report_id)).one()
    return dict(row._mapping)


def _public(meta: dict[str, Any]) -> dict[str, Any]:
    """What a citation needs of a report: never the local path it was read from."""
    keys = ("region", "region_full", "admin_code", "level", "report_year", "review_year", "date", "doc_type",
            "title", "speaker", "speaker_title", "sha256")
    return {k: meta.get(k) for k in keys} | {"permalink": report_link(meta)}


def _section_title(engine: Engine, report_id: int, section: str | None) -> str | None:
    if not section:
        return None
    s = t.sections.c
    with engine.connect() as conn:
        row = conn.execute(select(s.number, s.title).where(s.report_id == report_id, s.section_id == section)).first()
    return views.heading(row.number, row.title) if row else None


def record(engine: Engine, rid: str, rate: Rate | None = None) -> dict[str, Any]:
    """A record by its id: its fields and spans, its section's heading, its report and the verdict on it.

    The verdict is the one its permalink shows (:func:`verdict`'s own lookup): the latest stored one, else
    the item rated as its 成绩单 rates it (``rate``; on a read-only server computed and never written)."""
    if not _well_formed(rid):
        raise NoSuchRecordError(f"{rid[:40]!r} is not a record id")
    for kind in TABLES_BY_LETTER[rid[0]]:
        table = t.RECORD_TABLES[kind]
        with engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.record_id == rid).order_by(table.c.id).limit(1)).first()
        if row is not None:
            break
    else:
        raise NoSuchRecordError(f"no stored record {rid}")
    m = dict(row._mapping)
    meta = _meta(engine, m["report_id"])
    # "type" is the record table; a target has a "kind" field of its own (growth, level …)
    rec = {"type": kind, **views.record_json(kind, m), "section_title": _section_title(engine, meta["id"], m["section"])}
    # only a target or pledge is rated; the other kinds skip the lookups
    rated = (_stored(engine, rid) or _rated_now(engine, rid, rate)) if kind in ("targets", "pledges") else None
    verdicts = [] if rated is None else [{"status": rated["status"], "permalink": f"/verdicts/{rid}",
                                          "stored": rated["created_at"] is not None}]
    return {"record": rec, "report": _public(meta), "permalink": f"/records/{rid}",
            "reader": f"{report_link(meta)}#rec-{rid}", "verdicts": verdicts, "_report_id": meta["id"]}


def _stored(engine: Engine, rid: str) -> dict[str, Any] | None:
    v = t.verdicts.c
    with engine.connect() as conn:
        row = conn.execute(select(t.verdicts).where(v.item_record_id == rid)
                           .order_by(v.created_at.desc(), v.id.desc()).limit(1)).first()
    return dict(row._mapping) if row is not None else None


def _rated_now(engine: Engine, rid: str, rate: Rate | None) -> dict[str, Any] | None:
    """The verdict on an item whose region-year has no stored verdicts, rated as its 成绩单 rates it.

    The item's report must be the document the 成绩单 of its region-year rates (``find_pair``'s choice,
    the same as ``duixian track --all``'s), so the page says what that command would store. On a server
    that writes the rating is stored, as the 成绩单's first view stores it; on a read-only one it is
    computed (``rate``: the web context's, which keeps it for the next view) and never written."""
    from duixian.track.run import track_stored

    plan_id = None
    for kind in ("targets", "pledges"):  # the kinds a 成绩单 rates
        table = t.RECORD_TABLES[kind]
        with engine.connect() as conn:
            plan_id = conn.execute(select(table.c.report_id).where(table.c.record_id == rid)
                                   .order_by(table.c.id).limit(1)).scalar()
        if plan_id is not None:
            break
    if plan_id is None:
        return None
    plan = _meta(engine, plan_id)
    region, year = plan.get("region") or plan.get("region_full") or plan.get("admin_code"), plan.get("report_year")
    if not region or year is None:
        return None
    try:
        plan_row, review_row = find_pair(engine, region, year)
        if plan_row["id"] != plan_id:
            return None  # another document of the year is the one its 成绩单 rates
        card = (rate or track_stored)(engine, region, year)
    except NoPairError:
        return None
    if not is_readonly(engine):
        return _stored(engine, rid)
    it = next((x for x in card["items"] if x["id"] == rid), None)
    if it is None:
        return None
    return {"plan_report_id": plan_row["id"], "review_report_id": review_row["id"], "item_kind": it["kind"],
            "category": it.get("category"), "item_quote": it["quote"], "item_start": it["span"][0],
            "item_end": it["span"][1], "item_raw_start": it["raw_span"][0], "item_raw_end": it["raw_span"][1],
            "status": it["status"], "evidence_json": json.dumps(it["evidence"], ensure_ascii=False),
            "reason": it["reason"], "confidence": it["confidence"], "stale": 0, "stale_reason": None,
            "created_at": None}


def verdict(engine: Engine, rid: str, rate: Rate | None = None) -> dict[str, Any]:
    """The latest rating of a plan item: status, reason, evidence in the review report, and both reports."""
    if not _well_formed(rid):
        raise NoSuchVerdictError(f"{rid[:40]!r} is not an item id")
    m = _stored(engine, rid) or _rated_now(engine, rid, rate)
    if m is None:
        raise NoSuchVerdictError(f"no verdict on item {rid}: it is not a rated item of a stored plan and review")
    plan, review = _meta(engine, m["plan_report_id"]), _meta(engine, m["review_report_id"])
    evidence = json.loads(m["evidence_json"] or "[]")
    for ev in evidence:  # where each evidence sentence sits in the review report
        ev["link"] = f"{report_link(review)}#pos-{ev['span'][0]}"
    item = {"kind": m["item_kind"], "id": rid, "category": m["category"], "quote": m["item_quote"],
            "span": [m["item_start"], m["item_end"]], "raw_span": [m["item_raw_start"], m["item_raw_end"]],
            "status": m["status"], "evidence": evidence, "reason": m["reason"], "confidence": m["confidence"],
            "stale": bool(m["stale"]), "stale_reason": m["stale_reason"], "rated_at": m["created_at"],
            "stored": m["created_at"] is not None}
    region = plan.get("region") or plan.get("region_full")
    card = f"/track/{quote(region)}/{plan['report_year']}#item-{rid}" if region and plan.get("report_year") else None
    return {"verdict": item, "plan": _public(plan), "review": _public(review), "permalink": f"/verdicts/{rid}",
            "record": f"/records/{rid}", "scorecard": card, "_report_id": plan["id"]}


def public(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON twin: the page data without the keys only the page needs."""
    return {k: v for k, v in data.items() if not k.startswith("_")}
