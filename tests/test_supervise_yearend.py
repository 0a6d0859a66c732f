"""The year-end check on the development pair 004 (plan 2023) → 001 (its review)."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from duixian.extract import extract
from duixian.pipeline import parse
from duixian.supervise.tasks import build_tasks
from duixian.supervise.yearend import DISAGREEMENTS, check
from duixian.track import track

CORPUS = Path("/work/shared/corpus")
pytestmark = pytest.mark.skipif(not (CORPUS / "raw").is_dir(), reason="corpus not available")


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


@cache
def _pair():
    plan = extract(parse(next((CORPUS / "raw").glob("004_*.txt"))))
    review = extract(parse(next((CORPUS / "raw").glob("001_*.txt"))))
    return build_tasks(plan.sd, plan), track(plan, review)


def _task(tasks, words):
    return next(t for t in tasks if _norm(words) in _norm(t.quote))


def test_every_verdict_lands_on_one_task():
    tasks, tracking = _pair()
    ye = check(tasks, {}, tracking)
    assert len(ye.lines) == len(tasks)
    by_record = [ln for ln in ye.lines if ln.matched_by == "record_id"]
    assert len({ln.task_id for ln in by_record}) == len(by_record)
    # every rated plan item is a task of the table, and that task carries its verdict and evidence
    by_item = {v.item_id: v for v in tracking.verdicts}
    target_spans = [v.span for v in tracking.verdicts if v.kind == "target"]
    restating = {v.item_id for v in tracking.verdicts if v.kind == "pledge"
                 and sum(1 for s in target_spans if v.span[0] <= s[0] and s[1] <= v.span[1]) >= 2}
    # a pledge that restates two targets (增长8.9%,达到8.6万户) is in the table as those targets
    assert set(by_item) - restating <= {t.record_id for t in tasks}
    for t, ln in zip(tasks, ye.lines, strict=True):
        if t.record_id in by_item:
            v = by_item[t.record_id]
            assert (ln.matched_by, ln.verdict, len(ln.evidence)) == ("record_id", v.status, len(v.evidence))


def test_year_end_verdicts_agree_with_the_gold():
    tasks, tracking = _pair()
    ye = check(tasks, {}, tracking)
    gold = next(p for p in json.loads((CORPUS / "gold" / "PAIRS.json").read_text(encoding="utf-8"))
                if p["plan"].startswith("004"))
    agree = total = 0
    for g in gold["verdicts"]:
        line = next((ln for ln in ye.lines if _norm(g["pledge_quote"]) in _norm(ln.quote)
                     or (_norm(ln.quote) in _norm(g["pledge_quote"]) and ln.verdict)), None)
        if line is None:
            continue
        total += 1
        want = "not_kept" if g["verdict"] == "broken" else g["verdict"]
        agree += line.verdict == want
    assert total >= 40  # the table holds (nearly) every gold commitment of the plan
    assert agree / total >= 0.85, (agree, total)


def test_disagreements_both_ways():
    tasks, tracking = _pair()
    projects = _task(tasks, "着力抓好117个省、市、区重点项目")      # the review: 全年实施重点项目117个 (kept)
    fund = _task(tasks, "筹集促消费资金1000万元")                   # the review never mentions it
    toilets = _task(tasks, "新建和提升街头游园、街角公园20个")         # kept, and the office agrees
    office = {projects.id: "红灯", fund.id: "已完成", toilets.id: "已完成"}
    ye = check(tasks, office, tracking)
    by_id = {ln.task_id: ln for ln in ye.lines}
    assert by_id[projects.id].verdict == "kept" and by_id[projects.id].disagreement == "review_done_office_behind"
    assert any("117" in e.quote for e in by_id[projects.id].evidence)
    assert by_id[fund.id].verdict == "not_mentioned" and by_id[fund.id].disagreement == "office_done_review_silent"
    assert by_id[toilets.id].disagreement is None
    assert {ln.task_id for ln in ye.disagreements} == {projects.id, fund.id}
    assert set(DISAGREEMENTS) >= {ln.disagreement for ln in ye.disagreements}
