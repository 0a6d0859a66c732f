"""Initial schema: reports, region-years, sections, the five record kinds, verdicts, passages and
the full-text index (FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL; see store/search.py).

Revision ID: 0001
Revises:
Create Date: 2026-11-21 12:05:31.135688
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "region_years",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region_key", sa.String(length=128), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("region_full", sa.String(length=128), nullable=True),
        sa.Column("admin_code", sa.String(length=12), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("region_key", "year", name="uq_region_year"),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=True),
        sa.Column("encoding", sa.String(length=32), nullable=True),
        sa.Column("script", sa.String(length=16), nullable=True),
        sa.Column("chars", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("region_full", sa.String(length=128), nullable=True),
        sa.Column("admin_code", sa.String(length=12), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("report_year", sa.Integer(), nullable=True),
        sa.Column("review_year", sa.Integer(), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("meeting", sa.Text(), nullable=True),
        sa.Column("speaker", sa.String(length=64), nullable=True),
        sa.Column("speaker_title", sa.String(length=64), nullable=True),
        sa.Column("doc_type", sa.String(length=16), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("region_year_id", sa.Integer(), nullable=True),
        sa.Column("extractors", sa.Text(), nullable=True),
        sa.Column("n_targets", sa.Integer(), nullable=False),
        sa.Column("n_actuals", sa.Integer(), nullable=False),
        sa.Column("n_pledges", sa.Integer(), nullable=False),
        sa.Column("n_projects", sa.Integer(), nullable=False),
        sa.Column("n_glossary", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.String(length=32), nullable=True),
        sa.Column("clean_text", sa.Text(), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_year_id"],
            ["region_years.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sha256"),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_region"), ["region"], unique=False)
        batch_op.create_index("ix_reports_region_year", ["region", "report_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_region_year_id"), ["region_year_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_report_year"), ["report_year"], unique=False)

    op.create_table(
        "actuals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=32), nullable=False),
        sa.Column("metric", sa.String(length=128), nullable=True),
        sa.Column("metric_raw", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("growth_pct", sa.Float(), nullable=True),
        sa.Column("rank", sa.String(length=64), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("raw_start", sa.Integer(), nullable=False),
        sa.Column("raw_end", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("actuals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actuals_metric"), ["metric"], unique=False)
        batch_op.create_index(batch_op.f("ix_actuals_report_id"), ["report_id"], unique=False)

    op.create_table(
        "glossary",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=32), nullable=False),
        sa.Column("term", sa.String(length=128), nullable=True),
        sa.Column("definition", sa.Text(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("raw_start", sa.Integer(), nullable=False),
        sa.Column("raw_end", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("glossary", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_glossary_report_id"), ["report_id"], unique=False)

    op.create_table(
        "passages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("passages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_passages_report_id"), ["report_id"], unique=False)

    op.create_table(
        "pledges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("quantities", sa.Text(), nullable=True),
        sa.Column("deadline", sa.String(length=10), nullable=True),
        sa.Column("deadline_raw", sa.String(length=32), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("raw_start", sa.Integer(), nullable=False),
        sa.Column("raw_end", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pledges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pledges_report_id"), ["report_id"], unique=False)

    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("investment", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("raw_start", sa.Integer(), nullable=False),
        sa.Column("raw_end", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_projects_report_id"), ["report_id"], unique=False)

    op.create_table(
        "sections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.String(length=16), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("parent", sa.String(length=16), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("raw_start", sa.Integer(), nullable=False),
        sa.Column("raw_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sections_report_id"), ["report_id"], unique=False)

    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=32), nullable=False),
        sa.Column("metric", sa.String(length=128), nullable=True),
        sa.Column("metric_raw", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("raw_start", sa.Integer(), nullable=False),
        sa.Column("raw_end", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_targets_metric"), ["metric"], unique=False)
        batch_op.create_index(batch_op.f("ix_targets_report_id"), ["report_id"], unique=False)

    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_report_id", sa.Integer(), nullable=False),
        sa.Column("review_report_id", sa.Integer(), nullable=True),
        sa.Column("item_kind", sa.String(length=16), nullable=False),
        sa.Column("item_record_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("evidence_quote", sa.Text(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("evidence_raw_start", sa.Integer(), nullable=True),
        sa.Column("evidence_raw_end", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["plan_report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["review_report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("verdicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verdicts_plan_report_id"), ["plan_report_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_verdicts_review_report_id"), ["review_report_id"], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE passages_fts USING fts5(grams, tokenize='unicode61')")
    elif bind.dialect.name == "postgresql":
        op.add_column("passages", sa.Column("grams", postgresql.TSVECTOR()))
        op.create_index("ix_passages_grams", "passages", ["grams"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS passages_fts")
    with op.batch_alter_table("verdicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verdicts_review_report_id"))
        batch_op.drop_index(batch_op.f("ix_verdicts_plan_report_id"))

    op.drop_table("verdicts")
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_targets_report_id"))
        batch_op.drop_index(batch_op.f("ix_targets_metric"))

    op.drop_table("targets")
    with op.batch_alter_table("sections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sections_report_id"))

    op.drop_table("sections")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_projects_report_id"))

    op.drop_table("projects")
    with op.batch_alter_table("pledges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pledges_report_id"))

    op.drop_table("pledges")
    with op.batch_alter_table("passages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passages_report_id"))

    op.drop_table("passages")
    with op.batch_alter_table("glossary", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_glossary_report_id"))

    op.drop_table("glossary")
    with op.batch_alter_table("actuals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actuals_report_id"))
        batch_op.drop_index(batch_op.f("ix_actuals_metric"))

    op.drop_table("actuals")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_report_year"))
        batch_op.drop_index(batch_op.f("ix_reports_region_year_id"))
        batch_op.drop_index("ix_reports_region_year")
        batch_op.drop_index(batch_op.f("ix_reports_region"))

    op.drop_table("reports")
    op.drop_table("region_years")
