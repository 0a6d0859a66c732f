"""Extractors are small registered components: a name, a version, what they read, what they make.

Built-in extractors register themselves on import; a third party adds one through the
``duixian.extractors`` entry point group (the entry point names a module that calls ``register``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from duixian.extract.context import Context
    from duixian.extract.records import Record

BUILTIN = ("targets", "actuals", "pledges", "projects", "glossary")


@dataclass(frozen=True)
class Extractor:
    name: str
    version: str
    produces: str  # the output key: targets | actuals | pledges | projects | glossary
    needs: tuple[str, ...]  # document parts it reads, for the docs and for choosing what to run
    run: Callable[[Context], Sequence[Record]]


_REGISTRY: dict[str, Extractor] = {}
_loaded = False


def register(name: str, *, version: str, produces: str, needs: tuple[str, ...] = ("text", "sections")):
    def deco(fn: Callable[[Context], Sequence[Record]]) -> Callable[[Context], Sequence[Record]]:
        _REGISTRY[name] = Extractor(name, version, produces, needs, fn)
        return fn

    return deco


def extractors() -> list[Extractor]:
    global _loaded
    if not _loaded:
        for mod in BUILTIN:
            import_module(f"duixian.extract.{mod}")
        for ep in entry_points(group="duixian.extractors"):
            ep.load()
        _loaded = True
    return list(_REGISTRY.values())
