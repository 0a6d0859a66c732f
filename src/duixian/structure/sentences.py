"""Sentence spans inside a paragraph (。！？ and ； when a clause stands alone, with closing quotes).

A sentence runs up to a run of end marks and the closing quotes after it, or to the end of its line,
trimmed of the spaces around it. One pattern finds the trimmed spans directly: a sentence starts at a
character that is neither a space nor an end mark and runs to the marks (with its inner spaces), or,
when no mark comes before the line ends, to the last character that is not a space; a run of marks
with nothing before it is a sentence of its own. No part crosses a line break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from duixian.model import Sentence

_MARKS = r"[。！？!?]+[”’」』）)]*"
_SENTENCE = re.compile(rf"[^\s。！？!?][^。！？!?\n]*{_MARKS}|[^\s。！？!?](?:[^。！？!?\n]*[^\s。！？!?])?|{_MARKS}")


def split_sentences(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    return tuple(Sentence(m.start(), m.end()) for m in _SENTENCE.finditer(text, start, end))


def split_lines(text: str, lines: Sequence[tuple[int, int]]) -> list[tuple[Sentence, ...]]:
    """The sentences of each of ``lines`` (line spans in text order) from one scan of the whole text:
    a sentence never crosses a line break, so each lies in the line that holds its start."""
    out: list[tuple[Sentence, ...]] = []
    if not lines:
        return out
    found = _SENTENCE.finditer(text, lines[0][0], lines[-1][1])
    m = next(found, None)
    for s, e in lines:
        while m is not None and m.start() < s:  # between the lines (none when they are all of text's lines)
            m = next(found, None)
        here: list[Sentence] = []
        while m is not None and m.start() < e:
            here.append(Sentence(m.start(), m.end()))
            m = next(found, None)
        out.append(tuple(here))
    return out
