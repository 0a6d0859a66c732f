"""One report, one row: identity by clean text, sources, stable ids across --force, stale verdicts, delete,
multi-report CSVs, NOT_A_REPORT, and migration 0003 on a database written at 0002 (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError
from tests.conftest import CORPUS, needs_corpus
from tests.test_store import BACKENDS, _fresh_url, _snapshot
from typer.testing import CliRunner

from duixian.cli import app
from duixian.corpus import ingest
from duixian.errors import StoreError
from duixian.ingest import read_raw
from duixian.pipeline import extract_file
from duixian.store import open_engine, to_rows
from duixian.store import schema as t
from duixian.store.db import _alembic_config, schema_revision
from duixian.store.query import find_report, list_reports, records, sources, texts
from duixian.store.rows import fingerprint

COPIED = ("007_hailar_2018.txt", "008_hailar_2019.txt", "101_national_2005.txt")
ENGLISH = (
    "Report on the Work of the Government\n"
    + "Delivered at the Fifth Session of the 12th National People's Congress on March 5, 2017. Fellow Deputies, "
    "on behalf of the State Council, I will now report to you on the work of the government. GDP grew by 6.7 "
    "percent. The main targets for development this year are: GDP growth of around 6.5 percent.\n" * 20
)


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path) -> str:
    return _fresh_url(request.param, tmp_path)


def _copies(folder: Path) -> Path:
    """A GB18030 re-encoding and a .docx (one paragraph per line) of each of three corpus reports."""
    import docx

    folder.mkdir()
    for name in COPIED:
        raw = read_raw(CORPUS / "raw" / name).text
        (folder / f"{Path(name).stem}_gb.txt").write_bytes(raw.encode("gb18030"))
        d = docx.Document()
        for line in raw.splitlines():
            d.add_paragraph(line)
        d.save(str(folder / f"{Path(name).stem}.docx"))
    return folder


def _table_counts(engine) -> dict[str, int]:
    """Rows in every table, the SQLite search index included."""
    with engine.connect() as conn:
        out = {name: conn.execute(select(func.count()).select_from(tab)).scalar_one()
               for name, tab in t.metadata.tables.items()}
        if conn.dialect.name == "sqlite":
            out["passages_fts"] = conn.execute(text("SELECT count(*) FROM passages_fts")).scalar_one()
    return out


def _ids(engine) -> dict[str, int]:
    return {Path(r["path"]).name: r["id"] for r in list_reports(engine)}


def _track(db: str, region: str = "海拉尔区", year: int = 2018) -> None:
    r = CliRunner().invoke(app, ["track", "--region", region, "--year", str(year), "--db", db, "--json"])
    assert r.exit_code == 0, r.output


@needs_corpus
def test_copies_are_sources_and_ids_survive_force(url, tmp_path) -> None:
    engine = open_engine(url, announce=False)
    raw = sorted((CORPUS / "raw").iterdir())
    copies = _copies(tmp_path / "copies")
    first = ingest(engine, [CORPUS / "raw"], jobs=2)
    assert len(first.stored) == len(raw) and not first.failed
    again = ingest(engine, [CORPUS / "raw"])
    assert len(again.unchanged) == len(raw) and not again.stored
    dup = ingest(engine, [copies])
    assert len(dup.duplicate) == 6 and not dup.stored and not dup.failed
    n = _table_counts(engine)
    assert n["reports"] == len(raw) and n["sources"] == len(raw) + 6
    ids, snap = _ids(engine), _snapshot(engine)

    listed = list_reports(engine, duplicates=True)
    assert sorted(Path(r["path"]).name for r in listed) == sorted(COPIED)
    for r in listed:
        assert r["n_sources"] == 3 and r["same_text"] == []
        assert {s["format"] for s in r["sources"]} == {"txt", "docx"}
        assert "gb18030" in {s["encoding"] for s in r["sources"]}
    # a copy's path finds the report it is a copy of
    assert find_report(engine, str(copies / "007_hailar_2018.docx"))["id"] == ids["007_hailar_2018.txt"]

    forced = ingest(engine, [CORPUS / "raw", copies], force=True)
    assert len(forced.replaced) == len(raw) and len(forced.unchanged) == 6 and not forced.failed
    assert all(c["added"] == c["removed"] == c["changed"] == 0 and not c["text_changed"] for c in forced.changes)
    assert _ids(engine) == ids  # report ids survive --force
    assert _snapshot(engine) == snap  # and so do record ids and values
    assert _table_counts(engine) == n


@needs_corpus
def test_cli_duplicates_and_force_output(tmp_path) -> None:
    db = str(tmp_path / "c.db")
    copies = _copies(tmp_path / "copies")
    run = CliRunner().invoke
    assert run(app, ["ingest", str(CORPUS / "raw" / COPIED[0]), str(copies), "--db", db]).exit_code == 0
    r = run(app, ["reports", "--duplicates", "--db", db, "--json"])
    reps = json.loads(r.output)["reports"]
    # 007 from three files; 008 and 101 from two (the first copy stored is the report, the other its source)
    assert sorted(len(x["sources"]) for x in reps) == [2, 2, 3]
    r = run(app, ["reports", "--duplicates", "--db", db])  # piped: one line per source, under a header
    lines = [ln.split("\t") for ln in r.stdout.splitlines()]
    assert lines[0][:5] == ["id", "region", "year", "same_text", "path"]
    per_report = {rid: sum(1 for ln in lines[1:] if ln[0] == rid) for rid in {ln[0] for ln in lines[1:]}}
    assert sorted(per_report.values()) == [2, 2, 3] and any(ln[4].endswith("007_hailar_2018.docx") for ln in lines)
    r = run(app, ["ingest", str(CORPUS / "raw" / COPIED[0]), "--db", db, "--force"])
    assert r.exit_code == 0 and "re-extracted, no record changed" in r.output and "replaced 1" in r.output


@needs_corpus
def test_force_marks_verdicts_stale_instead_of_dropping_them(url) -> None:
    engine = open_engine(url, announce=False)
    plan, review = (CORPUS / "raw" / n for n in COPIED[:2])
    ingest(engine, [plan, review])
    _track(url)
    ids = _ids(engine)
    pid = ids[plan.name]
    with engine.begin() as conn:  # as if an older extractor had found one target fewer
        victim = conn.execute(select(t.targets.c.id).where(t.targets.c.report_id == pid).limit(1)).scalar_one()
        conn.execute(t.targets.delete().where(t.targets.c.id == victim))
        conn.execute(t.reports.update().where(t.reports.c.id == pid).values(n_targets=t.reports.c.n_targets - 1))
        n_verdicts = conn.execute(select(func.count()).select_from(t.verdicts)).scalar_one()
    assert n_verdicts > 0
    r = CliRunner().invoke(app, ["ingest", str(plan), "--db", url, "--force"])
    assert r.exit_code == 0
    assert "records +1 -0 ~0" in r.output and "verdicts of 1 plan/review pair(s) marked stale" in r.output
    assert _ids(engine) == ids
    with engine.connect() as conn:
        rows = conn.execute(select(t.verdicts.c.stale, t.verdicts.c.stale_reason)).all()
    assert len(rows) == n_verdicts and all(s == 1 and "records +1" in why for s, why in rows)
    _track(url)  # re-rating replaces the stale verdicts with fresh ones
    with engine.connect() as conn:
        assert conn.execute(select(func.sum(t.verdicts.c.stale))).scalar_one() == 0


@needs_corpus
def test_delete_removes_everything_in_one_transaction(url, tmp_path, monkeypatch) -> None:
    engine = open_engine(url, announce=False)
    copies = _copies(tmp_path / "copies")
    ingest(engine, [CORPUS / "raw", copies])
    _track(url)
    rid = _ids(engine)["008_hailar_2019.txt"]  # the review of the tracked pair, with two copies
    before = _table_counts(engine)
    with engine.connect() as conn:
        own = {name: conn.execute(select(func.count()).select_from(tab).where(tab.c.report_id == rid)).scalar_one()
               for name, tab in t.metadata.tables.items() if "report_id" in tab.c}
        own["verdicts"] = conn.execute(select(func.count()).select_from(t.verdicts).where(
            (t.verdicts.c.plan_report_id == rid) | (t.verdicts.c.review_report_id == rid))).scalar_one()
    assert own["sources"] == 3 and own["verdicts"] > 0 and own["targets"] > 0 and own["passage_spans"] > 0

    # a failure anywhere inside rolls everything back
    import duixian.store.write as w

    real = w.delete_report

    def failing(conn, report_id):
        real(conn, report_id)
        raise SQLAlchemyError("disk full")

    monkeypatch.setattr(w, "delete_report", failing)
    with pytest.raises(StoreError):
        w.remove_report(engine, rid)
    assert _table_counts(engine) == before
    monkeypatch.undo()

    r = CliRunner().invoke(app, ["delete", str(rid), "--db", url])
    assert r.exit_code == 0, r.output
    assert len(r.output.strip().splitlines()) == 1 and r.output.startswith(f"deleted report {rid} (海拉尔区 2019")
    after = _table_counts(engine)
    expect = dict(before)
    for name, n in own.items():
        expect[name] -= n
    expect["reports"] -= 1
    expect["region_years"] -= 1  # no other report of 海拉尔区 2019
    if "passages_fts" in expect:
        expect["passages_fts"] -= own["passage_spans"]
    assert after == expect
    r = CliRunner().invoke(app, ["delete", str(rid), "--db", url, "--json"])
    assert r.exit_code == 1 and json.loads(r.output)["error"]["code"] == "NO_SUCH_REPORT"  # found nothing
    # the deleted report's files are new again
    res = ingest(engine, [CORPUS / "raw" / "008_hailar_2019.txt", copies / "008_hailar_2019.docx"])
    assert len(res.stored) == 1 and len(res.duplicate) == 1


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["province", "year", "title", "source_url", "publish_date", "full_text"])
        w.writerows(rows)


@needs_corpus
def test_multi_row_csv_is_one_report_per_row(url, tmp_path) -> None:
    engine = open_engine(url, announce=False)
    names = ("001_1d22ad009400639c.txt", "007_hailar_2018.txt", "101_national_2005.txt")
    rows = [[f"地区{i}", str(2000 + i), f"标题{i}", f"https://example.gov.cn/{i}.html", f"2024-0{i + 1}-15",
             read_raw(CORPUS / "raw" / n).text] for i, n in enumerate(names)]
    rows.insert(2, ["", "", "", "", "", ""])  # a blank record between rows is not a row
    rows.append(["地区9", "2009", "空行", "https://example.gov.cn/9.html", "2024-09-01", "待补"])  # no report text
    corpus_csv = tmp_path / "corpus.csv"
    _write_csv(corpus_csv, rows)
    ingest(engine, [CORPUS / "raw" / "007_hailar_2018.txt"])  # one row's report is already stored
    res = ingest(engine, [corpus_csv])
    assert not res.failed and len(res.stored) == 2 and res.duplicate == [f"{corpus_csv} [row 2]"]
    assert len(list_reports(engine)) == 3
    for part, name in enumerate(names, start=1):
        rid = res.report_ids[f"{corpus_csv} [row {part}]"]
        src = next(s for s in sources(engine, rid) if s["path"] == str(corpus_csv))
        i = part - 1
        assert (src["part"], src["url"], src["publish_date"], src["title"]) == (
            part, f"https://example.gov.cn/{i}.html", f"2024-0{i + 1}-15", f"标题{i}")
        rep = find_report(engine, str(rid))
        clean, raw_text = texts(engine, rid)
        assert fingerprint(clean) == fingerprint(extract_file(CORPUS / "raw" / name).sd.text)
        for rec in records(engine, rid, "targets") + records(engine, rid, "actuals"):
            assert clean[rec["span_start"]:rec["span_end"]] == rec["quote"]
            assert 0 <= rec["raw_start"] <= rec["raw_end"] <= len(raw_text)
        if name != "007_hailar_2018.txt":
            assert rep["path"] == str(corpus_csv) and raw_text == read_raw(CORPUS / "raw" / name).text
    again = ingest(engine, [corpus_csv])
    assert again.unchanged == [str(corpus_csv)] and not again.stored
    # the one-report CSV of the corpus keeps its url/date/title too
    ingest(engine, [CORPUS / "raw" / "009_hainan_2026_csv.txt"])
    src = sources(engine, find_report(engine, "009_hainan_2026_csv.txt")["id"])[0]
    assert src["url"].startswith("https://agri.hainan.gov.cn/") and src["publish_date"] == "2026-02-02"
    assert src["title"] == "2026年海南省政府工作报告" and src["part"] == 0


@needs_corpus
def test_not_a_report_is_refused_and_the_batch_goes_on(tmp_path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (d / "prose.txt").write_text("春天来了，小草从地里钻出来，嫩嫩的，绿绿的。园子里，田野里，瞧去，一大片一大片满是的。"
                                 "坐着，躺着，打两个滚，踢几脚球，赛几趟跑，捉几回迷藏。风轻悄悄的，草软绵绵的。\n",
                                 encoding="utf-8")
    (d / "report.txt").write_bytes((CORPUS / "raw" / "101_national_2005.txt").read_bytes())
    db = str(tmp_path / "c.db")
    r = CliRunner().invoke(app, ["ingest", str(d), "--db", db, "--json"])
    assert r.exit_code == 1
    out = json.loads(r.output.splitlines()[0])
    assert out["counts"]["stored"] == 1
    failed = {Path(e["path"]).name: e for e in out["failed"]}
    assert failed["english.txt"]["code"] == failed["prose.txt"]["code"] == "NOT_A_REPORT"
    assert "English" in failed["english.txt"]["message"] and "no region" in failed["prose.txt"]["message"]
    assert [x["region"] for x in list_reports(open_engine(db, announce=False))] == ["中国"]


def _rows_at_0002(path: Path) -> dict:
    """A report's rows as the 0002 writer stored them (no fingerprint: that column did not exist)."""
    x = extract_file(path)
    rows = to_rows(x)
    report = {k: v for k, v in rows.report.items() if k not in ("fingerprint", "raw_z")}
    return {"report": {**report, "raw_text": x.sd.doc.raw}, "records": rows.records}  # raw_z: 0007


@needs_corpus
@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0003_upgrades_a_0002_database_without_loss(backend, tmp_path) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    url = _fresh_url(backend, tmp_path)
    full = url if "://" in url else f"sqlite:///{url}"
    engine = create_engine(full)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")
    copy = tmp_path / "007_gb.txt"
    copy.write_bytes(read_raw(CORPUS / "raw" / "007_hailar_2018.txt").text.encode("gb18030"))
    files = [CORPUS / "raw" / "007_hailar_2018.txt", CORPUS / "raw" / "008_hailar_2019.txt", copy]
    with engine.begin() as conn:  # what 0002 stored: the same text twice (two files), and a verdict
        meta = MetaData()
        meta.reflect(conn)
        assert "sources" not in meta.tables and "fingerprint" not in meta.tables["reports"].c
        rep = meta.tables["reports"]
        ids = []
        for f in files:
            rows = _rows_at_0002(f)
            ids.append(conn.execute(insert(rep).values(**rows["report"], ingested_at="2026-01-01T00:00:00+00:00"))
                       .inserted_primary_key[0])
            for name, recs in rows["records"].items():
                if not recs:
                    continue
                tab = meta.tables[name]
                conn.execute(insert(tab), [{**{k: v for k, v in r.items() if k in tab.c}, "report_id": ids[-1]}
                                           for r in recs])
        conn.execute(insert(meta.tables["verdicts"]).values(
            plan_report_id=ids[0], review_report_id=ids[1], item_kind="target", item_record_id="t1",
            status="kept", reason="old"))
    with engine.connect() as conn:
        before = {n: conn.execute(text(f"SELECT count(*) FROM {n}")).scalar_one()
                  for n in ("reports", "targets", "actuals", "pledges", "projects", "glossary", "verdicts")}
        texts = dict(conn.execute(text("SELECT id, clean_text FROM reports")).all())
    engine.dispose()

    upgraded = open_engine(url, announce=False)
    assert schema_revision(upgraded) == ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    after = _table_counts(upgraded)
    assert {k: after[k] for k in before} == before
    with upgraded.connect() as conn:
        for rid, fp in conn.execute(select(t.reports.c.id, t.reports.c.fingerprint)):
            assert fp == fingerprint(texts[rid])  # the migration's frozen copy agrees with the library
        srcs = conn.execute(select(t.sources.c.report_id, t.sources.c.path, t.sources.c.sha256, t.sources.c.part)
                            .order_by(t.sources.c.report_id)).all()
        assert [(s.report_id, s.path, s.part) for s in srcs] == [(i, str(f), 0) for i, f in zip(ids, files, strict=True)]
        assert conn.execute(select(t.verdicts.c.stale, t.verdicts.c.reason)).one() == (0, "old")
    # the two rows of one text are listed, so one can be deleted; no file is stored again
    dups = list_reports(upgraded, duplicates=True)
    assert sorted(r["id"] for r in dups) == [ids[0], ids[2]] and dups[0]["same_text"] == [ids[2]]
    res = ingest(upgraded, files)
    assert len(res.unchanged) == 3 and not res.stored and not res.duplicate
