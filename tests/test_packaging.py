"""A wheel (``pip install .``, not only the editable install the README uses) carries every file the package
reads at run time: each non-Python file under src/duixian matches a ``package-data`` pattern of
pyproject.toml (the web pages' templates/web/*.html once did not, and ``duixian serve`` of a wheel failed)."""

from __future__ import annotations

from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "duixian"


def test_every_data_file_is_in_package_data() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["duixian"]
    # setuptools globs each pattern from the package folder: "*" stays inside one folder
    shipped = {p for pattern in patterns for p in PACKAGE.glob(pattern) if p.is_file()}
    data = {p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
            and "__pycache__" not in p.parts}
    assert data, "the scan found no data file"
    assert not sorted(str(p.relative_to(PACKAGE)) for p in data - shipped)
