"""A corpus database for the web tests: the shared corpus, the bundled sample and a hostile report."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CORPUS, corpus_available

from duixian.cli import sample_path
from duixian.corpus import ingest
from duixian.store import open_engine

SCRIPT = '<script>alert("x")</script>'


def hostile_report(folder: Path) -> Path:
    """The bundled sample with markup planted in its text: it must render as text, never run."""
    lines = sample_path().read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "工作回顾" in line) + 1
    lines.insert(at, f"全年新建公厕{SCRIPT}12座，“onerror=alert(1)”与“<b>加粗</b>”照原样显示。")
    p = folder / "hostile_report.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    return p


def build(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    paths = [hostile_report(folder)]
    if corpus_available():
        paths.append(CORPUS / "raw")
    engine = open_engine(str(folder / "web.db"), announce=False)
    result = ingest(engine, paths)
    assert not result.failed, [str(e) for e in result.failed]
    return engine
