"""A frozen dataclass instance made from its fields in one step, for the few types a report builds hundreds
or thousands of times (sentence parts, quantities, figures, records)."""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")
_new = object.__new__
_set = object.__setattr__


def from_fields(cls: type[T], values: dict[str, Any]) -> T:
    """``cls(**values)`` without the generated ``__init__``, which sets a frozen dataclass's fields one by
    one through ``object.__setattr__`` (about twice the cost). The caller's side of the bargain: ``values``
    holds every field of ``cls`` in declared order and is not used afterwards (it becomes the instance's
    ``__dict__``), and ``cls`` has no ``__post_init__``; then the instance is the one ``__init__`` would make
    (fields, equality, hash, repr), which each caller's speed test checks for its type."""
    obj = _new(cls)
    _set(obj, "__dict__", values)
    return obj
