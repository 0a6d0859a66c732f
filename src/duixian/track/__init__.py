"""兑现 tracking: every target and pledge of year N rated against the review of year N, with evidence."""

from __future__ import annotations

from dataclasses import dataclass, replace

from duixian.extract import Extraction, Pledge
from duixian.extract.context import Context
from duixian.track.evidence import candidates
from duixian.track.model import COARSE, STATUSES, ZH, Evidence, Verdict
from duixian.track.pledges import judge_pledge
from duixian.track.rules import DEFAULT_RULES, Rules
from duixian.track.tail import closing_clauses, growth_after, opening_clauses
from duixian.track.targets import judge_target

DEFAULT_TOLERANCE = DEFAULT_RULES.tolerance  # percentage points either side of a 左右 target


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


def track(plan: Extraction, review: Extraction, *, tolerance: float = DEFAULT_TOLERANCE,
          rules: Rules | None = None) -> Tracking:
    """Rate every target and pledge of ``plan`` against ``review``. ``rules`` (thresholds) default to the
    standard ones with ``tolerance`` as the 左右 band of growth targets."""
    rules = rules or Rules(tolerance=tolerance)
    rctx = Context(review.sd)
    cands = candidates(rctx)
    later = candidates(rctx, "plan")  # the next year's plan in the same report: indirect evidence
    def in_words(t):  # a goal in words, looked for in the review as a pledge is
        as_pledge = Pledge(t.id, t.quote, t.span, t.raw_span, t.section, category="指标", text=t.quote)
        return judge_pledge(as_pledge, review, rctx, cands, later, rules)

    out = _level_and_growth(plan, [judge_target(t, review, rctx, rules, in_words) for t in plan.targets])
    covered = [t.span for t in plan.targets]
    tails, growths, heads = closing_clauses(plan), growth_after(plan), opening_clauses(plan)
    for p in plan.pledges:
        if any(s <= p.span[0] and p.span[1] <= e for s, e in covered):
            continue  # the same words are already judged as a target
        out.append(judge_pledge(p, review, rctx, cands, later, rules, tail=tails.get(p.id, ""),
                                growth=growths.get(p.id), head=heads.get(p.id, "")))
    out.sort(key=lambda v: v.span)
    return Tracking(plan, review, tuple(out))


# How two readings of one target combine: a status the two agree on stands; met on one and missed on the
# other is partial; exceeded on one and met on the other is exceeded.
_MET = {"kept", "exceeded"}


def _level_and_growth(plan: Extraction, verdicts: list[Verdict]) -> list[Verdict]:
    """A target stated both as a level and as a growth rate (地方财政总收入达到20亿元，同比增长24.6%) is
    one commitment judged on both: the two verdicts become one whose reason gives both."""
    by_id = {t.id: t for t in plan.targets}
    out: list[Verdict] = []
    for v in verdicts:
        prev = out[-1] if out else None
        t, pt = by_id.get(v.item_id), by_id.get(prev.item_id) if prev else None
        if (prev is None or t is None or pt is None or pt.target_kind == "growth" or t.target_kind != "growth"
                or t.metric != pt.metric or not 0 <= t.span[0] - pt.span[1] <= 2
                or "not_mentioned" in (v.status, prev.status)):
            out.append(v)
            continue
        both = {v.status, prev.status}
        if both <= _MET:
            status = "exceeded" if "exceeded" in both else "kept"
        elif both & _MET and "not_kept" in both:
            status = "partial"
        elif both == {"not_kept"}:
            status = "not_kept"
        else:
            status = v.status if v.status not in ("unverifiable", "redefined") else prev.status
        text = plan.sd.text
        span = (prev.span[0], v.span[1])
        evidence = prev.evidence + tuple(e for e in v.evidence if e not in prev.evidence)
        out[-1] = replace(prev, item_id=prev.item_id, quote=text[span[0] : span[1]], span=span,
                          raw_span=plan.sd.doc.raw_span(*span), status=status, evidence=evidence,
                          reason=f"{prev.reason}{v.reason}（总量和增速两项都作判断）",
                          confidence=min(prev.confidence, v.confidence), doubts=tuple(dict.fromkeys(prev.doubts + v.doubts)))
    return out


__all__ = ["COARSE", "DEFAULT_RULES", "DEFAULT_TOLERANCE", "STATUSES", "ZH", "Evidence", "Rules", "Tracking", "Verdict", "track"]
