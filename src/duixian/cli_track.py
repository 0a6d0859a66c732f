"""``duixian track``: rate a plan's targets and pledges against the next year's review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from duixian.cli import JsonOpt, _emit_json, _fail, _short, app, out
from duixian.cli_store import DbOpt

_COLOUR = {"kept": "green", "exceeded": "green", "partial": "yellow", "in_progress": "yellow",
           "not_kept": "red", "not_mentioned": "bright_black", "unverifiable": "bright_black", "redefined": "cyan"}


def _write(path: Path, text: str) -> None:
    # write then rename: a reader never sees half a 成绩单
    part = path.with_name(path.name + ".part")
    part.write_text(text, encoding="utf-8")
    part.replace(path)


@app.command("track")
def track_cmd(
    plan: Annotated[Path | None, typer.Argument(help="Report, news summary or 解读 that plans year N.")] = None,
    review: Annotated[Path | None, typer.Argument(help="The report whose review section covers year N.")] = None,
    region: Annotated[str | None, typer.Option(help="Track a region-year of the database (with --year).")] = None,
    year: Annotated[int | None, typer.Option(help="The plan year N (with --region).")] = None,
    tolerance: Annotated[float, typer.Option(help="Percentage points either side of a 左右 target.")] = 0.5,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Also write the 成绩单 as Markdown.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the 成绩单 as one HTML file.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """兑现: each target and pledge of the plan with a status, the evidence sentence and a reason.

    Either PLAN REVIEW (two files) or --region R --year N (the database: the verdicts are stored and a
    re-run replaces them)."""
    from duixian.scorecard import render_html, render_markdown
    from duixian.track.run import track_files, track_stored

    try:
        if region is not None or year is not None:
            if region is None or year is None or plan is not None:
                raise typer.BadParameter("give --region and --year together, and no files")
            from duixian.store import open_engine

            card = track_stored(open_engine(db), region, year, tolerance=tolerance)
        elif plan is not None and review is not None:
            card = track_files(plan, review, tolerance=tolerance)
        else:
            raise typer.BadParameter("give PLAN REVIEW, or --region R --year N")
        if markdown:
            _write(markdown, render_markdown(card))
        if html:
            _write(html, render_html(card))
    except typer.BadParameter:
        raise
    except Exception as exc:
        e = _fail(exc)
        if as_json:
            _emit_json({"schema": "duixian.track/1", "error": e.as_dict()})
        else:
            sys.stderr.write(str(e) + "\n")
        raise typer.Exit(1) from None
    if as_json:
        _emit_json(card)
        return
    _print(card)


def _print(card: dict[str, Any]) -> None:
    from duixian.track import ZH

    p, r = card["plan"], card["review"]
    out.print(f"[bold]成绩单 {p.get('region') or '?'} {p.get('report_year') or ''}[/bold]  "
              f"(plan: {Path(p['source']['path']).name}, review: {Path(r['source']['path']).name})")
    out.print("  ".join(f"{ZH[k]} {n}" for k, n in card["counts"].items() if n))
    table = Table("status", "item", "evidence", "reason")
    for it in card["items"]:
        ev = it["evidence"][0]["quote"] if it["evidence"] else ""
        table.add_row(f"[{_COLOUR[it['status']]}]{ZH[it['status']]}[/]", _short(it["quote"], 30), _short(ev, 30),
                      _short(it["reason"], 50))
    out.print(table)
