"""Research commands of the ``duixian`` CLI: the panel, the metric table and the exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from duixian.cli.common import (
    DbOpt,
    JsonOpt,
    LimitOpt,
    OffsetOpt,
    app,
    check_choice,
    die,
    emit_json,
    note,
    num,
    open_db,
    out,
    page_note,
    piped,
    short,
    show_table,
    table_rows,
    tsv,
)
from duixian.errors import OutputExistsError
from duixian.outfile import claim


def _target_text(r: dict[str, Any]) -> str:
    if r["target_value"] is None and r["target_low"] is None:
        return ""
    if r["target_low"] is not None and r["target_high"] is not None:
        amount = f"{num(r['target_low'])}–{num(r['target_high'])}"
    else:
        amount = num(r["target_value"] if r["target_value"] is not None else r["target_low"])
    bound = r["target_bound"] or ""
    return f"{bound}{amount}{r['target_unit'] or ''}{r['target_qualifier'] or ''}"


def _actual_text(r: dict[str, Any]) -> str:
    parts = []
    if r["actual_value"] is not None:
        v = num(r["actual_value"])
        v = f"{v}{r['actual_bound']}" if r["actual_bound"] in ("余", "多") else f"{r['actual_bound'] or ''}{v}"
        parts.append(f"{v}{r['actual_unit'] or ''}")
    if r["actual_growth"] is not None:
        parts.append(f"{r['actual_growth']:+g}%")
    return ("预计 " if r["actual_estimate"] else "") + " ".join(parts)


@app.command()
def panel(
    metric: Annotated[list[str] | None, typer.Option(
        "--metric", help="Metric (canonical name or alias, e.g. 地区生产总值 or GDP); repeatable; default: all.")] = None,
    wide: Annotated[bool, typer.Option("--wide", help="One row per region × year, metrics as columns.")] = False,
    region: Annotated[str | None, typer.Option(help="Only this region (name, full name or admin code).")] = None,
    year: Annotated[int | None, typer.Option(help="Only this year.")] = None,
    kind: Annotated[str, typer.Option("--kind", help="Rows with: both | target | actual.")] = "both",
    out_file: Annotated[Path | None, typer.Option(
        "--out", help="Also write the panel to FILE (.csv .xlsx .parquet .dta .jsonl by suffix).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file --out names if it exists.")] = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Region × year × metric panel: target, actual, gap and the stored 兑现 verdict in one row."""
    from duixian.export import write_panel
    from duixian.store.panel import UnknownMetricError, panel_page, panel_rows, resolve_metrics
    from duixian.store.panel import wide as to_wide

    check_choice("--kind", kind, ("both", "target", "actual"), as_json)
    engine = open_db(db, as_json)
    if out_file is not None:
        claim(out_file, force=force, option="--out")  # before the panel is made, not after
    try:
        names = resolve_metrics(engine, metric)
    except UnknownMetricError as exc:
        die(exc, as_json, status=2)  # a --metric value the table does not know (the hint names the nearest)
    if not as_json and out_file is None and not wide and kind == "both":
        if piped() and table_rows(limit) is None:
            _stream_long(engine, names, region, year, offset)
            return
        # a table of the long panel: only the rows shown are made (the whole panel of 10,000 reports took 3 s)
        page = panel_page(engine, names, region=region, year=year, limit=table_rows(limit), offset=offset)
        _long_table(page.rows, page.total, page_note(len(page.rows), offset, page.total))
        return
    rows = panel_rows(engine, names, region=region, year=year)
    if kind != "both":
        rows = [r for r in rows if r[f"{kind}_value"] is not None or (kind == "actual" and r["actual_growth"] is not None)
                or (kind == "target" and r["target_low"] is not None)]
    shown = to_wide(rows, names) if wide else rows
    if out_file is not None:
        write_panel(shown, out_file, wide=wide)
    if as_json:
        doc: dict[str, Any] = {"schema": "duixian.panel/2", "metrics": names, "wide": wide}
        if len(names) == 1:
            doc["metric"] = names[0]  # as in duixian.panel/1
        emit_json({**doc, "rows": shown[offset:]})
        return
    # rendering is what takes time on a big corpus (1,176 rows: 1.5 s against 0.2 s for the data)
    n = table_rows(limit)
    total = len(shown)
    shown = shown[offset: offset + n] if n is not None else shown[offset:]
    more = page_note(len(shown), offset, total)
    if wide:
        show_table(["region", "year", *names], (_wide_cells(w, names) for w in shown),
                   title="panel (target → actual, gap)")
        note(more)
    else:
        _long_table(shown, len(rows), more)
    if out_file is not None:
        note(str(out_file))


def _wide_cells(w: dict[str, Any], names: list[str]) -> list[str]:
    cells = [w["region"] or "?", str(w["year"])]
    for m in names:
        sub = {f: w[f"{m}_{f}"] for f in ("target_value", "target_low", "target_high", "target_qualifier",
                                            "target_unit", "target_bound", "actual_value", "actual_unit",
                                            "actual_growth", "actual_bound", "actual_estimate", "gap")}
        cell = f"{_target_text(sub)} → {_actual_text(sub)}".strip(" →")
        cells.append(cell + (f" ({sub['gap']:+g})" if sub["gap"] is not None else ""))
    return cells


LONG_HEADER = ("region", "year", "metric", "target", "actual", "gap", "verdict", "quote")


def _long_cells(r: dict[str, Any]) -> list[str]:
    gap = f"{r['gap']:+g}{'pt' if r['gap_unit'] == '个百分点' else r['gap_unit']}" if r["gap"] is not None else ""
    return [r["region"] or "?", str(r["year"]), r["metric"], _target_text(r), _actual_text(r), gap,
            r["verdict"] or "", short(r["actual_quote"] or r["target_quote"] or "", 40)]


def _long_table(shown: list[dict[str, Any]], total: int, more: str | None) -> None:
    show_table(LONG_HEADER, map(_long_cells, shown), title=f"panel ({total} rows)")
    note(more)


def _stream_long(engine: Any, names: list[str], region: str | None, year: int | None, offset: int) -> None:
    """The whole long panel, piped: each row is written as ``iter_panel`` makes it, not after all of them."""
    from duixian.store.panel import iter_panel

    seen = 0

    def rows() -> Iterator[list[str]]:
        nonlocal seen
        for seen, r in enumerate(iter_panel(engine, names, region=region, year=year), 1):
            if seen > offset:
                yield _long_cells(r)

    tsv(LONG_HEADER, rows())
    note(page_note(max(0, seen - offset), offset, seen))


@app.command()
def metrics(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """The metric table (canonical names and aliases) with how many stored targets and actuals use each."""
    from duixian.store.panel import metric_table

    rows = metric_table(open_db(db, as_json))
    if as_json:
        emit_json({"schema": "duixian.metrics/1", "metrics": rows})
        return
    show_table(("metric", "targets", "actuals", "lower is better", "aliases"),
               ([r["metric"], str(r["n_targets"]), str(r["n_actuals"]), "yes" if r["lower_is_better"] else "",
                 short("、".join(r["aliases"]), 60)] for r in rows), title="metrics")


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", help="csv | xlsx | jsonl | parquet | dta")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write into.")],
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite the files of an earlier export in --out (or a file named like --out).")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write every table (reports, records, pledge quantities, verdicts, panel) plus codebook.md and dtypes.json."""
    from duixian.export import FORMATS, export

    check_choice("--format", fmt, FORMATS, as_json)
    engine = open_db(db, as_json)
    _clear_way(out_dir, fmt, force, as_json)
    files = export(engine, fmt, out_dir)
    if as_json:
        emit_json({"schema": "duixian.export/1", "format": fmt, "files": [str(f) for f in files]})
    else:
        for f in files:
            out.print(str(f))


def _clear_way(out_dir: Path, fmt: str, force: bool, as_json: bool) -> None:
    """Refuse to write over what is at ``out_dir`` unless --force: a file where the folder goes, or the
    files an earlier export left there (a later export would silently replace them)."""
    from duixian.export import TABLES, WORKBOOK

    if out_dir.exists() and not out_dir.is_dir():
        if not force:
            die(OutputExistsError("is a file; export writes a folder of files there",
                                  path=str(out_dir), hint="give a folder with --out, or pass --force to replace the file"),
                as_json)
        out_dir.unlink()
        return
    names = [WORKBOOK] if fmt == "xlsx" else [f"{t}.{fmt}" for t in TABLES]
    taken = [n for n in [*names, "codebook.md", "dtypes.json"] if (out_dir / n).exists()]
    if taken and not force:
        more = f" and {len(taken) - 3} more" if len(taken) > 3 else ""
        die(OutputExistsError(f"already holds {', '.join(taken[:3])}{more} of an earlier export", path=str(out_dir)),
            as_json)
