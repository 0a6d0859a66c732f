"""Reading commands of the ``duixian`` CLI: text, parse, extract, eval, demo, version (no database)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.tree import Tree

from duixian import __version__
from duixian.cli.common import (
    RECORD_HEADER,
    JsonOpt,
    app,
    coded,
    die,
    emit_json,
    note,
    num,
    out,
    piped,
    record_row,
    sample_path,
    short,
    tsv,
)
from duixian.contract import extract_json, parse_json, report_json, source_json
from duixian.model import StructuredDocument
from duixian.pipeline import clean_file, extract_file, parse, read


@app.command()
def text(
    paths: Annotated[list[Path], typer.Argument(help="Report files (.txt .md .html .docx .pdf .csv).")],
    raw: Annotated[bool, typer.Option("--raw", help="Print the raw text that raw spans index.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Print the clean text of each report (or, with --raw, the raw text)."""
    failed = 0
    for p in paths:
        try:
            if raw:
                r = read(p)
                body, meta = r.text, {"format": r.source.format, "encoding": r.source.encoding}
            else:
                d = clean_file(p)
                body, meta = d.text, source_json(d)
        except Exception as exc:  # every failure becomes one line; the batch goes on
            e = coded(exc, str(p))
            failed += 1
            if as_json:
                emit_json({"path": str(p), "error": e.as_dict()})
            else:
                sys.stderr.write(str(e) + "\n")
            continue
        if as_json:
            emit_json({"path": str(p), "raw": raw, "source": meta, "text": body})
        else:
            sys.stdout.write(body if body.endswith("\n") else body + "\n")
    raise typer.Exit(1 if failed else 0)


@app.command("parse")
def parse_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Report files.")],
    as_json: JsonOpt = False,
    spans: Annotated[bool, typer.Option("--spans", help="Also list paragraphs and sentences (JSON).")] = False,
    parts: Annotated[bool, typer.Option("--parts", help="Also show each sentence's part (review/plan/problems/other), "
                                                       "its confidence and the evidence for it.")] = False,
) -> None:
    """Read, clean and structure reports: source, report metadata and the section tree."""
    def render(sd: StructuredDocument, first: bool) -> None:
        if piped():
            tsv(PARSE_HEADER if first else None, _parse_rows(sd, parts))
            return
        _render(sd)
        if parts:
            _render_parts(sd)

    _batch(paths, as_json, parse, lambda sd: parse_json(sd, spans=spans, parts=parts), render)


@app.command("extract")
def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Report files.")],
    as_json: JsonOpt = False,
) -> None:
    """Extract targets, actuals, pledges, projects and glossary entries, each with its source quote."""
    _batch(paths, as_json, extract_file, extract_json, _render_extraction)


def _batch(paths: list[Path], as_json: bool, work: Callable[[Path], Any],
           to_json: Callable[[Any], dict[str, Any]], render: Callable[[Any, bool], None]) -> None:
    """Run ``work`` on each path; a failure becomes one line (or one JSON error object) and the batch goes on.

    ``render`` is told whether it renders the first result, so that piped lines get one header per batch."""
    failed = 0
    first = True
    for p in paths:
        try:
            result = work(p)
        except Exception as exc:
            e = coded(exc, str(p))
            failed += 1
            if as_json:
                emit_json({"schema": "duixian.extract/1", "source": {"path": str(p)}, "error": e.as_dict()})
            else:
                sys.stderr.write(str(e) + "\n")
            continue
        if as_json:
            emit_json(to_json(result))
        else:
            render(result, first)
            first = False
    raise typer.Exit(1 if failed else 0)


@app.command("eval")
def eval_cmd(
    raw_dir: Annotated[Path, typer.Argument(help="Folder of raw reports.")],
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold labels (*.json).")],
    docs: Annotated[str | None, typer.Option("--docs", help="Only gold files whose name matches this glob, e.g. '00[0-4]*'.")] = None,
    details: Annotated[bool, typer.Option("--details", help="List missed and spurious records per document.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Score extraction against hand labels: precision, recall and F1 per kind, metadata accuracy."""
    from duixian.errors import NoGoldError, NotAFolderError
    from duixian.evaluate import evaluate, gold_files
    from duixian.track.evaluate import evaluate_pairs

    try:
        for folder in (raw_dir, gold_dir):
            if folder.exists() and not folder.is_dir():  # it is there: NOT_FOUND ("check the path") would mislead
                raise NotAFolderError("is a file, not a folder", path=str(folder))
        if gold_dir.is_dir() and raw_dir.is_dir() and not gold_files(gold_dir, docs):
            # without this, a wrong folder scored "0/0 fields right (1.000)" and exited 0
            which = f"matching --docs {docs!r} " if docs else ""
            raise NoGoldError(f"no gold label file (*.json) {which}in {gold_dir}")
        report = evaluate(raw_dir, gold_dir, docs)
        tracking = evaluate_pairs(raw_dir, gold_dir) if docs is None else None
    except Exception as exc:
        die(exc, as_json, status=2)  # a folder that is missing or holds no labels: the command line is wrong
    if as_json:
        out_json = report.as_dict()
        if tracking is not None and tracking.pairs:
            out_json["tracking"] = tracking.as_dict() if details else {"totals": tracking.totals(),
                                                                    "pairs": tracking.per_pair()}
        emit_json(out_json)
        return
    _render_eval(report, details)
    if tracking is not None and tracking.pairs:
        # piped, the lines go to stderr (stdout holds the table's rows); on a terminal under the tables
        emit, head = (note, "tracking") if piped() else (out.print, "[bold]tracking[/bold]")
        for line in _tracking_lines(tracking, details, head):
            emit(line)


def _tracking_lines(tracking: Any, details: bool, head: str) -> Iterator[str]:
    t = tracking.totals()
    yield (f"{head} (PAIRS.json, {t['verdicts']} verdicts): status accuracy {t['status_accuracy']:.3f}, coarse "
           f"accuracy {t['coarse_accuracy']:.3f}, evidence recall {t['evidence_recall']:.3f} of "
           f"{t['evidence_items']} kept/exceeded/partial items")
    for row in tracking.per_pair():
        yield (f"  {row['plan']} → {row['review']}: {row['verdicts']} verdicts, status {row['status_accuracy']:.3f}, "
               f"coarse {row['coarse_accuracy']:.3f}, evidence {row['evidence_recall']:.3f}")
    if details:
        for k, n in t["confusion"].items():
            yield f"  {k}: {n}"


@app.command()
def demo(as_json: JsonOpt = False) -> None:
    """Extract from the bundled sample report (a made-up district) to show what duixian reads."""
    x = extract_file(sample_path())
    if as_json:
        emit_json(extract_json(x))
    else:
        if piped():  # the records, one header; the sections are `duixian parse`'s
            note(f"sample: {sample_path()} (sections: duixian parse {sample_path()})")
            _render_extraction(x, True)
            return
        out.print(f"sample: {sample_path()}", style="dim", soft_wrap=True, markup=False, highlight=False)
        _render(x.sd)
        _render_extraction(x, True)


@app.command()
def version(as_json: JsonOpt = False) -> None:
    """Print the version."""
    if as_json:
        emit_json({"version": __version__})
    else:
        out.print(f"duixian {__version__}")


def _render(sd: StructuredDocument) -> None:
    meta = report_json(sd.report)
    # the path on a line of its own: as a table title it wrapped at the table's width, in mid-name
    out.print(str(sd.doc.source.path), style="bold", soft_wrap=True, markup=False, highlight=False)
    table = Table(show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    for k, v in meta.items():
        table.add_row(k, "—" if v is None else str(v))
    table.add_row("format", f"{sd.doc.source.format} ({sd.doc.source.encoding or '-'}, {sd.doc.script})")
    table.add_row("chars", f"{len(sd.doc.text)} clean / {len(sd.doc.raw)} raw")
    out.print(table)
    for w in sd.doc.warnings:
        sys.stderr.write(f"warning: {w}\n")
    tree = Tree("sections")
    nodes: dict[str | None, Tree] = {None: tree}
    for s in sd.sections:
        label = f"{s.number or ''}{s.title or '(' + s.role + ')'}  [dim]{s.role} {s.start}–{s.end}[/dim]"
        parent = nodes.get(s.parent, tree)
        nodes[s.id] = parent.add(label)
    out.print(tree)


# `parse` piped: the metadata fields, the sections and (--parts) the sentences of each report, one a line
PARSE_HEADER = ("path", "kind", "name", "text", "id", "parent", "role", "start", "end", "confidence", "why")


def _parse_rows(sd: StructuredDocument, parts: bool) -> Iterator[tuple[Any, ...]]:
    path = sd.doc.source.path
    fields = {**report_json(sd.report),
              "format": f"{sd.doc.source.format} ({sd.doc.source.encoding or '-'}, {sd.doc.script})",
              "chars": f"{len(sd.doc.text)} clean / {len(sd.doc.raw)} raw"}
    for w in sd.doc.warnings:
        sys.stderr.write(f"warning: {w}\n")
    for k, v in fields.items():
        yield (path, "field", k, v, "", "", "", "", "", "", "")
    for s in sd.sections:
        yield (path, "section", s.number, s.title, s.id, s.parent, s.role, s.start, s.end, "", "")
    if parts:
        for p in sd.parts:
            yield (path, "sentence", "", sd.text[p.start : p.end], "", "", p.part, p.start, p.end,
                   f"{p.confidence:.2f}", p.why)


def _render_extraction(x: Any, first: bool) -> None:
    sd = x.sd
    if piped():
        note(f"{sd.doc.source.path}: {sd.report.region or '?'} {sd.report.report_year or '?'} ({sd.report.doc_type}); "
             f"reviews {sd.report.review_year or '?'}")
        kinds = (("targets", x.targets), ("actuals", x.actuals), ("pledges", x.pledges), ("projects", x.projects),
                 ("glossary", x.glossary))
        tsv(RECORD_HEADER if first else None,
            (record_row(sd.doc.source.path, sd.report.region, sd.report.report_year, k, r) for k, rs in kinds for r in rs))
        return
    out.print(f"[bold]{sd.doc.source.path}[/bold]  {sd.report.region or '?'} {sd.report.report_year or '?'} "
              f"({sd.report.doc_type}); reviews {sd.report.review_year or '?'}")
    t = Table(title="targets", title_justify="left")
    for col in ("metric", "kind", "value", "unit", "qualifier", "quote"):
        t.add_column(col)
    for r in x.targets:
        t.add_row(r.metric, r.target_kind, num(r.value), r.unit or "", r.qualifier or "", short(r.quote))
    out.print(t)
    t = Table(title="actuals", title_justify="left")
    for col in ("metric", "value", "unit", "growth %", "rank", "quote"):
        t.add_column(col)
    for r in x.actuals:
        t.add_row(r.metric, num(r.value), r.unit or "", num(r.growth_pct), r.rank or "", short(r.quote))
    out.print(t)
    t = Table(title="pledges", title_justify="left")
    for col in ("category", "deadline", "text"):
        t.add_column(col)
    for r in x.pledges:
        t.add_row(r.category, r.deadline or "", short(r.text, 60))
    out.print(t)
    t = Table(title="projects", title_justify="left")
    for col in ("name", "investment", "unit", "status"):
        t.add_column(col)
    for r in x.projects:
        t.add_row(short(r.name), num(r.investment), r.unit or "", r.status or "")
    out.print(t)
    t = Table(title="glossary", title_justify="left")
    for col in ("term", "definition"):
        t.add_column(col)
    for r in x.glossary:
        t.add_row(r.term, short(r.definition, 60))
    out.print(t)


def _render_parts(sd: StructuredDocument) -> None:
    t = Table(title="sentences and their parts", title_justify="left")
    for col in ("span", "part", "conf", "why", "sentence"):
        t.add_column(col)
    for p in sd.parts:
        t.add_row(f"{p.start}–{p.end}", p.part, f"{p.confidence:.2f}", p.why, short(sd.text[p.start : p.end], 40))
    out.print(t)


EVAL_HEADER = ("scope", "name", "kind", "gold", "predicted", "matched", "precision", "recall", "F1")


def _eval_rows(report: Any) -> Iterator[list[Any]]:
    def cells(scope: str, name: str, k: str, s: Any) -> list[Any]:
        return [scope, name, k, s.tp + s.fn, s.tp + s.fp, s.tp, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]

    for k, s in report.totals().items():
        yield cells("all", "", k, s)
    for name, v in report.groups().items():
        for k, s in v["kinds"].items():
            yield cells("group", name, k, s)
    for d in report.docs:
        for k, s in d.kinds.items():
            yield cells("doc", d.doc, k, s)


def _render_eval(report: Any, details: bool) -> None:
    if piped():  # the scores one (scope, kind) a line; metadata and per-document remarks on stderr
        tsv(EVAL_HEADER, _eval_rows(report))
        m = report.meta_accuracy()
        note(f"metadata: {m['right']}/{m['right'] + m['wrong']} fields right ({m['accuracy']:.3f})")
        for name, v in report.groups().items():
            note(f"group {name}: {v['documents']} docs, region+years right {v['key_metadata_right']}/{v['documents']}")
        for d in report.docs:
            if d.error:
                note(f"{d.doc}: {d.error}")
            for w in d.meta_wrong:
                note(f"{d.doc}: metadata {w['field']}: gold {w['gold']!r}, got {w['got']!r}")
            if details:
                for k, s in d.kinds.items():
                    for g in s.missed:
                        note(f"{d.doc}: missed {k}: {json.dumps(g, ensure_ascii=False)}")
                    for p in s.spurious:
                        note(f"{d.doc}: spurious {k}: {p['quote']}")
        return
    t = Table(title="extraction vs gold", title_justify="left")
    for col in ("kind", "gold", "predicted", "matched", "precision", "recall", "F1"):
        t.add_column(col, justify="right" if col != "kind" else "left")
    for k, s in report.totals().items():
        t.add_row(k, str(s.tp + s.fn), str(s.tp + s.fp), str(s.tp), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
    out.print(t)
    pl = report.totals().get("pledges")
    if pl is not None:
        out.print(f"pledges: {pl.by_parts} more gold pledges found in several predicted parts "
                  f"(recall counting them {pl.recall_by_parts:.3f})")
    m = report.meta_accuracy()
    out.print(f"metadata: {m['right']}/{m['right'] + m['wrong']} fields right ({m['accuracy']:.3f})")
    g = Table(title="by document group (F1; pledges: precision/recall, and recall counting a gold pledge found in parts)",
              title_justify="left")
    for col in ("group", "docs", "region+years right", *report.totals().keys()):
        g.add_column(col, justify="left" if col == "group" else "right")
    for name, v in report.groups().items():
        cells = [f"{s.precision:.2f}/{s.recall:.2f} ({s.recall_by_parts:.2f})" if k == "pledges" else f"{s.f1:.3f}"
                 for k, s in v["kinds"].items()]
        g.add_row(name, str(v["documents"]), f"{v['key_metadata_right']}/{v['documents']}", *cells)
    out.print(g)
    for d in report.docs:
        line = "  ".join(f"{k} {s.tp}/{s.tp + s.fn}+{s.fp}" for k, s in d.kinds.items())
        out.print(f"[bold]{d.doc}[/bold]  {line}" + (f"  [red]{d.error}[/red]" if d.error else ""))
        for w in d.meta_wrong:
            out.print(f"  metadata {w['field']}: gold {w['gold']!r}, got {w['got']!r}")
        if details:
            for k, s in d.kinds.items():
                for g in s.missed:
                    out.print(f"  [yellow]missed[/yellow] {k}: {short(json.dumps(g, ensure_ascii=False), 110)}")
                for p in s.spurious:
                    out.print(f"  [magenta]spurious[/magenta] {k}: {short(p['quote'], 80)}")
