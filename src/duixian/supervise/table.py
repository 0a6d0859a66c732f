"""The task table as the CLI and the workspace hand it out: built from a file or a stored report, as JSON."""

from __future__ import annotations

import os
from dataclasses import asdict
from typing import Any

from sqlalchemy import Engine

from duixian.contract import report_json, source_json
from duixian.extract import Extraction
from duixian.supervise.model import Task
from duixian.supervise.tasks import build_tasks
from duixian.supervise.units import UnitDirectory

TASKS_SCHEMA = "duixian.tasks/1"


def load_report(report: str | os.PathLike[str], engine: Engine | None = None) -> Extraction:
    """The extraction of ``report``: a file, or (with ``engine``) a stored report's id, hash prefix or path."""
    from duixian.pipeline import extract_file

    if engine is None or os.path.exists(report):
        return extract_file(report)
    from duixian.store.query import find_report
    from duixian.store.reload import extraction_of
    from duixian.store.verdicts import texts

    row = find_report(engine, str(report))
    return extraction_of(row, *texts(engine, row["id"]))


def task_table(x: Extraction, units: UnitDirectory | None = None) -> tuple[Task, ...]:
    return build_tasks(x.sd, x, units=units)


def task_dict(t: Task) -> dict[str, Any]:
    d = asdict(t)
    d["path"] = list(t.path)
    d["span"], d["raw_span"] = list(t.span), list(t.raw_span)
    d["quantities"] = [{"value": v, "unit": u, "object": o} for v, u, o in t.quantities]
    d["lead_units"], d["partner_units"] = list(t.lead_units), list(t.partner_units)
    return d


def summary(tasks: tuple[Task, ...]) -> dict[str, Any]:
    n = len(tasks)
    kinds: dict[str, int] = {}
    for t in tasks:
        kinds[t.kind] = kinds.get(t.kind, 0) + 1
    written = sum(not t.deadline_default and t.deadline is not None for t in tasks)
    named = sum(bool(t.lead_units or t.partner_units) and not t.units_suggested for t in tasks)
    return {"tasks": n, "by_kind": kinds, "deadline_written": written, "units_named": named,
            "units_suggested": sum(t.units_suggested for t in tasks),
            "deadline_written_share": round(written / n, 3) if n else None,
            "units_named_share": round(named / n, 3) if n else None}


def tasks_json(x: Extraction, tasks: tuple[Task, ...]) -> dict[str, Any]:
    return {"schema": TASKS_SCHEMA, "report": report_json(x.sd.report), "source": source_json(x.sd.doc),
            "summary": summary(tasks), "tasks": [task_dict(t) for t in tasks]}
