"""The 督查 workspace in real headless Chromium: the office creates a workspace and assigns units, a unit
reports progress with evidence, another unit is refused, anonymous writes and token-less forms are refused,
the office publishes a 通报 whose DOCX holds the table's counts, the year-end check, and the audit log
holding every change made along the way.

Screenshots go to $DUIXIAN_SCREENSHOTS when set (docs/screenshots/ws_*.png are made that way), else to a
temp folder.
"""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.browser import HAVE_BROWSER, chromium, free_port, served
from tests.conftest import CORPUS, needs_corpus
from tests.test_workspace import LOGIN, PASSWORD, PDF, USERS, fill, write_routes

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.query import list_reports
from duixian.supervise import store
from duixian.supervise.auth import create_user
from duixian.web import create_app
from duixian.web.workspace import WorkspaceConfig

if not HAVE_BROWSER and not os.environ.get("CI"):
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = needs_corpus

PLAN = "009_hainan_2026_csv.txt"  # this year's plan: the schedule colours are live
PAIR = ("007_hailar_2018.txt", "008_hailar_2019.txt")  # a plan with its review stored: the year-end check
UNIT_A, UNIT_B = "教育局", "住房和城乡建设局"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ws_e2e")
    engine = open_engine(str(folder / "ws.db"), announce=False)
    result = ingest(engine, [CORPUS / "raw" / PLAN, *(CORPUS / "raw" / p for p in PAIR)])
    assert not result.failed
    for name, (role, unit) in USERS.items():
        create_user(engine, name, role, PASSWORD, unit=unit)
    app = create_app(engine, workspace=WorkspaceConfig(evidence_dir=folder / "evidence"))
    with served(app, free_port()) as base:
        yield base, engine, app, folder


@pytest.fixture(scope="module")
def browser():
    with chromium(playwright_api) as b:
        yield b


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    d = Path(os.environ.get("DUIXIAN_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def report_id(engine, stem: str) -> int:
    return next(r["id"] for r in list_reports(engine) if Path(r["path"]).name == stem)


def pick_report(page, engine, stem: str) -> None:
    """The office finds a report in the picker by its region and year (the filter form) and selects it."""
    row = next(r for r in list_reports(engine) if Path(r["path"]).name == stem)
    page.fill("form.filters input[name=region]", row["region"] or row["region_full"] or "")
    page.fill("form.filters input[name=year]", str(row["report_year"] or ""))
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/ws?*")
    assert "共 1 份可用报告" in page.locator("#report-count").inner_text()
    page.check(f"#report-{row['id']}")


def signed_in(browser, base: str, name: str):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/ws/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/ws")
    assert name in page.locator("header .me").inner_text()
    return ctx, page, errors


def csrf_of(page) -> str:
    return page.locator("input[name=csrf]").first.get_attribute("value")


def audit(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(store.audit).order_by(store.audit.c.id))]


def test_the_workspace_from_creation_to_notice(site, browser, shots) -> None:
    base, engine, app, _ = site
    start = len(audit(engine))

    # ---- the office: a failed login, then in; a workspace from the stored plan; two tasks assigned
    office_ctx, office, office_errors = browser.new_context(locale="zh-CN"), None, []
    page = office_ctx.new_page()
    page.goto(f"{base}/ws/login")
    page.fill("input[name=name]", "督查室")
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    assert "用户名或密码不正确" in page.locator("p.error").inner_text()
    page.screenshot(path=str(shots / "ws_login.png"))
    office_ctx.close()
    office_ctx, office, office_errors = signed_in(browser, base, "督查室")
    office.screenshot(path=str(shots / "ws_home.png"), full_page=True)
    pick_report(office, engine, PLAN)
    office.fill("input[name=name]", "2026年政府工作报告重点任务分解")
    office.click("form[action='/ws/new'] button[type=submit]")
    office.wait_for_url(f"{base}/ws/*")
    wid = int(office.url.rsplit("/", 1)[1])
    rows = store.task_rows(engine, wid)
    assert office.locator("#tasks tbody tr").count() == len(rows) > 50
    # two tasks neither unit had: after the assignment each is that unit's
    first = next(t for t in rows if t["kind"] in ("pledge", "livelihood") and t["quantities"]
                 and UNIT_A not in (*t["lead_units"], *t["partner_units"]))
    second = next(t for t in rows if t is not first and UNIT_B not in (*t["lead_units"], *t["partner_units"]))
    for task, unit in ((first, UNIT_A), (second, UNIT_B)):
        office.goto(f"{base}/ws/{wid}/tasks/{task['id']}")
        office.fill("#units-form input[name=lead]", unit)
        office.fill("#units-form input[name=partner]", "")
        office.click("#units-form button[type=submit]")
        assert "已保存责任单位" in office.locator("#saved").inner_text()
        assert office.locator("#lead").inner_text() == unit

    # ---- unit A sees only its tasks and reports progress with a note and a file
    a_ctx, a, a_errors = signed_in(browser, base, "教育局用户")
    a.goto(f"{base}/ws/{wid}")
    mine = store.task_rows(engine, wid, unit=UNIT_A)
    shown = a.locator("#tasks tbody tr")
    assert shown.count() == len(mine) < len(rows)
    assert {int(x) for x in shown.evaluate_all("rs => rs.map(r => r.dataset.task)")} == {t["id"] for t in mine}
    assert first["id"] in {t["id"] for t in mine}
    a.goto(f"{base}/ws/{wid}/tasks/{first['id']}")
    a.fill("#progress-form input[name=percent]", "85")
    a.fill("#progress-form textarea[name=note]", "已完成立项和招标，<b>主体施工</b>进行中")
    a.set_input_files("#progress-form input[name=files]",
                      files=[{"name": "施工照片.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    a.click("#progress-form button[type=submit]")
    assert "已保存进度" in a.locator("#saved").inner_text()
    row = a.locator("#history tbody tr").first
    assert "85%" in row.inner_text() and "<b>主体施工</b>" in row.inner_text()  # markup shown as text
    assert row.locator("a").inner_text() == "施工照片.pdf"
    a.screenshot(path=str(shots / "ws_task.png"), full_page=True)

    # a form posted without its token is refused and stores nothing
    a.goto(f"{base}/ws/{wid}/tasks/{first['id']}")
    a.evaluate("document.querySelector('#progress-form input[name=csrf]').remove()")
    a.fill("#progress-form input[name=percent]", "90")
    with a.expect_response(lambda r: r.url.endswith("/progress")) as resp:
        a.click("#progress-form button[type=submit]")
    assert resp.value.status == 403
    assert "BAD_CSRF_TOKEN" in a.locator("p.error").inner_text()
    assert [e["percent"] for e in store.task_row(engine, wid, first["id"])["history"]] == [85]

    # ---- unit B: 403 on unit A's task, by URL and by API
    b_ctx, b, b_errors = signed_in(browser, base, "住建局用户")
    resp = b.goto(f"{base}/ws/{wid}/tasks/{first['id']}")
    assert resp.status == 403 and "FORBIDDEN" in b.locator("p.error").inner_text()
    assert b.request.get(f"{base}/ws/{wid}/tasks/{first['id']}.json").status == 403
    b.goto(f"{base}/ws/{wid}")
    token = csrf_of(b)
    api = b.request.post(f"{base}/ws/{wid}/tasks/{first['id']}/progress.json",
                         multipart={"percent": "100", "note": "越权"}, headers={"X-CSRF-Token": token})
    assert api.status == 403
    assert b.request.post(f"{base}/ws/{wid}/tasks/{second['id']}/progress.json", multipart={"percent": "100"},
                          headers={"X-CSRF-Token": token}).status == 200  # its own task, by API

    # ---- anonymous: every write route of the workspace is refused
    anon = browser.new_context()
    ids = {"wid": wid, "pk": first["id"], "nid": 1, "fid": 1}
    routes = [(p, m) for p, m in write_routes(app) if p not in LOGIN]
    assert len(routes) >= 16
    for path, method in routes:
        r = anon.request.fetch(f"{base}{fill(path, ids)}", method=method, form={"percent": "50", "csrf": "x"})
        assert r.status == 401, (path, r.status)
    anon.close()

    # ---- the office publishes the month's 通报; the DOCX opens with the table's counts
    office.goto(f"{base}/ws/{wid}")
    office.screenshot(path=str(shots / "ws_table.png"))
    office.goto(f"{base}/ws/{wid}/notices")
    office.fill("#publish-form input[name=month]", date.today().strftime("%Y-%m"))
    office.click("#publish-form button[type=submit]")
    office.wait_for_selector("#notices a.docx")
    office.screenshot(path=str(shots / "ws_notices.png"))
    with office.expect_download() as dl:
        office.click("#notices a.docx")
    import docx

    doc = docx.Document(io.BytesIO(Path(dl.value.path()).read_bytes()))
    counts = office.request.get(f"{base}/ws/{wid}.json").json()["counts"]
    first_table = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows[1:]}
    assert first_table == {**{s: str(n) for s, n in counts.items()}, "合计": str(len(rows))}
    # unit B's task is done whatever the day; the rest are judged against the schedule of the day the test runs
    assert sum(counts.values()) == len(rows) and counts["已完成"] == 1 and len([n for n in counts.values() if n]) >= 2
    assert any("推进情况通报" in p.text for p in doc.paragraphs)

    # ---- the year-end check on a plan whose review is stored
    office.goto(f"{base}/ws")
    pick_report(office, engine, PAIR[0])
    office.fill("input[name=name]", "")
    office.click("form[action='/ws/new'] button[type=submit]")
    office.wait_for_url(f"{base}/ws/*")
    wid2 = int(office.url.rsplit("/", 1)[1])
    office.goto(f"{base}/ws/{wid2}/yearend")
    data = office.request.get(f"{base}/ws/{wid2}/yearend.json").json()
    assert data["review"]["report_year"] == 2019 and data["lines"]
    assert office.locator("#yearend tbody tr").count() == len(data["lines"])
    assert office.locator("#yearend tbody tr.disagree").count() == len(data["disagreements"]) > 0
    office.screenshot(path=str(shots / "ws_yearend.png"))

    office.goto(f"{base}/ws/{wid}/audit")
    office.screenshot(path=str(shots / "ws_audit.png"))

    # ---- the audit log holds every change made above, and nothing for the refused attempts
    log = audit(engine)[start:]
    did = [(e["actor"], e["action"], e["object_id"], e["field"], e["new"]) for e in log]
    assert (None, "login.failed", "督查室", "reason", "bad-password") in did
    for who in ("督查室", "教育局用户", "住建局用户"):
        assert ("login", who) in {(e["action"], e["actor"]) for e in log}
    assert ("督查室", "workspace.create", str(wid), "tasks", str(len(rows))) in did
    assert ("督查室", "workspace.create", str(wid2), "tasks", str(len(store.task_rows(engine, wid2)))) in did
    assert ("督查室", "task.assign", str(first["id"]), "lead_units", UNIT_A) in did
    assert ("督查室", "task.assign", str(second["id"]), "lead_units", UNIT_B) in did
    assert ("教育局用户", "progress.add", str(first["id"]), "percent", "85%") in did
    assert ("教育局用户", "progress.add", str(first["id"]), "note", "已完成立项和招标，<b>主体施工</b>进行中") in did
    assert any(d[:4] == ("教育局用户", "evidence.add", str(first["id"]), "evidence") for d in did)
    assert ("住建局用户", "progress.add", str(second["id"]), "percent", "100%") in did
    assert ("督查室", "notice.publish", "1", "month", date.today().strftime("%Y-%m")) in did
    # every logged change is one of those: no entry for the refused posts
    changes = [d for d in did if d[1] not in ("login", "login.failed")]
    assert len(changes) == 2 + 2 + 2 + 1 + 1 + 1 + sum(
        1 for d in did if d[1] == "task.assign" and d[3] == "partner_units")
    assert not any(d[0] is None and d[1] != "login.failed" for d in did)
    for errors in (office_errors, a_errors, b_errors):
        assert not errors
    for c in (office_ctx, a_ctx, b_ctx):
        c.close()
