"""Exports for analysts: every table in CSV (UTF-8 with BOM), JSONL, Parquet or Stata .dta (one file per
table), or XLSX (one workbook, a sheet per table), plus ``codebook.md`` and ``dtypes.json``.

Every exported column is declared once, in ``spec(table)``, with its type, its label and (for coded
columns) its list of codes; the writers, the codebook and the pandas dtypes are all generated from that
declaration, so the files agree with each other and with the codebook:

- ``int`` columns are integers everywhere (Stata ``long``, or ``byte`` for 0/1 flags; missing stays missing);
- ``float`` columns are doubles, also when every value is missing (never strings);
- ``str`` columns are text everywhere, ``admin_code`` included (``dtypes.json`` tells pandas so for CSV);
- ``coded`` columns are text in CSV/JSONL/Parquet/XLSX and labelled integers in Stata (codes 1… in the
  order the codebook lists them; a value outside the list gets a code from 100 up, labelled in the file).

CSV and JSONL need only the standard library; XLSX needs openpyxl, Parquet pyarrow, .dta pandas
(``pip install duixian[export]``).

Exports stream: every table is read from the database a chunk at a time (``stream_rows``: a server-side
cursor on PostgreSQL) and written as it is read (CSV and JSONL row by row, Parquet one row group per
``PARQUET_ROWS`` rows, XLSX through openpyxl's write-only sheets), one table after another, so memory does
not grow with the corpus; the panel streams as well (``store.panel.iter_panel``). Stata is the exception:
it is written from one whole table at a time (see ``_dta``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Float, Integer

from duixian.errors import ExportError
from duixian.outfile import write_atomic, write_text
from duixian.store import schema as t

FORMATS = ("csv", "xlsx", "jsonl", "parquet", "dta")
TABLES = ("reports", "targets", "actuals", "pledges", "pledge_quantities", "projects", "glossary", "verdicts",
          "panel")
WORKBOOK = "duixian.xlsx"


@dataclass(frozen=True)
class Var:
    """One exported column."""

    name: str
    type: str  # int | float | str | coded
    label: str
    codes: tuple[str, ...] = ()  # coded: the values, coded 1… in this order in Stata
    int_labels: tuple[tuple[int, str], ...] = ()  # int: Stata value labels of a 0/1 flag


LEVELS = ("nation", "province", "city", "district", "county")
DOC_TYPES = ("report", "news", "plan_execution", "other")
TARGET_KINDS = ("growth", "level", "rate", "cap", "other")
QUALIFIERS = ("左右", "以上", "以内", "以下", "同步", "力争", "确保")
CATEGORIES = ("民生实事", "项目", "指标", "重点工作")
STATUSES = ("kept", "exceeded", "partial", "in_progress", "not_kept", "not_mentioned", "unverifiable", "redefined")
BOUNDS = ("突破", "超过", "超", "逾", "将近", "接近", "近", "余", "多")
_YES_NO = ((0, "no"), (1, "yes"))

_GROUNDING = {
    "quote": "exact source text of the record (clean text)",
    "span_start": "start offset of quote in reports.clean_text (characters)",
    "span_end": "end offset of quote in reports.clean_text (characters)",
    "raw_start": "start offset in the original file's text (characters)",
    "raw_end": "end offset in the original file's text (characters)",
    "section": "id of the report section holding the record (sections.section_id)",
    "report_id": "reports.id of the report",
    "record_id": "stable id of the record within its report",
    "region": "region (short name) of the report",
    "admin_code": "GB/T 2260 administrative code of the region (text: keeps leading digits)",
    "report_year": "year the report plans (the year it was delivered for)",
    "id": "row id",
}
# Meaning of each variable, per table; Stata variable labels are these cut to 80 bytes.
CODEBOOK: dict[str, dict[str, str]] = {
    "reports": {
        "sha256": "SHA-256 of the file's bytes (ingest is idempotent on it)", "path": "file path at ingest",
        "fingerprint": "SHA-256 of the clean text without whitespace: one report however many copies",
        "format": "file format read", "encoding": "detected text encoding",
        "script": "script of the original text", "chars": "characters of clean text",
        "region_full": "province + prefecture + region", "level": "administrative level of the region",
        "review_year": "year the review section covers", "date": "delivery date (ISO), empty when not stated",
        "meeting": "the congress session as printed", "speaker": "who delivered it",
        "speaker_title": "speaker's office", "doc_type": "kind of document",
        "title": "document title", "region_year_id": "region_years.id shared by documents of one region and year",
        "extractors": "JSON: extractor name → version", "ingested_at": "UTC time of ingest (ISO)",
        **{f"n_{k}": f"number of {k} records stored for the report" for k in t.RECORD_TABLES},
    },
    "targets": {
        "metric": "canonical indicator (metric table) or the wording", "metric_raw": "indicator as written",
        "kind": "kind of target", "value": "target number as written (lower bound for ranges)",
        "low": "lower bound (ranges, 确保 of dual targets)", "high": "upper bound (ranges, 力争 of dual targets)",
        "unit": "unit as written (%, 亿元 …)", "qualifier": "qualifier word of the target", "year": "plan year",
    },
    "actuals": {
        "metric": "canonical indicator (metric table) or the wording", "metric_raw": "indicator as written",
        "year": "year the figure is for", "value": "reported amount as written", "unit": "unit as written",
        "growth_pct": "growth in percent (negative for 下降)", "rank": "rank phrase, e.g. 全市第1位",
    },
    "pledges": {
        "category": "kind of pledge", "text": "the commitment as written",
        "quantities": "JSON list of {value, unit, object} (also the pledge_quantities table)",
        "deadline": "deadline resolved to a date (ISO)", "deadline_raw": "deadline words as written",
    },
    "pledge_quantities": {
        "pledge_record_id": "record_id of the pledge (pledges.record_id of the same report)",
        "n": "position of the quantity within the pledge (1, 2 …)", "value": "quantity as written",
        "unit": "unit as written (个, 公里, 万㎡ …)", "object": "what is counted, as written",
    },
    "projects": {
        "name": "project name as written", "investment": "investment amount as written", "unit": "亿元 or 万元",
        "status": "stage word as written (签约 开工 建成 投产 …; not coded)",
    },
    "glossary": {"term": "defined term or slogan", "definition": "its definition as written"},
    "verdicts": {
        "region": "region (short name) of the plan report",
        "admin_code": "GB/T 2260 administrative code of the plan's region (text)",
        "year": "year the item was planned for (the plan report's year)",
        "metric": "metric of the judged target (empty for pledges)",
        "plan_report_id": "reports.id of the report that made the pledge",
        "review_report_id": "reports.id of the report used as evidence",
        "item_kind": "kind of judged item", "item_record_id": "record_id of the judged item in the plan report",
        "stale": "1 when either report was re-extracted since the verdict was made (re-run track to renew)",
        "stale_reason": "what changed since the verdict was made",
        "category": "pledge category of the item (targets count as 指标)", "item_quote": "the item's sentence",
        "item_start": "item start in the plan's clean text", "item_end": "item end in the plan's clean text",
        "item_raw_start": "item start in the plan's raw text", "item_raw_end": "item end in the plan's raw text",
        "status": "兑现 status", "reason": "why, in Chinese", "confidence": "confidence of the status, 0–1",
        "evidence_quote": "first evidence sentence",
        "evidence_start": "evidence start in the review's clean text", "evidence_end": "evidence end (clean)",
        "evidence_raw_start": "evidence start in the review's raw text", "evidence_raw_end": "evidence end (raw)",
        "evidence_direct": "1: the review reports it; 0: only the next plan pledges it again",
        "evidence_json": "JSON: every evidence sentence, as in the track contract",
        "tolerance": "tolerance for 左右 targets, percentage points", "created_at": "UTC time of the verdict (ISO)",
    },
    "panel": {
        "region": "region (short name)", "admin_code": "GB/T 2260 administrative code (text)",
        "level": "administrative level of the region", "year": "the year targeted and reviewed",
        "metric": "canonical indicator",
        "target_value": "target number (lower bound for ranges)", "target_low": "target lower bound",
        "target_high": "target upper bound", "target_qualifier": "qualifier word of the target",
        "actual_value": "reported amount", "actual_growth": "reported growth in percent",
        "gap": "actual growth − target (growth targets); actual − target (levels, same unit)",
        "verdict": "stored 兑现 status of the target (empty when not tracked)",
        "target_kind": "kind of target", "target_unit": "unit of the target as written",
        "target_bound": "bound word at the target number in its quote (derived from the quote)",
        "actual_unit": "unit of the actual as written", "actual_rank": "rank phrase of the actual",
        "actual_bound": "bound word at the actual number: 突破 超 近 余 … (derived from the quote)",
        "actual_estimate": "1: the actual's quote says 预计 or 初步 (an estimate; derived from the quote)",
        "gap_unit": "unit of gap (个百分点 for growth and % targets)",
        "target_quote": "sentence of the target", "actual_quote": "sentence of the actual",
        "target_report_id": "reports.id the target comes from", "actual_report_id": "reports.id the actual comes from",
        "target_record_id": "record_id of the target", "actual_record_id": "record_id of the actual",
        "region_full": "province + prefecture + region",
    },
}
_CODES: dict[tuple[str, str], tuple[str, ...]] = {
    ("*", "level"): LEVELS, ("reports", "doc_type"): DOC_TYPES, ("reports", "script"): ("simplified", "traditional"),
    ("reports", "format"): ("txt", "md", "html", "docx", "pdf", "csv"),
    ("targets", "kind"): TARGET_KINDS, ("panel", "target_kind"): TARGET_KINDS,
    ("targets", "qualifier"): QUALIFIERS, ("panel", "target_qualifier"): QUALIFIERS,
    ("pledges", "category"): CATEGORIES, ("verdicts", "category"): CATEGORIES,
    ("verdicts", "status"): STATUSES, ("panel", "verdict"): STATUSES, ("verdicts", "item_kind"): ("target", "pledge"),
    ("panel", "target_bound"): BOUNDS, ("panel", "actual_bound"): BOUNDS,
}
_INT_LABELS: dict[tuple[str, str], tuple[tuple[int, str], ...]] = {
    ("panel", "actual_estimate"): _YES_NO,
    ("verdicts", "evidence_direct"): ((0, "next plan only"), (1, "review reports it")),
}
_REPORT_KEYS = (("region", "str"), ("admin_code", "str"), ("report_year", "int"))


def label(table: str, column: str) -> str:
    return CODEBOOK.get(table, {}).get(column) or _GROUNDING.get(column) or column


def _var(table: str, name: str, typ: str) -> Var:
    codes = _CODES.get((table, name)) or (_CODES[("*", name)] if name == "level" else ())
    return Var(name, "coded" if codes else typ, label(table, name), codes, _INT_LABELS.get((table, name), ()))


def _sql_type(col: Any) -> str:
    return "int" if isinstance(col.type, Integer) else "float" if isinstance(col.type, Float) else "str"


def spec(table: str) -> list[Var]:
    """The exported columns of ``table``, in order."""
    if table == "panel":
        from duixian.store.panel import COLUMNS

        ints = {"year", "actual_estimate", "target_report_id", "actual_report_id"}
        floats = {"target_value", "target_low", "target_high", "actual_value", "actual_growth", "gap"}
        return [_var(table, c, "int" if c in ints else "float" if c in floats else "str") for c in COLUMNS]
    if table == "pledge_quantities":
        cols = [*_REPORT_KEYS, ("report_id", "int"), ("pledge_record_id", "str"), ("n", "int"), ("value", "float"),
                ("unit", "str"), ("object", "str")]
        return [_var(table, c, typ) for c, typ in cols]
    sql = t.metadata.tables[table]
    own = [(c.name, _sql_type(c)) for c in sql.c if c.name not in ("clean_text", "raw_text", "raw_z")]
    if table == "verdicts":
        keys = [("region", "str"), ("admin_code", "str"), ("year", "int"), ("metric", "str")]
    else:
        keys = list(_REPORT_KEYS) if "report_id" in sql.c else []
    return [_var(table, c, typ) for c, typ in [*keys, *own]]


def _rows(engine: Engine, table: str) -> Iterator[dict[str, Any]]:
    """The rows of an export table, streamed from the database."""
    from duixian.store.panel import iter_panel, pledge_quantity_rows, verdict_rows
    from duixian.store.query import table_rows

    if table == "panel":
        return iter_panel(engine)
    if table == "pledge_quantities":
        return pledge_quantity_rows(engine)
    if table == "verdicts":
        return verdict_rows(engine)
    return table_rows(engine, t.metadata.tables[table])


def export(engine: Engine, fmt: str, out_dir: Path, tables: tuple[str, ...] = TABLES) -> list[Path]:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        sheets: dict[str, tuple[list[Var], Iterable[dict[str, Any]]]] = {
            name: (spec(name), _lazy(engine, name)) for name in tables}
        written = [_atomic(out_dir / WORKBOOK, lambda p: _xlsx_book(p, sheets))]
    else:
        written = [_atomic(out_dir / f"{name}.{fmt}", lambda p, n=name: _WRITERS[fmt](p, n, spec(n), _rows(engine, n)))  # type: ignore[misc]
                   for name in tables]
    written.append(write_codebook(out_dir, tables))
    written.append(write_dtypes(out_dir, tables))
    return written


def _lazy(engine: Engine, table: str) -> Iterator[dict[str, Any]]:
    # the query starts when the workbook reaches this sheet, not when the dict of sheets is built
    yield from _rows(engine, table)


def write_panel(rows: list[dict[str, Any]], path: Path, *, wide: bool = False) -> Path:
    """One panel (long, or wide with ``{metric}_{field}`` columns) as a file whose suffix names the format."""
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown panel file type {path.suffix!r}", hint="name the file .csv .xlsx .jsonl .parquet or .dta")
    if wide and fmt == "dta":
        raise ExportError("a wide panel has metric names in its columns, which Stata does not allow",
                          hint="write the long panel to .dta and `reshape wide` in Stata")
    variables = spec("panel")
    if wide:
        from duixian.store.panel import WIDE_FIELDS

        by_name = {v.name: v for v in variables}
        wide_vars = []
        for c in list(rows[0]) if rows else ["region", "admin_code", "level", "year"]:
            if c in by_name:
                wide_vars.append(by_name[c])
                continue
            field = max((f for f in WIDE_FIELDS if c.endswith("_" + f)), key=len)  # {metric}_{field}
            base = by_name[field]
            wide_vars.append(Var(c, base.type, f"{c[: -len(field) - 1]}: {base.label}", base.codes, base.int_labels))
        variables = wide_vars
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        return _atomic(path, lambda p: _xlsx_book(p, {"panel": (variables, rows)}))
    return _atomic(path, lambda p: _WRITERS[fmt](p, "panel", variables, rows))


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    # an interrupted export never leaves a half file under the real name (duixian.outfile)
    try:
        return write_atomic(path, write)
    except ImportError as exc:
        raise ExportError(f"{path.suffix.lstrip('.')} export needs {exc.name}") from exc


def _csv(path: Path, _name: str, variables: list[Var], rows: Iterable[dict[str, Any]]) -> None:
    cols = [v.name for v in variables]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel on Chinese Windows reads UTF-8
        w = csv.writer(fh)
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if r.get(c) is None else r[c] for c in cols])


def _jsonl(path: Path, _name: str, variables: list[Var], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({v.name: r.get(v.name) for v in variables}, ensure_ascii=False) + "\n")


def _xlsx_book(path: Path, data: dict[str, tuple[list[Var], Iterable[dict[str, Any]]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    # write-only: each sheet's rows go to a temporary file as they are appended (cells are inline strings,
    # so no shared-string table grows either); the filter range is written when the sheet closes, after
    # its rows, which is why it can be set once they are counted
    wb = Workbook(write_only=True)
    for name, (variables, rows) in data.items():
        ws = wb.create_sheet(name[:31])  # Excel's sheet-name limit
        ws.freeze_panes = "A2"  # the header stays in view
        ws.append([v.name for v in variables])
        n = 0
        for r in rows:
            ws.append([_xlsx_safe(r.get(v.name)) for v in variables])
            n += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(variables), 1))}{n + 1}"
    if len(data) > 1:
        ws = wb.create_sheet("codebook")
        ws.freeze_panes = "A2"
        book = [(name, v) for name, (variables, _) in data.items() for v in variables]
        ws.auto_filter.ref = f"A1:D{len(book) + 1}"
        ws.append(["table", "variable", "type", "meaning"])
        for name, v in book:
            ws.append([name, v.name, _type_text(v), v.label])
    wb.save(path)


def _xlsx_safe(v: Any) -> Any:
    if isinstance(v, str):
        v = "".join(ch for ch in v if ch in "\t\n\r" or ord(ch) >= 32)  # XML forbids other control characters
        return v[:32767]  # Excel's cell limit
    return v


def _arrow_type(v: Var) -> Any:
    import pyarrow as pa

    return {"int": pa.int64(), "float": pa.float64()}.get(v.type, pa.string())


PARQUET_ROWS = 50_000  # rows per Parquet row group, held as Arrow columns (compact) until written
_BATCH = 5_000  # rows held as dicts before they become Arrow columns


def _parquet(path: Path, _name: str, variables: list[Var], rows: Iterable[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # the schema comes from the declaration, so an all-null column keeps its type instead of becoming "null"
    schema = pa.schema([pa.field(v.name, _arrow_type(v)) for v in variables])

    def batch(chunk: list[dict[str, Any]]) -> Any:
        return pa.record_batch([pa.array([r.get(v.name) for r in chunk], _arrow_type(v)) for v in variables],
                               schema=schema)

    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        group: list[Any] = []
        held = 0
        wrote = False
        for r in rows:
            chunk.append(r)
            if len(chunk) == _BATCH:
                group.append(batch(chunk))
                held, chunk = held + len(chunk), []
                if held >= PARQUET_ROWS:
                    writer.write_table(pa.Table.from_batches(group, schema))
                    group, held, wrote = [], 0, True
        if chunk:
            group.append(batch(chunk))
        if group or not wrote:  # an empty table is still one (empty) row group, as write_table made it
            writer.write_table(pa.Table.from_batches(group, schema))


def stata_codes(v: Var, values: list[Any]) -> dict[str, int]:
    """Label → code of a coded column: the declared codes 1…, then any other value from 100 up."""
    codes = {c: i for i, c in enumerate(v.codes, 1)}
    for extra in sorted({x for x in values if x is not None and x not in codes}):
        codes[extra] = 100 + len(codes) - len(v.codes)
    return codes


def _dta(path: Path, name: str, variables: list[Var], rows: Iterable[dict[str, Any]]) -> None:
    """One table as Stata .dta 118: the one format written from a whole table in memory.

    A .dta file declares its row count, each string column's width (str1…str2045, or strL beyond) and every
    value label before or after the data, and pandas (like pyreadstat) writes it from a whole DataFrame
    with no append, so this table is held as columns (lists of values, never a dict per row), converted
    column by column; pandas then makes the fixed-width record array and its bytes, so peak memory is about
    five times the table's .dta file (10,000 reports: pledges.dta 357 MB, peak 1.7 GB; docs/store.md)."""
    import pandas as pd

    values_of: dict[str, list[Any]] = {v.name: [] for v in variables}
    appenders = [(v.name, values_of[v.name].append) for v in variables]
    for r in rows:
        for col, add in appenders:
            add(r.get(col))
    cols: dict[str, Any] = {}
    value_labels: dict[str, dict[float, str]] = {}
    strl = []
    for v in variables:
        values = values_of.pop(v.name)  # each list goes as soon as its column is built
        if v.type == "coded":
            codes = stata_codes(v, values)
            cols[v.name] = pd.array([codes.get(x) if x is not None else None for x in values], dtype="Int16")
            value_labels[v.name] = {float(c): lab for lab, c in codes.items()}
        elif v.type == "int":
            wide = any(x is not None and abs(x) > 2_147_483_620 for x in values)  # beyond Stata's long
            cols[v.name] = pd.array(values, dtype="Int8" if v.int_labels else "Int64" if wide else "Int32")
            if v.int_labels:
                value_labels[v.name] = {float(k): lab for k, lab in v.int_labels}
        elif v.type == "float":
            cols[v.name] = pd.array([float("nan") if x is None else float(x) for x in values], dtype="float64")
        else:
            # Stata has no missing string: a missing text is written as ""
            cols[v.name] = pd.Series(["" if x is None else str(x) for x in values], dtype=object)
            if max((len(s.encode("utf-8")) for s in cols[v.name]), default=0) > 2045:
                strl.append(v.name)
        del values
    df = pd.DataFrame(cols, columns=[v.name for v in variables])
    labels = {v.name: _cut_label(v.label) for v in variables}
    df.to_stata(path, version=118, write_index=False, variable_labels=labels, convert_strl=strl or None,
                value_labels=value_labels or None)


def _cut_label(s: str) -> str:
    # .dta 118 stores labels as UTF-8 in 80 bytes: cut on a character boundary
    b = s.encode("utf-8")[:80]
    while True:
        try:
            return b.decode("utf-8")
        except UnicodeDecodeError:
            b = b[:-1]


def _type_text(v: Var) -> str:
    if v.type == "coded":
        return "coded text: " + " ".join(f"{i}={c}" for i, c in enumerate(v.codes, 1))
    if v.int_labels:
        return "int: " + " ".join(f"{k}={lab}" for k, lab in v.int_labels)
    return {"int": "int", "float": "float", "str": "text"}[v.type]


# pandas dtypes that read CSV and Parquet back to the same types (see the codebook's "Reading" section)
PANDAS_DTYPES = {"int": "Int64", "float": "Float64", "str": "string", "coded": "string"}


def pandas_dtypes(table: str) -> dict[str, str]:
    return {v.name: PANDAS_DTYPES[v.type] for v in spec(table)}


def write_dtypes(out_dir: Path, tables: tuple[str, ...] = TABLES) -> Path:
    return write_text(out_dir / "dtypes.json",
                      json.dumps({name: pandas_dtypes(name) for name in tables}, ensure_ascii=False, indent=1) + "\n")


def write_codebook(out_dir: Path, tables: tuple[str, ...] = TABLES) -> Path:
    lines = ["# duixian codebook", "",
             "One file per table (one sheet per table in duixian.xlsx). Every record row is grounded: `quote` equals "
             "`reports.clean_text[span_start:span_end]`, and `raw_start:raw_end` points into the original file's "
             "text. Numbers and units are as written in the report. How each kind is extracted: docs/extraction.md; "
             "the panel's columns: docs/store.md.", "",
             "## Types", "",
             "- int: integer in every format (Stata long; 0/1 flags Stata byte). Missing is empty in CSV, null in "
             "Parquet/JSONL, `.` in Stata (pandas.read_stata turns an int column with missing values into float64).",
             "- float: double in every format, also when every value is missing.",
             "- text: text in every format, `admin_code` included. Stata has no missing text: it is written as \"\".",
             "- coded text: text in CSV/JSONL/Parquet/XLSX; in Stata a labelled integer with the codes listed "
             "(a value outside the list gets a code from 100 up, labelled in the file). pandas.read_stata gives the "
             "labels back as a categorical.", "",
             "## Reading", "",
             "pandas guesses CSV types (it would read admin_code 410503 as a number and an all-empty column as "
             "float); `dtypes.json` holds the types of every column, so read CSV and Parquet to the same dtypes with:",
             "", "```python", "import json, pandas as pd",
             "dtypes = json.load(open(\"dtypes.json\", encoding=\"utf-8\"))",
             "targets = pd.read_csv(\"targets.csv\", dtype=dtypes[\"targets\"], encoding=\"utf-8-sig\")",
             "same = pd.read_parquet(\"targets.parquet\", dtype_backend=\"numpy_nullable\")",
             "```", "", "In Stata: `use targets.dta` (value labels are attached; `label list` shows them).", ""]
    for name in tables:
        lines += [f"## {name}", "", "| variable | type | meaning |", "|---|---|---|"]
        for v in spec(name):
            lines.append(f"| {v.name} | {_type_text(v)} | {v.label} |")
        lines.append("")
    return write_text(out_dir / "codebook.md", "\n".join(lines))


_WRITERS: dict[str, Callable[[Path, str, list[Var], Iterable[dict[str, Any]]], None]] = {
    "csv": _csv, "jsonl": _jsonl, "parquet": _parquet, "dta": _dta,
}
