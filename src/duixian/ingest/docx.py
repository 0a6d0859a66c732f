"""DOCX → text: body paragraphs and table cells in document order; bold lead-ins kept as marks."""

from __future__ import annotations

import zipfile

from duixian.errors import NoReportError, TooLargeError, TruncatedFileError

# A DOCX is a zip: refuse archives that inflate far beyond any real report (zip bombs).
_MAX_XML_BYTES = 200 * 1024 * 1024


def docx_to_text(path: str) -> tuple[str, tuple[tuple[str, tuple[int, int]], ...]]:
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("word/document.xml")
            if info.file_size > _MAX_XML_BYTES:
                raise TooLargeError(f"document.xml inflates to {info.file_size} bytes", path=path)
            bad = zf.testzip()
            if bad is not None:
                raise TruncatedFileError(f"damaged zip member {bad}", path=path)
    except KeyError as exc:
        raise TruncatedFileError("a zip without word/document.xml is not a DOCX", path=path) from exc
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise TruncatedFileError(f"the DOCX archive is damaged ({exc})", path=path) from exc

    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(path)
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
