"""The KPI cards on top of a region page, the way Chinese government dashboards open: 地区生产总值 317.2亿元
↑5.6%, then the year's target beside what was achieved.

Every figure on a card is a stored record, so every figure links to its permalink (the sentence it was
read from).
"""

from __future__ import annotations

from typing import Any

# The order dashboards use; a region shows the first few it has figures for.
HEADLINE = ("地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "规模以上工业增加值",
            "居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入", "进出口总额", "财政总收入")
MAX_CARDS = 4


def _figure(m: dict[str, Any], value: float, unit: str | None) -> dict[str, Any]:
    return {"value": value, "unit": unit or "", "year": m["year"], "record_id": m["record_id"], "quote": m["quote"]}


def _target_pct(m: dict[str, Any]) -> float | None:
    if m["unit"] != "%":
        return None
    if m["value"] is not None:
        return float(m["value"])
    if m["low"] is not None and m["high"] is not None:
        return (m["low"] + m["high"]) / 2
    return m["low"] if m["low"] is not None else m["high"]


def card(metric: str, raw: list[tuple[str, dict[str, Any]]]) -> dict[str, Any] | None:
    """One metric's card from its (kind, row) pairs, rows ordered by year with the 政府工作报告's first."""
    level: dict[str, Any] | None = None
    growth: dict[str, Any] | None = None
    targets: dict[int, dict[str, Any]] = {}  # year → the year's growth target as a card figure
    for kind, m in raw:  # later years overwrite earlier ones; within a year the first (the report's) stays
        if kind == "actual":
            if m["value"] is not None and m["unit"] != "%" and (level is None or m["year"] > level["year"]):
                level = _figure(m, m["value"], m["unit"])
            g = m["growth_pct"] if m["growth_pct"] is not None else (m["value"] if m["unit"] == "%" else None)
            if g is not None and (growth is None or m["year"] > growth["year"]):
                growth = _figure(m, g, "%")
        elif kind == "target" and (pct := _target_pct(m)) is not None and m["year"] not in targets:
            targets[m["year"]] = {**_figure(m, pct, "%"), "qualifier": m.get("qualifier") or ""}
    if level is None and growth is None:
        return None
    out: dict[str, Any] = {"metric": metric, "level": level, "growth": growth, "target": None, "gap": None,
                           "next_target": None}
    if growth is not None and growth["year"] in targets:
        out["target"] = targets[growth["year"]]
        out["gap"] = round(growth["value"] - out["target"]["value"], 2)
    # the newest plan's target, when no result for its year is known yet
    last = max(targets, default=None)
    if last is not None and (growth is None or last > growth["year"]):
        out["next_target"] = targets[last]
    return out


def cards(by_metric: dict[str, list[tuple[str, dict[str, Any]]]]) -> list[dict[str, Any]]:
    out = []
    for metric in HEADLINE:
        c = card(metric, by_metric.get(metric, []))
        if c is not None:
            out.append(c)
        if len(out) == MAX_CARDS:
            break
    return out


def pledge_card(pledges: list[dict[str, Any]]) -> dict[str, Any] | None:
    """兑现 of the latest plan year that has verdicts: how many of its rated items were kept or exceeded."""
    rated = [p for p in pledges if p["by_status"]]
    if not rated:
        return None
    p = rated[-1]
    total = sum(p["by_status"].values())
    done = p["by_status"].get("kept", 0) + p["by_status"].get("exceeded", 0)
    return {"year": p["year"], "done": done, "total": total, "share": round(100 * done / total) if total else None}
