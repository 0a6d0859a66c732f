"""Tracking as the CLI and the web run it: on two files, or on a region-year of the corpus database."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from duixian.contract import TRACK_SCHEMA, report_json, source_json, stored_report_json, track_json
from duixian.errors import DuixianError, InternalError
from duixian.track import DEFAULT_TOLERANCE, track
from duixian.track.model import STATUSES
from duixian.track.pair import PairWarning, pair_warnings
from duixian.track.rules import Rules


def rules(tolerance: float, rule_set: Rules | None = None) -> dict[str, Any]:
    """The rule set a card was rated on, as numbers and as one Chinese sentence for the 成绩单."""
    return (rule_set or Rules(tolerance=tolerance)).as_dict()


def summary(items: list[dict[str, Any]], tolerance: float, rule_set: Rules | None = None) -> dict[str, Any]:
    """How many items a card rates, by kind, how many found evidence, and on what rules."""
    return {
        "items": len(items),
        "targets": sum(it["kind"] == "target" for it in items),
        "pledges": sum(it["kind"] == "pledge" for it in items),
        "with_evidence": sum(bool(it["evidence"]) for it in items),
        # indirect evidence is a re-pledge in the next year's plan, not a report of what was done
        "with_direct_evidence": sum(any(e.get("direct", True) for e in it["evidence"]) for it in items),
        "rules": rules(tolerance, rule_set),
    }


def track_files(plan: str | os.PathLike[str], review: str | os.PathLike[str], *,
                tolerance: float = DEFAULT_TOLERANCE, force: bool = False, rule_set: Rules | None = None) -> dict[str, Any]:
    """Rate two files; PairMismatchError when they are not the same place's plan and review (unless ``force``)."""
    from duixian.pipeline import extract_file

    p, r = extract_file(plan), extract_file(review)
    # checked before rating: the metadata is all it needs, and a refused pair should cost nothing more
    warnings = pair_warnings({**report_json(p.sd.report), "source": source_json(p.sd.doc)},
                             {**report_json(r.sd.report), "source": source_json(r.sd.doc)}, force=force)
    card = track_json(track(p, r, tolerance=tolerance, rules=rule_set))
    return {**card, "summary": summary(card["items"], tolerance, rule_set), **_warned(warnings)}


def _warned(warnings: list[PairWarning]) -> dict[str, list[str]]:
    """The card's ``warnings`` (English text) and, parallel to them, their ``warning_codes`` for a page to word."""
    return {"warnings": [w.text for w in warnings], "warning_codes": [w.code for w in warnings]}


def _card(plan: dict[str, Any], review: dict[str, Any], items: list[dict[str, Any]], tolerance: float,
          warnings: list[PairWarning]) -> dict[str, Any]:
    counts = dict.fromkeys(STATUSES, 0)
    for it in items:
        counts[it["status"]] += 1
    return {"schema": TRACK_SCHEMA, "plan": stored_report_json(plan), "review": stored_report_json(review),
            "counts": counts, "items": items, "summary": summary(items, tolerance), **_warned(warnings)}


def track_stored(engine: Engine, region: str, year: int, *, tolerance: float = DEFAULT_TOLERANCE,
                 force: bool = False) -> dict[str, Any]:
    """Rate the stored plan of ``year`` against the stored review of it; the verdicts replace earlier ones."""
    from duixian.store.verdicts import find_pair

    plan_row, review_row = find_pair(engine, region, year)
    return _rate_stored(engine, plan_row, review_row, tolerance=tolerance, force=force)


def _rate_stored(engine: Engine, plan_row: dict[str, Any], review_row: dict[str, Any], *, tolerance: float,
                 force: bool = False, extractions: dict[int, Any] | None = None) -> dict[str, Any]:
    from duixian.store.reload import extraction_of
    from duixian.store.verdicts import save_verdicts, texts

    # find_pair chose the pair by region and year, but the check also catches a pair whose rows disagree
    # (two regions under one name) and says when a year is unknown
    warnings = pair_warnings(plan_row, review_row, force=force)
    cache = extractions if extractions is not None else {}
    for row in (plan_row, review_row):
        if row["id"] not in cache:
            cache[row["id"]] = extraction_of(row, *texts(engine, row["id"]))
    items = track_json(track(cache[plan_row["id"]], cache[review_row["id"]], tolerance=tolerance))["items"]
    save_verdicts(engine, plan_row["id"], review_row["id"], items, tolerance)
    return _card(plan_row, review_row, items, tolerance, warnings)


def stored_card(engine: Engine, region: str, year: int) -> dict[str, Any] | None:
    """The 成绩单 from stored verdicts, or None when this region-year has not been tracked."""
    from duixian.store.verdicts import find_pair, load_items, stored_tolerance

    plan_row, review_row = find_pair(engine, region, year)
    items = load_items(engine, plan_row["id"], review_row["id"])
    if not items:
        return None
    tolerance = stored_tolerance(engine, plan_row["id"], review_row["id"])
    return _card(plan_row, review_row, items, DEFAULT_TOLERANCE if tolerance is None else tolerance,
                 pair_warnings(plan_row, review_row, force=True))


ALL_SCHEMA = "duixian.track-all/1"


def _tally(into: dict[str, Any], card: dict[str, Any]) -> None:
    s = card["summary"]
    for k in ("items", "targets", "pledges", "with_evidence", "with_direct_evidence"):
        into[k] += s[k]
    for k, n in card["counts"].items():
        into["counts"][k] += n


def _blank(region: str | None) -> dict[str, Any]:
    return {"region": region, "pairs": 0, "failed": 0, "items": 0, "targets": 0, "pledges": 0, "with_evidence": 0,
            "with_direct_evidence": 0, "counts": dict.fromkeys(STATUSES, 0)}


def _share(d: dict[str, Any]) -> None:
    d["evidence_share"] = round(d["with_evidence"] / d["items"], 3) if d["items"] else None
    d["direct_evidence_share"] = round(d["with_direct_evidence"] / d["items"], 3) if d["items"] else None


def track_all(engine: Engine, *, tolerance: float = DEFAULT_TOLERANCE,
              progress: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Rate every consecutive pair stored in the database and store each pair's verdicts (one transaction each).

    A pair that fails (a source that changed, a bug) is reported in ``failures`` and the run goes on; its
    earlier verdicts are left as they were.  Returns one ``duixian.track-all/1`` object with a summary per
    region (pairs, items, share of items with evidence, counts per status) and one line per pair.
    """
    from duixian.store.verdicts import consecutive_pairs
    from duixian.track.pair import place

    started = time.perf_counter()
    pairs = consecutive_pairs(engine)
    regions: dict[str, dict[str, Any]] = {}
    lines: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    # a report is the review of year N and usually the plan of N+1: keep the last few extractions so that
    # each report is rebuilt once, not twice (pairs come sorted by place and year)
    cache: dict[int, Any] = {}
    for plan_row, review_row in pairs:
        key = place(plan_row) or "?"
        # the newest name labels the place (徐水区, not the 徐水县 of the older reports)
        reg = regions.setdefault(key, _blank(review_row.get("region")))
        reg["region"] = review_row.get("region") or reg["region"]
        line: dict[str, Any] = {"region": review_row.get("region"), "year": plan_row["report_year"],
                                "plan": {"report_id": plan_row["id"], "path": plan_row.get("path")},
                                "review": {"report_id": review_row["id"], "path": review_row.get("path")}}
        t0 = time.perf_counter()
        try:
            card = _rate_stored(engine, plan_row, review_row, tolerance=tolerance, extractions=cache)
        except Exception as exc:
            if os.environ.get("DUIXIAN_DEBUG"):
                raise
            err = exc if isinstance(exc, DuixianError) else InternalError(f"{type(exc).__name__}: {exc}",
                                                                            path=plan_row.get("path"))
            line["error"] = err.as_dict()
            reg["failed"] += 1
            failures.append(line)
        else:
            reg["pairs"] += 1
            _tally(reg, card)
            line.update({k: card["summary"][k] for k in ("items", "targets", "pledges", "with_evidence",
                                                         "with_direct_evidence")},
                        counts=card["counts"], warnings=card["warnings"],
                        warning_codes=card["warning_codes"])
        line["seconds"] = round(time.perf_counter() - t0, 3)
        lines.append(line)
        for rid in [r for r in cache if r not in (plan_row["id"], review_row["id"])]:
            del cache[rid]
        if progress is not None:
            progress(line)
    totals = _blank(None)
    for reg in regions.values():
        _share(reg)
        totals["pairs"] += reg["pairs"]
        totals["failed"] += reg["failed"]
        for k in ("items", "targets", "pledges", "with_evidence", "with_direct_evidence"):
            totals[k] += reg[k]
        for k, n in reg["counts"].items():
            totals["counts"][k] += n
    _share(totals)
    del totals["region"]
    return {"schema": ALL_SCHEMA, "tolerance": tolerance, "rules": rules(tolerance),
            "seconds": round(time.perf_counter() - started, 2), "totals": totals,
            "regions": sorted(regions.values(), key=lambda d: (-d["pairs"], d["region"] or "")),
            "pairs": lines, "failures": failures}
