"""The plan part of a report as a 任务分解表: one grounded row per task, numbered as the report is.

Rows come from what extraction already found, and from the report's own structure where extraction has
nothing:

- every target of the year (one row per indicator, even when two share a clause);
- every part of a numbered 民生实事 item (the item split at ；/。): its pledges, or the part itself when
  the pledges found cover less than half of it (a part extraction missed, or only half read);
- every other pledge of the plan part;
- the lead-in task sentence of every plan paragraph (its bold lead, or its first sentence:
  全面实施开放招商。) unless a target or pledge already lies in it — a commitment is one row, never two.

Numbers follow the printed headings (二 / （一） / 1) joined by "."; the rows inside the innermost heading
get a running number after "-" (二.（一）-3), so a running number can never be mistaken for a printed one.
An unnumbered heading (主要预期目标, 十件民生实事) adds nothing to the number but its title to the path.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from duixian import lexicon
from duixian.errors import InternalError
from duixian.extract import Extraction
from duixian.extract.context import Context
from duixian.extract.records import Pledge, Target, record_id
from duixian.lexicon import PLEDGES
from duixian.model import Section, StructuredDocument
from duixian.supervise.deadline import task_deadline
from duixian.supervise.model import Task
from duixian.supervise.owners import find_units
from duixian.supervise.units import UnitDirectory

Span = tuple[int, int]

# Roles whose plan sentences are not the year's work: the title block, the closing appeal, the glossary.
_NOT_WORK = frozenset({"closing", "glossary"})
# A sentence that frames the work instead of naming a task.
_FRAMING = re.compile(
    r"总体要求|指导思想|总体思路|主要预期目标|预期目标是|^各位代表|^同志们|实现上述目标|以下(?:几[个项]|[一-十]+[个项])?(?:方面|工作|重点)|"
    r"(?:做好|抓好|突出|推进|着力|重点)[^，。；]{0,6}(?:[两二三四五六七八九十]+|几)(?:个)?方面"
)
# What the year is, or why (增进民生福祉是发展的根本目的): a setting, not a task.
_SETTING = re.compile(r"^[^，。；：]{0,16}(?:是|正值|恰逢|意味着)")
# A task sentence names work: a verb of the genre within its first words.
_TASK_VERB = re.compile(rf"^[^，。；：]{{0,6}}?(?:{lexicon.words(PLEDGES, 'task_verb')})")
_NUMBER_MARK = re.compile(r"\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*、|\d+\s*[.．、](?!\d))\s*")
_PART_END = re.compile(r"[；;。！!？?]")
_NON_SPACE = re.compile(r"\S")


@dataclass(frozen=True)
class _Row:
    """A task before it is numbered: where it is and what it was made from."""

    kind: str
    span: Span
    text: str
    category: str
    record: Pledge | Target | None = None
    parts: tuple[Pledge, ...] = ()  # the pledges a whole 民生实事 part stands for
    confidence: float = 1.0
    basis: str = ""


def build_tasks(sd: StructuredDocument, x: Extraction, *, units: UnitDirectory | None = None) -> tuple[Task, ...]:
    """The report's plan part as a task table, in text order, every row grounded in ``sd.text``."""
    ctx = Context(sd)
    rows: list[_Row] = []
    covered: list[Span] = []  # spans already stood for by a row made from a record

    target_spans = [t.span for t in x.targets]
    shared = {t.span for t in x.targets if sum(u.span == t.span for u in x.targets) > 1}
    for t in x.targets:
        text = f"{t.quote}（{t.metric}）" if t.span in shared else t.quote
        rows.append(_Row("target", t.span, text, t.metric, t, confidence=t.confidence,
                         basis=f"target of the year: {t.basis}" if t.basis else "target of the year"))
        covered.append(t.span)

    # a pledge inside a target, or one that mostly restates targets (市场主体增长8.9%,达到8.6万户 over the two
    # targets of those words), is already in the table as the targets
    pledges = [p for p in x.pledges
               if not any(_inside(p.span, s) for s in target_spans) and _restated(sd.text, p.span, target_spans) < 0.6]
    used: set[str] = set()
    items = _livelihood_items(sd)
    for body in items:
        for row in _item_rows(ctx, body, pledges):
            rows.append(row)
            used.update(p.id for p in ((row.record,) if isinstance(row.record, Pledge) else ()) + row.parts)
        covered.append(body)
    for p in pledges:
        if p.id in used or any(_inside(p.span, b) for b in items):
            continue
        rows.append(_Row("pledge", p.span, p.text, p.category, p, confidence=p.confidence, basis=f"pledge: {p.basis}"))
        covered.append(p.span)

    record_spans = sorted([r.span for r in rows if r.record is not None] + [p.span for p in pledges])
    for span in _lead_sentences(ctx):
        if any(_inside(span, b) for b in items) or _overlaps_any(span, record_spans):
            continue
        sp = ctx.sentence_part(span[0])
        rows.append(_Row("task", span, sd.text[span[0]:span[1]], "重点工作",
                         confidence=sp.confidence if sp else 0.5, basis="lead-in task sentence of a plan paragraph"))

    rows.sort(key=lambda r: (r.span, r.kind, r.text))
    return tuple(_number(sd, ctx, rows, units))


# ---- the rows -------------------------------------------------------------------------------------------


def _livelihood_items(sd: StructuredDocument) -> list[Span]:
    """The body of every numbered 民生实事 item: its first paragraph, and the lines that continue it
    (a line that does not end a sentence runs on into the next one, as at a page join)."""
    parents = {s.parent for s in sd.sections if s.parent}
    role = {s.id: s.role for s in sd.sections}
    out: list[Span] = []
    for s in sd.sections:
        # an item is a numbered leaf of a 民生实事 list, not a chapter titled 办好民生实事
        if s.role != "livelihood" or not s.number or s.id in parents or role.get(s.parent or "") != "livelihood":
            continue
        paras = [p for p in sd.paragraphs if s.start <= p.start < s.end]
        if not paras:
            continue
        start, end = paras[0].start, paras[0].end
        for prev, nxt in itertools.pairwise(paras):
            if _PART_END.search(sd.text[prev.start:prev.end].rstrip()[-1:] or "。"):
                break
            end = nxt.end
        out.append((start, end))
    return out


def _item_rows(ctx: Context, body: Span, pledges: list[Pledge]) -> list[_Row]:
    text = ctx.text
    start, end = body
    m = _NUMBER_MARK.match(text, start, end)
    if m:
        start = m.end()
    parts: list[Span] = []
    pos = start
    for cut in _PART_END.finditer(text, start, end):
        parts.append(ctx.trim(pos, cut.start()))
        pos = cut.end()
    parts.append(ctx.trim(pos, end))
    parts = [p for p in parts if p[1] - p[0] >= 2]
    sec = ctx.sd.section_at(body[0])
    out: list[_Row] = []
    for i, (ps, pe) in enumerate(parts):
        inside = [p for p in pledges if _overlaps(p.span, (ps, pe))]
        is_title = sec is not None and pe <= sec.heading_end and len(parts) > 1 and i == 0
        if is_title and not inside:
            continue  # the item's own title (1.实施教育扩容工程。): it is in the path, not a row
        sp = ctx.sentence_part(ps)
        conf = sp.confidence if sp else 0.5
        share = sum(_solid(text, *_clip(p.span, (ps, pe))) for p in inside) / max(1, _solid(text, ps, pe))
        if not inside or share < 0.5:
            out.append(_Row("livelihood", (ps, pe), text[ps:pe], "民生实事", parts=tuple(inside), confidence=conf,
                            basis="part of a numbered 民生实事 item"))
            continue
        for p in inside:
            out.append(_Row("livelihood", p.span, p.text, "民生实事", p, confidence=p.confidence,
                            basis=f"part of a numbered 民生实事 item; pledge: {p.basis}"))
    return out


def _lead_sentences(ctx: Context) -> list[Span]:
    """The lead-in of every plan paragraph that names a task: its marked lead, else its first sentence."""
    sd, text = ctx.sd, ctx.text
    out: list[Span] = []
    for p in sd.paragraphs:
        if not p.sentences:
            continue
        if p.lead is not None:
            span = p.lead
        else:
            first = p.sentences[0]
            span = (first.start, first.end)
        span = ctx.trim(*span)
        s, e = span
        if e - s < 4 or ctx.part(s) != "plan":
            continue
        sec = sd.section_at(s)
        if sec is not None and (sec.role in _NOT_WORK or sec.start <= s < sec.heading_end):
            continue  # a heading line is the path of its rows, not a row
        sentence = text[s:e]
        if e - s > 100 or _FRAMING.search(sentence) or _SETTING.search(sentence) or not _TASK_VERB.search(sentence):
            continue
        out.append(span)
    return out


# ---- numbering, owners, deadlines -----------------------------------------------------------------------


def _number(sd: StructuredDocument, ctx: Context, rows: list[_Row], units: UnitDirectory | None) -> list[Task]:
    by_id = {s.id: s for s in sd.sections}
    counters: dict[str, int] = {}
    sentences = sorted((s.start, s.end) for p in sd.paragraphs for s in p.sentences)
    starts = [s for s, _ in sentences]
    year = sd.report.report_year
    sha = sd.doc.source.sha256
    out: list[Task] = []
    seen_ids: set[str] = set()
    for row in rows:
        sec = sd.section_at(row.span[0])
        chain = _chain(sec, by_id)
        prefix = _prefix(chain)
        counters[prefix] = counters.get(prefix, 0) + 1
        number = f"{prefix}-{counters[prefix]}" if prefix else str(counters[prefix])
        path = tuple(_title(s) for s in chain if _title(s))
        s, e = row.span
        quote = sd.text[s:e]
        if not 0 <= s < e <= len(sd.text) or not quote.strip():
            raise InternalError(f"task span {s}:{e} is empty or outside the text")
        # the sentence around the row: units are often named after the task (…，区教育局牵头)
        i = bisect_right(starts, s) - 1
        sent = sentences[i] if i >= 0 and sentences[i][1] >= e else (s, e)
        lead, partner = find_units(quote, units)
        if not (lead or partner):
            lead, partner = find_units(sd.text[sent[0]:sent[1]], units)
        suggested = False
        if not lead and units is not None:
            lead = units.suggest(row.text) or units.suggest(" ".join(path[-1:]))
            suggested = bool(lead)
        deadline, deadline_raw, default = _deadline_of(row, quote, year, sd.report.date)
        tid = record_id(sha, "task", (s, e), f"{row.kind}:{row.record.id if row.record else ''}")
        if tid in seen_ids:  # the same span and record twice would be one task twice
            continue
        seen_ids.add(tid)
        task = Task(
            id=tid, number=number, path=path, kind=row.kind, category=row.category, text=_one_line(row.text),
            quote=quote, span=(s, e), raw_span=sd.doc.raw_span(s, e), quantities=_quantities(row),
            deadline=deadline, deadline_default=default, deadline_raw=deadline_raw,
            lead_units=tuple(lead), partner_units=tuple(partner), units_suggested=suggested,
            record_id=row.record.id if row.record else (row.parts[0].id if row.parts else None),
            confidence=round(row.confidence, 3), basis=row.basis,
        )
        _check(sd, task)
        out.append(task)
    return out


def _deadline_of(row: _Row, quote: str, year: int | None, report_date: str | None) -> tuple[str | None, str | None, bool]:
    rec = row.record if isinstance(row.record, Pledge) else None
    found = [p for p in ((rec,) if rec else row.parts) if p.deadline]
    if found:
        return found[0].deadline, found[0].deadline_raw, False
    return task_deadline(quote, year, report_date)


def _quantities(row: _Row) -> tuple[tuple[float, str | None, str | None], ...]:
    if isinstance(row.record, Target):
        t = row.record
        return ((t.value, t.unit, t.metric),) if t.value is not None else ()
    pledges = ((row.record,) if isinstance(row.record, Pledge) else ()) + row.parts
    return tuple((q.value, q.unit, q.object) for p in pledges for q in p.quantities)


def _chain(sec: Section | None, by_id: dict[str, Section]) -> list[Section]:
    out: list[Section] = []
    while sec is not None:
        out.append(sec)
        sec = by_id.get(sec.parent) if sec.parent else None
    return out[::-1]


def _prefix(chain: list[Section]) -> str:
    parts = [_printed(s.number) for s in chain if s.number]
    return ".".join(p for p in parts if p)


def _printed(number: str | None) -> str:
    """二、 → 二, （一） → （一）, 1. → 1, (1) → （1）."""
    if not number:
        return ""
    n = re.sub(r"\s+", "", number).rstrip("、.．,，")
    m = re.fullmatch(r"[（(](.+)[）)]", n)
    return f"（{m.group(1)}）" if m else n


def _title(sec: Section) -> str:
    return _one_line(sec.title).strip("：:，,。 ")


def _one_line(s: str) -> str:
    return re.sub(r"\s+", "", s) if re.search(r"[\u4e00-\u9fff]", s) else re.sub(r"\s+", " ", s).strip()


def _check(sd: StructuredDocument, t: Task) -> None:
    s, e = t.span
    if sd.text[s:e] != t.quote or t.raw_span != sd.doc.raw_span(s, e):
        raise InternalError(f"task {t.id}: quote or raw span does not map text[{s}:{e}]")


def _inside(a: Span, b: Span) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _overlaps_any(span: Span, spans: list[Span]) -> bool:
    return any(_overlaps(span, s) for s in spans)


def _restated(text: str, span: Span, targets: list[Span]) -> float:
    """The share of a pledge's characters that lie in targets inside it."""
    inside = sorted(t for t in set(targets) if _inside(t, span))
    if not inside:
        return 0.0
    covered, pos = 0, span[0]
    for s, e in inside:
        s = max(s, pos)
        if e > s:
            covered += _solid(text, s, e)
            pos = e
    return covered / max(1, _solid(text, *span))


def _clip(a: Span, b: Span) -> Span:
    return max(a[0], b[0]), min(a[1], b[1])


def _solid(text: str, s: int, e: int) -> int:
    return len(_NON_SPACE.findall(text, s, e)) if e > s else 0


def with_units(tasks: tuple[Task, ...], units: UnitDirectory) -> tuple[Task, ...]:
    """The same tasks with the directory applied: written names resolved, empty leads suggested by theme."""
    out = []
    for t in tasks:
        lead = tuple(units.resolve(u) for u in t.lead_units) if not t.units_suggested else ()
        partner = tuple(units.resolve(u) for u in t.partner_units)
        suggested = False
        if not lead:
            lead = units.suggest(t.text) or units.suggest(" ".join(t.path[-1:]))
            suggested = bool(lead)
        out.append(replace(t, lead_units=lead, partner_units=partner, units_suggested=suggested))
    return tuple(out)
