"""Opening the corpus database: which URL, engine settings per backend, and schema migrations."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import SQLAlchemyError

from duixian.errors import StoreError, StoreVersionError

DEFAULT_FILE = "duixian.db"
ENV = "DUIXIAN_DB"


def resolve_url(url: str | None) -> tuple[str, bool]:
    """(URL, is_new_sqlite_file): --db, else $DUIXIAN_DB, else ./duixian.db. A plain path is a SQLite file."""
    url = url or os.environ.get(ENV) or DEFAULT_FILE
    if "://" not in url:
        path = Path(url).expanduser().resolve()
        return f"sqlite:///{path}", not path.exists()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        return url, not Path(url.removeprefix("sqlite:///")).exists()
    return url, False


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL keeps readers working during an ingest and makes each commit atomic on disk, so a killed
    # ingest leaves the last committed report and nothing of the next one.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def open_engine(url: str | None = None, *, announce: bool = True) -> Engine:
    """An engine on an up-to-date schema. Creates the SQLite file (and says so) on first use."""
    resolved, new = resolve_url(url)
    try:
        engine = create_engine(resolved, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        upgrade(engine)
    except StoreError:
        raise
    except (SQLAlchemyError, OSError, ImportError) as exc:
        raise StoreError(f"cannot open database {_safe(resolved)}: {str(exc).splitlines()[0]}") from exc
    if new and announce:
        print(f"duixian: created database {resolved.removeprefix('sqlite:///')}", file=sys.stderr)
    return engine


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<database URL>"


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("duixian.store").joinpath("migrations")))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; refuse a database from a newer duixian."""
    from alembic import command
    from alembic.script import ScriptDirectory

    with engine.begin() as conn:
        cfg = _alembic_config(conn)
        head = ScriptDirectory.from_config(cfg).get_current_head()
        current = _current_revision(conn)
        known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
        if current is not None and current not in known:
            raise StoreVersionError(f"schema revision {current} is unknown (this duixian knows up to {head})")
        if current != head:
            command.upgrade(cfg, "head")


def _current_revision(conn) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _current_revision(conn)
