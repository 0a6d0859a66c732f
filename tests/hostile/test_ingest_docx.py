"""DOCX under hostile and damaged input: zip bombs refused within 2 s and 200 MB, damaged archives coded.

The bombs are built by hand: a 1 MiB chunk is deflated once with a full flush (so its compressed
block stands alone) and the block repeated, which makes a 1 GB member in a fraction of a second
without compressing a gigabyte."""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from tests.hostile.hostile_measure import measured_read, run_cli

from duixian.errors import DuixianError
from duixian.ingest import read_raw

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
      'wordprocessingml.document.main+xml"/>'
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
      'wordprocessingml.styles+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/></Relationships>')
PARA = "<w:p><w:r><w:t>二〇二四年全市地区生产总值增长百分之五左右，城镇新增就业一万人。</w:t></w:r></w:p>"
DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'
DOC_TAIL = "</w:body></w:document>"
STYLES = f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W}/>'

Member = tuple[str, bytes, int, int, int]  # name, deflate data, crc, size, declared size


def small(name: str, text: str) -> Member:
    data = text.encode("utf-8")
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, c.compress(data) + c.flush(), zlib.crc32(data), len(data), len(data)


def huge(name: str, head: str, chunk: str, size: int, tail: str, *, declared: int | None = None) -> Member:
    """A member of about ``size`` bytes: head, chunk repeated, tail — deflated without inflating it here."""
    h, body, t = head.encode(), chunk.encode(), tail.encode()
    count = max(1, (size - len(h) - len(t)) // len(body))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(h) + c.flush(zlib.Z_FULL_FLUSH)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(body) + c.flush(zlib.Z_FULL_FLUSH)  # stands alone: no reference before it
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    last = c.compress(t) + c.flush()
    crc = zlib.crc32(h)
    for _ in range(count):
        crc = zlib.crc32(body, crc)
    crc = zlib.crc32(t, crc)
    real = len(h) + count * len(body) + len(t)
    return name, first + block * count + last, crc, real, real if declared is None else declared


def write_zip(path: Path, members: list[Member]) -> Path:
    out, central = bytearray(), bytearray()
    for name, data, crc, _size, declared in members:
        n = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), declared, len(n), 0)
        out += n + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), declared,
                               len(n), 0, 0, 0, 0, 0, offset)
        central += n
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + eocd))
    return path


def docx_with(path: Path, document: Member | None = None, styles: Member | None = None) -> Path:
    return write_zip(path, [
        small("[Content_Types].xml", CT), small("_rels/.rels", RELS), small("word/_rels/document.xml.rels", DOC_RELS),
        document or small("word/document.xml", DOC_HEAD + PARA * 3 + DOC_TAIL),
        styles or small("word/styles.xml", STYLES),
    ])


def assert_refused_fast_and_small(path: Path, code: str = "ARCHIVE_BOMB") -> dict:
    m = measured_read(path, timeout=60)
    assert m["code"] == code, m
    assert m["secs"] < 2.0 and m["rss_mb"] < 200 and m["traced_mb"] < 50, m
    assert "\n" not in m["error"] and m["error"].startswith(f"error[{code}]"), m
    return m


def test_a_well_formed_handmade_docx_is_read(tmp_path: Path) -> None:
    """The builder makes real DOCX files: without the bomb, the same archive reads."""
    raw = read_raw(docx_with(tmp_path / "ok.docx"))
    assert "地区生产总值" in raw.text and raw.source.format == "docx"


def test_document_xml_bomb_of_150_mb_is_refused(tmp_path: Path) -> None:
    bomb = huge("word/document.xml", DOC_HEAD, PARA * 8000, 150 * 2**20, DOC_TAIL)
    path = docx_with(tmp_path / "bomb.docx", document=bomb)
    assert path.stat().st_size < 1_000_000  # a small file: the size limit cannot catch it
    m = assert_refused_fast_and_small(path)
    assert "word/document.xml" in m["error"]


def test_styles_xml_bomb_of_1_gb_is_refused(tmp_path: Path) -> None:
    bomb = huge("word/styles.xml", f'<?xml version="1.0"?><w:styles {W}>', "<!-- " + "a" * 2**20 + " -->",
                2**30, "</w:styles>")
    m = assert_refused_fast_and_small(docx_with(tmp_path / "styles.docx", styles=bomb))
    assert "word/styles.xml" in m["error"]


def test_a_bomb_that_declares_a_small_size_is_stopped_while_streaming(tmp_path: Path) -> None:
    """Declared sizes can lie: a part that says 40 KB and inflates to 1 GB is stopped by the streamed count
    (or by zipfile's own size/CRC check); either way it is refused without being inflated whole."""
    bomb = huge("word/styles.xml", f'<?xml version="1.0"?><w:styles {W}>', "<!-- " + "a" * 2**20 + " -->",
                2**30, "</w:styles>", declared=40_000)
    m = measured_read(docx_with(tmp_path / "liar.docx", styles=bomb))
    assert m["code"] in {"ARCHIVE_BOMB", "TRUNCATED_FILE"} and m["secs"] < 2.0 and m["rss_mb"] < 200, m


def test_a_part_under_the_size_limit_but_far_over_the_ratio_is_refused(tmp_path: Path) -> None:
    """60 MB of document.xml from 60 KB: under the 64 MiB per-part limit, 1000× compressed.  Before the
    ratio check python-docx parsed it, far past 200 MB."""
    bomb = huge("word/document.xml", DOC_HEAD, PARA * 8000, 60 * 2**20, DOC_TAIL)
    m = assert_refused_fast_and_small(docx_with(tmp_path / "ratio.docx", document=bomb))
    assert "×" in m["error"], m


def _good_docx(tmp_path: Path) -> Path:
    import docx

    d = docx.Document()
    for i in range(300):
        d.add_paragraph(f"第{i}条：二〇二四年全市地区生产总值增长百分之五左右，城镇新增就业一万人，粮食产量稳定。")
    path = tmp_path / "good.docx"
    d.save(str(path))
    return path


def _patch_central(data: bytes, name: bytes, offset: int, value: int) -> bytes:
    """Set one byte of the central directory entry of ``name``."""
    b = bytearray(data)
    pos = b.find(b"PK\x01\x02")
    while pos >= 0:
        n = struct.unpack("<H", b[pos + 28 : pos + 30])[0]
        if bytes(b[pos + 46 : pos + 46 + n]) == name:
            b[pos + offset] = value | (b[pos + offset] if offset == 8 else 0)
        pos = b.find(b"PK\x01\x02", pos + 4)
    return bytes(b)


def _damaged(tmp_path: Path) -> dict[str, Path]:
    import zipfile

    good = _good_docx(tmp_path)
    data = good.read_bytes()
    info = zipfile.ZipFile(good).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    broken = bytearray(data)
    for i in range(start + 100, start + 140):
        broken[i] ^= 0x5A
    cases = {
        "deflate.docx": bytes(broken),  # zlib.error: invalid deflate data
        "version.docx": _patch_central(data, b"word/document.xml", 6, 99),  # "zip file version 9.9"
        "method.docx": _patch_central(data, b"word/document.xml", 10, 97),  # unsupported compression method
        "password.docx": _patch_central(data, b"word/document.xml", 8, 1),  # the encrypted flag
    }
    out = {}
    for name, blob in cases.items():
        (tmp_path / name).write_bytes(blob)
        out[name] = tmp_path / name
    return out


@pytest.mark.parametrize("name", ["deflate.docx", "version.docx", "method.docx", "password.docx"])
def test_a_damaged_docx_is_a_coded_input_error(tmp_path: Path, name: str) -> None:
    path = _damaged(tmp_path)[name]
    with pytest.raises(DuixianError) as info:
        read_raw(path)
    err = info.value
    assert err.code == "TRUNCATED_FILE" and err.hint, str(err)
    assert "\n" not in str(err)


def test_the_cli_names_a_damaged_docx_in_one_coded_line_not_internal(tmp_path: Path) -> None:
    paths = [str(p) for p in _damaged(tmp_path).values()]
    p: subprocess.CompletedProcess[str] = run_cli("text", *paths)
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 1 and len(lines) == len(paths), p.stderr
    assert all(line.startswith("error[TRUNCATED_FILE]") for line in lines), p.stderr
    assert "password" in p.stderr and "zip feature" in p.stderr
