"""reading9: targets, actuals and metadata on old and unseen reports (wordings found by reading the wild set)."""

from __future__ import annotations

import pytest

from test_figure_rules import _extract, _report


@pytest.mark.parametrize(("review", "other"), [
    # the 1980s national wording: each indicator's own name, its base year, the year's level, an average rate
    ("城乡人民生活进一步改善。农民人均纯收入，2025年为270元，2030年提高到463元，扣除物价上涨因素，平均每年增长8.6%；"
     "城镇居民人均生活费收入，2025年为494.5元，2030年提高到916元，扣除物价上涨因素，平均每年增长6.3%。", "916"),
    ("粮食产量，2025年为3000万吨，2030年达到4000万吨，平均每年增长5%；"
     "乡镇企业总收入，2025年为200亿元，2030年达到300亿元，平均每年增长8%。", "300"),
    ("全县地区生产总值，2025年为50亿元，2030年达到80亿元，平均每年增长9.8%；"
     "社会商品零售额，2025年为3亿元，2030年增加到6亿元，平均每年增长14.9%。", "6亿"),
])
def test_a_name_does_not_cross_a_semicolon(tmp_path, review, other):
    """A clause without a subject takes the indicator its run between semicolons opens on, never the one the
    sentence opened on before a ；."""
    got = _extract(tmp_path, _report(review, year=2031))
    first = review.split("；")[0].split("。")[-1]
    for a in got.actuals:
        if other in a.quote:
            assert a.metric_raw not in first, (a.metric_raw, a.quote)
