"""How the evaluation pairs a predicted pledge with a gold one (evaluate.score_kind)."""

from __future__ import annotations

from dataclasses import dataclass

from duixian.evaluate import score_kind


@dataclass(frozen=True)
class _Pred:
    quote: str
    raw_span: tuple[int, int]
    deadline: str | None = None


def _found(raw: str, gold_text: str, quote: str) -> bool:
    s = raw.index(gold_text)
    pred = _Pred(quote, (s, s + len(gold_text)))
    return score_kind("pledges", [{"text": gold_text}], [pred], raw).tp == 1


def test_a_full_width_decimal_point_is_one_number_on_either_side() -> None:
    # the raw of a GBK-era report prints full-width digits; the clean quote has them half-width
    raw = "今年中央财政拟新增１．１８万亿元，科技投入１４６１亿元。"
    assert _found(raw, "中央财政拟新增１．１８万亿元", "中央财政拟新增1.18万亿元")
    assert _found(raw, "科技投入１４６１亿元", "科技投入1461亿元")
    # the numbers must still agree: 1.18 is not 1.8
    assert not _found(raw, "中央财政拟新增１．１８万亿元", "中央财政拟新增1.8万亿元")


def _score(raw: str, gold_text: str, quotes: list[str], deadline: str | None = None):
    preds = [_Pred(q, (raw.index(q), raw.index(q) + len(q)), deadline) for q in quotes]
    return score_kind("pledges", [{"text": gold_text, "deadline": "2013-12-31"}], preds, raw)


def test_a_gold_pledge_stated_in_several_predicted_parts_is_found() -> None:
    raw = "全年实现新增就业5000人，失业人员再就业2900人，高校毕业生就业900人。推进示例园区建设。"
    gold = "新增就业5000人，失业人员再就业2900人，高校毕业生就业900人"
    s = _score(raw, gold, ["全年实现新增就业5000人", "失业人员再就业2900人", "高校毕业生就业900人"])
    # the headline figures stay strict (one prediction per gold pledge); the parts are counted beside them
    assert (s.tp, s.fp, s.fn, s.by_parts) == (0, 3, 1, 1)
    assert (s.recall, s.recall_by_parts) == (0.0, 1.0)
    assert s.summary()["by_parts"] == 1 and s.summary()["recall_by_parts"] == 1.0
    # one number stated nowhere: not found, and the parts stay spurious
    s = _score(raw, gold, ["全年实现新增就业5000人", "失业人员再就业2900人"])
    assert (s.tp, s.fp, s.fn, s.by_parts) == (0, 2, 1, 0)
    assert s.recall_by_parts == 0.0
    # a part that lies mostly outside the gold quote does not count towards it
    s = _score(raw, "新增就业5000人，失业人员再就业2900人",
               ["全年实现新增就业5000人", "失业人员再就业2900人，高校毕业生就业900人。推进示例园区建设"])
    assert (s.tp, s.by_parts) == (0, 0)
    # another deadline is another commitment
    s = _score(raw, gold, ["全年实现新增就业5000人", "失业人员再就业2900人", "高校毕业生就业900人"], "2013-06-30")
    assert (s.tp, s.by_parts) == (0, 0)


def test_a_single_match_is_not_counted_as_parts() -> None:
    raw = "年内新增蔬菜大棚2500座，温室320座。"
    s = _score(raw, "年内新增蔬菜大棚2500座，温室320座", ["年内新增蔬菜大棚2500座，温室320座"])
    assert (s.tp, s.by_parts) == (1, 0)
