"""Reading benchmark pages from disk: the same for every eval task that scores HTML."""

from __future__ import annotations

import gzip
from pathlib import Path


def read_page_bytes(file: Path) -> bytes:
    """A page's bytes, gunzipped when it is gzip data (by name or by magic number)."""
    data = file.read_bytes()
    if file.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data
