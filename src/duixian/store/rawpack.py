"""A report's raw text stored compressed against its clean text (``reports.raw_z``, migration 0007).

The raw text is read rarely (raw spans, re-extraction in reload.py) and is mostly the clean text again: the
cleaner changes whitespace, line breaks, full-width forms and page furniture, not the words. So it is
deflated with the clean text as zlib's preset dictionary: a run the clean text already has costs a back
reference, not its bytes. A preset dictionary reaches 32 KB back, so the raw text is deflated in chunks,
each with the part of the clean text at the same relative position as its dictionary; on the synthetic
corpus this takes a raw text from 26 KB to under 7 KB (plain zlib: 11.6 KB; docs/store.md).

Format 1: ``b"\\x01"``, the raw text's UTF-8 length (4 bytes, big-endian), then per chunk its deflated
length (4 bytes) and its zlib stream. Every input is kept exactly: ``unpack(pack(raw, clean), clean) == raw``
for any two strings; a text with no clean counterpart (an HTML page) just compresses like plain zlib.
Migration 0007 holds a frozen copy of ``pack``; ``unpack`` must read every format ever written.
"""

from __future__ import annotations

import struct
import zlib

FORMAT = 1
CHUNK = 16384  # raw bytes per zlib stream
WINDOW = 32768  # zlib's largest window, and so the most of a preset dictionary it can use
LEVEL = 6


def _dictionary(clean: bytes, offset: int, raw_len: int) -> bytes:
    """The clean text around the position that corresponds to raw byte ``offset``: a quarter of the window
    before it (a chunk boundary rarely falls where the two texts align exactly), the rest after."""
    if not clean:
        return b""
    at = offset * len(clean) // max(raw_len, 1)
    start = max(0, min(at - WINDOW // 4, len(clean) - WINDOW))
    return clean[start: start + WINDOW]


def pack(raw: str, clean: str) -> bytes:
    data, ref = raw.encode("utf-8"), clean.encode("utf-8")
    out = [bytes([FORMAT]), struct.pack(">I", len(data))]
    for off in range(0, len(data), CHUNK):
        zdict = _dictionary(ref, off, len(data))
        co = zlib.compressobj(LEVEL, zdict=zdict) if zdict else zlib.compressobj(LEVEL)
        z = co.compress(data[off: off + CHUNK]) + co.flush()
        out += [struct.pack(">I", len(z)), z]
    return b"".join(out)


def unpack(blob: bytes, clean: str) -> str:
    """The raw text packed with this clean text (the one stored in the same row)."""
    blob = bytes(blob)  # PostgreSQL's driver gives a memoryview
    if not blob or blob[0] != FORMAT:
        raise ValueError(f"unknown raw text format {blob[:1]!r}")
    (n,) = struct.unpack_from(">I", blob, 1)
    ref = clean.encode("utf-8")
    parts, pos = [], 5
    for off in range(0, n, CHUNK):
        (size,) = struct.unpack_from(">I", blob, pos)
        pos += 4
        zdict = _dictionary(ref, off, n)
        do = zlib.decompressobj(zdict=zdict) if zdict else zlib.decompressobj()
        parts.append(do.decompress(blob[pos: pos + size]) + do.flush())
        pos += size
    data = b"".join(parts)
    if len(data) != n or pos != len(blob):
        raise ValueError("raw text damaged: its length does not match")
    return data.decode("utf-8")
