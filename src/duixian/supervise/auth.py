"""Accounts of the workspace: argon2 password hashes, server-side sessions and login throttling.

A session is a random token in an HttpOnly cookie; the database keeps only its SHA-256, with the user and the
session's CSRF token, so signing out (or an administrator deleting the row) ends it at once. Failed logins
are throttled per account and per client address, so guessing is slow from one machine and a spread-out
attack still cannot hammer one account.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from duixian.supervise import store
from duixian.supervise.store import SYSTEM, Actor, WorkspaceError

_hasher = PasswordHasher()  # argon2id with the library's current defaults
# verifying against this when the account does not exist costs the same time as a real check, so the
# answer's timing does not tell which names exist
_DUMMY = _hasher.hash(secrets.token_hex(16))
MIN_PASSWORD = 8


class LoginError(WorkspaceError):
    code = "LOGIN_FAILED"
    hint = "检查用户名和密码；忘记密码请联系督查室管理员"
    http_status = 401


class TooManyLoginsError(WorkspaceError):
    code = "TOO_MANY_LOGINS"
    hint = "请一分钟后再试"
    http_status = 429


class WeakPasswordError(WorkspaceError):
    code = "WEAK_PASSWORD"
    hint = f"密码至少 {MIN_PASSWORD} 个字符"
    exit_status = 2  # on the command line: a usage error


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise WeakPasswordError(f"密码少于 {MIN_PASSWORD} 个字符")
    return _hasher.hash(password)


def check_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def create_user(engine: Engine, name: str, role: str, password: str, *, unit: str | None = None,
                actor: Actor = SYSTEM) -> int:
    """An account from its password in one call (the tests' way in; ``duixian users add`` takes the same
    steps apart, to check everything before it may create the database)."""
    return store.add_user(engine, name, role, hash_password(password), unit=unit, actor=actor)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Failures:
    """Failed attempts per key in a sliding minute; a key with ``limit`` of them is blocked until the
    oldest leaves the window. Successes are not counted, so an office signing in often is never slowed."""

    def __init__(self, limit: int, clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000) -> None:
        self.limit, self.clock, self.max_keys = limit, clock, max_keys
        self._log: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        log = self._log.get(key, deque())
        while log and now - log[0] >= 60:
            log.popleft()
        return log

    def blocked(self, key: str) -> bool:
        with self._lock:
            return len(self._recent(key, self.clock())) >= self.limit

    def fail(self, key: str) -> None:
        now = self.clock()
        with self._lock:
            self._log[key] = log = self._recent(key, now)
            log.append(now)
            if len(self._log) > self.max_keys:  # forget quiet keys so many addresses cannot grow memory
                for k in [k for k, v in self._log.items() if not v or now - v[-1] >= 60]:
                    del self._log[k]


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str  # office | unit | viewer
    unit: str | None
    csrf: str  # this session's form token


@dataclass
class Sessions:
    """Signing in and out; ``per_account`` / ``per_ip``: failed logins allowed per minute."""

    engine: Engine
    lifetime: timedelta = timedelta(hours=12)
    per_account: int = 5
    per_ip: int = 20
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(timezone.utc))

    def __post_init__(self) -> None:
        self._accounts = Failures(self.per_account)
        self._ips = Failures(self.per_ip)

    def login(self, name: str, password: str, ip: str | None) -> tuple[str, User]:
        """(cookie token, user); raises LoginError or TooManyLoginsError. Both outcomes are audited."""
        name = name.strip()[:64]
        # a throttled account or address is refused before the password is even checked
        if self._accounts.blocked(name) or self._ips.blocked(str(ip)):
            store.record_failed_login(self.engine, Actor(None, ip), name, "rate-limited")
            raise TooManyLoginsError("登录失败次数过多")
        row = store.user_by_name(self.engine, name)
        ok = check_password(row["password_hash"] if row and row["active"] else None, password)
        if not ok or row is None:
            self._accounts.fail(name)
            self._ips.fail(str(ip))
            store.record_failed_login(self.engine, Actor(None, ip), name, "bad-password")
            raise LoginError("用户名或密码不正确")
        if _hasher.check_needs_rehash(row["password_hash"]):  # the cost defaults were raised since it was set
            store.set_password(self.engine, name, _hasher.hash(password), Actor(name, ip), end_sessions=False)
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = (self.clock() + self.lifetime).isoformat(timespec="seconds")
        store.add_session(self.engine, row["id"], _digest(token), csrf, expires, Actor(row["name"], ip))
        return token, User(row["id"], row["name"], row["role"], row["unit"], csrf)

    def user(self, token: str | None) -> User | None:
        if not token or len(token) > 128:
            return None
        row: dict[str, Any] | None = store.session_user(self.engine, _digest(token),
                                                        self.clock().isoformat(timespec="seconds"))
        return None if row is None else User(row["id"], row["name"], row["role"], row["unit"], row["csrf"])

    def logout(self, token: str, user: User, ip: str | None) -> None:
        store.drop_session(self.engine, _digest(token), Actor(user.name, ip))
