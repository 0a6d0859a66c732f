"""Deadlines: a time word in a plan sentence resolved to an ISO date against the year it speaks of."""

from __future__ import annotations

import calendar
import re
from typing import overload

from duixian import lexicon
from duixian.extract.quantity import number_value
from duixian.lexicon import TIME
from duixian.meta.cues import YEAR_WORD, year_value

# A year as written: Arabic (2023, 1985) or digit by digit in Chinese numerals (一九八五, 二〇二三) — meta/cues.py.
_YEAR_WORD = YEAR_WORD
_MONTH = re.compile(r"(?:(?P<year>20\d\d)\s*年\s*)?(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?P<tail>份|底|末|中旬|上旬|下旬|前|之前)?(?:前|之前)?(?!\d)")
# Parts of the plan year (data/time.csv), in month order: the earliest word of a clause wins, ties to the earlier month.
_PERIOD = tuple((pattern, month) for month, pattern in sorted(lexicon.level_patterns(TIME, "period").items()))
# Horizons longer than the plan year carry no deadline of that year.
# In Chinese numerals any count of years but one (十二年内, 五十年内, 一两年内), 几 and 若干 (几年内, 若干年内), but not
# the last digits of a year written in numerals (一九六五年内, 二〇二二年内: that year).
MULTI_YEAR = re.compile(rf"(?:\d+|(?<![〇○零一二三四五六七八九十两])(?!一年)(?:[一二三四五六七八九十两]{{1,3}}|几|若干))年(?:内|左右|时间|行动)|到(?:{_YEAR_WORD})年|“?十[三四五六]五”?(?:期间|末)|三年行动")
_YEAR = re.compile(r"(20\d\d)\s*年")
# A year written onto a period word that begins with its own 年 (2023年底前, 2022年年底, 一九八五年前): the period of
# that year.
_YEAR_ONTO = re.compile(rf"({_YEAR_WORD})\s*(?:年\s*)?$")
# A year with its 年 right before a month or another period word (一九五四年六月, 2019年上半年).
_YEAR_BEFORE = re.compile(rf"({_YEAR_WORD})\s*年\s*$")
# A time word of a year already past (去年十月, 上年第四季度, 去年10月、11月): when something happened, no deadline.
_PAST_YEAR = re.compile(r"(?:去年|上年|前年)(?:[\d一二三四五六七八九十]{1,2}月份?[、和至到])?\s*$")
# A day written after a month in Chinese numerals (今年一月十八日, 十月一日起): a dated day, which is no deadline word,
# as 6月30日 is not (_MONTH's (?!\d)).
_CN_DAY = re.compile(r"(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]")


def _year_of(m: re.Match[str] | None) -> int | None:
    return year_value(m.group(1)) if m else None


def multi_year(clause: str) -> bool:
    """Whether ``clause`` speaks of a horizon longer than the plan year (MULTI_YEAR).

    Every form holds 年 or 五 (三年内, 到2025年, 十四五): a clause with neither is not scanned."""
    return ("年" in clause or "五" in clause) and MULTI_YEAR.search(clause) is not None


# Any of the period words: a clause without one skips the per-period searches (most clauses). One flat
# alternation of the words, not one group per month: the regex engine then skips to their first characters.
_ANY_PERIOD = lexicon.pattern(TIME, "period")


_DATE_WORD = re.compile("月|" + lexicon.alternatives((TIME, "period")))  # one flat alternation: one search


def may_date(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a month or a period word, without which ``resolve`` finds no deadline in it."""
    return _DATE_WORD.search(text, start, end) is not None


@overload
def next_year_of(report_date: str | None, plan_year: int) -> int: ...
@overload
def next_year_of(report_date: str | None, plan_year: None) -> None: ...
def next_year_of(report_date: str | None, plan_year: int | None) -> int | None:
    """The year 明年 names: the plan year itself in a report delivered in December for the next year
    (从明年1月起 in a report of 1 December 1980 on 1981 is January 1981), else the year after the plan year;
    None when the plan year is not known. Pledges and supervision tasks both read 明年 through this one rule."""
    if plan_year is None:
        return None
    if report_date and report_date[:4].isdigit() and int(report_date[:4]) == plan_year - 1:
        return plan_year
    return plan_year + 1


def resolve(clause: str, year: int | None, next_year: int | None = None) -> tuple[str | None, str | None]:
    """(ISO date, the words as written) for the first deadline in ``clause``; (None, None) if none.

    ``next_year``: the year 明年 names (next_year_of: the plan year itself in a report delivered in December for
    the next year); next_year_of with no report date, the year after ``year``, when not given."""
    has_month = "月" in clause  # every month deadline ends in 月
    has_period = _ANY_PERIOD.search(clause) is not None
    if year is None or not (has_month or has_period) or multi_year(clause):
        return None, None  # a clause without a time word has no deadline: its horizon is not looked for
    if "明年" in clause:
        year = next_year if next_year is not None else next_year_of(None, year)
    best: tuple[int, str, str] | None = None
    for m in _MONTH.finditer(clause) if has_month else ():
        if clause[max(0, m.start() - 1) : m.start()] == "个" or clause[m.end() : m.end() + 1] == "日":
            continue
        month = number_value(m.group("month"))
        if month is None or not 1 <= month <= 12:
            continue
        if _CN_DAY.match(clause, m.end()) or _PAST_YEAR.search(clause, max(0, m.start() - 8), m.start()):
            continue  # a dated day (今年一月十八日) or a month of last year (去年十月): when something happened
        written = int(m.group("year")) if m.group("year") else _year_of(_YEAR_BEFORE.search(clause, max(0, m.start() - 12), m.start()))
        if written is not None and written < year:
            continue  # a month of a past year (一九五四年六月 in a later report)
        y = written or year
        day = calendar.monthrange(y, int(month))[1]
        best = (m.start(), f"{y:04d}-{int(month):02d}-{day:02d}", m.group(0))
        break
    for pattern, month in _PERIOD if has_period else ():
        for m in pattern.finditer(clause):
            if best is not None and m.start() >= best[0]:
                break  # the earliest period word wins, ties to the earlier month
            if _PAST_YEAR.search(clause, max(0, m.start() - 8), m.start()) or clause.startswith("后", m.end()):
                continue  # 去年第四季度, 去年年底: past; 一九六二年前后: around a year, not before it
            before = max(0, m.start() - 12)
            onto = _YEAR_ONTO.search(clause, before, m.start()) if m.group(0)[0] == "年" else None
            written = _year_of(onto or _YEAR_BEFORE.search(clause, before, m.start()))
            if written is not None and written < year:
                continue  # a past date (于2008年底出台的措施, 一九五三年底的统计) is no deadline: left to the other words
            ym = _YEAR.search(clause, 0, m.start()) if written is None else None
            y = written or (int(ym.group(1)) if ym and int(ym.group(1)) >= year else year)
            day = calendar.monthrange(y, month)[1]
            # the words as written include a year written onto the period word, as a month deadline's do
            best = (m.start(), f"{y:04d}-{month:02d}-{day:02d}", clause[onto.start() if onto else m.start() : m.end()])
            break
    if best is None:
        return None, None
    return best[1], best[2]
