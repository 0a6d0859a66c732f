"""End-to-end: the pages in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Screenshots go to $DUIXIAN_SCREENSHOTS when set (docs/screenshots is made that way), else to a temp folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from tests.browser import HAVE_BROWSER, chromium, free_port, served
from tests.conftest import needs_corpus
from tests.webcorpus import SCRIPT, build

from duixian.store.query import list_reports

if not HAVE_BROWSER and not os.environ.get("CI"):  # in CI the browser must be there: fail rather than skip
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from duixian.web import create_app

    engine = build(tmp_path_factory.mktemp("e2e"))
    with served(create_app(engine), free_port()) as base:
        yield base, engine


@pytest.fixture(scope="module")
def browser():
    with chromium(playwright_api) as b:
        yield b


@pytest.fixture
def shots(tmp_path) -> Path:
    d = Path(os.environ.get("DUIXIAN_SCREENSHOTS") or tmp_path)
    d.mkdir(parents=True, exist_ok=True)
    return d


def _id(engine, stem: str) -> int:
    return next(r["id"] for r in list_reports(engine) if Path(r["path"]).name.startswith(stem))


def _page(browser, **kw):
    page = browser.new_page(locale="zh-CN", **kw)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    return page, errors


def test_hostile_text_stays_text(server, browser) -> None:
    url, engine = server
    page, errors = _page(browser)
    page.goto(f"{url}/reports/{_id(engine, 'hostile_report')}")
    assert SCRIPT in page.locator("#text").inner_text()  # shown as characters
    assert not errors  # and no alert ran


@needs_corpus
def test_reader_toggle_and_click(server, browser, shots) -> None:
    url, engine = server
    page, errors = _page(browser, viewport={"width": 1280, "height": 900})
    page.goto(f"{url}/reports/{_id(engine, '001_')}")
    target = page.locator('#text .h[data-k~="targets"]').first
    before = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(shots / "reader.png"))
    page.locator('input[data-kind="targets"]').uncheck()
    assert page.evaluate("document.body.classList.contains('off-targets')")
    plain_target = page.locator('#text .h[data-k="targets"]').first
    assert plain_target.evaluate("e => getComputedStyle(e).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")
    page.locator('input[data-kind="targets"]').check()
    pledge = page.locator('#text .h[data-k~="pledges"]').first
    pledge.click()
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert "承诺" in panel.inner_text() and pledge.inner_text()[:2] in panel.inner_text()
    # the panel is written for people: Chinese labels, no field names, no empty fields
    target = page.locator('#text .h[data-k="targets"]').first
    target.click()
    labels = panel.locator("dt").all_inner_texts()
    assert {"指标", "位置", "原文位置"} <= set(labels), labels
    assert all(re.fullmatch(r"[\u4e00-\u9fff]+", x) for x in labels), labels
    assert all(v.strip() and v not in ("null", "[]", "undefined") for v in panel.locator("dd").all_inner_texts())
    text = panel.inner_text()
    assert not re.search(r"raw_span|metric|quantities|growth_pct|record_id", text), text
    page.screenshot(path=str(shots / "reader-panel.png"))
    gloss = page.locator('#text .h[data-k~="glossary"]').first
    if gloss.count():
        assert "：" in (gloss.get_attribute("title") or "")  # hover shows the definition
    page.locator('.outline a').nth(1).click()
    assert "#sec-" in page.url
    assert not errors


@needs_corpus
def test_english_panel_and_chart_legend(server, browser) -> None:
    """Under ?lang=en the click panel and the chart's legend, which the scripts write, are English too."""
    url, engine = server
    page, errors = _page(browser, viewport={"width": 1280, "height": 900})
    page.goto(f"{url}/reports/{_id(engine, '001_')}?lang=en")
    page.locator('#text .h[data-k="targets"]').first.click()
    panel = page.locator("#panel")
    labels = panel.locator("dt").all_inner_texts()
    assert {"Metric", "Position", "Position in the file"} <= set(labels), labels
    assert not any(re.search(r"[\u4e00-\u9fff]", x) for x in labels), labels
    assert panel.locator("strong").first.inner_text() == "Target"
    assert panel.locator("a.permalink").first.inner_text() == "Permalink"
    page.goto(f"{url}/regions/{quote('海拉尔区')}?lang=en")
    page.wait_for_selector(".chart .main-svg", timeout=15000)
    legend = page.eval_on_selector_all(".chart .legendtext", "els => els.map(e => e.textContent)")  # SVG text
    assert {"Target", "Actual"} <= set(legend), legend
    page.goto(f"{url}/reports/{_id(engine, '001_')}?lang=zh")  # and back: the cookie follows the switch
    page.locator('#text .h[data-k="targets"]').first.click()
    assert "指标" in page.locator("#panel dt").all_inner_texts()
    assert not errors


@needs_corpus
def test_region_chart_and_scorecard(server, browser, shots) -> None:
    url, _ = server
    page, errors = _page(browser, viewport={"width": 1200, "height": 1000})
    page.goto(f"{url}/regions/{quote('海拉尔区')}")
    page.wait_for_selector(".chart .main-svg", timeout=15000)  # plotly drew, from the local script
    page.screenshot(path=str(shots / "region.png"), full_page=False)
    page.goto(f"{url}/track/{quote('川汇区')}/2023")
    rows = page.locator("table.card tbody tr")
    total = rows.count()
    assert total > 20
    page.screenshot(path=str(shots / "scorecard.png"))
    page.select_option('select[data-filter="status"]', "kept")
    visible = page.locator("table.card tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all(t == "已兑现" for t in visible.locator(".badge").all_inner_texts())
    assert not errors


@needs_corpus
def test_phone_layout(server, browser, shots) -> None:
    url, engine = server
    page, errors = _page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2)
    page.goto(f"{url}/track/{quote('川汇区')}/2023")
    # no sideways scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(shots / "scorecard-phone.png"))
    page.goto(f"{url}/reports/{_id(engine, '001_')}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.locator('#text .h[data-k~="pledges"]').first.tap()
    assert page.locator("#panel").is_visible()
    assert not errors


@needs_corpus
def test_permalink_opens_the_record_highlighted(server, browser, shots) -> None:
    url, engine = server
    page, errors = _page(browser, viewport={"width": 1280, "height": 900})
    rid = _id(engine, "001_")
    page.goto(f"{url}/reports/{rid}")
    # a target from the middle of the text, so opening it has to scroll
    targets = page.locator('#text .h[data-k="targets"]')
    run = targets.nth(targets.count() // 2)
    run.click()
    link = page.locator("#panel .rec a.permalink").first
    href = link.get_attribute("href")
    assert re.fullmatch(r"/records/t[0-9a-f]{15}", href), href
    quote_text = page.locator("#panel .rec .quote").first.inner_text()
    fresh, errors2 = _page(browser, viewport={"width": 1280, "height": 900})
    fresh.goto(url + href)
    focus = fresh.locator("#text .focus")
    assert focus.count() >= 1
    assert "".join(focus.all_inner_texts()) == quote_text  # exactly the record's characters, highlighted
    assert focus.first.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 230, 138)"
    box = focus.first.bounding_box()
    assert 0 <= box["y"] <= 900  # scrolled into view
    assert fresh.locator("#panel").is_visible()
    assert fresh.locator("#panel .rec.focused .quote").inner_text() == quote_text
    assert fresh.url.endswith(href)  # the permalink stays the address
    fresh.screenshot(path=str(shots / "permalink.png"))
    # the JSON twin names the same record
    twin = fresh.request.get(f"{url}{href}.json").json()
    assert twin["record"]["quote"] == quote_text
    # a verdict's permalink: the rating on top, the item highlighted in the plan's text
    card = fresh.request.get(f"{url}/track/{quote('川汇区')}/2023.json").json()
    item = next(it for it in card["items"] if it["evidence"])
    fresh.goto(f"{url}/verdicts/{item['id']}")
    assert fresh.locator("section.verdict .badge").inner_text()
    assert "".join(fresh.locator("#text .focus").all_inner_texts()) == item["quote"]
    fresh.locator("section.verdict a.jump").click()
    fresh.wait_for_function("() => { const r = document.querySelector('#text .focus').getBoundingClientRect();"
                            " return r.top >= 0 && r.bottom <= innerHeight; }")
    assert not errors and not errors2


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@needs_corpus
def test_phone_lists_need_no_sideways_scrolling(server, browser, shots) -> None:
    url, _ = server
    page, errors = _page(browser, **PHONE)
    page.goto(f"{url}/reports")
    width = page.evaluate("window.innerWidth")
    assert width == 390
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    rows = page.locator("table.stack tbody tr")
    assert rows.count() > 10
    for i in range(0, rows.count(), 5):
        doc = rows.nth(i).locator("td.doc-cell a").bounding_box()
        assert doc["x"] >= 0 and doc["x"] + doc["width"] <= width  # the document link is on screen
        name = rows.nth(i).locator('td[data-label="地区"]')
        assert name.bounding_box()["height"] < 40  # a region name on one line, not a character per line
    page.screenshot(path=str(shots / "reports-phone.png"))
    page.goto(url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".grid-box")
    # the wide grid scrolls inside its own box, and says so
    assert box.evaluate("e => e.scrollWidth > e.clientWidth && e.getBoundingClientRect().right <= innerWidth")
    assert page.locator(".scroll-hint").is_visible() and "滑动" in page.locator(".scroll-hint").inner_text()
    first = page.locator("table.grid tbody th").first
    before = first.bounding_box()["x"]
    box.evaluate("e => { e.scrollLeft = 400; }")
    assert abs(first.bounding_box()["x"] - before) < 1  # region names stay in view while the years scroll
    box.evaluate("e => { e.scrollLeft = 0; }")
    page.screenshot(path=str(shots / "home-phone.png"))
    page.goto(f"{url}/regions/{quote('川汇区')}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(shots / "region-phone.png"))
    assert not errors


def test_not_found_page(server, browser, shots) -> None:
    url, _ = server
    page, errors = _page(browser, **PHONE)
    response = page.goto(f"{url}/reports/99999")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "没有找到"
    assert {"语料概览", "报告列表", "搜索原文"} <= set(page.locator("ul.ways a").all_inner_texts())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(shots / "not-found-phone.png"))
    page.fill(".oops input[name=q]", "安置房")
    page.locator(".oops button").click()
    page.wait_for_url("**/search?q=*")
    assert page.locator("h1").inner_text() == "搜索"
    response = page.goto(f"{url}/no/such/page")
    assert response.status == 404 and page.locator("h1").inner_text() == "没有这个页面"
    assert not [e for e in errors if "404" not in e]


@needs_corpus
def test_search_page(server, browser, shots) -> None:
    from duixian.web.hits import HAS_FILTERS

    url, _ = server
    page, errors = _page(browser, viewport={"width": 1280, "height": 900})
    page.goto(f"{url}/search?q={quote('安置房')}")
    first = page.locator("ol.hits li").first
    assert first.locator(".meta").inner_text().startswith("·")  # a heading, not a section id
    assert not re.search(r"·\s*s\d+$", first.locator(".meta").inner_text())
    if HAS_FILTERS:  # the store's search gives a count and facets
        total = int(re.search(r"找到 (\d+) 个段落", page.locator(".hit-count").inner_text()).group(1))
        facet = page.locator('.facets a[href*="region="]').first
        want = int(facet.locator("xpath=following-sibling::span").inner_text())
        facet.click()
        page.wait_for_selector("a.chip")
        assert int(re.search(r"找到 (\d+) 个段落", page.locator(".hit-count").inner_text()).group(1)) == want <= total
        page.goto(f"{url}/search?q={quote('安置房')}")
    page.screenshot(path=str(shots / "search.png"))
    phone, errors2 = _page(browser, **PHONE)
    phone.goto(f"{url}/search?q={quote('安置房')}")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=str(shots / "search-phone.png"))
    assert not errors and not errors2
