"""What every extractor reads: the structured document plus the parts and years of the report."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from duixian.errors import InternalError
from duixian.extract.records import Record, Span, id_head, id_of
from duixian.model import Section, Sentence, SentencePart, StructuredDocument
from duixian.offsets import Tracked
from duixian.structure.parts import plan_year as _plan_year

if TYPE_CHECKING:
    import hashlib

T = TypeVar("T")

_TRIMMED = "，。；、,;：:"  # the marks trim() strips besides spaces
# A full-width comma after one to three digits and before exactly three groups thousands, as reports into the
# 1980s wrote them (粮食产量33，212万吨): the quantity grammar reads it as one number, so it ends no clause.
# Written as what follows the comma (tested only where one stands): one to three digits before it, three after.
_CN_THOUSANDS = r"(?<=\d，)(?<!\d{4}，)(?<!\.\d{3}，)(?<!\.\d\d，)(?<!\.\d，)\d{3}(?![\d.])"
_CLAUSE_END = re.compile(rf"[。；！？;!?：\n]|，(?!{_CN_THOUSANDS})|,(?!(?<=\d,)\d{{3}}(?!\d))|:(?!\d)")


@dataclass(frozen=True)
class Context:
    sd: StructuredDocument

    @cached_property
    def text(self) -> str:  # read thousands of times a document: one attribute, not two properties deep
        return self.sd.doc.text

    def sections_with(self, role: str) -> list[Section]:
        return [s for s in self.sd.sections if s.role == role]

    @cached_property
    def _part_starts(self) -> list[int]:
        return [p.start for p in self.sd.parts]

    @property
    def part_starts(self) -> list[int]:
        """The start of every sentence part, in order: bisect a position into ``sd.parts`` (do not modify)."""
        return self._part_starts

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.sd.paragraphs]

    def paragraph_at(self, pos: int) -> tuple[int, int] | None:
        """The span of the paragraph (line) holding ``pos``."""
        i = bisect_right(self._paragraph_starts, pos) - 1
        if i < 0:
            return None
        p = self.sd.paragraphs[i]
        return (p.start, p.end) if pos < p.end else None

    def sentence_part(self, pos: int) -> SentencePart | None:
        """The sentence holding ``pos`` with its part, confidence and reasons."""
        i = bisect_right(self._part_starts, pos) - 1
        if i < 0:
            return None
        sp = self.sd.parts[i]
        return sp if pos < sp.end else None

    def part(self, pos: int) -> str | None:
        """'review', 'plan', 'problems' or 'other' for the sentence at ``pos`` (None between sentences)."""
        sp = self.sentence_part(pos)
        return sp.part if sp else None

    def spans_of(self, part: str) -> list[Span]:
        """Clean-text stretches belonging to ``part``, in order: runs of its sentences within a paragraph."""
        return list(self._runs.get(part, ()))

    @cached_property
    def _sentence_part_names(self) -> list[tuple[Sentence, str | None]]:
        """Every paragraph's sentences in order, each with ``part(sentence.start)``: the sentences come in
        text order, so the part holding each is walked to instead of bisected for (a bisect again should
        one come before the last)."""
        parts = self.sd.parts
        starts = self._part_starts
        n = len(starts)
        out: list[tuple[Sentence, str | None]] = []
        i = -1  # bisect_right(starts, pos) - 1 for the last position
        last = -1
        for p in self.sd.paragraphs:
            for sent in p.sentences:
                pos = sent.start
                if pos < last:
                    i = bisect_right(starts, pos) - 1
                else:
                    while i + 1 < n and starts[i + 1] <= pos:
                        i += 1
                last = pos
                out.append((sent, parts[i].part if i >= 0 and pos < parts[i].end else None))
        return out

    @cached_property
    def _runs(self) -> dict[str | None, list[Span]]:
        # Every extractor asks for the stretches of a part: they are found once, for all parts.
        out: dict[str | None, list[Span]] = {}
        named = iter(self._sentence_part_names)
        for p in self.sd.paragraphs:
            run: Span | None = None
            run_part: str | None = None
            for sent, part in itertools.islice(named, len(p.sentences)):
                if run is not None and part == run_part:
                    run = (run[0], sent.end)
                    continue
                if run is not None:
                    out.setdefault(run_part, []).append(run)
                run, run_part = (sent.start, sent.end), part
            if run is not None:
                out.setdefault(run_part, []).append(run)
        return out

    def sentences_of(self, part: str) -> list[Sentence]:
        """The sentences of ``part`` in text order (the paragraphs' own sentences: splitting a run of them
        again gives the same spans)."""
        if part not in self._sentences:
            self._sentences[part] = [sent for sent, name in self._sentence_part_names if name == part]
        return self._sentences[part]

    @cached_property
    def _sentences(self) -> dict[str, list[Sentence]]:
        return {}

    def memo(self, key: str, compute: Callable[[Context], T]) -> T:
        """Per-document work shared by the extractors (and tracking): computed on first use."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    @cached_property
    def _memo(self) -> dict[str, Any]:
        return {}

    @property
    def plan_year(self) -> int | None:
        """The year the report plans: the report year, or the year after it for a report delivered late in the
        year it is filed under and reviewing that year (the national reports of November 1981 and 1982) — the
        same year the sentence parts take as the plan's (structure.parts.plan_year)."""
        return _plan_year(self.sd.report)

    @property
    def review_year(self) -> int | None:
        return self.sd.report.review_year

    def section_id(self, pos: int) -> str | None:
        s = self.sd.section_at(pos)
        return s.id if s else None

    def ground(self, kind: str, start: int, end: int, extra: str = "") -> dict:
        """The shared fields of a record over text[start:end], checked."""
        text = self.text
        # trim() only when an edge character is one it strips (most spans come trimmed)
        if start < end and (text[start] in _TRIMMED or text[start].isspace()
                            or text[end - 1] in _TRIMMED or text[end - 1].isspace()):
            start, end = self.trim(start, end)
        if not 0 <= start < end <= len(text):
            raise InternalError(f"{kind} span {start}:{end} outside the text")
        section = self.sd.section_at(start)
        span = (start, end)
        raw = self._raw_spans.get(span)
        if raw is None:
            raw = self._raw_spans[span] = self._tracked.raw_span(start, end)
        head = self._id_heads.get(kind)
        if head is None:
            head = self._id_heads[kind] = id_head(self.sd.doc.source.sha256, kind)
        return {
            "id": id_of(head, kind, start, end, extra),  # record_id(sha256, kind, span, extra)
            "quote": text[start:end],
            "span": span,
            "raw_span": raw,
            "section": section.id if section else None,
        }

    @cached_property
    def _id_heads(self) -> dict[str, hashlib._Hash]:
        return {}

    @cached_property
    def _tracked(self) -> Tracked:
        return self.sd.doc.tracked

    def raw_span(self, start: int, end: int) -> Span:
        """``sd.doc.raw_span(start, end)``, kept for the document: ground() computes it for a record and
        extract() checks the record against it again."""
        got = self._raw_spans.get((start, end))
        if got is None:
            got = self._raw_spans[(start, end)] = self._tracked.raw_span(start, end)
        return got

    @cached_property
    def _raw_spans(self) -> dict[Span, Span]:
        return {}

    def part_clauses(self, part: str) -> Iterator[tuple[int, int, int]]:
        """(sentence number, start, end) of every trimmed, non-empty clause of ``part``, in text order."""
        text = self.text
        parts, starts = self.sd.parts, self._part_starts
        for n, sent in enumerate(self.sentences_of(part)):
            # a sentence inside one sentence part, with no other part starting in it, is ``part`` throughout
            i = bisect_right(starts, sent.start) - 1
            whole = parts[i].end >= sent.end and (i + 1 == len(starts) or starts[i + 1] >= sent.end)
            for cs, ce in trimmed_clauses(text, sent.start, sent.end):
                if whole or self.part(cs) == part:
                    yield n, cs, ce

    def trim(self, start: int, end: int) -> Span:
        t = self.text
        while start < end and (t[start].isspace() or t[start] in _TRIMMED):
            start += 1
        while end > start and (t[end - 1].isspace() or t[end - 1] in _TRIMMED):
            end -= 1
        return start, end

    def part_clause_list(self, part: str) -> list[tuple[int, int, int]]:
        """``list(part_clauses(part))``, kept for the document (do not modify it): actuals and tracking
        read the review's clauses more than once."""
        got = self._part_clause_lists.get(part)
        if got is None:
            got = self._part_clause_lists[part] = self._clauses_of(part)
        return got

    def _clauses_of(self, part: str) -> list[tuple[int, int, int]]:
        """``list(part_clauses(part))`` built in one loop, without a generator's step per clause and a list of
        spans per sentence (tests/test_actuals_speed.py holds the two equal)."""
        text = self.text
        parts, starts = self.sd.parts, self._part_starts
        out: list[tuple[int, int, int]] = []
        add = out.append
        for n, sent in enumerate(self.sentences_of(part)):
            s, e = sent.start, sent.end
            # a sentence inside one sentence part, with no other part starting in it, is ``part`` throughout:
            # its clauses are taken as the scan finds them (trimmed_clauses, without the list in between)
            i = bisect_right(starts, s) - 1
            if parts[i].end >= e and (i + 1 == len(starts) or starts[i + 1] >= e):
                for m in _TRIMMED_CLAUSE.finditer(text, s, e):
                    cs, ce = m.span()
                    add((n, cs, ce))
            else:
                for cs, ce in trimmed_clauses(text, s, e):
                    if self.part(cs) == part:
                        add((n, cs, ce))
        return out

    @cached_property
    def _part_clause_lists(self) -> dict[str, list[tuple[int, int, int]]]:
        return {}


def clauses(text: str, start: int, end: int) -> list[Span]:
    """Clause spans of text[start:end], split at commas, stops and semicolons."""
    out: list[Span] = []
    pos = start
    for m in _CLAUSE_END.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


# A clause as clauses() and trim() give it, in one match: it starts and ends on a character that is neither
# a clause end nor one trim() strips, and runs over anything but a clause end — a comma or colon is one
# unless, exactly as in _CLAUSE_END (whose lookarounds see the same bounds), it is a thousands comma (1,000)
# or a colon before a digit (8:30). \s is str.isspace(), as in trim().
_EDGE = r"[^\s，。；、,;：:！？!?]"
_PLAIN = r"[^，。；！？;!?：\n,:]"
_KEPT_MARK = rf"(?:,(?=(?<=\d,)\d{{3}}(?!\d))|:(?=\d)|，(?={_CN_THOUSANDS}))"
# runs of plain characters between kept marks (one class repeat is far faster than a per-character choice)
_TRIMMED_CLAUSE = re.compile(rf"{_EDGE}(?:{_PLAIN}*(?:{_KEPT_MARK}{_PLAIN}*)*{_EDGE})?")


def trimmed_clauses(text: str, start: int, end: int) -> list[Span]:
    """The non-empty clauses of text[start:end], each trimmed: ``[ctx.trim(*c) for c in clauses(…)]``
    without the empty ones, found by one scan instead of a trim per clause."""
    return [m.span() for m in _TRIMMED_CLAUSE.finditer(text, start, end)]


def check_grounding(sd: StructuredDocument, record: Record,
                    raw_span: Callable[[int, int], Span] | None = None) -> None:
    """Raise InternalError unless the record's quote is its clean span and its raw span is in bounds.

    ``raw_span``: the document's ``raw_span`` computed once per span (Context.raw_span), if the caller has one."""
    grounding_checker(sd, raw_span)(record)


def grounding_checker(sd: StructuredDocument,
                      raw_span: Callable[[int, int], Span] | None = None) -> Callable[[Record], None]:
    """``check_grounding(sd, ·, raw_span)`` with the document's text and raw length read once, for a caller
    that checks every record of a document (extract())."""
    text, raw_len = sd.doc.text, len(sd.doc.raw)
    to_raw = raw_span or sd.doc.raw_span

    def check(record: Record) -> None:
        s, e = record.span
        if text[s:e] != record.quote:
            raise InternalError(f"{record.kind} {record.id}: quote is not text[{s}:{e}]")
        rs, re_ = record.raw_span
        if not (0 <= rs <= re_ <= raw_len) or (rs, re_) != to_raw(s, e):
            raise InternalError(f"{record.kind} {record.id}: raw span {rs}:{re_} does not map the quote")

    return check
