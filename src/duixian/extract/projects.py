"""Projects: named projects (or named bundles) with their investment amount and status word."""

from __future__ import annotations

import re

from duixian import lexicon
from duixian.extract.context import Context
from duixian.extract.quantity import find_quantities
from duixian.extract.records import Project
from duixian.extract.registry import register
from duixian.lexicon import NAMES, STAGES

_INVEST = re.compile(r"(?:总投资|计划投资|投资额|投资|投入)(?:约|近|超|达)?\s*$")
_PROGRESS = re.compile(r"(?:完成|累计完成|年度|当年|全年|已完成|实际)\s*(?:总投资|投资|投入)\s*$")
_STATUS = lexicon.pattern(STAGES, "project_status")
_NAME_END = re.compile(r"[，。；;,：:]|、(?=(?:总投资|投资))|项目建设|建设进度|建设工作|加快推进|开工建设|成功|顺利|进度|建成|投产|开工|竣工|完工|落户|投入使用|工作(?=[，。；])")
_UNNAMED = re.compile(r"^(?:新建|改建|扩建|改扩建|建设|新建改建|新建、改扩建|实施)?[、]?\s*\d")
_BEFORE_NAME = re.compile(r"([\u4e00-\u9fff“”（）()·A-Za-z0-9]{3,30}?)(?:项目)?\s*(?:，|（|\(|在原|的)?\s*$")
_VERB_AFTER = re.compile(r"\s*[，,]\s*(?:加快推进|推进|实施|建设|新建|建成|启动|开工建设)")
_NAMEISH = lexicon.pattern(NAMES, "project_head")


def _status(text: str, start: int, end: int) -> str | None:
    m = _STATUS.search(text, max(0, start - 12), min(len(text), end + 12))
    return m.group(0) if m else None


@register("projects", version="1", produces="projects")
def extract_projects(ctx: Context) -> list[Project]:
    text = ctx.text
    out: list[Project] = []
    for ps, pe in ctx.spans_of("plan") + ctx.spans_of("review"):
        for q in find_quantities(text, ps, pe):
            if not q.unit or not q.unit.endswith("元") or q.chinese:
                continue
            lead = text[max(ps, q.start - 8) : q.start]
            invest = _INVEST.search(lead)
            if not invest or _PROGRESS.search(lead):
                continue
            clause_start = max(text.rfind(c, ps, q.start) for c in "，。；,;") + 1
            if "签约" in text[max(ps, clause_start - 30) : q.start]:
                continue  # 招商签约 totals are not a project's size
            inv_start = q.start - len(lead) + invest.start()
            after = text[q.end : pe]
            name_span = None
            m = re.match(r"\s*的\s*", after)
            if m:  # 总投资50亿元的一峰梦想城
                ns = q.end + m.end()
                e = _NAME_END.search(text, ns, pe)
                ne = e.start() if e else pe
                name_span = (ns, ne)
                quote = (inv_start, ne)
            elif vm := _VERB_AFTER.match(after):
                # 投资42.5亿元，加快推进金海嘉苑…等7个安置区2.9万套安置房建设
                ns = q.end + vm.end()
                e = _NAME_END.search(text, ns, pe)
                ne = e.start() if e else pe
                name_span = (ns, ne)
                quote = (inv_start, ne)
            else:  # 人民大道改造工程在原投资4.5亿元 / 中骏世界城项目，总投资30亿元
                bm = _BEFORE_NAME.search(text, max(ps, clause_start - 1), inv_start)
                if bm and _NAMEISH.search(bm.group(1)):
                    name_span = (bm.start(1), bm.end(1))
                    quote = (bm.start(1), q.end)
            if name_span is None:
                continue
            name = re.sub(r"\s+", "", text[name_span[0] : name_span[1]]).strip("“”、")
            name = re.sub(r"^[\d.]+[^\d的]{0,4}的", "", name)  # 建成3400平米的X: the size is not the name
            name = re.sub(r"建设$", "", name)
            bare = re.sub(r"^(?:新建|改建|扩建|改扩建|建成了?|建设|实施|了|、)+", "", name)
            if "等" not in bare and re.search(r"\d+(?:\.\d+)?[所个座条家套处]$", bare):
                continue  # 新建、改扩建小学、幼儿园15所: a category of works, not a named project
            if len(name) < 3 or _UNNAMED.match(name) or not _NAMEISH.search(name):
                continue
            out.append(
                Project(
                    **ctx.ground("project", quote[0], quote[1]),
                    name=name,
                    investment=q.value,
                    unit=q.unit,
                    status=_status(text, quote[0], quote[1]),
                    # a name the genre's project words end it with (医院, 园, 工程) is surer than a bare phrase
                    confidence=0.9 if _NAMEISH.search(name[-4:]) else 0.75,
                    basis="named project with its investment amount",
                )
            )
    return out
