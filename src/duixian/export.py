"""Exports for analysts: one file per table in CSV (UTF-8 with BOM), XLSX, JSONL, Parquet or Stata
.dta (version 118, Unicode, with variable labels), plus a codebook that says what each variable is.

CSV and JSONL need only the standard library; XLSX needs openpyxl, Parquet pyarrow, .dta pandas
(``pip install duixian[export]``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from duixian.errors import ExportError
from duixian.store import schema as t
from duixian.store.query import table_rows

FORMATS = ("csv", "xlsx", "jsonl", "parquet", "dta")
TABLES = ("reports", "targets", "actuals", "pledges", "projects", "glossary", "verdicts")


_GROUNDING = {
    "quote": "exact source text of the record (clean text)",
    "span_start": "start offset of quote in reports.clean_text (characters)",
    "span_end": "end offset of quote in reports.clean_text (characters)",
    "raw_start": "start offset in the original file's text (characters)",
    "raw_end": "end offset in the original file's text (characters)",
    "section": "id of the report section holding the record",
    "report_id": "reports.id of the report",
    "record_id": "stable id of the record within its report",
    "region": "region (short name) of the report",
    "admin_code": "GB/T 2260 administrative code of the region",
    "report_year": "year the report was delivered",
    "id": "row id",
}
# (label, how it was extracted) per table and variable; Stata labels are cut to 80 characters.
CODEBOOK: dict[str, dict[str, str]] = {
    "reports": {
        "sha256": "SHA-256 of the file's bytes (ingest is idempotent on it)", "path": "file path at ingest",
        "format": "txt md html docx pdf csv", "encoding": "detected text encoding", "script": "simplified or traditional",
        "chars": "characters of clean text", "region_full": "province + prefecture + region",
        "level": "province city district county", "review_year": "year the review section covers",
        "date": "delivery date (ISO)", "meeting": "the congress session as printed", "speaker": "who delivered it",
        "speaker_title": "speaker's office", "doc_type": "report or news", "title": "document title",
        "region_year_id": "region_years.id shared by documents of one region and year",
        "extractors": "JSON: extractor versions", "ingested_at": "UTC time of ingest",
        **{f"n_{k}": f"number of {k} records" for k in t.RECORD_TABLES},
    },
    "targets": {
        "metric": "canonical indicator (metric table) or the wording", "metric_raw": "indicator as written",
        "kind": "growth level cap share other", "value": "target number as written (lower bound for ranges)",
        "low": "lower bound (ranges, 确保 of dual targets)", "high": "upper bound (ranges, 力争 of dual targets)",
        "unit": "unit as written (%, 亿元 …)", "qualifier": "左右 以上 以内 以下 同步 …", "year": "plan year",
    },
    "actuals": {
        "metric": "canonical indicator (metric table) or the wording", "metric_raw": "indicator as written",
        "year": "review year", "value": "reported amount as written", "unit": "unit as written",
        "growth_pct": "growth in percent (negative for 下降)", "rank": "rank phrase, e.g. 全市第1位",
    },
    "pledges": {
        "category": "民生实事 项目 指标 重点工作", "text": "the commitment as written",
        "quantities": "JSON list of value, unit, object", "deadline": "deadline resolved to a date (ISO)",
        "deadline_raw": "deadline words as written",
    },
    "projects": {
        "name": "project name as written", "investment": "investment amount as written", "unit": "亿元 or 万元",
        "status": "签约 开工 续建 建成 投产 …",
    },
    "glossary": {"term": "defined term or slogan", "definition": "its definition as written"},
    "verdicts": {
        "plan_report_id": "report that made the pledge", "review_report_id": "report used as evidence",
        "item_kind": "target or pledge", "item_record_id": "record_id of the judged item",
        "status": "kept exceeded partial in_progress not_kept not_mentioned unverifiable redefined",
        "reason": "why, in Chinese", "confidence": "0–1", "evidence_quote": "evidence sentence",
        "evidence_start": "evidence start in the review's clean text", "evidence_end": "evidence end",
        "evidence_raw_start": "evidence start in the review's raw text", "evidence_raw_end": "evidence end (raw)",
        "created_at": "UTC time of the verdict",
    },
}


def label(table: str, column: str) -> str:
    return CODEBOOK.get(table, {}).get(column) or _GROUNDING.get(column) or column


def export(engine: Engine, fmt: str, out_dir: Path, tables: tuple[str, ...] = TABLES) -> list[Path]:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in tables:
        table = t.metadata.tables[name]
        rows = table_rows(engine, table)
        columns = list(rows[0]) if rows else _columns(table)
        path = out_dir / f"{name}.{fmt}"
        tmp = path.with_suffix(path.suffix + ".part")  # a crash never leaves a half file under the real name
        try:
            _WRITERS[fmt](tmp, name, columns, rows)
        except ImportError as exc:
            tmp.unlink(missing_ok=True)
            raise ExportError(f"{fmt} export needs {exc.name}") from exc
        tmp.replace(path)
        written.append(path)
    written.append(write_codebook(out_dir, tables))
    return written


def _columns(table) -> list[str]:
    cols = [c.name for c in table.c if c.name not in ("clean_text", "raw_text")]
    return ["region", "admin_code", "report_year", *cols] if "report_id" in table.c and table.name != "verdicts" else cols


def _csv(path: Path, _name: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel on Chinese Windows reads UTF-8
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)


def _jsonl(path: Path, _name: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n")


def _xlsx(path: Path, name: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(name)
    ws.append(columns)
    for r in rows:
        ws.append([_xlsx_safe(r.get(c)) for c in columns])
    wb.save(path)


def _xlsx_safe(v: Any) -> Any:
    if isinstance(v, str):
        v = "".join(ch for ch in v if ch in "\t\n\r" or ord(ch) >= 32)  # XML forbids other control characters
        return v[:32767]  # Excel's cell limit
    return v


def _parquet(path: Path, _name: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows]) if rows
                   else pa.table({c: pa.array([], pa.string()) for c in columns}), path)


def _dta(path: Path, name: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    import pandas as pd

    df = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)
    strl = []
    for c in columns:
        non_null = df[c].dropna()
        if non_null.empty or isinstance(non_null.iloc[0], str):
            df[c] = df[c].astype(object).where(df[c].notna(), "").astype(str)
            if max((len(v.encode("utf-8")) for v in df[c]), default=0) > 2045:
                strl.append(c)
        else:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    labels = {c: _ascii_safe_label(label(name, c)) for c in columns}
    df.to_stata(path, version=118, write_index=False, variable_labels=labels, convert_strl=strl or None)


def _ascii_safe_label(s: str) -> str:
    # .dta 118 stores labels as UTF-8 in 80 bytes: cut on a character boundary
    b = s.encode("utf-8")[:80]
    while True:
        try:
            return b.decode("utf-8")
        except UnicodeDecodeError:
            b = b[:-1]


def write_codebook(out_dir: Path, tables: tuple[str, ...] = TABLES) -> Path:
    lines = ["# duixian codebook", "",
             "One file per table. Every record row is grounded: `quote` equals "
             "`reports.clean_text[span_start:span_end]`, and `raw_start:raw_end` points into the original file's text. "
             "Numbers and units are as written in the report. How each kind is extracted: docs/extraction.md.", ""]
    for name in tables:
        table = t.metadata.tables[name]
        lines += [f"## {name}", "", "| variable | type | meaning |", "|---|---|---|"]
        for c in _columns(table):
            typ = str(table.c[c].type) if c in table.c else str(t.reports.c[c].type)
            lines.append(f"| {c} | {typ} | {label(name, c)} |")
        lines.append("")
    path = out_dir / "codebook.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


_WRITERS = {"csv": _csv, "jsonl": _jsonl, "xlsx": _xlsx, "parquet": _parquet, "dta": _dta}

