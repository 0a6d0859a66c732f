"""The corpus database — the only package that talks to it (SQLAlchemy 2; SQLite or PostgreSQL)."""

from duixian.store.db import open_engine, resolve_url
from duixian.store.rows import ReportRows, to_rows
from duixian.store.write import store_report, stored_hashes

__all__ = ["ReportRows", "open_engine", "resolve_url", "store_report", "stored_hashes", "to_rows"]
