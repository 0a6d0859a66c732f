"""reading12: years, roles and parts on unseen reports (one shared year word; late-year reports; …)."""

from __future__ import annotations

import re

import pytest

from duixian.extract import deadlines, metrics
from duixian.meta.cues import YEAR_WORD, year_value
from duixian.structure import parts


@pytest.mark.parametrize(
    ("word", "year"),
    [("1954", 1954), ("2024", 2024), ("一九五四", 1954), ("一九八五", 1985), ("二〇二三", 2023), ("二○○五", 2005),
     ("二零一九", 2019)],
)
def test_the_year_word_reads_every_era_s_writing(word: str, year: int) -> None:
    assert re.fullmatch(YEAR_WORD, word)
    assert year_value(word) == year


@pytest.mark.parametrize("word", ["1854", "2150", "一八八○", "二一〇〇", "一二三四"])
def test_the_year_word_is_a_year_of_the_reports_centuries_only(word: str) -> None:
    assert re.fullmatch(YEAR_WORD, word) is None


def test_parts_deadlines_and_metrics_read_years_by_the_one_definition() -> None:
    # one definition: a change to the year word reaches all three readers
    assert YEAR_WORD in parts._YEAR.pattern
    assert deadlines._YEAR_WORD == YEAR_WORD and YEAR_WORD in deadlines.MULTI_YEAR.pattern
    assert YEAR_WORD in deadlines._YEAR_ONTO.pattern and YEAR_WORD in deadlines._YEAR_BEFORE.pattern
    assert metrics._LEADING.pattern.count(YEAR_WORD) == 1 and metrics._TRAILING.pattern.count(YEAR_WORD) == 2
