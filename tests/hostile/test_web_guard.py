"""The web app under hostile requests: security headers, DNS rebinding, CSRF, huge bodies, upload floods."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.conftest import needs_corpus
from tests.webcorpus import build

from duixian.store.query import list_reports
from duixian.web import create_app
from duixian.web.guard import CsrfTokens, RateLimiter
from duixian.web.upload import UploadLimits

BASE = "http://127.0.0.1:8000"
HOSTS = ["localhost:8000", "127.0.0.1:8000", "[::1]:8000"]
HEADERS = {"content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"}
MAX_FILE = 100_000


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return build(tmp_path_factory.mktemp("guard"))


@pytest.fixture
def uploads(tmp_path) -> Path:
    return tmp_path / "uploads"


def _app(engine, uploads: Path, **kw: Any):
    return create_app(engine, allow_upload=True, upload_dir=uploads, limits=UploadLimits(max_bytes=MAX_FILE),
                      allowed_hosts=HOSTS, **kw)


@pytest.fixture
def client(engine, uploads) -> TestClient:
    return TestClient(_app(engine, uploads), base_url=BASE, raise_server_exceptions=False)


def _rid(engine) -> int:
    return list_reports(engine)[0]["id"]


# --- headers -----------------------------------------------------------------------------------------------

def test_security_headers_on_every_answer(client, engine) -> None:
    rid = _rid(engine)
    region = list_reports(engine)[0]["region"] or "x"
    plotly = re.search(r'src="(/static/vendor/[^"]+)"', client.get(f"/regions/{quote(region)}").text)
    urls = ["/", "/index.json", "/reports", "/reports.json", f"/reports/{rid}", f"/reports/{rid}.json",
            f"/regions/{quote(region)}", f"/search?q={quote('公厕')}", "/search.json?q=x", "/upload",
            "/static/app.css", "/static/reader.js", "/reports/999999", "/reports?year=x", "/track/x/1",
            "/openapi.json", "/no/such/page", *([plotly.group(1)] if plotly else [])]
    for u in urls:
        r = client.get(u)
        assert HEADERS <= set(r.headers), (u, r.status_code, dict(r.headers))
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "same-origin"
        policy = r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]  # no inline script
        assert "'unsafe-eval'" not in policy
    refused = client.get("/", headers={"host": "evil.example"})
    assert HEADERS <= set(refused.headers)  # refusals carry them too


@needs_corpus
def test_the_only_inline_script_is_hashed_in_the_policy(client) -> None:
    r = client.get(f"/track/{quote('川汇区')}/2023")
    assert r.status_code == 200
    inline = re.findall(r"<script>(.*?)</script>", r.text, re.S)
    assert inline, "the 成绩单 keeps its inline filter script"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in r.headers["content-security-policy"]
    assert not re.search(r"<[^>]+\son[a-z]+=", r.text)  # no inline event handler, which CSP would block


# --- Host allow-list ---------------------------------------------------------------------------------------

def test_foreign_host_is_refused(client) -> None:
    assert client.get("/").status_code == 200
    for host in ("evil.example", "evil.example:8000", "127.0.0.1:8001", "localhost.evil.example:8000",
                 "127.0.0.1:8000@evil", "", "[::1", "localhost:99999999999999999999"):
        r = client.get("/index.json", headers={"host": host})
        assert r.status_code == 400, host
        assert r.json()["error"]["code"] == "BAD_HOST"
    for host in ("localhost:8000", "LOCALHOST:8000", "[::1]:8000"):
        assert client.get("/index.json", headers={"host": host}).status_code == 200, host


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_allows_loopback_and_its_own_address_only(engine, tmp_path) -> None:
    db = str(engine.url.database)
    port = _port()
    src = str(Path(__file__).resolve().parents[2] / "src")
    proc = subprocess.Popen([sys.executable, "-m", "duixian", "serve", "--db", db, "--port", str(port),
                             "--allowed-host", "reports.example.org"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": src})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # a loaded CI machine may take a while to import and start the app
            assert proc.poll() is None, "duixian serve exited"
            try:
                httpx.get(base + "/static/app.css", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert httpx.get(base + "/index.json").status_code == 200
        assert httpx.get(base + "/index.json", headers={"host": f"localhost:{port}"}).status_code == 200
        assert httpx.get(base + "/index.json", headers={"host": "reports.example.org"}).status_code == 200
        rebound = httpx.get(base + "/index.json", headers={"host": f"attacker.example:{port}"})
        assert rebound.status_code == 400 and rebound.json()["error"]["code"] == "BAD_HOST"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- CSRF --------------------------------------------------------------------------------------------------

def _file(name: str = "x.exe") -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, b"MZ....", "application/octet-stream")}


def test_cross_origin_post_is_refused(client, uploads) -> None:
    hostile = [{"origin": "http://evil.example"}, {"origin": "null"}, {"origin": "http://127.0.0.1:8001"},
               {"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site", "origin": BASE},
               {"referer": "http://evil.example/page"}, {"origin": "http://evil.example", "referer": BASE + "/upload"}]
    for path in ("/upload.json", "/upload"):
        for headers in hostile:
            r = client.post(path, files=_file("a.txt"), headers=headers)
            assert r.status_code == 403, (path, headers, r.status_code)
            assert "CROSS_ORIGIN" in r.text
    assert not uploads.exists() or not any(uploads.iterdir())  # nothing was written
    # same origin, or a program with no browser headers at all, reaches the upload (refused for its type)
    for headers in ({"origin": BASE, "sec-fetch-site": "same-origin"}, {"referer": BASE + "/upload"}, {}):
        r = client.post("/upload.json", files=_file(), headers=headers)
        assert r.status_code == 400 and r.json()["error"]["code"] == "UNKNOWN_FORMAT", headers


def test_browser_form_needs_the_pages_token(client) -> None:
    same = {"origin": BASE, "sec-fetch-site": "same-origin"}
    r = client.post("/upload", files=_file(), headers=same)
    assert r.status_code == 403 and "BAD_CSRF_TOKEN" in r.text
    r = client.post("/upload", files=_file(), data={"csrf": "1.deadbeef"}, headers=same)
    assert r.status_code == 403
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/upload").text).group(1)
    r = client.post("/upload", files=_file(), data={"csrf": token}, headers=same)
    assert r.status_code == 400 and "UNKNOWN_FORMAT" in r.text  # past the token, refused for its type


def test_tokens_expire_and_are_bound_to_the_process() -> None:
    now = [1_000_000.0]
    tokens = CsrfTokens(max_age=60, clock=lambda: now[0])
    t = tokens.issue()
    assert tokens.valid(t) and not CsrfTokens().valid(t)
    now[0] += 61
    assert not tokens.valid(t)
    assert not tokens.valid("") and not tokens.valid("x") and not tokens.valid("9" * 5000 + ".a")


# --- body limit --------------------------------------------------------------------------------------------

BOUNDARY = "hwebboundary"
CHUNK = 64 * 1024


def _call(app, headers: dict[str, str], chunks: Iterator[bytes]) -> tuple[int, int, bool]:
    """Drive the ASGI app directly: (status, body bytes handed to the app, whether the body stream ended)."""
    read = 0
    ended = False

    async def receive() -> dict[str, Any]:
        nonlocal read, ended
        chunk = next(chunks, None)
        if chunk is None:
            ended = True
            return {"type": "http.request", "body": b"", "more_body": False}
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    status = 0

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/upload.json", "raw_path": b"/upload.json", "query_string": b"", "root_path": "",
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000),
             "headers": [(k.encode(), v.encode()) for k, v in
                         {"host": "127.0.0.1:8000", "content-type": f"multipart/form-data; boundary={BOUNDARY}",
                          **headers}.items()]}
    asyncio.run(app(scope, receive, send))
    return status, read, ended


def _gigabyte() -> Iterator[bytes]:
    yield (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
           "Content-Type: text/plain\r\n\r\n").encode()
    block = b"a" * CHUNK
    for _ in range((1 << 30) // CHUNK):
        yield block


def test_huge_body_is_cut_off_while_streaming(engine, uploads, tmp_path, monkeypatch) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setenv("TMPDIR", str(spool))  # where multipart would spool a file part
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    app = _app(engine, uploads)
    guard_limit = next(m.kwargs["max_body"] for m in app.user_middleware)
    status, read, ended = _call(app, {}, _gigabyte())  # no Content-Length: counted as it arrives
    assert status == 413
    assert read <= guard_limit + CHUNK, (read, guard_limit)
    assert not ended  # the rest of the gigabyte was never asked for
    assert not uploads.exists() or not any(uploads.iterdir())
    assert sum(p.stat().st_size for p in spool.rglob("*") if p.is_file()) <= guard_limit + CHUNK


def test_declared_oversize_body_is_refused_before_reading(engine, uploads) -> None:
    status, read, _ = _call(_app(engine, uploads), {"content-length": str(1 << 30)}, _gigabyte())
    assert status == 413 and read == 0
    status, read, _ = _call(_app(engine, uploads), {"content-length": "1e9"}, _gigabyte())
    assert status == 413 and read == 0


def test_oversize_answer_has_an_error_code(client) -> None:
    big = b"a" * (MAX_FILE + 2 * 1024 * 1024)
    r = client.post("/upload.json", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413 and r.json()["error"]["code"] == "TOO_LARGE"


# --- rate limit --------------------------------------------------------------------------------------------

def test_upload_flood_gets_429(engine, uploads) -> None:
    app = _app(engine, uploads, uploads_per_minute=3)
    c = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    for _ in range(3):
        assert c.post("/upload.json", files=_file()).status_code == 400  # counted, whatever the outcome
    r = c.post("/upload.json", files=_file())
    assert r.status_code == 429 and r.json()["error"]["code"] == "TOO_MANY_UPLOADS"
    assert 1 <= int(r.headers["retry-after"]) <= 60
    assert c.post("/upload", files=_file()).status_code == 429  # the form and the API share the budget
    assert c.get("/").status_code == 200  # reading is not limited
    other = TestClient(app, base_url=BASE, raise_server_exceptions=False, client=("10.0.0.2", 4000))
    assert other.post("/upload.json", files=_file()).status_code == 400  # per client address


def test_rate_window_slides() -> None:
    now = [0.0]
    lim = RateLimiter(2, clock=lambda: now[0], max_keys=3)
    assert lim.hit("a") is None and lim.hit("a") is None
    assert lim.hit("a") == pytest.approx(60)
    now[0] = 30
    assert lim.hit("a") == pytest.approx(30)
    now[0] = 60
    assert lim.hit("a") is None
    for k in "bcdef":  # many one-off clients do not grow the table without bound
        now[0] += 61
        lim.hit(k)
    assert len(lim._log) <= 4
