"""A task's 完成时限: the time words of its sentence as an ISO date of the plan year, or the year's end."""

from __future__ import annotations

import calendar
import re

from duixian.extract import deadlines
from duixian.extract.quantity import number_value

# 6月30日前 / 2024年9月15日之前: a day the extraction's month grammar leaves out.
_DAY = re.compile(
    r"(?:(?P<year>20\d\d)\s*年\s*)?(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*"
    r"(?P<day>3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号號]"
    r"(?:前|之前|以前)?"
)


def task_deadline(text: str, year: int | None, report_date: str | None = None) -> tuple[str | None, str | None, bool]:
    """(ISO date, the words as written, default?) — default: no time word, the plan year's 12-31.

    ``report_date``: when the report was delivered; 明年 in a December report is the plan year itself, by the
    same rule as the pledges' deadlines (deadlines.next_year_of)."""
    if year is not None and not deadlines.MULTI_YEAR.search(text):
        m = _DAY.search(text)
        if m:
            y = int(m.group("year")) if m.group("year") else year
            if not m.group("year") and text[max(0, m.start() - 2):m.start()] == "明年":  # 明年6月30日前
                y = deadlines.next_year_of(report_date, year)
            month, day = number_value(m.group("month")), number_value(m.group("day"))
            if month and day and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(y, int(month))[1]:
                return f"{y:04d}-{int(month):02d}-{int(day):02d}", m.group(0), False
    iso, raw = deadlines.resolve(text, year, deadlines.next_year_of(report_date, year))
    if iso is not None:
        return iso, raw, False
    if year is None:
        return None, None, False
    return f"{year:04d}-12-31", None, True
