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
