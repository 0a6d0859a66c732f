"""The promise a plan sentence makes once, at its end, for every item it lists.

要加快大唐700万吨露天矿、麦多利10万吨大麦芽二期等项目的推进，确保按期开工建设: extraction gives each project
its own pledge, and the closing 确保按期开工建设 — what was promised for all of them — is at best a pledge of
its own that names nothing. A pledge is then judged against the promise of its sentence's last clause when
that clause opens with a closing word (data/stages.csv ``closing_promise``: 确保, 力争, 年内…) and names
nothing of its own: 确保交泰电缆…等项目开工建设 promises a start for other projects, not for the ones before it.
"""

from __future__ import annotations

import re

from duixian import lexicon
from duixian.extract import Extraction
from duixian.extract.context import trimmed_clauses
from duixian.lexicon import STAGES
from duixian.track.names import names

# A sentence, or an independent part of one, ends here; a pledge's promise is not looked for past it.
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_CLOSING = re.compile(rf"^(?:要)?(?:{lexicon.words(STAGES, 'closing_promise')})")
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
