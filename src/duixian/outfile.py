"""Writing a result file: never over a file the user did not say may be replaced, never half a file.

Every command option that writes a file (``panel --out``, ``track --html``, ``notice --docx`` …) goes
through here: :func:`claim` refuses a path that is taken before any work is done (``OUTPUT_EXISTS``
unless the command's overwrite flag was given), and :func:`write_atomic` writes a temporary file in the
same folder and renames it over the path, so a run killed half-way leaves the old file or none, never a
truncated one, and a reader never sees a half-written page.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

from duixian.errors import BadOptionError, FileSystemError, OutputExistsError


def claim(path: Path, *, force: bool, option: str, flag: str = "--force") -> None:
    """Refuse ``path`` for ``option`` if something is there, unless ``force`` (the command's ``flag``)."""
    if path.is_dir():
        # not even with the flag: replacing a folder with a file would throw away everything in it
        raise BadOptionError(f"{option} names a folder", path=str(path), hint=f"give {option} the name of a file")
    if path.exists() and not force:
        raise OutputExistsError(f"already exists; {option} would replace it", path=str(path),
                                hint=f"add {flag} to replace it, or give {option} another file")


def claim_all(paths: Mapping[str, Path | None], *, force: bool, flag: str = "--force") -> None:
    """:func:`claim` for each ``option → path`` given; two options naming one file are refused too (the
    second write would silently replace the first)."""
    seen: dict[Path, str] = {}
    for option, path in paths.items():
        if path is None:
            continue
        key = path.resolve()
        if key in seen:
            raise BadOptionError(f"{seen[key]} and {option} name the same file", path=str(path),
                                 hint=f"give {seen[key]} and {option} different files")
        seen[key] = option
        claim(path, force=force, option=option, flag=flag)


def write_atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` for a temporary file next to ``path``, then rename it to ``path`` (atomic on one
    file system). Whatever ``write`` raises, the temporary file is removed and ``path`` is left as it was."""
    # hidden and unique: two runs writing the same path never share a temporary file
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        # name the file the user gave, not the temporary one
        raise FileSystemError(exc.strerror or str(exc), path=str(path)) from exc
    except BaseException:
        _discard(tmp)
        raise
    return path


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):  # never there, or in a folder we may not touch: nothing to remove
        tmp.unlink()


def write_text(path: Path, text: str) -> Path:
    """``text`` as UTF-8 at ``path``, atomically."""
    return write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"))
