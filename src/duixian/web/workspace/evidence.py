"""Evidence uploads: a size limit counted while reading, an allow-list of types checked against the file's
first bytes, a server-chosen name inside the evidence folder, and a SHA-256 for the record.

The client's file name is kept only as text for display; it never becomes part of a path.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import BinaryIO

from duixian.supervise.store import EvidenceFile
from duixian.web.workspace.config import WorkspaceConfig
from duixian.web.workspace.errors import BadUploadError

_ZIP = b"PK\x03\x04"
MAGIC = {".pdf": (b"%PDF-",), ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",),
         ".jpeg": (b"\xff\xd8\xff",), ".docx": (_ZIP,), ".xlsx": (_ZIP,)}


def _looks_right(suffix: str, head: bytes) -> bool:
    if suffix == ".txt":
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a character cut at the end of the sample is fine
                return False
        return b"\x00" not in head
    return any(head.startswith(m) for m in MAGIC.get(suffix, ()))


def display_name(name: str | None) -> str:
    """The client's name, as text only: no folders, no control characters, bounded length."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable())
    return base[-120:] or "file"


def save(stream: BinaryIO, filename: str | None, cfg: WorkspaceConfig) -> EvidenceFile:
    """Store one upload; a refused file leaves nothing behind."""
    original = display_name(filename)
    suffix = Path(original).suffix.lower()
    if suffix not in cfg.evidence_types:
        raise BadUploadError(f"不接受 {suffix or '无扩展名'} 文件：可上传 {' '.join(cfg.evidence_types)}",
                             en=f"{suffix or 'a file without an extension'} is not taken: "
                                f"{' '.join(cfg.evidence_types)} are")
    folder = cfg.evidence_dir
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}{suffix}"
    part = folder / f"{stored}.part"
    digest, size, head = hashlib.sha256(), 0, b""
    try:
        with part.open("xb") as out:
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > cfg.max_evidence_bytes:
                    raise BadUploadError(f"文件 {original} 超过 {cfg.max_evidence_bytes // (1024 * 1024)} MB",
                                         en=f"{original} is over {cfg.max_evidence_bytes // (1024 * 1024)} MB")
                if len(head) < 512:
                    head += chunk[: 512 - len(head)]
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise BadUploadError(f"文件 {original} 是空的", en=f"{original} is empty")
        if not _looks_right(suffix, head):
            raise BadUploadError(f"文件 {original} 的内容不是 {suffix} 格式", en=f"what {original} holds is not {suffix}")
        part.replace(folder / stored)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return EvidenceFile(stored, original, cfg.evidence_types[suffix], size, digest.hexdigest())


def discard(files: list[EvidenceFile], cfg: WorkspaceConfig) -> None:
    """Remove files whose progress entry was not stored (the transaction failed)."""
    for f in files:
        (cfg.evidence_dir / f.stored_name).unlink(missing_ok=True)


def path_of(stored_name: str, cfg: WorkspaceConfig) -> Path:
    p = (cfg.evidence_dir / stored_name).resolve()
    if p.parent != cfg.evidence_dir.resolve():  # names come from the database, but never trust a path
        raise BadUploadError("佐证材料路径无效")
    return p
