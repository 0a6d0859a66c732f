"""``duixian track``: rate a plan's targets and pledges against the next year's review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from duixian.cli.common import (
    DbOpt,
    JsonOpt,
    ProgressOpt,
    Ticker,
    app,
    coded,
    emit_json,
    note,
    open_db,
    out,
    piped,
    short,
    tsv,
)
from duixian.outfile import claim_all, write_text

_COLOUR = {"kept": "green", "exceeded": "green", "partial": "yellow", "in_progress": "yellow",
           "not_kept": "red", "not_mentioned": "bright_black", "unverifiable": "bright_black", "redefined": "cyan"}


@app.command("track")
def track_cmd(
    plan: Annotated[Path | None, typer.Argument(help="Report, news summary or 解读 that plans year N.")] = None,
    review: Annotated[Path | None, typer.Argument(help="The report whose review section covers year N.")] = None,
    region: Annotated[str | None, typer.Option(help="Track a region-year of the database (with --year).")] = None,
    year: Annotated[int | None, typer.Option(help="The plan year N (with --region).")] = None,
    tolerance: Annotated[float, typer.Option(help="Percentage points either side of a 左右 growth target.")] = 0.5,
    exceed_at: Annotated[float, typer.Option(help="A pledged amount reported at this % or more is 超额兑现.")] = 105.0,
    short_at: Annotated[float, typer.Option(help="People, money or land below this % of the pledge is 未兑现.")] = 90.0,
    level_band: Annotated[float, typer.Option(help="± % around a 左右 level target (1200万人左右).")] = 5.0,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Also write the 成绩单 as Markdown.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the 成绩单 as one HTML file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rate a plan and a review that are not the same region's "
                                                        "plan and review of one year (PAIR_MISMATCH); the card "
                                                        "says so under warnings.")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace the files --markdown and --html name if "
                                                                "they exist (--force is about the pair).")] = False,
    all_pairs: Annotated[bool, typer.Option("--all", help="Rate every consecutive pair stored in the database "
                                                          "and print a summary per region.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    progress: ProgressOpt = None,
) -> None:
    """兑现: each target and pledge of the plan with a status, the evidence sentence and a reason.

    Either PLAN REVIEW (two files), --region R --year N (the database: the verdicts are stored and a
    re-run replaces them), or --all (every stored pair)."""
    from duixian.scorecard import render_html, render_markdown
    from duixian.track.run import track_files, track_stored

    if all_pairs:
        if plan is not None or region is not None or year is not None or markdown or html:
            raise typer.BadParameter("--all takes no files, --region/--year, --markdown or --html")
        _track_all(db, tolerance, as_json, (not as_json) if progress is None else progress)
        return
    try:
        # refused before the pair is rated; a flag of its own, because --force already means "rate a mismatched pair"
        claim_all({"--markdown": markdown, "--html": html}, force=overwrite, flag="--overwrite")
        if region is not None or year is not None:
            if region is None or year is None or plan is not None:
                raise typer.BadParameter("give --region and --year together, and no files")
            card = track_stored(open_db(db, as_json, write=True), region, year, tolerance=tolerance, force=force)
        elif plan is not None and review is not None:
            from duixian.track.rules import Rules

            rule_set = Rules(tolerance=tolerance, exceeded_at=exceed_at / 100, short_at=short_at / 100,
                             level_band=level_band / 100)
            card = track_files(plan, review, tolerance=tolerance, force=force, rule_set=rule_set)
        else:
            raise typer.BadParameter("give PLAN REVIEW, or --region R --year N")
        if markdown:
            write_text(markdown, render_markdown(card))  # written then renamed: a reader never sees half a 成绩单
        if html:
            write_text(html, render_html(card))
    except (typer.BadParameter, typer.Exit):  # a usage error (coded by the app) or open_db's coded exit
        raise
    except Exception as exc:
        e = coded(exc)
        if as_json:
            emit_json({"schema": "duixian.track/1", "error": e.as_dict()})
        else:
            sys.stderr.write(str(e) + "\n")
        raise typer.Exit(e.exit_status) from None  # 1: a file or pair failed; 2: a path or database is wrong
    if as_json:
        emit_json(card)
        return
    _print(card)


def _track_all(db: str | None, tolerance: float, as_json: bool, show_progress: bool) -> None:
    from duixian.store.verdicts import consecutive_pairs
    from duixian.track.run import ALL_SCHEMA, track_all

    engine = open_db(db, as_json, write=True)  # stores every pair's verdicts
    ticker = Ticker("track", show_progress)

    def progress(line: dict[str, Any]) -> None:
        # one line per pair on stderr, so a long run shows it is alive and names a failure when it happens
        ticker.done += 1
        if "error" in line:
            sys.stderr.write(f"{line['region']} {line['year']}: {_one_line(line['error'])}\n")
        elif show_progress:
            sys.stderr.write(f"{line['region']} {line['year']}: {line['items']} items ({line['seconds']:.2f}s)"
                             f"  [{ticker.line()}]\n")

    try:
        if show_progress:
            ticker.set_total(len(consecutive_pairs(engine)))
        res = track_all(engine, tolerance=tolerance, progress=progress)
    except Exception as exc:
        e = coded(exc)
        if as_json:
            emit_json({"schema": ALL_SCHEMA, "error": e.as_dict()})
        else:
            sys.stderr.write(str(e) + "\n")
        raise typer.Exit(e.exit_status) from None  # 1: a file or pair failed; 2: a path or database is wrong
    if as_json:
        emit_json(res)
    else:
        _print_all(res)
    if res["failures"]:
        raise typer.Exit(1)  # as ingest: the batch went on, but the caller should know some pairs failed


def _one_line(err: dict[str, Any]) -> str:
    tail = f": {err['hint']}" if err.get("hint") else ""
    return f"error[{err['code']}] {err['message']}{tail}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


# two-character headers keep the per-region table within 80 columns
_SHORT = {"kept": "已兑", "exceeded": "超额", "partial": "部分", "in_progress": "推进", "not_kept": "未兑",
          "not_mentioned": "未见", "unverifiable": "难核", "redefined": "口径"}


def _print_all(res: dict[str, Any]) -> None:
    shown = [k for k, n in res["totals"]["counts"].items() if n]  # statuses no pair produced are left out
    if piped():  # one line per region and one for all; failures and the summary on stderr
        tsv(("region", "pairs", "failed", "items", "evidence_share", *shown),
            ([d["region"] or "?", d["pairs"], d["failed"], d["items"], _pct(d["evidence_share"]),
              *(d["counts"][k] for k in shown)] for d in [*res["regions"], {**res["totals"], "region": "all"}]))
        for f in res["failures"]:
            note(f"failed {f['region']} {f['year']}: {_one_line(f['error'])}")
        note(f"rated {res['totals']['pairs']} pairs, {len(res['failures'])} failed, in {res['seconds']:.1f}s; "
             f"rules: {res['rules']['text']}")
        return
    # targets/pledges and direct evidence are in --json; the terminal keeps what fits 80 columns
    table = Table("region", "pairs", "fail", "items", "evid.", *(_SHORT[k] for k in shown), box=None)
    for d in [*res["regions"], {**res["totals"], "region": "[bold]all[/bold]"}]:
        table.add_row(d["region"] or "?", str(d["pairs"]), str(d["failed"]), str(d["items"]),
                      _pct(d["evidence_share"]), *(str(d["counts"][k]) for k in shown))
    out.print(table)
    for f in res["failures"]:
        out.print(f"[red]failed[/red] {f['region']} {f['year']}: {_one_line(f['error'])}")
    out.print(f"rated {res['totals']['pairs']} pairs, {len(res['failures'])} failed, in {res['seconds']:.1f}s; "
              f"rules: {res['rules']['text']}")


def _print(card: dict[str, Any]) -> None:
    from duixian.track import ZH

    p, r = card["plan"], card["review"]
    if piped():  # the items one a line; the card's heading, warnings and counts on stderr
        note(f"成绩单 {p.get('region') or '?'} {p.get('report_year') or ''}  "
             f"(plan: {Path(p['source']['path']).name}, review: {Path(r['source']['path']).name})")
        for w in card.get("warnings", []):
            note(f"warning: {w}")
        note("  ".join(f"{ZH[k]} {n}" for k, n in card["counts"].items() if n))
        s = card.get("summary")
        if s:
            note(f"rated {s['items']} items ({s['targets']} targets, {s['pledges']} pledges); rules: {s['rules']['text']}")
        tsv(("status", "状态", "item", "evidence", "reason"),
            ([it["status"], ZH[it["status"]], it["quote"], it["evidence"][0]["quote"] if it["evidence"] else "",
              it["reason"]] for it in card["items"]))
        return
    out.print(f"[bold]成绩单 {p.get('region') or '?'} {p.get('report_year') or ''}[/bold]  "
              f"(plan: {Path(p['source']['path']).name}, review: {Path(r['source']['path']).name})")
    for w in card.get("warnings", []):
        out.print(f"[yellow]warning:[/yellow] {w}")
    out.print("  ".join(f"{ZH[k]} {n}" for k, n in card["counts"].items() if n))
    s = card.get("summary")
    if s:
        out.print(f"rated {s['items']} items ({s['targets']} targets, {s['pledges']} pledges); rules: {s['rules']['text']}")
    table = Table("status", "item", "evidence", "reason")
    for it in card["items"]:
        ev = it["evidence"][0]["quote"] if it["evidence"] else ""
        table.add_row(f"[{_COLOUR[it['status']]}]{ZH[it['status']]}[/]", short(it["quote"], 30), short(ev, 30),
                      short(it["reason"], 50))
    out.print(table)
