"""Bad input: one line with a code and what to do; batch work goes on; never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import variants
from duixian.cli import app, sample_path
from duixian.errors import DuixianError
from duixian.pipeline import clean_file

runner = CliRunner()


def _blank_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)  # a drawing but no text: like a scan
    c.showPage()
    c.save()
    return path


def _cases(tmp: Path) -> dict[str, tuple[Path, str]]:
    text = sample_path().read_text(encoding="utf-8")
    good_docx = variants.docx_file(text, tmp / "good.docx")
    good_pdf = variants.pdf_file(text, tmp / "good.pdf")
    broken_docx = tmp / "broken.docx"
    broken_docx.write_bytes(good_docx.read_bytes()[: good_docx.stat().st_size // 2])
    truncated_pdf = tmp / "truncated.pdf"
    truncated_pdf.write_bytes(good_pdf.read_bytes()[:400])
    zip_not_docx = tmp / "sheet.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<x/>")
    zip_not_docx.write_bytes(buf.getvalue())
    files = {
        "empty.txt": (b"", "EMPTY_FILE"),
        "blank.txt": (b"   \n\n\t ", "EMPTY_FILE"),
        "random.pdf": (bytes(range(256)) * 20, "BINARY_FILE"),
        "nul.txt": (b"data\x00\x00\x00\x01\x02\x03\xff\xfe" * 100, "BINARY_FILE"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "BINARY_FILE"),
        "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "UNKNOWN_FORMAT"),
        "slides.pptx2": (b"hello", "UNKNOWN_FORMAT"),
        "nohan.html": (b"<html><body><p>hello world</p></body></html>", "NO_REPORT_TEXT"),
        "nohan.csv": (b"a,b,c\n1,2,3\n", "NO_REPORT_TEXT"),
    }
    out = {}
    for name, (data, code) in files.items():
        p = tmp / name
        p.write_bytes(data)
        out[name] = (p, code)
    out["broken.docx"] = (broken_docx, "TRUNCATED_FILE")
    out["truncated.pdf"] = (truncated_pdf, "TRUNCATED_FILE")
    out["sheet.docx"] = (zip_not_docx, "TRUNCATED_FILE")
    out["scan.pdf"] = (_blank_pdf(tmp / "scan.pdf"), "NO_TEXT_LAYER")
    out["missing.txt"] = (tmp / "missing.txt", "NOT_FOUND")
    return out


def test_each_bad_file_raises_its_coded_error(tmp_path: Path) -> None:
    for name, (path, code) in _cases(tmp_path).items():
        with pytest.raises(DuixianError) as info:
            clean_file(path)
        assert info.value.code == code, name
        line = str(info.value)
        assert "\n" not in line and line.startswith(f"error[{code}]") and info.value.hint, line


def test_cli_reports_every_bad_file_in_one_line_and_goes_on(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    paths = [str(p) for p, _ in cases.values()] + [str(sample_path())]
    result = runner.invoke(app, ["parse", *paths])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for p, code in cases.values():
        assert any(line.startswith(f"error[{code}] {p}") for line in result.stderr.splitlines()), p
    assert "青禾区" in result.stdout  # the good file was still processed


def test_truncated_utf8_keeps_everything_before_the_cut(tmp_path: Path) -> None:
    p = tmp_path / "cut.txt"
    p.write_bytes(sample_path().read_bytes()[:-2])
    doc = clean_file(p)
    assert doc.warnings and "partial character" in doc.warnings[0]
    assert doc.text.startswith("政府工作报告")


def test_huge_file_is_refused_with_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUIXIAN_MAX_BYTES", "1000")
    with pytest.raises(DuixianError) as info:
        clean_file(sample_path())
    assert info.value.code == "TOO_LARGE"
