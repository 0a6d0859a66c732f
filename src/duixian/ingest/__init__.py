"""Ingest: a file's bytes → ``RawText`` (the text raw spans index, and the report body in it)."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

from duixian.charcount import cjk_count, latin_letter_count
from duixian.errors import (
    BinaryFileError,
    EmptyFileError,
    InputError,
    NotAFileError,
    NotAReportError,
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
    name = str(path)
    data, size = read_bytes(path)
    sha = hashlib.sha256(data).hexdigest()
    suffix = Path(path).suffix.lower()
    fmt = sniff(data, suffix, name)

    def source(encoding: str | None) -> Source:
        return Source(path=name, sha256=sha, format=fmt, encoding=encoding, size=size)

    # fmt may be refined below (a .txt holding a CSV export), so source() reads it late.

    if fmt == "pdf":
        from duixian.ingest.pdf import pdf_to_text

        text, warnings = pdf_to_text(name)
        return _report_like(RawText(source(None), text, Tracked.identity(text), (), warnings))
    if fmt == "docx":
        from duixian.ingest.docx import docx_to_text

        text, marks = docx_to_text(name, data, member_budget=max_bytes())
        return _report_like(RawText(source(None), text, Tracked.identity(text), marks))
    decoded, encoding, warnings = decode(data, path=name)
    if fmt == "html":
        from duixian.ingest.html import html_to_text

        text, more = html_to_text(decoded, path=name)
        return _report_like(RawText(source(encoding), text, Tracked.identity(text), (), warnings + more))
    if fmt == "txt" and _looks_like_csv(decoded):
        fmt = "csv"
    if fmt == "csv":
        from duixian.ingest.csvfield import report_field

        body, more = report_field(decoded, path=name)
        return _report_like(RawText(source(encoding), decoded, body, (), warnings + more))
    return _report_like(RawText(source(encoding), decoded, Tracked.identity(decoded), (), warnings))


def _regular_file(path: str | os.PathLike[str]) -> os.stat_result:
    """The file's stat, after refusing what is not a regular file (opening a pipe would block forever)."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise NotFoundError("no such file", path=name) from exc
    except NotADirectoryError as exc:  # a/b.txt where a is a file
        raise NotFoundError("no such file (a part of the path is a file, not a folder)", path=name) from exc
    except OSError as exc:  # a symlink loop, a name too long, no permission to look
        raise NotFoundError(f"the file cannot be found or opened ({exc.strerror or exc})", path=name) from exc
    if stat.S_ISDIR(st.st_mode):
        raise NotAFileError("this is a folder, not a file", path=name)
    if not stat.S_ISREG(st.st_mode):
        raise NotAFileError("not a regular file (a device, pipe or socket)", path=name)
    return st


def read_bytes(path: str | os.PathLike[str]) -> tuple[bytes, int]:
    """The file's bytes and size, the size limit checked from its stat before a byte is read.

    The read itself is bounded too: a file that grows between the stat and the read (a download still
    running, a log) is refused rather than read to whatever size it has reached."""
    name = str(path)
    limit = max_bytes()
    size = _regular_file(path).st_size
    if size == 0:
        raise EmptyFileError("the file is empty (0 bytes)", path=name)
    if size > limit:
        raise TooLargeError(f"{size} bytes is over the {limit}-byte limit", path=name)
    try:
        with open(path, "rb") as f:
            # read(n) allocates n bytes up front, so ask for what the stat promised (plus one byte, to see
            # growth), and only a growing file for the rest of the limit.
            data = f.read(size + 1)
            if len(data) > size:
                data += f.read(limit + 1 - len(data))
    except OSError as exc:
        raise NotFoundError(f"the file could not be read ({exc.strerror or exc})", path=name) from exc
    if len(data) > limit:
        raise TooLargeError(f"the file grew past the {limit}-byte limit while it was read", path=name)
    if not data:
        raise EmptyFileError("the file is empty (0 bytes)", path=name)
    return data, len(data)


def sha256_of(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of a file's bytes, streamed, or None when ``read_raw`` would refuse it unread.

    For callers that look a file up by its hash before reading it (batch ingest, uploads): hashing with
    ``Path.read_bytes()`` reads a 3 GB file whole before any limit is checked."""
    try:
        st = _regular_file(path)
    except InputError:
        return None
    if st.st_size > max_bytes():
        return None
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    except OSError:
        return None  # the reader will say why
    return h.hexdigest()


# Report-likeness at ingest, for every format.  Lenient on purpose: only a text whose letters are
# mostly Latin (an English text, source code, a web shell) is refused here, so that `duixian
# text/parse/extract` say so instead of printing an empty report.  Short Chinese excerpts pass; the
# store refuses those and texts without report evidence with the same code (store/rows.py).
MIN_CJK_SHARE = 0.3  # of Chinese characters + Latin letters, as in store/rows.py


def _report_like(raw: RawText) -> RawText:
    text = raw.body.text
    # [\u3400-\u9fff\uf900-\ufaff] and [A-Za-z] characters, counted in C (no regex scan of the text)
    cjk, latin = cjk_count(text), latin_letter_count(text)
    if cjk == 0 and latin == 0:
        raise NotAReportError("the text holds no Chinese characters and no words, only digits and signs",
                              path=raw.source.path)
    if cjk < MIN_CJK_SHARE * (cjk + latin):
        raise NotAReportError(f"the text is mostly Latin letters ({latin} letters, {cjk} Chinese characters): "
                              "an English text or source code, not a Chinese report", path=raw.source.path)
    return raw


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
