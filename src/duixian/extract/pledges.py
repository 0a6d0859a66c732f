"""Pledges: concrete, checkable commitments of the plan year — a quantity, a named object or a deadline.

Every part of a numbered 民生实事 item counts; an enumeration whose items each carry their own
number (孵化器1个、中试基地1个) gives one pledge per item.
"""

from __future__ import annotations

import itertools
import re

from duixian.extract import deadlines
from duixian.extract.context import Context, clauses
from duixian.extract.quantity import Quantity, find_quantities
from duixian.extract.records import Pledge, PledgeQuantity
from duixian.extract.registry import register

OBJECT_WORDS = re.compile(
    r"项目|工程|产业园|园区|科技园|中心|学校|小学|中学|幼儿园|医院|卫生院|敬老院|养老院|公园|游园|广场|大道|路网|"
    r"道路|桥|馆|站|基地|综合体|厂房|街区|市场|小区|安置房|管网|水厂|电站|书屋|公厕|景区|商城|物流园|集团|"
    r"展销会|博览会|论坛|节会|运动会|春晚"
)
ACTION_WORDS = re.compile(
    r"建设|新建|建成|开工|启动|推进|完成|改造|改扩建|扩建|投入使用|投用|投产|运营|落地|实施|打造|续建|竣工|交付|开业|营业|"
    r"通车|申办|举办|办好|创建|创成|争创|上市|成立|组建|挂牌|迁建|提升"
)
# Bottom lines and standing duties are not checkable commitments.
_EXCLUDE = re.compile(r"不发生|守住|守牢|底线|严防|严禁|杜绝|坚决|机制|理念|作风|意识|思想")
_SPLIT_ENUM = re.compile(r"、")
_LEADING_FILLER = re.compile(r"^(?:并|同时|还要|要|另外|此外|其中|以及|和)")
# Words that make a Chinese numeral a figure of speech (两个确保, 三大攻坚战, 八个方面) rather than a count.
_SPEECH_NOUNS = re.compile(r"^(?:方面|大|个确保|个一批|项工作|件大事|张|新|化|统筹|链|级|届)")


def _countable(text: str, q: Quantity) -> bool:
    if not q.chinese:
        return q.unit is not None or bool(re.match(r"\s*[\u4e00-\u9fff]", text[q.num_end : q.num_end + 1]))
    return q.value >= 2 and q.unit is not None and not _SPEECH_NOUNS.match(text[q.num_end - 1 :])


def _parts(text: str, cs: int, ce: int, qs: list[Quantity]) -> list[tuple[int, int]]:
    """Split 'A 1 个、B 1 个、C 5 家' at the 、 between items that each carry a number."""
    if len(qs) < 2:
        return [(cs, ce)]
    cuts = []
    for a, b in itertools.pairwise(qs):
        gap = text[a.end : b.num_start]
        i = gap.find("、")
        if i == -1:
            continue
        after = gap[i + 1 :].strip()
        if after and not after[0].isdigit():  # 托班、500个托位 stays one pledge
            cuts.append(a.end + i)
    if not cuts:
        return [(cs, ce)]
    out, pos = [], cs
    for c in cuts:
        out.append((pos, c))
        pos = c + 1
    out.append((pos, ce))
    return out


def _object_of(text: str, q: Quantity, cs: int, ce: int) -> str | None:
    after = re.match(r"[\u4e00-\u9fff“”]{1,10}", text[q.end : ce])
    if after and q.unit and q.unit not in ("%", "‰"):
        obj = after.group(0)
        if not ACTION_WORDS.match(obj):
            return obj
    before = re.search(r"([\u4e00-\u9fff“”]{1,10})\s*(?:达到|达|超过|突破)?\s*$", text[cs : q.start])
    if before:
        return re.sub(r"^(?:新建|新增|建设|改造|完成|实现|培育|创建|增加|增设|打造|建成)", "", before.group(1)) or before.group(1)
    return None


def _category(ctx: Context, pos: int, part: str, has_qty: bool) -> str:
    sec = ctx.sd.section_at(pos)
    if sec is not None and sec.role == "livelihood":
        return "民生实事"
    if OBJECT_WORDS.search(part) and ACTION_WORDS.search(part) and re.search(r"项目|工程|建设", part):
        return "项目"
    return "指标" if has_qty else "重点工作"


@register("pledges", version="1", produces="pledges")
def extract_pledges(ctx: Context) -> list[Pledge]:
    text = ctx.text
    out: list[Pledge] = []
    target_spans = [(s.start, s.end) for s in ctx.sections_with("targets")]
    for ps, pe in ctx.spans_of("plan"):
        if any(a <= ps < b for a, b in target_spans):
            continue
        for cs, ce in clauses(text, ps, pe):
            cs, ce = ctx.trim(cs, ce)
            if ce - cs < 4:
                continue
            clause = text[cs:ce]
            if _EXCLUDE.search(clause) or deadlines.MULTI_YEAR.search(clause):
                continue
            sec = ctx.sd.section_at(cs)
            if sec is not None and cs < sec.heading_end:
                continue  # a heading or a list item's title (1.实施教育扩容工程)
            qs = [q for q in find_quantities(text, cs, ce) if _countable(text, q)]
            for s, e in _parts(text, cs, ce, qs):
                s, e = ctx.trim(s, e)
                m = _LEADING_FILLER.match(text, s)
                if m and e - m.end() >= 4:
                    s = m.end()
                part = text[s:e]
                pqs = [q for q in qs if s <= q.num_start < e]
                deadline, deadline_raw = deadlines.resolve(part, ctx.plan_year)
                named = bool(OBJECT_WORDS.search(part) and ACTION_WORDS.search(part))
                if not (pqs or deadline or named):
                    continue
                out.append(
                    Pledge(
                        **ctx.ground("pledge", s, e),
                        category=_category(ctx, s, part, bool(pqs)),
                        text=part,
                        quantities=tuple(PledgeQuantity(q.value, q.unit, _object_of(text, q, s, e)) for q in pqs),
                        deadline=deadline,
                        deadline_raw=deadline_raw,
                    )
                )
    return out
