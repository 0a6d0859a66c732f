"""Text that remembers where every character came from.

Cleaning rewrites the raw text many times (joins lines, drops page numbers, folds widths,
converts script).  ``Tracked`` carries, for every character of the current text, the half-open
range of raw characters it stands for, so any span of the final text maps back to the raw
text that ``duixian text --raw`` prints.  Edits are applied in one pass over sorted,
non-overlapping replacements; characters that are kept keep their own origin.

The origins are held as ``range`` objects while the text is unchanged (ingest gives every character its
own position: nothing to build) and as ``array('q')`` after an edit: a pass that edits a few places
copies the untouched stretches as memory blocks instead of rebuilding tuples of Python integers.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple


class Edit(NamedTuple):
    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Tracked:
    text: str
    starts: Sequence[int]  # range or array('q'): raw start of each character
    ends: Sequence[int]

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> Tracked:
        return cls(text, range(offset, offset + len(text)), range(offset + 1, offset + len(text) + 1))

    @classmethod
    def from_pieces(cls, pieces: Iterable[tuple[str, int, int]]) -> Tracked:
        """Build from (text, raw_start, raw_end) pieces.

        A piece whose text has the raw range's length maps character by character; any other
        piece maps each of its characters to the whole raw range (e.g. ``&nbsp;`` → space).
        """
        chars: list[str] = []
        starts, ends = array("q"), array("q")
        for text, rs, re_ in pieces:
            _append(chars, starts, ends, text, rs, re_)
        return cls("".join(chars), starts, ends)

    def __len__(self) -> int:
        return len(self.text)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw range covering clean characters ``[start, end)``."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], max(self.ends[start:end])

    def clean_pos(self, raw_pos: int) -> int:
        """First character whose raw origin is at or after ``raw_pos`` (origins are monotonic)."""
        return bisect_left(self.starts, raw_pos)

    def apply(self, edits: Iterable[Edit]) -> Tracked:
        """Replace each ``[start, end)`` with ``new``; edits must not overlap."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        if not ordered:
            return self
        chars: list[str] = []
        starts, ends = array("q"), array("q")
        pos = 0
        text, s_all, e_all = self.text, _array(self.starts), _array(self.ends)
        for ed in ordered:
            if ed.start < pos:
                raise ValueError(f"overlapping edits at {ed.start}")
            chars.append(text[pos : ed.start])
            starts.extend(s_all[pos : ed.start])
            ends.extend(e_all[pos : ed.start])
            if ed.new:
                if ed.end > ed.start:
                    rs, re_ = s_all[ed.start], max(e_all[ed.start : ed.end])
                else:
                    # An insertion stands where the next raw character is.
                    rs = s_all[ed.start] if ed.start < len(s_all) else (e_all[-1] if e_all else 0)
                    re_ = rs
                if ed.end - ed.start == len(ed.new):
                    chars.append(ed.new)
                    starts.extend(s_all[ed.start : ed.end])
                    ends.extend(e_all[ed.start : ed.end])
                else:
                    _append(chars, starts, ends, ed.new, rs, re_)
            pos = ed.end
        chars.append(text[pos:])
        starts.extend(s_all[pos:])
        ends.extend(e_all[pos:])
        return Tracked("".join(chars), starts, ends)

    def translate(self, new_text: str) -> Tracked:
        """Same-length, character-for-character rewrite (width folding, script conversion)."""
        if len(new_text) != len(self.text):
            raise ValueError("translate needs a same-length text")
        return Tracked(new_text, self.starts, self.ends)

    def delete(self, spans: Iterable[tuple[int, int]]) -> Tracked:
        return self.apply(Edit(s, e, "") for s, e in spans)

    def slice(self, start: int, end: int) -> Tracked:
        return Tracked(self.text[start:end], self.starts[start:end], self.ends[start:end])


def _array(xs: Sequence[int]) -> array[int]:
    if isinstance(xs, array):
        return xs
    if isinstance(xs, range) and xs.step == 1 and 0 <= xs.start and xs.stop <= _IOTA_MAX:
        # an identity map's positions are a slice of 0, 1, 2, …: copied, not built integer by integer
        while len(_IOTA) < xs.stop:
            _IOTA.extend(range(len(_IOTA), min(_IOTA_MAX, 2 * len(_IOTA) + 1024)))
        return _IOTA[xs.start : xs.stop]
    return array("q", xs)


_IOTA_MAX = 1 << 18  # 2 MB at most: texts up to 262,144 characters (nearly every report) take the fast path
_IOTA: array[int] = array("q")


def _append(chars: list[str], starts: array[int], ends: array[int], text: str, rs: int, re_: int) -> None:
    if len(text) == re_ - rs:
        chars.append(text)
        starts.extend(range(rs, re_))
        ends.extend(range(rs + 1, re_ + 1))
    else:
        chars.append(text)
        starts.extend(array("q", [rs]) * len(text))
        ends.extend(array("q", [re_]) * len(text))

