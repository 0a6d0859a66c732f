"""The web app through FastAPI's test client: every route and its JSON twin, escaping, upload limits."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.conftest import corpus_available, needs_corpus
from tests.webcorpus import SCRIPT, build

from duixian.store.query import list_reports
from duixian.web import create_app
from duixian.web.upload import UploadLimits


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return build(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def uploads(tmp_path_factory):
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def client(engine, uploads):
    app = create_app(engine, allow_upload=True, upload_dir=uploads, limits=UploadLimits(max_bytes=200_000))
    return TestClient(app)


def _id(engine, name: str) -> int:
    return next(r["id"] for r in list_reports(engine) if r["path"].split("/")[-1].startswith(name))


def _hostile_id(engine) -> int:
    return _id(engine, "hostile_report")


def test_report_text_is_escaped(client, engine) -> None:
    rid = _hostile_id(engine)
    page = client.get(f"/reports/{rid}")
    assert page.status_code == 200
    assert SCRIPT not in page.text and "<b>加粗</b>" not in page.text
    assert html.escape(SCRIPT) in page.text.replace("&#34;", "&quot;")
    data = client.get(f"/reports/{rid}.json").json()
    assert SCRIPT in data["text"]  # the JSON twin keeps the text as it is


def test_reader_runs_rebuild_the_text_and_cover_every_record(client, engine) -> None:
    rid = _id(engine, "001_") if corpus_available() else _hostile_id(engine)
    data = client.get(f"/reports/{rid}.json").json()
    page = client.get(f"/reports/{rid}").text
    article = re.search(r'<article class="text" id="text">(.*?)</article>', page, re.S).group(1)
    shown = html.unescape(re.sub(r"<[^>]+>", "", article))
    assert shown == data["text"]
    for kind, recs in data["records"].items():
        for i, r in enumerate(recs):
            assert data["text"][r["span"][0] : r["span"][1]] == r["quote"]
            # every record id appears on a run, so every record can be clicked
            assert re.search(rf'data-r="[^"]*\b{kind}-{i}\b', page), (kind, i)


@needs_corpus
def test_every_route_and_json_twin(client, engine) -> None:
    region = quote("川汇区")
    rid = _id(engine, "001_")
    pages = ["/", "/reports", f"/reports?region={region}&year=2023&level=", f"/reports/{rid}", f"/regions/{region}",
             f"/track/{region}/2023", f"/search?q={quote('安置房')}", "/upload"]
    for p in pages:
        r = client.get(p)
        assert r.status_code == 200, p
        assert r.headers["content-type"].startswith("text/html") and "<html lang=\"zh-CN\">" in r.text
        # no third-party script or style: everything comes from this server
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', r.text), p
    ov = client.get("/index.json").json()
    assert ov["totals"]["reports"] >= 11 and 2023 in ov["years"]
    chuanhui = next(r for r in ov["regions"] if r["region"] == "川汇区")
    assert 2023 in chuanhui["trackable"]
    reps = client.get(f"/reports.json?region={region}").json()["reports"]
    assert {r["report_year"] for r in reps} == {2020, 2023, 2024}
    one = client.get(f"/reports/{rid}.json").json()
    assert one["report"]["id"] == rid and one["outline"] and sum(len(v) for v in one["records"].values()) > 50
    reg = client.get(f"/regions/{region}.json").json()
    assert {"地区生产总值", "固定资产投资"} <= {m["metric"] for m in reg["metrics"]}
    assert all(len({c["unit"] for row in m["rows"] for c in (row["target"], row["actual"]) if c}) == 1
               for m in reg["metrics"])  # one scale per chart
    assert {p["year"] for p in reg["pledges"]} == {2020, 2023, 2024}
    hailar = client.get(f"/regions/{quote('海拉尔区')}.json").json()
    gdp = next(m for m in hailar["metrics"] if m["metric"] == "地区生产总值")
    row = next(r for r in gdp["rows"] if r["year"] == 2018)  # the 2018 plan's 6%左右 against 2019's review
    assert row["target"]["value"] == 6.0 and row["actual"]["value"] == 6.0 and row["gap"] == 0.0
    card = client.get(f"/track/{region}/2023.json").json()
    assert card["schema"] == "duixian.track/1" and card["plan"]["report_year"] == 2023
    assert sum(card["counts"].values()) == len(card["items"]) > 20
    hits = client.get(f"/search.json?q={quote('安置房')}").json()["hits"]
    assert hits and all("安置房" in h["snippet"] for h in hits)
    assert "<mark>安置房</mark>" in client.get(f"/search?q={quote('安置房')}").text
    schema = client.get("/openapi.json").json()
    assert {"/index.json", "/reports.json", "/reports/{ref}.json", "/regions/{name}.json",
            "/track/{region}/{year}.json", "/search.json", "/upload.json"} <= set(schema["paths"])
    js = client.get(re.search(r'src="(/static/vendor/plotly-[\d.]+\.min\.js)"', client.get(f"/regions/{region}").text).group(1))
    assert js.status_code == 200 and len(js.content) > 1_000_000


def test_missing_things_are_404_with_a_code(client) -> None:
    for p in ["/reports/99999", "/reports/1' OR '1'='1", f"/regions/{quote('不存在区')}", f"/track/{quote('不存在区')}/2020"]:
        r = client.get(p)
        assert r.status_code == 404, p
        assert "NO_SUCH_REPORT" in r.text or "NO_PAIR" in r.text
    j = client.get("/reports/99999.json")
    assert j.status_code == 404 and j.json()["error"]["code"] == "NO_SUCH_REPORT"
    assert client.get("/search.json?q=' OR 1=1 --").status_code == 200


def test_upload_limits_and_names(client, uploads, engine) -> None:
    good = build.__globals__["hostile_report"](uploads.parent)  # any readable report
    text = good.read_text(encoding="utf-8") + "\n（网页上传的副本）\n"  # new content, so it is stored
    r = client.post("/upload.json", files={"file": ("../../escape.txt", text.encode(), "text/plain")})
    assert r.status_code == 200 and r.json()["ok"] and r.json()["status"] == "stored", r.text
    assert client.get(f"/reports/{r.json()['report_id']}").status_code == 200
    assert not (uploads.parent.parent / "escape.txt").exists()
    assert all(p.parent == uploads for p in uploads.iterdir())  # the client's name never becomes a path
    bad_type = client.post("/upload.json", files={"file": ("x.exe", b"MZ....", "application/octet-stream")})
    assert bad_type.status_code == 400 and bad_type.json()["error"]["code"] == "UNKNOWN_FORMAT"
    big = client.post("/upload.json", files={"file": ("big.txt", "报告".encode() * 200_000, "text/plain")})
    assert big.status_code == 400 and big.json()["error"]["code"] == "TOO_LARGE"
    garbage = client.post("/upload", files={"file": ("scan.pdf", bytes(range(256)) * 50, "application/pdf")})
    assert garbage.status_code == 400 and "error" in garbage.text and "BINARY_FILE" in garbage.text
    assert sorted(p.suffix for p in uploads.iterdir()) == [".txt"]  # refused files are not kept


def test_upload_is_off_by_default(engine) -> None:
    c = TestClient(create_app(engine))
    assert c.get("/upload").status_code == 404
    assert c.post("/upload.json", files={"file": ("a.txt", b"x", "text/plain")}).status_code in (404, 405)
    assert 'href="/upload"' not in c.get("/").text
