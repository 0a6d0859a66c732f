"""Corpus commands of the ``duixian`` CLI: ingest, reports, show, delete, search, datasette-metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from duixian.cli.common import (
    RECORD_HEADER,
    DbOpt,
    JsonOpt,
    LimitOpt,
    OffsetOpt,
    ProgressOpt,
    Ticker,
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
    record_row,
    short,
    show_table,
    table_rows,
    tsv,
)
from duixian.errors import BadOptionError, DuixianError, InterruptedByUserError, NoInputFilesError
from duixian.outfile import claim_all, write_text

KINDS = ("targets", "actuals", "pledges", "projects", "glossary")
LEVELS = ("province", "city", "district", "county")
DOC_TYPES = ("report", "news", "plan_execution", "other")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs of reports.")],
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, help="Parallel extraction workers (with --engine dask and no --scheduler: the local cluster's).")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Re-extract reports already stored.")] = False,
    engine_name: Annotated[str, typer.Option(
        "--engine", help="Where extraction runs: local (-j processes here) or dask (a dask.distributed cluster; "
        "this process still writes).")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="--engine dask: the scheduler's address (tcp://host:8786); without it, a local "
        "cluster of -j worker processes.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    progress: ProgressOpt = None,
) -> None:
    """Store reports in the corpus database: one transaction per report, idempotent by content hash."""
    from duixian.corpus import STATUSES
    from duixian.corpus import ingest as run
    from duixian.distributed import ENGINES, ingest_dask

    if engine_name not in ENGINES:
        die(BadOptionError(f"unknown engine {engine_name!r}", hint="use --engine local or --engine dask"), as_json)
    if scheduler and engine_name != "dask":
        die(BadOptionError("--scheduler is an address for --engine dask", hint="add --engine dask"), as_json)
    if _only_empty_folders(paths):  # refused before the database is made, so a wrong folder leaves no empty file
        raise NoInputFilesError("no report file to store", path=", ".join(paths))
    engine = open_db(db, as_json, create=True)  # the one command that may create the database
    ticker = Ticker("ingest", as_json is False if progress is None else progress, outcomes=STATUSES)

    def event(kind: str, path: str, err: DuixianError | None) -> None:
        ticker.advance(kind)
        if err is not None and not as_json:
            ticker.note(str(err))

    try:
        with ticker.running():
            if engine_name == "dask":
                result = ingest_dask(engine, paths, scheduler=scheduler, workers=jobs, force=force, on_event=event,
                                     total=ticker.set_total)
            else:
                result = run(engine, paths, jobs=jobs, force=force, on_event=event, total=ticker.set_total)
    except KeyboardInterrupt:
        # the ticker counted each outcome once its batch was committed: those reports are stored whole; a
        # Ctrl-C during a batch's write waits until that batch is committed and counted (corpus._ctrl_c_held)
        of = f" of {ticker.total}" if ticker.total is not None else ""
        counts = ", ".join(f"{k} {n}" for k, n in ticker.counts.items() if n) or "nothing stored"
        raise InterruptedByUserError(
            f"stopped by Ctrl-C after {ticker.done}{of} files ({counts}); every report stored is whole and "
            "counted, reports read but not yet written were not stored", hint="run the same command again: files already stored are "
            "skipped") from None
    if ticker.total == 0:  # only folders, and nothing in them to read (a named file or glob counts, even when bad)
        raise NoInputFilesError("no report file to store", path=", ".join(paths))
    if as_json:
        emit_json({"schema": "duixian.ingest/1", **result.as_dict()})
    else:
        for c in result.changes:  # what a re-extraction changed, so nothing changes unseen
            out.print(_change_line(c), markup=False, highlight=False, soft_wrap=True)
        out.print(" · ".join(f"{k} {len(getattr(result, k))}" + _by_code(getattr(result, k)) for k in STATUSES),
                  markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(0 if result.ok else 1)


def _by_code(items: list[Any]) -> str:
    """" (NOT_A_REPORT 3, EMPTY_FILE 1)" for a list of errors, most first; "" for a list of paths or none.
    Each error had its own line on stderr as it came; in a run of thousands they scroll away."""
    from collections import Counter

    codes = Counter(e.code for e in items if isinstance(e, DuixianError))
    return f" ({', '.join(f'{c} {n}' for c, n in codes.most_common())})" if codes else ""


def _only_empty_folders(paths: list[str]) -> bool:
    """Every path names a folder with no report file in it or below (stops at the first file found)."""
    from duixian.corpus import SUFFIXES

    return bool(paths) and all(
        Path(p).is_dir() and not any(f.suffix.lower() in SUFFIXES and f.is_file() for f in Path(p).rglob("*"))
        for p in paths)


def _change_line(c: dict[str, Any]) -> str:
    if not (c["added"] or c["removed"] or c["changed"] or c["text_changed"]):
        return f"report {c['report_id']} ({c['path']}): re-extracted, no record changed"
    text = ", clean text changed" if c["text_changed"] else ""
    return (f"report {c['report_id']} ({c['path']}): records +{c['added']} -{c['removed']} ~{c['changed']}{text}; "
            f"verdicts of {c['stale_pairs']} plan/review pair(s) marked stale (re-rate with `duixian track`)")


@app.command()
def reports(
    region: Annotated[str | None, typer.Option(help="Region name (short or part of the full name).")] = None,
    year: Annotated[int | None, typer.Option(help="Report year.")] = None,
    level: Annotated[str | None, typer.Option(help="province | city | district | county")] = None,
    duplicates: Annotated[bool, typer.Option(
        "--duplicates", help="Only reports stored from more than one file (or sharing their text), with the files.")] = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List stored reports."""
    from duixian.store.query import report_page

    if level is not None:
        check_choice("--level", level, LEVELS, as_json)
    # only the rows shown are read (a terminal shows 50): on 10,000 reports the whole list took seconds
    page = report_page(open_db(db, as_json), region=region, year=year, level=level, duplicates=duplicates,
                       limit=None if as_json else table_rows(limit), offset=offset)
    rows = page.rows
    found = 1 if not page.total else 0  # the README's exit table: 1 = found nothing, as `search`
    if as_json:
        emit_json({"schema": "duixian.reports/1", "total": page.total, "offset": offset, "reports": rows})
        raise typer.Exit(found)
    more = page_note(len(rows), offset, page.total, "reports")
    if duplicates and piped() and page.total:  # one line per source of each report
        tsv(("id", "region", "year", "same_text", "path", "part", "format", "encoding", "url"),
            ([r["id"], r["region"] or "?", r["report_year"] or "", ",".join(map(str, r["same_text"])), src["path"],
              src["part"] or "", src["format"], src["encoding"], src["url"]] for r in rows for src in r["sources"]))
        note(more)
        raise typer.Exit(found)
    if duplicates:
        for r in rows:
            twins = f"; same text as report {', '.join(map(str, r['same_text']))}" if r["same_text"] else ""
            out.print(f"[bold]{r['id']}[/bold] {r['region'] or '?'} {r['report_year'] or ''}  "
                      f"{len(r['sources'])} source(s){twins}", highlight=False, soft_wrap=True)
            for src in r["sources"]:
                where = src["path"] + (f" [row {src['part']}]" if src["part"] else "")
                extra = " ".join(x for x in (src["format"], src["encoding"], src["url"]) if x)
                out.print(f"    {where}  ({extra})", markup=False, highlight=False, soft_wrap=True)
        if not page.total:
            out.print("no report is stored from more than one file")
        if more:
            out.print(more, style="dim", highlight=False)
        raise typer.Exit(found)
    if not page.total:
        out.print("no stored report matches" if region or year or level else "no report is stored yet")
        raise typer.Exit(found)
    show_table(("id", "region", "year", "reviews", "type", "t/a/p/proj", "src", "path"), ([
        str(r["id"]), r["region"] or "?", str(r["report_year"] or ""), str(r["review_year"] or ""),
        r["doc_type"] or "", f"{r['n_targets']}/{r['n_actuals']}/{r['n_pledges']}/{r['n_projects']}",
        str(r["n_sources"]), short(Path(r["path"]).name, 36)] for r in rows))
    note(more)


@app.command()
def show(
    report: Annotated[str, typer.Argument(help="Report id, content-hash prefix or path.")],
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only these kinds (repeatable).")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One report's sources, targets, actuals, pledges, projects and glossary."""
    from duixian.store.query import find_report, records, sources

    for k in kind or []:
        check_choice("--kind", k, KINDS, as_json)
    engine = open_db(db, as_json)
    meta = find_report(engine, report)
    kinds = [k for k in KINDS if not kind or k in kind]
    recs = {k: records(engine, meta["id"], k) for k in kinds}
    srcs = sources(engine, meta["id"])
    if as_json:
        for rows in recs.values():
            for r in rows:
                if "quantities" in r:
                    r["quantities"] = json.loads(r["quantities"])
        emit_json({"schema": "duixian.show/1", "report": meta, "sources": srcs, **recs})
        return
    if piped():  # the records one a line; what the heading lines say goes to stderr
        note(f"{meta['region'] or '?'} {meta['report_year'] or ''}  {meta['title'] or ''}  (id {meta['id']}, {meta['path']})")
        if len(srcs) > 1:
            note(f"{len(srcs)} sources: " + "; ".join(x["path"] + (f" [row {x['part']}]" if x["part"] else "") for x in srcs))
        tsv(RECORD_HEADER, (record_row(meta["id"], meta["region"], meta["report_year"], k, r)
                            for k in kinds for r in recs[k]))
        return
    out.print(f"[bold]{meta['region'] or '?'} {meta['report_year'] or ''}[/bold]  {meta['title'] or ''}  "
              f"(id {meta['id']}, {meta['path']})")
    if len(srcs) > 1:
        out.print(f"{len(srcs)} sources: " + "; ".join(
            x["path"] + (f" [row {x['part']}]" if x["part"] else "") for x in srcs), markup=False, highlight=False, soft_wrap=True)
    cols = {
        "targets": ("metric", "kind", "value", "unit", "qualifier", "quote"),
        "actuals": ("metric", "value", "unit", "growth_pct", "rank", "quote"),
        "pledges": ("category", "deadline", "text"),
        "projects": ("name", "investment", "unit", "status"),
        "glossary": ("term", "definition"),
    }
    for k in kinds:
        if not recs[k]:
            continue
        table = Table(*cols[k], title=f"{k} ({len(recs[k])})", title_justify="left")
        for r in recs[k]:
            table.add_row(*(num(r[c]) if isinstance(r[c], float | int) else short(str(r[c] or ""), 60) for c in cols[k]))
        out.print(table)


@app.command()
def delete(
    report: Annotated[str, typer.Argument(help="Report id, content-hash prefix or path (its own or a source's).")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Remove a report with its records, search passages, sources and verdicts, in one transaction."""
    from duixian.store.query import find_report
    from duixian.store.write import remove_report

    engine = open_db(db, as_json, write=True)
    meta = find_report(engine, report)
    removed = remove_report(engine, meta["id"])
    if as_json:
        emit_json({"schema": "duixian.delete/1", "report_id": meta["id"], "region": meta["region"],
                    "report_year": meta["report_year"], "path": meta["path"], "removed": removed})
        return
    what = ", ".join(f"{n} {k}" for k, n in removed.items() if n and k != "reports")
    out.print(f"deleted report {meta['id']} ({meta['region'] or '?'} {meta['report_year'] or ''}, "
              f"{Path(meta['path']).name}): {what or 'no rows hung on it'}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(
        help="Words or phrases (space = AND), e.g. 公路 or 安置房 交付; several arguments are one query.")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=500)] = 20,
    offset: OffsetOpt = 0,
    region: Annotated[str | None, typer.Option(
        help="Only reports of this region (short or full name, admin code, or a place it is inside).")] = None,
    year: Annotated[int | None, typer.Option(help="Only reports of this year.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this document type: report | news | plan_execution | other.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Full-text search over every stored report, ranked, with highlighted snippets; exit status 1 when nothing matches."""
    from sqlalchemy import select

    from duixian.store import schema as t
    from duixian.store.search import search as run

    query = " ".join(words)  # `search 安置房 交付` is the query "安置房 交付", as if quoted
    if kind is not None:
        check_choice("--kind", kind, DOC_TYPES, as_json)
    engine = open_db(db, as_json)
    with engine.connect() as conn:
        hits = run(conn, query, limit=limit, offset=offset, region=region, year=year, kind=kind)
        meta = {r.id: r for r in conn.execute(select(t.reports.c.id, t.reports.c.region, t.reports.c.report_year,
                                                      t.reports.c.path).where(t.reports.c.id.in_({h.report_id for h in hits})))}
    found = 1 if not hits.total else 0  # the README's exit table: 1 = found nothing
    partial = hits.ranked < hits.total  # facets and ranking cover the first matches found only
    if as_json:
        emit_json({"schema": "duixian.search/1", "query": query, "note": hits.note,
                   "total": hits.total, "total_capped": hits.total_capped, "offset": offset, "limit": limit,
                   "filters": {"region": region, "year": year, "kind": kind},
                   "facets": {k: [{"value": v, "count": n} for v, n in vs] for k, vs in hits.facets.items()},
                   "facets_of": hits.ranked, "hits": [
            {"report_id": h.report_id, "region": meta[h.report_id].region, "report_year": meta[h.report_id].report_year,
             "path": meta[h.report_id].path, "section": h.section, "span": list(h.span), "score": h.score,
             "snippet": h.snippet, "highlights": [list(m) for m in h.highlights]} for h in hits]})
        raise typer.Exit(found)
    note(hits.note)
    if not hits:
        out.print("no hits" if not hits.total else f"no hits from {offset + 1} ({hits.total} in all)")
    elif piped():  # one line per passage for a program or a file; the highlights are in --json
        tsv(("region", "year", "report", "section", "snippet"),
            ([meta[h.report_id].region or "?", meta[h.report_id].report_year or "", h.report_id, h.section, h.snippet]
             for h in hits))
    else:
        for h in hits:
            m = meta[h.report_id]
            out.print(f"[bold]{m.region or '?'} {m.report_year or ''}[/bold] [dim](report {h.report_id}, {h.section})[/dim]")
            out.print(_highlight(h.snippet, h.highlights))
    if hits.total:
        total = f"more than {hits.total}" if hits.total_capped else str(hits.total)
        ranked = f"; ranked among the first {hits.ranked} found" if partial else ""
        shown = f"{offset + 1}–{offset + len(hits)}" if hits else "none"
        note(f"{shown} of {total} passages{ranked}" + (" (--offset N for more)" if offset + len(hits) < min(hits.total, hits.ranked) else ""))
    raise typer.Exit(found)


def _highlight(snippet: str, marks) -> Any:
    from rich.text import Text

    t = Text(snippet.replace("\n", " "))
    for s, e in marks:
        t.stylize("bold yellow", s, e)
    return t


@app.command("upgrade")
def upgrade_cmd(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Bring a database of an older duixian to this one's schema (commands that only read never upgrade)."""
    from duixian.store.db import schema_revision, stored_revision

    before = stored_revision(db)  # read first, without writing: a foreign file is refused here, untouched
    engine = open_db(db, as_json, write=True)  # refuses a missing or empty file, then upgrades
    after = schema_revision(engine)
    where = engine.url.database if engine.dialect.name == "sqlite" else engine.url.render_as_string(hide_password=True)
    if as_json:
        emit_json({"schema": "duixian.upgrade/1", "database": where, "from": before, "to": after})
        return
    said = f"is up to date (schema {after})" if before == after else f"upgraded from schema {before} to {after}"
    out.print(f"{where} {said}", markup=False, highlight=False, soft_wrap=True)


@app.command("datasette-metadata")
def datasette_metadata(
    out_file: Annotated[Path, typer.Option("--out", help="Where to write the metadata.")] = Path("metadata.json"),
    plugins_dir: Annotated[Path, typer.Option(
        "--plugins-dir", help="Where to write the plugin that makes ?_search= read Chinese.")] = Path("datasette-plugins"),
    force: Annotated[bool, typer.Option("--force", help="Replace the metadata file and the plugin if they exist "
                                                        "(after an ingest, to refresh them).")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write metadata.json and the search plugin for serving or publishing the SQLite database with Datasette."""
    from duixian.errors import StoreError
    from duixian.store.datasette import PLUGIN_FILE, metadata, write_plugin

    engine = open_db(db, as_json)
    if engine.dialect.name != "sqlite":
        die(StoreError("Datasette serves SQLite files: export the corpus to a SQLite database first "
                        "(ingest it with --db corpus.db)"), as_json)
    claim_all({"--out": out_file, "--plugins-dir": plugins_dir / PLUGIN_FILE}, force=force)
    path = Path(engine.url.database or "duixian.db")
    name = path.stem  # Datasette names a database after its file
    meta = metadata(engine, name)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    write_text(out_file, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    plugin = write_plugin(plugins_dir)
    command = f"datasette serve {path} --metadata {out_file} --plugins-dir {plugins_dir}"
    if as_json:
        emit_json({"schema": "duixian.datasette/1", "database": name, "metadata": str(out_file),
                    "plugin": str(plugin), "command": command})
        return
    out.print(f"wrote {out_file} and {plugin}; serve with:\n  {command}", markup=False, highlight=False, soft_wrap=True)
