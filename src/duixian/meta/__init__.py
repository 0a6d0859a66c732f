"""Report metadata: region (with GB/T 2260 code), level, years, date, meeting, speaker, type."""

from duixian.meta.header import read_meta

__all__ = ["read_meta"]
