"""The records extractors produce: frozen, grounded in the clean text and the raw text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, TypeVar

from duixian.frozen import from_fields

Span = tuple[int, int]
R = TypeVar("R", bound="Record")


def record_id(sha256: str, kind: str, span: Span, extra: str = "") -> str:
    """Stable id: the same file, kind and span give the same id on every run."""
    key = f"{sha256}:{kind}:{span[0]}:{span[1]}:{extra}"
    return kind[0] + hashlib.sha1(key.encode()).hexdigest()[:15]


def id_head(sha256: str, kind: str) -> hashlib._Hash:
    """record_id's key up to the span, hashed: one per file and kind, for id_of."""
    return hashlib.sha1(f"{sha256}:{kind}:".encode())


def id_of(head: hashlib._Hash, kind: str, start: int, end: int, extra: str = "") -> str:
    """``record_id(sha256, kind, (start, end), extra)`` from ``id_head(sha256, kind)``: the key's head is not
    hashed again for every record."""
    h = head.copy()
    h.update(f"{start}:{end}:{extra}".encode())
    return kind[0] + h.hexdigest()[:15]


@dataclass(frozen=True)
class Record:
    kind: ClassVar[str] = "record"
    id: str
    quote: str
    span: Span
    raw_span: Span
    section: str | None


@dataclass(frozen=True)
class Target(Record):
    kind: ClassVar[str] = "target"
    metric: str
    metric_raw: str
    target_kind: str  # growth | level | rate | cap | other
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    year: int | None
    confidence: float = 1.0  # how sure the record is a target of the report's region (0–1)
    basis: str = ""  # why: which reading found it (a targets list, an inline goal, a plan-part clause)
    horizon: str | None = None  # a multi-year goal's horizon as written (“十四五”, 到2025年); None for the year's


@dataclass(frozen=True)
class Actual(Record):
    kind: ClassVar[str] = "actual"
    metric: str
    metric_raw: str
    year: int | None
    value: float | None
    unit: str | None
    growth_pct: float | None
    rank: str | None
    estimate: bool = False  # 预计/初步核算: the year's figure before the statistics bureau's final count
    confidence: float = 1.0
    basis: str = ""


@dataclass(frozen=True)
class PledgeQuantity:
    value: float
    unit: str | None
    object: str | None


@dataclass(frozen=True)
class Pledge(Record):
    kind: ClassVar[str] = "pledge"
    category: str  # 民生实事 | 项目 | 指标 | 重点工作
    text: str
    quantities: tuple[PledgeQuantity, ...] = field(default=())
    deadline: str | None = None
    deadline_raw: str | None = None
    confidence: float = 1.0
    basis: str = ""


@dataclass(frozen=True)
class Project(Record):
    kind: ClassVar[str] = "project"
    name: str
    investment: float | None
    unit: str | None
    status: str | None
    confidence: float = 1.0
    basis: str = ""


@dataclass(frozen=True)
class GlossaryEntry(Record):
    kind: ClassVar[str] = "glossary"
    term: str
    definition: str
    confidence: float = 1.0
    basis: str = ""


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def make(cls: type[R], values: dict[str, Any]) -> R:
    """``cls(**values)`` for an extractor that builds hundreds of records a report.

    Given every field of the frozen record in the order declared (``values`` then is the instance's
    ``__dict__`` exactly as the generated ``__init__`` leaves it: no record has a ``__post_init__``), the
    attributes are set in one step instead of one ``object.__setattr__`` per field. Any other ``values``
    (a field missing or out of order) go through ``cls(**values)``, which fills defaults and says what is wrong.
    The dict is copied: the caller may reuse it."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    if tuple(values) != names:
        return cls(**values)
    return from_fields(cls, dict(values))
