"""The English toggle on the reader, region, 成绩单 and verdict pages (docs/web.md, "Language"): under
``lang=en`` no label of the page's own stays Chinese. What may stay Chinese is the data — the document's text
and quotes, names, metrics, categories, units and the tracker's reasons — which is exactly what the page's
JSON twin holds, so the check takes every string of the twins out of the page and finds no Chinese left;
on SQLite and on PostgreSQL."""

from __future__ import annotations

import html
import json
import os
import re
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.conftest import fresh_database, needs_corpus, raw_path

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.web import create_app, i18n

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
# three 川汇区 documents, among them a 2023 plan and the report that reviews it (as in test_web.py)
FILES = ("000_51f0d4ddaca76bda", "004_9c28aa5688276531", "001_1d22ad009400639c")
HAN = re.compile(r"[\u4e00-\u9fff]+")
REGION = quote("川汇区")


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory):
    url = fresh_database(request.param, tmp_path_factory.mktemp("en"), PG)
    engine = open_engine(url, announce=False)
    assert not ingest(engine, [raw_path(s) for s in FILES]).failed
    yield TestClient(create_app(engine))
    engine.dispose()


def _strings(x: Any) -> set[str]:
    """Every string in a JSON twin, keys included (a pledge count per category is keyed by the category)."""
    if isinstance(x, str):
        return {x}
    if isinstance(x, dict):
        return set().union(*(_strings(k) | _strings(v) for k, v in x.items())) if x else set()
    if isinstance(x, list):
        return set().union(*(_strings(v) for v in x)) if x else set()
    return set()


def _chrome(page: str, twins: list[dict[str, Any]]) -> list[str]:
    """The Chinese left on a page once its data is taken out: its visible text and the attributes people read
    (aria-label, title, placeholder, data-label), without the document's own text (the reader's <article>)
    or the data blocks (<script>)."""
    s = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", page, flags=re.S)
    s = re.sub(r'<article class="text".*?</article>', "", s, flags=re.S)
    attrs = re.findall(r'\b(?:aria-label|title|placeholder|data-label|alt)="([^"]*)"', s)
    chunks = [html.unescape(re.sub(r"<[^>]+>", "", s)), *(html.unescape(a) for a in attrs)]
    data = set().union(*(_strings(t) for t in twins))
    # <title> and quick titles cut a long quote at 39 characters and an ellipsis (Jinja's truncate)
    data |= {d[:39] for d in data if len(d) > 45}
    left = []
    for chunk in chunks:
        # the product's name (duixian 兑现), the way back to Chinese (中文) and the search box's example word
        # (安置房, a word of the reports) are the same in both languages
        chunk = chunk.replace("duixian 兑现", " ").replace("中文", " ").replace("e.g. 安置房", " ")
        for d in sorted((d for d in data if HAN.search(d)), key=len, reverse=True):
            chunk = chunk.replace(d, " ")
        left += HAN.findall(chunk)
    return left


def _en(client: TestClient, path: str) -> str:
    r = client.get(path, params={"lang": "en"})
    assert r.status_code == 200, (path, r.status_code)
    assert '<html lang="en">' in r.text
    return r.text


def _labels(page: str) -> dict[str, str]:
    return json.loads(html.unescape(re.search(r'<script id="labels" type="application/json">(.*?)</script>',
                                              page, re.S).group(1)))


def _report_twin(client: TestClient, ref: str) -> dict[str, Any]:
    return client.get(f"/reports/{ref}.json").json()


@needs_corpus
def test_the_reader_has_no_chinese_label_in_english(client) -> None:
    for r in client.get("/reports.json").json()["reports"]:
        page = _en(client, f"/reports/{r['id']}")
        assert not _chrome(page, [_report_twin(client, str(r["id"]))]), r["id"]
        labels = _labels(page)  # the click panel's labels, for reader.js
        assert set(labels) == set(i18n.SCRIPT) and not any(HAN.search(v) for v in labels.values())
        assert ">Contents<" in page and ">Permalink<" in page
    zh = client.get(f"/reports/{r['id']}", params={"lang": "zh"}).text
    assert ">目录<" in zh and _labels(zh) == {}  # the Chinese page keeps its labels, and the cache both
    client.cookies.clear()


@needs_corpus
def test_the_region_page_has_no_chinese_label_in_english(client) -> None:
    page = _en(client, f"/regions/{REGION}")
    twin = client.get(f"/regions/{REGION}.json").json()
    assert twin["kpis"] and twin["pledges"]  # the page has its cards, charts and tables to check
    assert not _chrome(page, [twin])
    assert _labels(page)["目标"] == "Target" and "Headline metrics" in page
    client.cookies.clear()


@needs_corpus
def test_the_scorecard_and_verdict_pages_have_no_chinese_label_in_english(client) -> None:
    page = _en(client, f"/track/{REGION}/2023")
    card = client.get(f"/track/{REGION}/2023.json").json()
    assert card["items"] and not _chrome(page, [card])
    assert "Status" in page and "Scorecard" in page and "percentage points" in page
    items = [*[it for it in card["items"] if it["evidence"]][:2], *[it for it in card["items"] if not it["evidence"]][:1]]
    for it in items:
        v = client.get(f"/verdicts/{it['id']}.json").json()
        page = _en(client, f"/verdicts/{it['id']}")
        plan = _report_twin(client, v["plan"]["sha256"][:12])
        assert not _chrome(page, [v, plan]), it["id"]
        assert "This verdict's permalink" in html.unescape(page)
    client.cookies.clear()


@needs_corpus
def test_a_missing_verdict_or_record_is_an_english_error_page(client) -> None:
    for path in ("/verdicts/t0000000000000000", "/records/p0000000000000000", f"/track/{REGION}/1999"):
        r = client.get(path, params={"lang": "en"})
        assert r.status_code == 404 and '<html lang="en">' in r.text
        assert not _chrome(r.text, []), path
    client.cookies.clear()
