"""`duixian tasks`, `tasks-import` and `notice` end to end on a small invented report."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from duixian.cli import app  # noqa: E402

REPORT = ("政府工作报告\n——2024年1月10日在某某县第十届人民代表大会第三次会议上\n各位代表：\n"
          "一、2023年工作回顾\n过去一年，全县地区生产总值增长6%。\n二、2024年工作安排\n"
          "（一）加快项目建设\n全力推进重点项目建设。6月30日前建成县第一中学新校区，由县教育局牵头，县财政局配合。"
          "年底前完成老旧小区改造12个。改造农村公路50公里。\n（二）保障改善民生\n着力稳定就业。新增城镇就业3000人。\n")
runner = CliRunner()


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


def test_tasks_json_is_grounded(report):
    res = runner.invoke(app, ["tasks", str(report), "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["schema"] == "duixian.tasks/1" and d["report"]["report_year"] == 2024
    text = report.read_text(encoding="utf-8")
    assert d["tasks"] and d["summary"]["tasks"] == len(d["tasks"])
    for t in d["tasks"]:
        assert {"quote", "span", "raw_span", "number", "path", "deadline"} <= t.keys()
        s, e = t["raw_span"]
        assert "".join(text[s:e].split()) == "".join(t["quote"].split())
    school = next(t for t in d["tasks"] if "第一中学" in t["quote"])
    assert school["lead_units"] == ["县教育局"] and school["deadline"] == "2024-06-30"


def test_xlsx_import_and_notice(report, tmp_path):
    xlsx = tmp_path / "t.xlsx"
    res = runner.invoke(app, ["tasks", str(report), "--xlsx", str(xlsx)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(xlsx)
    ws = wb.worksheets[0]
    ws["F2"] = 60
    ws["F3"] = 100
    wb.save(xlsx)
    res = runner.invoke(app, ["tasks-import", str(xlsx), "--report", str(report), "--json"])
    assert res.exit_code == 0, res.output
    changes = json.loads(res.stdout)["changes"]
    assert [(c["cell"], c["field"], c["new"]) for c in changes] == [("F2", "percent", 60.0), ("F3", "percent", 100.0)]
    out = tmp_path / "n.docx"
    page = tmp_path / "n.html"
    res = runner.invoke(app, ["notice", str(xlsx), "--report", str(report), "--as-of", "2024-06-30",
                              "--docx", str(out), "--html", str(page)])
    assert res.exit_code == 0, res.output
    assert out.is_file() and "重点工作任务推进情况通报" in page.read_text(encoding="utf-8")
    assert "已完成1项" in res.stdout

    ws["E4"] = "明年某天"
    ws["C5"] = "宇宙管理局"
    wb.save(xlsx)
    res = runner.invoke(app, ["tasks-import", str(xlsx), "--report", str(report),
                              "--units", _directory(tmp_path)])
    assert res.exit_code == 1
    assert "TASK_TABLE_INVALID" in res.stderr and "E4" in res.stderr and "C5" in res.stderr


def _directory(tmp_path) -> str:
    p = tmp_path / "units.csv"
    p.write_text("单位名称,简称,主题\n教育局,县教育局,学校\n财政局,县财政局,财政\n", encoding="utf-8")
    return str(p)


def test_missing_report_is_one_coded_line(tmp_path):
    res = runner.invoke(app, ["tasks", str(tmp_path / "nope.txt")])
    assert res.exit_code == 1 and res.stderr.startswith("error[NOT_FOUND]")  # as every command: 1 = not found


def test_tasks_of_a_stored_report(report, tmp_path):
    db = str(tmp_path / "c.db")
    res = runner.invoke(app, ["ingest", str(report), "--db", db])
    assert res.exit_code == 0, res.output
    from_file = json.loads(runner.invoke(app, ["tasks", str(report), "--json"]).stdout)
    res = runner.invoke(app, ["tasks", "1", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    stored = json.loads(res.stdout)
    assert [t["id"] for t in stored["tasks"]] == [t["id"] for t in from_file["tasks"]]
    res = runner.invoke(app, ["tasks", "42", "--db", db])
    assert res.exit_code == 1 and "NO_SUCH_REPORT" in res.stderr
