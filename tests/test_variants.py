"""The same report in every supported format and mess cleans to the same text."""

from __future__ import annotations

from pathlib import Path

import pytest

import variants
from duixian.cli import sample_path
from duixian.pipeline import clean_file, parse

SAMPLE = sample_path().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def expected() -> str:
    return clean_file(sample_path()).text


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


TEXT_VARIANTS = {
    "utf8.txt": lambda t: t.encode("utf-8"),
    "utf8-bom.txt": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "gb18030.txt": lambda t: t.encode("gb18030"),
    "gbk-crlf.txt": lambda t: t.replace("\n", "\r\n").encode("gbk"),
    "utf16.txt": lambda t: t.encode("utf-16"),
    "trad-utf8.txt": lambda t: variants.traditional(t).encode("utf-8"),
    "trad-big5.txt": lambda t: variants.traditional(t).encode("big5hkscs"),
    "wrapped-pages.txt": lambda t: variants.wrapped(variants.spaced_title(t)).encode("utf-8"),
    "fullwidth-crlf.txt": lambda t: variants.fullwidth_crlf(t).encode("utf-8"),
    "report.md": lambda t: variants.markdown(t).encode("utf-8"),
    "repeated.txt": lambda t: variants.repeated(t).encode("utf-8"),
    "field.csv": lambda t: variants.csv_field(t).encode("utf-8-sig"),
    "page.html": lambda t: variants.html_page(t).encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(TEXT_VARIANTS))
def test_text_variants_clean_to_same_text(tmp_path: Path, expected: str, name: str) -> None:
    path = _write(tmp_path, name, TEXT_VARIANTS[name](SAMPLE))
    assert clean_file(path).text == expected


def test_docx_cleans_to_same_text(tmp_path: Path, expected: str) -> None:
    path = variants.docx_file(SAMPLE, tmp_path / "report.docx")
    assert clean_file(path).text == expected


@pytest.mark.parametrize("columns", [1, 2])
def test_pdf_cleans_to_same_text(tmp_path: Path, expected: str, columns: int) -> None:
    path = variants.pdf_file(SAMPLE, tmp_path / f"report-{columns}col.pdf", columns=columns)
    assert clean_file(path).text == expected


def test_variants_keep_metadata(tmp_path: Path) -> None:
    base = parse(sample_path()).report
    for name in ("trad-big5.txt", "wrapped-pages.txt", "field.csv"):
        path = _write(tmp_path, name, TEXT_VARIANTS[name](SAMPLE))
        assert parse(path).report == base, name


def test_one_line_report_is_split_at_sections(tmp_path: Path) -> None:
    path = _write(tmp_path, "oneline.txt", SAMPLE.replace("\n", ""))
    sd = parse(path)
    numbers = [s.number for s in sd.sections if s.number]
    assert "二、" in numbers and "三、" in numbers
    assert sd.report.report_year == 2025
