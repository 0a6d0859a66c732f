"""Glossary: every 名词解释 entry, and slogans defined in the text next to their parts.

An in-text definition is a quoted label containing a numeral (“三医”, “两园两中心”, “1+1+1”)
right after the list of its parts (医疗、医保、医药“三医”) or right before them in brackets
(“两园两中心”（…）).  A label with nothing enumerated beside it is not a definition.
"""

from __future__ import annotations

import re

from duixian.extract.context import Context
from duixian.extract.records import GlossaryEntry
from duixian.extract.registry import register
from duixian.intervals import Covered

_NUMERAL = re.compile(r"[一二三四五六七八九十百千万两双\d]")
_LEADING_NUMERAL = re.compile(r"^[一二三四五六七八九十两双\d]")
_COUNT = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SUFFIX = re.compile(r"(?:目标|建设|发展思路)$")
_ENTRY_LABEL = re.compile(r"“([^”\n]{1,16})”([\u4e00-\u9fff]{0,8})[：:]|(?:(?<=[：:；;。\n])|^)\s*([\u4e00-\u9fff]{2,6})[：:]")
_LIST_BEFORE = re.compile(r"((?:[\u4e00-\u9fff]{2,14}、){1,}[\u4e00-\u9fff]{2,14}?(?:等)?)$")
_QUOTED = re.compile(r"“([^”\n]{1,12})”")
_CLAUSE_STOP = "，。；;！？\n"


def _count_fits(label: str, items: int) -> bool:
    """三医 after three items, 四位一体 after four: a label that counts its parts must count the list."""
    if label[0] in _COUNT:
        return items == _COUNT[label[0]]
    return False


def _term(label: str) -> str:
    return _SUFFIX.sub("", label.strip()) or label.strip()


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = start
    while s > 0 and text[s - 1] not in _CLAUSE_STOP:
        s -= 1
    e = end
    depth = 0
    while e < len(text):
        ch = text[e]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        elif ch in _CLAUSE_STOP and depth <= 0:
            break
        e += 1
    return s, e


@register("glossary", version="1", produces="glossary")
def extract_glossary(ctx: Context) -> list[GlossaryEntry]:
    return _entries(ctx) + _in_text(ctx)


def _make(ctx: Context, term: str, s: int, e: int, def_start: int) -> GlossaryEntry:
    g = ctx.ground("glossary", s, e, term)
    sec = ctx.sd.section_at(s)
    appendix = sec is not None and sec.role == "glossary"
    return GlossaryEntry(**g, term=term, definition=ctx.text[def_start:g["span"][1]].strip(),
                         confidence=0.95 if appendix else 0.8,
                         basis="entry of the 名词解释 appendix" if appendix else "quoted label beside its listed parts")


def _entries(ctx: Context) -> list[GlossaryEntry]:
    text = ctx.text
    out: list[GlossaryEntry] = []
    glossary = ctx.sections_with("glossary")
    entries = [s for s in glossary if s.parent is not None] or glossary
    for sec in entries:
        body_start = sec.start
        num = re.match(r"\s*(?:\d{1,3}[.．、]|[（(]\d{1,3}[）)]|［\d+］|\[\d+\])\s*", text[sec.start : sec.end])
        if num:
            body_start = sec.start + num.end()
        labels = []
        for m in _ENTRY_LABEL.finditer(text, body_start, sec.end):
            label = m.group(1) or m.group(3)
            labels.append((m.start(), m.end(), label))
        if not labels:
            continue
        for i, (ls, le, label) in enumerate(labels):
            nxt = labels[i + 1][0] if i + 1 < len(labels) else sec.end
            whole_entry = i == 0 and ls <= body_start + 1
            if not text[le:nxt].strip(" \n；;。，"):
                continue  # “三提”“两改”：the parts follow under their own labels
            end = sec.end if whole_entry else nxt
            out.append(_make(ctx, _term(label), ls, end, le))
    return out


_LAST_ITEM = re.compile(r"[\u4e00-\u9fff]*\n?")


def _list_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """_LIST_BEFORE.search(text, start, end), tried only where it can match: its list holds a 、 and ends
    at ``end`` (or before a newline there) with an item of Han characters, so the stretch after the last 、
    before ``end`` must be Han characters — most labels fail this at once, not after the nested repeats
    have been tried at every position of the window."""
    last = text.rfind("、", start, end)
    if last == -1 or not _LAST_ITEM.fullmatch(text, last + 1, end):
        return None
    return _LIST_BEFORE.search(text, start, end)


_PAREN_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}[（(]([^）)]{4,80})[）)]")
_HAN_AFTER = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _in_text(ctx: Context) -> list[GlossaryEntry]:
    text = ctx.text
    out: list[GlossaryEntry] = []
    skip = Covered((s.start, s.end) for s in ctx.sections_with("glossary"))
    for m in _QUOTED.finditer(text):
        if m.start() in skip:
            continue
        label = m.group(1)
        if not _LEADING_NUMERAL.search(label):
            continue
        # matched in place (pos=), not on a copy of the rest of the text made for every label
        after_paren = _PAREN_AFTER.match(text, m.end())
        term = label
        if "+" in label and not after_paren:
            suffix = _HAN_AFTER.match(text, m.end())
            if suffix and _NUMERAL.search(suffix.group(0)):
                term = suffix.group(0)  # “专家+专业+专班+专责+专督”五专机制
                out.append(_make(ctx, _term(term), m.start(), suffix.end(), m.start()))
            continue
        if after_paren and ("、" in after_paren.group(1) or "+" in after_paren.group(1) or "，" in after_paren.group(1)):
            s, e = _clause_bounds(text, m.start(), after_paren.end())
            out.append(_make(ctx, _term(term), s, after_paren.end(), m.start()))
        elif label[0] in _COUNT:  # only a label that counts its parts can fit the list before it
            before = _list_before(text, max(0, m.start() - 80), m.start())
            if before and _count_fits(label, before.group(1).count("、") + 1):
                s, e = _clause_bounds(text, m.start(), m.end())
                out.append(_make(ctx, _term(term), s, e, s))
    return out
