"""Regex scans that try a pattern only where one of its matches can start.

``pattern.finditer(text)`` attempts a match at every position of a report of 10,000 characters or more,
and most of the genre's patterns begin with an optional word or a character class, which the regex
engine cannot skip ahead on.  Yet none of them can match without a fixed word (年, 月, 届, 代表 …) a
known distance from its start.  ``matches`` tries ``pattern.match`` only at those starts, left to right
and resuming after each match, which is the very walk ``finditer`` makes minus the hopeless positions:
the matches are the same, found in a fraction of the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def occurrences(text: str, word: str) -> list[int]:
    """Every start of ``word`` in ``text``, overlapping ones included."""
    out: list[int] = []
    i = text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def before(text: str, word: str, nearest: int, farthest: int) -> list[int]:
    """Positions ``nearest``…``farthest`` characters before each occurrence of ``word``."""
    return [q - k for q in occurrences(text, word) for k in range(nearest, farthest + 1)]


def space_start(text: str, i: int) -> int:
    """The start of the run of whitespace (what ``\\s`` matches) that ends at ``i``."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def matches(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` yields, given every position where one can start.

    ``starts`` may hold more positions than needed, in any order and repeated; it must hold every
    position where a match of ``pattern`` can start.  The pattern must not match the empty string.
    ``pattern.match(text, s)`` sees the text before ``s`` (lookbehinds, ``^`` in multiline mode) exactly
    as ``finditer`` does at ``s``.
    """
    out: list[re.Match[str]] = []
    pos = 0
    for s in sorted(set(starts)):
        if s < pos:
            continue
        m = pattern.match(text, s)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out




class Index:
    """Where words occur in one text, each found from the positions of its rarest character.

    ``str.find`` and ``str.count`` walk the whole text for a word of two or more CJK characters at about
    2 ns a character (some 80 µs on a 40,000-character report) however rare the word, while one character
    is found by a memchr scan that costs little more than its hits. A metadata read asks for some sixty
    words (self-references, titles, division stems) that share characters: a word is found from the
    positions of its rarest character, its neighbours checked in place. The characters of a word are
    walked side by side, a few dozen hits at a time, until one of them ends: a common character (区 in a
    district's report) is never walked to its end while a rarer one is at hand. Each walk is kept for the
    next word.
    """

    _STEP = 64

    def __init__(self, text: str) -> None:
        self.text = text
        self._walks: dict[str, tuple[list[int], list[bool]]] = {}  # character → (positions so far, [ended])
        self._at: dict[str, list[int]] = {}

    def _walk(self, ch: str, limit: int) -> bool:
        """Walk ``ch`` until it has ``limit`` positions or ends; whether it ended."""
        walk = self._walks.get(ch)
        if walk is None:
            walk = self._walks[ch] = ([], [False])
        hits, ended = walk
        if ended[0]:
            return True
        text = self.text
        i = text.find(ch, hits[-1] + 1) if hits else text.find(ch)
        while i >= 0:
            hits.append(i)
            if len(hits) >= limit:
                return False
            i = text.find(ch, i + 1)
        ended[0] = True
        return True

    def at(self, word: str) -> list[int]:
        """``occurrences(text, word)``: every start of ``word``, overlapping ones included (not to be changed)."""
        found = self._at.get(word)
        if found is not None:
            return found
        if not word:
            found = occurrences(self.text, word)
        else:
            limit = self._STEP
            while True:
                ended = [k for k, ch in enumerate(word) if self._walk(ch, limit)]
                if ended:
                    break
                limit *= 4
            k = min(ended, key=lambda k: len(self._walks[word[k]][0]))
            hits = self._walks[word[k]][0]
            if len(word) == 1:
                found = hits
            else:
                # An occurrence starting at s has word[k] at s + k: the positions of word[k] hold them all.
                text = self.text
                found = [p - k for p in hits if p >= k and text.startswith(word, p - k)]
        self._at[word] = found
        return found

    def before(self, word: str, nearest: int, farthest: int) -> list[int]:
        """``before(text, word, nearest, farthest)``."""
        return [q - k for q in self.at(word) for k in range(nearest, farthest + 1)]

    def count(self, word: str) -> int:
        """``text.count(word)``: occurrences that do not overlap, taken from the left."""
        if not word:
            return self.text.count(word)
        n, free = 0, 0
        for p in self.at(word):
            if p >= free:
                n += 1
                free = p + len(word)
        return n
