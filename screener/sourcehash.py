"""Version strings that change whenever the code deriving a cached value changes.

Caches in the store are keyed by them (normalised postings by the parsers' hash, level scores by
the rules' hash, cues by the cue code's hash), so a fixed parser reaches every stored posting at
the next run, and nobody has to remember to bump a number by hand.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def source_hash(*names: str) -> str:
    """12 hex digits of SHA-256 over the named source files, paths relative to the ``screener``
    package; a folder stands for every ``.py`` file in it, in name order."""
    digest = hashlib.sha256()
    for name in names:
        path = PACKAGE / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]
