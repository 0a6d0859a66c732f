"""What a pledge names: its naming words (no amounts, verbs or function characters), the genre's
short forms spelled out, the where-words, the title a 创建 pledge wants, the phase, and the named
parts of a list. Both the pledge and every review clause go through the same normalisation."""

from __future__ import annotations

import re
from collections.abc import Container
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from duixian import lexicon
from duixian.extract.quantity import SCALE_TIMES, find_quantities, number_value
from duixian.lexicon import ABBREVIATIONS, NAMES, PLEDGES

# Words that say nothing about which thing is meant (data/names.csv: adverbs and fillers).
_GENERIC = lexicon.pattern(NAMES, "adverb", (NAMES, "filler"))
# Function characters inside a naming stretch (老旧小区的改造, 道路、供水等).
_FUNCTION = re.compile(r"[的等和与及]")
_NON_WORD = re.compile(r"[\W\d_]+")
# a year in digits or, in the older reports, in Chinese numerals (一九五八年, 二〇〇五年, and with the white circle some typesetting
# uses for 〇: 一九八○年): a time, never a name
_YEAR = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年(?:度)?")
# a decimal in Chinese numerals (二点六倍) is a number even where extraction reads only its last digit (六倍, gapped
# already, leaving 二点|): its characters (二点, 十三) are never naming words
_NUMERAL_DECIMAL = re.compile(r"[〇零一二两三四五六七八九十百千万亿]+点(?:[〇零一二三四五六七八九]+|(?=\|))")
# Words that say where or at which level something is, not what it is: a sentence that shares only
# these with a pledge is about something else in the same place (高新区工业邻里中心 ≠ 国家级高新区创建).
_WHERE = lexicon.pattern(NAMES, "where")
# Runs of the connecting words of prose (由于这些, 一般应当不少于): grams inside such a run name nothing; a clause sharing
# only them with a pledge is refused as its evidence.
_PROSE = re.compile(f"(?:{lexicon.words(NAMES, 'prose')})+")
# How a figure is measured (平均每年, 人均): grams inside these say nothing of what is measured, so a clause sharing them
# (能源消费总量平均每年只增长百分之一点九 with 农村居民的消费水平平均每年递增百分之四点二) is not the nearer for it.
_MEASURE = re.compile(f"(?:{lexicon.words(NAMES, 'measure')})+")
# A pledge to win a title names the title after the verb; the evidence must name it too.
_TITLE = re.compile(rf"(?:{lexicon.words(NAMES, 'title_verb')})(?P<title>[^，。；、,;]{{2,}})")
_PHASE = re.compile(r"[一二三四五六七八九十\d]期")
# An event is told from others of its class by the two characters before the class word (花卉博览会,
# 进口博览会); a verb there (举办博览会) tells nothing and is not kept.
_EVENT = re.compile(rf"(?P<q>[^|]{{2}})(?P<cls>{lexicon.words(NAMES, 'event')})")
_EVENT_VERB = re.compile(lexicon.alternatives((PLEDGES, "action"), (PLEDGES, "result")))
# Enumerations: 、 always; 和 not inside 和谐/和平/和美 and similar words.
# What a pledge says before the things it names: time, modal and task verb (今年要发布…).
_LEAD_VERB = re.compile(rf"^.{{0,6}}?(?:{lexicon.alternatives((PLEDGES, 'action'), (PLEDGES, 'result'))})")
_VERB = re.compile(lexicon.alternatives((PLEDGES, "action"), (PLEDGES, "result"), (PLEDGES, "process")))
_ENUM_SEP = re.compile(r"、|和(?![谐平美睦顺])|以及|与|及")
# Short forms the genre uses for long names (化债 in a plan, 化解政府债务 in the review; data/abbreviations.csv);
# both pledge and review are matched with their short forms spelled out.
_ABBREV = lexicon.table(ABBREVIATIONS, "short", "long")
_ABBREV_RE = re.compile("|".join(sorted(map(re.escape, _ABBREV), key=len, reverse=True)))


def expand(s: str) -> str:
    return _ABBREV_RE.sub(lambda m: _ABBREV[m.group(0)], s)


def normalise(s: str) -> str:
    return _NON_WORD.sub("", s)


def _no_amounts(s: str) -> str:
    """s with every amount (number and unit: 1000万元, 两个) and year (2018年) replaced by a gap."""
    s = _YEAR.sub("|", s)
    out, pos = [], 0
    for q in find_quantities(s):
        out.append(s[pos : q.num_start])
        out.append("|")
        pos = q.num_end
    out.append(s[pos:])
    return _NUMERAL_DECIMAL.sub("|", "".join(out))  # what is left of a number extraction read in part


@lru_cache(maxsize=16384)  # read for every pledge before rating (track/__init__.py), then asked for again
def wording(s: str) -> frozenset[str]:
    """The bigrams of pledge text ``s`` beside its numbers and years (short forms spelled out): every word it
    says, verbs, fillers and units too (370万人次 keeps 万人次), but no character of a number, so a percentage
    in words (百分之二十九) gives none."""
    s = _YEAR.sub("|", expand(s))
    out, pos = [], 0
    for q in find_quantities(s):
        out.append(s[pos : q.num_start])
        out.append("|")
        written = s[q.num_start : q.num_end]
        if q.unit and not q.percent and not q.points and written.endswith(q.unit):
            out.append(q.unit)
        pos = q.num_end
        if q.qualifier and s.startswith(q.qualifier, pos):  # 以上, 左右: part of the amount, as much as its number
            pos += len(q.qualifier)
    out.append(s[pos:])
    return frozenset(grams(_NUMERAL_DECIMAL.sub("|", "".join(out))))


def core(s: str) -> str:
    """The naming words of s (already expanded): no amounts, years, punctuation, verbs or function characters."""
    return _FUNCTION.sub("|", _GENERIC.sub("|", _NON_WORD.sub("|", _no_amounts(s))))


def _ordered_grams(s: str) -> list[str]:
    """Character bigrams of s, in order, none across a gap (| or any other non-word character)."""
    return [g for g in lexicon.bigrams(s) if g is not None]


def grams(s: str) -> set[str]:
    return set(_ordered_grams(s))


@dataclass(frozen=True)
class Part:
    label: str  # the part's naming words, for the reason (智慧社区)
    grams: tuple[str, ...]  # the grams no other part has, in order
    core: str  # its naming words with gaps, for the other-kind check


@dataclass(frozen=True)
class Names:
    """What a pledge names, computed once per pledge."""

    core: str
    want: frozenset[str]
    where: frozenset[str]  # grams that only say where or at which level
    title: frozenset[str]  # grams of the title a 创建/争创 pledge wants to win
    phase: str | None  # 二期 in 产业园二期建设
    parts: tuple[Part, ...]  # the enumerated named parts, when there are two or more
    events: tuple[tuple[str, str], ...] = ()  # (qualifier, class) of each event named: (花卉, 博览会)
    thresholds: frozenset[tuple[float, str]] = frozenset()  # 过百亿元企业 → (1e10, 元): the class's bar
    projects: bool = False  # the parts are projects: a list closed by 等…项目/工程 (仙人山、古北岳等景区开发建设项目)
    example: Part | None = None  # the one project named before 等…项目/工程 (现代化农业试验示范等科技进步工程)
    prose: frozenset[str] = frozenset()  # grams inside runs of prose words (由于这些 → 由于, 于这, 这些)
    measure: frozenset[str] = frozenset()  # grams inside words of how a figure is measured (平均每年 → 平均, 均每, 每年)


@lru_cache(maxsize=4096)  # a pledge's names are asked for by its sentence's neighbours and by itself
def names(pledge_text: str) -> Names:
    s = expand(pledge_text)
    c = core(s)
    where = frozenset(g for m in _WHERE.finditer(s) for g in grams(m.group(0)))
    prose = frozenset(g for m in _PROSE.finditer(normalise(s)) for g in grams(m.group(0)))
    measure = frozenset(g for m in _MEASURE.finditer(normalise(s)) for g in grams(m.group(0)))
    t = _TITLE.search(s)
    title = frozenset(grams(core(t.group("title")))) if t else frozenset()
    phase = _PHASE.search(s)
    parts = _parts(s)
    project_list = _PROJECT_LIST.search(s) is not None
    listed = project_list and not _COUNTED_CLASS.search(s)
    return Names(c, frozenset(grams(c)), where, title, phase.group(0) if phase else None, parts, _events(c),
                 thresholds(s), bool(parts) and project_list, _example(s) if listed and not parts else None, prose,
                 measure)


# 等50项高新技术产业化项目: a class counted after 等 is the promise itself (met by 实施高新技术产业化项目20项), not an example
_COUNTED_CLASS = re.compile(r"等[^，。；,;]{0,12}?[\d一二三四五六七八九十百]+\s*[项个批家座条所]")


def example_named(part: Part, got: AbstractSet[str]) -> bool:
    """The example of a 等…项目 pledge is named when most (≥ 60%) of its grams are there (唐钢超薄热带技改 for
    实施好唐钢超薄热带, whose first gram 好唐 is the verb's)."""
    return sum(g in got for g in part.grams) * 5 >= len(part.grams) * 3


def only_verbs(n: Names) -> bool:
    """The pledge names nothing but what is to be done (尽快建成投产, 全面落实五项重点工作, 抓开工落地): its naming words
    are verbs of the genre, which any clause about any work shares."""
    return bool(n.want) and _verbs_only(n.core)


_OPENING_VERB = re.compile(rf"\|*(?:{_VERB.pattern})")


def opening_verb(c: str) -> frozenset[str]:
    """The grams of the verb naming words ``c`` open with (出台 of 出台鼓励消费|政策措施): what is to be done, not which
    thing; a verb further on may be the thing (上市 of 企业上市)."""
    m = _OPENING_VERB.match(c)
    return frozenset(grams(m.group(0))) if m else frozenset()


def _verbs_only(c: str) -> bool:
    """Whether naming words ``c`` (with gaps) are, but for under two characters, the genre's verbs."""
    return len(_VERB.sub("", c).replace("|", "")) < 2


def _example(s: str) -> Part | None:
    """The one project a pledge names before 等…项目/工程, as a part (its naming grams after the lead verb)."""
    head = s.split("等", 1)[0]
    lead = _LEAD_VERB.match(head)
    if lead and len(head) - lead.end() >= 2:
        head = head[lead.end() :]
    c = core(head)
    gs = tuple(_ordered_grams(c))
    return Part("".join(w for w in c.split("|") if len(w) >= 2), gs, c) if len(gs) >= 2 else None


# A list of projects: 等 and, before the clause ends, the class 项目 or 工程 (…、竹园污水处理厂四期等工程).
_PROJECT_LIST = re.compile(r"等[^，。；,;]{0,12}?(?:项目|工程)")


# A class named by the bar its members pass (销售收入过百亿元企业, 纳税超千万元企业, 投资过10亿元项目): the figure
# between 过/超 and the unit, magnitude words included (百, 千, 10), tells the class from its neighbours
# (过亿元企业, 过10亿元企业), although amounts are no naming words. A bar followed by punctuation or 大关 is a
# figure reached (总产值突破百亿元大关, 超过1万亿元，), not a class.
_THRESHOLD = re.compile(
    r"(?:超过|过|超|逾)(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]*?)(?P<scale>万亿|亿|万)(?P<unit>美元|元)"
    r"(?=(?:以上)?的?(?:\d+[家个项])?(?!大关)[\u4e00-\u9fff])"
)


def thresholds(s: str) -> frozenset[tuple[float, str]]:
    """The bars of the classes ``s`` names, as (amount in the unit, unit): 过百亿元企业 → (1e10, 元), 过亿元 →
    (1e8, 元), 超千万元 → (1e7, 元), 过10亿元 → (1e9, 元)."""
    out = set()
    for m in _THRESHOLD.finditer(s):
        n = m.group("n")
        value = number_value("一" + n if n[:1] in ("十", "百", "千") else n) if n else 1.0
        if value:
            out.add((value * SCALE_TIMES[m.group("scale")], m.group("unit")))
    return frozenset(out)


def other_threshold(n: Names, quote: str) -> str | None:
    """The bar a clause names in the pledge's unit when none of its bars is the pledge's (过亿元 against a pledge on
    过百亿元企业: the clause counts another class), as written; None when it names no bar in that unit or the
    pledge's own. ``quote`` as written: normalising drops the digits of 过10亿元."""
    if not n.thresholds:
        return None
    units = {u for _, u in n.thresholds}
    theirs = [m for m in _THRESHOLD.finditer(quote) if m.group("unit") in units]
    if not theirs or thresholds(quote) & n.thresholds:
        return None
    return theirs[0].group(0)


def _events(c: str) -> tuple[tuple[str, str], ...]:
    """The events a pledge names, each as (qualifier, class word): 中国花卉博览会 → (花卉, 博览会)."""
    return tuple((m.group("q"), m.group("cls")) for m in _EVENT.finditer(c)
                 if not _EVENT_VERB.fullmatch(m.group("q")))


def other_event(n: Names, said: str) -> tuple[str, str] | None:
    """(qualifier, class) of a pledge's event when the clause names that class of event but not this
    one (第十届中国花卉博览会 against 中国国际进口博览会连续成功举办五届), or names neither its qualifier nor
    its class (成功举办三届进口博览会 against 成功举办首届北外滩国际航运论坛: only the verbs are shared). A
    pledge naming several events (办好进博会、花博会) is refused only when none of them is there: one
    named is a listed part found, and the parts decide partial."""
    # the character next to the class word is the qualifier's own even when it is a one-character
    # name (省运动会 in 举办好省运动会); both of q's characters are tried only when the class is not there
    missed = [(q, cls) for q, cls in n.events if q[-1] + cls not in said and (cls in said or q not in said)]
    return missed[0] if missed and len(missed) == len(n.events) else None


def _parts(s: str) -> tuple[Part, ...]:
    """The named parts of an enumeration, each reduced to the grams no other part has.

    The class the parts belong to is cut off first: whatever follows 等 (榆树园小学等5所小学) or the
    count after the last part (华耀城3个社区卫生服务中心)."""
    enum = s.split("等", 1)[0]
    # a piece that is only a verb (新建和改扩建, 再取消和下放…, 组建和完善…) joins actions on one object, not named things
    pieces = [p for p in _ENUM_SEP.split(enum) if not _VERB.search(p) or not _verbs_only(core(p))]
    if not pieces:
        return ()
    # a preposition or a verb before the list (把小学、初中学生…, 要发布国家中长期科学和技术…) governs it;
    # it is not part of the first name
    pieces[0] = re.sub(r"^(?:把|将|对|向|使|让)", "", pieces[0])
    lead = _LEAD_VERB.match(pieces[0])
    if lead and len(pieces[0]) - lead.end() >= 2:
        pieces[0] = pieces[0][lead.end() :]
    if len(pieces) < 2 or any("的" in p for p in pieces) or _manner_list(pieces):
        return ()  # 优美的环境、优良的秩序 / 以硬化、绿化…为主要内容的小区: descriptions, not named things
    last = pieces[-1]
    counts = [q for q in find_quantities(last) if q.unit]
    if counts:
        pieces[-1] = last[: counts[0].num_start]
    cores = [core(p) for p in pieces]
    # Parts of a list are about as long as each other; what runs on after the last one is the class
    # they share (工厂、矿区|环境综合治理).
    labels = ["".join(w for w in c.split("|") if len(w) >= 2) for c in cores]
    longest = max(len(c.strip("|")) for c in cores[:-1])
    if len(cores[-1].strip("|")) > 2 * longest:
        cores[-1] = cores[-1].strip("|")[: longest + 1]
    ordered = [_ordered_grams(c) for c in cores]
    out = []
    for i, gs in enumerate(ordered):
        others = {g for j, o in enumerate(ordered) if j != i for g in o}
        own = tuple(g for g in gs if g not in others)
        if own:
            out.append(Part(labels[i], own, cores[i]))
    return tuple(out) if len(out) >= 2 else ()


_MANNER = lexicon.words(NAMES, "manner")
_MANNER_LAST = re.compile(rf"(?:{_MANNER})$")
_MANNER_FIRST = re.compile(rf"(?:{_MANNER})")  # used with .match / .fullmatch


def _manner_list(pieces: list[str]) -> bool:
    """Whether a list says how one thing goes rather than naming several (进口博览会如期|安全|精彩举办): the first
    piece ends in a manner word, the last starts with one, and every piece between is one."""
    return (_MANNER_LAST.search(pieces[0]) is not None and _MANNER_FIRST.match(pieces[-1]) is not None
            and all(_MANNER_FIRST.fullmatch(p) for p in pieces[1:-1]))


def part_found(part: Part, got: AbstractSet[str], said: str, *, strict: bool = False,
               common: Container[str] = frozenset()) -> bool:
    """A part is named in a clause when its first gram is there (names come first: 荷花特色商业街区 →
    荷花), or most of its grams without another kind of the same thing (智慧旅游公共服务平台 is not
    named by 政务公共服务平台). ``strict`` (searching the whole review) wants the first and another.
    ``common``: grams the text uses in many clauses; a long part's first word alone is no name when it is one of
    them (城市路网 by 城市商贸综合体, 国家重点科研基地 by 国家创新体系: a word said of many things)."""
    hit = sum(g in got for g in part.grams)
    alone = hit == 1 and len(part.grams) >= 3 and part.grams[0] in common
    if part.grams[0] in got and (not strict or hit >= 2 or len(part.grams) == 1) and not alone:
        return True
    return hit >= 2 and hit * 2 >= len(part.grams) and other_kind(part.core, got, said) is None


def named(part: Part, got: AbstractSet[str]) -> bool:
    """A part named by its own name in a clause: its first gram and most (≥ 60%, at least two) of its own grams
    (南三环, 远山红郡住宅小区 in 远山红郡住宅小区一期建设顺利推进), not a place it shares a first word with
    (白龙港污水厂 for 白龙港-海滨连通管, 大王店产业园区 for 大王店连接线)."""
    hit = sum(g in got for g in part.grams)
    return len(part.grams) >= 2 and part.grams[0] in got and hit >= 2 and hit * 5 >= len(part.grams) * 3


# A figure summed over sectors (工农业总产值) holds one sector's name (农业总产值) and is another figure.
_COMBINED = lexicon.pattern(NAMES, "combined")


def only_in_sum(c: str, said: str) -> tuple[str, str] | None:
    """(the sum's name, the pledge's naming stretch) when the clause names a figure of the pledge only inside the name of
    a sum over sectors (农业总产值 only as part of 工农业总产值, 农业增加值 as part of 农林牧渔业增加值): the clause gives the
    sum, not the part. The figure is what the pledge and the clause share from inside the sum's name onward, three
    characters or more. None when the pledge names a sum itself or the clause names the figure on its own too."""
    if _COMBINED.search(c):
        return None
    chunks = [w for w in c.split("|") if len(w) >= 3]
    apart = _COMBINED.sub("|", said)
    for m in _COMBINED.finditer(said):
        for k in range(m.start() + 1, m.end()):
            end = m.end()
            while end < len(said) and any(said[k : end + 1] in w for w in chunks):
                end += 1
            figure = said[k:end]
            if end > m.end() and len(figure) >= 3 and figure not in apart:
                w = next(w for w in chunks if figure in w)
                return said[m.start() : end], w[: w.index(figure) + len(figure)]
    return None


def other_kind(c: str, got: AbstractSet[str], said: str) -> tuple[str, str] | None:
    """(modifier, head) when the clause names the pledge's object noun with other words saying which
    one (田园综合体 against 商贸综合体, 公立幼儿园 against 海拉尔区幼儿园). A bare head after a verb
    (打造片区72个) may be the same thing and passes."""
    chunks = [w for w in c.split("|") if len(w) >= 2]
    if not chunks:
        return None
    obj = chunks[-1]
    i = len(obj) - 1  # start of the longest ending of obj that the clause has
    while i >= 1 and obj[i - 1 : i + 1] in got:
        i -= 1
    if i < 2 or grams(obj[:i]) & got:
        return None  # (nearly) all of the object is there, or some of what says which one
    # the ending must stand in the clause as written: its bigrams may come from two words (总产量 from 棉花产量 and
    # 农业总产值), and then the clause's own head is the shorter ending it has (产量, after 棉花)
    while len(obj) - i > 2 and obj[i:] not in said:
        i += 1
    head, modifier = obj[i:], obj[:i]
    if len(head) < 2:
        return None
    before = [said[max(0, m.start() - 2) : m.start()] for m in re.finditer(re.escape(head), said)]
    if not before or any(len(b) < 2 or _GENERIC.fullmatch(b) for b in before):
        return None
    return modifier, head
