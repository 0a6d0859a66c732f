"""Ingest: a file's bytes → ``RawText`` (the text raw spans index, and the report body in it)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from duixian.errors import (
    BinaryFileError,
    EmptyFileError,
    NotFoundError,
    TooLargeError,
    UnknownFormatError,
)
from duixian.ingest.decode import decode
from duixian.model import RawText, Source
from duixian.offsets import Tracked

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}

_MAGIC_BINARY = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)


def max_bytes() -> int:
    try:
        return int(os.environ.get("DUIXIAN_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def read_raw(path: str | os.PathLike[str]) -> RawText:
    p = Path(path)
    name = str(path)
    if not p.is_file():
        raise NotFoundError("no such file", path=name)
    size = p.stat().st_size
    if size == 0:
        raise EmptyFileError("the file is empty (0 bytes)", path=name)
    if size > max_bytes():
        raise TooLargeError(f"{size} bytes is over the {max_bytes()}-byte limit", path=name)
    data = p.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    fmt = sniff(data, suffix, name)

    def source(encoding: str | None) -> Source:
        return Source(path=name, sha256=sha, format=fmt, encoding=encoding, size=size)

    # fmt may be refined below (a .txt holding a CSV export), so source() reads it late.

    if fmt == "pdf":
        from duixian.ingest.pdf import pdf_to_text

        text, warnings = pdf_to_text(name)
        return RawText(source(None), text, Tracked.identity(text), (), warnings)
    if fmt == "docx":
        from duixian.ingest.docx import docx_to_text

        text, marks = docx_to_text(name)
        return RawText(source(None), text, Tracked.identity(text), marks)
    decoded, encoding, warnings = decode(data, path=name)
    if fmt == "html":
        from duixian.ingest.html import html_to_text

        text, more = html_to_text(decoded, path=name)
        return RawText(source(encoding), text, Tracked.identity(text), (), warnings + more)
    if fmt == "txt" and _looks_like_csv(decoded):
        fmt = "csv"
    if fmt == "csv":
        from duixian.ingest.csvfield import report_field

        body, more = report_field(decoded, path=name)
        return RawText(source(encoding), decoded, body, (), warnings + more)
    return RawText(source(encoding), decoded, Tracked.identity(decoded), (), warnings)


_CSV_HEADER = re.compile(r"^\ufeff?[A-Za-z_][\w ]*(?:,[A-Za-z_][\w ]*){2,}\r?$")


def _looks_like_csv(text: str) -> bool:
    """A .txt that is really a CSV export: an identifier header row and a quoted multi-line field."""
    first = text[:300].split("\n", 1)[0]
    return bool(_CSV_HEADER.match(first)) and ',"' in text[:5000]


def sniff(data: bytes, suffix: str, name: str) -> str:
    """The format by content first, file name second."""
    head = data[:8]
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix in {".docx", ".docm", ""} or b"word/" in data[:65536]:
            return "docx"
        raise UnknownFormatError(f"a zip archive ({suffix or 'no suffix'}) that is not a DOCX", path=name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnknownFormatError(
            "an old binary Office file (.doc/.xls)", path=name, hint="open it and save as .docx, then try again"
        )
    for magic, what in _MAGIC_BINARY:
        if head.startswith(magic):
            hint = "run OCR first and give duixian the text" if "image" in what else None
            raise BinaryFileError(f"this is {what}, not a report", path=name, hint=hint)
    if suffix in {".pdf", ".docx"}:
        raise BinaryFileError(
            f"named {suffix} but the content is not a {suffix[1:].upper()} file", path=name,
            hint="the file is damaged or mislabelled; download or export it again",
        )
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix == ".csv":
        return "csv"
    if suffix in TEXT_SUFFIXES:
        lead = data[:512].lstrip().lower()
        if lead.startswith((b"<!doctype html", b"<html")):
            return "html"
        return "md" if suffix in {".md", ".markdown"} else "txt"
    raise UnknownFormatError(f"unknown file type {suffix!r}", path=name)
