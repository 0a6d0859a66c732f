"""兑现 tracking: every target and pledge of year N rated against the review of year N, with evidence."""

from __future__ import annotations

from dataclasses import dataclass

from duixian.extract import Extraction
from duixian.extract.context import Context
from duixian.track.evidence import candidates
from duixian.track.model import COARSE, STATUSES, ZH, Evidence, Verdict
from duixian.track.pledges import judge_pledge
from duixian.track.targets import judge_target

DEFAULT_TOLERANCE = 0.5  # percentage points either side of a 左右 target


@dataclass(frozen=True)
class Tracking:
    plan: Extraction
    review: Extraction
    verdicts: tuple[Verdict, ...]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for v in self.verdicts:
            out[v.status] += 1
        return out


def track(plan: Extraction, review: Extraction, *, tolerance: float = DEFAULT_TOLERANCE) -> Tracking:
    rctx = Context(review.sd)
    cands = candidates(rctx)
    later = candidates(rctx, "plan")  # the next year's plan in the same report: indirect evidence
    out = [judge_target(t, review, rctx, tolerance) for t in plan.targets]
    covered = [t.span for t in plan.targets]
    for p in plan.pledges:
        if any(s <= p.span[0] and p.span[1] <= e for s, e in covered):
            continue  # the same words are already judged as a target
        out.append(judge_pledge(p, review, rctx, cands, later))
    out.sort(key=lambda v: v.span)
    return Tracking(plan, review, tuple(out))


__all__ = ["COARSE", "DEFAULT_TOLERANCE", "STATUSES", "ZH", "Evidence", "Tracking", "Verdict", "track"]
