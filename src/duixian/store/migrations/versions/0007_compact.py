"""A smaller corpus: passages without their own text, the raw text compressed, the panel's lookups covered.

- ``passages`` becomes the table ``passage_spans`` (id, report_id, section, span_start, span_end; on
  PostgreSQL also the ``grams`` tsvector) and a view ``passages`` with the same columns as before, ``text``
  being the report's clean text sliced by the span (``substr`` counts characters on both backends). A
  passage's text was the clean text again, in pieces: 30 KB of every report's 140. Ids are kept, so the
  search indexes (rowid = passage id) stay valid. ``passages_v`` (0004) is made again over the new table.
- ``reports.raw_text`` becomes ``reports.raw_z``: the raw text deflated with the clean text as the preset
  dictionary (store/rawpack.py; a frozen copy of its ``pack`` is below). The clean text stays plain: SQL
  slices it, and records quote it.
- ``targets`` and ``actuals`` get an index on (metric, report_id, year): the panel's row count reads it
  alone instead of every record row.

SQLite keeps the freed pages in the file until ``VACUUM`` (``duixian store vacuum`` is not a command: run
``sqlite3 FILE 'VACUUM'``); PostgreSQL reuses the space of dropped columns only after ``VACUUM FULL``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 12:00:00
"""

from __future__ import annotations

import struct
import zlib

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_CHUNK = 200  # reports (two texts each) read per query while converting the raw texts

_REPORT = ("r.region", "r.region_full", "r.admin_code", "r.level", "r.report_year", "r.review_year", "r.doc_type")
_TEXT = "substr(r.clean_text, x.span_start + 1, x.span_end - x.span_start)"
_COVER = {"targets": "ix_targets_cover", "actuals": "ix_actuals_cover"}


# frozen copy of duixian.store.rawpack (format 1) as of this revision; tests check the two agree
def _dictionary(clean: bytes, offset: int, raw_len: int) -> bytes:
    if not clean:
        return b""
    at = offset * len(clean) // max(raw_len, 1)
    start = max(0, min(at - 32768 // 4, len(clean) - 32768))
    return clean[start: start + 32768]


def _pack(raw: str, clean: str) -> bytes:
    data, ref = raw.encode("utf-8"), clean.encode("utf-8")
    out = [b"\x01", struct.pack(">I", len(data))]
    for off in range(0, len(data), 16384):
        zdict = _dictionary(ref, off, len(data))
        co = zlib.compressobj(6, zdict=zdict) if zdict else zlib.compressobj(6)
        z = co.compress(data[off: off + 16384]) + co.flush()
        out += [struct.pack(">I", len(z)), z]
    return b"".join(out)


def _unpack(blob: bytes, clean: str) -> str:
    blob = bytes(blob)
    (n,) = struct.unpack_from(">I", blob, 1)
    ref, parts, pos = clean.encode("utf-8"), [], 5
    for off in range(0, n, 16384):
        (size,) = struct.unpack_from(">I", blob, pos)
        zdict = _dictionary(ref, off, n)
        do = zlib.decompressobj(zdict=zdict) if zdict else zlib.decompressobj()
        parts.append(do.decompress(blob[pos + 4: pos + 4 + size]) + do.flush())
        pos += 4 + size
    return b"".join(parts).decode("utf-8")


def _passages_view(table: str, with_text: bool) -> dict[str, str]:
    report = ", ".join(_REPORT)
    text = _TEXT if not with_text else "x.text"
    out = {}
    if not with_text:
        out["passages"] = (f"SELECT x.id, x.report_id, x.section, x.span_start, x.span_end, {text} AS text "
                           f"FROM {table} x JOIN reports r ON r.id = x.report_id")
    out["passages_v"] = (f"SELECT x.id, x.report_id, {report}, x.section, x.span_start, x.span_end, {text} AS text "
                         f"FROM {table} x JOIN reports r ON r.id = x.report_id")
    return out


def _convert(conn: sa.Connection, src: str, dst: str, fn) -> None:
    """Fill reports.dst from reports.src and the clean text, a page of reports at a time."""
    rep = sa.table("reports", sa.column("id", sa.Integer), sa.column("clean_text", sa.Text),
                   sa.column(src), sa.column(dst))
    last = 0
    while True:  # keyset pages, so a large corpus is never loaded whole
        rows = conn.execute(sa.select(rep.c.id, rep.c[src], rep.c.clean_text).where(rep.c.id > last)
                            .order_by(rep.c.id).limit(_CHUNK)).all()
        if not rows:
            return
        conn.execute(sa.update(rep).where(rep.c.id == sa.bindparam("rid")).values({dst: sa.bindparam("v")}),
                     [{"rid": i, "v": fn(v, clean)} for i, v, clean in rows])
        last = rows[-1].id


def upgrade() -> None:
    conn = op.get_bind()
    op.execute("DROP VIEW passages_v")
    op.execute("ALTER TABLE passages RENAME TO passage_spans")
    op.execute("ALTER TABLE passage_spans DROP COLUMN text")
    for name, sql in _passages_view("passage_spans", with_text=False).items():
        op.execute(f"CREATE VIEW {name} AS {sql}")
    op.add_column("reports", sa.Column("raw_z", sa.LargeBinary(), nullable=True))
    _convert(conn, "raw_text", "raw_z", _pack)
    op.execute("ALTER TABLE reports DROP COLUMN raw_text")
    if conn.dialect.name == "postgresql":
        op.execute("ALTER TABLE reports ALTER COLUMN raw_z SET NOT NULL")
    for table, name in _COVER.items():
        op.create_index(name, table, ["metric", "report_id", "year"])


def downgrade() -> None:
    conn = op.get_bind()
    for table, name in _COVER.items():
        op.drop_index(name, table_name=table)
    op.add_column("reports", sa.Column("raw_text", sa.Text(), nullable=False, server_default=""))
    _convert(conn, "raw_z", "raw_text", _unpack)
    op.execute("ALTER TABLE reports DROP COLUMN raw_z")
    if conn.dialect.name == "postgresql":  # 0001's columns have no default (SQLite cannot drop one)
        op.execute("ALTER TABLE reports ALTER COLUMN raw_text DROP DEFAULT")
    op.execute("DROP VIEW passages_v")
    op.execute("DROP VIEW passages")
    op.execute("ALTER TABLE passage_spans RENAME TO passages")
    op.add_column("passages", sa.Column("text", sa.Text(), nullable=False, server_default=""))
    op.execute("UPDATE passages SET text = (SELECT substr(r.clean_text, passages.span_start + 1, "
               "passages.span_end - passages.span_start) FROM reports r WHERE r.id = passages.report_id)")
    if conn.dialect.name == "postgresql":
        op.execute("ALTER TABLE passages ALTER COLUMN text DROP DEFAULT")
    for name, sql in _passages_view("passages", with_text=True).items():
        op.execute(f"CREATE VIEW {name} AS {sql}")
