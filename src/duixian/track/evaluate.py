"""Verdict accuracy against hand-rated plan → review pairs (PAIRS.json in the gold folder)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from duixian.evaluate import locate, raw_for
from duixian.pipeline import extract_file
from duixian.track import COARSE, DEFAULT_TOLERANCE, Verdict, track

_EVIDENCED = ("kept", "exceeded", "partial")
# The gold README names verdicts in PolitiFact's words where the status scale has its own: read both.
GOLD_ALIASES = {"broken": "not_kept", "in_the_works": "in_progress", "compromise": "partial"}


def gold_status(verdict: str) -> str:
    """A gold verdict on the project's status scale (unknown names pass through and count as wrong)."""
    v = verdict.strip().lower()
    return GOLD_ALIASES.get(v, v)


@dataclass
class PairScore:
    plan: str
    review: str
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TrackReport:
    pairs: list[PairScore]

    def rows(self) -> list[dict[str, Any]]:
        return [r for p in self.pairs for r in p.rows]

    def totals(self) -> dict[str, Any]:
        rows = self.rows()
        n = len(rows)
        ev = [r for r in rows if r["gold"] in _EVIDENCED and r["gold_evidence"]]
        confusion = Counter((r["gold"], r["pred"]) for r in rows)
        return {
            "verdicts": n,
            "status_accuracy": round(sum(r["gold"] == r["pred"] for r in rows) / n, 4) if n else 0.0,
            "coarse_accuracy": round(sum(COARSE.get(r["gold"], "?!") == COARSE.get(r["pred"], "?") for r in rows) / n, 4) if n else 0.0,
            "evidence_recall": round(sum(r["evidence_found"] for r in ev) / len(ev), 4) if ev else 0.0,
            "evidence_items": len(ev),
            "unmatched_items": sum(r["pred"] == "no_item" for r in rows),
            "confusion": {f"{g}→{p}": c for (g, p), c in sorted(confusion.items())},
        }

    def per_pair(self) -> list[dict[str, Any]]:
        """The totals of each pair on its own (a gain on one pair cannot hide a loss on another)."""
        out = []
        for p in self.pairs:
            t = TrackReport([p]).totals()
            out.append({"plan": p.plan, "review": p.review, **{k: t[k] for k in (
                "verdicts", "status_accuracy", "coarse_accuracy", "evidence_recall", "evidence_items")}})
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"schema": "duixian.eval-track/1", "totals": self.totals(), "per_pair": self.per_pair(),
                "pairs": [{"plan": p.plan, "review": p.review, "rows": p.rows} for p in self.pairs]}


def _best_item(verdicts: tuple[Verdict, ...], spans: list[tuple[int, int]]) -> Verdict | None:
    best, score = None, 0
    for v in verdicts:
        for s, e in spans:
            ov = min(v.raw_span[1], e) - max(v.raw_span[0], s)
            if ov > score:
                best, score = v, ov
    return best


def evaluate_pairs(raw_dir: str | Path, gold_dir: str | Path, *, tolerance: float = DEFAULT_TOLERANCE) -> TrackReport:
    raw_dir, gold_dir = Path(raw_dir), Path(gold_dir)
    pairs_file = gold_dir / "PAIRS.json"
    if not pairs_file.exists():
        return TrackReport([])
    out = []
    for pair in json.loads(pairs_file.read_text(encoding="utf-8")):
        plan = extract_file(raw_for(raw_dir, pair["plan"]))
        review = extract_file(raw_for(raw_dir, pair["review"]))
        tr = track(plan, review, tolerance=tolerance)
        score = PairScore(pair["plan"], pair["review"])
        for g in pair["verdicts"]:
            item = _best_item(tr.verdicts, locate(plan.sd.doc.raw, g["pledge_quote"]))
            gold_ev = locate(review.sd.doc.raw, g["evidence_quote"]) if g.get("evidence_quote") else []
            found = item is not None and any(
                min(e.raw_span[1], ge) > max(e.raw_span[0], gs) for e in item.evidence for gs, ge in gold_ev
            )
            score.rows.append({
                "pledge_quote": g["pledge_quote"], "gold": gold_status(g["verdict"]), "pred": item.status if item else "no_item",
                "gold_evidence": g.get("evidence_quote"), "pred_evidence": item.evidence[0].quote if item and item.evidence else None,
                "evidence_found": found, "reason": item.reason if item else None,
            })
        out.append(score)
    return TrackReport(out)
