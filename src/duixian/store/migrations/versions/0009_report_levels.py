"""An index on ``reports.level``: the list of levels present (the web's filter menus) in a few index lookups.

``query.levels`` took the distinct levels by scanning the overview index, every report's entry, on every
overview and picker page (16 ms at 60,000 reports). With this index it asks for the smallest level, then the
smallest after it, and so on: one index lookup per level present (six at most), the same at any corpus
size. Only an index is added, so the downgrade drops it and loses nothing.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 17:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_reports_level", "reports", ["level"])


def downgrade() -> None:
    op.drop_index("ix_reports_level", table_name="reports")
