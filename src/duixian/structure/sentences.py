"""Sentence spans inside a paragraph (。！？ and ； when a clause stands alone, with closing quotes)."""

from __future__ import annotations

import re

from duixian.model import Sentence

_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n")


def split_sentences(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    pos = start
    for m in _END.finditer(text, start, end):
        if m.end() > pos:
            s, e = _trim(text, pos, m.end())
            if e > s:
                out.append(Sentence(s, e))
        pos = m.end()
    if pos < end:
        s, e = _trim(text, pos, end)
        if e > s:
            out.append(Sentence(s, e))
    return tuple(out)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
