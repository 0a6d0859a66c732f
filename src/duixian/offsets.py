"""Text that remembers where every character came from.

Cleaning rewrites the raw text many times (joins lines, drops page numbers, folds widths,
converts script).  ``Tracked`` carries, for every character of the current text, the half-open
range of raw characters it stands for, so any span of the final text maps back to the raw
text that ``duixian text --raw`` prints.  Edits are applied in one pass over sorted,
non-overlapping replacements; characters that are kept keep their own origin.

The origins are held as runs, not per character: a *linear* run is characters that stand each for
the next raw character (what ingest gives, and what is left of it between edits: character ``i`` of
the run comes from ``[raw + i, raw + i + 1)``), a *block* run is characters that all stand for one raw
range (``&nbsp;`` → one space, a line break that replaced ``\\n\\n  ``).  A pass that edits a few places
of a 40,000-character text then splits a few runs and copies the others as list slices, instead of
copying 40,000 start and end positions; the per-character arrays are built only when asked for.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import NamedTuple

_LINEAR = -1  # the ``ends`` entry of a linear run (a block run holds its raw end there, never negative)


class Edit(NamedTuple):
    start: int
    end: int
    new: str


@dataclass(frozen=True, eq=False)
class Tracked:
    text: str
    # Run k: ``lens[k]`` characters whose origins start at raw ``raws[k]``; ``ends[k]`` is ``_LINEAR`` or the
    # raw end every character of a block run stands for.  Never changed after construction.
    lens: list[int] = field(repr=False)
    raws: list[int] = field(repr=False)
    run_ends: list[int] = field(repr=False)

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> Tracked:
        return cls(text, [len(text)], [offset], [_LINEAR]) if text else cls(text, [], [], [])

    @classmethod
    def from_pieces(cls, pieces: Iterable[tuple[str, int, int]]) -> Tracked:
        """Build from (text, raw_start, raw_end) pieces.

        A piece whose text has the raw range's length maps character by character; any other
        piece maps each of its characters to the whole raw range (e.g. ``&nbsp;`` → space).
        """
        chars: list[str] = []
        out = _Runs()
        for text, rs, re_ in pieces:
            chars.append(text)
            if text:
                out.add_new(len(text), rs, re_)
        return cls("".join(chars), out.lens, out.raws, out.ends)

    def __len__(self) -> int:
        return len(self.text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tracked):
            return NotImplemented
        return self.text == other.text and self.starts == other.starts and self.ends == other.ends

    def __hash__(self) -> int:
        return hash((self.text, self.starts.tobytes(), self.ends.tobytes()))

    # -- per-character views (built on demand) -------------------------------------------------

    @cached_property
    def starts(self) -> array[int]:
        """Raw start of each character."""
        out = array("q")
        for n, raw, end in zip(self.lens, self.raws, self.run_ends, strict=True):
            out.extend(_iota(raw, n) if end == _LINEAR else array("q", [raw]) * n)
        return out

    @cached_property
    def ends(self) -> array[int]:
        """Raw end of each character."""
        out = array("q")
        for n, raw, end in zip(self.lens, self.raws, self.run_ends, strict=True):
            out.extend(_iota(raw + 1, n) if end == _LINEAR else array("q", [end]) * n)
        return out

    @cached_property
    def _bounds(self) -> list[int]:
        """Clean position where each run starts, and the text's length after the last."""
        return list(accumulate(self.lens, initial=0))

    # -- queries --------------------------------------------------------------------------------

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw range covering clean characters ``[start, end)``."""
        n = len(self.text)
        if 0 <= start < end <= n:
            # A span inside one run (most record spans: cleaning edits few places) is read off that run, without
            # the general path's index checks and its walk over the runs it covers (the same answer).
            bounds = self._bounds
            k = bisect_right(bounds, start) - 1
            if end <= bounds[k + 1]:
                raw, run_end = self.raws[k], self.run_ends[k]
                if run_end == _LINEAR:
                    return raw + start - bounds[k], raw + end - bounds[k]
                return raw, run_end
        if start >= end:
            if start < n:
                pos = self._start_at(start)
            else:
                pos = self._end_at(n - 1) if n else 0
            return pos, pos
        first = self._start_at(start)
        lo, hi, _ = slice(start, end).indices(n)
        if lo >= hi:
            raise ValueError("max() arg is an empty sequence")  # what max() of an empty slice says
        return first, self._max_end(lo, hi)

    def clean_pos(self, raw_pos: int) -> int:
        """First character whose raw origin is at or after ``raw_pos`` (origins are monotonic)."""
        return bisect_left(self.starts, raw_pos)

    def _run_of(self, i: int) -> int:
        return bisect_right(self._bounds, i) - 1

    def _start_at(self, i: int) -> int:
        """``starts[i]``, with a sequence's index rules (negative from the end, IndexError outside)."""
        n = len(self.text)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("array index out of range")
        k = self._run_of(i)
        return self.raws[k] + (i - self._bounds[k]) if self.run_ends[k] == _LINEAR else self.raws[k]

    def _end_at(self, i: int) -> int:
        k = self._run_of(i)
        end = self.run_ends[k]
        return self.raws[k] + (i - self._bounds[k]) + 1 if end == _LINEAR else end

    def _max_end(self, lo: int, hi: int) -> int:
        """``max(ends[lo:hi])`` for ``0 <= lo < hi <= len``: each run's largest end is its last character's."""
        bounds, raws, ends = self._bounds, self.raws, self.run_ends
        k, last = self._run_of(lo), self._run_of(hi - 1)
        best = -1
        for j in range(k, last + 1):
            end = ends[j]
            if end == _LINEAR:
                end = raws[j] + min(hi, bounds[j + 1]) - bounds[j]
            if end > best:
                best = end
        return best

    # -- rewrites -------------------------------------------------------------------------------

    def apply(self, edits: Iterable[Edit]) -> Tracked:
        """Replace each ``[start, end)`` with ``new``; edits must not overlap."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        if not ordered:
            return self
        text, n = self.text, len(self.text)
        chars: list[str] = []
        out = _Runs()
        pos = 0  # where the last edit ended: the next may not start before it
        done = 0  # text and origins before this are in ``chars`` and ``out``
        for ed in ordered:
            a, b, new = ed
            if a < pos:
                raise ValueError(f"overlapping edits at {a}")
            pos = b
            if b - a == len(new):
                if b > a:
                    self._start_at(a)  # the index check a per-character map made
                if text[a:b] == new:
                    continue  # "\n" for "\n": nothing changes, the stretch is copied with what follows
            chars.append(text[done:a])
            self._copy(done, a, out)
            done = b
            if not new:
                continue
            if b > a:
                rs = self._start_at(a)
                if b - a == len(new):
                    self._copy(a, b, out)  # one for one: each keeps its own origin
                else:
                    out.add_new(len(new), rs, self._max_end(a, min(b, n)))
            else:
                # An insertion stands where the next raw character is.
                rs = self._start_at(a) if a < n else (self._end_at(n - 1) if n else 0)
                out.add_new(len(new), rs, rs)
            chars.append(new)
        chars.append(text[done:])
        self._copy(done, n, out)
        return Tracked("".join(chars), out.lens, out.raws, out.ends)

    def _copy(self, a: int, b: int, out: _Runs) -> None:
        """Append the origins of clean characters ``[a, b)`` (clamped to the text) to ``out``."""
        b = min(b, len(self.text))
        if a >= b:
            return
        bounds, lens, raws, ends = self._bounds, self.lens, self.raws, self.run_ends
        k = bisect_right(bounds, a) - 1
        # the first run from ``a``, the whole runs between as slices, the last run up to ``b``
        if b <= bounds[k + 1]:
            out.add(b - a, raws[k] + a - bounds[k] if ends[k] == _LINEAR else raws[k], ends[k])
            return
        last = bisect_right(bounds, b - 1, k) - 1
        out.add(bounds[k + 1] - a, raws[k] + a - bounds[k] if ends[k] == _LINEAR else raws[k], ends[k])
        out.lens += lens[k + 1 : last]
        out.raws += raws[k + 1 : last]
        out.ends += ends[k + 1 : last]
        out.add(b - bounds[last], raws[last], ends[last])

    def translate(self, new_text: str) -> Tracked:
        """Same-length, character-for-character rewrite (width folding, script conversion)."""
        if len(new_text) != len(self.text):
            raise ValueError("translate needs a same-length text")
        return Tracked(new_text, self.lens, self.raws, self.run_ends)

    def delete(self, spans: Iterable[tuple[int, int]]) -> Tracked:
        return self.apply(Edit(s, e, "") for s, e in spans)

    def slice(self, start: int, end: int) -> Tracked:
        lo, hi, _ = slice(start, end).indices(len(self.text))
        out = _Runs()
        self._copy(lo, hi, out)
        return Tracked(self.text[start:end], out.lens, out.raws, out.ends)


class _Runs:
    """The runs of a text being built; a run that continues the one before it is merged into it."""

    __slots__ = ("ends", "lens", "raws")

    def __init__(self) -> None:
        self.lens: list[int] = []
        self.raws: list[int] = []
        self.ends: list[int] = []

    def add(self, n: int, raw: int, end: int) -> None:
        if self.lens and self.ends[-1] == end and (
            self.raws[-1] + self.lens[-1] == raw if end == _LINEAR else self.raws[-1] == raw
        ):
            self.lens[-1] += n
            return
        self.lens.append(n)
        self.raws.append(raw)
        self.ends.append(end)

    def add_new(self, n: int, rs: int, re_: int) -> None:
        """``n`` new characters for raw ``[rs, re_)``: one for one when the lengths agree, else all for all."""
        self.add(n, rs, _LINEAR if n == re_ - rs else re_)


def _iota(start: int, n: int) -> Sequence[int]:
    """``start, start + 1, …`` (``n`` of them), as a slice of a shared array when it reaches that far."""
    stop = start + n
    if 0 <= start and stop <= _IOTA_MAX:
        # copied from 0, 1, 2, … instead of built integer by integer
        while len(_IOTA) < stop:
            _IOTA.extend(range(len(_IOTA), min(_IOTA_MAX, 2 * len(_IOTA) + 1024)))
        return _IOTA[start:stop]
    return range(start, stop)


_IOTA_MAX = 1 << 18  # 2 MB at most: texts up to 262,144 characters (nearly every report) take the fast path
_IOTA: array[int] = array("q")
