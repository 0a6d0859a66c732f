"""Conventions every ``duixian`` command keeps (README "Exit status and conventions"): help on ``-h``, a
version flag, coded one-line errors with the documented exit status and never a traceback, read-only
commands that refuse a database that does not exist, whole quotes when the output is piped, progress on
stderr."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
import typer
from rich.console import Console
from tests.conftest import CORPUS, needs_corpus
from typer.testing import CliRunner

from duixian import __version__
from duixian.cli import app, sample_path

runner = CliRunner()


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path registered on the app, sub-groups included, so a new command is covered too."""
    found = []
    for name, cmd in getattr(group, "commands", {}).items():
        found.append((*prefix, name))
        found += _commands(cmd, (*prefix, name))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def _clean(r) -> None:
    assert "Traceback" not in r.output, r.output


def _run(*args: str, code: int | None = None):
    r = runner.invoke(app, list(args))
    _clean(r)
    if code is not None:
        assert r.exit_code == code, (args, r.exit_code, r.output)
    return r


def _err_code(r) -> str:
    """The code of the one error line on stderr (``error[CODE] …``)."""
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error[")]
    assert len(lines) == 1, r.stderr
    return re.match(r"error\[([A-Z_]+)\]", lines[0]).group(1)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> list[str]:
    """A database holding the bundled sample report."""
    path = tmp_path_factory.mktemp("conv") / "c.db"
    _run("ingest", str(sample_path()), "--db", str(path), code=0)
    return ["--db", str(path)]


# --- help and version ---------------------------------------------------------------------------

def test_the_command_list_is_the_apps() -> None:
    names = {c[0] for c in COMMANDS}
    assert {"text", "parse", "extract", "eval", "demo", "version", "ingest", "reports", "show", "delete",
            "search", "datasette-metadata", "panel", "metrics", "export", "track", "serve"} <= names


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_answers_help(command: tuple[str, ...], flag: str) -> None:
    r = _run(*command, flag, code=0)
    assert "Usage:" in r.stdout and " ".join(command) in r.stdout and "-h, --help" in r.stdout


def test_root_help_and_version() -> None:
    assert "Commands" in _run("-h", code=0).stdout
    assert _run("--version", code=0).stdout == f"duixian {__version__}\n"
    assert _run("version", code=0).stdout.strip() == f"duixian {__version__}"


# --- exit status and coded errors ---------------------------------------------------------------

def test_no_such_report_is_found_nothing(db) -> None:
    for cmd in ("show", "delete"):
        r = _run(cmd, "99", *db, code=1)
        assert _err_code(r) == "NO_SUCH_REPORT"
        r = _run(cmd, "99", "--json", *db, code=1)
        assert json.loads(r.stdout)["error"]["code"] == "NO_SUCH_REPORT"


@pytest.mark.parametrize("args, code", [
    (["show", "1", "--kind", "foo"], "BAD_OPTION"),
    (["panel", "--metric", "不存在"], "UNKNOWN_METRIC"),
    (["panel", "--metric", "地区生产总直"], "UNKNOWN_METRIC"),
    (["panel", "--kind", "foo"], "BAD_OPTION"),
    (["reports", "--level", "village"], "BAD_OPTION"),
    (["export", "--format", "docx", "--out", "unused"], "BAD_OPTION"),
    (["search", "x", "--limit", "0"], "BAD_OPTION"),
    (["track", "--region", "青禾区"], "BAD_OPTION"),
])
def test_bad_option_values_are_usage_errors(db, args: list[str], code: str) -> None:
    r = _run(*args, *db, code=2)
    assert _err_code(r) == code
    r = _run(*args, *db, "--json", code=2)
    assert json.loads(r.stdout)["error"]["code"] == code


def test_unknown_metric_names_the_nearest(db) -> None:
    r = _run("panel", "--metric", "地区生产总直", *db, code=2)
    assert "地区生产总值" in r.stderr


@pytest.mark.parametrize("args", [["show"], ["show", "1", "--bogus"], ["bogus"], ["ingest", "-j", "0", "x"]])
def test_command_line_errors_are_coded_lines(args: list[str]) -> None:
    r = _run(*args, code=2)
    assert _err_code(r) in ("USAGE", "BAD_OPTION") and "-h`" in r.stderr


def test_eval_without_gold_files_is_an_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sample_path(), raw / "a.txt")
    r = _run("eval", str(raw), str(raw), code=2)  # the raw folder twice: nothing to score against
    assert _err_code(r) == "NO_GOLD" and "fields right" not in r.output
    r = _run("eval", str(raw), str(raw), "--json", code=2)
    assert json.loads(r.stdout)["error"]["code"] == "NO_GOLD"
    assert _err_code(_run("eval", str(raw), str(tmp_path / "nope"), code=2)) == "NOT_FOUND"


def test_export_refuses_to_overwrite_without_force(db, tmp_path: Path) -> None:
    taken = tmp_path / "exports.csv"
    taken.write_text("mine\n", encoding="utf-8")
    r = _run("export", "--format", "csv", "--out", str(taken), *db, code=2)
    assert _err_code(r) == "OUTPUT_EXISTS" and taken.read_text(encoding="utf-8") == "mine\n"
    r = _run("export", "--format", "csv", "--out", str(taken), "--force", "--json", *db, code=0)
    assert taken.is_dir() and all(Path(f).exists() for f in json.loads(r.stdout)["files"])
    # an earlier export in the folder is not silently replaced either
    r = _run("export", "--format", "csv", "--out", str(taken), *db, code=2)
    assert _err_code(r) == "OUTPUT_EXISTS" and "reports.csv" in r.stderr
    _run("export", "--format", "csv", "--out", str(taken), "--force", *db, code=0)
    _run("export", "--format", "jsonl", "--out", str(tmp_path / "fresh"), *db, code=0)


def test_an_unexpected_exception_is_internal_not_a_traceback(monkeypatch) -> None:
    import duixian.cli.read as read

    def boom(_path):
        raise ValueError("something broke")

    monkeypatch.setattr(read, "extract_file", boom)
    monkeypatch.delenv("DUIXIAN_DEBUG", raising=False)
    r = _run("demo", code=1)
    assert _err_code(r) == "INTERNAL" and "something broke" in r.stderr
    r = _run("demo", "--json", code=1)
    assert json.loads(r.stdout)["error"]["code"] == "INTERNAL"


# --- read-only commands and a database that does not exist --------------------------------------

READ_ONLY = [
    ["reports"], ["show", "1"], ["delete", "1"], ["search", "交付"], ["panel"], ["metrics"],
    ["export", "--format", "csv", "--out", "{tmp}/x"], ["track", "--all"], ["track", "--region", "青禾区", "--year", "2024"],
    ["datasette-metadata", "--out", "{tmp}/m.json", "--plugins-dir", "{tmp}/p"], ["serve"],
]


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda a: " ".join(a[:2]))
def test_read_only_commands_refuse_a_missing_database(args: list[str], tmp_path: Path, monkeypatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)  # if serve got past the check, it returns at once
    typo = tmp_path / "typo.db"
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    r = _run(*argv, "--db", str(typo), code=2)
    assert _err_code(r) == "NO_DATABASE" and not typo.exists()
    r = _run(*argv, "--db", str(typo), "--json", code=2)
    assert json.loads(r.stdout)["error"]["code"] == "NO_DATABASE" and not typo.exists()


def test_ingest_creates_the_database(tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    _run("ingest", str(sample_path()), "--db", str(new), code=0)
    assert new.exists()
    assert json.loads(_run("reports", "--json", "--db", str(new), code=0).stdout)["reports"]


# --- search takes several words -----------------------------------------------------------------

def test_search_joins_several_words_into_one_query(db) -> None:
    one = json.loads(_run("search", "安置房 交付", "--json", *db, code=0).stdout)
    two = json.loads(_run("search", "安置房", "交付", "--json", *db, code=0).stdout)
    assert two["query"] == "安置房 交付" and two["hits"] == one["hits"]


# --- piped output keeps every quote whole -------------------------------------------------------

@needs_corpus
def test_piped_extract_prints_every_quote_whole() -> None:
    path = CORPUS / "raw" / "007_hailar_2018.txt"
    doc = json.loads(_run("extract", str(path), "--json", code=0).stdout)
    texts = [r["quote"] for k in ("targets", "actuals") for r in doc[k]] + [r["text"] for r in doc["pledges"]]
    assert max(map(len, texts)) > 40, "the document must have quotes longer than a terminal cell (40)"
    lines = _run("extract", str(path), code=0).stdout.splitlines()  # CliRunner's stdout is no terminal
    for t in texts:
        assert any(t.replace("\n", " ") in ln for ln in lines), t
    assert not any("…" in ln for ln in lines)


@needs_corpus
def test_piped_show_and_track_print_every_quote_whole(tmp_path: Path) -> None:
    plan, review = CORPUS / "raw" / "007_hailar_2018.txt", CORPUS / "raw" / "008_hailar_2019.txt"
    card = json.loads(_run("track", str(plan), str(review), "--json", code=0).stdout)
    lines = _run("track", str(plan), str(review), code=0).stdout.splitlines()
    for it in card["items"]:
        assert any(it["quote"].replace("\n", " ") in ln for ln in lines), it["quote"]
        assert any(it["reason"].replace("\n", " ") in ln for ln in lines), it["reason"]
    db = ["--db", str(tmp_path / "t.db")]
    _run("ingest", str(plan), *db, code=0)
    shown = json.loads(_run("show", "1", "--json", *db, code=0).stdout)
    lines = _run("show", "1", *db, code=0).stdout.splitlines()
    for r in shown["pledges"] + shown["targets"]:
        assert any((r.get("quote") if "metric" in r else r["text"]).replace("\n", " ") in ln for ln in lines)


def test_a_long_path_is_not_wrapped_in_the_terminal(tmp_path: Path, monkeypatch) -> None:
    import duixian.cli.common as common
    import duixian.cli.read as read

    deep = tmp_path / ("a_rather_long_folder_name_" * 3) / "sample_report_with_a_long_name.txt"
    deep.parent.mkdir(parents=True)
    shutil.copy(sample_path(), deep)
    buf = io.StringIO()
    terminal = Console(file=buf, width=60, force_terminal=True, color_system=None)
    monkeypatch.setattr(read, "out", terminal)
    monkeypatch.setattr(common, "out", terminal)  # piped() asks it: a terminal gets the drawn layout
    _run("parse", str(deep), code=0)
    assert any(str(deep) in ln for ln in buf.getvalue().splitlines()), buf.getvalue()


# --- progress on stderr -------------------------------------------------------------------------

def test_ingest_progress_has_counts_and_eta_on_stderr(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(sample_path(), src / "a.txt")
    (src / "b.txt").write_text("", encoding="utf-8")  # fails: EMPTY_FILE
    r = _run("ingest", str(src), "--db", str(tmp_path / "a.db"), code=1)
    last = [ln for ln in r.stderr.splitlines() if ln.startswith("ingest ")][-1]
    assert re.fullmatch(r"ingest 2/2 \(stored 1 failed 1\), \d+:\d\d:\d\d elapsed, ETA 0:00:00", last), last
    assert "ingest " not in r.stdout  # the summary is on stdout, progress is not
    r = _run("ingest", str(src), "--db", str(tmp_path / "b.db"), "--no-progress", code=1)
    assert not any(ln.startswith("ingest ") for ln in r.stderr.splitlines())
    r = _run("ingest", str(src), "--db", str(tmp_path / "c.db"), "--json", code=1)
    assert not any(ln.startswith("ingest ") for ln in r.stderr.splitlines())  # --json: a clean record only
    assert json.loads(r.stdout)["schema"] == "duixian.ingest/1"
    r = _run("ingest", str(src), "--db", str(tmp_path / "d.db"), "--json", "--progress", code=1)
    assert "ingest 2/2" in r.stderr


# --- tables piped: tab-separated lines ----------------------------------------------------------

def test_piped_tables_are_tab_separated_lines(db) -> None:
    rows = json.loads(_run("panel", "--json", *db, code=0).stdout)["rows"]
    for args, header, n in ((["panel"], "region\tyear\tmetric\ttarget\tactual\tgap\tverdict\tquote", len(rows)),
                            (["reports"], "id\tregion\tyear\treviews\ttype\tt/a/p/proj\tsrc\tpath", 1),
                            (["search", "交付"], "region\tyear\treport\tsection\tsnippet", None)):
        r = _run(*args, *db, code=0)
        lines = r.stdout.splitlines()
        assert lines[0] == header and not any(c in r.stdout for c in "│┃─━"), args
        assert {ln.count("\t") for ln in lines} == {header.count("\t")}, args  # one row a line, every field there
        if n is not None:
            assert len(lines) == 1 + n, args
    quotes = {ln.split("\t")[7] for ln in _run("panel", *db, code=0).stdout.splitlines()[1:]}
    assert quotes == {(r["actual_quote"] or r["target_quote"] or "").replace("\n", " ") for r in rows}  # whole


def test_a_value_never_breaks_its_row(capsys) -> None:
    from duixian.cli.common import tsv

    tsv(("a", "b", "c"), [("x\ty", "line\nbreak\r\u2028end", None), (1, 2.5, "")])
    assert capsys.readouterr().out == "a\tb\tc\nx y\tline break  end\t\n1\t2.5\t\n"


def test_a_reader_that_stops_early_ends_the_command_quietly(monkeypatch) -> None:
    from duixian.cli.common import tsv

    class Closed(io.StringIO):  # `duixian panel | head -1` after head has gone
        def write(self, s: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("sys.stdout", Closed())
    with pytest.raises(typer.Exit) as end:
        tsv(("a",), [("1",)] * 10)
    assert end.value.exit_code == 0


def test_a_terminal_still_gets_the_table(db, monkeypatch) -> None:
    import duixian.cli.common as common

    buf = io.StringIO()
    monkeypatch.setattr(common, "out", Console(file=buf, width=200, force_terminal=True, color_system=None))
    r = _run("panel", "--limit", "3", *db, code=0)
    shown = buf.getvalue()
    assert "│" in shown and "panel (" in shown and "showing 3 of" in shown and not r.stderr


# --- long tables: --limit -----------------------------------------------------------------------

def test_limit_cuts_the_table_and_says_so_but_not_the_json(db) -> None:
    rows = json.loads(_run("panel", "--json", *db, code=0).stdout)["rows"]
    assert len(rows) > 3
    r = _run("panel", "--limit", "2", *db, code=0)
    assert f"showing 2 of {len(rows)} rows" in r.stderr  # piped: the note is not one of the table's lines
    assert "showing" not in _run("panel", *db, code=0).output  # piped: every row by default
    assert len(json.loads(_run("panel", "--json", "--limit", "2", *db, code=0).stdout)["rows"]) == len(rows)
    assert "showing 1 of" not in _run("reports", "--limit", "1", *db, code=0).stdout  # one report: nothing left out
    assert _err_code(_run("reports", "--limit", "-1", *db, code=2)) == "BAD_OPTION"


def test_a_reports_list_that_matches_nothing_exits_1(db) -> None:
    # the exit table: 1 = found nothing, as for a search without hits; the JSON still says so in full
    assert "no stored report matches" in _run("reports", "--region", "不存在的地方", *db, code=1).stdout
    doc = json.loads(_run("reports", "--year", "1900", "--json", *db, code=1).stdout)
    assert doc["total"] == 0 and doc["reports"] == []
    assert _run("reports", "--duplicates", *db, code=1).stdout.strip().startswith("no report is stored from more")


def test_an_output_path_the_file_system_refuses_is_coded(db, tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    for args in (["panel", "--out", str(blocker / "p.csv")],
                 ["datasette-metadata", "--out", str(blocker / "m.json"), "--plugins-dir", str(tmp_path / "p")],
                 ["export", "--format", "csv", "--out", str(blocker / "x")]):
        r = _run(*args, *db, code=2)
        assert _err_code(r) == "FILE_SYSTEM", r.stderr
    sample = str(sample_path())
    r = _run("track", sample, sample, "--force", "--markdown", str(blocker / "card.md"), code=2)
    assert _err_code(r) == "FILE_SYSTEM"


# --- files the CLI writes: never over an existing file unasked, never half a file --------------

def _writes(name: str, tmp: Path, db: list[str]) -> tuple[list[str], Path, str]:
    """(command line, the file it writes, the flag that lets it replace one) for each option that writes."""
    sample = str(sample_path())
    if name == "notice --docx":
        table = tmp / "tasks.xlsx"
        _run("tasks", sample, "--xlsx", str(table), code=0)
        return ["notice", str(table), "--report", sample, "--docx", str(tmp / "n.docx")], tmp / "n.docx", "--force"
    if name == "notice --html":
        table = tmp / "tasks.xlsx"
        _run("tasks", sample, "--xlsx", str(table), code=0)
        return ["notice", str(table), "--report", sample, "--html", str(tmp / "n.html")], tmp / "n.html", "--force"
    return {
        "panel --out": (["panel", "--out", str(tmp / "p.csv"), *db], tmp / "p.csv", "--force"),
        # track's --force rates a mismatched pair (the sample against itself); replacing a file is --overwrite
        "track --markdown": (["track", sample, sample, "--force", "--markdown", str(tmp / "c.md")], tmp / "c.md",
                             "--overwrite"),
        "track --html": (["track", sample, sample, "--force", "--html", str(tmp / "c.html")], tmp / "c.html",
                         "--overwrite"),
        "tasks --xlsx": (["tasks", sample, "--xlsx", str(tmp / "t.xlsx")], tmp / "t.xlsx", "--force"),
        "datasette-metadata --out": (["datasette-metadata", "--out", str(tmp / "m.json"), "--plugins-dir",
                                      str(tmp / "p"), *db], tmp / "m.json", "--force"),
        "datasette-metadata --plugins-dir": (["datasette-metadata", "--out", str(tmp / "m.json"), "--plugins-dir",
                                              str(tmp / "p"), *db], tmp / "p" / "duixian_datasette.py", "--force"),
    }[name]


WRITERS = ["panel --out", "track --markdown", "track --html", "tasks --xlsx", "notice --docx", "notice --html",
           "datasette-metadata --out", "datasette-metadata --plugins-dir"]


@pytest.mark.parametrize("name", WRITERS)
def test_a_written_file_never_replaces_one_unasked(name: str, db, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")  # tasks and notice read and write the office's XLSX
    pytest.importorskip("docx")
    args, target, flag = _writes(name, tmp_path, db)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("mine\n", encoding="utf-8")
    r = _run(*args, code=2)
    assert _err_code(r) == "OUTPUT_EXISTS" and flag in r.stderr and str(target) in r.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    r = _run(*args, "--json", code=2)
    assert json.loads(r.stdout)["error"]["code"] == "OUTPUT_EXISTS" and target.read_text(encoding="utf-8") == "mine\n"
    _run(*args, flag, code=0)
    assert target.read_bytes() != b"mine\n" and target.stat().st_size > 0
    assert not [p.name for p in target.parent.iterdir() if p.name.endswith(".part")]  # no temporary file left


def test_two_options_naming_one_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    sample = str(sample_path())
    card = tmp_path / "card"
    r = _run("track", sample, sample, "--force", "--markdown", str(card), "--html", str(card), code=2)
    assert _err_code(r) == "BAD_OPTION" and not card.exists()
    r = _run("track", sample, sample, "--force", "--overwrite", "--html", str(tmp_path), code=2)
    assert _err_code(r) == "BAD_OPTION" and "names a folder" in r.stderr


def test_an_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    sample = str(sample_path())
    card = tmp_path / "card.html"
    _run("track", sample, sample, "--force", "--html", str(card), code=0)
    before = card.read_bytes()
    write_text, cut = Path.write_text, []

    def cut_short(self: Path, text: str, *args, **kwargs) -> int:
        cut.append(self)
        write_text(self, text[: len(text) // 2], *args, **kwargs)
        raise KeyboardInterrupt  # Ctrl-C half-way through writing the page

    monkeypatch.setattr(Path, "write_text", cut_short)
    runner.invoke(app, ["track", sample, sample, "--force", "--overwrite", "--html", str(card)])
    monkeypatch.undo()
    assert cut, "the page was never written"
    assert card.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["card.html"]
