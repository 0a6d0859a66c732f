"""``duixian track``: rate a plan's targets and pledges against the next year's review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from duixian.cli import JsonOpt, _emit_json, _fail, _short, app, out

_COLOUR = {"kept": "green", "exceeded": "green", "partial": "yellow", "in_progress": "yellow",
           "not_kept": "red", "not_mentioned": "bright_black", "unverifiable": "bright_black", "redefined": "cyan"}


@app.command("track")
def track_cmd(
    plan: Annotated[Path, typer.Argument(help="Report, news summary or 解读 that plans year N.")],
    review: Annotated[Path, typer.Argument(help="The report whose review section covers year N.")],
    tolerance: Annotated[float, typer.Option(help="Percentage points either side of a 左右 target.")] = 0.5,
    as_json: JsonOpt = False,
) -> None:
    """兑现: each target and pledge of the plan with a status, the evidence sentence and a reason."""
    from duixian.contract import track_json
    from duixian.pipeline import extract_file
    from duixian.track import ZH, track

    try:
        tr = track(extract_file(plan), extract_file(review), tolerance=tolerance)
    except Exception as exc:
        e = _fail(exc)
        if as_json:
            _emit_json({"schema": "duixian.track/1", "error": e.as_dict()})
        else:
            sys.stderr.write(str(e) + "\n")
        raise typer.Exit(1) from None
    if as_json:
        _emit_json(track_json(tr))
        return
    p = tr.plan.sd.report
    out.print(f"[bold]成绩单 {p.region or '?'} {p.report_year or ''}[/bold]  (plan: {plan.name}, review: {review.name})")
    out.print("  ".join(f"{ZH[k]} {n}" for k, n in tr.counts().items() if n))
    table = Table("status", "item", "evidence", "reason")
    for v in tr.verdicts:
        ev = v.evidence[0].quote if v.evidence else ""
        table.add_row(f"[{_COLOUR[v.status]}]{ZH[v.status]}[/]", _short(v.quote, 30), _short(ev, 30), _short(v.reason, 50))
    out.print(table)
