"""reading6: wordings of real reports found by reading the unlabelled wild set (qualifiers, lone figures,
five-year reviews, old national reports)."""

from __future__ import annotations

import pytest

from test_figure_rules import _extract, _report

_GOALS = "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；{}。"


@pytest.mark.parametrize(("clause", "kind"), [
    ("居民消费价格涨幅控制在3%以下", "cap"), ("城镇登记失业率控制在4.5%以下", "cap"),
    ("居民消费价格总水平涨幅3%以下", "cap"), ("人口自然增长率控制在6‰以下", "cap"),
])
def test_an_upper_bound_written_yixia_is_the_labels_yinei(tmp_path, clause, kind):
    """以下 after a goal is an upper bound, as 以内 is; the qualifiers are 左右/以上/以内/同步 only."""
    got = _extract(tmp_path, _report("全年地区生产总值增长6%。", _GOALS.format(clause)))
    rows = {t.quote: (t.qualifier, t.target_kind) for t in got.targets}
    assert rows.get(clause, (None, None))[0] == "以内"
    if "‰" not in clause:
        assert rows[clause][1] == kind


@pytest.mark.parametrize(("clause", "metric", "value", "growth"), [
    ("年末金融机构各项存款余额520亿元，增长12.3%", "金融机构存款余额", 520, 12.3),
    ("全县金融机构本外币各项存款余额达到86.4亿元，比年初增加9.1亿元", "金融机构存款余额", 86.4, None),
    ("年末人民币各项贷款余额3000亿元，同比增长9%", "金融机构贷款余额", 3000, 9),
    ("金融机构人民币存款余额1.2万亿元", "金融机构存款余额", 1.2, None),
])
def test_a_lone_deposit_or_loan_balance_is_an_actual(tmp_path, clause, metric, value, growth):
    """各项/人民币/本外币 say what a balance counts; alone in its sentence (no pair to vouch for it) it is still
    the indicator of the metric table."""
    got = _extract(tmp_path, _report(f"全年地区生产总值增长6%。{clause}。"))
    assert (metric, value, growth) in {(a.metric, a.value, a.growth_pct) for a in got.actuals}
