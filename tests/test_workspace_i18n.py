"""The 督查 workspace's pages under ``?lang=en`` (docs/web.md, "Language"; docs/supervise.md): no label of a
page's own stays Chinese. What may stay Chinese is what people and the report wrote — the tasks and their
heading paths, the report's quotes, units, account and workspace names, progress notes, the office's reasons,
the tracker's reasons — which the page's JSON twin holds; the check takes those strings out of the page and
finds no Chinese left. The workspace's own words that the twins also hold (the lights 红灯/绿灯…, the
year-end's disagreements and note, the tracker's status names) are NOT taken out: the page must name them in
English. On SQLite and on PostgreSQL."""

from __future__ import annotations

import html
import os
import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import fresh_database, needs_corpus, raw_path
from tests.test_web_i18n_pages import FILES, _chrome, _strings

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.store.verdicts import find_pair
from duixian.supervise import store
from duixian.supervise.auth import create_user
from duixian.supervise.model import STATUSES
from duixian.supervise.store import Actor
from duixian.supervise.yearend import DISAGREEMENTS
from duixian.track.model import ZH as VERDICT_ZH
from duixian.web import create_app
from duixian.web.workspace import WorkspaceConfig, service

PG = os.environ.get("DUIXIAN_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG, reason="DUIXIAN_TEST_PG not set"))]
PASSWORD = "correct-horse-1"
# duixian's words that a twin holds as values: they must not be taken out of the page as "data"
OURS = {*STATUSES, *DISAGREEMENTS.values(), *VERDICT_ZH.values(), *service.ROLE_ZH.values(),
        "次年的政府工作报告尚未入库：入库后即可进行年终核对。"}


@pytest.fixture(scope="module", params=BACKENDS)
def site(request, tmp_path_factory):
    """川汇区's 2023 plan and the 2024 report that reviews it, a workspace of the plan with a progress
    report, an office override and a published notice."""
    folder = tmp_path_factory.mktemp("ws_en")
    engine = open_engine(fresh_database(request.param, folder, PG), announce=False)
    assert not ingest(engine, [raw_path(s) for s in FILES]).failed
    create_user(engine, "王主任", "office", PASSWORD)
    create_user(engine, "李科长", "unit", PASSWORD, unit="教育局")
    cfg = WorkspaceConfig(evidence_dir=folder / "evidence")
    plan, _ = find_pair(engine, "川汇区", 2023)
    wid = service.create_workspace(engine, cfg, str(plan["id"]), "", Actor("王主任"))
    tasks = store.task_rows(engine, wid)
    first, second = tasks[0], tasks[1]
    store.set_units(engine, wid, first["id"], ["教育局"], [], Actor("王主任"))
    store.add_progress(engine, wid, first["id"], date=date.today().isoformat(), percent=40, note="已开工三所学校",
                       proposed_status="绿灯", unit="教育局", files=[], actor=Actor("李科长"))
    store.override(engine, wid, second["id"], "已完成", "现场核实已完成", Actor("王主任"))
    service.publish(engine, cfg, wid, date.today().strftime("%Y-%m"), Actor("王主任"))
    app = create_app(engine, workspace=cfg)
    yield app, wid, first["id"], second["id"]
    engine.dispose()


def _signed_in(app, name: str) -> TestClient:
    c = TestClient(app)
    assert c.post("/ws/login.json", json={"name": name, "password": PASSWORD}).status_code == 200
    return c


def _data(*twins: Any) -> list[str]:
    """The people's and the report's strings of the twins, without duixian's own words."""
    return [s for s in set().union(*(_strings(t) for t in twins)) if s not in OURS]


def _en(client: TestClient, path: str, status: int = 200) -> str:
    r = client.get(path, params={"lang": "en"})
    assert r.status_code == status, (path, r.status_code)
    assert '<html lang="en">' in r.text and 'hreflang="zh"' in r.text  # and the way back to Chinese
    return r.text


@needs_corpus
def test_every_workspace_page_has_no_chinese_label_in_english(site) -> None:
    app, wid, first, second = site
    office = _signed_in(app, "王主任")
    home = office.get("/ws/index.json").json()
    table = office.get(f"/ws/{wid}.json").json()
    assert table["counts"]["已完成"] >= 1  # the override shows as a light on the table
    pages = {
        "/ws": [home],
        f"/ws/{wid}": [table],
        f"/ws/{wid}/tasks/{first}": [office.get(f"/ws/{wid}/tasks/{first}.json").json()],
        f"/ws/{wid}/tasks/{second}": [office.get(f"/ws/{wid}/tasks/{second}.json").json()],
        f"/ws/{wid}/notices": [office.get(f"/ws/{wid}/notices.json").json()],
        f"/ws/{wid}/yearend": [office.get(f"/ws/{wid}/yearend.json").json()],
        f"/ws/{wid}/audit": [office.get(f"/ws/{wid}/audit.json").json()],
        "/ws/audit": [office.get("/ws/audit.json").json()],
    }
    year_end = pages[f"/ws/{wid}/yearend"][0]
    assert year_end["review"] and year_end["lines"]  # the check has its verdicts and quotes to show
    for path, twins in pages.items():
        page = _en(office, path)
        assert not _chrome(page, [_data(*twins)]), path
    office.cookies.clear()


@needs_corpus
def test_the_lights_and_labels_are_english_and_the_data_stays(site) -> None:
    app, wid, first, second = site
    office = _signed_in(app, "王主任")
    table = html.unescape(_en(office, f"/ws/{wid}"))
    assert ">Task table<" in table and "Lead units" in table and "Done 1" in table
    assert not re.search(r">(未开始|红灯|黄灯|绿灯|超进度|已完成)\b", table)
    task = html.unescape(_en(office, f"/ws/{wid}/tasks/{first}"))
    assert "已开工三所学校" in task and "教育局" in task  # the unit's note and the unit stay as written
    assert '<option value="绿灯">Green</option>' in task  # the form still sends the stored value
    assert "Report this month's progress" in task and "Proposed status" in task
    done = html.unescape(_en(office, f"/ws/{wid}/tasks/{second}"))
    assert "set by the office" in done and "现场核实已完成" in done
    audit = html.unescape(_en(office, f"/ws/{wid}/audit"))
    assert "Status set" in audit and "<td>Done</td>" in audit
    # Chinese again: the same pages in the words they had
    zh = office.get(f"/ws/{wid}", params={"lang": "zh"}).text
    assert '<html lang="zh-CN">' in zh and ">任务表<" in zh and "已完成 1" in zh
    office.cookies.clear()


@needs_corpus
def test_the_workspace_keeps_the_sites_language_choice(site) -> None:
    app, wid, _, _ = site
    office = _signed_in(app, "王主任")
    r = office.get("/reports", params={"lang": "en"})  # chosen on a corpus page …
    assert "duixian_lang=en" in r.headers["set-cookie"]
    assert '<html lang="en">' in office.get(f"/ws/{wid}").text  # … the workspace follows it, and back
    r = office.get("/ws", params={"lang": "zh"})
    assert "duixian_lang=zh" in r.headers["set-cookie"] and '<html lang="zh-CN">' in office.get("/reports").text
    office.cookies.clear()


@needs_corpus
def test_the_workspace_refusals_are_english(site) -> None:
    app, wid, first, _ = site
    anon, unit = TestClient(app), _signed_in(app, "李科长")
    checks = [(anon, f"/ws/{wid}", 401, "This workspace is not public: sign in first"),
              (unit, f"/ws/{wid}/audit", 403, "Only the supervision office may do this"),
              (unit, "/ws/999999", 404, "no workspace numbered 999999"),
              (unit, f"/ws/{wid}/tasks/999999", 404, f"workspace {wid} has no task numbered 999999")]
    for client, path, status, want in checks:
        page = _en(client, path, status)
        assert want in page and not _chrome(page, [["李科长", "教育局"]]), path  # the header names the account
        client.cookies.clear()
    # a failed sign-in: the login page again, its message in English
    form = anon.get("/ws/login", params={"lang": "en"})
    token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    r = anon.post("/ws/login", data={"name": "王主任", "password": "wrong-password", "csrf": token})
    assert r.status_code == 401 and "Wrong user name or password" in r.text and not _chrome(r.text, ["王主任"])
    # a message with values in it (the date typed) brings its English along
    csrf = unit.post("/ws/login.json", json={"name": "李科长", "password": PASSWORD}).json()["csrf"]
    unit.get("/ws", params={"lang": "en"})
    r = unit.post(f"/ws/{wid}/tasks/{first}/progress", data={"percent": "10", "date": "2024-13-99", "csrf": csrf})
    assert r.status_code == 400 and '<html lang="en">' in r.text and "Fill in the form as it says" in r.text
    assert "the date &#39;2024-13-99&#39; is not written YYYY-MM-DD" in r.text
    assert not _chrome(r.text, [["李科长", "教育局"]]) and 'lang="zh-CN"' not in r.text
    # … and the Chinese page keeps the Chinese message
    zh = unit.post(f"/ws/{wid}/tasks/{first}/progress?lang=zh",
                   data={"percent": "10", "date": "2024-13-99", "csrf": csrf})
    assert "日期 &#39;2024-13-99&#39; 不是 YYYY-MM-DD 格式" in zh.text


def test_a_message_without_english_is_shown_marked_chinese() -> None:
    """A refusal whose message has values and no ``en`` (none is raised so today) is shown as written,
    inside a span marked lang="zh-CN", with its hint in English."""
    from duixian.supervise.store import BadValueError
    from duixian.templating import env
    from duixian.web import i18n

    i18n.install(env())
    with i18n.speaking("en"):
        page = env().get_template("ws_error.html").render(error=BadValueError("某个值 7 不对"), user=None,
                                                           login_next=None, version="x")
    assert '<span class="detail" lang="zh-CN">某个值 7 不对</span>' in page
    assert "Fill in the form as it says" in page and "This cannot be done" in page


def test_every_refusal_with_values_on_a_page_brings_its_english() -> None:
    """Each ``XError(f"…")`` the workspace's pages can show passes ``en=`` (the account functions of
    supervise/store.py answer the command line only, whose messages stay as they are)."""
    import ast
    from pathlib import Path

    from duixian.supervise import store as ws_store

    folder = Path(service.__file__).parent
    missing = []
    for f in [*folder.glob("*.py"), Path(ws_store.__file__)]:
        tree = ast.parse(f.read_text(encoding="utf-8"))
        accounts = ("user", "set_password", "set_active")  # the account functions: the command line's
        for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and not any(a in n.name for a in accounts)):
            for call in (n for n in ast.walk(fn) if isinstance(n, ast.Call)):
                name = getattr(call.func, "id", "")
                if name.endswith("Error") and call.args and isinstance(call.args[0], ast.JoinedStr) \
                        and name not in ("StoreError", "ConflictError") \
                        and not any(k.arg == "en" for k in call.keywords):
                    missing.append(f"{f.name}:{call.lineno}")
    assert not missing
