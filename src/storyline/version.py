"""The package version, in a module of its own so that any stage can name it (in a user agent,
in ``generated_by``) without importing the package root and, through it, every stage."""

import hashlib
from functools import cache
from pathlib import Path

__version__ = "0.1.0"


def code_fingerprint() -> str:
    """A digest of the package's own code and data (every ``.py``, ``.toml``, ``.tsv``,
    ``.json`` and ``.gz`` file under it, by path and content): what an incremental build checks
    before it starts from a stored view, since a stored story or quality score is only as
    current as the code that made it, and a code change need not bump a version."""
    return _fingerprint()


@cache
def _fingerprint() -> str:
    root = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in root.rglob("*") if p.suffix in _CODE_SUFFIXES and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\x00")
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()}"


_CODE_SUFFIXES = frozenset({".py", ".toml", ".tsv", ".json", ".gz", ".j2"})
