"""A CSV whose field holds the report: find that field and map it back into the file's text.

A CSV may also hold a whole corpus, one report per row (a scraper's export: region, year, title,
url, date, full text).  ``report_rows`` reads every row's report field with the row's url, date and
title, for batch ingest to store each row as its own report; ``read_raw`` (one file → one text, as
``duixian text/parse/extract`` need) still reads only the longest field and says so.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

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
        warnings = (f"the CSV has {len(rows) - 1} data rows; only the longest report field was read "
                    "(`duixian ingest` stores every row as its own report)",)
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


MIN_CJK = 20  # a field with fewer Chinese characters is a label, a name or a date, not a report

# header names of the columns kept as source metadata (compared lower-cased, spaces and dashes as _)
_URL_NAMES = {"url", "source_url", "link", "href", "source", "链接", "网址", "原文链接", "来源链接", "来源网址"}
_DATE_NAMES = {"date", "publish_date", "pub_date", "published", "publish_time", "pubdate", "发布日期", "发布时间",
               "日期", "时间"}
_TITLE_NAMES = {"title", "name", "标题", "题目", "文件名", "名称"}
_URL_VALUE = re.compile(r"^https?://\S+$")
_DATE_VALUE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


@dataclass(frozen=True)
class CsvReport:
    """One row's report field and the metadata its other columns give."""

    row: int  # 1-based data row (the header, when there is one, and blank lines are not counted)
    text: str  # the field's value, CSV quoting undone
    url: str | None = None
    publish_date: str | None = None
    title: str | None = None


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").lower())


def report_rows(text: str, *, path: str | None = None) -> tuple[list[CsvReport], tuple[str, ...]]:
    """Every row that holds report text (≥ 20 Chinese characters in one field), with its url/date/title.

    The header row is recognised by holding no long Chinese field; columns are named by it (url, source_url,
    链接…; date, publish_date, 发布日期…; title, 标题…). Without a header, a field that is a URL or a date
    is taken as such.  Rows without report text are named in the warnings, not errors: a corpus export
    often has an empty or truncated row, and the other rows are still good."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise NoReportError(f"the CSV could not be parsed ({exc})", path=path) from exc
    while rows and not any(f.strip() for f in rows[0]):
        rows.pop(0)
    if not rows:
        raise NoReportError("the CSV has no rows", path=path)
    header: list[str] | None = None
    if max(len(_CJK.findall(f)) for f in rows[0]) < MIN_CJK:
        header, rows = [_key(h) for h in rows[0]], rows[1:]

    def column(names: set[str]) -> int | None:
        return next((i for i, h in enumerate(header or []) if h in names), None)

    url_col, date_col, title_col = column(_URL_NAMES), column(_DATE_NAMES), column(_TITLE_NAMES)
    out: list[CsvReport] = []
    skipped: list[int] = []
    n = 0
    for row in rows:
        if not any(f.strip() for f in row):
            continue  # a blank line between records: not a row anyone wrote, so not counted
        n += 1
        best = max(range(len(row)), key=lambda i: len(_CJK.findall(row[i])))
        if len(_CJK.findall(row[best])) < MIN_CJK:
            skipped.append(n)
            continue

        def cell(i: int | None, row: list[str] = row) -> str | None:
            return row[i].strip() or None if i is not None and i < len(row) else None

        others = [f.strip() for i, f in enumerate(row) if i != best]
        url = cell(url_col) if header else next((f for f in others if _URL_VALUE.match(f)), None)
        date = cell(date_col) if header else next((f for f in others if _DATE_VALUE.match(f)), None)
        out.append(CsvReport(row=n, text=row[best], url=url, publish_date=date,
                             title=cell(title_col) if title_col != best else None))
    if not out:
        raise NoReportError("no CSV field holds Chinese report text", path=path)
    warnings = (f"CSV rows without report text were skipped: {', '.join(map(str, skipped))}",) if skipped else ()
    return out, warnings
