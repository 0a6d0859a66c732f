"""Actuals: the review year's figures — value, unit, growth and rank — of this region only."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from duixian.extract.context import Context
from duixian.extract.figures import (
    DISTRIBUTIVE,
    dated,
    expand_urban_rural,
    is_part,
    metric_wording,
    read_clause,
    split_subjects,
)
from duixian.extract.metrics import canonical, canonical_of, clean_phrase, is_canonical, of_year, table
from duixian.extract.quantity import PERCENT_UNITS, POINT_UNITS, Quantity, find_rank, growth_sign, quantities_of
from duixian.extract.records import Actual, record_id
from duixian.extract.registry import register
from duixian.meta.cues import year_value

# Patterns of the hot loops compiled once (module-level re.* calls look each one up in re's cache).
_SEMICOLON = re.compile(r"[；;]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SPACES = re.compile(r"\s*")  # \s is str.isspace()
_LIST_JOINT = re.compile(r"\s*[、和及]\s*")

# A clause that only adds growth or a rank to the figure before it.
# A clause opening with 占 gives the previous figure's share (124.4亿元，占地区生产总值的57%).
_CONTINUATION = re.compile(
    r"(?:同比|比上年|较上年|[比较]去年|[比较](?:19|20)\d\d年|[比较](?:一九|二[〇○零])[〇○零一二三四五六七八九]{2}年|与(?:上|去)年持平|持平|按可比价|增长|增速|增幅|下降|减少|位居|位列|居于|居全|排名|名列|"
    r"列全|总量排名|综合排名|分别|占(?!比))"
)
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
# 年均增长 is a multi-year rate; 年均浓度 is an annual mean and stays.
# A month's or a quarter's rate (8个月单月增长10%以上, 一季度增长…) is not the year's figure.
_PART_OF_YEAR = re.compile(r"单月|当月|连续[\d一二三四五六七八九十]+个月|[一二三四]季度|前三季度|上半年|下半年")
_MULTI_YEAR_GROWTH = re.compile(r"年均(?:增长|增速|递增|提高|提升|下降|减少|上涨|涨幅|增幅|降低)|[两三四五六七八九十]年(?:来|间|之间)|“十[三四五]五”以来")
# A rate averaged over the years of a period (平均每年增长11.2%, 五年平均分别增长11.8%和9.8%): the clause still
# names its indicator for the clauses after it, but the rate is not the year's; nor is a rate against a plan period
# (出口总值比“八五”增长49.6%, 比“六五”期间增长百分之七十).
_AVERAGED = re.compile(r"平均每年|[两三四五六七八九十]年(?:平均|累计)|[比较](?:“[一二三四五六七八九十]{1,2}五”|[一二三四五六七八九十]{1,2}五(?:时期|期间|末))")
# A total summed over the years of a period (五年累计完成投资2.2万亿元, 三年来共新增就业12万人, 五年间累计…):
# not the year's level, whatever paragraph it stands in.
_PERIOD_TOTAL = re.compile(r"[两三四五六七八九十]年(?:来|间|之间|内)?(?:累计|共计|共|合计|总计)")
# A sentence that opens on a span of years: every figure of it is the span's (近三年累计，…下降10.08%; 三年来，…).
_PERIOD_OPENER = re.compile(r"(?:近|过去|这)?[两三四五六七八九十]年(?:来|间|之间|内)?(?:累计|合计|共计|共)?[，,]")
# A wording that is only the base of a change (比1954年|增长9%, 比原计划|超过百分之四) names no indicator.
_NOT_METRIC = re.compile(r"^(?:[比较](?:上一?年|去年|同期|原计划|计划|(?:19|20)\d\d年|一九[〇○零一二三四五六七八九]{2}年)$|第(?![一二三]产业)|[其这该]|累计|总数|总量|年均|平均|多项|各项(?!存款|贷款|税)|几项|多个|诸多|主要(?:经济)?指标)|(?:^|[^\u4e00-\u9fffA-Z”」])$")
# A rank alone names a figure only for an indicator (公共安全指数位居全省第34位).
_RANK_VERB = re.compile(r"(?:位居|位列|居于|排名|名列|排在|排|居|列|在)+$")


# The amount that follows a count of signed projects is the year's signed investment, an
# indicator of 招商引资 in its own right (签约…项目23个，总投资153.41亿元).
_SIGNED = re.compile(r"^(?:招商引资|全年|累计)*(?:新)?签约")
_PROJECTS_AMOUNT = r"(?:总投资|投资总额|投资规模|协议投资|合同投资)"
_AMOUNT_OF_PROJECTS = re.compile(_PROJECTS_AMOUNT)
# What the genre reports as a statistic of the region, beyond the headline indicators of the metric
# table: counts of newly registered entities, key-project totals and completion, resettlement housing
# delivered, debt retired. Spending lines (发放…资金), funds won (争取…) and lists of works done are
# descriptions of activity, not indicators.
_STAT_SUBJECT = re.compile(
    rf"(?:^新增.*(?:企业|经营主体|市场主体)$|^签约项目{_PROJECTS_AMOUNT}$|合作社$|家庭农场$|重点项目|安置房|脱贫$|(?:化解|偿还).*债务|^(?:规上|规模以上).*企业|"
    r"财政(?:资金)?用于(?!这|此|上述).{1,12}(?:支出|投入)$|"  # 中央财政用于“三农”的支出: the budget's spending on a field
    r"^(?:年度|全年)(?:累计)?完成投资$|"  # …41个项目开工在建，年度完成投资65.9亿元: the year's programme, no one project
    # enterprises above a bar of sales or tax (销售收入过亿元企业, 纳税超千万元企业): how many passed it
    r"(?:过|超过|超|逾)[\d.十百千万亿]*元(?:以上)?的?[\u4e00-\u9fff]{0,4}企业$|[\d.十百千万亿]+元以上的?[\u4e00-\u9fff]{0,4}企业$)"
)
# Key projects count as the region's total only unqualified or by level (省市重点项目); a sector's
# own (教育重点项目) is one department's work, and a pipeline being planned (新谋划、储备) is not a result.
_SUBSET_PROJECTS = re.compile(r"(?<=[\u4e00-\u9fff])(?<![省市区县级年度施进全在建续])重点项目|谋划|储备|策划")
# A rank makes a figure notable, except for a list of works done (改造旱厕1637个…位居全市第1位).
_WORKS = re.compile(r"^(?:改造|新建|建设|建成|修建|实施|打造|整治|发放|新改建|改扩建|开工|续建)")


def _statistical(a: _Draft, headline_sentence: bool, before_after: bool, works: bool) -> bool:
    """Headline indicators, figures ranked against peers, the genre's statistical totals, rates
    reported as a change (由16%提高至40.5%), shares of a headline indicator, and the other figures
    of a sentence that reports headline indicators."""
    raw = a.metric_raw
    if is_canonical(a.metric) or (_STAT_SUBJECT.search(raw) and not _SUBSET_PROJECTS.search(raw)):
        return True
    if a.rank is not None and not works:
        return True
    if "占" in raw and is_canonical(canonical(raw.split("占", 1)[1].removesuffix("比重"))):
        return True
    if before_after and re.search(r"(?:率|比重|占比)$", raw):
        return True
    if a.unit == "%" and raw.endswith("计划"):
        return True  # 完成年度投资计划119%: a plan completion rate
    if _TAX.search(raw) and a.value is not None:
        return True  # 金融服务业实现税收1.06亿元, 总部经济纳税5.1亿元, 减免各项税费1.9亿元
    if _OUTPUT.search(raw) and a.value is not None:
        return True  # 周口数字产业园…产值达32亿元: the output of a park or an industry chain
    return headline_sentence and (a.growth_pct is not None or bool(_STAT_NOUN.search(raw)))


# The words of a company's accounts, each with where it counts: "named" right after the company's name
# (其中，巨力集团实现产值70亿元, XX有限公司完成营业收入…), "next" as the wording of the same company's next
# account (…实现产值300亿元，利税20亿元), "both" in either place. One list, so the two uses cannot drift apart.
_ACCOUNTS = (
    ("产值", "both"), ("工业总产值", "named"), ("营收", "both"), ("营业收入", "both"), ("主营业务收入", "both"),
    ("销售收入", "both"), ("销售额", "both"), ("利税", "both"), ("利润", "both"), ("纳税", "both"), ("税收", "both"),
    ("上缴税金", "next"), ("出口", "both"), ("出口创汇", "next"), ("产量", "named"),
)


def _account_words(where: str) -> str:
    return "|".join(w for w, at in _ACCOUNTS if at in (where, "both"))


# One company's own accounts: a company named by its 集团/公司 right before the account, not a class of
# companies (上市公司, 国有公司 are counted as the region's).
_COMPANY_ACCOUNT = re.compile(
    rf"(?<!上市)(?<!国有)(?<!民营)(?<!各类)(?:集团|公司)(?:实现|完成|累计)?(?:{_account_words('named')})"
)
_ACCOUNT_WORD = re.compile(rf"(?:{_account_words('next')})")
# Tax paid or relieved is a statistic whoever it is counted for.
_TAX = re.compile(r"(?:税收|纳税|税费|税额|降费)$")
# Output and profit are accounts of a park, an industry or a chain, whichever of them is named.
_OUTPUT = re.compile(r"(?:产值|营收|营业收入|主营业务收入|利税|利润)$")
_STAT_NOUN = re.compile(r"(?:人才|收入|产值|营收|总额|总量|产量|税|利税|支出|率|比重|占比|人次|人数|天数|浓度|指数|总值|增加值|余额|规模|金)$")


# The plan a figure exceeded (超过原定的年度计划百分之四点一), named in place of an indicator.
_OVER_PLAN = re.compile(r"(?:原定|国家)?的?(?:年度|全年)?计划")

# A change by an amount against a base (比上年增加5万吨, 比年初增加60亿元, 同比减少3家): what the figure grew by.
_CHANGE_END = frozenset("加少长降增减")  # the last character of every verb _BY_AMOUNT ends on
_BY_AMOUNT = re.compile(r"(?:[比较](?:上一?年|去年|年初|同期)|同比)(?:增加|减少|增长|下降|增|减)$")
# The bare change verbs: with an amount and no base they still state a change, the base being the year
# before (一九八五年增加三百六十二亿元, 粮食又增加50亿斤, 增加了5家); 增加到/增长至/减少为 give the level reached.
_CHANGE_VERB = re.compile(r"(?:增加|减少|增长|下降)$")
_BARE_CHANGE = re.compile(r"了?(?:近|约|超过|逾|超)?")


def _by_amount(text: str, fig) -> bool:
    """Whether the figure's verb states a change by an amount (比上年增加5万吨, 增加362亿元) rather than a level."""
    if _BY_AMOUNT.search(text, fig.subject[0], fig.object[0]):
        return True
    return _CHANGE_VERB.search(fig.verb) is not None and _BARE_CHANGE.fullmatch(text, fig.object[0], fig.object[1]) is not None

def _from(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] opens a change from one level to another (由16%提高至40.5%, 从3.2亿元增加到4.1亿元)."""
    return text.find("由", start, end) != -1 or text.find("从", start, end) != -1  # (two finds beat a regex here)

_WORDED_AMOUNT = re.compile(r"(?:万亿|亿|万)(?:元|美元)")


def _figure_qs(qs: tuple[Quantity, ...]) -> list[Quantity]:
    """Digits with a unit; a bare number counts only inside a list whose last item has the unit (97、62微克)."""
    # Chinese numerals count when they state an amount of money with its scale (一万七千四百亿元), as
    # reports did into the 1990s; elsewhere they are ordinals, slogans or counts in words.
    out = [q for q in qs if (not q.chinese or _WORDED_AMOUNT.fullmatch(q.unit or "")) and q.unit not in POINT_UNITS]
    if all(q.unit for q in out):
        return out  # (most clauses: every figure has its unit)
    kept = []
    for i, q in enumerate(out):
        if q.unit:
            kept.append(q)
            continue
        later = next((r.unit for r in out[i + 1 :] if r.unit), None)
        if later:
            kept.append(replace(q, unit=later))
    return kept


def _named_by(text: str, q: Quantity) -> bool:
    """Whether a number in quotes is a name (扩大投资“20条”, “双15”行动), not a figure."""
    return q.num_start > 0 and text[q.num_start - 1] in "“「\"" and text[q.end : q.end + 1] in ("”", "」", '"')


@dataclass(slots=True, eq=False)
class _Draft:
    """A figure while the review is read: the clauses after it may still add its growth, rank or level,
    and most drafts are dropped as no statistic, so a draft is mutable and is grounded and rated only once
    it is kept (a record built per draft and per change cost more than the whole rest of the reading)."""

    key: tuple[int, int]  # the clause the figure was read from; with ``extra``, what its id is made of
    extra: str
    start: int  # what its quote covers: from the clause on to the last clause that extended it
    end: int
    metric: str
    metric_raw: str
    value: float | None
    unit: str | None
    growth_pct: float | None
    rank: str | None
    run: tuple[int, int] = (0, 0)  # (sentence, run between semicolons) of the clause it was read from
    works: bool = False  # an item of a list of works done (改造旱厕1637个、…)
    before_after: bool = False  # a rate reported as a change (由16%提高至40.5%)
    floor: bool = False  # the level is a bound passed (突破4万亿元大关): a later exact level replaces it


@register("actuals", version="2", produces="actuals")
def extract_actuals(ctx: Context) -> list[Actual]:
    text = ctx.text
    out: list[_Draft] = []
    higher = _HIGHER_AREA.get(ctx.sd.report.level or "", ("全国", "全省"))
    multi = period_stretches(ctx)
    look_back: list[tuple[int, int]] | None = None  # read on the first clause with a 累计 (few reports have one)
    last: list[_Draft] = []  # figures of the previous clause in the same sentence
    in_sentence = 0  # how many figures the current sentence has given (the last ones of ``out``)
    prev_sent, run, prev_end = -1, 0, 0
    over_period = False  # the sentence opens on a span of years (近三年累计，…; 五年来，…)
    company_run = (-1, -1)  # the run between semicolons that gives one company's accounts
    run_start = 0  # where the run between semicolons opens: the headline indicator it opens on names its
    # subjectless clauses (a name does not cross ；)
    clause_start = 0  # where the clause that last named a subject opens (in the same sentence)
    for n_sent, cs, ce in ctx.part_clause_list("review"):
        if n_sent != prev_sent:
            last, prev_sent, run, in_sentence = [], n_sent, 0, 0
            clause_start = run_start = cs
            # (a span opener holds 年 within its first 7 characters: one find skips most sentences)
            over_period = text.find("年", cs, cs + 7) != -1 and _PERIOD_OPENER.match(text, cs) is not None
        elif (text[prev_end] in "；;") if cs - prev_end == 1 else _SEMICOLON.search(text, prev_end, cs):
            run += 1  # (most clauses of a sentence are one separator apart: that one character is read)
            run_start = clause_start = cs
        prev_end = ce
        clause_before = clause_start  # (the sentence's start for its first clause)
        rank = find_rank(text, cs, ce)
        if rank is None and not quantities_of(text, cs, ce) and not (last and _LEVEL.match(text, cs)):
            # Two clauses in three hold no number: without a quantity, a rank or a 持平 that a figure before
            # waits for, every branch below leaves the records and the figures waiting as they are.
            clause_start = cs  # (it may name the indicator the next clauses give figures of)
            continue
        of_year = _clause_year(text, cs, ce)
        if of_year is not None and ctx.review_year is not None and of_year != ctx.review_year:
            continue  # 农民人均纯收入，1982年为270元，…: another year's figure
        if over_period and of_year is None:
            continue  # 近三年累计，单位国内生产总值能耗下降10.08%，…: the sentence sums a period
        if (multi and of_year is None and _inside(multi, cs) and not _the_years_own(ctx, cs)
                and not _ends_in_the_year(ctx, cs, ce) and not _times_the_start(text, ce)):
            continue  # 五年来…: the five-year review's figures are not the review year's
        clause = text[cs:ce]
        if _BASIS_ONLY.fullmatch(clause):
            continue  # 扣除价格因素: how the next clause's rates were computed; the figures before still wait
        fig = _read(text, cs, ce)
        qs = _figure_qs(fig.quantities)
        if qs and (text.find("“", cs, ce) != -1 or text.find('"', cs, ce) != -1 or text.find("「", cs, ce) != -1):
            qs = [q for q in qs if not _named_by(text, q)]
        wording = clean_phrase(metric_wording(text, fig)) if qs else ""
        if wording and not _CHANGE_ONLY.fullmatch(wording):
            clause_start = cs  # a clause with a subject of its own
        elif wording and not last:
            continue  # a bare change with nothing before it to add to (…基础上，又增产1454万吨，达到48401万吨)
        if qs and not last and _SUBJECTLESS.fullmatch(wording) and (
                opener := _opening_indicator(text, run_start)
                or (fig.verb and _named_before(text, clause_before, cs))):
            # 地区生产总值上半年由负转正，…，全年增长3.9%，总量达到2.5万亿元: the sentence's indicator; or the one
            # the clause right before named, when it gave no figure (…，重庆地区生产总值增速保持在合理区间，初步预计
            # 全年增长6.3%); a clause that opens on a count (1600余名干部…) is not subjectless. Both look back no
            # further than the last ；: 农民人均纯收入…463元；城镇居民人均生活费收入，…提高到916元 is not the farmers' income
            wording = opener
        if last and "计划" in wording and _OVER_PLAN.fullmatch(wording):
            continue  # …628.1亿元，超过年度计划百分之四点一，比上一年增长…: how the figure before met its plan
        values, growths = _split_value_growth(text, cs, qs)  # read once for the branches below
        if values and fig.verb and fig.verb[-1] in _CHANGE_END and _by_amount(text, fig):
            values = []  # 存款余额比年初增加60亿元, 1985年增加362亿元: the change, not the level
        if growths and not values and fig.verb == "涨幅":
            # 居民消费价格涨幅3.3%: 涨幅 names the rate, whose level the number is (上涨1.8% is a growth)
            values, growths = [q for q, _ in growths], []
        if growths and _over_years(clause, ctx.review_year):
            growths = []  # …6660元，年均增长6.1% / 分别比2005年增长97%和67%: not the year's growth of the figure
        outcome = _counted_outcome(text, cs, ce, qs)
        # the figures of this run between semicolons that may still wait for a rate (looked for only when the
        # clause gives rates and no level: _spread needs at least two rates and no level)
        if in_sentence and not values and len(growths) >= 2:
            in_run = [a for a in out[-in_sentence:] if a.run == (n_sent, run)]
            spread = _spread(text, cs, ce, values, growths, in_run)
        else:
            spread = []
        if spread:
            # X9422元，Y2936元，…分别增长7.7%和6.8%: each rate goes to its figure, in order
            for i, a in enumerate(spread):
                _extend(text, a, cs, ce, values, growths, rank, i)
            last = []
            continue
        waiting = len(last) == 1 and last[0].value is None and bool(wording) and _SUBJECTLESS.fullmatch(wording) is not None
        if waiting:
            _extend(text, last[0], cs, ce, values, growths, rank, 0, with_value=True)
            continue
        if last and rank and not qs and _ranks_another(text, cs, rank, last) and not _names_another(text, cs, last[0].metric):
            # …总投资51.69亿元，引荐数量位居全市第三位: the rank of a subject the clause names, neither the figure's
            # nor, without a figure, a statistic of its own (a headline indicator ranked is one: below)
            last = []
            continue
        if (last and not outcome and (not wording or _CONTINUATION.match(wording) or _CONTINUATION.match(clause))
                and (_CONTINUATION.match(clause) is not None or not _names_another(text, cs, last[0].metric))):
            rest = [a for a in last if a.growth_pct is None and a.value is None]
            if rest and values and not growths and _RATES_ONLY.fullmatch(clause):
                # …分别增长15.3%,|29.6%: the rates the 分别 before still owes, to the figures waiting for one
                for a, q in zip(rest, values, strict=False):
                    _extend(text, a, cs, ce, [], [(q, 1)], rank, 0)
                continue
            # a bare level after a figure without one (增加12万吨，达到156万吨; 增长7%，达到120亿元) is its level
            fill = len(last) == 1 and not wording
            for i, a in enumerate(last):
                _extend(text, a, cs, ce, values, growths, rank, i, with_value=fill)
            continue
        signed = bool(last) and bool(_SIGNED.search(last[-1].metric_raw))
        last = []
        if signed and _AMOUNT_OF_PROJECTS.fullmatch(wording):
            wording = "签约项目" + wording  # 签约引进…项目23个，总投资153.41亿元: the signed total
        if not qs:
            last = _ranked_indicator(ctx, cs, ce, rank, higher)
        elif outcome:
            name, q = outcome
            last = [_draft(ctx, cs, ce, name, q, None, rank, "", None)]
        else:
            obj = text[fig.object[0] : fig.object[1]]
            # (a year's 的 dates the figure: 由2025年的3.2亿元)
            attributive = _ATTRIBUTIVE.search(obj) and not (fig.verb or "").endswith("占") and not dated(obj)
            if len(wording) < 2 or _NOT_METRIC.search(wording) or attributive:
                continue
            if (wording.startswith(higher) or _COMPARISON.search(text, cs, qs[0].num_start) or _MULTI_YEAR_GROWTH.search(clause)
                    or _PART_OF_YEAR.search(clause) or _PERIOD_TOTAL.search(clause)
                    or (of_year is None and _CUMULATIVE.search(clause) and _inside(
                        look_back := look_back if look_back is not None else _multi_year_stretches(ctx, _LOOK_BACK_START), cs))):
                continue
            if _DESCRIBES.match(text, qs[0].end):
                continue  # 总投资35亿元的X: the number describes a thing, it is not a result
            if ((text.find("公司", cs, qs[0].num_start) != -1 or text.find("集团", cs, qs[0].num_start) != -1)
                    and _COMPANY_ACCOUNT.search(text, cs, qs[0].num_start)):  # (two finds skip most clauses)
                company_run = (n_sent, run)
                continue  # 巨力集团实现产值70亿元、纳税2.06亿元: one company's accounts, not the region's
            if company_run == (n_sent, run) and _ACCOUNT_WORD.fullmatch(wording):
                continue  # …有限公司实现产值300亿元，利税20亿元: the same company's next account
            last = _figures(ctx, cs, ce, wording, fig, qs, values, growths, rank)
            if in_sentence and is_part(text, cs):
                # …固定资产投资完成20.25亿元，其中城镇固定资产投资15.6亿元: a part of the figure before keeps its
                # own name, not the whole's
                before = {a.metric for a in out[-in_sentence:]}
                for a in last:
                    if a.metric in before:
                        a.metric = a.metric_raw
            works = _WORKS.match(wording) is not None
            before_after = len(qs) >= 2 and _from(text, cs, qs[0].num_start + 1)
            for a in last:
                a.works, a.before_after = works, before_after
        for a in last:
            a.run = (n_sent, run)
        in_sentence += len(last)
        out.extend(last)
    # growth and rank arrive in later clauses, so the statistic test runs on the finished records
    headline = _headline_runs(out)
    # a figure left with no level, rate or rank (its only rate spanned several years: 能耗比2005年下降20%) says nothing
    return [_record(ctx, a) for a in out
            if _statistical(a, a.run in headline, a.before_after, a.works)
            and not (a.value is None and a.growth_pct is None and a.rank is None)]


# What a clause says in place of the indicator it reports on (全年增长3.9%, 总量达到2.5万亿元).
_SUBJECTLESS = re.compile(r"(?:全年|总量|总额|规模|)")


def _opening_indicator(text: str, pos: int) -> str | None:
    """The headline indicator a sentence opens on (地区生产总值上半年由负转正…), if any."""
    m = _aliases_longest_first().match(clean_phrase(text[pos : pos + 16]))
    return m.group(0) if m else None


_PER = frozenset("均位每")
_RATES_ONLY = re.compile(r"\s*\d+(?:\.\d+)?\s*[%％](?:\s*[、和及]\s*\d+(?:\.\d+)?\s*[%％])*\s*")
# A clause that only states a change names no indicator of its own (又增产1454万吨, 比上年增加349亿元).
_CHANGE_ONLY = re.compile(r"(?:又|再|共|比上年|同比)*(?:增产|减产|增加|减少|增长|提高|下降)")


def _names_another(text: str, cs: int, metric: str) -> bool:
    """Whether a clause opens on a headline indicator other than ``metric`` (…3.07万亿元，规模以上工业总产值
    连续3年居全国城市首位): its rank or rate is that indicator's, not the figure's before."""
    opener = _opening_indicator(text, cs)
    return opener is not None and canonical(opener) != metric


# What a rank clause says before the rank of the figure before it (增速全市第一, 总量和增速均居全省第3位).
_RANK_OF_BEFORE = re.compile(r"(?:增速|增幅|速度|总量|总额|总数|增量|规模|综合排名|排名|位次|[和、与及均都分别同比继续保持稳居在]|"
                             r"连续[\d一二三四五六七八九十两]+年)*")


_RANK_ADVERBS = re.compile(r"(?:连续[\d一二三四五六七八九十两]+年|[均都继续保持稳居跃升])+$")


def _ranks_another(text: str, cs: int, rank: tuple[str, int, int], figures: list[_Draft]) -> bool:
    """Whether a clause of a rank alone ranks a subject it names itself, not the figure before (总投资51.69亿元，
    引荐数量位居全市第三位; 完成投资47亿元，投资完成率全市排名第二)."""
    name = clean_phrase(_RANK_VERB.sub("", text[cs : rank[1]].rstrip()))
    name = _RANK_ADVERBS.sub("", name)
    if _RANK_OF_BEFORE.fullmatch(name):
        return False
    return not any(name in a.metric_raw or canonical(name) == a.metric for a in figures)


def _named_before(text: str, start: int, end: int) -> str | None:
    """The headline indicator named last in ``text[start:end]`` (the clause before a subjectless one, asked only
    when that clause left no figure waiting)."""
    found = None
    for m in _aliases_longest_first().finditer(text, start, end):
        if text[m.start() - 1 : m.start()] not in _PER:
            found = m.group(0)  # (人均地区生产总值, 单位地区生产总值能耗 name another indicator)
    return table().get(found, found) if found else None


@lru_cache(maxsize=1)
def _aliases_longest_first() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(a) for a in sorted(table(), key=len, reverse=True) if len(a) >= 4))


_ESTIMATE = re.compile(r"预计|初步核算|初步统计|预估|快报")


def _record(ctx: Context, a: _Draft) -> Actual:
    """The kept figure grounded, with how sure it is the region's own of the review year, why, and whether
    it is an estimate."""
    g = ctx.ground("actual", a.start, a.end, a.extra)
    if (a.start, a.end) != a.key:  # extended: the id stays the one of the clause it was read from
        g["id"] = record_id(ctx.sd.doc.source.sha256, "actual", a.key, a.extra)
    sp = ctx.sentence_part(g["span"][0])
    estimate = _ESTIMATE.search(ctx.text, sp.start, sp.end) if sp else _ESTIMATE.search(g["quote"])  # in the sentence
    headline = is_canonical(a.metric)
    conf = (sp.confidence if sp else 0.5) * (1.0 if headline else 0.85)
    basis = ("headline indicator" if headline else "statistic") + " in a review sentence"
    return Actual(**g, metric=of_year(a.metric, ctx.review_year), metric_raw=a.metric_raw, year=ctx.review_year, value=a.value, unit=a.unit,
                  growth_pct=a.growth_pct, rank=a.rank, estimate=bool(estimate),
                  confidence=round(conf, 3), basis=basis)


# A clause that only says how the rates after it were computed.
_BASIS_ONLY = re.compile(r"(?:扣除|剔除)(?:价格|物价)?因素(?:后)?|按可比(?:价格|价|口径)(?:计算)?|同口径")


def _spread(text: str, cs: int, ce: int, values: list[Quantity], growths: list[tuple[Quantity, int]],
            figures: list[_Draft]) -> list[_Draft]:
    """The figures of the sentence a clause of bare rates distributes over (the last ones without a rate,
    as many as it gives): with 分别 (分别实际增长7.7%和6.8%), or a list of exactly as many rates as figures
    wait for one (…15781元，…4761元，实际增长8.4%和8%); empty when the clause is not such a list."""
    waiting = [a for a in figures if a.growth_pct is None and a.value is not None]
    if values or len(growths) < 2 or len(waiting) < len(growths):
        return []
    if DISTRIBUTIVE not in text[cs:ce] and len(waiting) != len(growths):
        return []
    return waiting[-len(growths) :]


def _headline_runs(figures: list[_Draft]) -> set[tuple[int, int]]:
    """Runs whose figures a headline indicator vouches for. A sentence most of whose semicolon runs
    carry a headline indicator is an indicator list, and every run of it counts (…；盘活土地…，出让金28亿元);
    in any other sentence only the run holding the indicator does (…发放社会养老金7.35亿元；新增城镇就业4330人)."""
    runs: dict[int, set[int]] = {}
    for a in figures:
        runs.setdefault(a.run[0], set()).add(a.run[1])
    marked = {a.run for a in figures if is_canonical(a.metric)}
    out = set(marked)
    for n, rs in runs.items():
        if 2 * sum((n, r) in marked for r in rs) > len(rs):
            out.update((n, r) for r in rs)
    return out


# A count before its noun and a closing outcome (34户112人实现精准脱贫, 5个安置区5422套安置房全部交付):
# the figure is the last count, and it is named by its noun and the outcome.
_OUTCOME = re.compile(
    r"(?:全部|均|已|全面|顺利|如期|先后)*(?P<verb>(?:实现)?(?:精准|稳定)?脱贫|交付(?:使用)?|回迁入住|入住|回迁)$"
)
_OUTCOME_ENDS = ("脱贫", "交付", "使用", "入住", "回迁")  # how each of its verbs ends


def _counted_outcome(text: str, cs: int, ce: int, qs: list[Quantity]) -> tuple[str, Quantity] | None:
    # the outcome verb ends the clause (_OUTCOME is anchored with $): a clause ending otherwise, or without a
    # count, is not searched
    if not qs or not (text.endswith(_OUTCOME_ENDS, cs, ce) or (ce > cs and text[ce - 1] == "\n")):
        return None
    m = _OUTCOME.search(text, cs, ce)
    if not m or text.startswith("其中", cs):
        return None  # 其中173户349人稳定脱贫 breaks down the count before it
    q = qs[-1]
    noun = clean_phrase(text[q.end : m.start()])
    if len(noun) > 6 or not re.fullmatch(r"[\u4e00-\u9fff]*", noun):
        return None
    verb = m.group("verb").removeprefix("实现")
    return noun + verb if noun else verb, q


# A review that looks back over a plan period after the year itself (五年来…, “十四五”时期…) runs from
# the paragraph that says so until one that returns to the year (一年来, 2025年…). Both are matched at a
# paragraph's first character that is no space (the match anchors there).
_PERIOD_START = re.compile(r"(?:各位代表[！!，,]\s*)?(?:五年来|过去五年|“?十[一二三四五六]五”?(?:时期|期间|以来)|本届政府)")
_YEAR_START = re.compile(r"(?:一年来|过去一年|回望过去一年|刚刚过去的|(?:19|20)\d\d年(?:是|，|,|我们))")


# A paragraph that looks back over the years of a term (过去的五年，是…; 这五年，…) in words the stretches above
# are not opened by: its levels are the year's end (国家外汇储备由194亿美元增加到1399亿美元), but a 累计 in it
# sums the period (全社会固定资产投资累计完成2.2万亿元, 进出口总额累计超过1万亿美元).
_LOOK_BACK_START = re.compile(r"(?:各位代表[！!，,]\s*)?(?:五年来|过去的?五年|这五年|“?十[一二三四五六]五”?(?:时期|期间|以来)|本届政府)")
_CUMULATIVE = re.compile(r"累计|共计|合计|总计")


def _inside(stretches: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in stretches)


def _multi_year_stretches(ctx: Context, opens: re.Pattern[str] = _PERIOD_START) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = None
    text = ctx.text
    for p in ctx.sd.paragraphs:
        part = ctx.part(p.start)
        if part != "review":
            if part == "plan" and start is not None:
                out.append((start, p.start))  # the look back is over: the report has turned to the plan
                start = None
            continue
        spaces = _SPACES.match(text, p.start, p.end)  # always matches, maybe empty
        head = spaces.end() if spaces else p.start  # where lstrip() would start the paragraph
        if start is None and opens.match(text, head, p.end):
            start = p.start
        elif start is not None and _YEAR_START.match(text, head, p.end):
            out.append((start, p.start))
            start = None
    if start is not None:
        out.append((start, len(ctx.text)))
    return out


def period_stretches(ctx: Context) -> list[tuple[int, int]]:
    """The stretches of a review that look back over a plan period (五年来…, “十四五”时期…) rather than the
    year; computed once per document."""
    return ctx.memo("actuals.period_stretches", _multi_year_stretches)


def in_period(ctx: Context, pos: int) -> bool:
    """Whether ``pos`` is in one of those stretches (tracking asks it too: a count there is the period's)."""
    return _inside(period_stretches(ctx), pos)


# the base year in digits or, as reports wrote it into the 1990s, in numerals (比一九五二年)
_BASE_YEAR = re.compile(r"(?:比|较|同)((?:19|20)\d\d|(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2})\s*年")


def _over_years(clause: str, review_year: int | None) -> bool:
    """Whether the rates of a clause span several years: 年均增长…, or a base year before the year ahead of
    the one under review (比2005年增长97% in a review of 2010; any base year when that year is unknown)."""
    if ("年" in clause or "五" in clause) and (_MULTI_YEAR_GROWTH.search(clause) or _AVERAGED.search(clause)):
        return True  # (every form of them holds 年 or 五)
    m = _BASE_YEAR.search(clause) if "年" in clause else None
    return m is not None and (review_year is None or year_value(m.group(1)) < review_year - 1)


_ANNUAL = re.compile(r"同比|比上年|较上年|比去年|去年|上年")


# A clause that dates its figure before giving it (1982年为270元, 国民生产总值1987年达到10920亿元, 2012年末…),
# not a base (比1982年), a start (由/从1982年的…) or a span (2018年以来, 1982年到1987年).
_CLAUSE_YEAR = re.compile(
    r"[^，,；;。\d比较由从到至]{0,12}?((?:19|20)\d\d|(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2})\s*年(?![以至到—-]|[〇○零一二三四五六七八九\d]|度)"
)


def _clause_year(text: str, cs: int, ce: int) -> int | None:
    """The year a clause dates its figure to, before its first number, if it names one."""
    if text.find("年", cs, cs + 20) == -1:
        return None  # (most clauses: no year where the pattern could find one)
    m = _CLAUSE_YEAR.match(text, cs, ce)
    if m is None or _DIGIT.search(text, cs, m.start(1)):
        return None
    return year_value(m.group(1))


_DIGIT = re.compile(r"\d")


# A level set against the period's first year right after it (…分别达到32.77亿元和13.02亿元，是2016年的1.14、1.18倍;
# 达到416亿元，为2016年的1.6倍): the level the period ended on, the year's own.
_TIMES_THE_START = re.compile(r"[，,]\s*(?:是|为|相当于)(?:19|20)\d\d\s*年(?:底|末)?的[\d.、和倍]+倍")


def _times_the_start(text: str, ce: int) -> bool:
    return text.startswith(("，", ","), ce) and _TIMES_THE_START.match(text, ce) is not None


def _ends_in_the_year(ctx: Context, cs: int, ce: int) -> bool:
    """A change over the period that ends on the year under review (国内生产总值从1997年的7.4万亿元增加到2002年的
    10.2万亿元): its last figure is that year's level."""
    if ctx.review_year is None or not _from(ctx.text, cs, ce):
        return False
    qs = quantities_of(ctx.text, cs, ce)
    return len(qs) >= 2 and _dated_year(ctx.text, cs, qs[-1]) == ctx.review_year


def _the_years_own(ctx: Context, pos: int) -> bool:
    """Inside a five-year review, a sentence that opens on the year under review (2012年，…) or compares
    with the year before (同比增长8.9%) reports the year's own figures. A period's end level said with its
    last year inside the sentence (…园区2025年营业收入突破2.5万亿元) stays the period's."""
    sp = ctx.sentence_part(pos)
    if sp is None:
        return False
    sentence = ctx.text[sp.start : sp.end]
    year = ctx.review_year
    opens = year is not None and re.match(rf"[^，,。]{{0,4}}(?:{year}|{_in_numerals(year)})\s*年", sentence) is not None
    return opens or bool(_ANNUAL.search(sentence))


# The year a figure is dated by, written right before it (增加到|2002年的|10.2万亿元, 2002年末的…).
_DATED_BEFORE = re.compile(r"((?:19|20)\d\d|(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2})\s*年(?:底|末)?\s*的?\s*$")


def _dated_year(text: str, cs: int, q: Quantity) -> int | None:
    m = _DATED_BEFORE.search(text, max(cs, q.start - 10), q.start)
    return year_value(m.group(1)) if m else None


def _in_numerals(year: int) -> str:
    """A year as reports wrote it into the 1990s (一九八二年), as a pattern: 〇, ○ and 零 all write zero."""
    return "".join("[〇○零]" if d == "0" else "一二三四五六七八九"[int(d) - 1] for d in str(year))


# 的 after a number makes it describe a thing (总投资35亿元的项目), except a level (3.5%的较低水平).
_DESCRIBES = re.compile(r"\s*的(?!(?:较|很|更|历史)?(?:低|高|好|新)(?:水平|位))")


def _read(text: str, cs: int, ce: int):
    """The clause as a figure; a count that opens it qualifies the subject that follows
    (158个重点项目完成投资189.4亿元), so the figure is read after it."""
    fig = read_clause(text, cs, ce)
    qs = fig.quantities
    if len(qs) >= 2 and not clean_phrase(text[cs : qs[0].start]) and _HAN.match(text[qs[0].end : qs[0].end + 1]):
        rest = read_clause(text, qs[0].end, ce)
        if rest.quantities and (rest.subject[1] > rest.subject[0] or rest.verb):
            return replace(rest, start=cs)
    return fig


def _ranked_indicator(ctx: Context, cs: int, ce: int, rank, higher) -> list[_Draft]:
    """An indicator reported by its rank alone (公共安全指数位居全省第34位)."""
    if not rank:
        return []
    name = clean_phrase(_RANK_VERB.sub("", ctx.text[cs : rank[1]].rstrip()))
    if len(name) < 2 or name.startswith(higher) or not _STAT_NOUN.search(name) or _NOT_METRIC.search(name):
        return []
    return [_draft(ctx, cs, ce, name, None, None, rank, "", None)]


def _split_value_growth(text: str, cs: int, qs: list[Quantity]) -> tuple[list[Quantity], list[tuple[Quantity, int]]]:
    values: list[Quantity] = []
    growths: list[tuple[Quantity, int]] = []
    for q in qs:
        percent = q.unit in PERCENT_UNITS
        sign = growth_sign(text, q, cs) if percent else None
        if sign is None and percent and growths and _LIST_JOINT.fullmatch(text[growths[-1][0].end : q.start]):
            sign = growths[-1][1]  # 分别增长3.4%、5.2%: the verb covers the whole list
        if sign is not None:
            growths.append((q, sign))
        else:
            values.append(q)
    return values, growths


def _figures(ctx: Context, cs: int, ce: int, wording: str, fig, qs: list[Quantity], values: list[Quantity],
             growths: list[tuple[Quantity, int]], rank) -> list[_Draft]:
    text = ctx.text
    if len(values) >= 2 and _from(text, cs, qs[0].num_start + 1):
        # 由16%提高至40.5%, 从3.2亿元增加到4.1亿元: the figure is where it ended; of a 分别 list of changes
        # (分别从7642家、1665家增加到2.2万家、4942家), where each ended
        ends = len(values) // 2 if len(values) % 2 == 0 and text.find(DISTRIBUTIVE, cs, ce) != -1 else 1
        values = values[-ends:]
        year = _dated_year(text, cs, values[0])
        if year is not None and year != ctx.review_year:
            return []  # …由2010年的X增加到2015年的Y in a later year's review: another year's level
    names = [wording]
    if text.find(DISTRIBUTIVE, cs, ce) != -1:
        n = max(len(values), len(growths))
        names = expand_urban_rural(wording, n) or split_subjects(wording)
    elif (len(growths) == 1 and not values and text.find("均", cs, qs[0].num_start) != -1
          and _BOTH.search(text, cs, qs[0].num_start) and len(parts := split_subjects(wording)) >= 2):
        # 二氧化硫排放量和化学需氧量均削减5.5%, 城镇和农村居民人均可支配收入均增长8%: one rate of each indicator
        names = parts
    elif (len(values) == 2 and text[values[0].end : values[1].num_start] in _PAIR_JOINTS
          and (pair := expand_urban_rural(wording, 2))):
        # 存贷款余额为A和B，分别增长…: a pair of figures for a paired subject is one per member even when the
        # 分别 only comes in the next clause
        names = pair
    elif len(values) >= 2 and "、" in text[values[0].num_end : values[1].num_start]:
        # 新增国家科技型中小企业14家、国家高新技术企业2家: one figure per item
        out: list[_Draft] = []
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
            elif i:
                name = _with_shared_head(wording, name)
            out.append(_draft(ctx, cs, ce, name, q, None, rank, str(i), fig.verb))
            piece_start = seg_end + 1
        return out
    n = len(names)
    out = []
    # a list of rates cut by a comma (分别增长15.3%,29.6%): the next clause gives the rest, in order
    cut = len(growths) < n and not values and _RATES_ONLY.match(text, ce + 1) is not None and text[ce : ce + 1] in ",，"
    for i, name in enumerate(names):
        v = values[i] if i < len(values) else None
        # one growth figure for several names (分别同比增长7.8%) applies to each of them
        g = growths[i] if i < len(growths) else (growths[0] if len(growths) == 1 and not cut else None)
        growth = g[1] * g[0].value if g else None
        out.append(_draft(ctx, cs, ce, name, v, growth, rank, str(i) if n > 1 else "", fig.verb))
    return out


# 均 right before the verb of a subject that joins several indicators: the rate is each one's.
_BOTH = re.compile(r"[\u4e00-\u9fff”）)][和、及与][^，,；;。]*?均(?:比上年|同比|比去年|较上年)?(?:增长|下降|削减|减少|提高|上涨|增加|分别)")


# What joins the two figures of a paired subject (存贷款余额为A和B / A、B).
_PAIR_JOINTS = frozenset({"和", "、", "与", "及"})


def _with_shared_head(first: str, name: str) -> str:
    """A later list item that leaves out the head words of the first (实际使用内资30.2亿元、外资381万美元)."""
    if is_canonical(canonical(name)):
        return name
    for k in range(1, len(first) - 1):
        if is_canonical(canonical(first[:k] + name)):
            return first[:k] + name
    return name


def _draft(ctx: Context, cs: int, ce: int, name: str, v: Quantity | None, growth, rank, extra: str, verb) -> _Draft:
    # (cs, ce) is a clause of part_clause_list: trimmed already, as ground() would trim it
    return _Draft((cs, ce), extra, cs, ce, metric=canonical_of(name, verb), metric_raw=name,
                  value=v.value if v else None, unit=v.unit if v else None, growth_pct=growth,
                  rank=rank[0] if rank else None, floor=v is not None and v.qualifier == "以上")


def _extend(text: str, a: _Draft, cs: int, ce: int, values: list[Quantity], growths: list[tuple[Quantity, int]], rank,
            i: int, with_value: bool = False) -> None:
    """Add the growth or rank a following clause gives to the figure before it (and, ``with_value``, the
    level a growth-only figure was waiting for: …全年增长3.9%，总量达到2.5万亿元); its quote then runs on
    to the end of that clause."""
    growth = a.growth_pct
    if growth is None and growths:
        q, sign = growths[i] if i < len(growths) else growths[0]
        growth = sign * q.value
    elif growth is None and _LEVEL.match(text, cs):
        growth = 0.0
    value, unit = a.value, a.unit
    if with_value and value is None and values:
        value, unit = values[0].value, values[0].unit
    elif a.floor and values and values[0].unit == unit and value is not None and values[0].value > value:
        value = values[0].value  # 生产总值突破4万亿元大关，达到4.32万亿元: the level reached, not the mark passed
        a.floor = values[0].qualifier == "以上"
    new_rank = a.rank or (rank[0] if rank else None)
    if growth == a.growth_pct and new_rank == a.rank and value == a.value:
        return
    a.end = ce
    a.growth_pct, a.rank, a.value, a.unit = growth, new_rank, value, unit


_LEVEL = re.compile(r"(?:与|和|同)(?:上年|去年|上年度)?持平|持平")
