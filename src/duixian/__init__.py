"""duixian (兑现): Chinese government work reports → grounded, checkable data."""

from __future__ import annotations

__version__ = "0.1.0"
