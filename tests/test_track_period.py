"""A review that looks back over a plan period (五年来…) before it turns to the year: its counts of work done are
the period's sums, not the year's, so a one-year pledge cannot be rated on them; and amounts written at different
scales (1.23万人 against 2470人) are compared in one unit."""

from __future__ import annotations

from tests.pair_heads import HEAD_PLAN, HEAD_REVIEW
from tests.test_track import _x

from duixian.track import track

PLAN = HEAD_PLAN + (
    "新建改建农村公路20万公里。完成易地扶贫搬迁340万人。年内建成游客服务中心，推动旅游接待人数突破600万人次。"
    "开工建设投资3.4亿元的冰上运动训练中心。年内新建公共停车场12个。实施就业促进行动，帮助2470名城镇居民新增就业。\n"
)
REVIEW = HEAD_REVIEW + (
    "五年来，我们新建改建农村公路127万公里，易地扶贫搬迁830万人，游客服务中心建成，旅游接待人数达到607万人次，"
    "投资3.4亿元的冰上运动训练中心开工建设。\n"
    "过去一年，新建公共停车场1.2万个。帮助城镇居民新增就业1.23万名。\n二、2022年工作安排\n"
)


def _by(tmp_path) -> dict:
    tr = track(_x(tmp_path, "plan.txt", PLAN), _x(tmp_path, "review.txt", REVIEW))
    return {v.quote: v for v in tr.verdicts if v.kind == "pledge"}


def _of(by: dict, words: str):
    return next(v for q, v in by.items() if words in q)


def test_counts_of_a_five_year_look_back_do_not_rate_a_one_year_pledge(tmp_path) -> None:
    by = _by(tmp_path)
    for words in ("农村公路", "易地扶贫搬迁"):
        v = _of(by, words)
        assert v.status == "unverifiable", (words, v.status, v.reason)
        assert "多年" in v.reason


def test_levels_reached_and_sizes_of_things_in_the_look_back_still_rate(tmp_path) -> None:
    """达到607万人次 is where the period ended, the year's own level; 投资3.4亿元的…中心 is the size of one thing."""
    by = _by(tmp_path)
    assert _of(by, "旅游接待人数").status == "kept"
    assert _of(by, "冰上运动训练中心").status == "kept"


def test_amounts_at_different_scales_are_compared_in_one_unit(tmp_path) -> None:
    by = _by(tmp_path)
    jobs = _of(by, "新增就业")  # the year's paragraph (过去一年): 1.23万名 against 2470名
    assert jobs.status == "exceeded", (jobs.status, jobs.reason)
    assert "1.23万名" in jobs.reason and "498%" in jobs.reason
    parking = _of(by, "公共停车场")  # 1.2万个 against 12个: a thousand times over is another thing
    assert parking.status == "not_mentioned" and "相差悬殊" in parking.reason


def test_a_target_met_at_another_scale_is_read_in_the_targets_unit(tmp_path) -> None:
    plan = HEAD_PLAN + "城镇新增就业2470人以上。\n"
    review = HEAD_REVIEW + "过去一年，城镇新增就业1.23万人。\n二、2022年工作安排\n"
    tr = track(_x(tmp_path, "plan.txt", plan), _x(tmp_path, "review.txt", review))
    (v,) = [v for v in tr.verdicts if "2470" in v.quote]
    assert v.kind == "target" and v.status == "exceeded", (v.kind, v.status, v.reason)
    assert "12300人" in v.reason
