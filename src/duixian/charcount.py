"""Counts of character classes, taken by the codecs and bytes.translate in C instead of a regex scan.

A regex class scan tests every character of a 40,000-character report (0.1–0.4 ms a class); encoding
the text and deleting the bytes of a class is a few passes of C over memory.
"""

from __future__ import annotations

# The high byte of a UTF-16 code unit of U+3400–U+9FFF or U+F900–U+FAFF (the "CJK" class of the cleaner
# and of ingest).  Characters beyond the BMP are surrogate pairs, whose high bytes D8–DF are not here.
_CJK_HIGH_BYTES = bytes(range(0x34, 0xA0)) + b"\xf9\xfa"
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def cjk_count(text: str) -> int:
    """How many characters of ``text`` are in [\\u3400-\\u9fff\\uf900-\\ufaff]."""
    high = text.encode("utf-16-be", "surrogatepass")[0::2]
    return len(high) - len(high.translate(None, _CJK_HIGH_BYTES))


def ascii_count(text: str, chars: bytes) -> int:
    """How many characters of ``text`` are among the ASCII characters ``chars``."""
    ascii_ = text.encode("ascii", "ignore")
    return len(ascii_) - len(ascii_.translate(None, chars))


def latin_letter_count(text: str) -> int:
    """How many characters of ``text`` are in [A-Za-z]."""
    return ascii_count(text, _ASCII_LETTERS)
