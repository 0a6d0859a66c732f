"""End-to-end: the pages in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Screenshots go to $DUIXIAN_SCREENSHOTS when set (docs/screenshots is made that way), else to a temp folder.
"""

from __future__ import annotations

import os
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
    gloss = page.locator('#text .h[data-k~="glossary"]').first
    if gloss.count():
        assert "：" in (gloss.get_attribute("title") or "")  # hover shows the definition
    page.locator('.outline a').nth(1).click()
    assert "#sec-" in page.url
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
