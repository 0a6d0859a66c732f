"""The verdict thresholds, named once: what the 成绩单 prints as its rules and what the CLI can change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rules:
    # percentage points either side of a 左右 growth target
    tolerance: float = 0.5
    # share either side of a 左右 level target (1200万人左右 is met by 1140–1260万人)
    level_band: float = 0.05
    # an amount pledged and reported at this share or more is exceeded (超额兑现) …
    exceeded_at: float = 1.05
    # … at this share or more kept (已兑现) …
    kept_at: float = 1.0
    # … and below this share, for people, money or land, not kept (未兑现); between, partial
    short_at: float = 0.9

    def text(self) -> str:
        """The rules as one Chinese sentence for a 成绩单."""
        lo, hi = _pct(1 - self.level_band), _pct(1 + self.level_band)
        return (f"“左右”增速目标允许±{self.tolerance:g}个百分点，“左右”总量目标允许{lo}—{hi}；以上/力争/确保为下限，"
                f"以内/以下/控制在为上限；数量承诺达到{_pct(self.exceeded_at)}及以上为超额兑现，{_pct(self.kept_at)}—"
                f"{_pct(self.exceeded_at)}为已兑现，人数、金额、面积不足{_pct(self.short_at)}为未兑现，其余不足为部分兑现")

    def as_dict(self) -> dict[str, object]:
        return {"tolerance_pp": self.tolerance, "level_band_pct": [round((1 - self.level_band) * 100),
                                                                    round((1 + self.level_band) * 100)],
                "pledge_exceeded_pct": round(self.exceeded_at * 100), "pledge_kept_pct": round(self.kept_at * 100),
                "pledge_short_pct": round(self.short_at * 100), "text": self.text()}


def _pct(x: float) -> str:
    return f"{x * 100:g}%"


DEFAULT_RULES = Rules()
