"""Is this plan rated against the right review?  Same place, and the review's year under review is the plan's year.

A review only says what happened to a plan when it is the same government's account of the same year: a city's
review does not report on a district's pledges, and the 2022 review does not report on the 2024 plan.  Both
sides are compared as ``report_json``-shaped dicts (file mode) or ``reports`` rows (database mode).

Counties that became districts (清苑县 → 清苑区, 徐水县 → 徐水区) are the same place under a new name and, in the
national table, a new code; the bundled divisions table holds only today's names.  So a report is placed by its
admin code when the header gave one, else by its name's stem under the same parents looked up in that table
(河北省保定市 + 徐水 → 130609), else by the parents and the stem themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from duixian.errors import PairMismatchError
from duixian.meta.regions import by_short, short, table


def _parent_and_name(rep: dict[str, Any]) -> tuple[str, str] | None:
    name = rep.get("region") or rep.get("region_full")
    if not name:
        return None
    full = rep.get("region_full") or name
    # region_full is the chain of parents ending in the region's own name (河北省保定市徐水县)
    parent = full[: -len(name)] if full.endswith(name) and full != name else ""
    return parent, name


def stem_key(rep: dict[str, Any]) -> str | None:
    """The parents and the name without its suffix: 河北省保定市徐水 for both 徐水县 and 徐水区."""
    pn = _parent_and_name(rep)
    return None if pn is None else pn[0] + short(pn[1])


def place(rep: dict[str, Any]) -> str | None:
    """One key per place: the admin code, or the code of the one division with the same stem and parents."""
    if rep.get("admin_code"):
        return str(rep["admin_code"])
    pn = _parent_and_name(rep)
    if pn is None:
        return None
    parent, name = pn
    stem = short(name)
    cands = {d for d in [*table().get(name, []), *by_short().get(stem, [])] if short(d.name) == stem}
    if parent:
        cands = {d for d in cands if d.full[: -len(d.name)] == parent}
    codes = {d.code for d in cands}
    if len(codes) == 1:
        return codes.pop()
    return "~" + parent + stem  # not in the table (or ambiguous): the written place itself


def same_place(a: dict[str, Any], b: dict[str, Any]) -> bool | None:
    """True/False, or None when either side does not say where it is."""
    pa, pb = place(a), place(b)
    if pa is None or pb is None:
        return None
    # a renamed county may carry its old code on one side and the new one on the other: the stems decide
    return pa == pb or stem_key(a) == stem_key(b)


def _where(rep: dict[str, Any]) -> str:
    return rep.get("region_full") or rep.get("region") or "unknown region"


def _file(rep: dict[str, Any]) -> str:
    src = rep.get("source") or {}
    path = src.get("path") or rep.get("path")
    return Path(path).name if path else "?"


@dataclass(frozen=True)
class PairWarning:
    """A warning about a pair: a stable code (what a page translates; the card's ``warning_codes``) and the
    English text the CLI prints (the card's ``warnings``)."""

    code: str  # REGION_UNKNOWN | YEAR_UNKNOWN | REVIEW_NOT_A_REPORT | PAIR_MISMATCH
    text: str


WARNING_CODES = ("REGION_UNKNOWN", "YEAR_UNKNOWN", "REVIEW_NOT_A_REPORT", "PAIR_MISMATCH")


def check_pair(plan: dict[str, Any], review: dict[str, Any], *, force: bool = False) -> list[str]:
    """Warnings for the card, as text; raises PairMismatchError when the two do not belong together (unless
    ``force``). See :func:`pair_warnings`."""
    return [w.text for w in pair_warnings(plan, review, force=force)]


def pair_warnings(plan: dict[str, Any], review: dict[str, Any], *, force: bool = False) -> list[PairWarning]:
    """Warnings for the card, each with its code; raises PairMismatchError as :func:`check_pair` does.

    An unknown region or year is a warning, not a refusal: metadata is voted from the text and a missing
    header should not stop a user who knows the pair is right.
    """
    warnings: list[PairWarning] = []
    problems: list[str] = []
    same = same_place(plan, review)
    if same is None:
        missing = " and ".join(k for k, r in (("plan", plan), ("review", review)) if place(r) is None)
        warnings.append(PairWarning("REGION_UNKNOWN", f"the {missing} does not name its region; could not check "
                                    "that both are the same place"))
    elif not same:
        problems.append(f"different regions ({_where(plan)} / {_where(review)})")
    n, reviewed = plan.get("report_year"), review.get("review_year")
    if n is None or reviewed is None:
        side = " and ".join(s for s, v in (("plan year", n), ("review's year under review", reviewed)) if v is None)
        warnings.append(PairWarning("YEAR_UNKNOWN", f"{side} unknown; could not check that the review covers "
                                    "the plan's year"))
    elif n != reviewed:
        problems.append(f"the plan is for {n} but the review covers {reviewed}")
    kind = review.get("doc_type")
    if kind not in (None, "report"):
        warnings.append(PairWarning("REVIEW_NOT_A_REPORT", f"the review was read as {kind}, not a work report; "
                                    "its review part may be partial"))
    if problems:
        message = (f"plan {_file(plan)} ({_where(plan)}, plan year {n}) and review {_file(review)} "
                   f"({_where(review)}, reviews {reviewed}) are not a pair: " + "; ".join(problems))
        if not force:
            raise PairMismatchError(message)
        warnings.insert(0, PairWarning("PAIR_MISMATCH", f"PAIR_MISMATCH (rated anyway with --force): {message}"))
    return warnings
