"""Piped or redirected, every command prints plain lines (README "Exit status and conventions"): a header
line, then one record a line, tab-separated, the same information as the terminal's table, and no box
drawn by rich. CliRunner's stdout is no terminal, so what these tests read is the piped form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import CORPUS, needs_corpus
from typer.testing import CliRunner

from duixian.cli import app, sample_path

runner = CliRunner()
SAMPLE = str(sample_path())
BOX = {chr(c) for c in range(0x2500, 0x2580)}  # rich's tables, panels and trees are drawn with these


def _run(args: list[str], code: int = 0, stdin: str | None = None):
    r = runner.invoke(app, args, input=stdin)
    assert "Traceback" not in r.output, r.output
    assert r.exit_code == code, (args, r.exit_code, r.output)
    return r


def _table(stdout: str) -> list[list[str]]:
    """The lines as rows; every row has the header's number of cells and no line is drawn."""
    lines = stdout.splitlines()
    assert lines, "no output"
    assert not BOX & set(stdout), stdout[:400]
    rows = [ln.split("\t") for ln in lines]
    width = len(rows[0])
    assert width > 1 and all(len(r) == width for r in rows), [len(r) for r in rows]
    return rows


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> list[str]:
    path = tmp_path_factory.mktemp("piped") / "p.db"
    _run(["ingest", SAMPLE, "--db", str(path)])
    _run(["users", "add", "督查室", "--role", "office", "--password-stdin", "--db", str(path)],
         stdin="long-enough-pw\n")
    return ["--db", str(path)]


def _commands(db: list[str]) -> dict[str, list[str]]:
    return {
        "parse": ["parse", SAMPLE], "parse --parts": ["parse", SAMPLE, "--parts"], "extract": ["extract", SAMPLE],
        "demo": ["demo"], "show": ["show", "1", *db], "metrics": ["metrics", *db],
        "track": ["track", SAMPLE, SAMPLE, "--force"], "track --all": ["track", "--all", *db],
        "tasks": ["tasks", SAMPLE], "users list": ["users", "list", *db], "reports": ["reports", *db],
        "panel": ["panel", *db], "search": ["search", "安置房", *db],
    }


@pytest.mark.parametrize("name", list(_commands([])))
def test_piped_output_is_plain_lines_under_a_header(name: str, db: list[str]) -> None:
    rows = _table(_run(_commands(db)[name]).stdout)
    assert len(rows) > 1, rows  # the sample has records, sections, tasks, an account … under the header


def test_piped_extract_has_what_the_json_has() -> None:
    doc = json.loads(_run(["extract", SAMPLE, "--json"]).stdout)
    rows = _table(_run(["extract", SAMPLE]).stdout)
    head = rows[0]
    got = [dict(zip(head, r, strict=True)) for r in rows[1:]]
    want = {k: len(doc[k]) for k in ("targets", "actuals", "pledges", "projects", "glossary")}
    assert {k: sum(1 for g in got if g["kind"] == k) for k in want} == want
    assert {g["text"] for g in got if g["kind"] == "targets"} == {t["quote"] for t in doc["targets"]}
    assert {g["name"] for g in got if g["kind"] == "glossary"} == {t["term"] for t in doc["glossary"]}
    assert all(g["region"] == doc["report"]["region"] for g in got)


def test_piped_extract_of_two_files_has_one_header(tmp_path: Path) -> None:
    rows = _table(_run(["extract", SAMPLE, SAMPLE]).stdout)
    assert sum(1 for r in rows if r[0] == "report") == 1
    assert len(rows) - 1 == 2 * (len(_table(_run(["extract", SAMPLE]).stdout)) - 1)


def test_piped_show_has_the_stored_records(db: list[str]) -> None:
    doc = json.loads(_run(["show", "1", "--json", *db]).stdout)
    rows = _table(_run(["show", "1", *db]).stdout)
    assert len(rows) - 1 == sum(len(doc[k]) for k in ("targets", "actuals", "pledges", "projects", "glossary"))
    assert {r[3] for r in rows[1:]} == {k for k in ("targets", "actuals", "pledges", "projects", "glossary") if doc[k]}


def test_piped_parse_has_every_section_and_field() -> None:
    doc = json.loads(_run(["parse", SAMPLE, "--json"]).stdout)
    rows = _table(_run(["parse", SAMPLE]).stdout)
    head = rows[0]
    got = [dict(zip(head, r, strict=True)) for r in rows[1:]]
    assert [g["text"] for g in got if g["kind"] == "section"] == [s["title"] for s in doc["sections"]]
    fields = {g["name"]: g["text"] for g in got if g["kind"] == "field"}
    assert fields["region"] == doc["report"]["region"] and fields["report_year"] == str(doc["report"]["report_year"])


def test_piped_track_has_every_item() -> None:
    card = json.loads(_run(["track", SAMPLE, SAMPLE, "--force", "--json"]).stdout)
    rows = _table(_run(["track", SAMPLE, SAMPLE, "--force"]).stdout)
    assert [r[0] for r in rows[1:]] == [it["status"] for it in card["items"]]
    assert [r[4] for r in rows[1:]] == [it["reason"] for it in card["items"]]


@needs_corpus
def test_piped_eval_is_one_score_a_line() -> None:
    raw, gold = CORPUS / "raw", CORPUS / "gold"
    rows = _table(_run(["eval", str(raw), str(gold), "--docs", "00[0-1]*"]).stdout)
    assert rows[0][:3] == ["scope", "name", "kind"]
    assert {r[0] for r in rows[1:]} == {"all", "group", "doc"}
