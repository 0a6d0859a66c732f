"""The region × year × metric panel: a target and the actual of the same place, year and metric in one row.

A target of year N comes from the document that plans N (``targets.year``, else its ``report_year``);
the actual of year N from the document that reviews N (``actuals.year``, else its ``review_year``).
Each side is chosen on its own, so a metric family never borrows from another: 城镇, 农村 and 居民
income are three canonical metrics and a row only ever holds records stored under its own name.

Flags the schema does not store (bounds such as 突破10亿元, estimates such as 预计增长8%) are derived here
from the stored quote at query time; see ``bound_word`` and ``is_estimate``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, func, insert, select, union

from duixian.errors import DuixianError
from duixian.extract.metrics import canonical, canonical_names, lower_is_better, table
from duixian.store import query
from duixian.store import schema as t
from duixian.store.query import Page
from duixian.track.pair import place


class UnknownMetricError(DuixianError):
    code = "UNKNOWN_METRIC"
    hint = "list the metrics with `duixian metrics`"


# The keys of a long panel row, in order. The first eight after the identity are the contract
# researchers asked for; the rest say where the numbers came from and how far to trust them.
IDENTITY = ("region", "admin_code", "level", "year", "metric")
CORE = ("target_value", "target_low", "target_high", "target_qualifier", "actual_value", "actual_growth", "gap",
        "verdict")
EXTRA = ("target_kind", "target_unit", "target_bound", "actual_unit", "actual_rank", "actual_bound",
         "actual_estimate", "gap_unit", "target_quote", "actual_quote", "target_report_id", "actual_report_id",
         "target_record_id", "actual_record_id", "region_full")
COLUMNS = (*IDENTITY, *CORE, *EXTRA)
# What a wide row repeats per metric (identity and provenance stay out: they would be repeated per metric).
WIDE_FIELDS = ("target_value", "target_low", "target_high", "target_qualifier", "target_unit", "target_bound",
               "actual_value", "actual_unit", "actual_growth", "actual_bound", "actual_estimate", "gap", "gap_unit",
               "verdict")

# A full report beats a plan-execution report, then an unclassified document, then a news summary
# (the same order the 兑现 tracking uses to pick a region-year's document).
_RANK = {"report": 0, "plan_execution": 1, "news": 3}

# Bound words said right at the number: 突破10亿元, 超过500万, 逾百亿 (at least); 近500万元 (just under);
# 20余亿元, 100多万 (more than). The schema stores the number only, so the word is read from the quote.
_BEFORE = re.compile(r"(突破|超过|超|逾|将近|接近|近)\s*$")
_AFTER = re.compile(r"^\s*(余|多)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+")
_ESTIMATE = re.compile(r"预计|初步")


def bound_word(quote: str | None, value: float | None) -> str | None:
    """The bound word at the figure ``value`` in ``quote`` (突破, 超, 近, 余 …), or None.

    The figure is found as written in digits; when it is not there (a value written in Chinese
    numerals, 超千亿) any number of the quote is tried."""
    if not quote:
        return None
    spans = [m.span() for m in _NUMBER.finditer(quote)]
    if value is not None:
        exact = [(s, e) for s, e in spans if quote[s:e][0].isdigit() and abs(float(quote[s:e]) - value) < 1e-9]
        spans = exact or [(s, e) for s, e in spans if not quote[s:e][0].isdigit()]
    for s, e in spans:
        m = _BEFORE.search(quote[max(0, s - 2) : s]) or _AFTER.match(quote[e : e + 2])
        if m:
            return m.group(1)
    return None


def is_estimate(quote: str | None) -> bool:
    """Whether the figure is an estimate or a preliminary count (预计, 初步核算): said in the quote."""
    return bool(quote and _ESTIMATE.search(quote))


def resolve_metrics(engine: Engine, names: Iterable[str] | None) -> list[str]:
    """Canonical names for the metrics asked for; every canonical metric when none is given.

    A wording that is not in the metric table is accepted when stored records use it (化解政府债务);
    otherwise ``UnknownMetricError`` names the nearest metrics."""
    names = list(names or [])
    if not names:
        return canonical_names()
    stored = stored_metrics(engine)
    out: list[str] = []
    for raw in names:
        name = canonical(raw)
        if name not in table() and name not in stored and raw not in stored:
            near = suggest(raw, table())  # the metric table only: stored wordings include extraction debris
            raise UnknownMetricError(
                f"unknown metric {raw!r}",
                hint=("did you mean: " + ", ".join(near) + "? " if near else "") + "list them with `duixian metrics`")
        name = name if name in table() or name in stored else raw
        if name not in out:
            out.append(name)
    return out


def suggest(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The canonical names nearest to ``word`` (aliases count, and point to their canonical name)."""
    choices = list(dict.fromkeys(choices))
    try:
        from rapidfuzz import fuzz, process

        hits = [c for c, score, _ in process.extract(word, choices, scorer=fuzz.WRatio, limit=limit * 3) if score >= 50]
    except ImportError:  # rapidfuzz is named in the design but optional here: difflib gives a similar list
        import difflib

        hits = difflib.get_close_matches(word, choices, n=limit * 3, cutoff=0.3)
    names = table()
    return list(dict.fromkeys(names.get(h, h) for h in hits))[:limit]


def stored_metrics(engine: Engine) -> dict[str, tuple[int, int]]:
    """Every metric name in the stored targets and actuals → (number of targets, number of actuals)."""
    out: dict[str, list[int]] = {}
    with engine.connect() as conn:
        for i, tab in enumerate((t.targets, t.actuals)):
            for name, n in conn.execute(select(tab.c.metric, func.count()).group_by(tab.c.metric)):
                if name is not None:
                    out.setdefault(name, [0, 0])[i] = n
    return {k: (a, b) for k, (a, b) in out.items()}


def metric_table(engine: Engine) -> list[dict[str, Any]]:
    """The metric table (data/metrics.csv) with how many stored targets and actuals use each metric."""
    used = stored_metrics(engine)
    aliases: dict[str, list[str]] = {}
    for alias, name in table().items():
        if alias != name:
            aliases.setdefault(name, []).append(alias)
    return [{"metric": name, "aliases": aliases.get(name, []), "lower_is_better": lower_is_better(name),
             "n_targets": used.get(name, (0, 0))[0], "n_actuals": used.get(name, (0, 0))[1]}
            for name in canonical_names()]


_Key = tuple[str, int, int]  # (place, year, position of the metric in the order asked for)
PANEL_CHUNK = 1000  # panel rows whose verdicts are looked up per query


def _first(row: tuple) -> Any:
    return row[0]


def _report_places(conn: Connection) -> Iterator[tuple[int, str, tuple[Any, Any, Any]]]:
    """(report id, place key, (region, region_full, admin_code)) of every report that says where it is, from
    the place index; ``place`` is looked up once per region as written, not per report."""
    r = t.reports.c
    cache: dict[tuple, str | None] = {}
    # no ORDER BY: the place index (ix_reports_place) holds these columns and the id, so the database reads
    # it alone instead of the table whose rows hold the texts; 10,000 ids sort in Python in a millisecond
    rows = sorted(map(tuple, conn.execute(select(r.id, r.region, r.region_full, r.admin_code))), key=_first)
    for rid, region, full, code in rows:
        where = (region, full, code)
        if where not in cache:
            cache[where] = place({"region": region, "region_full": full, "admin_code": code})
        if cache[where] is not None:  # a report that does not say where cannot sit in the panel
            yield rid, cache[where], where  # type: ignore[misc]


def _temp_tables(conn: Connection, names: list[str],
                 only: list[tuple[int, str]] | None = None) -> tuple[Table, Table]:
    """Per-connection temporary tables: each report's place key (``place`` is Python: the division table
    resolves a name without a code) and each metric's position, so that the database can sort the records
    in the panel's order and the panel is read as a stream instead of collected in memory."""
    # the sort must be Python's (code points): the C collation on PostgreSQL, SQLite's default BINARY
    collate = "C" if conn.dialect.name == "postgresql" else "BINARY"
    tag = uuid.uuid4().hex[:8]  # a pooled connection may still hold an earlier run's tables
    meta = MetaData()
    places = Table(f"panel_place_{tag}", meta, Column("report_id", Integer, primary_key=True),
                   Column("place", String(collation=collate), nullable=False), prefixes=["TEMPORARY"])
    metrics = Table(f"panel_metric_{tag}", meta, Column("metric", String, primary_key=True),
                    Column("ord", Integer, nullable=False), prefixes=["TEMPORARY"])
    meta.create_all(conn)
    if names:
        conn.execute(insert(metrics), [{"metric": m, "ord": i} for i, m in enumerate(names)])
    # ``only``: these (report, place) pairs, so that the panel is made for those places alone (a page)
    pairs = iter(only) if only is not None else ((rid, key) for rid, key, _ in _report_places(conn))
    while rows := [{"report_id": rid, "place": key} for rid, key in islice(pairs, query.CHUNK)]:
        conn.execute(insert(places), rows)
    return places, metrics


def _side(conn: Connection, table_: Any, places: Table, metrics: Table, plan: bool,
          year: int | None) -> Iterator[tuple[_Key, dict[str, Any]]]:
    """The chosen record per (place, year, metric) of one side (targets when ``plan``, else actuals), in the
    panel's order, read as a stream: only one cell's candidates are held at a time."""
    r, c = t.reports.c, table_.c
    doc_year = r.report_year if plan else r.review_year
    cell_year = func.coalesce(c.year, doc_year)
    cols = [c.id, c.metric, c.year, c.value, c.unit, c.quote, c.record_id, c.span_start, c.report_id]
    cols += [c.kind, c.low, c.high, c.qualifier] if plan else [c.growth_pct, c.rank]
    numbers = ("value", "low", "high") if plan else ("value", "growth_pct")
    q = (select(*cols, r.region, r.region_full, r.admin_code, r.level, r.doc_type, doc_year.label("doc_year"),
                places.c.place, cell_year.label("cell_year"), metrics.c.ord)
         .join(t.reports, r.id == c.report_id).join(places, places.c.report_id == c.report_id)
         .join(metrics, metrics.c.metric == c.metric)
         .where(cell_year.is_not(None) if year is None else cell_year == year)
         .order_by(places.c.place, cell_year, metrics.c.ord))
    key: _Key | None = None
    best: tuple[tuple, dict[str, Any]] | None = None
    for m in conn.execute(q.execution_options(yield_per=query.CHUNK)).mappings():
        k = (m["place"], m["cell_year"], m["ord"])
        # the document about that year first (the plan of N for a target of N, the review of N for an
        # actual of N), then the kind of document, then the first stored, then a record with a number,
        # then the first in the text (the headline sentence comes before the task that repeats it),
        # then the first stored record (ties otherwise fell to the order the database returned them)
        rank = (m["doc_year"] != m["cell_year"], _RANK.get(m["doc_type"], 2), m["report_id"],
                all(m[x] is None for x in numbers), m["span_start"], m["id"])
        if k != key:
            if best is not None:
                yield key, best[1]  # type: ignore[misc]
            key, best = k, None
        if best is None or rank < best[0]:
            best = (rank, dict(m))
    if best is not None:
        yield key, best[1]  # type: ignore[misc]


def _cells(targets: Iterator[tuple[_Key, dict[str, Any]]], actuals: Iterator[tuple[_Key, dict[str, Any]]]
           ) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """(target, actual) per cell: the two sides merged by their common order."""
    end = (None, None)
    tk, tg = next(targets, end)
    ak, ac = next(actuals, end)
    while tk is not None or ak is not None:
        if ak is None or (tk is not None and tk < ak):
            yield tg, None
            tk, tg = next(targets, end)
        elif tk is None or ak < tk:
            yield None, ac
            ak, ac = next(actuals, end)
        else:
            yield tg, ac
            tk, tg = next(targets, end)
            ak, ac = next(actuals, end)


def _verdicts(conn: Any, targets: Iterable[dict[str, Any]]) -> dict[tuple[int, str], str]:
    """The stored 兑现 status of each target record (the newest when it was rated more than once)."""
    ids = {m["report_id"] for m in targets}
    v = t.verdicts.c
    out: dict[tuple[int, str], str] = {}
    if not ids:
        return out
    q = (select(v.plan_report_id, v.item_record_id, v.status).where(v.item_kind == "target", v.plan_report_id.in_(ids))
         .order_by(v.created_at, v.id))
    for pid, rid, status in conn.execute(q):
        out[(pid, rid)] = status
    return out


def gap(target: dict[str, Any] | None, actual: dict[str, Any] | None) -> tuple[float | None, str | None]:
    """actual growth − target for a growth target in %; actual − target for a level, rate or cap in the
    same unit; None when the two are not comparable (another unit, no number, a 个百分点 target)."""
    if not target or not actual or target["value"] is None:
        return None, None
    if target["kind"] == "growth":
        if actual["growth_pct"] is None or target["unit"] not in ("%", None):
            return None, None
        return round(actual["growth_pct"] - target["value"], 6), "个百分点"
    if target["kind"] in ("level", "rate", "cap") and actual["value"] is not None and target["unit"] == actual["unit"]:
        unit = "个百分点" if target["unit"] == "%" else target["unit"]
        return round(actual["value"] - target["value"], 6), unit
    return None, None


def panel_rows(engine: Engine, metrics: Iterable[str] | None = None, *, region: str | None = None,
               year: int | None = None) -> list[dict[str, Any]]:
    """The long panel: one row per place × year × metric that has a target or an actual (``COLUMNS``)."""
    return list(iter_panel(engine, metrics, region=region, year=year))


def iter_panel(engine: Engine, metrics: Iterable[str] | None = None, *, region: str | None = None,
               year: int | None = None) -> Iterator[dict[str, Any]]:
    """``panel_rows`` one row at a time, in the panel's order (place, year, metric as asked): the database
    sorts both sides' records by cell and each cell is decided as it passes, so memory holds one cell and
    ``PANEL_CHUNK`` finished rows, not the panel (the temporary place table costs the database one row per
    report)."""
    names = resolve_metrics(engine, metrics)
    yield from _iter_cells(engine, names, region, year)


def _iter_cells(engine: Engine, names: list[str], region: str | None, year: int | None,
                only: list[tuple[int, str]] | None = None) -> Iterator[dict[str, Any]]:
    """``iter_panel`` of resolved metric names; of the places of ``only`` (report, place) alone when given."""
    # the temporary tables are created inside the connection's transaction, which is rolled back when the
    # connection is given back: they go with it, on both backends, however the reading ends
    with engine.connect() as conn:
        places, ords = _temp_tables(conn, names, only)
        targets = _side(conn, t.targets, places, ords, True, year)
        actuals = _side(conn, t.actuals, places, ords, False, year)
        done: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = []
        for cell in _cells(targets, actuals):
            done.append(cell)
            if len(done) == PANEL_CHUNK:
                yield from _finish(conn, done, region)
                done = []
        yield from _finish(conn, done, region)


def _finish(conn: Connection, cells: list[tuple[dict[str, Any] | None, dict[str, Any] | None]],
            region: str | None) -> Iterator[dict[str, Any]]:
    verdicts = _verdicts(conn, [tg for tg, _ in cells if tg is not None])
    for tg, ac in cells:
        row = _panel_row(tg, ac, verdicts)
        if not region or region in (row["region"], row["region_full"], row["admin_code"]):
            yield row


def _panel_row(tg: dict[str, Any] | None, ac: dict[str, Any] | None,
               verdicts: dict[tuple[int, str], str]) -> dict[str, Any]:
    who: dict[str, Any] = tg or ac or {}
    g, g_unit = gap(tg, ac)
    return {
        "region": who["region"], "admin_code": who["admin_code"], "level": who["level"], "year": who["cell_year"],
        "metric": who["metric"],
        "target_value": tg and tg["value"], "target_low": tg and tg["low"], "target_high": tg and tg["high"],
        "target_qualifier": tg and tg["qualifier"],
        "actual_value": ac and ac["value"], "actual_growth": ac and ac["growth_pct"],
        "gap": g, "verdict": verdicts.get((tg["report_id"], tg["record_id"])) if tg else None,
        "target_kind": tg and tg["kind"], "target_unit": tg and tg["unit"],
        "target_bound": bound_word(tg["quote"], tg["value"]) if tg else None,
        "actual_unit": ac and ac["unit"], "actual_rank": ac and ac["rank"],
        "actual_bound": bound_word(ac["quote"], ac["value"]) if ac else None,
        "actual_estimate": int(is_estimate(ac["quote"])) if ac else None,
        "gap_unit": g_unit,
        "target_quote": tg and tg["quote"], "actual_quote": ac and ac["quote"],
        "target_report_id": tg and tg["report_id"], "actual_report_id": ac and ac["report_id"],
        "target_record_id": tg and tg["record_id"], "actual_record_id": ac and ac["record_id"],
        "region_full": who["region_full"],
    }


def wide(rows: list[dict[str, Any]], metrics: list[str]) -> list[dict[str, Any]]:
    """One row per place × year, the ``WIDE_FIELDS`` of each metric as ``{metric}_{field}`` columns.

    Every metric asked for gets its columns even when no row has it, so the columns of a wide panel
    depend on the question, not on the data."""
    out: dict[tuple[str | None, int], dict[str, Any]] = {}
    for r in rows:
        key = (r["admin_code"] or r["region_full"] or r["region"], r["year"])
        w = out.get(key)
        if w is None:
            w = out[key] = {"region": r["region"], "admin_code": r["admin_code"], "level": r["level"], "year": r["year"]}
            for m in metrics:
                w.update({f"{m}_{f}": None for f in WIDE_FIELDS})
        for f in WIDE_FIELDS:
            w[f"{r['metric']}_{f}"] = r[f]
    return list(out.values())


def pledge_quantity_rows(engine: Engine) -> Iterator[dict[str, Any]]:
    """Each quantity of each pledge as its own row (``pledges.quantities`` holds them as a JSON list), streamed."""
    import json

    from duixian.store.query import stream_rows

    r, p = t.reports.c, t.pledges.c
    q = (select(r.region, r.admin_code, r.report_year, p.report_id, p.record_id, p.quantities)
         .join(t.reports, r.id == p.report_id).order_by(p.report_id, p.span_start, p.id))
    for m in stream_rows(engine, q):
        for n, qty in enumerate(json.loads(m["quantities"] or "[]"), 1):
            value = qty.get("value")
            yield {"region": m["region"], "admin_code": m["admin_code"], "report_year": m["report_year"],
                   "report_id": m["report_id"], "pledge_record_id": m["record_id"], "n": n,
                   "value": None if value is None else float(value), "unit": qty.get("unit"),
                   "object": qty.get("object")}


def verdict_rows(engine: Engine) -> Iterator[dict[str, Any]]:
    """Stored verdicts with the plan's region, code and year, and the judged target's metric, streamed."""
    from duixian.store.query import stream_rows

    r, v, tg = t.reports.c, t.verdicts.c, t.targets.c
    q = (select(r.region, r.admin_code, r.report_year.label("year"), tg.metric, t.verdicts)
         .join(t.reports, r.id == v.plan_report_id)
         .outerjoin(t.targets, (tg.report_id == v.plan_report_id) & (tg.record_id == v.item_record_id)
                    & (v.item_kind == "target"))
         .order_by(v.plan_report_id, v.item_start, v.id))
    return stream_rows(engine, q)


def panel_page(engine: Engine, metrics: Iterable[str] | None = None, *, region: str | None = None,
               year: int | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    """One page of the panel (``iter_panel``'s rows, in its order) with the number of rows in all, without
    making the whole panel: the rows are made a few places at a time, in place order, until the page is
    full (every record of a cell is of its place's reports, so a place's rows are the same when made alone),
    and the total is counted from the records' (place, year, metric) keys. On 9,978 reports the first page
    takes 0.5 s, the whole panel 3 s; a deep page costs what the places before it do."""
    names = resolve_metrics(engine, metrics)
    start = max(0, offset)
    with engine.connect() as conn:
        by_place: dict[str, list[tuple[int, tuple[Any, Any, Any]]]] = {}
        for rid, key, where in _report_places(conn):
            by_place.setdefault(key, []).append((rid, where))
    if region:  # the places with a report of that name (rows are still filtered by their own report's name)
        by_place = {k: v for k, v in by_place.items() if any(region in w for _, w in v)}
    if limit is None or region:
        rows = list(_iter_cells(engine, names, region, year, [(rid, k) for k, v in by_place.items() for rid, _ in v]))
        return Page(rows[start: start + limit] if limit is not None else rows[start:], len(rows), start, limit)
    total = _count(engine, names, {rid: k for k, v in by_place.items() for rid, _ in v}, year)
    keys = sorted(by_place)  # the panel's order: code points, as the temporary table's collation sorts
    rows = []
    i = 0
    while i < len(keys) and len(rows) < start + limit:
        only: list[tuple[int, str]] = []
        while i < len(keys) and (not only or len(only) + len(by_place[keys[i]]) <= PAGE_REPORTS):
            only += [(rid, keys[i]) for rid, _ in by_place[keys[i]]]
            i += 1
        rows += _iter_cells(engine, names, None, year, only)
    return Page(rows[start: start + limit], total, start, limit)


PAGE_REPORTS = 200  # reports whose rows are made at a time while a page is filled


def _count(engine: Engine, names: list[str], place_of: dict[int, str], year: int | None) -> int:
    """How many rows the panel has: its distinct (place, year, metric) keys, counted by the database from the
    covering indexes on (metric, report_id, year) of targets and actuals (migration 0007) and temporary
    tables of each report's place and years and of the metrics' numbers; no record row is read or sent to
    Python. Places and metrics are numbered here so that the database compares integers, not strings."""
    r = t.reports.c
    tag = uuid.uuid4().hex[:8]
    meta = MetaData()
    rep = Table(f"panel_count_{tag}", meta, Column("report_id", Integer, primary_key=True),
                Column("place", Integer, nullable=False), Column("plan_year", Integer),
                Column("review_year", Integer), prefixes=["TEMPORARY"])
    met = Table(f"panel_count_metric_{tag}", meta, Column("metric", String, primary_key=True),
                Column("ord", Integer, nullable=False), prefixes=["TEMPORARY"])
    number: dict[str, int] = {}
    with engine.connect() as conn:  # rolled back when given back: the temporary tables go with it
        meta.create_all(conn)
        if names:
            conn.execute(insert(met), [{"metric": m, "ord": i} for i, m in enumerate(dict.fromkeys(names))])
        years = conn.execute(select(r.id, r.report_year, r.review_year)).all()
        rows = [{"report_id": rid, "place": number.setdefault(place_of[rid], len(number)), "plan_year": ry,
                 "review_year": vy} for rid, ry, vy in years if rid in place_of]
        for i in range(0, len(rows), query.CHUNK):
            conn.execute(insert(rep), rows[i: i + query.CHUNK])
        sides = []
        for table_, doc_year in ((t.targets, rep.c.plan_year), (t.actuals, rep.c.review_year)):
            c = table_.c
            cell_year = func.coalesce(c.year, doc_year)
            sides.append(select(rep.c.place, cell_year.label("y"), met.c.ord)
                         .join(rep, rep.c.report_id == c.report_id).join(met, met.c.metric == c.metric)
                         .where(cell_year.is_not(None) if year is None else cell_year == year))
        keys = union(*sides).subquery()  # UNION, not UNION ALL: a key with a target and an actual is one row
        return conn.execute(select(func.count()).select_from(keys)).scalar_one()
