"""One ASGI layer in front of every route: Host allow-list, security headers, CSRF, upload rate and body size.

It is plain ASGI rather than ``BaseHTTPMiddleware`` so it can see the request body as a stream: the size
limit is counted while the body arrives, so a 1 GB upload is cut off after the limit plus one chunk instead
of being spooled to disk and then refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Collection, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
# (status, code, message, hint, scope) → (body, content type): the app renders refusals like its other errors
Refuse = Callable[[int, str, str, str, Scope], tuple[bytes, str]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def csp(script_hashes: Iterable[str]) -> str:
    """The pages' policy: everything from this server, no inline script except the hashed blocks.

    Styles keep 'unsafe-inline': the pages inline their shared stylesheet and plotly writes style
    attributes and <style> rules as it draws; CSS cannot run script, and every template is autoescaped.
    """
    hashes = " ".join(f"'sha256-{h}'" for h in sorted(set(script_hashes)))
    return ("default-src 'none'; "
            f"script-src 'self'{' ' + hashes if hashes else ''}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def security_headers(policy: str) -> list[tuple[bytes, bytes]]:
    return [(b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            # same-origin keeps the Referer for the app's own CSRF check and never leaks a URL elsewhere
            (b"referrer-policy", b"same-origin"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin")]


def split_host(value: str) -> tuple[str, int | None]:
    """``Host``-style ``name[:port]`` → (lower-case name, port or None); IPv6 stays bracketed."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        name, rest = (value[: end + 1], value[end + 1 :]) if end > 0 else (value, "")
        port_s = rest[1:] if rest.startswith(":") else ""
    else:
        name, _, port_s = value.partition(":")
    if port_s:
        if not (port_s.isascii() and port_s.isdigit() and len(port_s) <= 5):
            return "", None  # not a host anybody can be: never matches
        return name, int(port_s)
    return name, None


@dataclass(frozen=True)
class HostRule:
    name: str
    port: int | None  # None: any port

    @classmethod
    def parse(cls, entry: str) -> HostRule:
        if entry.strip() == "*":
            return cls("*", None)
        name, port = split_host(entry)
        if ":" in name and not name.startswith("["):  # a bare IPv6 address: bracket it as Host headers do
            name, port = f"[{name}]", None
        return cls(name, port)

    def matches(self, name: str, port: int | None) -> bool:
        return self.name == "*" or (self.name == name and (self.port is None or self.port == port))


class RateLimiter:
    """At most ``per_minute`` events per key in any 60-second window (a sliding log per key)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.max_keys = max_keys
        self._log: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> float | None:
        """Record one event; None when allowed, else the seconds until the oldest event leaves the window."""
        now = self.clock()
        with self._lock:
            log = self._log.setdefault(key, deque())
            while log and now - log[0] >= 60:
                log.popleft()
            if len(log) >= self.per_minute:
                return 60 - (now - log[0])
            log.append(now)
            if len(self._log) > self.max_keys:  # forget idle clients so many addresses cannot grow memory
                for k in [k for k, v in self._log.items() if not v or now - v[-1] >= 60]:
                    del self._log[k]
            return None


class BodyTooLarge(HTTPException):
    """Raised from inside the body stream; FastAPI re-raises HTTPExceptions met while parsing a body."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over {limit} bytes")
        self.limit = limit


@dataclass
class CsrfTokens:
    """Form tokens: HMAC of an issue time under a per-process secret, valid for ``max_age`` seconds."""

    max_age: float = 4 * 3600
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    clock: Callable[[], float] = time.time

    def issue(self) -> str:
        ts = str(int(self.clock()))
        return f"{ts}.{self._mac(ts)}"

    def valid(self, token: str | None) -> bool:
        if not token or "." not in token:
            return False
        ts, mac = token.split(".", 1)
        if not (ts.isascii() and ts.isdigit() and len(ts) <= 12):
            return False
        return hmac.compare_digest(mac, self._mac(ts)) and 0 <= self.clock() - int(ts) <= self.max_age

    def _mac(self, ts: str) -> str:
        return hmac.new(self.secret, ts.encode(), hashlib.sha256).hexdigest()


def from_browser(headers: dict[str, str]) -> bool:
    """Browsers send Origin or Sec-Fetch-Site on every POST; scripts and curl send neither."""
    return "origin" in headers or "sec-fetch-site" in headers


def _origin_key(netloc: str, scheme: str) -> tuple[str, int | None]:
    # a scheme's default port counts as no port, so Host "example.org" behind a TLS proxy (the app sees
    # http) matches Origin "https://example.org"
    name, port = split_host(netloc)
    return name, None if port == DEFAULT_PORTS.get(scheme) else port


def same_origin(headers: dict[str, str], scheme: str) -> bool:
    """Is a state-changing request from a page of this server (or not from a browser at all)?

    Every signal the browser sent must say same-origin: Sec-Fetch-Site, then Origin, then Referer, each
    compared with the Host header (already allow-listed, so a rebound DNS name cannot match itself).
    A request with none of them comes from a program, which no web page can make a visitor's browser send.
    """
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    own = _origin_key(headers.get("host", ""), scheme)
    for name in ("origin", "referer"):
        value = headers.get(name)
        if value is None:
            continue
        u = urlsplit(value)
        if u.scheme not in ("http", "https") or not u.netloc:
            return False  # "null" (sandboxed frames, data: URLs) and the like
        if _origin_key(u.netloc, u.scheme) != own:
            return False
        if name == "origin":
            return True  # Origin is authoritative when present; Referer is only the fallback
    return True


class Guard:
    """The ASGI middleware. ``upload_paths`` are rate-limited; every unsafe method gets CSRF and body checks."""

    def __init__(self, app: ASGIApp, *, policy: str, refuse: Refuse, allowed_hosts: Collection[str] | None,
                 max_body: int, upload_paths: Collection[str] = (), limiter: RateLimiter | None = None) -> None:
        self.app = app
        self.headers = security_headers(policy)
        self.refuse = refuse
        self.hosts = None if allowed_hosts is None else [HostRule.parse(h) for h in allowed_hosts]
        self.max_body = max_body
        self.upload_paths = frozenset(upload_paths)
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.headers if h[0] not in names)]
            await send(message)

        async def answer(status: int, code: str, message: str, hint: str, extra: Iterable[tuple[bytes, bytes]] = ()) -> None:
            body, ctype = self.refuse(status, code, message, hint, scope)
            await send_with_headers({"type": "http.response.start", "status": status, "headers": [
                (b"content-type", ctype.encode()), (b"content-length", str(len(body)).encode()), *extra]})
            await send_with_headers({"type": "http.response.body", "body": body})

        scheme = scope.get("scheme", "http")
        if self.hosts is not None:
            name, port = split_host(headers.get("host", ""))
            port = port or DEFAULT_PORTS.get(scheme)
            if not name or not any(r.matches(name, port) for r in self.hosts):
                # DNS rebinding: a page on attacker.example re-pointed at 127.0.0.1 still says Host: attacker.example
                await answer(400, "BAD_HOST", "this server does not answer to that host name",
                             "open the server by the address it was started with, or start it with --allowed-host")
                return
        if scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send_with_headers)
            return
        if not same_origin(headers, scheme):
            await answer(403, "CROSS_ORIGIN", "a page from another site tried to send this request",
                         "submit the form from this server's own page")
            return
        if self.limiter is not None and scope["path"] in self.upload_paths:
            client = scope.get("client")
            wait = self.limiter.hit(client[0] if client else "?")
            if wait is not None:
                await answer(429, "TOO_MANY_UPLOADS", f"more than {self.limiter.per_minute} uploads in a minute",
                             "wait a minute and upload again", [(b"retry-after", str(max(1, round(wait))).encode())])
                return
        declared = headers.get("content-length", "")
        if declared and (not declared.isascii() or not declared.isdigit() or int(declared) > self.max_body):
            await answer(413, "TOO_LARGE", f"the request body is over {self.max_body} bytes",
                         "split the file or ingest it with the command line")
            return
        seen = 0

        async def counted() -> Message:
            # a missing or false Content-Length is caught here, after at most max_body + one chunk
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        try:
            await self.app(scope, counted, send_with_headers)
        except BodyTooLarge:
            if started:
                raise
            await answer(413, "TOO_LARGE", f"the request body is over {self.max_body} bytes",
                         "split the file or ingest it with the command line")
