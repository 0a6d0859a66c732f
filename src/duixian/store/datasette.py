"""Publishing a corpus with Datasette: the ``metadata.json`` that ties each table to its search index and
offers region/year facets, and the small plugin that makes ``?_search=`` read Chinese (datasette_plugin.py).

Datasette finds a table's full-text index only by its own conventions (an FTS table whose ``content=`` names
the table) or through ``fts_table``/``fts_pk`` in the metadata. duixian's indexes hold bigram tokens keyed by
row id, outside those conventions, so the metadata names them; without that Datasette ignored ``_search`` and
listed every row. The ``*_v`` views (migration 0004) carry the report's region and year on every record row,
so they are what the metadata suggests facets on.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, inspect, select

from duixian.outfile import write_atomic
from duixian.store import schema as t

PLUGIN_FILE = "duixian_datasette.py"
# searchable table → its index (rowid = the table's id); the views share their table's index
SEARCH = {"passages": "passages_fts", **{k: f"{k}_fts" for k in ("targets", "actuals", "pledges", "projects", "glossary")}}
VIEWS = {f"{k}_v": k for k in (*SEARCH, "verdicts")}
REPORT_COLUMNS = ("region", "region_full", "admin_code", "level", "report_year", "review_year", "doc_type")
FACETS = {
    "reports": ["region", "report_year", "level", "doc_type"],
    "passages_v": ["region", "report_year", "section"],
    "targets_v": ["region", "report_year", "metric", "kind"],
    "actuals_v": ["region", "report_year", "metric"],
    "pledges_v": ["region", "report_year", "category"],
    "projects_v": ["region", "report_year", "status"],
    "glossary_v": ["region", "report_year"],
    "verdicts_v": ["region", "report_year", "status", "item_kind"],
}
DESCRIPTIONS = {
    "reports": "One row per distinct report text: metadata, clean and raw text, record counts.",
    "passages": "Paragraphs of every report, the unit of full-text search (?_search=安置房).",
    "targets": "Numeric targets of the plan (指标), each with its exact quote and span in reports.clean_text.",
    "actuals": "Reported figures of the year under review, each with its quote and span.",
    "pledges": "Commitments (民生实事, 项目, 重点工作) with their quantities and deadlines.",
    "projects": "Named projects with investment and stage.",
    "glossary": "Terms and slogans the report defines (名词解释).",
    "verdicts": "兑现 verdicts: each plan item rated against the next report's review.",
    "sources": "Every file (or CSV row) a report was read from.",
    "sections": "The section tree of each report, as spans of its clean text.",
    "region_years": "One row per region and year; a report and a news piece on it share one.",
}
HIDDEN = ("alembic_version", "passage_chars", *SEARCH.values())  # passage_chars: the one-character index


def _label(table: str, column: str) -> str | None:
    """The codebook's meaning of a column (the export's labels), or None when it has none."""
    from duixian.export import label

    base = VIEWS.get(table, table)
    if table in VIEWS and column in REPORT_COLUMNS:
        meaning = label("reports", column)
        if base == "verdicts":
            meaning = f"{meaning} (of the plan report)"
    elif table == "verdicts_v" and column == "review_report_year":
        meaning = "year of the review report used as evidence"
    else:
        meaning = label(base, column)
    return None if meaning == column else meaning


def metadata(engine: Engine, database: str) -> dict[str, Any]:
    """Datasette metadata for a duixian SQLite database served under the name ``database`` (the file stem)."""
    with engine.connect() as conn:
        n_reports = conn.execute(select(func.count()).select_from(t.reports)).scalar_one()
        n_regions = conn.execute(select(func.count(func.distinct(t.reports.c.region)))).scalar_one()
        years = conn.execute(select(func.min(t.reports.c.report_year), func.max(t.reports.c.report_year))).one()
        insp = inspect(conn)
        # the columns as the database has them (views included), so descriptions never name a missing column
        columns = {n: [c["name"] for c in insp.get_columns(n)] for n in (*DESCRIPTIONS, *VIEWS)}
    span = f", {years[0]}–{years[1]}" if years[0] is not None else ""
    tables: dict[str, Any] = {}
    for name in (*DESCRIPTIONS, *VIEWS):
        entry: dict[str, Any] = {}
        base = VIEWS.get(name, name)
        if base in DESCRIPTIONS:
            entry["description"] = DESCRIPTIONS[base] + (
                " A view with the report's region and year on every row (facet on them)." if name in VIEWS else "")
        if base in SEARCH:
            entry.update(fts_table=SEARCH[base], fts_pk="id")
        if name in FACETS:
            entry["facets"] = FACETS[name]
        cols = {c: m for c in columns[name] if (m := _label(name, c))}
        if cols:
            entry["columns"] = cols
        if name == "reports":
            entry["label_column"] = "region"  # report_id links show the region instead of a number
        tables[name] = entry
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": "duixian corpus",
        "description": (f"Chinese government work reports (政府工作报告) read by duixian: {n_reports} reports, "
                        f"{n_regions} regions{span}. Every record quotes its source text. Search with "
                        "?_search= on passages and on the record tables (any word of two or more characters); "
                        "facet the *_v views by region and report_year."),
        "source": "duixian",
        "databases": {database: {"tables": tables, "queries": _queries()}},
    }


def _queries() -> dict[str, Any]:
    # ranked search (bm25) with the region and year of each hit: ?_search= on a table cannot rank by relevance
    return {
        "search": {
            "title": "Ranked full-text search of passages",
            "description": "Passages containing every word of q (space = AND), best first. Needs the duixian plugin.",
            "sql": ("select p.id, p.report_id, p.region, p.report_year, p.section, p.text\n"
                    "from passages_fts f join passages_v p on p.id = f.rowid\n"
                    "where passages_fts match duixian_match(:q)\n"
                    "order by f.rank limit 200"),
        },
    }


def write_plugin(directory: Path) -> Path:
    """Copy the Datasette plugin into ``directory`` (for ``datasette --plugins-dir``); its path."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / PLUGIN_FILE
    with resources.as_file(resources.files("duixian.store").joinpath("datasette_plugin.py")) as src:
        return write_atomic(target, lambda tmp: shutil.copyfile(src, tmp))
