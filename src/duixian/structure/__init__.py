"""Structure: the clean text → section tree with roles, paragraphs and sentences."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from duixian.clean.furniture import line_spans
from duixian.intervals import innermost
from duixian.model import Document, Paragraph, ReportMeta, Section, SentencePart, StructuredDocument
from duixian.structure.articles import other_articles
from duixian.structure.headings import Heading, classify
from duixian.structure.parts import assign
from duixian.structure.roles import role_by_form, role_for
from duixian.structure.sentences import split_lines

_PROBLEMS = re.compile(
    r"^(?:同时|但是|但|当然|与此同时)?[，,]?(?:我们)?(?:也|更|还)?(?:要|必须|应该|应当)?(?:清醒|清楚)?(?:地)?(?:看到|认识到)"
    r"|^(?:在肯定成绩的同时)|(?:困难和问题|问题和不足|困难和挑战|不足和差距|矛盾和问题)(?:主要)?(?:是|有|表现在)?[：:]"
)
_TARGETS = re.compile(r"主要预期目标|主要目标(?:是|为)|预期目标(?:是|为)|主要经济指标预期")
# What every match of _PROBLEMS and of _TARGETS holds: a line without it is not searched sentence by sentence.
_PROBLEMS_WORDS = ("看到", "认识到", "在肯定成绩的同时", "：", ":")
_TARGETS_WORDS = ("目标", "指标")
_CLOSING = re.compile(r"^各位代表[！!，,]")
_STOP = re.compile(r"[。！？]")


@dataclass
class _Open:
    rank: float
    index: int


@dataclass
class _Draft:
    number: str | None
    title: str
    role: str
    level: int
    start: int
    heading_end: int
    end: int
    parent: int | None
    rank: float
    by_form: bool = False  # the role came from the title's form (role_by_form), not its words


def build(doc: Document, meta: ReportMeta) -> StructuredDocument:
    text = doc.text
    bold_at = {s: e for kind, (s, e) in doc.marks if kind == "bold"}
    lines = [(s, e) for s, e in line_spans(text) if e > s]

    headings: list[tuple[Heading, str | None]] = []  # (heading, forced role)
    for s, e in lines:
        h = classify(text[s:e], s, bold=(s, bold_at[s]) if s in bold_at else None)
        if h is not None:
            headings.append((h, None))
    closing = _closing_line(text, lines, headings)
    if closing is not None:
        s, e = closing
        headings.append((Heading(0.0, None, "各位代表", s, s + 4, e), "closing"))
        headings.sort(key=lambda x: x[0].start)

    sections: list[_Draft] = []
    if not headings or headings[0][0].start > 0:
        first = headings[0][0].start if headings else len(text)
        sections.append(_Draft(None, "", "preamble", 1, 0, 0, first, None, -1.0))
    stack: list[_Open] = []
    for h, forced in headings:
        # an unnumbered major part (回眸2022年, 名词解释) is a peer of the numbered chapters, never their parent
        rank = max(h.rank, 1.0)
        while stack and stack[-1].rank >= rank:
            sections[stack.pop().index].end = h.start
        parent_role = sections[stack[-1].index].role if stack else None
        role = forced or role_for(h.title, parent_role, years=(meta.review_year, meta.report_year))
        parent = stack[-1].index if stack else None
        sections.append(_Draft(h.number, h.title, role, len(stack) + 1, h.start, h.title_end, len(text), parent, rank))
        stack.append(_Open(rank, len(sections) - 1))
    _chapters_of_the_plan(sections)
    form_roles = _form_candidates(sections)
    if not form_roles:
        return _finish(doc, meta, lines, sections)
    # read once without the candidates' roles (on copies: _finish adds paragraph parts to its list)
    sd = _finish(doc, meta, lines, [replace(d) for d in sections])
    if _apply_form_roles(sections, form_roles, sd.parts):
        sd = _finish(doc, meta, lines, sections)
    return sd


def _finish(doc: Document, meta: ReportMeta, lines: list[tuple[int, int]], sections: list[_Draft]) -> StructuredDocument:
    """Paragraph parts, paragraphs, sentences and their parts, for the sections as drafted."""
    text = doc.text
    _add_paragraph_parts(text, lines, sections)
    weak = frozenset(f"s{i}" for i, d in enumerate(sections) if d.by_form)

    ids = [f"s{i}" for i in range(len(sections))]
    frozen = tuple(
        Section(
            id=ids[i], number=d.number, title=d.title, role=d.role, level=d.level, start=d.start, end=d.end,
            heading_end=d.heading_end, parent=ids[d.parent] if d.parent is not None else None,
        )
        for i, d in enumerate(sections)
    )
    probe = StructuredDocument(doc, meta, frozen, ())
    # an unnumbered heading that opens a line titles its paragraph (the last such section wins, as before)
    leads = {x.start: (x.start, x.heading_end) for x in frozen
             if x.heading_end > x.start and x.level > 0 and x.number is None and x.role not in {"closing"}}
    paragraphs = []
    # lines and sentences come in text order: their sections are read walking along the boundaries once
    for (s, e), found, sec in zip(lines, split_lines(text, lines), probe.sections_at(s for s, _ in lines), strict=True):
        paragraphs.append(Paragraph(s, e, sec.id if sec else None, found, leads.get(s)))
    sentences = [(x.start, x.end, i) for i, p in enumerate(paragraphs) for x in p.sentences]
    parts = assign(text, sentences, probe.sections_at(x[0] for x in sentences), meta,
                   outside=other_articles(text, lines, frozen), weak=weak)
    return StructuredDocument(doc, meta, frozen, tuple(paragraphs), parts)


_PLAN_CHAPTER = frozenset({"tasks", "targets", "requirements", "livelihood"})
_FORM_PART = {"tasks": "plan", "review": "review"}
# A chapter takes the role its title's form suggests when at least this share of its review and plan
# sentences (by characters) is of that part, and they are at least _FORM_EVIDENCE of its text.
_FORM_AGREE = 0.5
_FORM_EVIDENCE = 0.3


def _form_candidates(sections: list[_Draft]) -> dict[int, str]:
    """Numbered top-level chapters read as other whose titles suggest a role by their form."""
    out = {}
    for i, d in enumerate(sections):
        if d.parent is None and d.role == "other" and d.number is not None:
            role = role_by_form(d.title)
            if role is not None:
                out[i] = role
    return out


def _apply_form_roles(sections: list[_Draft], candidates: dict[int, str], parts: tuple[SentencePart, ...]) -> bool:
    """Give each candidate chapter its form's role when its sentences, read without it, agree.

    The sentences were read with the chapter as other (no prior), so their parts are their own words'
    evidence: a result-titled chapter that speaks of the plan (争取国民经济再上一个新台阶) or an imperative
    one that tells what was done keeps other. Sub-sections read as other follow their chapter."""
    starts = [p.start for p in parts]
    changed = False
    for i, role in candidates.items():
        d = sections[i]
        chars = {"review": 0, "plan": 0}
        total = 0
        for p in parts[bisect_left(starts, d.start) : bisect_left(starts, d.end)]:
            total += p.end - p.start
            if p.part in chars:
                chars[p.part] += p.end - p.start
        evidence = chars["review"] + chars["plan"]
        if evidence and evidence >= _FORM_EVIDENCE * total and chars[_FORM_PART[role]] >= _FORM_AGREE * evidence:
            d.role, d.by_form = role, True
            changed = True
    if changed:
        for d in sections:  # parents come before their children
            if d.parent is not None and d.role == "other" and sections[d.parent].by_form:
                d.role, d.by_form = sections[d.parent].role, True
    return changed


def _chapters_of_the_plan(sections: list[_Draft]) -> None:
    """Top-level chapters after the first plan chapter and before 政府自身建设 are the year's work,
    whatever their titles say (三、继续保持经济平稳较快发展); their sub-sections follow them."""
    in_plan = False
    for i, d in enumerate(sections):
        if d.parent is not None:
            if sections[d.parent].role == "tasks" and d.role == "other":
                d.role = "tasks"
            continue
        if d.role in _PLAN_CHAPTER:
            in_plan = True
        elif d.role in ("self_building", "glossary", "closing", "review"):
            in_plan = False
        elif in_plan and d.role == "other" and d.number is not None:
            sections[i].role = "tasks"


def _closing_line(text: str, lines: list[tuple[int, int]], headings: list[tuple[Heading, str | None]]) -> tuple[int, int] | None:
    """The last 各位代表！ in the final part of the report, before any glossary."""
    glossary = next((h.start for h, _ in headings if h.rank == 0 and "名词" in h.title), len(text))
    last_major = max((h.start for h, _ in headings if h.rank == 1 and h.start < glossary), default=0)
    found = None
    for s, e in lines:
        # the pattern opens on 各位代表: a line that does not is not sliced to be searched
        if last_major < s < glossary and text.startswith("各位代表", s) and _CLOSING.match(text[s:e]):
            found = (s, e)
    return found


def _add_paragraph_parts(text: str, lines: list[tuple[int, int]], sections: list[_Draft]) -> None:
    """Unnumbered parts inside a section: the problems paragraph of a review, the targets paragraph."""
    extra: list[_Draft] = []
    owners = innermost(sections, [s for s, _ in lines])
    for (s, e), owner in zip(lines, owners, strict=True):
        line = text[s:e]
        if owner is None:
            continue
        sec = sections[owner]
        at = _problems_start(line) if sec.role in {"review", "tasks", "requirements"} else None
        if at is not None and (sec.role == "review" or sec.rank <= 1):
            extra.append(_Draft(None, _first_clause(line[at:]), "problems", sec.level + 1, s + at, s + at, e, owner, 6.0))
        elif sec.role in {"requirements", "tasks", "targets", "other"} and _holds(line, _TARGETS_WORDS) and _TARGETS.search(line):
            extra.append(_Draft(None, _first_clause(line), "targets", sec.level + 1, s, s, e, owner, 6.0))
    sections.extend(extra)
    order = sorted(range(len(sections)), key=lambda i: (sections[i].start, sections[i].level))
    remap = {old: new for new, old in enumerate(order)}
    reordered = [sections[i] for i in order]
    for d in reordered:
        if d.parent is not None:
            d.parent = remap[d.parent]
    sections[:] = reordered


def _problems_start(line: str) -> int | None:
    """Where a paragraph turns to difficulties and problems (its start, or a sentence inside it)."""
    if not _holds(line, _PROBLEMS_WORDS):
        return None
    starts = [0] + [m.end() for m in _STOP.finditer(line)]
    for at in starts:
        if at < len(line) and _PROBLEMS.search(line[at : at + 40]):
            return at
    return None


def _holds(line: str, words: tuple[str, ...]) -> bool:
    for w in words:
        if w in line:
            return True
    return False


def _first_clause(line: str) -> str:
    return re.split(r"[，。；：,;:]", line, maxsplit=1)[0][:30]
