"""What a plan sentence says around a pledge: the promise it makes once, at its end, for every item it
lists, and the thing it names once, at its start, for a pledge that names nothing itself.

要加快大唐700万吨露天矿、麦多利10万吨大麦芽二期等项目的推进，确保按期开工建设: extraction gives each project
its own pledge, and the closing 确保按期开工建设 — what was promised for all of them — is at best a pledge of
its own that names nothing. A pledge is then judged against the promise of its sentence's last clause when
that clause opens with a closing word (data/stages.csv ``closing_promise``: 确保, 力争, 年内…) and names
nothing of its own: 确保交泰电缆…等项目开工建设 promises a start for other projects, not for the ones before it.

今明两年继续提高企业退休人员基本养老金，人均每年增长10%左右: extraction may give only the amount as the
pledge, and 人均每年增长10%左右 names nothing a review could be searched for (nor does 力争年内取得实质性进展
after 继续争取口岸签证业务). Such a pledge is searched for with the clause opening it in its sentence (the
clause right before it, when no other item holds it).
"""

from __future__ import annotations

import re

from duixian import lexicon
from duixian.extract import Extraction
from duixian.extract.context import trimmed_clauses
from duixian.lexicon import NAMES, STAGES
from duixian.track.names import names, only_verbs

# A sentence, or an independent part of one, ends here; a pledge's promise is not looked for past it.
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_CLOSING = re.compile(rf"^(?:要)?(?:{lexicon.words(STAGES, 'closing_promise')})")
# How a figure is measured (人均, 每年): a pledge naming nothing else names nothing.
_MEASURE = lexicon.pattern(NAMES, "measure")
_RATE_OR_MONEY = re.compile(r"元$|[%％‰]|百分点")
# A clause with more naming bigrams than this names a thing of its own (年内要完成项目核准 has one: 核准).
_NAMES_NOTHING = 2


def closing_clauses(plan: Extraction) -> dict[str, str]:
    """Pledge id → the clause closing its sentence when that clause opens with a closing word, names nothing
    of its own and lies after the pledge ("" otherwise)."""
    text = plan.sd.doc.text
    out: dict[str, str] = {}
    for p in plan.pledges:
        m = _SENTENCE_END.search(text, p.span[1])
        end = m.start() if m else len(text)
        after = trimmed_clauses(text, p.span[1], end)
        last = text[after[-1][0] : after[-1][1]] if after else ""
        out[p.id] = last if _CLOSING.match(last) and len(names(last).want) <= _NAMES_NOTHING else ""
    return out


# A clause that only gives a growth: 增长25.6% after 今年中央财政科技投入1461亿元.
_GROWTH_ONLY = re.compile(r"(?:比上年)?增长(\d+(?:\.\d+)?)[%％]")


def growth_after(plan: Extraction) -> dict[str, float]:
    """Pledge id → the growth promised with its money (今年中央财政科技投入1461亿元，增长25.6%): the clause right after
    the pledge's own words, in its sentence, when that clause is only a growth (inside the pledge's quote, or
    after it: extraction may make a pledge of it too)."""
    text = plan.sd.doc.text
    out: dict[str, float] = {}
    for p in plan.pledges:
        if not any(q.unit and q.unit.endswith("元") for q in p.quantities):
            continue
        # after the pledge's own words: its quote may already hold the growth clause (extraction joins a
        # change on last year to the amount it qualifies, in the quote only)
        at = p.quote.find(p.text)
        own_end = p.span[0] + at + len(p.text) if p.text and at >= 0 else p.span[1]
        m = _SENTENCE_END.search(text, own_end)
        after = trimmed_clauses(text, own_end, m.start() if m else len(text))
        if not after:
            continue
        s, e = after[0]
        g = _GROWTH_ONLY.fullmatch(text, s, e)
        if g:
            out[p.id] = float(g.group(1))
    return out


def opening_clauses(plan: Extraction) -> dict[str, str]:
    """Pledge id → the clause right before it in its sentence, when the pledge is a figure naming nothing of its
    own (no naming bigram but how it is measured: 人均每年增长10%左右; or only the outcome hoped for: 力争年内取得
    实质性进展), that clause names something and no target or pledge of the plan holds any of it ("" otherwise).
    A pledge naming anything keeps its own names (a clause before it may be a premise or a purpose, not its
    object), and a count (今年重点抓好三件事) announces a list rather than giving a figure of the clause before."""
    text = plan.sd.doc.text
    held = [r.span for r in plan.pledges] + [t.span for t in plan.targets]
    out: dict[str, str] = {}
    for p in plan.pledges:
        own = names(_MEASURE.sub("|", p.text))
        if (own.want and not only_verbs(own)) or any(q.unit and not _RATE_OR_MONEY.search(q.unit) for q in p.quantities):
            continue
        # the sentence's start: the last sentence end before the pledge, looked for no farther back than the
        # clause before a pledge ever runs
        window = max(0, p.span[0] - 200)
        start = max((m.end() for m in _SENTENCE_END.finditer(text, window, p.span[0])), default=window)
        before = trimmed_clauses(text, start, p.span[0])
        if not before:
            continue
        s, e = before[-1]
        if any(hs < e and s < he for hs, he in held):
            continue  # another item's words: they name that item, not this one
        head = text[s:e]
        if len(names(head).want) > _NAMES_NOTHING:
            out[p.id] = head
    return out
