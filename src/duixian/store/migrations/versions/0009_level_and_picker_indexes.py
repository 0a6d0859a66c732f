"""Two indexes on ``reports`` for pages the web app shows at any corpus size.

- ``ix_reports_level`` on (level, region, report_year, id, doc_type, region_full): the list of levels
  present (the filter menus) in a few index lookups. ``query.levels`` took the distinct levels by scanning the overview index,
  every report's entry, on every overview and picker page (16 ms at 60,000 reports). With this index it asks
  for the smallest level, then the smallest after it, and so on: one lookup per level present (six at most).
  The columns after ``level`` are the report list's and the picker's order and the picker's type filter: an
  index on ``level`` alone is what both databases pick for a ``level = ?`` filter, and the list then read
  every report of that level from the table and sorted them (the 50 reports at offset 1,000 of the counties,
  at 10,000 reports: 4.5 → 27 ms); with them, those pages are read in order from the index. ``region_full``
  completes the overview's name (coalesce(region, region_full)) for the overview's level filter.
- ``ix_reports_picker`` on (region, report_year, id, doc_type, level): the workspace picker's order and
  filters. A picker page is found by stepping over the rows before it (OFFSET); through this index the
  database steps over index entries, not table rows (each a page of its own, the texts beside it), and
  then reads the page's 50 rows by id (web/workspace/picker.py).

Only indexes are added, so the downgrade drops them and loses nothing.

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
    op.create_index("ix_reports_level", "reports", ["level", "region", "report_year", "id", "doc_type", "region_full"])
    op.create_index("ix_reports_picker", "reports", ["region", "report_year", "id", "doc_type", "level"])


def downgrade() -> None:
    op.drop_index("ix_reports_picker", table_name="reports")
    op.drop_index("ix_reports_level", table_name="reports")
