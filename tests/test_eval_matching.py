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
