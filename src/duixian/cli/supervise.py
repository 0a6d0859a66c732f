"""``duixian tasks``, ``tasks-import`` and ``notice``: the 督查 task table, the office's edits, the 通报."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from duixian.cli.common import DbOpt, JsonOpt, app, emit_json, note, open_db, out, piped, short, tsv
from duixian.outfile import claim, claim_all, write_text

UnitsOpt = Annotated[Path | None, typer.Option("--units", help="The office's unit directory (CSV: 单位名称,简称,主题); "
                                                               "the bundled sample when omitted with --suggest.")]
ReportArg = Annotated[str, typer.Argument(help="A report file, or a stored report's id/hash/path with --db.")]


def _units(path: Path | None, suggest: bool = False):
    from duixian.supervise.units import UnitDirectory

    if path is not None:
        return UnitDirectory.load(path)
    return UnitDirectory.sample() if suggest else None


def _extraction(report: str, db: str | None, as_json: bool):
    from duixian.supervise.table import load_report

    engine = open_db(db, as_json) if db is not None else None
    return load_report(report, engine)


@app.command("tasks")
def tasks_cmd(
    report: ReportArg,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write the table as the office's XLSX.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file --xlsx names if it exists (an office's "
                                                        "edits in it are lost).")] = False,
    units: UnitsOpt = None,
    suggest: Annotated[bool, typer.Option("--suggest", help="Suggest lead units by theme from the sample "
                                                            "directory when --units is not given.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The plan part of a report as a 任务分解表: numbered tasks with heading path, owners and deadline."""
    from duixian.supervise.table import summary, task_table, tasks_json
    from duixian.supervise.xlsx import export_xlsx

    if xlsx is not None:
        claim(xlsx, force=force, option="--xlsx")  # the office may have filled it in: never replaced unasked
    x = _extraction(report, db, as_json)
    tasks = task_table(x, _units(units, suggest))
    if xlsx is not None:
        export_xlsx(tasks, xlsx)
    if as_json:
        emit_json(tasks_json(x, tasks))
        return
    s = summary(tasks)
    tail = (f"{s['tasks']} tasks; written deadline {s['deadline_written']}, units named in the text "
            f"{s['units_named']}; * = no deadline written, the plan year's end assumed"
            + (f"; written to {xlsx}" if xlsx else ""))
    if piped():  # one task a line, every cell whole; the count line on stderr
        tsv(("序号", "部分", "任务", "类别", "牵头单位", "完成时限"),
            ([t.number, t.path[-1] if t.path else "", t.text, t.category,
              "、".join(t.lead_units) + ("（建议）" if t.units_suggested else ""),
              (t.deadline or "") + ("*" if t.deadline_default else "")] for t in tasks))
        note(tail)
        return
    table = Table(title=f"任务分解表 {x.sd.report.region or ''} {x.sd.report.report_year or ''}", show_lines=False)
    for col in ("序号", "部分", "任务", "类别", "牵头单位", "完成时限"):
        table.add_column(col, overflow="fold")
    for t in tasks:
        unit = "、".join(t.lead_units) + ("（建议）" if t.units_suggested else "")
        when = (t.deadline or "") + ("*" if t.deadline_default else "")
        table.add_row(t.number, short(t.path[-1] if t.path else "", 16), short(t.text, 48), t.category, unit, when)
    out.print(table)
    out.print(tail)


@app.command("tasks-import")
def tasks_import_cmd(
    table: Annotated[Path, typer.Argument(help="The XLSX the office edited (from `duixian tasks --xlsx`).")],
    report: Annotated[str, typer.Option("--report", help="The report the table was built from (file, or id with --db).")],
    units: UnitsOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Check an edited task table cell by cell and print its changes; exit 1 listing every refused cell."""
    from dataclasses import asdict

    from duixian.errors import TaskTableError
    from duixian.supervise.table import task_table
    from duixian.supervise.xlsx import import_xlsx

    try:
        x = _extraction(report, db, as_json)
        directory = _units(units)
        tasks = task_table(x, directory)
        changes = import_xlsx(table, tasks, directory)
    except TaskTableError as exc:
        if as_json:
            emit_json({"error": exc.as_dict()})
        else:
            sys.stderr.write(str(exc).split(" — ")[0] + f": {exc.hint}\n")
            for cell, msg in exc.cells:
                sys.stderr.write(f"  {cell}: {msg}\n")
        raise typer.Exit(1) from None
    if as_json:
        emit_json({"changes": [asdict(c) for c in changes]})
        return
    for c in changes:
        out.print(f"{c.cell}\t{c.number}\t{c.field}: {_show(c.old)} → {_show(c.new)}")
    out.print(f"{len(changes)} change(s)")


@app.command("notice")
def notice_cmd(
    table: Annotated[Path, typer.Argument(help="The office's XLSX task table with 进度/状态/备注 filled in.")],
    report: Annotated[str, typer.Option("--report", help="The report the table was built from (file, or id with --db).")],
    as_of: Annotated[str, typer.Option("--as-of", help="The date the 通报 reports on (ISO); default today.")] = "",
    docx: Annotated[Path | None, typer.Option("--docx", help="Write the 通报 as DOCX.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write the 通报 as one HTML file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the files --docx and --html name if they exist.")] = False,
    title: Annotated[str, typer.Option(help="The 通报's title.")] = "重点工作任务推进情况通报",
    office: Annotated[str, typer.Option(help="Who issues it.")] = "政府督查室",
    units: UnitsOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The 通报 from an edited task table: the 进度 column is the progress on --as-of; a 状态 the office
    wrote overrides the computed one."""
    from dataclasses import asdict

    from duixian.supervise.notice import build_notice, to_docx, to_html
    from duixian.supervise.status import Override, to_date
    from duixian.supervise.table import task_table
    from duixian.supervise.xlsx import apply_changes, import_xlsx

    claim_all({"--docx": docx, "--html": html}, force=force)
    day = to_date(as_of) if as_of else dt.date.today()
    x = _extraction(report, db, as_json)
    directory = _units(units)
    tasks = task_table(x, directory)
    changes = import_xlsx(table, tasks, directory)
    tasks, entries = apply_changes(tasks, changes, date=day.isoformat())
    # a status the office wrote in the table is its own judgement: it overrides the computed one
    overrides = {c.task_id: Override(c.task_id, str(c.new), "督查台账填报", date=day.isoformat())
                 for c in changes if c.field == "status" and c.new}
    n = build_notice(tasks, entries, day, title=title, office=office, overrides=overrides)
    if docx is not None:
        to_docx(n, docx)
    if html is not None:
        write_text(html, to_html(n))  # written then renamed: a reader never sees half a page
    if as_json:
        emit_json(asdict(n))
        return
    out.print(n.summary)
    for path in (docx, html):
        if path is not None:
            out.print(f"written {path}")


def _show(v: object) -> str:
    if isinstance(v, tuple):
        return "、".join(map(str, v)) or "（空）"
    return "（空）" if v in (None, "") else str(v)
