"""reading5: 明年 read by one rule in extraction and supervision; results are no pledges; bound-word
qualifiers; 存贷款 split into deposits and loans."""

from __future__ import annotations

import pytest

from duixian.extract import deadlines
from duixian.supervise.deadline import task_deadline


@pytest.mark.parametrize(("date", "year", "want"), [
    ("1980-12-01", 1981, 1981), ("2023-12-25", 2024, 2024),  # a December report for the next year
    ("2024-01-15", 2024, None), ("2024-03-05", 2024, None), (None, 2024, None), ("", 2024, None),
    ("2023-12-25", None, None),
])
def test_next_year_of(date, year, want):
    assert deadlines.next_year_of(date, year) == want


@pytest.mark.parametrize(("text", "date", "iso"), [
    ("从明年1月起实行", "1980-12-01", "1981-01-31"),  # a December report: 明年 is the plan year
    ("从明年1月起实行", "1981-03-05", "1982-01-31"),
    ("明年上半年建成", "2023-12-20", "2024-06-30"),
    ("明年6月30日前完成", "2023-12-20", "2024-06-30"),
    ("明年6月30日前完成", "2024-01-20", "2025-06-30"),
])
def test_task_deadline_reads_next_year_as_the_pledges_do(text, date, iso):
    got, _, default = task_deadline(text, int(date[:4]) + (1 if date[5:7] == "12" else 0), date)
    assert (got, default) == (iso, False)
    year = int(date[:4]) + (1 if date[5:7] == "12" else 0)
    if "日" not in text:  # the same words give the same date as a pledge's deadline
        assert deadlines.resolve(text, year, deadlines.next_year_of(date, year))[0] == got
