"""Bytes → str for text-like files: BOMs, UTF-8, UTF-16 without BOM, GB18030/GBK, Big5."""

from __future__ import annotations

import re

import charset_normalizer

from duixian.errors import BinaryFileError, EmptyFileError, EncodingError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def decode(data: bytes, *, path: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Return (text without BOM, encoding name, warnings)."""
    if not data.strip():
        raise EmptyFileError("the file is empty", path=path)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return _check(body.decode(enc.replace("-sig", "")), path), enc.replace("-sig", "") + "-bom", ()
            except UnicodeDecodeError as exc:
                raise EncodingError(f"declared {enc} by its BOM but does not decode ({exc.reason})", path=path) from exc
    warnings: tuple[str, ...] = ()
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _check(data.decode(utf16, errors="replace"), path), utf16, ()
    if b"\x00" in data:
        raise BinaryFileError("the file holds NUL bytes, so it is not text", path=path)
    try:
        return _check(data.decode("utf-8"), path), "utf-8", ()
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # A file cut inside its last character: keep everything before it.
            warnings = ("the file ends inside a UTF-8 character; the partial character was dropped",)
            return _check(data[: exc.start].decode("utf-8"), path), "utf-8", warnings
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise EncodingError("the text encoding could not be recognised", path=path)
    text = str(best)
    encoding = best.encoding.replace("_", "-")
    if encoding in {"gb2312", "gbk"}:
        encoding = "gb18030"  # a superset; charset-normalizer may name the narrower one
    return _check(text, path), encoding, warnings


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII-heavy UTF-16 puts NULs on one side; CJK-heavy UTF-16 has few NULs, so also try
    # a strict decode when the byte count is even and the result is mostly CJK.
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    if len(data) % 2 == 0 and b"\n\x00" in data and b"\x00\x00" not in data:
        try:
            text = data.decode("utf-16-le")
        except UnicodeDecodeError:
            return None
        if len(_CJK.findall(text)) > 0.3 * len(text):
            return "utf-16-le"
    return None


def _check(text: str, path: str | None) -> str:
    if not text.strip():
        raise EmptyFileError("the file holds only white space", path=path)
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise BinaryFileError("the file is mostly control characters, so it is not text", path=path)
    return text
