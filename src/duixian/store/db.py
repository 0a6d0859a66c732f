"""Opening the corpus database: which URL, engine settings per backend, and schema migrations."""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import AbstractContextManager
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.exc import SQLAlchemyError

from duixian.errors import (
    NoDatabaseError,
    NotADuixianDatabaseError,
    StoreError,
    StoreTooOldError,
    StoreVersionError,
)

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
    # The sqlite3 module's own transaction handling only opens a transaction before INSERT/UPDATE/DELETE:
    # SELECTs before the first write run outside it (so a check-then-insert is not atomic, and two
    # ingests both "find nothing" and both insert), and every CREATE TABLE commits on its own (so a kill
    # during the first migration leaves half a schema that no later run can upgrade). Turn it off and let
    # SQLAlchemy's "begin" event emit BEGIN itself (_sqlite_begin): one real transaction per begin(). The
    # reader's settings do that, and set busy_timeout before the switch to WAL, which needs a lock that a
    # concurrent first run may hold.
    _sqlite_reader_pragmas(dbapi_conn, _record)
    cur = dbapi_conn.cursor()
    # WAL keeps readers working during an ingest and makes each commit atomic on disk, so a killed
    # ingest leaves the last committed report and nothing of the next one.
    _wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _wal(cur) -> None:
    """Switch the file to WAL. WAL is a property of the file, so only a new file needs it; the switch
    needs exclusive access and SQLite does not run the busy handler for it, so a first run racing another
    one got `database is locked` at once: retry for as long as busy_timeout would have waited."""
    import sqlite3
    import time

    end = time.monotonic() + 30
    while str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        try:
            cur.execute("PRAGMA journal_mode=WAL").fetchone()  # an in-memory database stays "memory"
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > end:
                raise
            time.sleep(0.05)  # another run holds the file; it may be switching it to WAL right now


WRITE = "duixian_write"  # execution option: this transaction writes (see begin_write)


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes SQLite's write lock at BEGIN (IMMEDIATE), waiting up to busy_timeout for another
    # writer, so what it reads before writing cannot change under it. A deferred transaction that reads
    # and then writes fails at once with SQLITE_BUSY when another process committed in between (WAL does
    # not retry that case), which is what two concurrent ingests hit. Readers stay deferred: they never
    # wait for an ingest.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def begin_write(engine: Engine) -> AbstractContextManager[Connection]:
    """``engine.begin()`` for a transaction that writes: on SQLite it holds the write lock from its first
    statement, so its checks and its inserts are one atomic step against other processes."""
    return engine.execution_options(**{WRITE: True}).begin()


def open_engine(url: str | None = None, *, announce: bool = True, readonly: bool = False) -> Engine:
    """An engine on an up-to-date schema. Creates the SQLite file (and says so) on first use.

    ``readonly``: for a command that only reads. The database is never created, upgraded or written: a
    SQLite file is opened read-only (SQLite refuses any write on the connection), a schema behind this
    duixian's is refused (``DB_TOO_OLD``, saying what upgrades it), and so is a database with no duixian
    schema (``NO_DATABASE``) or another program's (``NOT_DUIXIAN_DB``). On PostgreSQL the same checks run
    (its read-only transactions would also refuse the temporary tables the panel reads through), and the
    engine is marked read-only (:func:`is_readonly`) so that nothing of duixian's writes through it."""
    resolved, new = resolve_url(url)
    path = _sqlite_file(resolved)
    try:
        if path is not None and not new:
            # before any connection that could write: a writer's connect switches the file to WAL, which
            # rewrites the header of whatever file --db named
            _probe(path)
        if readonly:
            if new:
                raise NoDatabaseError(f"no database at {path or _safe(resolved)}")
            engine = _reader(resolved, path)
            check_current(engine)
            return engine.execution_options(**{READONLY: True})
        engine = create_engine(resolved, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        upgrade(engine)
    except StoreError:
        raise
    except (SQLAlchemyError, OSError, ImportError) as exc:
        raise StoreError(f"cannot open database {_safe(resolved)}: {str(exc).splitlines()[0]}") from exc
    if new and announce:
        print(f"duixian: created database {resolved.removeprefix('sqlite:///')}", file=sys.stderr)
    return engine


READONLY = "duixian_readonly"  # execution option of an engine open_engine(readonly=True) made


def is_readonly(engine: Engine) -> bool:
    """The engine was opened for reading only: code that would store something (a 成绩单's verdicts, rated
    on a web page) computes and skips the write."""
    return bool(engine.get_execution_options().get(READONLY))


def _sqlite_file(url: str) -> str | None:
    """The file of a SQLite URL (None for another backend or an in-memory database)."""
    if not url.startswith("sqlite:///") or url.startswith("sqlite:///:memory:"):
        return None
    return url.removeprefix("sqlite:///")


def _ro_connect(path: str) -> sqlite3.Connection:
    # mode=ro: SQLite itself refuses every write on the connection (temporary tables still work, which the
    # panel uses). A file URI, so the path is quoted: '?' or '#' in a file name would end it.
    return sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, check_same_thread=False)


def _reader(url: str, path: str | None) -> Engine:
    if path is None:
        return create_engine(url, future=True)
    engine = create_engine(url, future=True, creator=lambda: _ro_connect(path))
    event.listen(engine, "connect", _sqlite_reader_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_reader_pragmas(dbapi_conn, _record) -> None:
    # what _sqlite_pragmas sets before the switch to WAL (a write): a reader takes the file's journal mode as it is
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _probe(path: str) -> None:
    """Refuse a file that is not a SQLite database, or one that holds tables but not duixian's, before
    anything opens it for writing. An empty file or a SQLite file with no table passes (a new database)."""
    try:
        conn = _ro_connect(path)
    except sqlite3.Error:
        return  # unreadable (permissions, a folder): the engine's own connect says why
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    except sqlite3.DatabaseError as exc:
        if _not_sqlite(exc):
            raise NotADuixianDatabaseError("is not a SQLite database", path=path) from None
        return  # locked, I/O: the engine's connect reports it with its own message
    finally:
        conn.close()
    if names and "alembic_version" not in names:
        raise NotADuixianDatabaseError(f"is another program's SQLite database (tables {_few(names)}), "
                                       "not a duixian corpus", path=path)


def _not_sqlite(exc: sqlite3.DatabaseError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) == 26 or "not a database" in str(exc)  # SQLITE_NOTADB


def _few(names: list[str]) -> str:
    return ", ".join(sorted(names)[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def stored_revision(url: str | None) -> str | None:
    """The schema revision of an existing database, read without writing (None: no duixian schema yet).
    A file that is not a duixian database is refused as ``open_engine`` refuses it."""
    resolved, new = resolve_url(url)
    if new:
        return None
    path = _sqlite_file(resolved)
    try:
        if path is not None:
            _probe(path)
        engine = _reader(resolved, path)
        try:
            return schema_revision(engine)
        finally:
            engine.dispose()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {_safe(resolved)}: {str(exc).splitlines()[0]}") from exc


def check_current(engine: Engine) -> None:
    """The database holds duixian's schema at HEAD; else the coded error that says why and what to do.
    Reads only (no lock, no DDL)."""
    with engine.connect() as conn:
        current = _current_revision(conn)
        if current == HEAD:
            return
        names = inspect(conn).get_table_names()
    where = engine.url.database if engine.dialect.name == "sqlite" else _safe(str(engine.url))
    if current is None:
        if not names:
            raise NoDatabaseError(f"{where} holds no duixian corpus yet")
        raise NotADuixianDatabaseError(f"{where} holds tables of another program ({_few(names)}), not a duixian "
                                       "corpus")
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    known = {s.revision for s in script.walk_revisions()}
    if current not in known and "reports" not in names:
        raise NotADuixianDatabaseError(f"{where} is another program's database (schema revision {current})")
    _checked(current, HEAD, known)  # a revision this duixian does not know: DB_TOO_NEW
    raise StoreTooOldError(f"{where} has schema revision {current}, older than this duixian's {HEAD}; a command "
                           "that only reads does not upgrade it")


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


_MIGRATION_LOCK = 0x6475697869616E  # "duixian": the PostgreSQL advisory lock key of schema upgrades


# The newest migration (tests check it is alembic's head): a database already there is opened without
# importing alembic and reading every migration script, a fifth of a second of every CLI command.
HEAD = "0010"


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; refuse a database from a newer duixian.

    All of it in one transaction, so a kill leaves the schema as it was (none, or the old revision) or
    complete: SQLite and PostgreSQL both roll DDL back. Concurrent first runs are serialised (SQLite's
    write lock, taken at BEGIN IMMEDIATE; a PostgreSQL advisory lock) and the revision is read only once
    the lock is held, so the second run finds the schema the first one made and does nothing."""
    with engine.connect() as conn:  # the usual case, up to date: no write lock (a read-only file works)
        if _current_revision(conn) == HEAD:
            return
    from alembic import command
    from alembic.script import ScriptDirectory

    with engine.connect() as conn:
        cfg = _alembic_config(conn)
        script = ScriptDirectory.from_config(cfg)
        head = script.get_current_head()
        known = {s.revision for s in script.walk_revisions()}
        if _checked(_current_revision(conn), head, known) == head:
            return
    with begin_write(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        if _checked(_current_revision(conn), head, known) != head:  # another run may have just done it
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")


def _checked(current: str | None, head: str | None, known: set[str]) -> str | None:
    if current is not None and current not in known:
        raise StoreVersionError(f"schema revision {current} is unknown (this duixian knows up to {head})")
    return current


def _current_revision(conn) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _current_revision(conn)
