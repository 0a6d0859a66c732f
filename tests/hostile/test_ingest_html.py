"""HTML nested deeper than libxml2 reads (256 levels) still yields its text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from duixian.cli import sample_path
from duixian.errors import DuixianError
from duixian.ingest import read_raw


def nested(depth: int, body: str) -> str:
    return ("<html><head><script>var x = '脚本不是正文';</script></head><body>" + "<div>" * depth
            + "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
            + "</div>" * depth + "</body></html>")


@pytest.mark.parametrize("depth", [300, 5000, 100_000])
def test_deeply_nested_page_keeps_its_text(tmp_path: Path, depth: int) -> None:
    text = sample_path().read_text(encoding="utf-8")
    path = tmp_path / "deep.html"
    path.write_text(nested(depth, text), encoding="utf-8")
    t0 = time.perf_counter()
    raw = read_raw(path)
    assert time.perf_counter() - t0 < 10
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert all(line in raw.text for line in lines)
    assert "脚本不是正文" not in raw.text
    assert any("deeper" in w for w in raw.warnings), raw.warnings


def test_a_deep_page_without_chinese_text_says_so(tmp_path: Path) -> None:
    path = tmp_path / "deep-en.html"
    path.write_text(nested(400, "hello world\nnothing here"), encoding="utf-8")
    with pytest.raises(DuixianError) as info:
        read_raw(path)
    assert info.value.code == "NO_REPORT_TEXT"


def test_character_references_xml_cannot_hold_do_not_crash(tmp_path) -> None:
    # found by tools/fuzz.py: &#0; and &#x110000; written without their semicolons reached lxml's tree
    # and made drop_tree raise ValueError
    from duixian.pipeline import extract_file

    page = tmp_path / "p.html"
    page.write_text("<html><body><style>p{}</style>&#0;0;&#12&nbs&#x110000;;<p>今年全县地区生产总值增长7%左右。"
                    "各位代表，主要预期目标是：固定资产投资增长8%。</p></body></html>", encoding="utf-8")
    x = extract_file(page)
    assert "地区生产总值" in x.sd.text
