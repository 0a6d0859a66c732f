"""The reader's derived data, computed once per stored report version instead of once per request.

Under load the reader page spent its time re-deriving the same things: five record queries, the runs of
the text, the JSON of every record and a ~30–500 kB HTML fragment.  All of it is a pure function of the
stored report, so it is cached under a key made of the report's whole stored row (id, content hash,
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
    """One report version: its data now, its JSON and its reader fragment when first asked for."""

    def __init__(self, data: dict[str, Any], render: Callable[[dict[str, Any]], str]) -> None:
        self.data = data
        self._render = render

    @cached_property
    def json(self) -> bytes:
        # the same bytes FastAPI's JSONResponse would write for the dict (compact, UTF-8, no NaN)
        return json.dumps(self.data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()

    @cached_property
    def reader_html(self) -> Markup:
        # rendered by an autoescaping template, so the fragment is already safe markup
        return Markup(self._render(self.data))


class ReportCache:
    def __init__(self, engine: Engine, render: Callable[[dict[str, Any]], str], size: int = 64) -> None:
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
