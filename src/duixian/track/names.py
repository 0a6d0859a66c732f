"""What a pledge names: its naming words (no amounts, verbs or function characters), the genre's
short forms spelled out, the where-words, the title a 创建 pledge wants, the phase, and the named
parts of a list. Both the pledge and every review clause go through the same normalisation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from duixian.extract.quantity import find_quantities

_GENERIC = re.compile(
    r"全力|加快|加速|积极|持续|继续|深入|扎实|全面|统筹|有序|稳妥|大力|着力|重点|进一步|不断|切实|力争|确保|争取|努力|"
    r"优先|率先|尽快|集中|"
    r"推进|推动|实施|建设|新建|改造|提升|打造|启动|完成|做好|抓好|搞好|办好|开展|加强|优化|完善|支持|促进|实现|"
    r"工作|项目|工程|任务|年内|年底|全年|今年|以上|左右|我们|全区|全市|全县|一批|各类|各项|进行|开工|建成|达到|"
    r"同比|增长|增速|下降|提高|减少|"  # growth words: every figure has them
    r"总投资"  # money names no particular thing
)
# Function characters inside a naming stretch (老旧小区的改造, 道路、供水等).
_FUNCTION = re.compile(r"[的等和与及]")
_NON_WORD = re.compile(r"[\W\d_]+")
_YEAR = re.compile(r"\d{4}\s*年(?:度)?")
# Words that say where or at which level something is, not what it is: a sentence that shares only
# these with a pledge is about something else in the same place (高新区工业邻里中心 ≠ 国家级高新区创建).
_WHERE = re.compile(
    r"国家级|省级|市级|区级|县级|镇级|村级|国家|全国|全省|全市|全区|全县|自治区|高新区|开发区|经开区|产业集聚区|"
    r"示范区|新区|城区|老城区|中心城区|园区|片区|乡镇|街道|农村|城乡|城市"
)
# A pledge to win a title names the title after the verb; the evidence must name it too.
_TITLE = re.compile(r"(?:创建|争创|申创|创成|创评|申报|争当)(?P<title>[^，。；、,;]{2,})")
_PHASE = re.compile(r"[一二三四五六七八九十\d]期")
# Enumerations: 、 always; 和 not inside 和谐/和平/和美 and similar words.
_ENUM_SEP = re.compile(r"、|和(?![谐平美睦顺])|以及|与|及")
# Short forms the genre uses for long names (化债 in a plan, 化解政府债务 in the review); both pledge and
# review are matched with their short forms spelled out.
_ABBREV = {
    "化债": "化解债务", "棚改": "棚户区改造", "创文": "创建文明城市", "创卫": "创建卫生城市", "双创": "创新创业",
    "厕改": "厕所改造", "控违": "控制违法建设", "拆违": "拆除违法建筑",
    "医改": "医疗改革", "放管服": "简政放权放管结合优化服务", "四上": "规模以上",
    "违章建筑": "违法建筑", "公共厕所": "公厕",  # one thing, two names
}
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
    return "".join(out)


def core(s: str) -> str:
    """The naming words of s (already expanded): no amounts, years, punctuation, verbs or function characters."""
    return _FUNCTION.sub("|", _GENERIC.sub("|", _NON_WORD.sub("|", _no_amounts(s))))


def _ordered_grams(s: str) -> list[str]:
    """Character bigrams of s, in order, none across a gap (|)."""
    return [s[i : i + 2] for i in range(len(s) - 1) if "|" not in s[i : i + 2]]


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


def names(pledge_text: str) -> Names:
    s = expand(pledge_text)
    c = core(s)
    where = frozenset(g for m in _WHERE.finditer(s) for g in grams(m.group(0)))
    t = _TITLE.search(s)
    title = frozenset(grams(core(t.group("title")))) if t else frozenset()
    phase = _PHASE.search(s)
    return Names(c, frozenset(grams(c)), where, title, phase.group(0) if phase else None, _parts(s))


def _parts(s: str) -> tuple[Part, ...]:
    """The named parts of an enumeration, each reduced to the grams no other part has.

    The class the parts belong to is cut off first: whatever follows 等 (榆树园小学等5所小学) or the
    count after the last part (华耀城3个社区卫生服务中心)."""
    enum = s.split("等", 1)[0]
    pieces = _ENUM_SEP.split(enum)
    if len(pieces) < 2 or any("的" in p for p in pieces):
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


def part_found(part: Part, got: set[str], said: str, *, strict: bool = False) -> bool:
    """A part is named in a clause when its first gram is there (names come first: 荷花特色商业街区 →
    荷花), or most of its grams without another kind of the same thing (智慧旅游公共服务平台 is not
    named by 政务公共服务平台). ``strict`` (searching the whole review) wants the first and another."""
    hit = sum(g in got for g in part.grams)
    if part.grams[0] in got and (not strict or hit >= 2 or len(part.grams) == 1):
        return True
    return hit >= 2 and hit * 2 >= len(part.grams) and other_kind(part.core, got, said) is None


def other_kind(c: str, got: set[str], said: str) -> tuple[str, str] | None:
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
    head, modifier = obj[i:], obj[:i]
    if len(head) < 2 or len(modifier) < 2 or grams(modifier) & got:
        return None
    before = [said[max(0, m.start() - 2) : m.start()] for m in re.finditer(re.escape(head), said)]
    if not before or any(len(b) < 2 or _GENERIC.fullmatch(b) for b in before):
        return None
    return modifier, head
