"""PDF with a text layer → text, pages in order, two-column pages read column by column.

pdfplumber (on pdfminer.six) gives characters with positions.  We rebuild lines ourselves per
column so that (a) a two-column page is read left column first, then right, and (b) a line
indented from the column's margin — how Chinese documents start a paragraph — starts with
two ideographic spaces, which cleaning reads as a paragraph break.
"""

from __future__ import annotations

import statistics
from typing import Any

from duixian.errors import NoTextLayerError, TooLargeError, TruncatedFileError

MAX_PAGES = 2000
_INDENT = "\u3000\u3000"


def pdf_to_text(path: str) -> tuple[str, tuple[str, ...]]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    warnings: list[str] = []
    try:
        pdf = pdfplumber.open(path)
    except (PDFSyntaxError, ValueError, KeyError, TypeError, OSError) as exc:
        raise TruncatedFileError(f"the PDF could not be opened ({type(exc).__name__})", path=path) from exc
    except Exception as exc:  # pdfminer has no common root for damaged files
        raise TruncatedFileError(f"the PDF could not be opened ({type(exc).__name__})", path=path) from exc
    pages: list[str] = []
    try:
        with pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise TooLargeError(f"{len(pdf.pages)} pages (limit {MAX_PAGES})", path=path)
            empty = 0
            for number, page in enumerate(pdf.pages, 1):
                try:
                    chars = [c for c in page.chars if c.get("text", "").strip()]
                except Exception as exc:  # a damaged content stream on one page
                    warnings.append(f"page {number} could not be read ({type(exc).__name__})")
                    continue
                if not chars:
                    empty += 1
                    pages.append("")
                    continue
                pages.append(_page_text(chars, float(page.width)))
    except TooLargeError:
        raise
    except Exception as exc:
        raise TruncatedFileError(f"the PDF is damaged ({type(exc).__name__})", path=path) from exc
    if not any(p.strip() for p in pages):
        raise NoTextLayerError("the PDF has no text layer", path=path)
    if empty:
        warnings.append(f"{empty} page(s) without a text layer were skipped; run OCR to read them")
    return "\n".join(pages), tuple(warnings)


def _page_text(chars: list[dict[str, Any]], width: float) -> str:
    gutter = _find_gutter(chars, width)
    if gutter is None:
        return _column_text(chars)
    left = [c for c in chars if c["x1"] <= gutter]
    right = [c for c in chars if c["x0"] >= gutter]
    return _column_text(left) + "\n" + _column_text(right)


def _find_gutter(chars: list[dict[str, Any]], width: float) -> float | None:
    """An x position in the middle of the page that no character crosses, with text both sides."""
    if len(chars) < 40:
        return None
    size = statistics.median(c["x1"] - c["x0"] for c in chars) or 1.0
    lo, hi = width * 0.3, width * 0.7
    step = max(size / 2, 1.0)
    best: float | None = None
    x = lo
    while x <= hi:
        crossing = sum(1 for c in chars if c["x0"] < x < c["x1"])
        if crossing == 0:
            # the gutter must be a band at least one character wide
            band = [c for c in chars if x - size < c["x1"] and c["x0"] < x + size]
            if not band:
                best = x
                break
        x += step
    if best is None:
        return None
    left = sum(1 for c in chars if c["x1"] <= best)
    right = len(chars) - left
    if min(left, right) < 0.2 * len(chars):
        return None
    return best


def _column_text(chars: list[dict[str, Any]]) -> str:
    if not chars:
        return ""
    size = statistics.median(c["size"] for c in chars) or 10.0
    rows: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: c["top"]):
        if rows and abs(rows[-1][-1]["top"] - c["top"]) < size * 0.5:
            rows[-1].append(c)
        else:
            rows.append([c])
    margin = min(c["x0"] for c in chars)
    out: list[str] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        pieces: list[str] = []
        prev: dict[str, Any] | None = None
        for c in row:
            if prev is not None and c["x0"] - prev["x1"] > size * 0.6:
                pieces.append(" ")
            pieces.append(c["text"])
            prev = c
        line = "".join(pieces)
        if row[0]["x0"] - margin > size * 1.5:
            line = _INDENT + line
        out.append(line)
    return "\n".join(out)
