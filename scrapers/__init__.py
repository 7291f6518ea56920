"""The Scrapy project: spiders for employers' public job boards, feeding ``screener``'s store.

Imports go one way: ``scrapers`` uses ``screener`` (sources model, normalisation, store), never
the reverse (an import-linter contract in pyproject.toml). ``screener crawl`` runs these spiders
in a child process (``python -m scrapy nightly``), so no Twisted reactor runs in the library.
"""

import hashlib as _hashlib
from pathlib import Path as _Path

from screener.store import keys as _keys


def _reader_version() -> str:
    """A hash of the code that maps a board's payload onto a record: the spiders and the items."""
    here = _Path(__file__).resolve().parent
    digest = _hashlib.sha256()
    for path in sorted([*here.glob("spiders/*.py"), here / "items.py", here / "jsonld.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return "spiders-" + digest.hexdigest()[:12]


READER_VERSION = _reader_version()
_keys.add_reader_version(READER_VERSION)
