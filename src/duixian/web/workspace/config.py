"""What an office configures for its workspace: where evidence files go and what they may be."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

# suffix → the content type the file is served with (never the type the client claimed)
EVIDENCE_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  ".txt": "text/plain; charset=utf-8"}


@dataclass(frozen=True)
class WorkspaceConfig:
    """``evidence_dir`` must be outside any folder the web server serves; back it up with the database.
    ``secure_cookies``: None sets the cookie's Secure flag when the request came over https (behind a
    proxy, run uvicorn with --proxy-headers so X-Forwarded-Proto counts); True/False force it."""

    evidence_dir: Path
    max_evidence_bytes: int = 10 * 1024 * 1024
    max_files: int = 5
    evidence_types: dict[str, str] = field(default_factory=lambda: dict(EVIDENCE_TYPES))
    units_csv: Path | None = None  # the unit directory (tasks' UnitDirectory) used to suggest lead units
    session_lifetime: timedelta = timedelta(hours=12)
    secure_cookies: bool | None = None
    logins_per_account: int = 5  # failed logins per minute
    logins_per_ip: int = 20
    yellow: float = 10  # points behind schedule for 黄灯 (银川's rule) …
    red: float = 30  # … and for 红灯

    @property
    def max_body(self) -> int:
        return self.max_evidence_bytes * self.max_files
