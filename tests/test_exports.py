"""Exports that open right: typed Stata files with value labels, CSV and Parquet that agree on types,
one xlsx workbook, and a codebook that lists exactly the exported columns."""

from __future__ import annotations

import csv
import json
import re
import warnings
from pathlib import Path

import pytest
from tests.conftest import CORPUS, needs_corpus
from typer.testing import CliRunner

from duixian.cli import app
from duixian.export import FORMATS, STATUSES, TABLES, WORKBOOK, spec
from duixian.store import open_engine
from duixian.store.query import counts

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
pytest.importorskip("openpyxl")
runner = CliRunner()


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The corpus ingested, 海拉尔区 2018 tracked, and exported in every format."""
    root = tmp_path_factory.mktemp("exports")
    db = ["--db", str(root / "c.db")]
    assert runner.invoke(app, ["ingest", str(CORPUS / "raw"), *db]).exit_code == 0
    assert runner.invoke(app, ["track", "--region", "海拉尔区", "--year", "2018", "--json", *db]).exit_code == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. pandas renaming a variable Stata would not accept
        for fmt in FORMATS:
            r = runner.invoke(app, ["export", "--format", fmt, "--out", str(root / fmt), "--json", *db])
            assert r.exit_code == 0, r.output
    return root


def _stata(path: Path):
    with pd.io.stata.StataReader(path) as reader:
        df = reader.read()
        return df, reader.variable_labels(), reader.value_labels()


@needs_corpus
def test_stata_types_and_labels(out: Path) -> None:
    df, var_labels, value_labels = _stata(out / "dta" / "targets.dta")
    # ints stay ints (no missing here), floats are doubles, all-null numeric columns are not strings
    assert df["report_year"].dtype.kind == "i" and df["span_start"].dtype.kind == "i"
    assert df["value"].dtype.kind == "f" and df["low"].isna().all() and df["low"].dtype.kind == "f"
    assert df["admin_code"].map(type).eq(str).all() and "150702" in set(df["admin_code"])
    # coded columns come back as their labels, with the codes the codebook lists
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype) and "growth" in set(df["kind"])
    assert value_labels["kind"][1] == "growth" and value_labels["qualifier"][1] == "左右"
    assert var_labels["value"].startswith("target number")
    vdf, _, vlabels = _stata(out / "dta" / "verdicts.dta")
    assert vlabels["status"] == dict(enumerate(STATUSES, 1))
    assert set(vdf["status"]) <= set(STATUSES) and vdf["year"].dtype.kind == "i"
    raw = pd.read_stata(out / "dta" / "panel.dta", convert_categoricals=False)
    assert raw["verdict"].dtype.kind in "if" and raw["target_value"].dtype.kind == "f"


@needs_corpus
def test_stata_storage_types_with_pyreadstat(out: Path) -> None:
    pyreadstat = pytest.importorskip("pyreadstat")
    for name in TABLES:
        _, meta = pyreadstat.read_dta(str(out / "dta" / f"{name}.dta"), metadataonly=True)
        for v in spec(name):
            stored = meta.readstat_variable_types[v.name]
            want = {"int": ("int8", "int32"), "float": ("double",), "str": ("string",), "coded": ("int16",)}[v.type]
            assert stored in want, (name, v.name, stored)
            if v.type == "coded":
                assert meta.variable_value_labels[v.name][1] == v.codes[0]


@needs_corpus
def test_csv_and_parquet_agree_on_every_column(out: Path) -> None:
    dtypes = json.loads((out / "csv" / "dtypes.json").read_text(encoding="utf-8"))
    assert dtypes == json.loads((out / "parquet" / "dtypes.json").read_text(encoding="utf-8"))
    for name in TABLES:
        c = pd.read_csv(out / "csv" / f"{name}.csv", dtype=dtypes[name], encoding="utf-8-sig")
        p = pd.read_parquet(out / "parquet" / f"{name}.parquet", dtype_backend="numpy_nullable")
        assert list(c.columns) == list(p.columns) == [v.name for v in spec(name)]
        assert dict(c.dtypes) == dict(p.dtypes), name
        assert len(c) == len(p)
        if "admin_code" in c:
            assert str(c["admin_code"].dtype) == "string" and c["admin_code"].dropna().str.fullmatch(r"\d{6}").all()
        # and the plain readers agree on every numeric column too (numbers are never written as text)
        pp = pd.read_parquet(out / "parquet" / f"{name}.parquet")
        for v in spec(name):
            if v.type in ("int", "float"):
                assert pp[v.name].dtype.kind in "if", (name, v.name)
    t = pd.read_csv(out / "csv" / "targets.csv", dtype=dtypes["targets"], encoding="utf-8-sig")
    p = pd.read_parquet(out / "parquet" / "targets.parquet", dtype_backend="numpy_nullable")
    pd.testing.assert_frame_equal(t, p)


@needs_corpus
def test_codebook_lists_exactly_the_exported_columns(out: Path) -> None:
    book = (out / "csv" / "codebook.md").read_text(encoding="utf-8")
    listed: dict[str, list[str]] = {}
    table = None
    for line in book.splitlines():
        if line.startswith("## "):
            table = line[3:].strip()
        elif table and line.startswith("| ") and not line.startswith("| variable") and table in TABLES:
            listed.setdefault(table, []).append(line.split("|")[1].strip())
    assert set(listed) == set(TABLES)
    for name in TABLES:
        with (out / "csv" / f"{name}.csv").open(encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh))
        assert header == listed[name], name
        for v in spec(name):
            assert v.label and v.label != v.name, (name, v.name)  # every variable says what it is


@needs_corpus
def test_workbook_has_a_sheet_per_table(out: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(out / "xlsx" / WORKBOOK)
    assert wb.sheetnames == [*TABLES, "codebook"]
    n = counts(open_engine(str(out / "c.db"), announce=False))
    for name in TABLES:
        ws = wb[name]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        assert [c.value for c in ws[1]] == [v.name for v in spec(name)]
        if name in n:
            assert ws.max_row == n[name] + 1
    col = [c.value for c in wb["targets"][1]].index("admin_code")
    assert all(isinstance(r[col], str) for r in wb["targets"].iter_rows(min_row=2, values_only=True) if r[col])


@needs_corpus
def test_quantities_and_verdicts_tables(out: Path) -> None:
    pledges = [json.loads(x) for x in (out / "jsonl" / "pledges.jsonl").read_text(encoding="utf-8").splitlines()]
    qty = [json.loads(x) for x in (out / "jsonl" / "pledge_quantities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(qty) == sum(len(json.loads(p["quantities"])) for p in pledges) > 0
    assert all(isinstance(q["value"], float) and q["pledge_record_id"] for q in qty)
    verdicts = [json.loads(x) for x in (out / "jsonl" / "verdicts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert verdicts and all(v["region"] == "海拉尔区" and v["year"] == 2018 for v in verdicts)
    targets = [v for v in verdicts if v["item_kind"] == "target"]
    assert targets and all(v["metric"] for v in targets)
    assert {v["metric"] for v in verdicts if v["item_kind"] == "pledge"} == {None}
    assert any(v["metric"] == "地区生产总值" and v["status"] == "kept" for v in targets)


@needs_corpus
def test_files_are_complete(out: Path) -> None:
    for fmt in FORMATS:
        names = {p.name for p in (out / fmt).iterdir()}
        assert not any(re.search(r"\.part$", n) for n in names)
        want = {WORKBOOK} if fmt == "xlsx" else {f"{t}.{fmt}" for t in TABLES}
        assert names == want | {"codebook.md", "dtypes.json"}


@needs_corpus
def test_exports_stream_so_memory_does_not_grow_with_the_corpus(out: Path, tmp_path: Path, monkeypatch) -> None:
    """An export holds a chunk of rows, not the tables: 8× the reports must not take 8× the memory (before
    streaming it took 6–12×, every row held as a dict), the panel included (it held every cell's records).
    Chunks and Parquet row groups are made small here so that a small corpus fills many."""
    import shutil
    import tracemalloc

    from benchmarks.bench_export import copy_reports

    import duixian.export as ex
    from duixian.store import panel as panel_mod
    from duixian.store import query

    monkeypatch.setattr(query, "CHUNK", 200)
    monkeypatch.setattr(panel_mod, "PANEL_CHUNK", 100)
    monkeypatch.setattr(ex, "PARQUET_ROWS", 2000)
    monkeypatch.setattr(ex, "_BATCH", 500)
    tables = ("reports", "pledges", "pledge_quantities", "verdicts")
    peaks: dict[tuple[str, int], float] = {}
    for n in (72, 576):
        shutil.copy(out / "c.db", tmp_path / f"{n}.db")
        engine = open_engine(str(tmp_path / f"{n}.db"), announce=False)
        copy_reports(engine, n)
        assert counts(engine)["reports"] == n
        for fmt, which in (("csv", tables), ("parquet", tables), ("jsonl", ("panel",))):
            tracemalloc.start()
            try:
                ex.export(engine, fmt, tmp_path / f"{fmt}{n}", tables=which)
                peaks[fmt, n] = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
    for fmt in ("csv", "parquet", "jsonl"):
        assert peaks[fmt, 576] < 2.5 * peaks[fmt, 72], (fmt, peaks)
    cells = len((tmp_path / "jsonl576" / "panel.jsonl").read_text(encoding="utf-8").splitlines())
    assert cells > 3000
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.ParquetFile(tmp_path / "parquet576" / "pledges.parquet").num_row_groups > 5
    dtypes = json.loads((tmp_path / "csv576" / "dtypes.json").read_text(encoding="utf-8"))
    for name in tables:
        c = pd.read_csv(tmp_path / "csv576" / f"{name}.csv", dtype=dtypes[name], encoding="utf-8-sig")
        p = pd.read_parquet(tmp_path / "parquet576" / f"{name}.parquet", dtype_backend="numpy_nullable")
        pd.testing.assert_frame_equal(c, p)
