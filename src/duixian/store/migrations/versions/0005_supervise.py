"""The supervision workspace's tables (accounts, workspaces, tasks, progress entries, audit log).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 09:10:00
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in with the workspace (issue 17); an empty step keeps the chain 0004 → 0005 → 0006 linear
    # while the workspace and the corpus-scale work are built side by side.
    pass


def downgrade() -> None:
    pass
