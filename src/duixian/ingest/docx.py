"""DOCX → text: body paragraphs and table cells in document order; bold lead-ins kept as marks.

A DOCX is a zip, and a zip can lie: a 0.5 MB file may inflate to gigabytes (a zip bomb), and its
declared sizes may be false.  python-docx and lxml read every part whole, so before they see the
archive we inflate each part once, streaming, with a byte budget per part and in total and a
compression-ratio check, and refuse as soon as a budget is crossed.  The same pass finds damaged
archives (bad CRC, broken deflate data, unsupported zip features) and names them as input errors.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from duixian.errors import ArchiveBombError, NoReportError, TruncatedFileError

_CHUNK = 1 << 20
# Real DOCX parts inflate 3–30×: XML repeats itself, pictures are already compressed.  Above this ratio,
# and past a floor that leaves small repetitive parts (styles, numbering) alone, a part is a bomb.
MAX_RATIO = 200
RATIO_FLOOR = 8 * 1024 * 1024
MAX_MEMBERS = 10_000  # a long report with many pictures has a few hundred parts
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error)


def check_archive(zf: zipfile.ZipFile, path: str, member_budget: int) -> None:
    """Inflate every part once, without keeping it; raise a coded error on a bomb or damage.

    Limits: ``member_budget`` inflated bytes per part (the same limit as for a whole plain file),
    four times that in total, and ``MAX_RATIO`` inflated bytes per compressed byte past ``RATIO_FLOOR``.
    The declared sizes are checked first (free); the streamed count is what holds, as they can lie."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ArchiveBombError(f"the archive has {len(infos)} parts (limit {MAX_MEMBERS})", path=path)
    total_budget = 4 * member_budget
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        allowed = min(member_budget, max(RATIO_FLOOR, MAX_RATIO * info.compress_size))
        if info.file_size > allowed:
            raise ArchiveBombError(_bomb_message(info, info.file_size, member_budget), path=path)
        seen = 0
        with zf.open(info) as part:  # ZipExtFile.read(n) inflates at most about n bytes at a time
            while chunk := part.read(_CHUNK):
                seen += len(chunk)
                if seen > allowed:
                    raise ArchiveBombError(_bomb_message(info, seen, member_budget, streamed=True), path=path)
        total += seen
        if total > total_budget:
            raise ArchiveBombError(f"its parts inflate to more than {total_budget} bytes in total", path=path)


def _bomb_message(info: zipfile.ZipInfo, size: int, budget: int, *, streamed: bool = False) -> str:
    verb = "inflates to more than" if streamed else "declares"
    ratio = size / max(info.compress_size, 1)
    why = f"over the {budget}-byte limit" if size > budget else f"{ratio:.0f}× its compressed size"
    return f"{info.filename} {verb} {size} bytes ({why})"


def _damaged(exc: BaseException, path: str) -> TruncatedFileError:
    """A zip-level failure as an input error: what broke, and what to do about it."""
    if isinstance(exc, NotImplementedError):  # "zip file version 9.9", "That compression method is not supported"
        return TruncatedFileError(
            f"the DOCX archive uses a zip feature that cannot be read ({exc})", path=path,
            hint="open it in Word or LibreOffice and save it again as .docx",
        )
    if isinstance(exc, RuntimeError) and "password" in str(exc):
        return TruncatedFileError(
            "the DOCX archive is password-protected", path=path,
            hint="save the document without a password and try again",
        )
    detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return TruncatedFileError(f"the DOCX archive is damaged ({detail})", path=path)


def docx_to_text(
    path: str, data: bytes | None = None, *, member_budget: int = 64 * 1024 * 1024
) -> tuple[str, tuple[tuple[str, tuple[int, int]], ...]]:
    """``data``: the file's bytes when the caller has read them already (checked once, parsed from memory)."""
    source: str | io.BytesIO = io.BytesIO(data) if data is not None else path
    try:
        with zipfile.ZipFile(source) as zf:
            zf.getinfo("word/document.xml")
            check_archive(zf, path, member_budget)
    except KeyError as exc:
        raise TruncatedFileError("a zip without word/document.xml is not a DOCX", path=path) from exc
    except (NotImplementedError, RuntimeError, *_DAMAGE) as exc:
        raise _damaged(exc, path) from exc
    if isinstance(source, io.BytesIO):
        source.seek(0)

    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(source)
    except Exception as exc:  # python-docx raises bare lxml/zip/KeyError types on damaged files
        raise TruncatedFileError(f"the DOCX could not be read ({type(exc).__name__})", path=path) from exc

    lines: list[str] = []
    marks: list[tuple[str, tuple[int, int]]] = []
    pos = 0

    def add_paragraph(par: Paragraph) -> None:
        nonlocal pos
        text = par.text
        lead = 0
        for run in par.runs:
            if run.bold and run.text:
                lead += len(run.text)
            else:
                break
        if 0 < lead < len(text) or (lead and lead == len(text) and len(text) <= 40):
            marks.append(("bold", (pos, pos + lead)))
        lines.append(text)
        pos += len(text) + 1

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            add_paragraph(Paragraph(child, document))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [c.text.strip() for c in row.cells]
                line = " | ".join(c for c in cells if c)
                lines.append(line)
                pos += len(line) + 1
    text = "\n".join(lines)
    if not text.strip():
        raise NoReportError("the DOCX holds no text", path=path)
    return text, tuple(marks)
