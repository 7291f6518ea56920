"""Identity of a posting: its stable id, the key that finds reposts, and its content hash."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from urllib.parse import urlsplit

from screener import __version__
from screener.records import Posting
from screener.sourcehash import source_hash

_GENDER_TAG = re.compile(r"\((?:[mwfdhx]\s*/\s*){1,3}[mwfdhx]\)|\b[mwfdhx]/[mwfdhx](?:/[mwfdhx])?\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+")
_COMPANY_SUFFIX = re.compile(r"\b(?:inc|llc|ltd|gmbh|ag|sa|sas|bv|plc|corp|corporation|co|company|limited)\b")

CONTENT_FIELDS = (
    "title",
    "company",
    "department",
    "location",
    "remote",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "description",
    "valid_through",
    "years_min",
    "years_max",
    "hints",
)


def fold(text: str | None) -> str:
    """Lower-case, accents and punctuation removed, spaces collapsed: for matching, not display."""
    if not text:
        return ""
    text = _GENDER_TAG.sub(" ", text).lower()
    if not text.isascii():  # ASCII has nothing to decompose: the per-character pass is skipped
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text).split())


def source_key(posting: Posting) -> str:
    """What identifies a posting inside its board: the board's id, else its URL, else its content."""
    if posting.source_id:
        return posting.source_id
    if posting.url:
        return posting.url
    return "h:" + content_hash(posting)[:24]


def posting_id(posting: Posting) -> str:
    """A stable id from the first sighting: the same job on the same board always gets the same id."""
    basis = "\x1f".join((posting.source, posting.board or "", source_key(posting)))
    return hashlib.blake2b(basis.encode("utf-8"), digest_size=8).hexdigest()


def dedupe_key(posting: Posting) -> str:
    """Company, title and place, folded: postings sharing it are candidates for one real job."""
    company = _COMPANY_SUFFIX.sub(" ", fold(posting.company)).strip()
    if not company and posting.url:
        company = "@" + (urlsplit(posting.url).hostname or "")
    if not company:
        return "!" + posting_id(posting)  # nothing to match on: never folded into another posting
    place = fold(posting.city) or fold(posting.location) or fold(posting.country) or posting.remote
    return "|".join((" ".join(company.split()), fold(posting.title), place))


def content_hash(posting: Posting) -> str:
    """A hash of what a user would see change; sightings and timestamps are not content."""
    data = {name: getattr(posting, name) for name in CONTENT_FIELDS}
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(encoded.encode("utf-8"), digest_size=16).hexdigest()


def encode_raw(raw: dict[str, object]) -> bytes:
    """The payload as UTF-8 JSON, whatever it holds: a lone surrogate is written as its JSON escape
    (``\\ud800``), and a payload JSON cannot hold (nested too deeply, a 5000-digit number) is
    replaced by a note saying why, so the posting itself is still stored."""
    try:
        text = json.dumps(raw, ensure_ascii=False, default=str, skipkeys=True)
    except (RecursionError, ValueError, TypeError) as exc:
        text = json.dumps({"_unstorable": f"{type(exc).__name__}: {exc}"[:200]})
    return text.encode("utf-8", "backslashreplace")


def raw_hash(raw: object) -> str | None:
    """A hash of a board's payload for one posting (and of this screener's version, so a new
    parser re-reads everything once); None without a payload.

    The crawl compares it with the stored one to skip normalising a posting that did not change.
    Keys are hashed in the payload's own order: a board that reorders them costs a re-read, not
    a wrong answer.
    """
    if not isinstance(raw, dict) or not raw:
        return None
    return hash_encoded(encode_raw(raw))


def hash_encoded(encoded: bytes) -> str:
    """:func:`raw_hash` of a payload already encoded with :func:`encode_raw` (the store encodes
    each payload once, for its hash and for storing it)."""
    return hashlib.blake2b(_VERSION + encoded, digest_size=12).hexdigest()


_BASE = f"{__version__}+{source_hash('normalize', 'records.py', 'importers')}"
_VERSION = _BASE.encode()
"""In every payload hash: a new screener or a changed parser reads every payload again once (a fixed
parser reaches the postings already stored), never twice."""


def add_reader_version(reader: str) -> None:
    """Mix the version of the code that turns payloads into records into every payload hash made in
    this process. The Scrapy project calls it with a hash of its spiders, so a fixed spider reads
    the boards it maps again once, as a fixed parser does (the library cannot hash code it may not
    import)."""
    global _VERSION
    _VERSION = f"{_BASE}+{reader}".encode()


def payload_digest(body: bytes) -> str:
    """A hash of a board's whole response (and of this screener's version, as :func:`raw_hash`):
    a board whose listing is byte for byte last night's need not be parsed again."""
    return hashlib.blake2b(_VERSION + body, digest_size=16).hexdigest()
