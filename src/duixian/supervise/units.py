"""The unit directory: the units a 督查室 assigns tasks to, their short names and the themes they own.

The office keeps it as a CSV it edits by hand (columns 单位名称, 简称, 主题; several 简称 and 主题 separated
by ``|``; lines starting with # are comments). Names in a report that the directory does not know are kept
as written: the directory resolves and suggests, it never drops.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from importlib import resources

from duixian.errors import UnitDirectoryError

# The column names an office is likely to use for each field; the first found wins.
_NAME_COLS = ("单位名称", "单位", "名称", "name")
_ALIAS_COLS = ("简称", "别称", "aliases")
_THEME_COLS = ("主题", "关键词", "主题/关键词", "themes", "keywords")
_SPLIT = re.compile(r"[|｜;；]")


@dataclass(frozen=True)
class Unit:
    name: str
    aliases: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitDirectory:
    units: tuple[Unit, ...]
    _lookup: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for u in self.units:
            for key in (u.name, *u.aliases):
                self._lookup.setdefault(_key(key), u.name)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> UnitDirectory:
        """Read an office's CSV (UTF-8, with or without BOM, or GB18030 as Excel saves it in China)."""
        try:
            data = open(path, "rb").read()
        except FileNotFoundError:
            raise UnitDirectoryError("no such unit directory", path=str(path)) from None
        except OSError as exc:
            raise UnitDirectoryError(f"cannot read the unit directory: {exc.strerror}", path=str(path)) from None
        for enc in ("utf-8-sig", "gb18030"):
            try:
                return cls.parse(data.decode(enc), source=str(path))
            except UnicodeDecodeError:
                continue
        raise UnitDirectoryError("the unit directory is neither UTF-8 nor GB18030", path=str(path))

    @classmethod
    def sample(cls) -> UnitDirectory:
        """The bundled sample directory of generic county-level bureaus (data/unit_directory.csv)."""
        text = resources.files("duixian.data").joinpath("unit_directory.csv").read_text(encoding="utf-8")
        return cls.parse(text, source="unit_directory.csv")

    @classmethod
    def parse(cls, text: str, *, source: str | None = None) -> UnitDirectory:
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        reader = csv.DictReader(io.StringIO("\n".join(lines)))
        header = [h.strip() for h in (reader.fieldnames or [])]
        name_col = next((c for c in _NAME_COLS if c in header), None)
        if name_col is None:
            raise UnitDirectoryError(f"no unit name column (one of {'/'.join(_NAME_COLS)}) in the header", path=source)
        alias_col = next((c for c in _ALIAS_COLS if c in header), None)
        theme_col = next((c for c in _THEME_COLS if c in header), None)
        units: list[Unit] = []
        seen: set[str] = set()
        for n, row in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
            name = row.get(name_col, "")
            if not name:
                continue
            if name in seen:
                raise UnitDirectoryError(f"unit {name} listed twice (data row {n - 1})", path=source)
            seen.add(name)
            units.append(Unit(name, _values(row.get(alias_col or "", "")), _values(row.get(theme_col or "", ""))))
        return cls(tuple(units))

    def __contains__(self, name: str) -> bool:
        return _key(name) in self._lookup

    def __len__(self) -> int:
        return len(self.units)

    def names(self) -> tuple[str, ...]:
        return tuple(u.name for u in self.units)

    def resolve(self, name: str) -> str:
        """The directory's name for ``name`` (a full name or a 简称); unknown names are kept as written."""
        return self._lookup.get(_key(name), name)

    def known(self, name: str) -> bool:
        return name in self

    def suggest(self, text: str) -> tuple[str, ...]:
        """The unit whose themes the text names most often (longer theme words count more); () if none."""
        best: tuple[float, int] | None = None
        pick: str | None = None
        for i, u in enumerate(self.units):
            score = sum(len(t) for t in u.themes if t and t in text)
            if score and (best is None or score > best[0]):
                best, pick = (score, i), u.name
        return (pick,) if pick else ()


def _values(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in _SPLIT.split(cell) if v.strip())


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)
