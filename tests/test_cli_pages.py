"""Pages of the corpus commands (issue 18): `reports`, `panel` and `search` read only the rows they show,
and a page is exactly that slice of the whole list; `search` filters, counts and exits 1 on no match."""

from __future__ import annotations

import json

import pytest
from tests.conftest import needs_corpus
from tests.webcorpus import build
from typer.testing import CliRunner

from duixian.cli import app
from duixian.store.panel import panel_page, panel_rows
from duixian.store.query import list_reports

runner = CliRunner()
pytestmark = needs_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    engine = build(folder)
    return engine, ["--db", str(folder / "web.db")]


def _run(*args: str, code: int):
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.output and r.exit_code == code, (args, r.exit_code, r.output)
    return r


def _first_column(table: str) -> list[str]:
    """The first value of each row of a piped table (tab-separated lines under a header line)."""
    lines = table.splitlines()
    return [ln.split("\t")[0] for ln in lines[1:]]


def test_report_pages_are_slices_of_the_whole_list(corpus) -> None:
    engine, db = corpus
    whole = [r["id"] for r in list_reports(engine)]
    doc = json.loads(_run("reports", "--json", *db, code=0).stdout)
    assert [r["id"] for r in doc["reports"]] == whole and doc["total"] == len(whole)  # --json: every row
    assert [r["id"] for r in json.loads(_run("reports", "--json", "--offset", "7", *db, code=0).stdout)["reports"]] \
        == whole[7:]
    for offset in (0, 5, len(whole) - 3):
        r = _run("reports", "--limit", "5", "--offset", str(offset), *db, code=0)
        assert _first_column(r.stdout) == [str(i) for i in whole[offset: offset + 5]]
        shown = min(5, len(whole) - offset)
        where = "5" if offset == 0 else f"{offset + 1}–{offset + shown}"
        # piped, the note is on stderr: stdout holds the table's lines only
        assert f"showing {where} of {len(whole)} reports" in r.stderr
    region = [str(r["id"]) for r in list_reports(engine, region="川汇区")]
    r = _run("reports", "--region", "川汇区", "--limit", "2", "--offset", "1", *db, code=0)
    assert _first_column(r.stdout) == region[1:3] and f"showing 2–3 of {len(region)} reports" in r.stderr


def test_panel_pages_are_slices_of_the_whole_panel(corpus) -> None:
    engine, db = corpus
    whole = panel_rows(engine)
    assert len(whole) > 60
    for offset, limit in ((0, 50), (13, 7), (len(whole) - 4, 10), (len(whole) + 5, 10)):
        page = panel_page(engine, limit=limit, offset=offset)
        assert page.total == len(whole) and page.rows == whole[offset: offset + limit]
    for kw in ({"year": 2023}, {"region": "川汇区"}, {"region": "410000"}, {"year": 2019, "region": "海拉尔区"}):
        part = panel_rows(engine, **kw)
        page = panel_page(engine, limit=3, offset=1, **kw)
        assert page.total == len(part) and page.rows == part[1:4], kw
    gdp = panel_rows(engine, ["GDP"])
    assert panel_page(engine, ["GDP"], limit=4, offset=2).rows == gdp[2:6]
    r = _run("panel", "--limit", "7", "--offset", "13", *db, code=0)
    assert f"showing 14–20 of {len(whole)} rows" in r.stderr and len(r.stdout.splitlines()) == 1 + 7
    # without --limit, piped: every row from --offset, streamed, and the note says which
    r = _run("panel", "--offset", "13", *db, code=0)
    assert len(r.stdout.splitlines()) == 1 + len(whole) - 13 and f"showing 14–{len(whole)} of {len(whole)} rows" in r.stderr
    assert [ln.split("\t")[2] for ln in r.stdout.splitlines()[1:]] == [w["metric"] for w in whole[13:]]
    assert len(json.loads(_run("panel", "--json", "--offset", "13", *db, code=0).stdout)["rows"]) == len(whole) - 13


def test_search_filters_counts_pages_and_exit_status(corpus) -> None:
    _, db = corpus
    doc = json.loads(_run("search", "安置房", "--json", "--limit", "3", *db, code=0).stdout)
    assert doc["total"] >= 4 and len(doc["hits"]) == 3 and doc["total_capped"] is False
    assert doc["facets_of"] == doc["total"]  # a small corpus: the facets count every match
    regions = {f["value"]: f["count"] for f in doc["facets"]["region"]}
    assert sum(regions.values()) == doc["total"]
    only = json.loads(_run("search", "安置房", "--json", "--limit", "50", "--region", "川汇区", *db, code=0).stdout)
    assert only["total"] == regions["川汇区"] == len(only["hits"]) and {h["region"] for h in only["hits"]} == {"川汇区"}
    year = doc["facets"]["year"][0]
    by_year = json.loads(_run("search", "安置房", "--json", "--limit", "50", "--year", str(year["value"]), *db,
                              code=0).stdout)
    assert by_year["total"] == year["count"] and {h["report_year"] for h in by_year["hits"]} == {year["value"]}
    news = json.loads(_run("search", "安置房", "--json", "--kind", "news", *db, code=0 if any(
        f["value"] == "news" for f in doc["facets"]["kind"]) else 1).stdout)
    assert news["total"] == dict((f["value"], f["count"]) for f in doc["facets"]["kind"]).get("news", 0)
    second = json.loads(_run("search", "安置房", "--json", "--limit", "3", "--offset", "3", *db, code=0).stdout)
    assert second["hits"] and not {(h["report_id"], h["span"][0]) for h in second["hits"]} & {
        (h["report_id"], h["span"][0]) for h in doc["hits"]}
    r = _run("search", "安置房", "--limit", "3", *db, code=0)
    assert f"1–3 of {doc['total']} passages" in r.stderr and "--offset N for more" in r.stderr
    lines = [ln.split("\t") for ln in r.stdout.splitlines()]
    assert lines[0] == ["region", "year", "report", "section", "snippet"] and len(lines) == 4
    assert [(int(ln[2]), ln[4]) for ln in lines[1:]] == [(h["report_id"], h["snippet"].replace("\n", " "))
                                                          for h in doc["hits"]]
    # found nothing: exit status 1 (README), with the JSON record and a zero total
    none = _run("search", "没有这个词语", "--json", *db, code=1)
    assert json.loads(none.stdout)["total"] == 0 and json.loads(none.stdout)["hits"] == []
    assert "no hits" in _run("search", "没有这个词语", *db, code=1).stdout
    _run("search", "安置房", "--region", "不存在区", *db, code=1)
    assert "BAD_OPTION" in _run("search", "安置房", "--kind", "memo", *db, code=2).stderr
