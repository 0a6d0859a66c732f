"""Bytes → str for text-like files: BOMs, UTF-8, UTF-16 without BOM, GB18030/GBK, Big5.

Damage is not a reason to lose a report: a NUL byte or a few stray bytes in an otherwise readable
file are replaced with U+FFFD and named in a warning.  Only when the evidence says the file is not
text at all (NULs and invalid bytes throughout, control characters everywhere) is it refused.
"""

from __future__ import annotations

import re

import charset_normalizer

from duixian.charcount import ascii_count
from duixian.errors import BinaryFileError, EmptyFileError, EncodingError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])  # _CONTROL's characters
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# What a Chinese report is written with: ASCII, Latin-1 signs (·×°), Greek and Cyrillic letters,
# punctuation, letterlike and number forms, arrows, maths, shapes (—“”… ℃ Ⅰ ① ≥ ■ ★), CJK symbols
# and punctuation, kana, CJK ideographs, vertical forms, full-width forms.
_PLAUSIBLE = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u0370-\u04ff\u2000-\u27bf\u3000-\u30ff"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
UTF16_PLAUSIBLE = 0.9  # byte-swapped or misread text scores well under this (about 0.45 at best)
MAX_DAMAGE_SHARE = 0.05  # replaced characters per non-ASCII character for a damaged file to be kept
_NUL_RUN = re.compile(rb"\x00+")


def decode(data: bytes, *, path: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Return (text without BOM, encoding name, warnings)."""
    if not data.strip():
        raise EmptyFileError("the file is empty", path=path)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            codec = enc.replace("-sig", "")
            text, notes = _lenient(data[len(bom) :], codec, path, declared=f"declared {codec} by its BOM")
            return _check(text, path), codec + "-bom", notes
    utf16 = _utf16_without_bom(data)
    if utf16:
        text, notes = _lenient(data, utf16, path, declared=f"read as {utf16} (no BOM)")
        return _check(text, path), utf16, notes
    warnings: list[str] = []
    runs = len(_NUL_RUN.findall(data)) if b"\x00" in data else 0
    if not runs:
        text, encoding, more = _decode_8bit(data, path)
        return _check(text, path), encoding, more
    # A NUL or two in a text (a damaged download, a copy from a broken editor) is damage; NULs all
    # through the file mean it is binary.  One run per 2 KB is far more than damage ever leaves.
    if runs > max(2, len(data) // 2048):
        raise BinaryFileError("the file holds NUL bytes throughout, so it is not text", path=path)
    # The encoding is judged on the bytes without the NULs; each stretch between them is then decoded
    # on its own, so a NUL run becomes one U+FFFD where it was.
    pieces = _NUL_RUN.split(data)
    _, encoding, more = _decode_8bit(b"".join(pieces), path)
    text = "\ufffd".join(piece.decode(encoding, errors="replace") for piece in pieces)
    warnings.append(f"{runs} run(s) of NUL bytes (damage) were replaced with U+FFFD")
    return _check(text, path), encoding, (*warnings, *more)


def _decode_8bit(data: bytes, path: str | None) -> tuple[str, str, tuple[str, ...]]:
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # A file cut inside its last character: keep everything before it.
            warnings = ("the file ends inside a UTF-8 character; the partial character was dropped",)
            try:
                return data[: exc.start].decode("utf-8"), "utf-8", warnings
            except UnicodeDecodeError:
                pass  # damaged elsewhere too: judged below
    damaged = _mostly_utf8(data)
    if damaged is not None:
        return damaged
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        damaged = _mostly_legacy(data)
        if damaged is not None:
            return damaged
        raise EncodingError("the text encoding could not be recognised", path=path)
    text = str(best)
    encoding = best.encoding.replace("_", "-")
    if encoding in {"gb2312", "gbk"}:
        encoding = "gb18030"  # a superset; charset-normalizer may name the narrower one
    return text, encoding, ()


def _mostly_utf8(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """UTF-8 with a few damaged stretches: the text with U+FFFD for them, or None when it is not UTF-8.

    The evidence is the share of non-ASCII characters that decode: stray bytes in a UTF-8 report leave
    thousands of good characters and a few dozen bad; GB18030 or Big5 read as UTF-8 is mostly bad."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if bad <= 0 or good < 20 or bad > MAX_DAMAGE_SHARE * good:
        return None
    first = text.index("\ufffd")
    return text, "utf-8", (f"{bad} damaged byte(s) were replaced with U+FFFD (the first at character {first})",)


# The 300 most frequent characters of Chinese text, simplified and traditional forms: correctly decoded
# reports are made of them, mojibake (Big5 read as GB18030 or back) mostly is not.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"
    "种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业"
    "本去把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但"
    "质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品"
    "式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先"
    "回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改"
    "清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话"
    "這個為們時來國會對發動經濟進與實現業產體過還區開總務應將導組織農點設術據變當單範價資環質場條廣鄉鎮縣"
    "，。、；：“”（）《》"
)


def _mostly_legacy(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """GB18030 or Big5 with a few damaged bytes, which charset-normalizer refuses outright.

    Each is decoded with replacement; one qualifies when under 5% of its characters are replaced, and
    the one whose text is most made of common Chinese characters wins."""
    best: tuple[float, str, str, int] | None = None
    for codec in ("gb18030", "big5"):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        wide = len(text) - len(text.encode("ascii", "ignore"))
        if not bad or bad > MAX_DAMAGE_SHARE * max(wide, 1):
            continue
        score = sum(1 for c in text[:20000] if c in _COMMON) / max(1, min(wide, 20000))
        if score >= 0.2 and (best is None or score > best[0]):
            best = (score, codec, text, bad)
    if best is None:
        return None
    _, codec, text, bad = best
    return text, codec, (f"{bad} damaged character(s) were replaced with U+FFFD "
                         f"(the first at character {text.index(chr(0xFFFD))})",)


def _lenient(data: bytes, codec: str, path: str | None, *, declared: str) -> tuple[str, tuple[str, ...]]:
    """Decode in a known encoding, replacing a few damaged code units; refuse when most are damaged."""
    warnings: list[str] = []
    unit = 4 if "32" in codec else 2 if "16" in codec else 1
    if len(data) % unit:
        data = data[: len(data) - len(data) % unit]
        warnings.append(f"the file ends inside a {codec} character; the partial character was dropped")
    try:
        return data.decode(codec), tuple(warnings)
    except UnicodeDecodeError as exc:
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if bad > MAX_DAMAGE_SHARE * max(len(text), 1):
            raise EncodingError(f"{declared} but does not decode ({exc.reason})", path=path) from exc
        warnings.append(f"{bad} damaged character(s) were replaced with U+FFFD "
                        f"(the first at character {text.index(chr(0xFFFD))})")
        return text, tuple(warnings)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes are UTF-16 text without a BOM, judged by evidence.

    First, NUL bytes: UTF-16 text holds them as the high byte of every ASCII character (digits, line
    breaks) and the low byte of characters such as 一 (U+4E00), at least 0.5% of code units in every
    report of the corpus; a run of three or more is damage or padding, not text, and is not counted.
    Then the decision: decoded that way, are 90% of the characters what reports are written with (CJK,
    ASCII, punctuation)?  Read the wrong way round CJK text scores about 45%, binary data about 35%.
    ASCII text read as UTF-16 would score high too, which is why the NUL evidence must come first.
    English in UTF-16 scores high both ways; the side that holds the NULs (high bytes) breaks the tie."""
    sample = data[: 1 << 16]
    sample = sample[: len(sample) // 2 * 2]
    units = len(sample) // 2
    if units < 2 or b"\x00" not in sample:
        return None
    zeros = [0, 0]  # at even, odd positions
    for run in _NUL_RUN.finditer(sample):
        if run.end() - run.start() <= 2:
            for pos in range(run.start(), run.end()):
                zeros[pos % 2] += 1
    if sum(zeros) < max(8, 0.005 * units):
        return None
    best: tuple[float, bool, str] | None = None
    for codec, high, low in (("utf-16-le", zeros[1], zeros[0]), ("utf-16-be", zeros[0], zeros[1])):
        text = sample.decode(codec, errors="replace")
        score = len(_PLAUSIBLE.findall(text)) / max(len(text), 1)
        candidate = (round(score, 2), high > low, codec)
        if score >= UTF16_PLAUSIBLE and (best is None or candidate > best):
            best = candidate
    return best[2] if best else None


def _check(text: str, path: str | None) -> str:
    if not text.strip():
        raise EmptyFileError("the file holds only white space", path=path)
    sample = text[:20000]
    if ascii_count(sample, _CONTROL_BYTES) > max(8, len(sample) // 50):  # len(_CONTROL.findall(sample)), in C
        raise BinaryFileError("the file is mostly control characters, so it is not text", path=path)
    return text
