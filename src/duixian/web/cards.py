"""成绩单 rated on a read-only server, kept per version of their two reports instead of rated at each view.

A plain ``duixian serve`` never stores verdicts, so an unrated region-year's 成绩单 and each of its verdict
permalinks used to rate the pair again at every view (about 100 ms for a district's pair, more for a
province's). A rating is a pure function of the two stored reports (and the default tolerance), so it is
cached under both reports' whole stored rows — id, content hash, ingestion time, extractor versions, record
counts, metadata — as the reader's cache is: a re-ingest makes a new key and the old card ages out.
A server that writes stores the verdicts at the first view and reads them back, so it needs no cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import Engine


class CardCache:
    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._cards: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0

    def rate(self, engine: Engine, region: str, year: int) -> dict[str, Any]:
        """The card ``track_stored`` gives for this region-year (NoPairError as it raises it), from the
        cache when neither report changed since it was rated."""
        from duixian.store.verdicts import find_pair
        from duixian.track import run

        plan, review = find_pair(engine, region, year)  # two indexed lookups: the pair and its versions
        key = (tuple(sorted(plan.items())), tuple(sorted(review.items())))
        with self._lock:
            hit = self._cards.get(key)
            if hit is not None:
                self._cards.move_to_end(key)
                return hit
        # rated outside the lock: two first viewers may both rate it, and the second simply wins
        card = run.track_stored(engine, region, year)
        with self._lock:
            self.misses += 1
            self._cards[key] = card
            while len(self._cards) > self.size:
                self._cards.popitem(last=False)
        return card
