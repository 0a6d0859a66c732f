"""Actuals: the review year's figures — value, unit, growth and rank — of this region only."""

from __future__ import annotations

import re
from dataclasses import replace

from duixian.extract.context import Context, clauses
from duixian.extract.figures import DISTRIBUTIVE, expand_urban_rural, metric_wording, read_clause, split_subjects
from duixian.extract.metrics import canonical_of, clean_phrase
from duixian.extract.quantity import Quantity, find_rank, growth_sign
from duixian.extract.records import Actual
from duixian.extract.registry import register
from duixian.structure.sentences import split_sentences

# A clause that only adds growth or a rank to the figure before it.
_CONTINUATION = re.compile(r"(?:同比|比上年|较上年|按可比价|增长|增速|增幅|下降|减少|位居|位列|居于|居全|排名|名列|列全|总量排名|综合排名|分别)")
# Comparison with another area or with a benchmark: the number is not this region's figure.
_COMPARISON = re.compile(r"高于|低于|快于|慢于|超过全|比全|较全")
_HIGHER_AREA = {
    "district": ("全国", "全省", "全市", "全州", "全盟"),
    "county": ("全国", "全省", "全市", "全州", "全盟"),
    "city": ("全国", "全省"),
    "province": ("全国",),
    "nation": (),
}
# Words that make a clause an action report rather than a statistic (建成3400平米的X).
_ATTRIBUTIVE = re.compile(r"的$")
_MULTI_YEAR_GROWTH = re.compile(r"年均|五年来|“十[三四五]五”以来")
_NOT_METRIC = re.compile(r"^(?:[第其这该]|累计|总数|总量|年均|平均)|(?:^|[^\u4e00-\u9fff])$")


# What makes a figure a statistic worth tracking rather than one item of a list of works done.
_STAT_NOUN = re.compile(r"(?:收入|产值|营收|总额|总量|产量|税收|利税|税费|支出|资金|贷款|债务|融资|率|比重|占比|人次|人数|就业|天数|浓度|指数|总值|增加值|余额|规模)$")
_ACTION_START = re.compile(
    r"^(?:修建|修复|排查|关闭|植|安装|改造|创建|实施|建成|建设|打造|引进|签约|设立|通过|运用|拆除|疏通|更换|硬化|升级|消除|发现|"
    r"享受|受理|办结|投入|扩面|带动|先后|创成|成功|认定|新认定|新引进|新招引|招引|完成|培育|举办|开展|组织|落实|帮助|减免|拨付|发放|"
    r"争取|偿还|化解|交付|新建|提升|整治|治理|清理|处置|救助|慰问|走访|培训|征缴|盘活|出让|收储|流转|种植|造林|新修|整修|铺设|"
    r"新改建|改建|扩建|解决|调解|查处|破获|打掉|抓获|推动|推进|累计|全面|有效)"
)


_STAT_VERBS = ("达到", "达", "突破", "累计达", "总数达", "提高至", "提高到", "降至", "降到", "提升至", "提升到", "为")


def _statistical(a: Actual, verb: str | None) -> bool:
    """Headline indicators, figures with growth or rank, totals and money amounts; not lists of works."""
    if a.metric != a.metric_raw or a.growth_pct is not None or a.rank is not None:
        return True  # in the metric table, or reported with growth or rank
    raw = a.metric_raw
    if raw.startswith("新增"):
        return True
    if verb in _STAT_VERBS:
        return not _ACTION_START.match(raw)
    if a.unit and (a.unit.endswith("元") or a.unit in ("%", "‰")):
        return not raw.startswith(("投入", "总投资", "投资"))
    if _ACTION_START.match(raw):
        return False
    return bool(_STAT_NOUN.search(raw))


def _figure_qs(qs: tuple[Quantity, ...]) -> list[Quantity]:
    """Digits with a unit; a bare number counts only inside a list whose last item has the unit (97、62微克)."""
    out = [q for q in qs if not q.chinese and not q.points]
    kept = []
    for i, q in enumerate(out):
        if q.unit:
            kept.append(q)
            continue
        later = next((r.unit for r in out[i + 1 :] if r.unit), None)
        if later:
            kept.append(replace(q, unit=later))
    return kept


@register("actuals", version="1", produces="actuals")
def extract_actuals(ctx: Context) -> list[Actual]:
    text = ctx.text
    out: list[Actual] = []
    verbs: dict[str, str | None] = {}
    higher = _HIGHER_AREA.get(ctx.sd.report.level or "", ("全国", "全省"))
    for ps, pe in ctx.spans_of("review"):
        for sent in split_sentences(text, ps, pe):
            last: list[Actual] = []  # figures of the previous clause in this sentence
            for cs, ce in clauses(text, sent.start, sent.end):
                cs, ce = ctx.trim(cs, ce)
                if ce <= cs or ctx.part(cs) != "review":
                    continue
                clause = text[cs:ce]
                fig = read_clause(text, cs, ce)
                qs = _figure_qs(fig.quantities)
                wording = clean_phrase(metric_wording(text, fig)) if qs else ""
                rank = find_rank(text, cs, ce)
                if last and (not wording or _CONTINUATION.match(wording) or _CONTINUATION.match(clause)):
                    last = [_extend(ctx, a, cs, ce, fig, qs, rank, i, len(last)) for i, a in enumerate(last)]
                    out[-len(last):] = last
                    continue
                attributive = _ATTRIBUTIVE.search(text[fig.object[0] : fig.object[1]]) and not (fig.verb or "").endswith("占")
                if not qs or len(wording) < 2 or _NOT_METRIC.search(wording) or attributive:
                    last = []
                    continue
                if wording.startswith(higher) or _COMPARISON.search(text, cs, qs[0].num_start) or _MULTI_YEAR_GROWTH.search(clause):
                    last = []
                    continue
                if re.match(r"\s*的", text[qs[0].end : qs[0].end + 2]):
                    last = []
                    continue  # 总投资35亿元的X: the number describes a thing, it is not a result
                last = _figures(ctx, cs, ce, wording, fig, qs, rank)
                verbs.update((a.id, fig.verb) for a in last)
                out.extend(last)
    # growth and rank arrive in later clauses, so the statistic test runs on the finished records
    return [a for a in out if _statistical(a, verbs.get(a.id))]


def _split_value_growth(text: str, cs: int, qs: list[Quantity]) -> tuple[list[Quantity], list[tuple[Quantity, int]]]:
    values, growths = [], []
    for q in qs:
        sign = growth_sign(text, q, cs) if q.percent else None
        if sign is None and q.percent and growths and re.fullmatch(r"\s*[、和及]\s*", text[growths[-1][0].end : q.start]):
            sign = growths[-1][1]  # 分别增长3.4%、5.2%: the verb covers the whole list
        if sign is not None:
            growths.append((q, sign))
        else:
            values.append(q)
    return values, growths


def _figures(ctx: Context, cs: int, ce: int, wording: str, fig, qs: list[Quantity], rank) -> list[Actual]:
    text = ctx.text
    clause = text[cs:ce]
    values, growths = _split_value_growth(text, cs, qs)
    if "由" in text[cs : qs[0].num_start + 1] and len(values) >= 2:
        values = values[-1:]  # 由16%提高至40.5%: the figure is where it ended
    names = [wording]
    if DISTRIBUTIVE in clause:
        n = max(len(values), len(growths))
        names = expand_urban_rural(wording, n) or split_subjects(wording)
    elif len(values) >= 2 and "、" in text[values[0].num_end : values[1].num_start]:
        # 新增国家科技型中小企业14家、国家高新技术企业2家: one figure per item
        out: list[Actual] = []
        piece_start = cs
        for i, q in enumerate(values):
            nxt = values[i + 1].num_start if i + 1 < len(values) else ce
            seg_end = text.rfind("、", q.num_end, nxt) if i + 1 < len(values) else ce
            if seg_end == -1:
                seg_end = q.end
            name = wording if i == 0 else clean_phrase(text[piece_start:q.num_start])
            name = re.sub(r"^(?:新增|新建)?", "", name) if i else name
            if i and wording.startswith(("新增", "新建")) and not name.startswith(("新增", "新建")):
                name = wording[:2] + name
            out.append(_actual(ctx, cs, ce, name, q, None, rank, str(i), fig.verb))
            piece_start = seg_end + 1
        return out
    n = len(names)
    out = []
    for i, name in enumerate(names):
        v = values[i] if i < len(values) else None
        # one growth figure for several names (分别同比增长7.8%) applies to each of them
        g = growths[i] if i < len(growths) else (growths[0] if len(growths) == 1 else None)
        growth = g[1] * g[0].value if g else None
        out.append(_actual(ctx, cs, ce, name, v, growth, rank, str(i) if n > 1 else "", fig.verb))
    return out


def _actual(ctx: Context, cs: int, ce: int, name: str, v: Quantity | None, growth, rank, extra: str, verb) -> Actual:
    return Actual(
        **ctx.ground("actual", cs, ce, extra),
        metric=canonical_of(name, verb),
        metric_raw=name,
        year=ctx.review_year,
        value=v.value if v else None,
        unit=v.unit if v else None,
        growth_pct=growth,
        rank=rank[0] if rank else None,
    )


def _extend(ctx: Context, a: Actual, cs: int, ce: int, fig, qs: list[Quantity], rank, i: int, n: int) -> Actual:
    """Add the growth or rank a following clause gives to the figure before it."""
    text = ctx.text
    _, growths = _split_value_growth(text, cs, qs)
    growth = a.growth_pct
    if growth is None and growths:
        q, sign = growths[i] if i < len(growths) else growths[0]
        growth = sign * q.value
    new_rank = a.rank or (rank[0] if rank else None)
    if growth == a.growth_pct and new_rank == a.rank:
        return a
    start = a.span[0]
    g = ctx.ground("actual", start, ce, a.id)
    g["id"] = a.id
    return replace(a, quote=g["quote"], span=g["span"], raw_span=g["raw_span"], growth_pct=growth, rank=new_rank)
