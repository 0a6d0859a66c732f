"""The stored reports the office may make a workspace from, one filtered page at a time.

A workspace is made from a government work report or a plan-execution report (or a report whose type the
reader could not tell); news and other documents are never offered. ``store.query.report_page`` filters one
``doc_type`` at a time, so "any of those" needs its own query; it keeps report_page's order (region, year,
id: the ix_reports_region_year index's) and region filter, and reads only the few columns the picker shows,
never the texts, so a page costs about the same at 100 reports and at 60,000.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, or_, select

from duixian.store import schema as t
from duixian.store.query import Page, levels, region_clause
from duixian.supervise.store import BadValueError

KINDS = ("report", "plan_execution")  # the doc types a task table can be made from
PER_PAGE = 50
MAX_PAGE = 1_000_000  # bounds the offset handed to the database (a page past the end is empty)
COLUMNS = ("id", "region", "region_full", "level", "report_year", "doc_type", "title")


@dataclass(frozen=True)
class Filters:
    """What the office typed: a region (name, full name, admin code, or a place it contains), a year, a level
    and one of KINDS; empty means any."""

    region: str | None = None
    year: int | None = None
    level: str | None = None
    kind: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"region": self.region, "year": self.year, "level": self.level, "kind": self.kind}


def parse_year(value: str | int | None) -> int | None:
    """A year from the filter form: empty means any; anything else four ASCII digits at most."""
    if value is None or isinstance(value, int):
        return value
    v = value.strip()
    if not v:
        return None
    if not (v.isascii() and v.isdigit() and len(v) <= 4 and int(v) >= 1):
        raise BadValueError(f"年份 {v[:20]!r} 不是年份：请写成四位数字，例如 2024，也可以留空",
                            en=f"{v[:20]!r} is not a year: write four digits, e.g. 2024, or leave it empty")
    return int(v)


def filters(region: str | None, year: str | int | None, level: str | None, kind: str | None) -> Filters:
    if kind and kind not in KINDS:
        raise BadValueError(f"报告类型 {kind[:20]!r} 不能用来新建工作台（可选：政府工作报告、计划执行报告）",
                            en=f"a workspace cannot be made from a {kind[:20]!r}: a work report or plan-execution "
                               "report can")
    return Filters((region or "").strip() or None, parse_year(year), (level or "").strip() or None, kind or None)


def report_choices(engine: Engine, f: Filters, *, limit: int = PER_PAGE, offset: int = 0) -> Page:
    """One page of the reports matching ``f`` whose type is one of KINDS or unknown, and how many match."""
    r = t.reports.c
    where: list[Any] = [r.doc_type == f.kind] if f.kind else [or_(r.doc_type.in_(KINDS), r.doc_type.is_(None))]
    if f.region:
        where.append(region_clause(f.region))
    if f.year is not None:
        where.append(r.report_year == f.year)
    if f.level:
        where.append(r.level == f.level)
    keys = select(r.id).where(*where)
    offset = max(0, offset)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(t.reports).where(*where)).scalar_one()
        after = total - offset - limit  # rows past this page
        if 0 < offset < total and after < offset:
            # nearer the end: the page's keys counted backwards from the end (the exact reverse order, NULLs
            # included, on SQLite and PostgreSQL), so the database steps over the rows after it instead of the
            # rows before it. The OFFSET was the cost: the last of 1,092 pages at 54,582 reports took 99 ms of its 124.
            keys = (keys.order_by(r.region.desc(), r.report_year.desc(), r.id.desc())
                    .limit(min(limit, total - offset)).offset(max(0, after)))
        else:
            keys = keys.order_by(r.region, r.report_year, r.id).limit(limit).offset(offset)
        # only the page's ids are found by stepping over the rows before it, in ix_reports_picker (migration
        # 0009), which holds the order and the filters' columns: the OFFSET passes over index entries, not
        # table rows (a page each, the texts beside them; the middle page at 9,166 was 7.1 ms that way, 0.2 ms
        # this way). Then the page's rows are read by id.
        page = keys.subquery()
        q = (select(*(r[c] for c in COLUMNS)).join(page, page.c.id == r.id)
             .order_by(r.region, r.report_year, r.id))
        rows = [dict(m) for m in conn.execute(q).mappings()]
    return Page(rows, total, offset, limit)


def picker(engine: Engine, f: Filters, page: int = 1, per_page: int = PER_PAGE) -> dict[str, Any]:
    """The home page's report picker: the page's reports (``reports``, as before: the first page when
    unfiltered) and ``reports_page``: the filters, the levels to choose from, the total and the page."""
    page = min(max(1, page), MAX_PAGE)
    got = report_choices(engine, f, limit=per_page, offset=(page - 1) * per_page)
    return {"reports": got.rows,
            "reports_page": {"filters": f.as_dict(), "levels": levels(engine), "kinds": list(KINDS),
                             "total": got.total, "page": page, "pages": max(1, math.ceil(got.total / per_page)),
                             "per_page": per_page}}
