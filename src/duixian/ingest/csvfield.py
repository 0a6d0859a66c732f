"""A CSV whose field holds the report: find that field and map it back into the file's text."""

from __future__ import annotations

import csv
import io
import re

from duixian.errors import NoReportError
from duixian.offsets import Edit, Tracked

_CJK = re.compile(r"[\u4e00-\u9fff]")
csv.field_size_limit(1 << 30)


def report_field(text: str, *, path: str | None = None) -> tuple[Tracked, tuple[str, ...]]:
    """The field with the most Chinese text, as a Tracked view into ``text``."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise NoReportError(f"the CSV could not be parsed ({exc})", path=path) from exc
    best = max((f for row in rows for f in row), key=lambda f: len(_CJK.findall(f)), default="")
    if len(_CJK.findall(best)) < 20:
        raise NoReportError("no CSV field holds Chinese report text", path=path)
    warnings: tuple[str, ...] = ()
    if len(rows) > 2:
        warnings = (f"the CSV has {len(rows) - 1} data rows; only the longest report field was read",)
    escaped = best.replace('"', '""')
    pos = text.find('"' + escaped + '"')
    if pos >= 0:
        pos += 1
        view = Tracked.identity(escaped, pos)
        doubled = [Edit(m.start() + 1, m.end(), "") for m in re.finditer('""', escaped)]
        return view.apply(doubled), warnings
    pos = text.find(best)
    if pos < 0:
        raise NoReportError("the report field could not be located in the file", path=path)
    return Tracked.identity(best, pos), warnings
