"""What every command family of the ``duixian`` CLI shares: the Typer app, the common options, JSON
output, coded errors and their exit codes, the consoles and the progress display.

Command modules import from here (and from library code) only, never from each other or from the
package ``__init__``, so the import graph of ``duixian.cli`` stays a tree with this module at its root.

Conventions every command gets from here without code of its own: ``-h``/``--help``; a
``DuixianError`` (or a click usage error) that escapes a command is printed as one coded line, or
as ``{"error": …}`` under ``--json``, and sets the exit status (``DuixianError.exit_status``: 1 failed
or found nothing, 2 usage); any other exception becomes ``INTERNAL`` (exit 1) instead of a traceback,
unless ``DUIXIAN_DEBUG`` is set.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console, ConsoleDimensions
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from typer.core import TyperGroup

from duixian import __version__
from duixian.errors import (
    BadOptionError,
    DuixianError,
    FileSystemError,
    InternalError,
    InterruptedByUserError,
    NoDatabaseError,
    UsageError,
)

_JSON_KEY = "duixian.json"  # ctx.meta key: the running command was given --json
# wider than any table row of quotes, so piped output keeps every quote whole instead of wrapping at 80
PIPE_WIDTH = 10_000


try:  # typer >= 0.24 carries its own copy of click; older typer raises click's exceptions
    from typer import TyperException as _ClickError  # type: ignore[attr-defined,unused-ignore]
except ImportError:  # pragma: no cover
    from click import ClickException as _ClickError  # type: ignore[assignment,unused-ignore]


def _usage_error(exc: Exception, command: str | None) -> UsageError:
    where = f"duixian {command} -h" if command else "duixian -h"
    # a value refused (BAD_OPTION) or a command line that cannot be parsed (USAGE: missing, unknown …)
    refused = isinstance(exc, typer.BadParameter) and type(exc).__name__ != "MissingParameter"
    cls = BadOptionError if refused else UsageError
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    return cls(message.replace("\n", " ").rstrip("."), hint=f"see `{where}`")


class _CodedGroup(TyperGroup):
    """The root command: turns whatever escapes a command into one coded line and an exit status."""

    def invoke(self, ctx: Any) -> Any:  # click's Context: typer's copy of click or click itself
        raw_args = [*getattr(ctx, "_protected_args", []), *ctx.args]  # emptied while the command is resolved
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except _ClickError as exc:
            # click's usage errors (exit code 2: a missing argument, an unknown option, a refused value)
            # become coded lines; help shown for no arguments and click's other errors stay click's
            if getattr(exc, "exit_code", 1) != 2 or type(exc).__name__ == "NoArgsIsHelpError":
                raise
            err: DuixianError = _usage_error(exc, ctx.invoked_subcommand)
            _report(err, ctx.meta.get(_JSON_KEY, "--json" in raw_args))
            raise typer.Exit(err.exit_status) from None
        except DuixianError as exc:
            _report(exc, ctx.meta.get(_JSON_KEY, False))
            raise typer.Exit(exc.exit_status) from None
        except KeyboardInterrupt:
            # Ctrl-C: one coded line instead of click's bare "Aborted!" or a traceback
            stop = InterruptedByUserError("stopped by Ctrl-C")
            _report(stop, ctx.meta.get(_JSON_KEY, False))
            raise typer.Exit(stop.exit_status) from None
        except Exception as exc:
            err = coded(exc)  # re-raises under DUIXIAN_DEBUG
            _report(err, ctx.meta.get(_JSON_KEY, False))
            raise typer.Exit(err.exit_status) from None

app = typer.Typer(
    cls=_CodedGroup,
    add_completion=False,
    no_args_is_help=True,
    help="duixian (兑现): read Chinese government work reports into grounded, checkable data.",
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},  # inherited by every command and sub-group
)


class _Out(Console):
    """Standard output: as wide as the terminal, or unlimited when piped, so no quote is wrapped or cut."""

    @property
    def size(self) -> ConsoleDimensions:
        size = Console.size.fget(self)  # type: ignore[attr-defined]  # the parent's property, extended
        if self._width is None and not self.is_terminal:
            return ConsoleDimensions(PIPE_WIDTH, size.height)
        return size

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)  # type: ignore[attr-defined]


out = _Out()
err_console = Console(stderr=True)


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"duixian {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_print_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    # the root's own options; the app's help text stays the one given to typer.Typer above
    del version


def _note_json(ctx: typer.Context, value: bool) -> bool:
    if value:
        ctx.meta[_JSON_KEY] = True  # ctx.meta is shared with the root, which reports escaped errors
    return value


JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.", callback=_note_json)]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite file (default: $DUIXIAN_DB, else ./duixian.db)."),
]
TERMINAL_ROWS = 50  # a table longer than a few screens is read with --json, a pager or a file
LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", min=0, help="Rows in the table: default 50 on a terminal, all when piped; 0 = all. "
                                        "--json always has every row."),
]
ProgressOpt = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress",
                 help="Progress with counts and ETA on stderr (default: on, off with --json)."),
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
    if isinstance(exc, OSError) and exc.strerror:  # --out/--markdown into a missing or read-only folder
        name = exc.filename or path
        return FileSystemError(exc.strerror + (f": {name}" if name else ""), path=path)
    return InternalError(f"{type(exc).__name__}: {exc}", path=path)


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _report(e: DuixianError, as_json: bool) -> None:
    if as_json:
        emit_json({"error": e.as_dict()})
    else:
        sys.stderr.write(str(e) + "\n")


def die(exc: Exception, as_json: bool, status: int | None = None) -> NoReturn:
    """Print ``exc`` as one coded line (or a JSON error object) and exit with its status (or ``status``)."""
    e = coded(exc)
    _report(e, as_json)
    raise typer.Exit(e.exit_status if status is None else status)


def bad_option(message: str, as_json: bool, hint: str | None = None) -> NoReturn:
    """End the command with a BAD_OPTION error (exit 2)."""
    die(BadOptionError(message, hint=hint), as_json)


def check_choice(option: str, value: str, choices: Sequence[str], as_json: bool) -> None:
    """A value of ``option`` must be one of ``choices``; otherwise BAD_OPTION naming them."""
    if value not in choices:
        bad_option(f"{option} {value!r} is not one of: {', '.join(choices)}", as_json,
                   hint=f"use one of: {', '.join(choices)}")


def open_db(db: str | None, as_json: bool, *, create: bool = False, write: bool = False) -> Any:
    """The engine for ``--db``; a database that cannot be opened ends the command with a coded error.

    Only a command that stores something (``ingest``, ``users add``) passes ``create=True`` (the new file is
    announced on stderr): for any other, a SQLite file that does not exist is a typo (``--db typo.db``), and
    creating an empty database would hide it. A command that only reads (neither ``create`` nor ``write``)
    opens it read-only: it never upgrades an older schema (``DB_TOO_OLD`` names ``duixian upgrade``) nor
    writes into a file that is not a duixian database (``NOT_DUIXIAN_DB``)."""
    from duixian.store import open_engine, resolve_url

    url, new = resolve_url(db)
    if new and not create:
        raise NoDatabaseError(f"no database at {url.removeprefix('sqlite:///')}")
    if not create and url.startswith("sqlite:///") and _empty_file(url.removeprefix("sqlite:///")):
        # SQLite takes a zero-byte file as an empty database, and opening it would write duixian's schema
        # into whatever file --db named by mistake (a report, a log just created)
        raise NoDatabaseError(f"{url.removeprefix('sqlite:///')} is an empty file, not a database")
    return open_engine(db, readonly=not (create or write))


def _empty_file(path: str) -> bool:
    try:
        return os.stat(path).st_size == 0
    except OSError:
        return False


def piped() -> bool:
    """Output goes to a file or a pipe, not a person: print every quote whole, at any width."""
    return not out.is_terminal


# the tab and every character str.splitlines ends a line at: inside a value they would split its row
_BREAKS = dict.fromkeys(map(ord, "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"), " ")


def show_table(header: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None) -> None:
    """A table: rich's layout on a terminal; piped or redirected, :func:`tsv` (rich measured every cell of
    every row first: ``duixian panel > f.txt`` took 50 s for 105,672 rows)."""
    if piped():
        tsv(header, rows)
        return
    table = Table(*header, title=title, title_justify="left")
    for row in rows:
        table.add_row(*row)
    out.print(table)


def tsv(header: Sequence[str] | None, rows: Iterable[Sequence[Any]]) -> None:
    """A header line, then one line per row, the values tab-separated and each kept on its line (a tab or a
    line break inside one becomes a space), written as the rows come: what ``cut``, ``sort`` or
    ``pandas.read_csv(sep="\\t")`` read. A reader that stops early (``| head``) ends the command quietly.
    ``header=None`` adds rows under a header written before (the second file of a batch)."""
    write = sys.stdout.write
    try:
        if header is not None:
            write("\t".join(header) + "\n")
        for row in rows:
            write("\t".join("" if v is None else str(v).translate(_BREAKS) for v in row) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()


def _reader_gone() -> NoReturn:
    # the reader has what it wanted; point stdout at /dev/null so that the interpreter's own flush at exit
    # does not fail on the closed pipe too, and end without an error line
    with contextlib.suppress(OSError, ValueError):  # CliRunner's stdout has no file descriptor
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise typer.Exit(0)


# the columns of a report's records piped (``extract``, ``show``, ``demo``): one record a line, whatever its
# kind; a kind leaves the columns it has no value for empty (what each terminal table shows, in one header)
RECORD_HEADER = ("report", "region", "year", "kind", "name", "target_kind", "value", "unit", "qualifier",
                 "growth_pct", "rank", "deadline", "status", "text")
# per kind: the RECORD_HEADER column each field of the record fills (targets' "kind" is stored as "kind" and
# read as "target_kind")
_RECORD_FIELDS: dict[str, dict[str, str]] = {
    "targets": {"name": "metric", "target_kind": "target_kind", "value": "value", "unit": "unit",
                "qualifier": "qualifier", "text": "quote"},
    "actuals": {"name": "metric", "value": "value", "unit": "unit", "growth_pct": "growth_pct", "rank": "rank",
                "text": "quote"},
    "pledges": {"name": "category", "deadline": "deadline", "text": "text"},
    "projects": {"name": "name", "value": "investment", "unit": "unit", "status": "status"},
    "glossary": {"name": "term", "text": "definition"},
}


def record_row(report: Any, region: str | None, year: int | None, kind: str, record: Any) -> list[str]:
    """One RECORD_HEADER line of ``record`` (a model dataclass or a stored row as a dict)."""
    def get(field: str) -> Any:
        if isinstance(record, dict):
            return record.get("kind") if field == "target_kind" else record.get(field)
        return getattr(record, field, None)

    fields = _RECORD_FIELDS[kind]
    cells = [str(report), region or "", "" if year is None else str(year), kind]
    for col in RECORD_HEADER[4:]:
        v = get(fields[col]) if col in fields else None
        cells.append(num(v) if isinstance(v, float | int) and not isinstance(v, bool) else "" if v is None else str(v))
    return cells


def note(text: str | None) -> None:
    """A line about the output, not part of it ("showing 50 of 1,176 rows", where a file went): dim under
    the table on a terminal; on stderr when piped, so that stdout holds the table's lines only."""
    if not text:
        return
    if piped():
        sys.stderr.write(text + "\n")
    else:
        out.print(text, style="dim", highlight=False)


OffsetOpt = Annotated[int, typer.Option("--offset", min=0, help="Skip the first N rows (the next page: --offset 50).")]


def table_rows(limit: int | None) -> int | None:
    """How many rows a table shows under ``--limit``: 50 on a terminal, all (None) when piped or for 0."""
    n = limit if limit is not None else (0 if piped() else TERMINAL_ROWS)
    return n or None


def page_note(shown: int, offset: int, total: int, what: str = "rows") -> str | None:
    """The line under a table that shows part of a longer list (None when it shows all of it)."""
    if offset == 0 and shown >= total:
        return None
    where = f"{shown}" if offset == 0 else f"{offset + 1}–{offset + shown}" if shown else f"none from {offset + 1}"
    return f"showing {where} of {total} {what} (--offset N, --limit N, --limit 0 for all, --json for data)"


def first_rows(rows: list[Any], limit: int | None, what: str = "rows") -> tuple[list[Any], str | None]:
    """The rows a table shows under ``--limit`` and, when some are left out, the line that says so."""
    n = limit if limit is not None else (0 if piped() else TERMINAL_ROWS)
    if not n or len(rows) <= n:
        return rows, None
    return rows[:n], f"showing {n} of {len(rows)} {what} (--limit N, --limit 0 for all, --json for data)"


def num(v: Any) -> str:
    return "" if v is None else f"{v:g}"


def short(s: str, n: int = 40) -> str:
    """``s`` on one line, cut to ``n`` characters on a terminal; whole when piped (a file wants every quote)."""
    s = s.replace("\n", " ")
    return s if len(s) <= n or piped() else s[: n - 1] + "…"


class Ticker:
    """Progress of a batch on stderr: a live bar on a terminal, else a plain line now and then.

    Both show done/total, the counts by outcome, the elapsed time and an ETA, so a long run piped to a
    log still says it is alive and how long it has left."""

    EVERY = 5.0  # seconds between plain lines

    def __init__(self, label: str, enabled: bool, outcomes: Sequence[str] = ()) -> None:
        self.label, self.enabled = label, enabled
        self.total: int | None = None
        self.done = 0
        self.counts: dict[str, int] = dict.fromkeys(outcomes, 0)  # shown in this order
        self.started = time.monotonic()
        self._last = 0.0
        self._live = enabled and err_console.is_terminal
        self._bar: Progress | None = None
        if self._live:
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                 TimeRemainingColumn(), console=err_console)
            self._task = self._bar.add_task(label, total=None, counts="")

    def set_total(self, n: int) -> None:
        self.total = n
        if self._bar is not None:
            self._bar.update(self._task, total=n)

    def advance(self, outcome: str) -> None:
        self.done += 1
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1, counts=self._counts())
        elif self.enabled and (time.monotonic() - self._last >= self.EVERY or self.done == self.total):
            self._last = time.monotonic()
            sys.stderr.write(self.line() + "\n")

    def note(self, line: str) -> None:
        """A line (an error) that must not be torn by the live bar."""
        if self._bar is not None:
            self._bar.console.print(line, style="red", markup=False, highlight=False)
        else:
            sys.stderr.write(line + "\n")

    def _counts(self) -> str:
        return " ".join(f"{k} {v}" for k, v in self.counts.items() if v)

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        of = f"/{self.total}" if self.total is not None else ""
        eta = ""
        if self.total and self.done:
            eta = f", ETA {_clock(elapsed / self.done * (self.total - self.done))}"
        counts = self._counts()
        return f"{self.label} {self.done}{of}" + (f" ({counts})" if counts else "") + f", {_clock(elapsed)} elapsed{eta}"

    @contextmanager
    def running(self) -> Iterator[Ticker]:
        if self._bar is None:
            yield self
            return
        with self._bar:
            yield self


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
