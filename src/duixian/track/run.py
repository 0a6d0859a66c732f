"""Tracking as the CLI and the web run it: on two files, or on a region-year of the corpus database."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine

from duixian.contract import TRACK_SCHEMA, stored_report_json, track_json
from duixian.track import DEFAULT_TOLERANCE, track
from duixian.track.model import STATUSES


def track_files(plan: str | os.PathLike[str], review: str | os.PathLike[str], *,
                tolerance: float = DEFAULT_TOLERANCE) -> dict[str, Any]:
    from duixian.pipeline import extract_file

    return track_json(track(extract_file(plan), extract_file(review), tolerance=tolerance))


def _card(plan: dict[str, Any], review: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    counts = dict.fromkeys(STATUSES, 0)
    for it in items:
        counts[it["status"]] += 1
    return {"schema": TRACK_SCHEMA, "plan": stored_report_json(plan), "review": stored_report_json(review),
            "counts": counts, "items": items}


def track_stored(engine: Engine, region: str, year: int, *, tolerance: float = DEFAULT_TOLERANCE) -> dict[str, Any]:
    """Rate the stored plan of ``year`` against the stored review of it; the verdicts replace earlier ones."""
    from duixian.store.reload import extraction_of
    from duixian.store.verdicts import find_pair, save_verdicts, texts

    plan_row, review_row = find_pair(engine, region, year)
    plan = extraction_of(plan_row, *texts(engine, plan_row["id"]))
    review = extraction_of(review_row, *texts(engine, review_row["id"]))
    items = track_json(track(plan, review, tolerance=tolerance))["items"]
    save_verdicts(engine, plan_row["id"], review_row["id"], items, tolerance)
    return _card(plan_row, review_row, items)


def stored_card(engine: Engine, region: str, year: int) -> dict[str, Any] | None:
    """The 成绩单 from stored verdicts, or None when this region-year has not been tracked."""
    from duixian.store.verdicts import find_pair, load_items

    plan_row, review_row = find_pair(engine, region, year)
    items = load_items(engine, plan_row["id"], review_row["id"])
    return _card(plan_row, review_row, items) if items else None
