"""Report-likeness at ingest for every format: an English text or a script is a coded error from
`duixian text/parse/extract` too, not an empty report; real excerpts are still read."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.hostile.hostile_measure import run_cli

from duixian.cli import sample_path
from duixian.errors import DuixianError
from duixian.ingest import read_raw

ENGLISH = ("Report on the Work of the Government. Delivered at the Third Session of the 14th National People's "
           "Congress. In 2024 the gross domestic product grew by 5 percent and 12.56 million urban jobs were "
           "added; we will keep growth at around 5 percent in 2025.\n") * 20
SHELL = '<?php @eval($_POST["cmd"]); if (isset($_GET["c"])) { system($_GET["c"]); } // 后门 ?>\n' * 10


def _docx(path: Path, text: str) -> Path:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    d.save(str(path))
    return path


def _cases(tmp: Path) -> dict[str, Path]:
    files = {"english.txt": ENGLISH, "english.md": "# Report\n\n" + ENGLISH, "shell.php.txt": SHELL,
             "digits.txt": "12345 67890 3.14 %% -- ==\n" * 20}
    out = {}
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
        out[name] = tmp / name
    out["english.docx"] = _docx(tmp / "english.docx", ENGLISH)
    return out


def test_text_without_chinese_report_text_is_not_a_report(tmp_path: Path) -> None:
    for name, path in _cases(tmp_path).items():
        with pytest.raises(DuixianError) as info:
            read_raw(path)
        assert info.value.code == "NOT_A_REPORT", (name, str(info.value))


@pytest.mark.parametrize("command", ["extract", "parse"])
def test_extract_and_parse_give_one_coded_line_each(tmp_path: Path, command: str) -> None:
    paths = [str(p) for p in _cases(tmp_path).values()]
    p = run_cli(command, *paths)
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 1 and len(lines) == len(paths), p.stderr
    assert all(line.startswith("error[NOT_A_REPORT]") for line in lines), p.stderr


def test_real_excerpts_and_reports_with_english_terms_are_still_read(tmp_path: Path) -> None:
    excerpts = {
        "short.txt": "2024年全市地区生产总值增长5%左右。\n",
        "terms.txt": "全年GDP增长5.2%，PM2.5平均浓度下降到30微克/立方米，5G基站新增1.2万个，R&D投入强度达到2.6%。\n",
        "sample.txt": sample_path().read_text(encoding="utf-8"),
    }
    for name, text in excerpts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert read_raw(path).text == text
    assert run_cli("extract", str(tmp_path / "short.txt")).returncode == 0
