"""Small single-value normalisers: URLs, employment types, identifiers."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

_TRACKING = re.compile(r"^(?:utm_\w+|gclid|fbclid|mc_cid|mc_eid|ref|source|src|trk|trackingid|_hs\w+)$", re.IGNORECASE)


def canonical_url(value: object) -> str | None:
    """An http(s) URL with its fragment and tracking parameters removed; None for anything else
    (``javascript:``, ``data:``, relative paths, junk)."""
    if not isinstance(value, str):
        return None
    text = value.strip()[:2048]
    if not text:
        return None
    try:
        parts = urlsplit(safe_url_string(text))
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


_EMPLOYMENT = [
    ("internship", r"intern|praktik|stage\b|stagiaire|prácticas|werkstudent|trainee"),
    ("temporary", r"temp|seasonal|befristet|saisonnier|interim"),
    ("contract", r"contract|freelance|contractor|consultant|\bcdd\b|per_diem|\bc2h\b|contrato"),
    ("part_time", r"part|teilzeit|temps partiel|media jornada|deeltijd"),
    ("full_time", r"full|permanent|vollzeit|\bcdi\b|temps plein|jornada completa|tiempo completo|voltijd|regular"),
]
_EMPLOYMENT_RES = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _EMPLOYMENT]


def employment_type(value: object) -> str | None:
    """'Full-time', 'FULL_TIME', ['FULL_TIME', 'PART_TIME'], 'Vollzeit' -> full_time, etc."""
    if isinstance(value, (list, tuple)):
        found = [employment_type(v) for v in value]
        found = [f for f in found if f]
        return found[0] if found else None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:100]
    for name, pattern in _EMPLOYMENT_RES:
        if pattern.search(text):
            return name
    return "other"


def text_id(value: object) -> str | None:
    """A board id as text: numbers and strings accepted, anything else refused."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        text = re.sub(r"[\x00-\x1f\x7f]", "", value).strip()
        return text[:200] or None
    return None
