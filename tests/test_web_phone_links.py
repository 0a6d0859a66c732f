"""A serious user's pass over `duixian serve` in Chromium (docs/web.md, "Phones"): at 390 px the 督查
workspace's pages need no sideways scrolling and their header links never break inside a word; at both
widths a 成绩单 row leads to both source sentences — the plan item opens the plan at its record, the
evidence opens the review at its sentence — and a year-end line leads to its verdict."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from tests.browser import HAVE_BROWSER, chromium, free_port, served
from tests.conftest import needs_corpus, raw_path
from tests.test_web_i18n_pages import FILES

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.verdicts import find_pair
from duixian.supervise import store
from duixian.supervise.auth import create_user
from duixian.supervise.store import Actor
from duixian.web import create_app
from duixian.web.workspace import WorkspaceConfig, service

pytestmark = [needs_corpus, pytest.mark.skipif(not HAVE_BROWSER, reason="Chromium is not installed")]
playwright_api = pytest.importorskip("playwright.sync_api")
PASSWORD = "correct-horse-1"
REGION = quote("川汇区")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone")
    engine = open_engine(str(folder / "p.db"), announce=False)
    assert not ingest(engine, [raw_path(s) for s in FILES]).failed
    create_user(engine, "王主任", "office", PASSWORD)
    cfg = WorkspaceConfig(evidence_dir=folder / "ev")
    plan, _ = find_pair(engine, "川汇区", 2023)
    wid = service.create_workspace(engine, cfg, str(plan["id"]), "", Actor("王主任"))
    first = store.task_rows(engine, wid)[0]["id"]
    store.add_progress(engine, wid, first, date=date.today().isoformat(), percent=40, note="已开工三所学校",
                       proposed_status="绿灯", unit=None, files=[], actor=Actor("王主任"))
    with served(create_app(engine, workspace=cfg), free_port()) as base, chromium(playwright_api) as browser:
        yield base, browser, wid, first
    engine.dispose()


def _signed_in(browser, base: str, width: int):
    ctx = browser.new_context(viewport={"width": width, "height": 844}, locale="zh-CN")
    page = ctx.new_page()
    page.goto(f"{base}/ws/login")
    page.fill("input[name=name]", "王主任")
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/ws/login'] button[type=submit]")
    page.wait_for_url(f"{base}/ws")
    return ctx, page


def test_the_workspace_fits_a_phone(site) -> None:
    base, browser, wid, first = site
    ctx, page = _signed_in(browser, base, 390)
    for lang in ("zh", "en"):  # English labels are longer
        for path in ("/ws", f"/ws/{wid}", f"/ws/{wid}/tasks/{first}", f"/ws/{wid}/yearend", f"/ws/{wid}/notices",
                     f"/ws/{wid}/audit"):
            page.goto(f"{base}{path}?lang={lang}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, (path, lang)
            # each header link on one line (工作台, not 工作/台)
            heights = page.eval_on_selector_all("header.top nav a",
                                                "as => as.map(a => a.getBoundingClientRect().height)")
            assert heights and max(heights) < 1.6 * min(heights) and max(heights) < 32, (path, lang, heights)
    # the task table's rows are cards whose values say what they are
    page.goto(f"{base}/ws/{wid}?lang=zh")  # the English page above set the cookie
    label = page.locator('#tasks tbody tr').first.locator('td[data-label="牵头单位"]')
    assert "牵头单位" in label.evaluate("e => getComputedStyle(e, '::before').content")
    ctx.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_scorecard_row_leads_to_both_sentences_and_a_year_end_line_to_its_verdict(site, width) -> None:
    base, browser, wid, _ = site
    ctx, page = _signed_in(browser, base, width)
    card = page.request.get(f"{base}/track/{REGION}/2023.json").json()
    item = next(it for it in card["items"] if it["evidence"] and it["evidence"][0]["direct"])
    page.goto(f"{base}/track/{REGION}/2023")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    row = page.locator(f"#item-{item['id']}")
    # the plan item: the plan opened at the record, exactly its characters highlighted
    row.locator('td[data-label="计划"] a.src').click()
    page.wait_for_url(f"**/records/{item['id']}")
    assert "".join(page.locator("#text .focus").all_inner_texts()) == item["quote"]
    assert page.locator(".record-verdict a").get_attribute("href") == f"/verdicts/{item['id']}"
    # and the record's card, which the reader shows beside (or, on a phone, under) the text, links it too
    in_card = page.locator(".panel .rec.focused a.verdict-link")
    assert in_card.is_visible() and in_card.get_attribute("href") == f"/verdicts/{item['id']}"
    assert in_card.inner_text().startswith("兑现判定：")
    # the evidence: the review opened at its sentence
    page.goto(f"{base}/track/{REGION}/2023")
    ev = item["evidence"][0]
    row.locator('td[data-label="证据"] a.src').first.click()
    page.wait_for_url(f"**#pos-{ev['span'][0]}")
    review = card["review"]["source"]["sha256"][:12]
    assert f"/reports/{review}" in page.url
    flashed = page.locator("#text .flash").first
    flashed.wait_for()
    assert ev["quote"][:8] in flashed.inner_text()
    # the year-end check links each rated task to the verdict the 成绩单 shows
    page.goto(f"{base}/ws/{wid}/yearend")
    link = page.locator("#yearend a.verdict-link").first
    href = link.get_attribute("href")
    assert href and href.startswith("/verdicts/")
    status = page.request.get(f"{base}{href}.json").json()["verdict"]["status"]
    assert link.locator(".badge").get_attribute("class").split()[-1] == f"s-{status}"
    ctx.close()
