"""A task's colour against its schedule, the office's rule (银川: 10–30 points behind is yellow, more is red).

Expected progress is the elapsed share of [start, deadline]; the gap between reported and expected progress,
in percentage points, decides. An officer may override the computed status with a reason; the workspace
stores the override and ``effective_status`` says which one counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duixian.errors import SuperviseError
from duixian.supervise.model import STATUSES


class StatusError(SuperviseError):
    code = "BAD_STATUS_INPUT"
    hint = "progress is 0–100, dates are ISO (2024-06-30), 0 < yellow ≤ red"


@dataclass(frozen=True)
class Override:
    """An officer's status for a task, with the reason the 通报 prints beside it."""

    task_id: str
    status: str
    reason: str
    author: str | None = None
    date: str | None = None


def expected_percent(as_of: dt.date, start: dt.date, deadline: dt.date) -> float:
    """The share of [start, deadline] elapsed on ``as_of``, as a percentage (0 before start, 100 after)."""
    if deadline <= start:
        return 100.0 if as_of >= deadline else 0.0
    share = (as_of - start).days / (deadline - start).days
    return round(100.0 * min(1.0, max(0.0, share)), 1)


def schedule_status(percent: float | None, as_of: dt.date | str, start: dt.date | str, deadline: dt.date | str, *,
                    yellow: float = 10, red: float = 30) -> str:
    """未开始 / 红灯 / 黄灯 / 绿灯 / 超进度 / 已完成 for ``percent`` done on ``as_of``.

    100% is 已完成 whatever the date; past the deadline and unfinished is 红灯; nothing done while less than
    ``yellow`` points were expected is 未开始; then behind by ≥ red points 红灯, by ≥ yellow 黄灯, ahead by ≥ yellow 超进度,
    else 绿灯. ``percent`` None means nothing reported: 0 for the rule.
    """
    if not 0 < yellow <= red:
        raise StatusError(f"thresholds yellow={yellow} red={red}: need 0 < yellow ≤ red")
    as_of, start, deadline = to_date(as_of), to_date(start), to_date(deadline)
    if percent is not None and not 0 <= percent <= 100:
        raise StatusError(f"progress {percent} is outside 0–100")
    done = percent or 0.0
    if done >= 100:
        return "已完成"
    if as_of > deadline:
        return "红灯"
    expected = expected_percent(as_of, start, deadline)
    if done == 0 and expected < yellow:
        return "未开始"  # nothing done while hardly anything was expected; later, nothing done is behind
    gap = done - expected
    if gap <= -red:
        return "红灯"
    if gap <= -yellow:
        return "黄灯"
    if gap >= yellow:
        return "超进度"
    return "绿灯"


def effective_status(computed: str, override: Override | str | None) -> str:
    """The officer's status when there is one, else the computed one."""
    status = override.status if isinstance(override, Override) else override
    if status:
        if status not in STATUSES:
            raise StatusError(f"unknown status {status!r}: one of {'/'.join(STATUSES)}")
        return status
    return computed


def to_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise StatusError(f"bad date {value!r}") from None
