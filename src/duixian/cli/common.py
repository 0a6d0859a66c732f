"""What every command family of the ``duixian`` CLI shares: the Typer app, the common options, JSON
output, coded errors and their exit codes, and the console.

Command modules import from here (and from library code) only, never from each other or from the
package ``__init__``, so the import graph of ``duixian.cli`` stays a tree with this module at its root.
"""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from duixian.errors import DuixianError, InternalError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="duixian (兑现): read Chinese government work reports into grounded, checkable data.",
    rich_markup_mode=None,
)
out = Console()

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite file (default: $DUIXIAN_DB, else ./duixian.db)."),
]


def main() -> None:
    app()


def sample_path() -> Path:
    return Path(str(resources.files("duixian.data").joinpath("sample_report.txt")))


def coded(exc: Exception, path: str | None = None) -> DuixianError:
    """The coded error for ``exc``: itself if it is one, else INTERNAL (re-raised with DUIXIAN_DEBUG set)."""
    if isinstance(exc, DuixianError):
        return exc
    if os.environ.get("DUIXIAN_DEBUG"):
        raise exc
    return InternalError(f"{type(exc).__name__}: {exc}", path=path)


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def die(exc: Exception, as_json: bool) -> NoReturn:
    """Print ``exc`` as one coded line (or a JSON error object) and exit 2."""
    e = coded(exc)
    if as_json:
        emit_json({"error": e.as_dict()})
    else:
        sys.stderr.write(str(e) + "\n")
    raise typer.Exit(2)


def open_db(db: str | None, as_json: bool) -> Any:
    """The engine for ``--db``; a database that cannot be opened ends the command with a coded error."""
    from duixian.store import open_engine

    try:
        return open_engine(db)
    except DuixianError as exc:
        die(exc, as_json)


def num(v: Any) -> str:
    return "" if v is None else f"{v:g}"


def short(s: str, n: int = 40) -> str:
    s = s.replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"
