"""Verdicts carry their plan item (quote, spans, category) and every evidence sentence, so a 成绩单 can be
read from the verdicts table alone.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 09:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_COLUMNS = [
    ("category", sa.String(length=16)),
    ("item_quote", sa.Text()),
    ("item_start", sa.Integer()),
    ("item_end", sa.Integer()),
    ("item_raw_start", sa.Integer()),
    ("item_raw_end", sa.Integer()),
    ("evidence_direct", sa.Integer()),
    ("evidence_json", sa.Text()),
    ("tolerance", sa.Float()),
]


def upgrade() -> None:
    with op.batch_alter_table("verdicts") as batch:
        for name, type_ in _COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))  # type: ignore[arg-type]  # SQLAlchemy types
    op.create_index("ix_verdicts_pair", "verdicts", ["plan_report_id", "review_report_id"])


def downgrade() -> None:
    op.drop_index("ix_verdicts_pair", table_name="verdicts")
    with op.batch_alter_table("verdicts") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
