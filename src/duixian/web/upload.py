"""Report upload: bounded size, known types, a server-chosen file name inside the upload folder."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import UploadFile
from sqlalchemy import Engine

ALLOWED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".csv")


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int = 20 * 1024 * 1024
    suffixes: tuple[str, ...] = field(default=ALLOWED)


def _refuse(code: str, message: str, hint: str) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message, "hint": hint}}


def save_and_ingest(engine: Engine, file: UploadFile, folder: Path, limits: UploadLimits) -> dict[str, Any]:
    from duixian.corpus import ingest

    suffix = Path(file.filename or "").suffix.lower()
    if suffix not in limits.suffixes:
        return _refuse("UNKNOWN_FORMAT", f"{suffix or 'no extension'} is not accepted",
                       "upload one of: " + " ".join(limits.suffixes))
    # The client's name is never part of the path: a fresh name, and the suffix from the allowed list.
    target = folder / f"{uuid.uuid4().hex}{suffix}"
    part = target.with_name(target.name + ".part")
    size = 0
    with part.open("wb") as out:
        while chunk := file.file.read(1 << 20):
            size += len(chunk)
            if size > limits.max_bytes:
                out.close()
                part.unlink(missing_ok=True)
                return _refuse("TOO_LARGE", f"the file is over {limits.max_bytes // (1024 * 1024)} MB",
                               "split the file or ingest it with the command line")
            out.write(chunk)
    part.replace(target)
    result = ingest(engine, [target])
    if result.failed:
        target.unlink(missing_ok=True)
        return {"ok": False, "error": result.failed[0].as_dict() | {"path": file.filename}}
    from duixian.corpus import file_sha
    from duixian.store.query import find_report

    report = find_report(engine, file_sha(target) or "")
    status = "stored" if result.stored else "unchanged"
    if status == "unchanged":
        target.unlink(missing_ok=True)  # the same content is already stored from another file
    return {"ok": True, "status": status, "report_id": report["id"], "filename": file.filename}
