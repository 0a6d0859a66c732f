"""A verdict's permalink on a read-only ``duixian serve`` (docs/web.md, "Permalinks"): the item is rated as
its 成绩单 rates it, nothing is written, and the page and its twin say what they say once ``duixian track
--all`` has stored the verdicts — on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.conftest import fresh_database, needs_corpus, raw_path

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store import schema as t
from duixian.track.run import track_all
from duixian.web import create_app

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
# three 川汇区 documents, among them a 2023 plan and the report that reviews it (as in test_web.py)
FILES = ("000_51f0d4ddaca76bda", "004_9c28aa5688276531", "001_1d22ad009400639c")


def _stored(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t.verdicts)).scalar_one()


def _comparable(got: dict) -> dict:
    # when it was rated, and whether it was stored, are the only differences a stored verdict may show
    v = {k: x for k, x in got["verdict"].items() if k not in ("rated_at", "stored")}
    return {**got, "verdict": v}


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_verdict_permalink_resolves_on_a_read_only_server_as_after_track_all(backend, tmp_path) -> None:
    url = fresh_database(backend, tmp_path, PG)
    writer = open_engine(url, announce=False)
    assert not ingest(writer, [raw_path(s) for s in FILES]).failed
    reader = open_engine(url, announce=False, readonly=True)
    c = TestClient(create_app(reader))
    card = c.get(f"/track/{quote('川汇区')}/2023.json").json()
    items = [*[it for it in card["items"] if it["evidence"]][:3], card["items"][-1]]
    before = {}
    for it in items:
        r = c.get(f"/verdicts/{it['id']}.json")
        assert r.status_code == 200, r.text
        got = r.json()
        v = got["verdict"]
        assert (v["status"], v["quote"], v["span"], v["reason"]) == (it["status"], it["quote"], it["span"], it["reason"])
        assert [e["quote"] for e in v["evidence"]] == [e["quote"] for e in it["evidence"]]
        assert v["stored"] is False and v["rated_at"] is None
        page = c.get(f"/verdicts/{it['id']}")
        assert page.status_code == 200 and 'class="verdict"' in page.text and f'data-focus="{it["id"]}"' in page.text
        before[it["id"]] = (got, page.text)
    assert _stored(writer) == 0  # a server that reads never writes
    # an item of a plan whose review is not stored (the 2024 report's own targets) has no verdict to show
    review = next(r for r in c.get("/reports.json").json()["reports"] if r["report_year"] == 2024
                  and r["doc_type"] == "report")
    targets = c.get(f"/reports/{review['id']}.json").json()["records"]["targets"]
    assert targets
    r = c.get(f"/verdicts/{targets[0]['record_id']}.json")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NO_SUCH_VERDICT"

    assert not track_all(writer)["failures"]
    assert _stored(writer) > 0
    for rid, (got, page) in before.items():
        after = c.get(f"/verdicts/{rid}.json").json()
        assert after["verdict"]["stored"] is True and after["verdict"]["rated_at"]
        assert _comparable(after) == _comparable(got)  # same URL, same content
        assert c.get(f"/verdicts/{rid}").text == page
    reader.dispose()
    writer.dispose()


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_read_only_server_rates_a_pair_once_per_version_of_its_reports(backend, tmp_path, monkeypatch) -> None:
    from sqlalchemy import update

    from duixian.track import run

    url = fresh_database(backend, tmp_path, PG)
    writer = open_engine(url, announce=False)
    assert not ingest(writer, [raw_path(s) for s in FILES]).failed
    reader = open_engine(url, announce=False, readonly=True)
    fresh = TestClient(create_app(reader)).get(f"/track/{quote('川汇区')}/2023.json").json()  # another app's

    calls = []
    real = run.track_stored
    monkeypatch.setattr(run, "track_stored", lambda *a, **k: calls.append(a[1:]) or real(*a, **k))
    c = TestClient(create_app(reader))
    card = c.get(f"/track/{quote('川汇区')}/2023.json").json()
    assert card == fresh  # the kept card is the card
    page = c.get(f"/track/{quote('川汇区')}/2023").text
    for it in card["items"][:3]:
        assert c.get(f"/verdicts/{it['id']}.json").json()["verdict"]["status"] == it["status"]
        assert c.get(f"/verdicts/{it['id']}").status_code == 200
    assert c.get(f"/track/{quote('川汇区')}/2023").text == page
    assert calls == [("川汇区", 2023)]  # one rating for the 成绩单, its page and its verdicts
    assert _stored(writer) == 0
    # a report that changes (here its stored title) is a new version: rated again
    with writer.begin() as conn:
        conn.execute(update(t.reports).where(t.reports.c.id == card["plan"]["report_id"]).values(title="改过的标题"))
    again = c.get(f"/track/{quote('川汇区')}/2023.json").json()
    assert len(calls) == 2 and again["plan"]["title"] == "改过的标题" and again["items"] == card["items"]
    reader.dispose()
    writer.dispose()


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_records_twin_names_the_verdict_its_permalink_shows_on_a_read_only_server(backend, tmp_path) -> None:
    """/records/{id}.json lists the verdict the 成绩单 and /verdicts/{id} show — rated on the fly on a
    read-only server, nothing written — and the record page links it; the same after track --all stores it."""
    url = fresh_database(backend, tmp_path, PG)
    writer = open_engine(url, announce=False)
    assert not ingest(writer, [raw_path(s) for s in FILES]).failed
    reader = open_engine(url, announce=False, readonly=True)
    c = TestClient(create_app(reader))
    card = c.get(f"/track/{quote('川汇区')}/2023.json").json()
    # targets and pledges, with and without evidence, of every status on the card
    picked = {it["status"]: it for it in card["items"]}
    items = [*picked.values(), *[it for it in card["items"] if it["kind"] == "target"][:2]]
    assert len({it["status"] for it in items}) >= 3 and {"target", "pledge"} <= {it["kind"] for it in items}

    def twins() -> dict[str, list]:
        out = {}
        for it in items:
            rec = c.get(f"/records/{it['id']}.json").json()
            v = c.get(f"/verdicts/{it['id']}.json").json()["verdict"]
            assert [x["status"] for x in rec["verdicts"]] == [v["status"]] == [it["status"]], it["id"]
            assert rec["verdicts"][0]["permalink"] == f"/verdicts/{it['id']}"
            page = c.get(f"/records/{it['id']}").text
            assert f'<a href="/verdicts/{it["id"]}"><span class="badge s-{it["status"]}">' in page
            out[it["id"]] = rec["verdicts"]
        return out

    before = twins()
    assert all(v[0]["stored"] is False for v in before.values())
    assert _stored(writer) == 0  # nothing written
    # a record no 成绩单 rates: an actual, and a target of the plan whose review is not stored
    reports = c.get("/reports.json").json()["reports"]
    plan24 = next(r for r in reports if r["report_year"] == 2024 and r["doc_type"] == "report")
    records = c.get(f"/reports/{plan24['id']}.json").json()["records"]
    for rid in (records["targets"][0]["record_id"], records["actuals"][0]["record_id"]):
        assert c.get(f"/records/{rid}.json").json()["verdicts"] == []
        assert 'class="meta record-verdict"' not in c.get(f"/records/{rid}").text
    assert _stored(writer) == 0

    assert not track_all(writer)["failures"]
    after = twins()
    assert {k: [{**x, "stored": False} for x in v] for k, v in after.items()} == before
    assert all(v[0]["stored"] is True for v in after.values())
    reader.dispose()
    writer.dispose()
