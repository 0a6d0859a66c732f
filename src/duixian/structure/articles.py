"""A newspaper page or a news site often carries several articles; only one of them is about the report.

An article starts at a news lead (本报讯（记者…）, 又讯, □记者…文/图, 新华社…电) and takes the short
headline line before it. When a text holds two or more articles and some of them show the report
(政府工作报告, 人民代表大会, a review or plan heading), sentences of the other articles are news of
other events: their part is "other" whatever their words (会议要求…要…).
"""

from __future__ import annotations

import itertools
import re

from duixian.model import Section

Span = tuple[int, int]

_LEAD = re.compile(
    r"^(?:本报讯|又讯|本台消息|新华社[^\n，,。]{0,12}电|中新网[^\n，,。]{0,12}电|[□■]?\s*记者[^\n，,。]{1,20}(?:文/图|报道|摄)?\s*$)",
    re.M,
)
_REPORT = re.compile(r"政府工作报告|人民代表大会|预期目标")
_HEADLINE_MAX = 60


def other_articles(text: str, lines: list[Span], sections: tuple[Section, ...]) -> list[Span]:
    """Spans of the articles of a multi-article text that are not about the report (empty otherwise)."""
    starts: list[int] = []
    for i, (s, e) in enumerate(lines):
        if _LEAD.match(text, s, e):
            start = s
            if i > 0:
                ps, pe = lines[i - 1]
                if pe - ps <= _HEADLINE_MAX and not re.search(r"[。！？]", text[ps:pe]):
                    start = ps  # the headline above the lead
            if not starts or start > starts[-1]:
                starts.append(start)
    if len(starts) < 2:
        return []
    bounds = ([0] if starts[0] > 0 else []) + starts + [len(text)]
    articles = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
    role_at = [(s.start, s.role) for s in sections if s.role in ("review", "targets")]
    shows = [bool(_REPORT.search(text, a, b)) or any(a <= p < b for p, _ in role_at) for a, b in articles]
    if not any(shows):
        return []
    return [span for span, ok in zip(articles, shows, strict=True) if not ok]
