"""One report, one row: reports get a clean-text fingerprint, the files they were read from move to a
``sources`` table, and verdicts can be marked stale instead of being dropped when a report is re-extracted.

Existing data is kept: every report gets its fingerprint computed from its stored clean text and one
source row from its own path, hash, format and encoding.  Reports that already share a fingerprint (the
same text ingested from two files before this revision) are left as they are; ``duixian reports
--duplicates`` lists them so a user can ``duixian delete`` the one they do not want.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 10:00:00
"""

from __future__ import annotations

import hashlib
import re

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_WS = re.compile(r"\s+")
_CHUNK = 200  # reports read per query while backfilling: clean texts are 10–40k characters each


def _fingerprint(clean_text: str) -> str:
    # frozen copy of duixian.store.rows.fingerprint as of this revision (a migration must not change
    # meaning when the library does); tests check the two agree
    return hashlib.sha256(_WS.sub("", clean_text).encode("utf-8")).hexdigest()


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("part", sa.Integer(), server_default="0", nullable=False),
        sa.Column("format", sa.String(length=8), nullable=True),
        sa.Column("encoding", sa.String(length=32), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("publish_date", sa.String(length=32), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("added_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sha256", "part", name="uq_sources_file_part"),
    )
    op.create_index("ix_sources_report_id", "sources", ["report_id"])
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("fingerprint", sa.String(length=64), nullable=True))
    op.create_index("ix_reports_fingerprint", "reports", ["fingerprint"])
    with op.batch_alter_table("verdicts") as batch:
        batch.add_column(sa.Column("stale", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("stale_reason", sa.Text(), nullable=True))

    conn = op.get_bind()
    reports = sa.table("reports", sa.column("id", sa.Integer), sa.column("clean_text", sa.Text),
                       sa.column("fingerprint", sa.String), sa.column("path", sa.Text),
                       sa.column("sha256", sa.String), sa.column("format", sa.String),
                       sa.column("encoding", sa.String), sa.column("ingested_at", sa.String))
    sources = sa.table("sources", sa.column("report_id", sa.Integer), sa.column("path", sa.Text),
                       sa.column("sha256", sa.String), sa.column("part", sa.Integer),
                       sa.column("format", sa.String), sa.column("encoding", sa.String),
                       sa.column("added_at", sa.String))
    last = 0
    while True:  # keyset pages, so a large corpus is never loaded whole
        rows = conn.execute(sa.select(reports).where(reports.c.id > last).order_by(reports.c.id).limit(_CHUNK)).all()
        if not rows:
            break
        for r in rows:
            conn.execute(sa.update(reports).where(reports.c.id == r.id).values(fingerprint=_fingerprint(r.clean_text)))
        conn.execute(sa.insert(sources), [
            {"report_id": r.id, "path": r.path, "sha256": r.sha256, "part": 0, "format": r.format,
             "encoding": r.encoding, "added_at": r.ingested_at} for r in rows])
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("verdicts") as batch:
        batch.drop_column("stale_reason")
        batch.drop_column("stale")
    op.drop_index("ix_reports_fingerprint", table_name="reports")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("fingerprint")
    op.drop_index("ix_sources_report_id", table_name="sources")
    op.drop_table("sources")
