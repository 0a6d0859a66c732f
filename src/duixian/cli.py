"""``duixian`` command line: thin wrappers that render what library functions return."""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from duixian import __version__
from duixian.contract import parse_json, report_json, source_json
from duixian.errors import DuixianError, InternalError
from duixian.model import StructuredDocument
from duixian.pipeline import clean_file, parse, read

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="duixian (兑现): read Chinese government work reports into grounded, checkable data.",
    rich_markup_mode=None,
)
out = Console()

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def sample_path() -> Path:
    return Path(str(resources.files("duixian.data").joinpath("sample_report.txt")))


def _fail(exc: Exception, path: str | None = None) -> DuixianError:
    if isinstance(exc, DuixianError):
        return exc
    if os.environ.get("DUIXIAN_DEBUG"):
        raise exc
    return InternalError(f"{type(exc).__name__}: {exc}", path=path)


def _emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


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
            e = _fail(exc, str(p))
            failed += 1
            if as_json:
                _emit_json({"path": str(p), "error": e.as_dict()})
            else:
                sys.stderr.write(str(e) + "\n")
            continue
        if as_json:
            _emit_json({"path": str(p), "raw": raw, "source": meta, "text": body})
        else:
            sys.stdout.write(body if body.endswith("\n") else body + "\n")
    raise typer.Exit(1 if failed else 0)


@app.command("parse")
def parse_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Report files.")],
    as_json: JsonOpt = False,
    spans: Annotated[bool, typer.Option("--spans", help="Also list paragraphs and sentences (JSON).")] = False,
) -> None:
    """Read, clean and structure reports: source, report metadata and the section tree."""
    failed = 0
    for p in paths:
        try:
            sd = parse(p)
        except Exception as exc:
            e = _fail(exc, str(p))
            failed += 1
            if as_json:
                _emit_json({"schema": "duixian.extract/1", "source": {"path": str(p)}, "error": e.as_dict()})
            else:
                sys.stderr.write(str(e) + "\n")
            continue
        if as_json:
            _emit_json(parse_json(sd, spans=spans))
        else:
            _render(sd)
    raise typer.Exit(1 if failed else 0)


@app.command()
def demo(as_json: JsonOpt = False) -> None:
    """Parse the bundled sample report (a made-up district) to show what duixian reads."""
    sd = parse(sample_path())
    if as_json:
        _emit_json(parse_json(sd))
    else:
        out.print(f"[dim]sample: {sample_path()}[/dim]")
        _render(sd)


@app.command()
def version(as_json: JsonOpt = False) -> None:
    """Print the version."""
    if as_json:
        _emit_json({"version": __version__})
    else:
        out.print(f"duixian {__version__}")


def _render(sd: StructuredDocument) -> None:
    meta = report_json(sd.report)
    table = Table(title=str(sd.doc.source.path), show_header=False, title_justify="left")
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


def main() -> None:
    app()
