"""The corpus database — the only package that talks to it (SQLAlchemy 2; SQLite or PostgreSQL)."""

from duixian.store.db import open_engine, resolve_url
from duixian.store.rows import ReportRows, file_rows, to_rows
from duixian.store.write import StoreOutcome, store_batch, store_report, stored_hashes

__all__ = ["ReportRows", "StoreOutcome", "file_rows", "open_engine", "resolve_url", "store_batch", "store_report",
           "stored_hashes", "to_rows"]
