"""The metric table: canonical headline indicators and the wordings reports use for them.

The table is data (``data/metrics.csv``: canonical name, aliases separated by ``|``) so that a
researcher can add a wording without touching code.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from duixian.meta.cues import YEAR_WORD

# Patterns of the hot loops compiled once (module-level re.* calls look each one up in re's cache).
_SPACES = re.compile(r"\s+")

# Words that open a metric phrase without being part of the indicator's name.
_LEADING = re.compile(
    r"^(?:(?:中央|报告|会议|政府|国务院)?提出|力争|确保|努力|争取|其中|全年|全区|全县|全市|全省|全旗|全州|全盟|今年|当年|年内|累计|共|总计|合计|完成|实现|"
    # a year in numerals as reports wrote it into the 1990s (一九五八年我国工农业总产值) opens a wording like one in digits
    r"(?:截至|到)?(?:" + YEAR_WORD + r")\s*年(?:以来|底|末|度)?"
    r"|预计|初步核算|初步统计|据统计|一年来|过去一年|去年|上年|年末|年底|同时|并|我区|我市|我县|我省|我国|了|的|计划"
    # a conjunction that singles the figure out (特别是财政收入突破6亿元, 则本年收入…)
    r"|特别是|尤其是|则)+"
)
# …and the tense words and base year between a wording and its verb (外债余额已|达到, 工业总产值比一九五二年|增长);
# a base year with nothing before it is the whole wording of a change (比1980年预计增加42亿元) and stays, as
# the wording of no indicator
_TRAILING = re.compile(
    r"(?:完成|实现|达到|达|为|累计|全年|分别|同比|比上年|比上一年|较上一?年|[比较](?:去年|年初)|共计|共|总计|合计|实际|名义|可比|平均|不低于|不少于|不超过|不高于|低于|"
    r"预计|初步|按|力争|确保|争取|将要|将|已经|已|"
    # an adverb between the indicator and its verb or base year (粮食产量也|增长, 投资总额又|比一九五三年),
    # after a name of two characters at least (成都, 首都 keep theirs)
    r"(?<=[\u4e00-\u9fff]{2})[也又都还再]|"
    # the year a figure is of, between the indicator and its verb (国民生产总值1987年|达到10920亿元)
    r"(?<=[\u4e00-\u9fff]{2})(?:" + YEAR_WORD + r")\s*年(?:底|末)?|"
    # a base year, or a plan period as the base (出口总值比“八五”|增长, 能源消耗比“十五”末|降低): one alternative, so
    # that a 比/较 is tried once
    r"(?<=.)[比较](?:(?:" + YEAR_WORD + r")\s*年(?:的)?|"
    r"“[一二三四五六七八九十]{1,2}五”(?:时期|期间|末|期末)?|[一二三四五六七八九十]{1,2}五(?:时期|期间|末|期末)))+$"
)
# How the figure was computed, said inside the metric phrase (一般公共预算收入剔除虚增空转因素后).
_BASIS = re.compile(r"(?:剔除|扣除)[^，,；;]*?(?:因素后|因素|后)|按可比(?:价格|价|口径)(?:计算)?|同口径")
# The circumstances a figure was reached in, said between the indicator and its verb (地方一般公共预算收入|在更大规模
# 减税降费的情况下|下降1.7%, 粮食产量在严重干旱的条件下|达到…): not part of the indicator's name.
_CIRCUMSTANCE = re.compile(r"(?<=[\u4e00-\u9fffA-Z0-9]{2})在[^，,；;。在]{2,30}?的?(?:情况|背景|形势|条件|前提|冲击|影响|压力)下$")
# A bracketed Latin abbreviation glosses the name before it: 地区生产总值（GDP）, 居民消费价格指数(CPI).
_GLOSS = re.compile(r"[（(]\s*[A-Za-z][A-Za-z0-9.\s]*[）)]|[［\[【]\d{1,3}[］\]】]")  # also a note mark: 地方生产总值[1]
# Short aliases are too generic to match as a suffix of a longer phrase (投资 in 重点项目完成投资).
_MIN_SUFFIX_ALIAS = 4


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, str], ...]:
    with resources.files("duixian.data").joinpath("metrics.csv").open(encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """alias (or canonical name) → canonical name."""
    out: dict[str, str] = {}
    for row in _rows():
        name = row["metric"].strip()
        out[name] = name
        for alias in filter(None, (a.strip() for a in row["aliases"].split("|"))):
            out.setdefault(alias, name)
    return out


@lru_cache(maxsize=1)
def _lower_is_better() -> frozenset[str]:
    return frozenset(row["metric"].strip() for row in _rows() if (row.get("lower_is_better") or "").strip() == "yes")


def lower_is_better(metric: str | None) -> bool:
    """Whether a target on ``metric`` is a ceiling whatever its wording (物价涨幅3%左右, 失业率5.5%左右)."""
    return metric in _lower_is_better()


@lru_cache(maxsize=1)
def _renamed() -> dict[str, tuple[int, str]]:
    """metric → (year, name): from that year on the statistic the wording names is another indicator's
    (column ``renamed`` of the table, ``1998:规模以上工业总产值``)."""
    out: dict[str, tuple[int, str]] = {}
    for row in _rows():
        year, _, name = (row.get("renamed") or "").partition(":")
        if name.strip():
            out[row["metric"].strip()] = (int(year), name.strip())
    return out


def of_year(metric: str, year: int | None) -> str:
    """The metric a figure of ``year`` named ``metric`` is: a wording whose statistic changed coverage names the
    later indicator from the year of the change on (工业总产值 of 1995 is all industry's; of 2005, only the
    enterprises above the 规模以上 threshold are counted). A figure of no known year is taken as a later one."""
    r = _renamed().get(metric)
    return r[1] if r is not None and (year is None or year >= r[0]) else metric


@lru_cache(maxsize=1)
def _canonical_set() -> frozenset[str]:
    return frozenset(table().values())


def canonical_names() -> list[str]:
    return sorted(_canonical_set())


def is_canonical(name: str) -> bool:
    """Whether ``name`` is a canonical metric of the table (a headline indicator)."""
    return name in _canonical_set()


def _paired(p: str, phrase: str) -> str:
    """Put back a quote mark the strip took from a name that quotes a label of its own (“专精特新”企业,
    新增“五上”企业): a closing mark inside with no opening one, or the reverse."""
    if "”" in p and "“" not in p.partition("”")[0] and phrase.find("“") != -1:
        p = "“" + p
    if "“" in p and "”" not in p.rpartition("“")[2] and phrase.rfind("”") > phrase.rfind("“"):
        p = p + "”"
    return p


@lru_cache(maxsize=8192)  # a pure function of the wording; a report asks for a third of its wordings again
def clean_phrase(phrase: str) -> str:
    """The metric wording without spaces, leading scope words or trailing verbs."""
    p = _GLOSS.sub("", _SPACES.sub("", phrase))
    p = _paired(p.strip("，,、；;：:“”\"'（）()"), phrase)
    p = _BASIS.sub("", p)
    p = _LEADING.sub("", p)
    if "下" in p:
        p = _CIRCUMSTANCE.sub("", p)
    p = _TRAILING.sub("", p)
    return p.strip("，,、；;：:")


@lru_cache(maxsize=8192)
def canonical(phrase: str) -> str:
    """The canonical metric for a wording; the wording itself when the table has no entry."""
    p = clean_phrase(phrase)
    t = table()
    if p in t:
        return t[p]
    # the longest alias the phrase ends with whose head is a scope word or a place: one set lookup per alias length
    # instead of a pass over the table; a shorter one may fit where the longest does not (全社会|消费品零售总额,
    # not 全|社会消费品零售总额)
    for n, aliases in _suffix_aliases():
        if n <= len(p) and p[-n:] in aliases and _compatible(p, p[-n:]):
            return t[p[-n:]]
    return p


@lru_cache(maxsize=1)
def _suffix_aliases() -> tuple[tuple[int, frozenset[str]], ...]:
    """The aliases long enough to match as a suffix, by length, longest first."""
    by_length: dict[int, set[str]] = {}
    for alias in table():
        if len(alias) >= _MIN_SUFFIX_ALIAS:
            by_length.setdefault(len(alias), set()).add(alias)
    return tuple((n, frozenset(by_length[n])) for n in sorted(by_length, reverse=True))


def canonical_of(subject: str, verb: str | None) -> str:
    """Like canonical, also trying the subject with its verb (经济|增长 → 经济增长 → 地区生产总值)."""
    name = canonical(subject)
    if name not in table() and verb:
        joined = canonical(clean_phrase(subject) + verb)
        if is_canonical(joined):
            return joined
    return name


def _is_place(name: str) -> bool:
    from duixian.meta.regions import lookup

    return 2 <= len(name) <= 8 and bool(lookup(name))


def _compatible(phrase: str, alias: str) -> bool:
    """A longer phrase keeps the alias's meaning only when what precedes it is a scope word."""
    head = phrase[: len(phrase) - len(alias)]
    if head == "" or re.fullmatch(r"(?:全国|全区|全县|全市|全省|全社会|常住|本地)+", head):
        return True
    if _is_place(head.removesuffix("市").removesuffix("省")):
        return True  # a region's own name before the indicator (重庆地区生产总值, 深圳市生产总值)
    # what a clause says before naming the indicator (国家计划要求今年的|国民生产总值, 重庆去年|新增社会融资规模,
    # 深圳2022年|规模以上工业增加值) is not part of its name
    return bool(re.search(r"(?:的|今年|全年|去年|上年|(?:19|20)\d\d年|要求|提出|确定|计划|预计)$", head)) and not re.search(r"(?:人均|单位|每)", head)
