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
from duixian.structure.headings import CN_BRACKET, CN_DOT, NUM_BRACKET, NUM_DOT

OBJECT_WORDS = re.compile(
    r"项目|工程|产业园|园区|科技园|中心|学校|小学|中学|幼儿园|医院|卫生院|敬老院|养老院|公园|游园|广场|大道|路网|"
    r"道路|桥|馆|站|基地|综合体|厂房|街区|市场|小区|安置房|管网|水厂|电站|书屋|公厕|景区|商城|物流园|集团|"
    r"展销会|博览会|论坛|节会|运动会|春晚|示范区|示范园|示范点|示范村|示范田|生态谷|河|渠|沟|平台|基金|工厂|中队|片区|社区"
)
ACTION_WORDS = re.compile(
    r"建设|新建|建成|开工|启动|推进|完成|改造|改扩建|扩建|投入使用|投用|投产|运营|落地|实施|打造|续建|竣工|交付|开业|营业|"
    r"通车|申办|举办|办好|创建|创成|争创|上市|成立|组建|挂牌|迁建|提升|整治|治理|编制|设立"
)
# Verbs that name an outcome one can check a year later, whatever their object (完成农村集体产权制度改革,
# 全面消除农村黑臭水体, 设立建筑业发展基金); process verbs (推进, 加快, 实施) need a named object.
RESULT_WORDS = re.compile(
    r"完成|建成|启动|争创|创成|申创|设立|成立|组建|取缔|消除|全覆盖|通过.{0,6}验收|投入使用|投用|投产|开工|竣工|交付|开业|"
    r"通车|挂牌|上市|普查|申办|举办|迁建|拆除"
)
# Words that describe a kind of thing rather than name one (老旧小区, 重点项目, 农村道路): an object
# word preceded only by these, by verbs or by adverbs is a category of work, not a named object.
_GENERIC = re.compile(
    r"重点|重大|项目|老旧|城市|城区|城乡|农村|乡村|基础|设施|公共|民生|产业|现代|全区|全市|全县|全省|一批|各类|各项|特色|相关|"
    r"新型|高标准|高质量|智慧|数字|绿色|生态|文化|旅游|服务|配套|基层|专业|综合|示范|提质|升级|标准化|规范化|功能|品质|"
    r"安置|保障性|交通|水利|市政|环境|背街小巷|小巷|街道|道路|管网|污水|雨污|排水|供水|供热|燃气|电力|学校|教育|医疗|卫生|养老|"
    r"体育|科技|创新|物流|商贸|电商|工业|农业|企业|园区|平台|中心|社区|的|和|与|及|、|“|”|等|好|新|大|小|各|全|新一轮"
)
_PROCESS = re.compile(
    r"^(?:[全大]力|加快|加速|积极|持续|继续|深入|扎实|全面|统筹|有序|稳妥|大力|着力|重点|进一步|不断|切实|高标准|高质量|力争|确保|争取|"
    r"推进|推动|实施|建设|新建|改造|改扩建|扩建|打造|提升|启动|完成|做好|抓好|搞好|办好|开展|谋划|加强|优化|完善|支持|"
    r"促进|围绕|聚焦|依托|整治|治理|编制|组织|落实|深化|强化|发挥|实现|开工|续建|迁建)+"
)
_NAME_BEFORE = re.compile(r"[\u4e00-\u9fff“”·（）()A-Za-z0-9]{2,14}$")


def _named(part: str) -> bool:
    """An object word preceded by words that are not all generic (沙颍河生态谷, 区应急管理指挥平台)."""
    for m in OBJECT_WORDS.finditer(part):
        before = _NAME_BEFORE.search(part, 0, m.start())
        if not before:
            continue
        words = _PROCESS.sub("", before.group(0))
        if "“" in before.group(0) and "”" in before.group(0) and not re.search(r"“[一二三四五六七八九十两]", words):
            return True  # a quoted name (“四好农村路”建设), but not a numbered slogan (“四大工程”)
        rest = _GENERIC.sub("", words)
        if len(rest) >= 2 and not re.fullmatch(r"[一二三四五六七八九十两\d]+[个大项条批]?.*", rest):
            return True
    return False


# A clause that only adds a deadline, a breakdown or a result to the pledge before it
# (…等11个项目，确保12月底前投产运营 / …109个重点项目，其中新开工项目77个 / 新建中小学6所，增加学位3500个)
# or the total it brings (…企业70家，总数突破500家).
_CONTINUES = re.compile(
    r"(?:其中|(?:全年)?(?:累计)?完成投资|增加(?!值)|新增学位|惠及|受益|"
    r"(?:总数|总量|总计|累计|合计)?(?:达到|达|突破|超过)\s*\d)"  # …企业70家，总数突破500家 / …增长8.9%，达到8.6万户
)
# …or only a deadline for the object of the clause before (6月底前主体完工, 确保12月底前投产运营).
_DEADLINE_STATUS = re.compile(
    r"(?:确保|力争|争取|实现)*(?:(?:\d+|[一二三四五六七八九十]+)月(?:份|底|末)?|上半年|下半年|年底|年内|年末|[一二三四]季度)(?:前|之前)?"
    r"(?:全部|全面|实现|主体|建成|完工|竣工|投产|运营|试生产|生产|达产|满产|达效|开工|投用|投入使用|通车|交付|开业|营业|封顶)+"
)


# Bottom lines and standing duties are not checkable commitments.
_EXCLUDE = re.compile(r"不发生|守住|守牢|底线|严防|严禁|杜绝|坚决|机制|理念|作风|意识|思想")
# What the year is (今年是改革开放40周年, 是全面建成小康社会的关键一年): a setting, not a commitment.
_SETTING = re.compile(r"^(?:今年|明年|(?:19|20)\d\d年)?(?:是|正值|恰逢)|周年$|(?:关键|收官|开局|决胜)之?年$")
_SPLIT_ENUM = re.compile(r"、")
_FRAMING = re.compile(r"(?:坚持|必须|围绕|紧扣|以|让|勇当|探索|贯彻|深入贯彻|巩固|发挥|利用|严格|拓展|按照|依托|紧盯|落实)")
# Fillers, and a list item's own number (1.新建城区学校3所, （2）改造老旧小区), which is not part of the pledge.
_LEADING_FILLER = re.compile(
    rf"(?:(?:{CN_DOT})(?!\d)|{NUM_DOT}|{CN_BRACKET}|{NUM_BRACKET}|并|同时|还要|要|另外|此外|其中|以及|和)+"
)
# Words that make a Chinese numeral a figure of speech (两个确保, 三大攻坚战, 八个方面) rather than a count.
_SPEECH_NOUNS = re.compile(r"^(?:方面|大|个确保|个一批|项工作|件大事|张|新|化|统筹|链|级|届)")


def _countable(text: str, q: Quantity) -> bool:
    if not q.chinese:
        return q.unit is not None or bool(re.match(r"\s*[\u4e00-\u9fff]", text[q.num_end : q.num_end + 1]))
    if _quoted(text, q.num_start) or _SLOGAN_AFTER.match(text, q.num_end):
        return False  # “四场硬仗”, 六个方面工作, 八项规定: numbered slogans, not counts
    return q.value >= 2 and q.unit is not None and not _SPEECH_NOUNS.match(text[q.num_end - 1 :])


_SLOGAN_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:方面|硬仗|规定|模式|清单|行动|聚力|目标|平台|”)")


def _quoted(text: str, pos: int) -> bool:
    """Whether pos is inside “…” on its line (within 12 characters of the opening quote)."""
    open_ = text.rfind("“", max(0, pos - 12), pos)
    return open_ != -1 and text.find("”", open_, pos) == -1


def _parts(text: str, cs: int, ce: int, qs: list[Quantity]) -> list[tuple[int, int]]:
    """Split 'A 1 个、B 1 个、C 5 家' at the 、 between items that each carry a number, and a list
    whose next item opens with its own task verb (开工建设区康复医院、区疾控中心、推进市人民医院…).

    Items counting the same kind of thing stay one pledge with several parts (新建公厕10座、立体绿化公厕30座)."""
    cuts = []
    for a, b in itertools.pairwise(qs):
        gap = text[a.end : b.num_start]
        i = gap.find("、")
        if i == -1:
            continue
        after = gap[i + 1 :].strip()
        if after and not after[0].isdigit() and not _same_head(text, cs, a, b):  # 托班、500个托位 stays one
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


# A list item that opens with a task verb of its own is a new pledge, not another object of the last verb.
_VERB_ITEM = re.compile(r"、(?=(?:全力|加快|积极|持续|着力|大力)?(?:推进|推动|开工|启动|实施|完成|建成|新建|打造|开展|举办)[^、，。；]{2})")
_COUNT_WORDS = {"个", "座", "所", "家", "条", "处", "盏", "套", "间", "台", "辆", "栋", "幢", "张", "项"}
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
    x, y = _PROCESS.sub("", na.group(1)), _PROCESS.sub("", nb.group(1))
    return len(x) >= 2 and len(y) >= 2 and (x.endswith(y) or y.endswith(x))


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


def _merged_clauses(ctx: Context, ps: int, pe: int) -> list[tuple[int, int]]:
    """Clauses, with a continuation joined to the clause before it across a comma."""
    text = ctx.text
    out: list[tuple[int, int]] = []
    for cs, ce in clauses(text, ps, pe):
        cs, ce = ctx.trim(cs, ce)
        if ce <= cs:
            continue
        continues = _CONTINUES.match(text, cs) or _DEADLINE_STATUS.fullmatch(text, cs, ce)
        if out and continues and re.fullmatch(r"\s*[，,]\s*", text[out[-1][1] : cs]):
            out[-1] = (out[-1][0], ce)
        else:
            out.append((cs, ce))
    return out


@register("pledges", version="1", produces="pledges")
def extract_pledges(ctx: Context) -> list[Pledge]:
    text = ctx.text
    out: list[Pledge] = []
    target_spans = [(s.start, s.end) for s in ctx.sections_with("targets")]
    for ps, pe in ctx.spans_of("plan"):
        if any(a <= ps < b for a, b in target_spans):
            continue
        for cs, ce in _merged_clauses(ctx, ps, pe):
            if ce - cs < 4:
                continue
            clause = text[cs:ce]
            if _EXCLUDE.search(clause) or deadlines.MULTI_YEAR.search(clause) or _SETTING.search(clause):
                continue
            qs = [q for q in find_quantities(text, cs, ce) if _countable(text, q)]
            sec = ctx.sd.section_at(cs)
            if sec is not None and cs < sec.heading_end and not qs:
                continue  # a heading or a list item's title (1.实施教育扩容工程); 1.新建学校3所 is the item itself
            for s, e in _parts(text, cs, ce, qs):
                s, e = ctx.trim(s, e)
                m = _LEADING_FILLER.match(text, s)
                if m and e - m.end() >= 4:
                    s = m.end()
                part = text[s:e]
                pqs = [q for q in qs if s <= q.num_start < e]
                deadline, deadline_raw = deadlines.resolve(part, ctx.plan_year)
                checkable = bool(RESULT_WORDS.search(part)) and len(_PROCESS.sub("", part)) >= 4
                named = bool(ACTION_WORDS.search(part)) and _named(part)
                if _FRAMING.match(part) and not (pqs or deadline):
                    continue  # 坚持以党建引领…, 围绕“六大目标”: how work is done, not what will be done
                if not (pqs or deadline or checkable or named):
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
