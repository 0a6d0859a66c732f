"""The web pages' chrome in English (docs/web.md, "Language"): ``?lang=en`` answers in English and keeps the
choice in a cookie, ``?lang=zh`` goes back; the reports' text stays as it is; anything else given as a
language is ignored and never echoed; every phrase the templates write has its English."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.webcorpus import SCRIPT, hostile_report

from duixian.corpus import ingest
from duixian.store import open_engine
from duixian.templating import KIND_ZH, env
from duixian.track.model import ZH as STATUS_ZH
from duixian.web import create_app, i18n
from duixian.web.upload import UploadLimits

TEMPLATES = Path(i18n.__file__).resolve().parents[1] / "templates"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("i18n")
    engine = open_engine(str(folder / "w.db"), announce=False)
    assert not ingest(engine, [hostile_report(folder)]).failed
    app = create_app(engine, allow_upload=True, upload_dir=folder / "up", limits=UploadLimits(max_bytes=100_000))
    yield TestClient(app)
    engine.dispose()


def _phrases() -> set[str]:
    """Every phrase a web template passes to _ (or to a macro that does), and the names _zh.html translates."""
    found: set[str] = set()
    shared = ("_zh.html", "_scorecard.html", "_source.html")  # web pages include these; zh.t / zh.tf translate
    workspace = [*TEMPLATES.glob("ws_*.html"), TEMPLATES / "_ws_error.html"]  # the 督查 workspace's pages
    for f in [*(TEMPLATES / "web").glob("*.html"), *(TEMPLATES / n for n in shared), *workspace]:
        s = f.read_text(encoding="utf-8")
        found |= set(re.findall(r'(?:\b_|\bt|\btf)\("([^"]*)"', s)) | set(re.findall(r"(?:\b_|\bt|\btf)\('([^']*)'", s))
        found |= set(re.findall(r'"([^"]*翻页)"', s))  # the pagers' labels, translated inside the macro
    zh = env().get_template("_zh.html").module
    found |= set(zh.DOC.values()) | set(zh.LEVEL.values()) | {t for pair in zh.ERROR.values() for t in pair}
    found |= set(STATUS_ZH.values()) | set(KIND_ZH.values()) | set(i18n.SCRIPT)  # zh.status, zh.kind, the scripts
    found |= _workspace_names()
    return found | {"出错了", "文件", "翻页"}  # the macros' defaults


def _workspace_names() -> set[str]:
    """What the workspace pages name through _ from its data: the lights, roles, the audit log's names, the
    year-end's disagreements and note, the refusals' hints and the fixed messages (a message with values
    in it has no English and is shown marked as Chinese)."""
    import ast

    from duixian.supervise import auth
    from duixian.supervise import store as ws_store
    from duixian.supervise.model import STATUSES
    from duixian.supervise.yearend import DISAGREEMENTS
    from duixian.web.workspace import errors as ws_errors
    from duixian.web.workspace import service

    names = {*STATUSES, *service.ROLE_ZH.values(), *service.ACTION_ZH.values(), *service.FIELD_ZH.values(),
             *service.OBJECT_ZH.values(), *DISAGREEMENTS.values(), ws_store._NO_SUCH_USER_HINT}
    names |= {c.hint for m in (ws_store, auth, ws_errors) for c in vars(m).values()
              if isinstance(c, type) and issubclass(c, ws_store.WorkspaceError) and c.hint}
    src = Path(service.__file__).parent
    for f in [*src.glob("*.py"), Path(ws_store.__file__), Path(auth.__file__)]:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            # raise XError("fixed text") and the year-end's note
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str) and getattr(node.func, "id", "").endswith("Error"):
                names.add(node.args[0].value)
            if isinstance(node, ast.Dict):
                names |= {v.value for k, v in zip(node.keys, node.values, strict=True)
                          if isinstance(k, ast.Constant) and k.value == "note" and isinstance(v, ast.Constant)}
    return {n for n in names if n}


def test_every_phrase_of_the_page_scripts_is_listed() -> None:
    """reader.js and region.js look their labels up in #labels: each Chinese string they write is in SCRIPT."""
    static = TEMPLATES.parent / "web" / "static"
    written = set()
    for name in ("reader.js", "region.js"):
        written |= set(re.findall(r'"([^"]*[\u4e00-\u9fff][^"]*)"', (static / name).read_text(encoding="utf-8")))
    assert written == set(i18n.SCRIPT)


def test_every_phrase_has_its_english() -> None:
    phrases = _phrases()
    assert len(phrases) > 60
    assert not sorted(p for p in phrases if p not in i18n.EN)
    assert not sorted(k for k in i18n.EN if k not in phrases)  # no phrase left over from a page that changed
    for zh, en in i18n.EN.items():  # the same values to put in, in both languages
        assert sorted(re.findall(r"%\((\w+)\)s", zh)) == sorted(re.findall(r"%\((\w+)\)s", en)), zh
        # no Chinese left in the English, but the example searches (安置房 …), which are the reports' words
        assert not re.search(r"[\u4e00-\u9fff]", re.sub("安置房|公路|通车|棚改|中文", "", en)), (zh, en)


CHROME_ZH = ("概览", "搜索报告原文", "每个数据都能追溯到原文字符")


def test_pages_answer_in_english_and_keep_the_choice(client) -> None:
    r = client.get("/?lang=en")
    assert r.status_code == 200 and '<html lang="en">' in r.text
    for want in (">Overview<", "Corpus overview", "Regions: 1", ">Report<"):
        assert want in r.text, want
    assert not any(p in r.text for p in CHROME_ZH)
    assert "duixian_lang=en" in r.headers["set-cookie"] and "httponly" in r.headers["set-cookie"].lower()
    assert 'href="/?lang=zh"' in r.text and ">中文<" in r.text  # the way back
    # the cookie keeps it: the next pages without ?lang= are English too
    for page in ("/reports", f"/search?q={quote('公厕')}", "/upload", "/reports/99999"):
        text = client.get(page).text
        assert '<html lang="en">' in text and ">Reports<" in text and not any(p in text for p in CHROME_ZH), page
    search = client.get(f"/search?q={quote('公厕')}").text
    assert "Paragraphs found" in search and "<mark>公厕</mark>" in search  # the report's own words stay
    assert "<h1>Not found</h1>" in client.get("/reports/99999").text
    # back to Chinese, and the cookie says so
    r = client.get("/reports?lang=zh")
    assert '<html lang="zh-CN">' in r.text and ">概览<" in r.text and "duixian_lang=zh" in r.headers["set-cookie"]
    assert '<html lang="zh-CN">' in client.get("/").text
    client.cookies.clear()


def test_chinese_stays_the_default_and_the_data_stays_the_same(client) -> None:
    client.cookies.clear()
    r = client.get("/")
    assert '<html lang="zh-CN">' in r.text and ">概览<" in r.text and "set-cookie" not in r.headers
    assert 'href="/?lang=en"' in r.text and ">English<" in r.text
    assert client.get("/index.json?lang=en").json() == client.get("/index.json").json()  # data, not chrome


def test_the_language_is_never_echoed_and_the_switch_is_escaped(client) -> None:
    client.cookies.clear()
    r = client.get("/search", params={"q": SCRIPT, "lang": "<b>x</b>"})
    assert "<b>x</b>" not in r.text and "&lt;b&gt;" not in r.text and "set-cookie" not in r.headers
    assert '<html lang="zh-CN">' in r.text and SCRIPT not in r.text
    switch = re.search(r'<a class="lang" href="([^"]*)"', r.text).group(1)
    assert "<" not in switch and "script" in switch and switch.startswith("/search?")  # quoted, path only
    client.cookies.set(i18n.COOKIE, '"><script>')
    r = client.get("/")
    assert '<html lang="zh-CN">' in r.text and '"><script>' not in r.text
    client.cookies.clear()
    # a Host header is never written into the switch: it is the path and query only
    r = client.get("/reports?region=%E5%B7%9D&lang=en", headers={"host": "evil.example"})
    assert "evil.example" not in r.text
    client.cookies.clear()
