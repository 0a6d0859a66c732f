"""Pledges: concrete, checkable commitments of the plan year — a quantity, a named object or a deadline.

Every part of a numbered 民生实事 item counts; an enumeration whose items each carry their own
number (孵化器1个、中试基地1个) gives one pledge per item.
"""

from __future__ import annotations

import itertools
import re

from duixian import lexicon
from duixian.extract import deadlines
from duixian.extract.context import Context, trimmed_clauses
from duixian.extract.quantity import Quantity, find_quantities, growth_sign
from duixian.extract.records import Pledge, PledgeQuantity, make
from duixian.extract.registry import register
from duixian.extract.targets import list_spans
from duixian.intervals import Covered
from duixian.lexicon import NAMES, PLEDGES, STAGES, TIME, UNITS
from duixian.meta.cues import year_value
from duixian.structure.headings import CN_BRACKET, CN_DOT, NUM_BRACKET, NUM_DOT

# Patterns of the hot loops compiled once (module-level re.* calls look each one up in re's cache).
_HAN_NEXT = re.compile(r"\s*[\u4e00-\u9fff]")
_PROJECT_WORD = re.compile(r"项目|工程|建设")
_COMMA_ONLY = re.compile(r"\s*[，,]\s*")

# The word lists are data (data/pledges.csv, docs/lexicon.md); the grammar that combines them stays here.
OBJECT_WORDS = lexicon.pattern(PLEDGES, "object")
ACTION_WORDS = lexicon.pattern(PLEDGES, "action")
# 通过…验收 lets a few words in between (通过国家级验收), so it is grammar, not a term.
# Outcomes checkable a year later whatever their object; process verbs (推进, 实施) need a named object.
RESULT_WORDS = re.compile(lexicon.words(PLEDGES, "result") + r"|通过.{0,6}验收")
# A kind of thing rather than a name (老旧小区, 重点项目): an object word after only these is a category of work.
_GENERIC = lexicon.pattern(PLEDGES, "kind")
_PROCESS = re.compile(rf"^(?:{lexicon.alternatives((NAMES, 'adverb'), (PLEDGES, 'process'))})+")
_NAME_BEFORE = re.compile(r"[\u4e00-\u9fff“”·（）()A-Za-z0-9]{2,14}$")
_QUOTED_NUMERAL = re.compile(r"“[\d一二三四五六七八九十两]")  # “四大工程”, “1020”工程, “1+N”
# What is left of a name that only counts (3个, 十大, 一批, 二是…): a numeral first. A place name that starts with
# a numeral character and holds no other one (三曹寨河, 五一路, 两河圣山, 三峡) names one thing; slogans hold
# several (一江一河, 四馆一中心); after the numeral, what makes it a count, an enumerator (二是, 三要), a period
# (一季度, 两年), a phase (二期) or a common word (一体化, 两侧) is no place.
_COUNTED = re.compile(r"[一二三四五六七八九十两\d]+[个大项条批]?.*")
_NUMERAL_PLACE = re.compile(
    rf"[一二三四五六七八九十两]+(?![是要则来些部体站流线级类种大批侧岸面方边季年月日号期届次]|{lexicon.words(UNITS, 'count_word')})[^一二三四五六七八九十两\d“”（）()]{{1,}}"
)


def _strip_process(words: str) -> str:
    """``words`` without the task verbs and adverbs that open it: _PROCESS.sub("", words), whose ^ lets it
    match only at the start, without trying every other position."""
    m = _PROCESS.match(words)
    return words[m.end() :] if m else words


# A task verb that never stands inside a name (pledges.csv set lead_verb), met inside the words before an object word
# (下大力气抓好|项目建设, 国家集中力量建设一批…, 全力以赴做好|工程建设): what stands before it is how or by whom the
# work is done, and only what follows it can name the object. Verbs that do stand in names (建设工程, 运营中心, 贸易促进
# 创新示范区) are not in the set.
_VERB_INSIDE = lexicon.pattern(PLEDGES, "lead_verb")


def _after_last_verb(words: str) -> str:
    """``words`` from after their last lead verb on; whole when one character would be left: with the object word
    it is a name of its own (加快淮|河, 推进沙|河生态规划), which the words before it then stand for."""
    first = _VERB_INSIDE.search(words)
    if first is None:  # most names hold none: one scan
        return words
    end = first.end()
    for m in _VERB_INSIDE.finditer(words, end):
        end = m.end()
    return words[end:] if len(words) - end != 1 else words


# A number that names a road or a line (107国道, G4高速, S235省道, 国道107线, 地铁2号线): the road it names is a named
# object, though the number counts nothing. The road words are data (pledges.csv set road_word).
_ROAD_WORD = lexicon.words(PLEDGES, "road_word")
_ROAD_NUMBER = re.compile(rf"[A-Z]?\d{{1,4}}\s*(?:{_ROAD_WORD})|(?:{_ROAD_WORD})\s*[A-Z]?\d{{1,4}}\s*线")
_ROAD_LAST = tuple(dict.fromkeys(w[-1] for w in lexicon.terms(PLEDGES, "road_word")))  # 道, 速, 路, 线: a part with none


def _named(part: str) -> bool:
    """An object word preceded by words that are not all generic (沙颍河生态谷, 区应急管理指挥平台), or a road
    named by its number."""
    for m in OBJECT_WORDS.finditer(part):
        before = _NAME_BEFORE.search(part, 0, m.start())
        if not before:
            continue
        words = _after_last_verb(_strip_process(before.group(0)))
        if "“" in before.group(0) and "”" in before.group(0) and not _QUOTED_NUMERAL.search(words):
            return True  # a quoted name (“四好农村路”建设), but not a numbered slogan (“四大工程”)
        rest = _GENERIC.sub("", words)
        if len(rest) >= 2 and (not _COUNTED.fullmatch(rest) or _NUMERAL_PLACE.fullmatch(words)):
            return True
    return any(c in part for c in _ROAD_LAST) and _ROAD_NUMBER.search(part) is not None


# A clause that only adds a deadline, a breakdown or a result to the pledge before it
# (…等11个项目，确保12月底前投产运营 / …109个重点项目，其中新开工项目77个 / 新建中小学6所，增加学位3500个)
# or the total it brings (…企业70家，总数突破500家).
# A change on last year: 比上年增加, 同比预算数减少 … (a continuation opens with one; a quantity after one is no promise)
# or on a named base year (比1980年预计增加1，000万吨, 比一九五七年增长百分之十: old national plans count from the year
# under review by name).
_ON_LAST_YEAR = r"(?:比上年|较上年|比去年|同比|[比较](?:19|20)\d\d年|[比较][一二][〇○零一二三四五六七八九]{3}年)"
_CHANGE_VERB = "(?:预计数|预算数|执行数|预计)?(?:增加|增长|减少|下降|提高)"
_CONTINUES = re.compile(
    r"(?:其中|(?:全年)?(?:累计)?完成投资|增加(?!值)|新增学位|惠及|受益|"
    r"(?:总数|总量|总计|累计|合计)?(?:达到|达|突破|超过)\s*\d|"  # …企业70家，总数突破500家 / …增长8.9%，达到8.6万户
    # the change of the amount before on last year (拟安排“三农”投入7161亿元，比上年增加1206亿元，增长17.6%)
    rf"(?P<change>{_ON_LAST_YEAR}{_CHANGE_VERB}|增长\s*\d))"
)
# …or only a deadline for the object of the clause before (6月底前主体完工, 确保12月底前投产运营).
_DEADLINE_STATUS = re.compile(
    r"(?:确保|力争|争取|实现)*(?:(?:\d+|[一二三四五六七八九十]+)月(?:份|底|末)?|上半年|下半年|年底|年内|年末|[一二三四]季度)(?:前|之前)?"
    rf"(?:{lexicon.words(STAGES, 'deadline_status')})+"
)


# …or only how soon the object of the clause before gets to a stage (…等项目，确保按期开工建设 / 促其尽快开工 /
# 力促早日投产达效): its status, as the gold quotes it, not a commitment with no object of its own — joined to a
# clause with a task word, and no pledge at all after one without (倒排工期，确保早日竣工投产: no object anywhere).
_MANNER_STATUS = re.compile(
    r"(?:确保|力争|争取|力促|促其|促使|使其|努力)*(?:尽快|早日|如期|按期|按时|尽早|及早)"
    rf"(?:{lexicon.words(STAGES, 'deadline_status')}|建设|达效)+"
)


_MANNER_FIRST = frozenset("确力争促使努尽早如按及")  # the characters _MANNER_STATUS can start with


# Every pledge part holds a countable number, a deadline (月, or a period of the year), a checkable outcome
# (a result word) or a named object (which needs an action word). These words as one flat alternation of
# literals (the regex engine then skips to their first characters) and no anchor or lookaround: a match in
# a part is a match in its clause, so a clause or part with neither a word here nor a countable number
# cannot make a pledge and skips the dozen tests that would say so.
_MAY_PLEDGE = re.compile(
    "月|" + lexicon.alternatives((PLEDGES, "result"), (PLEDGES, "action"), (TIME, "period")) + r"|通过.{0,6}验收"
)
# What a quantity's number starts with (quantity._QUANTITY's lookahead): a clause without one has none.
_NUMERAL_START = re.compile(r"[\d零〇一二两三四五六七八九十百千]")

# Bottom lines and standing duties are not checkable commitments.
_EXCLUDE = lexicon.pattern(PLEDGES, "exclude")
# What the year is (今年是改革开放40周年, 是全面建成小康社会的关键一年): a setting, not a commitment.
_SETTING_HEAD = re.compile(r"(?:今年|明年|(?:19|20)\d\d年)?(?:是|正值|恰逢)")
_SETTING_TAIL = re.compile(r"周年$|(?:关键|收官|开局|决胜)之?年$")


_SETTING_FIRST = "今明12是正恰"  # the characters _SETTING_HEAD can start with


def _setting(clause: str) -> bool:
    # the head only at the start; the tail (at most 4 characters ending in 年, and the newline $ may stand
    # before) only at the end: two short tries instead of a search of every position for either, each made
    # only when the clause starts or ends with a character it needs
    return bool((clause[:1] in _SETTING_FIRST and _SETTING_HEAD.match(clause))
                or (clause.endswith(("年", "年\n")) and _SETTING_TAIL.search(clause, max(0, len(clause) - 5))))

# A premise (在完成…的基础上), a purpose (为…奠定坚实基础) or an occasion or focus (以庆祝建党100周年为契机,
# 以…等6项内容为重点, 以…为依托) frames the commitment that follows; it is none itself.
# Who frames it may come first (我们以…为抓手, 全区在…基础上: pledges.csv set frame_subject); an opportunity seized
# (紧紧抓住…两个重大战略机遇, 抓住河北省打造…的契机) frames the work likewise.
_FRAME = re.compile(
    rf"(?:{lexicon.words(PLEDGES, 'frame_subject')})?"
    r"(?:在.*(?:基础上|前提下)$|为.*(?:奠定|打下|夯实).*基础$"
    r"|以.*为(?:契机|抓手|载体|引领|牵引|重点|核心|主线|突破口|导向|依托|支撑|龙头|纽带|统领|指导)$"
    r"|(?:紧紧|牢牢)?(?:抓住|抓牢|把握)[^，,。；;]*(?:机遇|契机)$)"
)  # matched at the start


# A means (通过兼并、收购、重组、上市等形式 / 采取招商、上市、参股等多种方式 / 分别采取…三种管理办法) says how work is
# done, whatever outcome words name the ways: no deliverable.
_MEANS = re.compile(r"(?:通过|采取|采用|利用)[^，,。；;]*(?:形式|方式|办法|途径|渠道|手段)$")
_MEANS_LAST = ("式", "法", "径", "道", "段", "\n")  # what a clause _MEANS can be found in ends with


_FRAME_FIRST = frozenset("在为以紧牢抓把" + "".join(w[0] for w in lexicon.terms(PLEDGES, "frame_subject")))  # _FRAME's first

# A subordinate clause of time or cause (这些建设任务完成以后, 示例物流园项目建成后, 由于这些工厂的建设完工) says when or
# why the clause after it holds, whatever outcome word it names: it is no commitment of its own.
# What is left of a clause that is only a time (今年上半年 less 上半年, 今年一月至九月 less 一月, 截至今年1月底 less 1月底):
# time words and numerals. The characters of time words are data (time.csv set time_char, one character a term).
_TIME_ONLY = re.compile(
    "[" + "".join(map(re.escape, lexicon.terms(TIME, "time_char"))) + r"\s\d一二三四五六七八九十〇○零两]*"
)
# A statement of what the country or region has (我国有十亿人口, 我国有13亿人口、9亿劳动力资源, 现在全国有100多个城市
# 建立了最低生活保障制度): a fact the plan argues from; with a word that looks ahead (全县有50个村要完成改造) it is a goal.
# The words are data (pledges.csv sets whole_area, has_verb, has_time: its weight says on which side of the area a
# time word may stand, 1 before, 2 after, 3 either); the order and the numeral after them are grammar.
_HAS_TIME = lexicon.levels(PLEDGES, "has_time")
_HAS_BEFORE = (*_HAS_TIME.get(1, ()), *_HAS_TIME.get(3, ()))
_HAS_AFTER = (*_HAS_TIME.get(2, ()), *_HAS_TIME.get(3, ()))


def _either(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_HAS = re.compile(
    rf"(?:{_either(_HAS_BEFORE)})?(?:{lexicon.words(PLEDGES, 'whole_area')})(?:{_either(_HAS_AFTER)})?"
    rf"(?:{lexicon.words(PLEDGES, 'has_verb')})\s*[\d一二三四五六七八九十两几数百千万亿]"
)
_HAS_FIRST = frozenset(w[0] for w in (*_HAS_BEFORE, *lexicon.terms(PLEDGES, "whole_area")))  # what _HAS can start with
# A scope (在工业建设项目中, 在上海、天津…等八个重要城市中, 在引进和消化技术…等方面) says where the clause after it holds.
_SCOPE = re.compile(r"在[^，,。；;]*(?:中|之中|当中|方面)\n?$")
_WHEN_DONE = re.compile(rf"(?:{lexicon.words(PLEDGES, 'done_verb')})(?:以|之)?后\n?$")
_CAUSE_HEAD = lexicon.terms(PLEDGES, "cause_head")  # 随着全面建成小康社会的完成: the circumstance, not the deed


def _framed(clause: str) -> bool:
    return clause[:1] in _FRAME_FIRST and _FRAME.match(clause) is not None  # only a clause opening with one can be
# A clause about the goals already listed (设立以上目标，…; 为实现上述目标，…) points back at them; it sets
# nothing new (the goals are rows of their own).
_BACK_REFERENCE = re.compile(r"(?:以上|上述|前述|这些)(?:各项)?(?:目标|指标|任务)")
# An aim of development (房地产市场健康发展, 三次产业有机融合) names how things should go, not a thing to deliver.
_ABSTRACT_AIM = re.compile(r"(?:健康|有序|协调|融合|高质量|持续|稳定|快速|有机|良性)(?:发展|融合|增长|循环)$")
_AIM_LAST = ("展", "合", "长", "环", "\n")  # what a text the aim is found in ends with ($ may stand before a \n)
_SPLIT_ENUM = re.compile(r"、")
_FRAMING = re.compile(rf"(?:{lexicon.words(PLEDGES, 'framing')})")
_FRAMING_FIRST = frozenset(w[0] for w in lexicon.terms(PLEDGES, "framing"))  # matched at the start: its words' first
# Fillers, and a list item's own number (1.新建城区学校3所, （2）改造老旧小区) or enumerator (三是启动…试点), which is
# not part of the pledge. The process words an enumerated task opens with (二是狠抓…) are in set process, so that the
# rest is not taken for a name once the enumerator is gone.
_LEADING_FILLER = re.compile(
    rf"(?:(?:{CN_DOT})(?!\d)|{NUM_DOT}|{CN_BRACKET}|{NUM_BRACKET}|[一二三四五六七八九十]是|并|同时|还要|要|另外|此外|其中|以及|和)+"
)
# What a filler or item number can start with (\d besides: any decimal digit, str.isdecimal()).
_FILLER_FIRST = frozenset("一二三四五六七八九十（(并同还要另此其以和")
# Words that make a Chinese numeral a figure of speech (两个确保, 三大攻坚战, 八个方面) rather than a count.
# Matched in place (pos=), so without ^ (which would not hold at pos): the rest of the text is not copied.
_SPEECH_NOUNS = re.compile(rf"(?:{lexicon.words(PLEDGES, 'speech_noun')})")


# A number after a demonstrative (这两项, 在这一百一十九个项目中, 上述五项原则) points back at things already
# named or counted: a reference, not a count of its own. Not 那, which ends names (印度支那三个战线).
_REFERENCE_BEFORE = re.compile(r"(?:这|上述|前述)\s*$")


# A bare number that names, ranks or dates rather than counts: a hotline (12345政务服务便民热线), a road (107国道), a rank
# (全国500强) or an anniversary (建交70周年).
_NUMBER_NAMES = re.compile(rf"\s*(?:{lexicon.words(PLEDGES, 'number_name')}|[\u4e00-\u9fff]{{0,8}}?热线)")


def _countable(text: str, q: Quantity) -> bool:
    if text[q.num_start - 1 : q.num_start] in ("这", "述") and _REFERENCE_BEFORE.search(text, max(0, q.num_start - 2), q.num_start):
        return False
    if not q.chinese:
        if q.unit is None and _NUMBER_NAMES.match(text, q.num_end):
            return False
        return q.unit is not None or bool(_HAN_NEXT.match(text[q.num_end : q.num_end + 1]))
    if _quoted(text, q.num_start) or _SLOGAN_AFTER.match(text, q.num_end):
        return False  # “四场硬仗”, 六个方面工作, 八项规定: numbered slogans, not counts
    # 一 before a bare count word is speech (一批, 一个); before a scale word it counts (一亿一千八百万亩 is 1.18亿亩)
    if q.unit is None:
        return False
    return (q.value >= 2 or q.unit[0] in "万亿") and not _SPEECH_NOUNS.match(text, q.num_end - 1)


_SLOGAN_AFTER = re.compile(rf"[\u4e00-\u9fff]{{0,3}}?(?:{lexicon.words(PLEDGES, 'slogan_word')})")


def _quoted(text: str, pos: int) -> bool:
    """Whether pos is inside “…” on its line (within 12 characters of the opening quote)."""
    open_ = text.rfind("“", max(0, pos - 12), pos)
    return open_ != -1 and text.find("”", open_, pos) == -1


def _parts(text: str, cs: int, ce: int, qs: list[Quantity]) -> list[tuple[int, int]]:
    """Split 'A 1 个、B 1 个、C 5 家' at the 、 between items that each carry a number, and a list
    whose next item opens with its own task verb (开工建设区康复医院、区疾控中心、推进市人民医院…).

    Items counting the same kind of thing stay one pledge with several parts (新建公厕10座、立体绿化公厕30座)."""
    if text.find("、", cs, ce) == -1:
        return [(cs, ce)]  # both kinds of cut are at a 、 (most clauses have none)
    cuts = []
    for a, b in itertools.pairwise(qs):
        gap = text[a.end : b.num_start]
        i = gap.find("、")
        if i == -1:
            continue
        after = gap[i + 1 :].strip()
        if (after and not after[0].isdigit() and not _same_head(text, cs, a, b)  # 托班、500个托位 stays one
                and not ((gap[:i].strip() or a.unit == "期") and _NAMES_CLOSED.match(text, a.end + i + 1, ce))):
            cuts.append(a.end + i)
    for m in _VERB_ITEM.finditer(text, cs, ce):
        before = text[cs : m.start()]
        if m.start() - cs >= 4 and ce - m.end() >= 4 and ACTION_WORDS.search(before) and m.start() not in cuts:
            cuts.append(m.start())
    cuts.sort()
    if not cuts:
        return [(cs, ce)]
    out, pos = [], cs
    for c in cuts:
        out.append((pos, c))
        pos = c + 1
    out.append((pos, ce))
    return out


# A list of names closed by 等 and the kind of thing they name (大唐700万吨露天矿、麦多利10万吨大麦芽二期等项目,
# 中芯国际12英寸线、华星光电T7二期等项目): the numbers are parts of the names, not counts of separate items, and
# the list is the one object of its verb. Matched from just after a 、 to the 等 within the clause, and only
# when the number does not end its item (完成投资253.5亿元、京张高速公路等45个项目竣工 is two commitments)
# or is the phase of a name (竹园污水处理厂四期、…等工程).
_NAMES_CLOSED = re.compile(
    r"[^，,；;。：:]*?等\s*(?:[\d一二三四五六七八九十两]+\s*[个项座条家批处])?"
    rf"(?:{lexicon.words(PLEDGES, 'kind')})*(?:项目|工程)"
)
# A list item that opens with a task verb of its own is a new pledge, not another object of the last verb.
_VERB_ITEM = re.compile(
    rf"、(?=(?:{lexicon.words(PLEDGES, 'item_adverb')})?(?:{lexicon.words(PLEDGES, 'item_verb')})[^、，。；]{{2}})"
)
_COUNT_WORDS = frozenset(lexicon.terms(UNITS, "count_word"))
_NOUN_BEFORE = re.compile(r"([\u4e00-\u9fff“”]{2,})(?:达到|达|超过|突破)?\s*$")


def _same_head(text: str, cs: int, a: Quantity, b: Quantity) -> bool:
    """Whether b counts a kind of the thing a counts (公厕10座、立体绿化公厕30座): the same count word,
    and one noun ends the other. 专精特新企业6家、头雁企业1家 are two designations, not one."""
    if a.unit != b.unit or a.unit not in _COUNT_WORDS:
        return False
    prev = text.rfind("、", cs, a.num_start)
    na = _NOUN_BEFORE.search(text, prev + 1 if prev != -1 else cs, a.num_start)
    nb = _NOUN_BEFORE.search(text, a.end, b.num_start)
    if not (na and nb):
        return False
    x, y = _strip_process(na.group(1)), _strip_process(nb.group(1))
    return len(x) >= 2 and len(y) >= 2 and (x.endswith(y) or y.endswith(x))


_HAN_RUN = re.compile(r"[\u4e00-\u9fff“”]{1,10}")
_HAN_RUN_BEFORE = re.compile(r"([\u4e00-\u9fff“”]{1,10})\s*(?:达到|达|超过|突破)?\s*$")
_BUILD_VERB = re.compile(r"^(?:新建|新增|建设|改造|完成|实现|培育|创建|增加|增设|打造|建成)")


def _object_of(text: str, q: Quantity, cs: int, ce: int) -> str | None:
    after = _HAN_RUN.match(text, q.end, ce)
    if after and q.unit and q.unit not in ("%", "‰"):
        obj = after.group(0)
        if not ACTION_WORDS.match(obj):
            return obj
    before = _HAN_RUN_BEFORE.search(text, cs, q.start)  # $ at q.start, as on the slice text[cs:q.start]
    if before:
        return _BUILD_VERB.sub("", before.group(1)) or before.group(1)
    return None


# (basis, how many kinds of evidence) for each combination of (a number, a deadline, a checkable outcome,
# a named object): the evidence a pledge has, named in that order.
_EVIDENCE = ("a number", "a deadline", "a checkable outcome", "a named object")
_BASIS = {
    flags: ("plan sentence with " + ", ".join(w for w, ok in zip(_EVIDENCE, flags, strict=True) if ok), sum(flags))
    for flags in itertools.product((False, True), repeat=4)
}


def _category(ctx: Context, pos: int, part: str, has_qty: bool, has_action: bool) -> str:
    """``has_action``: whether ACTION_WORDS occur in ``part``."""
    sec = ctx.sd.section_at(pos)
    if sec is not None and sec.role == "livelihood":
        return "民生实事"
    if has_action and OBJECT_WORDS.search(part) and _PROJECT_WORD.search(part):
        return "项目"
    return "指标" if has_qty else "重点工作"


# The characters a continuation can start with: the first of each word that opens _CONTINUES, and of
# _DEADLINE_STATUS's opening words, numerals and periods (\d besides: any decimal digit, str.isdecimal()).
# A clause starting otherwise is no continuation and skips both matches (most clauses).
_CONTINUE_FIRST = frozenset("其全累完增新惠受总合达突超比较同" "确力争实一二三四五六七八九十上下年")


# The change on last year joined to an amount (…7161亿元，比上年增加1206亿元，增长17.6%) is no quantity the
# pledge promises: its quantities are the amount's.
_CHANGE_BEFORE = re.compile(rf"[，,]\s*{_ON_LAST_YEAR}?{_CHANGE_VERB}\s*$")


def _change(text: str, q: Quantity, cs: int) -> bool:
    return _CHANGE_BEFORE.search(text, max(cs, q.num_start - 16), q.num_start) is not None


# A multiple of a base (钢二百十七万吨，等于一九四九年的十三点七倍 / 相当于解放前全部房屋面积的六倍 / GDP相当于全国的1.5倍)
# compares an amount with another year's or place's: no amount to deliver. The number may start after 点 (十三点七:
# quantity reads 七), so what stands between 的 and the number may be numerals.
_BASE_BEFORE = re.compile(r"(?:等于|相当于)[^，,。；;：:]{0,24}?的\s*[\d零〇一二两三四五六七八九十百点.]*$")


def _multiple_of_base(text: str, q: Quantity, cs: int) -> bool:
    return q.unit == "倍" and _BASE_BEFORE.search(text, max(cs, q.num_start - 40), q.num_start) is not None


# A figure of the year under review quoted in the plan part (…金融市场交易总额达到2274.8万亿元、增长17.6%): an
# amount reached (达到/完成/实现) with its growth on the year before, and no word that looks ahead, is a result
# already in, not a commitment. A goal says so (力争, 预计, 确保…, before it in its sentence: 1956年…在校学生将达到
# 38万余人…；…在校学生达到80.1万人，比上年增长49%), names the plan year or a deadline (年末…达到81亿元，同比增长16%)
# or bounds its growth (增长6%左右).
_REACHED = re.compile(r"(?:达到|达|完成|实现)了?\s*$")
# The words are data (pledges.csv set ahead, its weight the variant: 1 every test, 2 dating and planning words, 3 modal
# words); 要 and 将 are grammar: not the 要 of 重要/主要/需要/必要, and, in the narrow variants, not the 将 of 将近 (nearly).
_AHEAD = lexicon.levels(PLEDGES, "ahead")
_MUST = r"(?<![重主需必])要"
_WILL = _MUST + "|将"


def _ahead(*variants: int, near: bool = False) -> re.Pattern[str]:
    """要, 将 (``near``: also 将 of 将近) and the words of the given variants of set ahead, longest first."""
    words = sorted((w for v in variants for w in _AHEAD[v]), key=len, reverse=True)
    return re.compile(_WILL + ("" if near else "(?!近)") + "|" + "|".join(map(re.escape, words)))


_LOOKS_AHEAD = _ahead(1, 2, near=True)
_GROWTH_WORD = re.compile("增长|提高|下降|增加")  # a clause without any has no growth to report


def _sentence_head(ctx: Context, cs: int) -> int:
    """Where the sentence of the clause at ``cs`` starts (``cs`` when it is not known)."""
    sp = ctx.sentence_part(cs)
    return sp.start if sp is not None and sp.start <= cs else cs


def _looks_ahead(ctx: Context, cs: int, ce: int) -> bool:
    """Whether a word that looks ahead (要, 将, 力争, 计划…) stands in text[cs:ce] or before it in its sentence."""
    return _LOOKS_AHEAD.search(ctx.text, _sentence_head(ctx, cs), ce) is not None


def _reports_result(ctx: Context, cs: int, ce: int) -> bool:
    text = ctx.text
    if _GROWTH_WORD.search(text, cs, ce) is None:
        return False
    if not any(
        a.unit and not a.percent and not a.points and b.percent and b.qualifier is None
        and _REACHED.search(text, max(cs, a.num_start - 4), a.num_start)
        and b.start - a.end <= 8 and growth_sign(text, b, a.end) is not None
        for a, b in itertools.pairwise(find_quantities(text, cs, ce))
    ):
        return False
    if _looks_ahead(ctx, cs, ce) or deadlines.resolve(text[cs:ce], ctx.plan_year)[0] is not None:
        return False
    return ctx.plan_year is None or f"{ctx.plan_year}年" not in text[_sentence_head(ctx, cs) : ce]


# An estimate (预计明年春耕时将达五十万个以上, 今年的亏损额预计达四十多亿元, 社会购买力估算为四百九十四亿元左右,
# 项目建成后预计年产值10亿元): what is expected to come out, not what the government undertakes (genre.md
# "Estimates"). The estimate word may open the sentence and cover its later clauses (预计…，参加的农户将达一千万户以上);
# not a base (比上年预计数增加, 比1980年预计增加, 由今年预计的44%提高到45%: the plan's figure is against it), and a
# commitment word in the clause or after the estimate (预计…，力争…; 计划新建…) makes the clause a goal again.
# Not 预测 (经济发展预测 is work to do), nor an estimate word after a commitment in its own clause: the task of
# estimating (要正确估计农民的实际承受能力).
_ESTIMATE_WORD = lexicon.pattern(PLEDGES, "estimate")
_ESTIMATE_BASE = re.compile(r"[比较从由同][^，,。；;：:]{0,10}$")
_ESTIMATE_CLAUSE = re.compile(r"[^，,。；;：:]*$")
_COMMITS = re.compile(rf"{_MUST}|{lexicon.words(PLEDGES, 'commit_word')}")  # 要 is grammar, as in _ahead


def _estimate(ctx: Context, cs: int, ce: int) -> bool:
    text = ctx.text
    head = _sentence_head(ctx, cs)
    last = None
    for m in _ESTIMATE_WORD.finditer(text, head, ce):
        # the clause of the estimate word: `[^，…]*$` always matches, possibly empty
        clause = _ESTIMATE_CLAUSE.search(text, head, m.start())
        clause_start = clause.start() if clause is not None else head
        if (text[m.end() : m.end() + 1] not in ("数", "的") and not _ESTIMATE_BASE.search(text, max(head, m.start() - 11), m.start())
                and not _COMMITS.search(text, clause_start, m.start())):
            last = m
    return last is not None and _COMMITS.search(text, min(cs, last.end()), ce) is None


# A share of a whole stated bare (投资占百分之十一点二, 在批发总额中的比重已占百分之八十左右, 这个比重大约是百分之十七,
# 约占80%): how a total divides, the structure the plan or the year has — no goal, unless a verb moves or bounds it
# (占GDP比重达到1.3%, 比重由10.7%提高到14%: a verb stands between), a bound follows (占50%以上, 在3%以内, 20%左右) or a word in its
# sentence looks ahead. The share words are data (pledges.csv set share_word).
_SHARE_BEFORE = re.compile(rf"(?:{lexicon.words(PLEDGES, 'share_word')})[^，,。；;：:\d]{{0,14}}$")


def _share(text: str, q: Quantity, cs: int) -> bool:
    if not q.percent or q.qualifier is not None:  # 以上, 以内, 以下, 左右: bounded, as a goal is
        return False
    m = _SHARE_BEFORE.search(text, max(cs, q.num_start - 16), q.num_start)  # the bound words (达到, 达) included
    return m is not None and _VERB_IN_NOUN.search(m.group(0)) is None


# A worked consequence (只要每人每天节约一两粮食，全国一年就可以节约粮食一百多亿斤 / 早投产就可以早为国家提供利润 /
# 有6.5%-7%的增速就能够实现比较充分的就业): what would follow from a condition, reasoned out, not a deed anyone
# undertakes — unless a commitment word stands in its clause. The words are data (pledges.csv set consequence).
_CONSEQUENCE = lexicon.pattern(PLEDGES, "consequence")


# A change already made (电力增产了二十四亿度, 比一九五二年增长了百分之五十三点七): a change verb in the completed
# aspect 了 right before the amount; or an excess spent (目前一年大约多耗电二、三百亿度) — a finding the plan
# argues from, never a deliverable. Old national reports restate the past year's results in their plan parts.
_DONE_BEFORE = re.compile(
    r"(?:(?:增产|减产|超产|增加|减少|增长|降低|下降|提高|上升|扩大|缩小)了|多[耗用][\u4e00-\u9fff]?)"
    r"\s*(?:共|就|仅|只|约|大约|将)?\s*(?:[一二三四五六七八九]、)?$"  # 二、三百亿度: an approximate pair
)
# _LOOKS_AHEAD less 将 as the 将 of 将近 (增加了将近十一万吨: nearly, not will)
_AHEAD_NOT_NEAR = _ahead(1, 2)


def _reports_done_change(ctx: Context, cs: int, ce: int, qs: list[Quantity]) -> bool:
    """Whether every amount of the clause is a change already made and no word in the clause looks ahead (the
    aspect 了 dates the change itself, so a plan word earlier in the sentence — 超额完成了产量计划，…原煤增产了… —
    does not make it a goal)."""
    text = ctx.text
    if not all(_DONE_BEFORE.search(text, max(cs, q.start - 10), q.start) for q in qs):
        return False
    return _AHEAD_NOT_NEAR.search(text, cs, ce) is None


# How a plan fared, stated against the plan (old national reports restate it in their plan parts; web copies run
# review text into the plan): a completion ratio (计划完成102.6%, 完成全年计划的11%), a comparison with the plan
# that carries its amount (比年度计划增加了2%, 超过原定的年度计划百分之四点一, 比计划规定的单位数多二百二十七个),
# an overfulfilment already made (产值计划是超额完成了, 两个年度计划都超额完成) or a plan not met (没有完成计划).
# A result or a finding, not a commitment — unless a word looks ahead (争取超额完成计划, 应该比原计划节约百分之十).
# 计划 itself is the standard here, and 今年/全年 may date the plan (全年计划), so neither looks ahead.
_NUM = r"\s*(?:百分之|[\d一二三四五六七八九十两])"
_PLAN_RESULT = re.compile(
    rf"计划[^，,。；;]{{0,4}}?完成(?:了{_NUM}|\s*(?:百分之|[\d.]+\s*[%％]))"  # 计划完成102.6% (年度计划完成2241亿元 is the plan)
    rf"|完成了?[^，,。；;]{{0,12}}?计划的{_NUM}"  # 完成全年计划的11%
    # 比年度计划增加了2%; not the verb 计划 (1959年比1958年计划增长62%: planned to grow) nor a plan's period (计划期间)
    rf"|(?:比|较|超过|超出|高于|低于)[^，,。；;]{{0,12}}?计划(?!期间|时期|(?:增长|增加|提高|减少|下降|降低)(?!了))"
    rf"[^，,。；;\d]{{0,12}}?{_NUM}"
    r"|计划[^，,。；;]{0,6}?(?:是|都|已|已经|均)超额完成|超额完成了"  # 都超额完成 / 超额完成了计划
    r"|(?:没有|没|未|未能|并未)(?:全部|全面)?完成[^，,。；;]{0,8}?计划|计划[^，,。；;]{0,6}?(?:没有|未能|未)(?:全部|全面)?完成"
)
_AHEAD_OF_PLAN = _ahead(1, 3)  # not the dating words (全年计划 is the standard), and modal words besides


def _plan_result(ctx: Context, cs: int, ce: int) -> bool:
    """Whether the clause states how a plan fared (_PLAN_RESULT) and no word in it or before it in its sentence
    looks ahead."""
    text = ctx.text
    if _PLAN_RESULT.search(text, cs, ce) is None:
        return False
    return _AHEAD_OF_PLAN.search(text, _sentence_head(ctx, cs), ce) is None


# A verbless clause (a noun and its amount) after a dated clause of its sentence (年内新型建材企业达到25家，年产值30亿元，
# 利税3.5亿元) states more of the same commitment and shares its deadline, as the gold labels it. A clause with a verb
# of its own (…，启动第二批124个老旧小区改造项目; …，医院床位达到700张以上) is a commitment of its own and keeps
# its own time words: the labels give those no deadline of the clause before.
_NOUN_ONLY = re.compile(r"[\u4e00-\u9fff“”（）()]{1,12}")
_VERB_IN_NOUN = re.compile(
    r"达到|达|突破|超过|实现|增长|增加|下降|提高|降低|减少|新增|控制|保持|力争|确保|争取|完成|累计|其中|总计|合计|"
    r"培养|培训|培育|安置|引进|招引|转移|吸纳|带动|解决|发放|追加|动用|了|"  # task verbs and the aspect of a deed done
    + lexicon.words(PLEDGES, "item_verb")
)
_QUALIFIER_ONLY = re.compile(r"\s*(?:以上|左右|以内|以下)?\s*")


def _verbless(ctx: Context, cs: int, ce: int, q: Quantity | None = None) -> bool:
    """Whether text[cs:ce] is a noun and one amount and nothing else (年产值30亿元, 利税 3.5 亿元); ``q``: its one
    quantity when known."""
    text = ctx.text
    if q is None:
        qs = find_quantities(text, cs, ce)
        if len(qs) != 1:
            return False
        q = qs[0]
    if q.unit is None or not _QUALIFIER_ONLY.fullmatch(text, q.end, ce):
        return False
    head = text[cs : q.num_start].strip()
    return (_NOUN_ONLY.fullmatch(head) is not None and _VERB_IN_NOUN.search(head) is None
            and ACTION_WORDS.search(head) is None and RESULT_WORDS.search(head) is None)


# A sentence that is only a noun and its amount (今年高校毕业生749万人。全县总人口52.3万人。), with no verb and no word
# that looks ahead: a statistic the plan argues from, stated as a fact — nothing anyone undertakes. A verbless clause
# inside a sentence (年内…达到25家，年产值30亿元) is more of the commitment before it and is not one. Verbs are an open
# class (植树造林一万亩。 is a deed), so the noun must say it is a figure: a copula before the amount (结果为二十五亿元,
# 关键是三条) or a head that names a population (高校毕业生, 总人口: pledges.csv set people_noun) counted in people.
_STAT_COPULA = re.compile(r"(?:为|是)\s*(?:约|大约)?\s*$")
_PEOPLE_HEAD = re.compile(rf"(?:{lexicon.words(PLEDGES, 'people_noun')})\s*$")
_SENTENCE_CLOSE = frozenset(("", "。", "！", "!"))
_AFTER_SENTENCE = frozenset(("", "。", "！", "!")) | frozenset(" \t\n\r\u3000\xa0")  # what can follow its last clause


def _statistic(ctx: Context, cs: int, ce: int, q: Quantity) -> bool:
    if q.unit is None or ce - q.end > 4:  # the amount ends the clause (but for 以上…), as _verbless asks
        return False
    if ctx.text[ce : ce + 1] not in _AFTER_SENTENCE:  # a comma after it: not its sentence's end (most clauses)
        return False
    # a task or plan word first: most sentences that end in an amount have one (新建学校3所。)
    if _DEED_WORD.search(ctx.text, cs, q.num_start) is not None or not _verbless(ctx, cs, ce, q):
        return False
    sp = ctx.sentence_part(cs)
    if sp is None or ctx.trim(sp.start, sp.end)[0] != cs or ctx.text[ce : sp.end].strip() not in _SENTENCE_CLOSE:
        return False
    if _AHEAD_OF_PLAN.search(ctx.text, cs, ce) is not None:
        return False
    head = max(cs, q.num_start - 12)
    return (_STAT_COPULA.search(ctx.text, head, q.num_start) is not None
            or (q.unit.endswith("人") and _PEOPLE_HEAD.search(ctx.text, head, q.num_start) is not None))


# The verbs of a task or a plan (新发展中药材1.5万亩, 中央预算内投资安排5000亿元): a sentence with one is a deed.
_DEED_WORD = lexicon.pattern(PLEDGES, "task_verb", (PLEDGES, "commit_word"))


_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")


def _shared_deadline(ctx: Context, ps: int, cs: int, ce: int, next_year: int | None,
                     q: Quantity | None = None) -> tuple[str, str] | None:
    """The deadline the verbless clause text[cs:ce] (``q``: its one quantity when known) shares with the dated
    clause before it across a comma (in the span from ``ps``), or with the verbless clause before it that shares
    one itself (…，年产值30亿元，利税3.5亿元)."""
    text = ctx.text
    sep = cs - 1
    while sep > ps and text[sep].isspace():
        sep -= 1
    if sep <= ps or text[sep] not in "，," or not _verbless(ctx, cs, ce, q):
        return None  # a comma only: the same sentence
    bs = sep
    while bs > ps and _CLAUSE_END.match(text, bs - 1) is None:
        bs -= 1
    be = sep
    while bs < be and text[bs].isspace():
        bs += 1
    if be - bs < 2:
        return None
    if deadlines.may_date(text, bs, be):
        d, raw = deadlines.resolve(text[bs:be], ctx.plan_year, next_year)
        return (d, raw) if d is not None and raw is not None else None
    return _shared_deadline(ctx, ps, bs, be, next_year)


# A task that is only planned (谋划启动城北湿地公园建设, 积极谋划…): without a count or a deadline the gold rule leaves it
# out (谋划建设…等6个项目 stays: it is counted).
_PLANNED_ONLY = re.compile(r"[\u4e00-\u9fff]{0,4}?谋划")


# A deed already done (社会主义改造已经基本完成, 已经取得了…两次伟大胜利, 我们已经开始察觉): 已经/已 before an outcome
# verb, with no task verb before it (推进已完成棚改区域的土地整理 names an object by what was done to it) and no 的
# after it (已经确定规划建设的32个聚集区 likewise), and no word in the clause that looks ahead — a result.
_DONE_ALREADY = re.compile(
    r"(?:已经|业已|已)[^，,。；;的]{0,4}?(?:完成|建成|确立|取得|实现|达到|开始|结束|解决|形成|建立|发布|颁布|制订|制定|批准|"
    r"通过|成立|签订|到来|过去|扭转|消灭|超过|突破)(?![^，,。；;]*的)"
    # 已经/业已 before any verb (国家已经组织了57户企业集团试点, 去年已经对其中近300户提供资金支持, 已经加入17个国际公约,
    # 国务院已经着手进行…): the words say the deed is done whatever the verb; 已 alone also names (已建成) and keeps the list
    r"|(?:已经|业已)(?![^，,。；;]*的)"
)


# A deed done in the completed aspect (先后完成了全国大陆的统一, 建成了9个乡镇动物防疫监督站, 超额完成了全年度的任务):
# an outcome or task verb with 了 right after it (not 了解), and no word in the clause that looks ahead — a result
# restated in the plan part, or review text run into it.
_DONE_LE = re.compile(
    rf"(?:{lexicon.alternatives((PLEDGES, 'result'), (PLEDGES, 'action'), (PLEDGES, 'item_verb'))})了(?!解)"
)


def _done_le(ctx: Context, cs: int, ce: int) -> bool:
    text = ctx.text
    # the narrow test of how a plan fared: 全年/今年 date the deed (超额完成了全年度的任务), they do not make it a goal
    return _DONE_LE.search(text, cs, ce) is not None and _AHEAD_OF_PLAN.search(text, cs, ce) is None


def _done_already(ctx: Context, cs: int, ce: int) -> bool:
    text = ctx.text
    m = _DONE_ALREADY.search(text, cs, ce)
    return (m is not None and not (m.start() - cs <= 4 and _VERB_RIGHT_BEFORE.search(text, cs, m.start()))
            and _AHEAD_NOT_NEAR.search(text, cs, ce) is None)


# A clause opening with a task verb right before 已 (推进已完成…, 抓好已签约项目, 对已精简的…): 已 names the object, not
# a deed of the clause (社会主义改造已经基本完成: 改造 is the subject there, after other words).
_VERB_RIGHT_BEFORE = re.compile(
    rf"(?:{lexicon.alternatives((PLEDGES, 'action'), (PLEDGES, 'item_verb'))}|抓好|做好|支持|推动|对)\s*$"
)


def _merged_clauses(ctx: Context, ps: int, pe: int) -> list[tuple[int, int]]:
    """Clauses, with a continuation joined to the clause before it across a comma."""
    return [(s, e) for s, e, _ in _merged_clauses_owning(ctx, ps, pe)]


def _merged_clauses_owning(ctx: Context, ps: int, pe: int) -> list[tuple[int, int, int]]:
    """``_merged_clauses`` with where each one's commitment ends: before the change on last year that closes
    it (…7161亿元|，比上年增加1206亿元), else at its end."""
    text = ctx.text
    out: list[tuple[int, int, int]] = []
    for cs, ce in trimmed_clauses(text, ps, pe):
        c = text[cs]
        m = None
        if out and text[out[-1][0]] == "对" and _TOPIC_LIST.match(text, out[-1][0]) and _COMMA_ONLY.fullmatch(text[out[-1][1] : cs]):
            out[-1] = (out[-1][0], ce, ce)  # 对…等前期项目，完善各种手续，争取早日开工建设: one pledge
        elif (out and (((c in _CONTINUE_FIRST or c.isdecimal())
                      and ((m := _CONTINUES.match(text, cs, ce)) or _own_stage_deadline(text, out[-1], cs, ce, ctx.plan_year)))
                     or (c in _MANNER_FIRST and _MANNER_STATUS.fullmatch(text, cs, ce)
                         and ACTION_WORDS.search(text, out[-1][0], out[-1][1])))
                and _COMMA_ONLY.fullmatch(text[out[-1][1] : cs])):
            s, e, own = out[-1]
            change = m is not None and m.lastgroup == "change"
            out[-1] = (s, ce, (own if own < e else e) if change else ce)
        elif (out and text[out[-1][0]] in "投总" and out[-1][1] - out[-1][0] <= 16 and _AMOUNT_LEAD.fullmatch(text, out[-1][0], out[-1][1])
              and ACTION_WORDS.search(text, cs, ce) and _COMMA_ONLY.fullmatch(text[out[-1][1] : cs])):
            out[-1] = (out[-1][0], ce, ce)  # 投资6.6亿元，实施…景区的基础设施建设: the amount is the task's
        else:
            out.append((cs, ce, ce))
    return out


# A clause that only lists the objects (对环保发电、双强电解锌等前期项目，完善各种手续，争取早日开工建设 / 对…等续建项目，
# 提供全方位服务，确保投产达效): the commitment is in the clauses after it, up to the end of the sentence part, and
# the objects are in it — one pledge that names both.
_TOPIC_LIST = re.compile(r"对[^，,。；;：:]{2,80}?等[^，,。；;：:]{0,8}(?:项目|工程)\s*[，,]")
# A clause that is only an investment amount (投资6.6亿元，实施…) opens the task after it: they are one pledge.
_AMOUNT_LEAD = re.compile(r"总?投资(?:约|近|超过|达)?\s*[\d.]+\s*[万亿]*元")


def _own_stage_deadline(text: str, before: tuple[int, ...], cs: int, ce: int, year: int | None) -> bool:
    """Whether a clause that is only a deadline and a status (10月底完成主体工程) is the deadline of the
    clause before: when that has no time word of its own. A second stage with its own deadline
    (…，10月底完成主体工程，年底前投入使用) is a commitment of its own, checked against its own date."""
    return (_DEADLINE_STATUS.fullmatch(text, cs, ce) is not None
            and deadlines.resolve(text[before[0] : before[1]], year)[0] is None)


def _bare_items(ctx: Context) -> frozenset[str]:
    """The numbered sections that are a list item and nothing else (6.完成…停车场项目建设。 followed by 7.…):
    no body of their own and no sections under them. Such a "heading" is the task itself, not the title of
    the text that follows (1.实施教育扩容工程 over its paragraph, （一）稳增长 over its items)."""
    text, sections = ctx.text, ctx.sd.sections
    parents = {s.parent for s in sections}
    # the body is looked at up to its first non-space character only, not copied
    return frozenset(s.id for s in sections
                     if s.number is not None and s.id not in parents and _NON_SPACE.search(text, s.heading_end, s.end) is None)


_NON_SPACE = re.compile(r"\S")


# A section on the goals of a plan of several years (“十四五”时期主要目标任务, 今后五年的主要任务, 第一个五年计划概要):
# multi-year goals, which the gold rule leaves out (力争到2025年，进出口达到1500万美元…: only the first clause names
# the horizon). A title that names the plan year too (今年是“十三五”规划收官之年, 做好今年和今后五年工作, 第二个五年计划
#的第二年——一九五九年…的任务) is that year's.
_HORIZON_TITLE = re.compile(r"十[一二三四五六七]五|[今未]后?[来后]?[三五]年|五年(?:规划|计划)|个五年")
_YEAR_TITLE = re.compile(r"今年|本年|明年|当年|(?:19|20)\d\d年|[一二][〇○零一二三四五六七八九]{3}年")


def _names_plan_year(title: str, year: int | None) -> bool:
    for m in _YEAR_TITLE.finditer(title):
        word = m.group(0)
        if word[0] in "今本明当" or (year is not None and year_value(word[:-1]) == year):
            return True
    return False


def _horizon_sections(ctx: Context) -> frozenset[str]:
    """The ids of the sections about a plan of several years, and of the sections under them — none when they
    hold (nearly) all the plan text: a report on the plan of several years (1983: 今后五年的主要任务 is its whole
    plan part) has no year's plan besides."""
    out: set[str] = set()
    for sec in ctx.sd.sections:  # a parent comes before its children
        if sec.parent in out or (_HORIZON_TITLE.search(sec.title) and not _names_plan_year(sec.title, ctx.plan_year)):
            out.add(sec.id)
    if not out:
        return frozenset()
    horizon = frozenset(out)
    spans = ctx.spans_of("plan")
    outside = sum(pe - ps for ps, pe in spans if not _in(ctx, ps, horizon))
    return horizon if outside * 5 >= sum(pe - ps for ps, pe in spans) else frozenset()  # a fifth of it or more


def _in(ctx: Context, pos: int, sections: frozenset[str]) -> bool:
    """Whether ``pos`` lies in one of ``sections`` (by id); no lookup when there are none."""
    if not sections:
        return False
    sec = ctx.sd.section_at(pos)
    return sec is not None and sec.id in sections


@register("pledges", version="1", produces="pledges")
def extract_pledges(ctx: Context) -> list[Pledge]:
    text = ctx.text
    out: list[Pledge] = []
    # the targets lists are read by the targets extractor; the sentences after a list are pledges again
    target_spans = Covered((s, e) for s, e, _ in list_spans(ctx))
    bare_items = _bare_items(ctx)
    horizon = _horizon_sections(ctx)
    # the items of a 民生实事 list are the government's promised deeds: each clause counts without other evidence
    deeds = frozenset(sec.id for sec in ctx.sd.sections if sec.id in bare_items and sec.role == "livelihood")
    next_year = deadlines.next_year_of(ctx.sd.report.date, ctx.plan_year)
    for ps, pe in ctx.spans_of("plan"):
        in_list = target_spans.overlaps(ps, pe)  # a clause of a run no list touches starts in none
        # the first estimate word from the sentence the run starts in: a clause before it cannot be an estimate
        est = _ESTIMATE_WORD.search(text, _sentence_head(ctx, ps), pe)
        est_at = est.start() if est else pe
        for cs, ce, own in _merged_clauses_owning(ctx, ps, pe):
            if ce - cs < 4 or (in_list and cs in target_spans) or (horizon and _in(ctx, cs, horizon)):
                continue
            # a countable number needs a digit or numeral; without one, or a word of _MAY_PLEDGE, no part passes
            qs = ([q for q in find_quantities(text, cs, ce)
                   if _countable(text, q) and not _change(text, q, cs) and not _multiple_of_base(text, q, cs)]
                  if _NUMERAL_START.search(text, cs, ce) else [])
            if qs and any(q.chinese and q.approx in ("余", "多") for q in qs) and not _looks_ahead(ctx, cs, ce):
                qs = [q for q in qs if not (q.chinese and q.approx in ("余", "多"))]
            if not qs and not _MAY_PLEDGE.search(text, cs, ce) and not _in(ctx, cs, deeds):
                continue
            clause = text[cs:ce]
            if est_at < ce and _estimate(ctx, cs, ce):
                continue
            if qs and (_reports_result(ctx, cs, ce) or _reports_done_change(ctx, cs, ce, qs)):
                continue
            if text.find("计划", cs, ce) != -1 and _plan_result(ctx, cs, ce):
                continue
            if text.find("已", cs, ce) != -1 and _done_already(ctx, cs, ce):
                continue  # a deed already done, restated in the plan part
            if text.find("了", cs, ce) != -1 and _done_le(ctx, cs, ce):
                continue
            if (len(qs) == 1 and ce - qs[0].end <= 4 and _statistic(ctx, cs, ce, qs[0])
                    and not _in(ctx, cs, deeds)):
                continue
            if qs and qs[0].percent and all(_share(text, q, cs) for q in qs) and not _looks_ahead(ctx, cs, ce):
                continue  # 制造生产资料工业的投资占百分之八十五点九: how a total divides, stated, not a goal
            if _CONSEQUENCE.search(clause) is not None and _COMMITS.search(clause) is None:
                continue  # 只要…，全国一年就可以节约粮食一百多亿斤: what would follow, worked out, not undertaken
            if text[cs] in _MANNER_FIRST and _MANNER_STATUS.fullmatch(text, cs, ce):
                continue  # a status left alone: the clause before names no task
            if clause[:1] in _HAS_FIRST and _HAS.match(clause) and _AHEAD_NOT_NEAR.search(clause) is None:
                continue
            if (clause[0] == "在" and _SCOPE.match(clause)) or clause.startswith(_CAUSE_HEAD) or (clause.endswith(("后", "后\n")) and _WHEN_DONE.search(clause)):
                continue
            if (_EXCLUDE.search(clause) or deadlines.multi_year(clause) or _setting(clause) or _framed(clause)
                    or (clause.endswith(_MEANS_LAST) and _MEANS.search(clause))):
                continue
            sec = ctx.sd.section_at(cs)
            if sec is not None and cs < sec.heading_end and not qs and sec.id not in bare_items:
                continue  # a heading or a list item's title (1.实施教育扩容工程); 1.新建学校3所 is the item itself
            parts = _parts(text, cs, ce, qs)
            whole = len(parts) == 1  # the part is the clause, trimmed already and tested against the gate
            for s, e in parts:
                if not whole:
                    s, e = ctx.trim(s, e)
                # a filler is dropped only when 4 characters stay after it, so only from a part of 5 or more
                if e - s > 4 and (text[s] in _FILLER_FIRST or text[s].isdecimal()):
                    m = _LEADING_FILLER.match(text, s)
                    if m and e - m.end() >= 4:
                        s = m.end()
                if whole and s == cs:
                    pqs, part = qs, clause  # the clause's quantities all start in it; it passed the gate
                else:
                    pqs = [q for q in qs if s <= q.num_start < e]
                    if not pqs and not _MAY_PLEDGE.search(text, s, e) and not _in(ctx, s, deeds):
                        continue
                    part = text[s:e]
                deadline, deadline_raw = deadlines.resolve(part, ctx.plan_year, next_year)
                if (deadline is None and whole and len(pqs) == 1 and ce - cs <= 24
                        and (shared := _shared_deadline(ctx, ps, cs, ce, next_year, pqs[0])) is not None):
                    deadline, deadline_raw = shared  # a verbless clause: the deadline of the dated clause before
                if deadline and not pqs and deadline_raw and _TIME_ONLY.fullmatch(part.replace(deadline_raw, "", 1)):
                    continue  # 今年上半年, 一九五四年六月, 在这一年内: a time and nothing done in it
                if not (pqs or deadline) and ((part[:1] in _FRAMING_FIRST and _FRAMING.match(part))
                                              or (part.endswith(_AIM_LAST) and _ABSTRACT_AIM.search(part))):
                    continue  # 坚持以党建引领…, 围绕“六大目标”: how work is done, not what will be done
                if not pqs and _BACK_REFERENCE.search(part):
                    continue
                if not (pqs or deadline) and "谋划" in part and _PLANNED_ONLY.match(part):
                    continue  # 谋划启动…建设: only planned, and no number: the gold rule leaves it out
                checkable = bool(RESULT_WORDS.search(part)) and len(_strip_process(part)) >= 4
                has_action = ACTION_WORDS.search(part) is not None
                named = has_action and _named(part)
                if not (pqs or deadline or checkable or named):
                    if not _in(ctx, s, deeds):
                        continue
                    basis, kinds = "an item of a numbered 民生实事 list", 0
                else:
                    basis, kinds = _BASIS[bool(pqs), bool(deadline), checkable, named]
                sp = ctx.sentence_part(s)
                rec = ctx.ground("pledge", s, e)  # the shared fields, in the order Pledge declares them
                rec.update(
                    category=_category(ctx, s, part, bool(pqs), has_action),
                    text=text[s:own] if s < own < e else part,  # the quote goes on to the change on last year
                    quantities=tuple(PledgeQuantity(q.value, q.unit, _object_of(text, q, s, e)) for q in pqs) if pqs else (),
                    deadline=deadline,
                    deadline_raw=deadline_raw,
                    # more kinds of evidence, and a surer plan sentence, make a surer commitment
                    confidence=round((sp.confidence if sp else 0.5) * (0.6 + 0.1 * kinds), 3),
                    basis=basis,
                )
                out.append(make(Pledge, rec))
    return out
