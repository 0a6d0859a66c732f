"""The web app through FastAPI's test client: every route and its JSON twin, escaping, upload limits."""

from __future__ import annotations

import html
import os
import re
from urllib.parse import quote

import pytest
from fastapi import APIRouter, Request
from fastapi.testclient import TestClient
from tests.conftest import corpus_available, needs_corpus
from tests.webcorpus import SCRIPT, build

from duixian.errors import DuixianError
from duixian.store.query import list_reports
from duixian.web import create_app
from duixian.web.context import Ctx
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


def _visible_words(page: str) -> set[str]:
    """Latin words a visitor reads on a page (text outside tags, scripts and styles)."""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", page, flags=re.S)
    return set(re.findall(r"[A-Za-z][A-Za-z_]{2,}", html.unescape(re.sub(r"<[^>]+>", " ", body))))


def test_record_permalinks_and_json_twins(client, engine) -> None:
    rid = _id(engine, "001_") if corpus_available() else _hostile_id(engine)
    data = client.get(f"/reports/{rid}.json").json()
    sha = data["report"]["sha256"]
    assert client.get(f"/reports/{sha[:12]}.json").json()["report"]["id"] == rid  # the report's permalink
    seen = 0
    for kind, recs in data["records"].items():
        for r in recs[:3]:
            j = client.get(f"/records/{r['record_id']}.json")
            assert j.status_code == 200, (kind, r["record_id"])
            got = j.json()
            assert got["record"]["type"] == kind and got["record"]["quote"] == r["quote"]
            a, b = got["record"]["span"]
            assert data["text"][a:b] == r["quote"]  # grounded: the span holds the quote
            assert got["report"]["sha256"] == sha and got["permalink"] == f"/records/{r['record_id']}"
            assert got["reader"] == f"/reports/{sha[:12]}#rec-{r['record_id']}"
            assert "path" not in got["report"]  # a citation never shows the local file
            section = next((s for s in data["outline"] if s["id"] == r["section"]), None)
            if section and section["title"]:
                assert section["title"] in got["record"]["section_title"]
            page = client.get(f"/records/{r['record_id']}")
            assert page.status_code == 200 and f'data-focus="{r["record_id"]}"' in page.text
            seen += 1
    assert seen >= 5
    for bad in ("p0000000000000000", "zzz", "p117b68eabbd51c0'--", "x" * 5000):
        r = client.get(f"/records/{quote(bad)}.json")
        assert r.status_code == 404 and r.json()["error"]["code"] == "NO_SUCH_RECORD", bad


@needs_corpus
def test_verdict_permalinks_and_json_twins(client) -> None:
    card = client.get(f"/track/{quote('川汇区')}/2023.json").json()  # rates the pair on first view
    with_evidence = [it for it in card["items"] if it["evidence"]]
    assert with_evidence
    for it in [*with_evidence[:3], card["items"][-1]]:
        got = client.get(f"/verdicts/{it['id']}.json").json()
        v = got["verdict"]
        assert (v["id"], v["status"], v["quote"], v["span"]) == (it["id"], it["status"], it["quote"], it["span"])
        assert [e["quote"] for e in v["evidence"]] == [e["quote"] for e in it["evidence"]]
        review_sha = got["review"]["sha256"]
        assert all(e["link"] == f"/reports/{review_sha[:12]}#pos-{e['span'][0]}" for e in v["evidence"])
        assert got["plan"]["report_year"] == 2023 and got["scorecard"].endswith(f"/2023#item-{it['id']}")
        page = client.get(f"/verdicts/{it['id']}")
        assert page.status_code == 200 and 'class="verdict"' in page.text and f'data-focus="{it["id"]}"' in page.text
        assert f'href="/verdicts/{it["id"]}"' in client.get(f"/track/{quote('川汇区')}/2023").text
    r = client.get("/verdicts/t0000000000000000.json")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NO_SUCH_VERDICT"


def test_not_found_page_is_for_people(client) -> None:
    for p in ["/no/such/page", "/reports/99999", f"/regions/{quote('不存在区')}"]:
        r = client.get(p)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
        assert "没有" in r.text and 'href="/reports"' in r.text and 'href="/search"' in r.text
        assert "duixian reports" not in r.text and not (_visible_words(r.text) - {"NOT_FOUND", "NO_SUCH_REPORT", "HTTP", "JSON", "duixian",
                                                                   "English"})  # the language switch
    j = client.get("/no/such/page.json")
    assert j.status_code == 404 and j.json()["error"]["code"] == "NOT_FOUND"
    bad = client.get("/track/x/99999")  # a person gets the page, a program FastAPI's field errors
    assert bad.status_code == 422 and "参数有误" in bad.text
    assert "detail" in client.get("/track/x/99999.json").json()


@needs_corpus
def test_pages_speak_chinese(client, engine) -> None:
    region = quote("川汇区")
    pages = ["/", "/reports", f"/reports/{_id(engine, '004_')}", f"/regions/{region}", f"/track/{region}/2023",
             f"/search?q={quote('安置房')}", f"/regions/{quote('中国')}"]
    for p in pages:
        words = _visible_words(client.get(p).text) - {"duixian", "JSON", "English"}  # English: the language switch
        # acronyms the reports themselves print (APP, CNC, GDP, PM) may appear; no lower-case English
        assert not {w for w in words if not w.isupper()}, (p, words)
    assert ">news<" not in client.get("/").text and ">district<" not in client.get("/reports").text


@needs_corpus
def test_search_shows_section_headings(client, engine) -> None:
    data = client.get(f"/search.json?q={quote('安置房')}").json()
    assert data["hits"]
    for h in data["hits"]:
        outline = client.get(f"/reports/{h['report_id']}.json").json()["outline"]
        sec = next(s for s in outline if s["id"] == h["section"])
        assert h["section_title"] and sec["title"] in h["section_title"]
    page = client.get(f"/search?q={quote('安置房')}").text
    assert data["hits"][0]["section_title"] in html.unescape(page)
    assert not re.search(r"·\s*s\d+\s*<", page)  # no bare section ids


@needs_corpus
def test_scorecard_names_reports_not_files(client, engine, tmp_path) -> None:
    page = client.get(f"/track/{quote('川汇区')}/2023").text
    assert "corpus/raw" not in page and ".txt" not in page
    assert "2023 年" in page and "新闻报道" in page  # the 2023 plan is a news article about the report
    from tests.conftest import raw_path

    from duixian.scorecard import render_html, render_markdown
    from duixian.track.run import track_files

    card = track_files(raw_path("004_9c28aa5688276531"), raw_path("001_1d22ad009400639c"))
    standalone = render_html(card)
    assert str(raw_path("004_9c28aa5688276531")) not in standalone and "corpus/raw" not in standalone
    assert "川汇区" in standalone
    md = render_markdown(card)
    assert "corpus/raw" not in md and ".txt" not in md and "- 计划：河南省周口市川汇区 2023 年新闻报道" in md


@needs_corpus
def test_region_kpis_open_with_gdp(client) -> None:
    reg = client.get(f"/regions/{quote('海拉尔区')}.json").json()
    assert reg["metrics"][0]["metric"] == "地区生产总值"
    gdp = reg["kpis"][0]
    assert gdp["metric"] == "地区生产总值" and gdp["level"]["unit"] == "亿元" and gdp["growth"]["value"] > 0
    latest = max(r["year"] for r in reg["metrics"][0]["rows"] if r["actual"])
    assert gdp["growth"]["year"] == latest
    for fig in (gdp["level"], gdp["growth"], gdp["target"]):
        if fig:  # every figure on a card is a stored record, reachable by its permalink
            assert client.get(f"/records/{fig['record_id']}.json").json()["record"]["quote"] == fig["quote"]
    page = client.get(f"/regions/{quote('海拉尔区')}").text
    assert page.index('class="kpis"') < page.index('class="metric"')
    assert f'href="/records/{gdp["level"]["record_id"]}"' in page


def test_source_addresses_link_only_to_the_web() -> None:
    from duixian.templating import env

    link = env().from_string('{% from "_source.html" import web_link %}{{ web_link(u, d) }}')
    ok = link.render(u="https://www.gov.cn/a?b=1&c=<2>", d="2024-03-05")
    assert '<a href="https://www.gov.cn/a?b=1&amp;c=&lt;2&gt;"' in ok and "2024-03-05 发布" in ok
    for hostile in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>"):
        out = link.render(u=hostile, d=None)
        assert "<a " not in out and "<script>" not in out, out


@needs_corpus
@pytest.mark.skipif(not os.environ.get("DUIXIAN_TEST_PG") and not os.environ.get("CI"), reason="DUIXIAN_TEST_PG not set")
def test_permalinks_search_and_kpis_on_postgresql(tmp_path) -> None:
    from tests.conftest import raw_path, reset_postgres

    from duixian.corpus import ingest
    from duixian.store import open_engine

    pg = os.environ["DUIXIAN_TEST_PG"]
    reset_postgres(pg)  # a clean schema, as the store tests do
    engine = open_engine(pg, announce=False)
    assert not ingest(engine, [raw_path(s) for s in ("000_51f0d4ddaca76bda", "004_9c28aa5688276531",
                                                        "001_1d22ad009400639c")]).failed
    c = TestClient(create_app(engine))
    region = quote("川汇区")
    card = c.get(f"/track/{region}/2023.json").json()
    item = next(it for it in card["items"] if it["evidence"])
    v = c.get(f"/verdicts/{item['id']}.json").json()["verdict"]
    assert (v["status"], v["quote"]) == (item["status"], item["quote"])
    rec = c.get(f"/records/{item['id']}.json").json()
    assert rec["record"]["quote"] == item["quote"] and rec["verdicts"][0]["status"] == item["status"]
    hits = c.get(f"/search.json?q={quote('安置房')}").json()["hits"]
    assert hits and all(h["section_title"] for h in hits if h["section"])
    reg = c.get(f"/regions/{region}.json").json()
    assert reg["kpis"][0]["metric"] == "地区生产总值" and reg["pledge_kpi"]["year"] == 2023
    assert c.get(f"/records/{item['id']}").status_code == 200 and c.get("/records/p0000000000000000").status_code == 404
    engine.dispose()


def test_a_plugged_in_router_renders_and_refuses_like_the_app(engine) -> None:
    """The contract another page family relies on: a module-level router with ``ctx: Ctx`` renders inside
    the site chrome, and a coded error it raises is the visitor's page (its Chinese words shown, English
    ones replaced) or the JSON twin's coded error."""
    class NotYoursError(DuixianError):
        code = "NOT_YOURS"
        hint = "请联系督查室"

    router = APIRouter()

    @router.get("/plugged")
    def plugged(request: Request, ctx: Ctx):  # annotations resolve in this module's globals, as in a router module
        return ctx.page(request, "error.html", error=NotYoursError("示例"), status=200)

    @router.get("/plugged/refuse")
    @router.get("/plugged/refuse.json")
    def refuse(ctx: Ctx):
        raise NotYoursError("这项任务不属于您的单位")

    @router.get("/plugged/english")
    def english(ctx: Ctx):
        raise NotYoursError("internal detail for the command line", hint="run duixian something")

    app = create_app(engine)
    app.include_router(router)
    c = TestClient(app)
    page = c.get("/plugged")
    assert page.status_code == 200 and '<html lang="zh-CN">' in page.text and 'href="/reports"' in page.text
    r = c.get("/plugged/refuse")
    assert r.status_code == 400 and "这项任务不属于您的单位" in r.text and "请联系督查室" in r.text and "NOT_YOURS" in r.text
    assert c.get("/plugged/refuse.json").json()["error"] == {
        "code": "NOT_YOURS", "path": None, "message": "这项任务不属于您的单位", "hint": "请联系督查室"}
    e = c.get("/plugged/english").text
    assert "出错了" in e and "internal detail" not in e and "duixian something" not in e


def test_which_messages_count_as_chinese() -> None:
    from duixian.web.filters import chinese

    assert chinese("这项任务不属于您的单位") and chinese("上传 PDF、图片（JPG/PNG）、Word、Excel 或纯文本文件")
    assert not chinese("no stored report for region '不存在区'") and not chinese("run `duixian reports`")
    assert not chinese("") and not chinese(None) and chinese("PDF 文件没有文字层")


@needs_corpus
@pytest.mark.skipif(not __import__("duixian.web.hits").web.hits.HAS_FILTERS,
                    reason="the store's search has no filters, total or facets yet (helper scale's store/search.py)")
def test_search_counts_facets_and_pages(client) -> None:
    q = quote("安置房")
    data = client.get(f"/search.json?q={q}&limit=3").json()
    assert data["total"] >= len(data["hits"]) == 3 and data["pages"] == -(-min(data["total"], 2000) // 3)
    regions = {f["value"]: f["count"] for f in data["facets"]["region"]}
    assert regions.get("川汇区", 0) >= 4
    narrowed = client.get(f"/search.json?q={q}&limit=50&region={quote('川汇区')}").json()
    assert narrowed["total"] == regions["川汇区"] and {h["region"] for h in narrowed["hits"]} == {"川汇区"}
    kinds = {f["value"]: f["count"] for f in data["facets"]["kind"]}
    only_news = client.get(f"/search.json?q={q}&limit=50&kind=news").json()
    assert only_news["total"] == kinds.get("news", 0) and all(h["doc_type"] == "news" for h in only_news["hits"])
    year = data["facets"]["year"][0]
    by_year = client.get(f"/search.json?q={q}&limit=50&year={year['value']}").json()
    assert by_year["total"] == year["count"] and {h["report_year"] for h in by_year["hits"]} == {year["value"]}
    second = client.get(f"/search.json?q={q}&limit=3&page=2").json()
    assert second["hits"] and not {(h["report_id"], h["span"][0]) for h in second["hits"]} & {
        (h["report_id"], h["span"][0]) for h in data["hits"]}
    page = html.unescape(client.get(f"/search?q={q}&limit=3").text)
    assert f"找到 {data['total']} 个段落" in page and "下一页" in page
    assert '/search?q=安置房&region=川汇区' in page.replace("%E5%AE%89%E7%BD%AE%E6%88%BF", "安置房").replace(
        "%E5%B7%9D%E6%B1%87%E5%8C%BA", "川汇区")  # a facet is a link that narrows the search
    chip = client.get(f"/search?q={q}&kind=news").text
    assert 'class="chip"' in chip and "新闻报道 ×" in chip


def _grid_from_the_whole_list(engine) -> dict[str, dict[str, list[int]]]:
    """The overview grid computed the slow way (every report), to check the paged one against."""
    grid: dict[str, dict[str, list[int]]] = {}
    for r in list_reports(engine):
        name = r["region"] or r["region_full"] or "未知地区"
        grid.setdefault(name, {}).setdefault(str(r["report_year"]), []).append(r["id"])
    return grid


def test_overview_pages_agree_with_the_whole_list(client, engine, monkeypatch) -> None:
    from duixian.store.verdicts import tracked_pairs
    from duixian.web import views

    whole = _grid_from_the_whole_list(engine)
    one = views.overview(engine, 1, per_page=10_000)
    assert one["regions_total"] == len(whole) and one["pages"] == 1
    assert [r["region"] for r in one["regions"]] == sorted(whole)
    for r in one["regions"]:
        assert {y: sorted(c["id"] for c in cs) for y, cs in r["cells"].items() if cs} == \
            {y: sorted(ids) for y, ids in whole[r["region"]].items() if y != "None"}
    reps = list_reports(engine)
    plans = {(r["region"] or r["region_full"], r["report_year"]) for r in reps}
    reviews = {(r["region"] or r["region_full"], r["review_year"]) for r in reps if r["doc_type"] == "report"}
    tracked = {(p["region"] or p["region_full"], p["report_year"]) for p in tracked_pairs(engine)}
    for r in one["regions"]:
        assert r["trackable"] == [y for y in one["years"] if (r["region"], y) in plans and (r["region"], y) in reviews]
        assert r["tracked"] == [y for y in one["years"] if (r["region"], y) in tracked]
    # pages of 4 regions: together the whole grid, each with the corpus totals
    n = -(-len(whole) // 4)
    pages = [views.overview(engine, p, per_page=4) for p in range(1, n + 2)]
    assert all(p["pages"] == n and p["regions_total"] == len(whole) and p["totals"] == one["totals"] for p in pages)
    assert [r["region"] for p in pages for r in p["regions"]] == [r["region"] for r in one["regions"]]
    assert pages[-1]["regions"] == []  # past the end: empty, not an error
    assert one["totals"]["reports"] == len(reps)
    assert client.get("/index.json?limit=4&page=2").json()["regions"] == pages[1]["regions"]
    monkeypatch.setattr(views, "OVERVIEW_REGIONS", 4)
    page = client.get("/").text
    assert f"共 {len(whole)} 个地区" in page and 'href="/?page=2"' in page and 'class="scroll grid-box"' in page
    assert "第 99 页没有地区" in client.get("/?page=99").text
    assert client.get("/?page=0").status_code == 422


def test_report_list_pages_agree_with_the_whole_list(client, engine, monkeypatch) -> None:
    from duixian.web import views

    whole = [r["id"] for r in list_reports(engine)]
    n = -(-len(whole) // 4)
    got = [client.get(f"/reports.json?limit=4&page={p}").json() for p in range(1, n + 1)]
    assert all(g["total"] == len(whole) and g["pages"] == n for g in got)
    assert [r["id"] for g in got for r in g["reports"]] == whole
    region = [r["id"] for r in list_reports(engine, region="川汇区")]
    two = [client.get(f"/reports.json?region={quote('川汇区')}&limit=2&page={p}").json() for p in (1, 2)]
    assert [r["id"] for g in two for r in g["reports"]] == region and two[0]["total"] == len(region) == 3
    monkeypatch.setattr(views, "REPORTS_PER_PAGE", 2)
    page = html.unescape(client.get(f"/reports?region={quote('川汇区')}").text)
    assert "共 3 份" in page and "第 1–2 份" in page
    assert re.search(r'href="/reports\?region=%E5%B7%9D%E6%B1%87%E5%8C%BA&page=2"', page)  # the filter is kept
    assert "共 3 份" in client.get(f"/reports?region={quote('川汇区')}&page=2").text


@needs_corpus
def test_region_page_is_the_region_and_names_the_places_inside(client) -> None:
    hainan = client.get(f"/regions/{quote('海南省')}.json").json()
    assert hainan["reports"] and {r["region"] for r in hainan["reports"]} == {"海南省"}
    assert hainan["inside"] == ["海口市"] and hainan["region_full"] == "海南省"
    assert "/regions/%E6%B5%B7%E5%8F%A3%E5%B8%82" in client.get(f"/regions/{quote('海南省')}").text
    # a city without reports of its own: its page names its districts instead of a 404
    zhoukou = client.get(f"/regions/{quote('周口市')}.json").json()
    assert zhoukou["reports"] == [] and zhoukou["inside"] == ["川汇区"] and zhoukou["metrics"] == []
    assert client.get(f"/regions/{quote('周口市')}").status_code == 200
    # a full name or an admin code finds the region too
    full = client.get(f"/regions/{quote('河南省周口市川汇区')}.json").json()
    assert [r["id"] for r in full["reports"]] == [r["id"] for r in client.get(f"/regions/{quote('川汇区')}.json").json()["reports"]]
    assert client.get(f"/regions/{quote('川汇区')}.json").json()["inside"] == []


def test_pages_read_indexes_and_a_fixed_number_of_statements(engine) -> None:
    """The overview, the report list, a region and a search read indexes only (SQLite's plans: a scan of the
    reports table reads every report's text), with as many statements for a page of 2 regions as for 1,000."""
    from sqlalchemy import event

    from duixian.web import hits, views

    seen: list[tuple[str, object]] = []

    def grab(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    n_reports = len(list_reports(engine))
    event.listen(engine, "before_cursor_execute", grab)
    try:
        first = views.overview(engine, 1, per_page=2)
        small = len(seen)
        page_stmts = list(seen)
        with engine.connect() as conn:  # what the page's statements return: the page's reports, not all
            returned = sum(len(conn.exec_driver_sql(sql, params).all()) for sql, params in page_stmts)
        del seen[small:]
        on_page = sum(len(cs) for r in first["regions"] for cs in r["cells"].values())
        assert on_page < n_reports / 4 and returned <= 3 * on_page + small
        views.overview(engine, 1, per_page=1000)
        assert len(seen) - small == small <= 8  # no statement per region or per report
        views.reports(engine, None, None, None, page=2, per_page=3)
        views.reports(engine, "川汇区", 2023, "district")
        views.region(engine, "海南省")
        hits.search_page(engine, "安置房", 5, page=2, region="川汇区")
        stmts = list(seen)
        with engine.connect() as conn:
            for sql, params in stmts:
                plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
                scans = [ln for ln in plan if ln.startswith("SCAN reports") and "INDEX" not in ln]
                assert not scans, (sql, plan)
    finally:
        event.remove(engine, "before_cursor_execute", grab)


@needs_corpus
def test_search_says_when_facets_and_ranking_cover_only_the_first_matches(client, monkeypatch) -> None:
    from duixian.store import search

    monkeypatch.setattr(search, "RANKED", 3)  # the window a frequent word fills (2,000 in the store)
    q = quote("安置房")
    data = client.get(f"/search.json?q={q}&limit=2").json()
    assert data["total"] > data["facets_of"] == 3 and data["pages"] == 2
    assert sum(f["count"] for f in data["facets"]["region"]) == 3
    page = html.unescape(client.get(f"/search?q={q}&limit=2").text)
    assert f"找到 {data['total']} 个段落，按相关度排列的是其中最先找到的 3 个" in page
    assert f"以上计数只统计最先找到的 3 个段落（共 {data['total']} 个）" in page


def test_a_permission_refusal_is_forbidden_and_a_bad_form_token_is_its_own_code(engine, uploads) -> None:
    """FORBIDDEN means "not open to you" and BAD_CSRF_TOKEN "the form's token is missing": both 403, each
    one code with one meaning, on the corpus pages and in the workspace alike."""
    from duixian import errors
    from duixian.web.workspace import errors as ws

    router = APIRouter()

    @router.get("/not-yours.json")
    def not_yours(ctx: Ctx):
        raise errors.ForbiddenError("not open to you")

    app = create_app(engine, allow_upload=True, upload_dir=uploads)
    app.include_router(router)
    c = TestClient(app)
    r = c.get("/not-yours.json")
    assert r.status_code == 403 and r.json()["error"]["code"] == "FORBIDDEN"
    r = c.post("/upload", files={"file": ("a.txt", b"x")}, headers={"origin": "http://testserver",
                                                                    "sec-fetch-site": "same-origin"})
    assert r.status_code == 403 and "BAD_CSRF_TOKEN" in r.text  # the upload form's token: not FORBIDDEN
    assert issubclass(errors.BadCsrfTokenError, errors.ForbiddenError)
    assert issubclass(ws.ForbiddenError, errors.ForbiddenError) and issubclass(ws.BadCsrfError, errors.BadCsrfTokenError)
    assert not issubclass(ws.NotSignedInError, errors.ForbiddenError)  # 401: sign in, not "not allowed"
    for cls in (errors.ForbiddenError, ws.ForbiddenError):
        assert cls.code == "FORBIDDEN"
    for cls in (errors.BadCsrfTokenError, ws.BadCsrfError):
        assert cls.code == "BAD_CSRF_TOKEN"
