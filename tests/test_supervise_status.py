"""The schedule status rule on invented dates."""

from __future__ import annotations

import datetime as dt

import pytest

from duixian.errors import DuixianError
from duixian.supervise.model import STATUSES
from duixian.supervise.status import Override, StatusError, effective_status, expected_percent, schedule_status

START, END = "2024-01-01", "2024-12-31"  # 365 days: 2024-07-01 is 182 days in, 49.9%


def test_expected_percent():
    assert expected_percent(dt.date(2024, 7, 1), dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == 49.9
    assert expected_percent(dt.date(2023, 12, 1), dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == 0
    assert expected_percent(dt.date(2025, 2, 1), dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == 100


@pytest.mark.parametrize(("percent", "as_of", "status"), [
    (50, "2024-07-01", "绿灯"),     # on schedule
    (41, "2024-07-01", "绿灯"),     # 8.9 points behind: inside the band
    (39, "2024-07-01", "黄灯"),     # 10.9 behind
    (21, "2024-07-01", "黄灯"),     # 28.9 behind
    (19, "2024-07-01", "红灯"),     # 30.9 behind
    (61, "2024-07-01", "超进度"),   # 11.1 ahead
    (100, "2024-03-01", "已完成"),
    (0, "2024-01-10", "未开始"),     # 2.5% expected
    (None, "2024-01-10", "未开始"),
    (0, "2024-04-01", "黄灯"),       # 24.6% expected, nothing done
    (None, "2024-07-01", "红灯"),
    (99, "2025-01-02", "红灯"),      # overdue and unfinished
    (100, "2025-01-02", "已完成"),
])
def test_schedule_status(percent, as_of, status):
    got = schedule_status(percent, as_of, START, END)
    assert got == status and got in STATUSES


def test_thresholds_are_configurable():
    assert schedule_status(39, "2024-07-01", START, END) == "黄灯"
    assert schedule_status(39, "2024-07-01", START, END, yellow=15, red=40) == "绿灯"
    assert schedule_status(39, "2024-07-01", START, END, yellow=5, red=10) == "红灯"
    with pytest.raises(StatusError):
        schedule_status(39, "2024-07-01", START, END, yellow=30, red=10)


def test_bad_input_is_a_coded_error():
    with pytest.raises(DuixianError, match="BAD_STATUS_INPUT"):
        schedule_status(120, "2024-07-01", START, END)
    with pytest.raises(StatusError):
        schedule_status(20, "2024-13-01", START, END)


def test_effective_status():
    assert effective_status("红灯", None) == "红灯"
    assert effective_status("红灯", Override("t1", "绿灯", "上级调整了时限")) == "绿灯"
    assert effective_status("黄灯", "已完成") == "已完成"
    with pytest.raises(StatusError):
        effective_status("黄灯", "蓝灯")
