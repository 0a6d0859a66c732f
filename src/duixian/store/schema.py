"""The corpus tables: plain rows that Datasette, pandas or DuckDB can read without duixian.

Every record table repeats the grounding columns (quote, clean span, raw span) so a row can be
checked against ``reports.clean_text`` on its own.  Numbers are stored as written (value + unit).
The schema is created and changed only through the Alembic migrations next to this file.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData()


def _grounding() -> list[Column]:
    return [
        Column("quote", Text, nullable=False),
        Column("span_start", Integer, nullable=False),
        Column("span_end", Integer, nullable=False),
        Column("raw_start", Integer, nullable=False),
        Column("raw_end", Integer, nullable=False),
        Column("section", String(16)),
    ]


def _record_table(name: str, *columns: Column) -> Table:
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
        Column("record_id", String(32), nullable=False),  # the extractor's stable id within the report
        *columns,
        *_grounding(),
    )


region_years = Table(
    "region_years",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # admin code when known, else the full name, else the short name: one key per real region
    Column("region_key", String(128), nullable=False),
    Column("region", String(64)),
    Column("region_full", String(128)),
    Column("admin_code", String(12)),
    Column("level", String(16)),
    Column("year", Integer),
    UniqueConstraint("region_key", "year", name="uq_region_year"),
)

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # SHA-256 of the document the report's records were read from (its first source's file; for a row of a
    # multi-report CSV, of that row's field): record ids hash it, so it never changes once stored
    Column("sha256", String(64), nullable=False, unique=True),
    # identity: SHA-256 of the clean text with all whitespace removed (rows.fingerprint). Not a unique index
    # because databases from before migration 0003 may hold the same text twice; the writer keeps it unique.
    Column("fingerprint", String(64), index=True),
    Column("path", Text, nullable=False),
    Column("format", String(8)),
    Column("encoding", String(32)),
    Column("script", String(16)),
    Column("chars", Integer),
    Column("region", String(64), index=True),
    Column("region_full", String(128)),
    Column("admin_code", String(12)),
    Column("level", String(16)),
    Column("report_year", Integer, index=True),
    Column("review_year", Integer),
    Column("date", String(10)),
    Column("meeting", Text),
    Column("speaker", String(64)),
    Column("speaker_title", String(64)),
    Column("doc_type", String(16)),
    Column("title", Text),
    Column("region_year_id", Integer, ForeignKey("region_years.id"), index=True),
    Column("extractors", Text),  # JSON: extractor name → version that produced the rows
    # record counts written in the same transaction as the records: a check that a report is whole
    Column("n_targets", Integer, nullable=False, default=0),
    Column("n_actuals", Integer, nullable=False, default=0),
    Column("n_pledges", Integer, nullable=False, default=0),
    Column("n_projects", Integer, nullable=False, default=0),
    Column("n_glossary", Integer, nullable=False, default=0),
    Column("ingested_at", String(32)),
    Column("clean_text", Text, nullable=False),
    # the raw text, deflated against clean_text (store/rawpack.py; migration 0007): read with
    # query.raw_text. Not NULL on PostgreSQL; SQLite cannot add that constraint to a column, the writer keeps it.
    Column("raw_z", LargeBinary),
)

sections = Table(
    "sections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("section_id", String(16), nullable=False),
    Column("number", String(16)),
    Column("title", Text),
    Column("role", String(16)),
    Column("level", Integer),
    Column("parent", String(16)),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("raw_start", Integer, nullable=False),
    Column("raw_end", Integer, nullable=False),
)

targets = _record_table(
    "targets",
    Column("metric", String(128), index=True),
    Column("metric_raw", Text),
    Column("kind", String(16)),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("unit", String(32)),
    Column("qualifier", String(16)),
    Column("year", Integer),
)

actuals = _record_table(
    "actuals",
    Column("metric", String(128), index=True),
    Column("metric_raw", Text),
    Column("year", Integer),
    Column("value", Float),
    Column("unit", String(32)),
    Column("growth_pct", Float),
    Column("rank", String(64)),
)

pledges = _record_table(
    "pledges",
    Column("category", String(16)),
    Column("text", Text),
    Column("quantities", Text),  # JSON list of {value, unit, object}
    Column("deadline", String(10)),
    Column("deadline_raw", String(32)),
)

projects = _record_table(
    "projects",
    Column("name", Text),
    Column("investment", Float),
    Column("unit", String(16)),
    Column("status", String(16)),
)

glossary = _record_table(
    "glossary",
    Column("term", String(128)),
    Column("definition", Text),
)

# Room for the 兑现 verdicts (tracking issue): one row per plan item judged against a review report.
verdicts = Table(
    "verdicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("review_report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True),
    Column("item_kind", String(16), nullable=False),  # target | pledge
    Column("item_record_id", String(32), nullable=False),
    Column("category", String(16)),
    Column("item_quote", Text),
    Column("item_start", Integer),
    Column("item_end", Integer),
    Column("item_raw_start", Integer),
    Column("item_raw_end", Integer),
    Column("status", String(16), nullable=False),
    Column("reason", Text),
    Column("confidence", Float),
    Column("evidence_quote", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("evidence_raw_start", Integer),
    Column("evidence_raw_end", Integer),
    Column("evidence_direct", Integer),  # 1: the review reports it; 0: only the next plan pledges it again
    Column("evidence_json", Text),  # every evidence sentence, as in the track contract
    Column("tolerance", Float),
    Column("created_at", String(32)),
    # 1 when the plan or review report was re-extracted with different results after the rating: the verdict
    # is kept (it was true of the old records) but should be re-rated with `duixian track`
    Column("stale", Integer, nullable=False, default=0, server_default="0"),
    Column("stale_reason", Text),
)

# Every file (or CSV row) a report was read from. A report is one text; its copies (another encoding, a
# .docx of the same text, another website's page) are sources of the same report, not new reports.
sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("path", Text, nullable=False),
    Column("sha256", String(64), nullable=False),  # of the file's bytes: ingest skips files it has seen
    Column("part", Integer, nullable=False, default=0, server_default="0"),  # 0: whole file; n: CSV data row n
    Column("format", String(8)),
    Column("encoding", String(32)),
    Column("url", Text),  # where the text came from, when the input says (a CSV's url column)
    Column("publish_date", String(32)),
    Column("title", Text),
    Column("added_at", String(32)),
    # the path's file name (migration 0006), indexed: finding a report by its file name or stem is an index
    # lookup, not a LIKE over every path
    Column("name", Text),
    UniqueConstraint("sha256", "part", name="uq_sources_file_part"),
)

# Paragraphs, the unit of full-text search; the index itself is backend-specific (see search.py). A passage is
# its span of the report's clean text (migration 0007): the view ``passages`` (not in this metadata) has the
# same rows with their ``text`` sliced from ``reports.clean_text``, for SQL users and Datasette. Ids are the
# search indexes' rowids.
passage_spans = Table(
    "passage_spans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("section", String(16)),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)
passages = passage_spans  # the table the passages are written to (the name code used before 0007)


def passage_text(p: str = "p", r: str = "r") -> str:
    """SQL for a passage's text: alias ``p`` of passage_spans, ``r`` of its report (substr counts characters
    from 1 on SQLite and PostgreSQL alike)."""
    return f"substr({r}.clean_text, {p}.span_start + 1, {p}.span_end - {p}.span_start)"

Index("ix_reports_region_year", reports.c.region, reports.c.report_year)
# Migration 0006: lookups that must not scan the reports table (its rows hold the texts, so a scan reads the
# whole corpus). A report by path; a region by name, full name or admin code, and "inside" a region
# (region_full LIKE) by scanning this small index; the overview's region × year cells and the corpus totals
# from its index alone.
Index("ix_reports_path", reports.c.path)
Index("ix_reports_place", reports.c.region_full, reports.c.region, reports.c.admin_code)
Index("ix_reports_overview", func.coalesce(reports.c.region, reports.c.region_full), reports.c.report_year,
      reports.c.level, reports.c.doc_type, reports.c.review_year, reports.c.region_full, reports.c.n_targets,
      reports.c.n_actuals, reports.c.n_pledges, reports.c.n_projects, reports.c.n_glossary)
Index("ix_sources_path", sources.c.path)
Index("ix_sources_name", sources.c.name)
Index("ix_verdicts_pair", verdicts.c.plan_report_id, verdicts.c.review_report_id)
Index("ix_passages_report_id", passage_spans.c.report_id)  # its name from before the table was renamed (0007)
# Migration 0007: the panel counts its rows from these alone
Index("ix_targets_cover", targets.c.metric, targets.c.report_id, targets.c.year)
Index("ix_actuals_cover", actuals.c.metric, actuals.c.report_id, actuals.c.year)
# Migration 0009: the levels present, one index lookup each (query.levels), and a level's reports in the
# lists' order (a level filter then reads them in order, without a sort; the overview's name from it alone) …
Index("ix_reports_level", reports.c.level, reports.c.region, reports.c.report_year, reports.c.id, reports.c.doc_type,
      reports.c.region_full)
# … and the workspace picker's order and filters, so its OFFSET steps over index entries, not rows
Index("ix_reports_picker", reports.c.region, reports.c.report_year, reports.c.id, reports.c.doc_type,
      reports.c.level)

RECORD_TABLES = {"targets": targets, "actuals": actuals, "pledges": pledges, "projects": projects, "glossary": glossary}
