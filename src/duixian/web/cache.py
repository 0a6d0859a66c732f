"""The reader's derived data, computed once per stored report version instead of once per request.

Under load the reader page spent its time re-deriving the same things: five record queries, the runs of
the text, the JSON of every record and a ~30–500 kB HTML fragment.  All of it is a pure function of the
stored report (the fragment once per page language), so it is cached under a key made of the report's whole stored row (id, content hash,
ingestion time, extractor versions, record counts, metadata): a re-ingest or a metadata change makes a
new key, and the old entry ages out of the LRU.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property
from typing import Any

from markupsafe import Markup
from sqlalchemy import Engine

from duixian.web import views


class Entry:
    """One report version: its data now, its JSON and its reader fragment (one per page language) when first
    asked for."""

    def __init__(self, data: dict[str, Any], render: Callable[[dict[str, Any], str], str]) -> None:
        self.data = data
        self._render = render
        self._html: dict[str, Markup] = {}

    @cached_property
    def json(self) -> bytes:
        # the same bytes FastAPI's JSONResponse would write for the dict (compact, UTF-8, no NaN)
        return json.dumps(self.data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()

    def reader_html(self, lang: str) -> Markup:
        """The fragment with its labels in ``lang`` (the text is the same in both)."""
        hit = self._html.get(lang)
        if hit is None:
            # rendered by an autoescaping template, so the fragment is already safe markup; two first readers
            # may both render it, and the second simply wins
            hit = self._html[lang] = Markup(self._render(self.data, lang))
        return hit


class ReportCache:
    def __init__(self, engine: Engine, render: Callable[[dict[str, Any], str], str], size: int = 64) -> None:
        self.engine = engine
        self.render = render
        self.size = size
        self._entries: OrderedDict[tuple[Any, ...], Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0

    def get(self, ref: str) -> Entry:
        meta = views.find(self.engine, ref)  # one indexed query: finds the report and its current version
        key = tuple(sorted(meta.items()))
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
                return hit
        # computed outside the lock: two first readers may both compute it, and the second simply wins
        entry = Entry(views.report(self.engine, ref, meta), self.render)
        with self._lock:
            self.misses += 1
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return entry
