"""How many years a figure or a promise spans: one year's figure is held only against one year's promise.

A review's 累计新增城镇就业5870万人 or 五年平均增长11.8% sums or averages several years, so it says nothing exact
about the year under review; a plan's 五年累计进出口总值264.5亿美元 or “十二五”末固定资产投资达到30000亿元 is due
after that year, so a shortfall at its end is work under way, not a promise broken.
"""

from __future__ import annotations

import re

from duixian import lexicon
from duixian.extract.deadlines import multi_year
from duixian.lexicon import TIME

_SEVERAL = lexicon.pattern(TIME, "several_years")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?=\s*年)")
# The five-year plans by the year they end (十五 2001–2005 … 十五五 2026–2030).
_PLAN_END = {"十五": 2005, "十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
# A five-year plan as reports name one: in quotes, or before 规划/期间/时期/末 (not the 十五 of 百分之五十五).
_FIVE_YEAR_PLAN = re.compile(r"“(十[一二三四五]?五)”|(?<![一二三四五六七八九百])(十[一二三四五]?五)(?=规划|计划|期间|时期|末)")
# 连续五年增长: each of the years, so a one-year figure too.
_RUNNING = re.compile(r"连续[^，。；]{0,3}年")


def several_years(text: str) -> bool:
    """The figure in ``text`` is of several years (summed or averaged), not of one."""
    return _SEVERAL.search(_RUNNING.sub("", text)) is not None


def due_after(text: str, year: int | None, deadline: str | None = None) -> bool:
    """A promise whose words (到2025年, “十四五”末, 五年内) or extracted deadline put its end after ``year``."""
    if year is None:
        return False
    ends = [int(y) for y in _YEAR.findall(text)]
    ends += [_PLAN_END[name] for m in _FIVE_YEAR_PLAN.finditer(text) if (name := m.group(1) or m.group(2)) in _PLAN_END]
    if deadline and re.match(r"\d{4}", deadline):
        ends.append(int(deadline[:4]))
    if any(y > year for y in ends):
        return True
    # a horizon of several years with no end year written (五年内, 今后五年) ends after the first of them
    return not ends and (multi_year(text) or several_years(text))
