"""The frozen records that flow one way through the pipeline.

Path ─ingest─▶ RawText ─clean─▶ Document ─structure─▶ StructuredDocument
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from duixian.offsets import Tracked

Span = tuple[int, int]


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    format: str  # txt | md | html | docx | pdf | csv
    encoding: str | None
    size: int


@dataclass(frozen=True)
class RawText:
    """What ingest produced: the raw text raw spans index, and where the report sits in it.

    ``body`` is the report part of ``text`` (a CSV field, the main content of a page) with
    every character's raw position; cleaning starts from it.
    """

    source: Source
    text: str
    body: Tracked
    marks: tuple[tuple[str, Span], ...] = ()  # (kind, raw span): hints such as bold lead-ins
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """One canonical clean text with its map back to the raw text."""

    source: Source
    raw: str
    tracked: Tracked = field(repr=False)
    script: str  # simplified | traditional
    marks: tuple[tuple[str, Span], ...] = ()  # (kind, clean span)
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.tracked.text

    def raw_span(self, start: int, end: int) -> Span:
        return self.tracked.raw_span(start, end)

    def clean_pos(self, raw_pos: int) -> int:
        """First clean character whose raw origin is at or after ``raw_pos``."""
        return self.tracked.clean_pos(raw_pos)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    section: str | None
    sentences: tuple[Sentence, ...]
    lead: Span | None = None  # a lead-in phrase (bold, or after ——) that titles the paragraph


@dataclass(frozen=True)
class Section:
    id: str
    number: str | None  # 一、 / （一） / 1. / （1） as printed, None for unnumbered parts
    title: str
    role: str
    level: int
    start: int
    end: int
    heading_end: int  # end of the heading line (title) inside [start, end)
    parent: str | None


@dataclass(frozen=True)
class ReportMeta:
    region: str | None = None
    region_full: str | None = None
    admin_code: str | None = None
    level: str | None = None
    report_year: int | None = None
    review_year: int | None = None
    date: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    doc_type: str | None = None
    title: str | None = None
    evidence: tuple[tuple[str, Span], ...] = ()  # (field, clean span) where a value was read


@dataclass(frozen=True)
class SentencePart:
    """Which part of the report one sentence belongs to, how sure that is, and why."""

    start: int
    end: int
    part: str  # review | plan | problems | other
    confidence: float  # 0.5 (a toss-up) … 1.0
    why: str


@dataclass(frozen=True)
class StructuredDocument:
    doc: Document
    report: ReportMeta
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    parts: tuple[SentencePart, ...] = ()  # every sentence of every paragraph, in text order

    @property
    def text(self) -> str:
        return self.doc.text

    def section_at(self, pos: int) -> Section | None:
        """The innermost section containing ``pos``."""
        cuts, owners = self._section_index
        i = bisect_right(cuts, pos) - 1
        return owners[i] if i >= 0 else None

    def sections_at(self, positions: Iterable[int]) -> list[Section | None]:
        """``section_at`` of each of ``positions``, which must not descend: one walk along the boundaries
        instead of a bisect and a call each (build asks it of every line and every sentence)."""
        cuts, owners = self._section_index
        out: list[Section | None] = []
        k, n = 0, len(cuts)
        for pos in positions:
            while k < n and cuts[k] <= pos:
                k += 1
            out.append(owners[k - 1] if k else None)
        return out

    @cached_property
    def _section_index(self) -> tuple[list[int], list[Section | None]]:
        """Every boundary of every section, and the innermost section of the stretch starting there
        (the deepest, and of equals the last, as a scan over the sections in order would pick)."""
        from duixian.intervals import innermost

        cuts = sorted({b for s in self.sections for b in (s.start, s.end)})
        owners = [None if i is None else self.sections[i] for i in innermost(self.sections, cuts)]
        return cuts, owners
