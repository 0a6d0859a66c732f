"""The task table (duixian.supervise.tasks): gold coverage on the two full reports, grounding, numbering,
deadlines and owners on invented text."""

from __future__ import annotations

import glob
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from duixian.extract import extract
from duixian.pipeline import parse
from duixian.supervise.deadline import task_deadline
from duixian.supervise.model import Task
from duixian.supervise.owners import find_units
from duixian.supervise.tasks import build_tasks, with_units
from duixian.supervise.units import UnitDirectory

CORPUS = Path("/work/shared/corpus")
needs_corpus = pytest.mark.skipif(not (CORPUS / "raw").is_dir(), reason="corpus not available")


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


@cache
def _table(doc: str) -> tuple[object, tuple[Task, ...]]:
    path = glob.glob(str(CORPUS / "raw" / f"{doc}_*.txt"))[0]
    sd = parse(path)
    return sd, build_tasks(sd, extract(sd), units=UnitDirectory.sample())


def _found(gold: str, tasks: tuple[Task, ...]) -> bool:
    """A gold item is in the table when a row quotes it (a row no longer than a few items), or when rows
    quoting parts of it cover at least 60% of its characters (an item the table splits in two rows)."""
    g = _norm(gold)
    covered = [False] * len(g)
    for t in tasks:
        q = _norm(t.quote)
        if g in q and len(q) <= 3 * len(g) + 10:
            return True
        at = g.find(q) if len(q) >= 4 else -1
        if at != -1:
            covered[at:at + len(q)] = [True] * len(q)
    return sum(covered) >= 0.6 * len(g)


def _gold(doc: str) -> dict:
    return json.loads(Path(glob.glob(str(CORPUS / "gold" / f"{doc}_*.json"))[0]).read_text(encoding="utf-8"))


@needs_corpus
@pytest.mark.parametrize("doc", ["000", "001"])
def test_every_gold_target_and_livelihood_item_is_a_row(doc):
    _sd, tasks = _table(doc)
    gold = _gold(doc)
    targets = [t["quote"] for t in gold["targets"]]
    livelihood = [p.get("text") or p["quote"] for p in gold["pledges"] if p["category"] == "民生实事"]
    assert targets and livelihood
    missing = [q for q in targets + livelihood if not _found(q, tasks)]
    assert not missing, missing
    # the targets are rows of their own kind, each under the heading path of the plan chapter
    assert sum(t.kind == "target" for t in tasks) >= len(gold["targets"])
    assert all(t.path for t in tasks if t.kind == "target")


@needs_corpus
@pytest.mark.parametrize("doc", ["000", "001"])
def test_rows_are_grounded_numbered_and_dated(doc):
    sd, tasks = _table(doc)
    assert len({t.id for t in tasks}) == len(tasks)
    assert len({t.number for t in tasks}) == len(tasks)
    year = sd.report.report_year
    for t in tasks:
        assert sd.text[t.span[0]:t.span[1]] == t.quote
        assert t.raw_span == sd.doc.raw_span(*t.span)
        assert t.deadline is not None and t.deadline.startswith(str(year))
        assert t.deadline_default == (t.deadline_raw is None)
        assert not any(p.startswith("s") and p[1:].isdigit() for p in t.path)  # titles, never section ids
    # 民生实事 rows sit under their numbered item: 三.（七）.1-2 is the second row of item 1
    live = [t for t in tasks if t.kind == "livelihood"]
    assert live and all(re.search(r"\.\d+-\d+$", t.number) for t in live)
    # a stable table: the same file gives the same ids
    again = build_tasks(sd, extract(sd), units=UnitDirectory.sample())
    assert [t.id for t in again] == [t.id for t in tasks]


@needs_corpus
def test_a_pledge_inside_a_lead_sentence_is_one_row():
    _sd, tasks = _table("001")
    leads = [t for t in tasks if t.kind == "task"]
    records = [t for t in tasks if t.kind != "task"]
    assert leads
    assert not any(r.span[0] < t.span[1] and t.span[0] < r.span[1] for t in leads for r in records)


def _invented(tmp_path, body: str):
    p = tmp_path / "r.txt"
    p.write_text("政府工作报告\n——2024年1月10日在某某县第十届人民代表大会第三次会议上\n县长  张三\n各位代表：\n"
                 "一、2023年工作回顾\n过去一年，全县地区生产总值增长6%。\n二、2024年工作安排\n" + body, encoding="utf-8")
    sd = parse(p)
    return sd, build_tasks(sd, extract(sd))


def test_owners_and_deadlines_on_invented_text(tmp_path):
    _sd, tasks = _invented(
        tmp_path,
        "（一）加快项目建设\n全力推进重点项目建设。6月30日前建成县第一中学新校区，由县教育局牵头，县财政局、县住建局配合。"
        "年底前完成老旧小区改造12个。\n（二）办好民生实事\n着力稳定就业。新增城镇就业3000人。\n",
    )
    by_text = {t.text: t for t in tasks}
    school = next(t for t in tasks if "第一中学" in t.quote)
    assert school.deadline == "2024-06-30" and not school.deadline_default
    assert school.lead_units == ("县教育局",) and school.partner_units == ("县财政局", "县住建局")
    assert not school.units_suggested
    old = next(t for t in tasks if "老旧小区" in t.quote)
    assert old.deadline == "2024-12-31" and old.deadline_raw == "年底前"
    jobs = next(t for t in tasks if "3000人" in t.quote)
    assert jobs.deadline == "2024-12-31" and jobs.deadline_default
    assert "着力稳定就业" in by_text and by_text["着力稳定就业"].kind == "task"
    assert by_text["着力稳定就业"].path == ("2024年工作安排", "办好民生实事")
    assert by_text["着力稳定就业"].number.startswith("二.（二）-")
    assert not any("地区生产总值增长6%" in t.quote for t in tasks)  # the review is not the plan


def test_directory_suggests_lead_units_by_theme(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("政府工作报告\n二、2024年工作安排\n今年要新建中小学校3所，增加学位2000个。改造农村公路50公里。\n",
                 encoding="utf-8")
    sd = parse(p)
    tasks = build_tasks(sd, extract(sd), units=UnitDirectory.sample())
    school = next(t for t in tasks if "学校" in t.quote)
    road = next(t for t in tasks if "公路" in t.quote)
    assert school.lead_units == ("教育局",) and school.units_suggested
    assert road.lead_units == ("交通运输局",) and road.units_suggested
    bare = build_tasks(sd, extract(sd))
    assert all(t.lead_units == () and not t.units_suggested for t in bare)
    # the directory applied afterwards gives the same suggestions
    assert [t.lead_units for t in with_units(bare, UnitDirectory.sample())] == [t.lead_units for t in tasks]


def test_find_units_reads_the_genre_wordings():
    assert find_units("由区发改委牵头，区财政局、区住建局配合") == (("区发改委",), ("区财政局", "区住建局"))
    assert find_units("（牵头单位：区卫健委；配合单位：区民政局）") == (("区卫健委",), ("区民政局",))
    assert find_units("區教育局牽頭負責") == (("區教育局",), ())
    assert find_units("各级干部要负责任，各方面协同发力") == ((), ())
    d = UnitDirectory.parse("单位名称,简称,主题\n发展和改革委员会,区发改委|发改委,项目\n")
    assert find_units("由区发改委牵头", d) == (("发展和改革委员会",), ())
    assert find_units("由区文物所牵头", d) == (("区文物所",), ())  # unknown units are kept as written


@pytest.mark.parametrize(("text", "iso", "default"), [
    ("6月30日前完成", "2024-06-30", False), ("年底前建成", "2024-12-31", False), ("上半年投用", "2024-06-30", False),
    ("三季度开工", "2024-09-30", False), ("十月底前", "2024-10-31", False), ("年内建成", "2024-12-31", False),
    ("建成学校", "2024-12-31", True), ("2月30日前", "2024-12-31", True),
])
def test_task_deadline(text, iso, default):
    got, _, dflt = task_deadline(text, 2024)
    assert (got, dflt) == (iso, default)
    assert task_deadline("建成学校", None) == (None, None, False)


@needs_corpus
@pytest.mark.parametrize("name", sorted(p.name for p in (CORPUS / "raw").glob("*")) if (CORPUS / "raw").is_dir() else [])
def test_every_corpus_document_gives_a_grounded_table(name):
    sd = parse(CORPUS / "raw" / name)
    tasks = build_tasks(sd, extract(sd), units=UnitDirectory.sample())
    assert len({t.number for t in tasks}) == len(tasks)
    for t in tasks:
        assert sd.text[t.span[0]:t.span[1]] == t.quote
