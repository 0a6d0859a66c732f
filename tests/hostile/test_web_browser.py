"""The hardened pages in real Chromium: the Content-Security-Policy blocks nothing the pages need, the upload
form works through its Origin and token checks, and a form on another origin cannot post to the server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from tests.browser import HAVE_BROWSER, chromium, free_port, served
from tests.conftest import needs_corpus
from tests.webcorpus import build, hostile_report

from duixian.store.query import list_reports
from duixian.web.upload import UploadLimits

if not HAVE_BROWSER:
    pytest.skip("Debian chromium is not installed", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from duixian.web import create_app

    folder = tmp_path_factory.mktemp("browser")
    engine = build(folder)
    port = free_port()
    app = create_app(engine, allow_upload=True, upload_dir=folder / "uploads", limits=UploadLimits(),
                     allowed_hosts=[f"127.0.0.1:{port}", f"localhost:{port}"])
    with served(app, port) as base:
        yield base, engine, folder


@pytest.fixture(scope="module")
def browser():
    with chromium(playwright_api) as b:
        yield b


def _page(browser):
    page = browser.new_page(locale="zh-CN", viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    return page, problems


def _violations(page) -> list[str]:
    return page.evaluate("window.__csp || []")


WATCH = """window.__csp = []; document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


@needs_corpus
def test_pages_work_under_the_policy(server, browser) -> None:
    url, engine, _ = server
    page, problems = _page(browser)
    page.add_init_script(WATCH)
    rid = next(r["id"] for r in list_reports(engine) if Path(r["path"]).name.startswith("001_"))
    page.goto(f"{url}/reports/{rid}")
    page.locator('#text .h[data-k~="pledges"]').first.click()
    assert page.locator("#panel").is_visible()  # reader.js ran
    page.goto(f"{url}/regions/{quote('海拉尔区')}")
    page.wait_for_selector(".chart .main-svg", timeout=15000)  # plotly ran and drew
    page.goto(f"{url}/track/{quote('川汇区')}/2023")
    total = page.locator("table.card tbody tr").count()
    page.select_option('select[data-filter="status"]', "kept")
    assert 0 < page.locator("table.card tbody tr:not([hidden])").count() < total  # the hashed inline script ran
    assert not _violations(page) and not problems, (_violations(page), problems)


def test_upload_form_works_and_other_origins_cannot_post(server, browser, tmp_path) -> None:
    url, _, folder = server
    page, problems = _page(browser)
    page.add_init_script(WATCH)
    text = hostile_report(tmp_path).read_text(encoding="utf-8") + "\n（浏览器上传的副本）\n"
    f = tmp_path / "browser_upload.txt"
    f.write_text(text, encoding="utf-8")
    page.goto(f"{url}/upload")
    page.set_input_files('input[type="file"]', str(f))
    page.click('button[type="submit"]')
    assert "已导入" in page.locator("main").inner_text(), page.content()[:2000]
    assert not _violations(page) and not problems
    # a page on another origin (here about:blank, Origin: null) submits a form at the server
    before = sorted(p.name for p in (folder / "uploads").iterdir())
    other = browser.new_page()
    other.set_content(f'<form method="post" action="{url}/upload.json" enctype="multipart/form-data">'
                      '<input type="file" name="file"><button>go</button></form>')
    other.set_input_files('input[type="file"]', str(f))
    with other.expect_navigation():
        other.click("button")
    assert "CROSS_ORIGIN" in other.content()
    assert sorted(p.name for p in (folder / "uploads").iterdir()) == before
