"""The supervision workspace's tables (accounts, sessions, workspaces, tasks, unit assignments, progress entries,
evidence files, published 通报 and the audit log).

All of them start with ``ws_`` so they never collide with the corpus tables, and nothing of the corpus changes:
a workspace points at its stored report. The columns are written out here rather than imported from
``duixian.supervise.store`` so the migration keeps meaning what it meant when the library changes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 09:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TABLES = ("ws_audit", "ws_notices", "ws_evidence", "ws_progress", "ws_assignments", "ws_tasks", "ws_workspaces",
           "ws_sessions", "ws_users")  # children first, for the downgrade


def upgrade() -> None:
    op.create_table(
        "ws_users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(8), nullable=False),  # office | unit | viewer
        sa.Column("unit", sa.String(64)),  # the one unit a unit user acts for
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("active", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "ws_sessions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        # SHA-256 of the cookie's token: a copy of the table does not let anyone sign in
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("ws_users.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "ws_workspaces",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("start", sa.String(10), nullable=False),  # the schedule's day 0 (ISO)
        sa.Column("public", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "ws_tasks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("ws_workspaces.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("task_id", sa.String(64), nullable=False),  # Task.id, stable across runs
        sa.Column("seq", sa.Integer, nullable=False),  # the table's order
        sa.Column("number", sa.String(64)),
        sa.Column("path", sa.Text),  # JSON list of headings
        sa.Column("kind", sa.String(16)),
        sa.Column("category", sa.String(32)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("raw_start", sa.Integer, nullable=False),
        sa.Column("raw_end", sa.Integer, nullable=False),
        sa.Column("quantities", sa.Text),  # JSON
        sa.Column("deadline", sa.String(10)),
        sa.Column("deadline_default", sa.Integer, nullable=False, server_default="0"),
        sa.Column("deadline_raw", sa.String(64)),
        sa.Column("units_suggested", sa.Integer, nullable=False, server_default="0"),
        sa.Column("record_id", sa.String(64)),
        sa.Column("confidence", sa.Float),
        sa.Column("basis", sa.Text),
        sa.Column("override_status", sa.String(8)),
        sa.Column("override_reason", sa.Text),
        sa.Column("override_by", sa.String(64)),
        sa.Column("override_at", sa.String(32)),
        sa.UniqueConstraint("workspace_id", "task_id", name="uq_ws_task"),
    )
    op.create_table(
        "ws_assignments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_pk", sa.Integer, sa.ForeignKey("ws_tasks.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("unit", sa.String(64), nullable=False, index=True),
        sa.Column("role", sa.String(8), nullable=False),  # lead | partner
        sa.Column("seq", sa.Integer, nullable=False),
        sa.UniqueConstraint("task_pk", "unit", name="uq_ws_assignment"),
    )
    op.create_table(
        "ws_progress",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_pk", sa.Integer, sa.ForeignKey("ws_tasks.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("percent", sa.Float, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("proposed_status", sa.String(8)),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("unit", sa.String(64)),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "ws_evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("progress_id", sa.Integer, sa.ForeignKey("ws_progress.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("stored_name", sa.String(80), nullable=False, unique=True),  # server-chosen; never the client's
        sa.Column("original_name", sa.Text, nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
    )
    op.create_table(
        "ws_notices",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("ws_workspaces.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("as_of", sa.String(10), nullable=False),
        sa.Column("counts", sa.Text, nullable=False),  # JSON: status → number of tasks
        sa.Column("html", sa.Text, nullable=False),
        sa.Column("docx", sa.LargeBinary, nullable=False),
        sa.Column("published_by", sa.String(64), nullable=False),
        sa.Column("published_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "ws_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64)),  # None: an anonymous attempt (a failed login names the account tried)
        sa.Column("action", sa.String(32), nullable=False, index=True),
        sa.Column("object_type", sa.String(16)),
        sa.Column("object_id", sa.String(64)),
        sa.Column("field", sa.String(32)),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
        sa.Column("workspace_id", sa.Integer, index=True),
        sa.Column("ip", sa.String(64)),
    )


def downgrade() -> None:
    for name in _TABLES:
        op.drop_table(name)
