"""Encodings under damage: UTF-16 without a BOM by evidence; NULs and stray bytes replaced and warned;
binary files still refused."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from duixian.cli import sample_path
from duixian.errors import DuixianError
from duixian.ingest import read_raw
from duixian.ingest.decode import decode

CORPUS_RAW = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "raw"


def reports() -> list[tuple[str, str]]:
    """The bundled sample and, when the corpus is beside the checkout, every corpus report."""
    out = [("sample", sample_path().read_text(encoding="utf-8"))]
    if CORPUS_RAW.is_dir():
        # a leading U+FEFF would be encoded as a BOM, which is not the case under test
        out += [(p.name, p.read_text(encoding="utf-8").lstrip("\ufeff")) for p in sorted(CORPUS_RAW.glob("*.txt"))]
    return out


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_reads_every_report(codec: str) -> None:
    """Reports with little ASCII put as many NULs on the low side (一 is U+4E00) as on the high side, so
    the side alone cannot decide; the decoded text does."""
    failed = []
    for name, text in reports():
        try:
            got, encoding, warnings = decode(text.encode(codec))
        except DuixianError as exc:
            failed.append(f"{name}: {exc.code}")
            continue
        if (got, encoding, warnings) != (text, codec, ()):
            failed.append(f"{name}: read as {encoding}")
    assert not failed, failed


def test_utf16_without_bom_through_read_raw(tmp_path: Path) -> None:
    text = sample_path().read_text(encoding="utf-8")
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        raw = read_raw(path)
        assert raw.text == text and raw.source.encoding == codec


def _sample_bytes() -> tuple[str, bytes]:
    text = sample_path().read_text(encoding="utf-8")
    return text, text.encode("utf-8")


def _boundary(data: bytes, pos: int) -> int:
    while data[pos] & 0xC0 == 0x80:  # not inside a UTF-8 character
        pos += 1
    return pos


@pytest.mark.parametrize("nuls", [1, 4096])
def test_a_nul_run_in_a_report_is_replaced_and_warned(tmp_path: Path, nuls: int) -> None:
    """One NUL (a broken editor) or a 4 KB block of them (a download with a hole) no longer loses the report."""
    text, data = _sample_bytes()
    cut = _boundary(data, len(data) // 2)
    path = tmp_path / "nul.txt"
    path.write_bytes(data[:cut] + b"\x00" * nuls + data[cut:])
    raw = read_raw(path)
    head = data[:cut].decode()
    assert raw.text == head + "\ufffd" + text[len(head) :]
    assert any("NUL" in w for w in raw.warnings), raw.warnings


@pytest.mark.parametrize("codec", ["gb18030", "utf-8"])
def test_twenty_stray_bytes_keep_the_report(tmp_path: Path, codec: str) -> None:
    text = sample_path().read_text(encoding="utf-8")
    data = bytearray(text.encode(codec))
    rng = random.Random(7)
    for pos in rng.sample(range(len(data)), 20):
        data[pos] = rng.choice([0x80, 0xFF, 0xC0, 0xFE])
    path = tmp_path / f"stray-{codec}.txt"
    path.write_bytes(bytes(data))
    raw = read_raw(path)
    assert raw.source.encoding == codec
    assert 0 < raw.text.count("\ufffd") <= 60 and any("U+FFFD" in w for w in raw.warnings)
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    assert len([c for c in raw.text if "\u4e00" <= c <= "\u9fff"]) >= len(cjk) - 40  # at most 2 per stray byte


def test_a_bom_file_with_damage_keeps_the_report(tmp_path: Path) -> None:
    _, data = _sample_bytes()
    cut = _boundary(data, len(data) // 3)
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + data[:cut] + b"\xff\xfe\xff" + data[cut:])
    raw = read_raw(path)
    assert raw.source.encoding == "utf-8-bom" and "\ufffd" in raw.text and raw.warnings


def test_ascii_text_with_a_nul_is_not_misread_as_utf16(tmp_path: Path) -> None:
    """ASCII pairs read as UTF-16 land in the CJK block: without the NUL evidence an English file with a
    stray NUL would come out as a page of Chinese nonsense."""
    path = tmp_path / "en.txt"
    path.write_bytes(b"Report on the Work of the Government, delivered at the Session.\n" * 40 + b"\x00" + b"end\n")
    with pytest.raises(DuixianError) as info:
        read_raw(path)
    assert info.value.code == "NOT_A_REPORT"


def test_binary_files_are_still_binary(tmp_path: Path) -> None:
    rng = random.Random(3)
    cases = {
        "random.txt": bytes(rng.randrange(256) for _ in range(100_000)),
        "structs.txt": b"".join(i.to_bytes(4, "little") + b"\x00\x00\x07\x00" for i in range(20_000)),
        "nul.txt": b"data\x00\x00\x00\x01\x02\x03\xff\xfe" * 100,
        "sparse-ish.txt": b"\x00" * 10_000 + b"x" * 10 + b"\x00" * 10_000 + b"y",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(DuixianError) as info:
            read_raw(path)
        assert info.value.code in {"BINARY_FILE", "NOT_A_REPORT"}, (name, str(info.value))
        if name != "sparse-ish.txt":
            assert info.value.code == "BINARY_FILE", (name, str(info.value))
