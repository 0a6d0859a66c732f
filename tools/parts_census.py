"""Census of sentence parts on a folder of reports: per file, the share of clean characters whose sentences
read as review, plan, problems and other, the years read, and how many sentences of each part name the
other part's year (a plan sentence naming the year under review, a review sentence naming the plan year).

    python tools/parts_census.py [DIR ...] [--json OUT]     # default DIR: ../shared/wild/raw

Used to find the files whose reading is worst (least review+plan) and to measure a parts change on them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from duixian.errors import DuixianError
from duixian.meta.cues import YEAR_WORD, year_value
from duixian.pipeline import parse

_OTHER_ROLES = frozenset({"preamble", "self_building", "glossary", "closing"})
_YEAR = re.compile(rf"({YEAR_WORD})\s*年")


def census_one(path: Path) -> dict:
    try:
        sd = parse(path)
    except DuixianError as e:
        return {"file": path.name, "error": e.code}
    text, meta = sd.doc.text, sd.report
    chars = {"review": 0, "plan": 0, "problems": 0, "other": 0}
    crossed = {"plan_names_review_year": 0, "review_names_plan_year": 0}
    loose = 0  # other sentences outside the sections that are other by their role (glossary, closing, …)
    for p in sd.parts:
        chars[p.part] += p.end - p.start
        sec = sd.section_at(p.start)
        if p.part == "other" and (sec is None or sec.role not in _OTHER_ROLES):
            loose += p.end - p.start
        years = {year_value(m.group(1)) for m in _YEAR.finditer(text, p.start, p.end)}
        if p.part == "plan" and meta.review_year in years and meta.report_year not in years:
            crossed["plan_names_review_year"] += 1
        if p.part == "review" and meta.report_year in years and meta.review_year not in years:
            crossed["review_names_plan_year"] += 1
    total = sum(chars.values()) or 1
    return {
        "file": path.name, "date": meta.date, "review_year": meta.review_year, "report_year": meta.report_year,
        "level": meta.level, "chars": total, **{k: round(v / total, 3) for k, v in chars.items()}, "loose_other": round(loose / total, 3), **crossed,
    }


def main(argv: list[str]) -> int:
    out = None
    if "--json" in argv:
        k = argv.index("--json")
        out, argv = argv[k + 1], argv[:k] + argv[k + 2 :]
    dirs = [Path(a) for a in argv] or [Path("../shared/wild/raw")]
    rows = [census_one(p) for d in dirs for p in sorted(d.rglob("*")) if p.is_file()]
    ok = [r for r in rows if "error" not in r]
    for r in sorted(ok, key=lambda r: -r["loose_other"])[:15]:
        print(f"{r['file'][:40]:40} {r['date']} {r['review_year']}/{r['report_year']} review {r['review']:.2f} "
              f"plan {r['plan']:.2f} problems {r['problems']:.2f} other {r['other']:.2f} (outside other sections {r['loose_other']:.2f})")
    n = len(ok) or 1
    print(f"{len(ok)} files: mean review {sum(r['review'] for r in ok) / n:.3f}, plan {sum(r['plan'] for r in ok) / n:.3f}, "
          f"other {sum(r['other'] for r in ok) / n:.3f} (outside other sections {sum(r['loose_other'] for r in ok) / n:.3f}); review+plan+problems < 0.5: "
          f"{sum(r['review'] + r['plan'] + r['problems'] < 0.5 for r in ok)}; plan sentences naming the review year: "
          f"{sum(r['plan_names_review_year'] for r in ok)}; review sentences naming the plan year: "
          f"{sum(r['review_names_plan_year'] for r in ok)}")
    if out:
        Path(out).write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
