"""Who owns a task, as the report writes it: 由…牵头, …牵头负责, …负责, …配合, 协同/会同…, 责任单位：….

Reports seldom name units, but when they do the wording is this small set. Simplified and traditional
forms are both read. A unit list is split on 、/和/及/与; only names that look like a unit (end in 局, 委,
办, 中心, 政府, 街道 … or are in the office's directory) are kept, so 负责任 or 各方配合 give nothing.
"""

from __future__ import annotations

import re

from duixian.supervise.units import UnitDirectory

_LEAD = r"(?:牵头|牽頭)"
_DUTY = r"(?:负责|負責)"
_PARTNER = r"(?:配合|协同|協同|协助|協助)"
_WITH = r"(?:会同|會同)"
_UNIT_END = re.compile(
    r"(?:委员会|委員會|管委会|管委會|办公室|辦公室|领导小组|領導小組|指挥部|指揮部|分局|局|委|办|辦|中心|公司|集团|集團|"
    r"政府|街道|办事处|辦事處|乡|鄉|镇|鎮|部|厅|廳|署|院|所|队|隊|站|处|處|科|会|會|园区|園區|社区|社區)$"
)
_LIST_SPLIT = re.compile(r"[、，,和及与與]")
# Words that end like a unit but are not one (内部, 城乡, 干部), and openings no unit name has (是…, 对…, 实现…).
_NOT_UNIT_END = re.compile(r"(?:内部|外部|全部|局部|干部|幹部|基部|[东西南北中東]部|城乡|城鄉|下乡|下鄉|返乡|返鄉|家乡|家鄉|故乡|故鄉|"
                           r"城镇|城鎮|乡镇|鄉鎮|社会|社會|大会|大會|机会|機會|都会|都會)$")
_NOT_UNIT_START = re.compile(r"^(?:是|对|對|在|把|将|將|为|為|以|从|從|向|被|让|讓|使|加强|加強|实现|實現|推进|推進|"
                             r"做好|抓好|确保|確保|进一步|進一步|全面|积极|積極|认真|認真|切实|切實)")
# What may stand before a unit name inside the same clause and is not part of it.
_LEAD_IN = re.compile(r"^(?:并|並|要|由|请|請|的|均|分别|分別)+")
_BOUNDARY = r"[，。；;：:\s（）()“”]"

# (role, pattern): the unit list is group "u"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("lead", re.compile(r"(?:牵头单位|牽頭單位|责任单位|責任單位|牵头部门|牽頭部門|责任部门|責任部門)\s*[：:]\s*(?P<u>[^；;。）)\n]+)")),
    ("partner", re.compile(r"(?:配合单位|配合單位|协同单位|協同單位|配合部门|配合部門)\s*[：:]\s*(?P<u>[^；;。）)\n]+)")),
    ("lead", re.compile(rf"由(?P<u>[^，。；;：:\n]{{2,60}}?){_LEAD}")),
    ("lead", re.compile(rf"(?<={_BOUNDARY})(?P<u>[^，。；;：:\n（）()]{{2,60}}?){_LEAD}(?:{_DUTY})?")),
    ("lead", re.compile(rf"^(?P<u>[^，。；;：:\n（）()]{{2,60}}?){_LEAD}(?:{_DUTY})?")),
    ("lead", re.compile(rf"(?:(?<={_BOUNDARY})|^)(?P<u>[^，。；;：:\n（）()]{{2,40}}?){_WITH}")),
    ("partner", re.compile(rf"{_WITH}(?P<u>[^，。；;：:\n（）()]{{2,60}}?)(?=(?:共同|一起)?(?:做好|开展|推进|实施|落实|抓好|研究|制定|组织|完成)|[，。；;\n]|$)")),
    ("lead", re.compile(rf"(?:(?<={_BOUNDARY})|^)(?P<u>[^，。；;：:\n（）()]{{2,40}}?){_DUTY}(?![任人])")),
    ("partner", re.compile(rf"(?:(?<={_BOUNDARY})|^)(?P<u>[^，。；;：:\n（）()]{{2,60}}?){_PARTNER}")),
)


def find_units(text: str, directory: UnitDirectory | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(lead units, partner units) the text names, in order, without repeats; directory names resolved."""
    lead: list[str] = []
    partner: list[str] = []
    for role, pat in _PATTERNS:
        for m in pat.finditer(text):
            names = _units_in(m.group("u"), directory)
            into = lead if role == "lead" else partner
            for n in names:
                if n not in lead and n not in partner:
                    into.append(n)
    return tuple(lead), tuple(partner)


def _units_in(chunk: str, directory: UnitDirectory | None) -> list[str]:
    out: list[str] = []
    for item in _LIST_SPLIT.split(chunk):
        item = _LEAD_IN.sub("", item.strip())
        if not 2 <= len(item) <= 20:
            continue
        if directory is not None and item in directory:
            out.append(directory.resolve(item))
        elif _UNIT_END.search(item) and not _NOT_UNIT_END.search(item) and not _NOT_UNIT_START.search(item):
            out.append(directory.resolve(item) if directory is not None else item)
    return out
