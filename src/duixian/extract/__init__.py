"""Extraction: StructuredDocument → grounded records (targets, actuals, pledges, projects, glossary)."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from duixian.extract.context import Context, grounding_checker
from duixian.extract.records import Actual, GlossaryEntry, Pledge, Project, Record, Target
from duixian.extract.registry import Extractor, extractors, register
from duixian.model import StructuredDocument

KINDS = ("targets", "actuals", "pledges", "projects", "glossary")
_SPAN = attrgetter("span")


@dataclass(frozen=True)
class Extraction:
    sd: StructuredDocument
    targets: tuple[Target, ...]
    actuals: tuple[Actual, ...]
    pledges: tuple[Pledge, ...]
    projects: tuple[Project, ...]
    glossary: tuple[GlossaryEntry, ...]
    # goals of a plan period (“十五五”时期…年均增长6%以上), kept apart so that ``targets`` are the year's own
    horizon_targets: tuple[Target, ...] = ()

    def records(self, kind: str) -> tuple[Record, ...]:
        return getattr(self, kind)


def extract(sd: StructuredDocument, only: tuple[str, ...] | None = None) -> Extraction:
    """Run every registered extractor (or those producing ``only``) and check each record's grounding."""
    ctx = Context(sd)
    check = grounding_checker(sd, ctx.raw_span)
    found: dict[str, list[Record]] = {k: [] for k in KINDS}
    for ex in extractors():
        if only is not None and ex.produces not in only:
            continue
        kept = found.setdefault(ex.produces, [])
        for rec in ex.run(ctx):  # a sequence, or any iterable a third-party extractor yields
            check(rec)
            kept.append(rec)
    ordered = {k: tuple(sorted(_dedupe(v), key=_SPAN)) for k, v in found.items()}
    targets = ordered["targets"]
    ordered["targets"] = tuple(t for t in targets if getattr(t, "horizon", None) is None)
    horizon = tuple(t for t in targets if getattr(t, "horizon", None) is not None)
    # each kind's tuple holds that kind's records (an extractor produces one kind)
    return Extraction(sd, **{k: ordered[k] for k in KINDS}, horizon_targets=horizon)  # type: ignore[arg-type]


def _dedupe(records: list[Record]) -> list[Record]:
    seen: set[str] = set()
    out = []
    for r in records:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out


__all__ = ["KINDS", "Actual", "Extraction", "Extractor", "GlossaryEntry", "Pledge", "Project", "Record", "Target",
           "extract", "extractors", "register"]
