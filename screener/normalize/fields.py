"""Small single-value normalisers: URLs, employment types, identifiers."""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

from screener.normalize.text import strip_invisible

_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9_.\-]*[a-z0-9])?\.?|[0-9a-f:.]+")
_SECRET = re.compile(
    r"^(?:api[_-]?key|access[_-]?token|auth(?:[_-]?token)?|id[_-]?token|refresh[_-]?token|token|password|passwd|pwd|"
    r"secret|client[_-]?secret|session[_-]?id|jsessionid|phpsessid)$",
    re.IGNORECASE,
)
_SESSION_IN_PATH = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#;]*", re.IGNORECASE)
_TRACKING = re.compile(r"^(?:utm_\w+|gclid|fbclid|mc_cid|mc_eid|ref|source|src|trk|trackingid|_hs\w+)$", re.IGNORECASE)


_PLAIN_URL = re.compile(r"(https?)://([a-z0-9.-]+)(?::([0-9]{1,5}))?(/[A-Za-z0-9._~/-]*)?")
"""A URL with nothing to encode, remove or rebuild: lower-case scheme and host, maybe a port, a
path of unreserved characters, no query, fragment, credentials or escapes."""


def canonical_url(value: object) -> str | None:
    """An http(s) URL with its fragment, tracking parameters and any ``user:password@`` removed;
    None for anything else (``javascript:``, ``data:``, relative paths, junk)."""
    if not isinstance(value, str):
        return None
    text = value.strip()[:2048]
    if not text:
        return None
    plain = _PLAIN_URL.fullmatch(text)
    if plain is not None:  # what the general path below makes of it, without its ~20 us
        scheme, host, port, path = plain.groups()
        if _HOST.fullmatch(host) and (port is None or int(port) <= 65535):
            netloc = host if port is None or int(port) == _DEFAULT_PORTS[scheme] else f"{host}:{int(port)}"
            return f"{scheme}://{netloc}{path or '/'}"
    try:
        parts = urlsplit(safe_url_string(text))
        port = parts.port
    except ValueError:  # unbalanced brackets, a port above 65535 or not a number
        return None
    scheme, host = parts.scheme.lower(), parts.hostname
    if scheme not in ("http", "https") or not host or not _HOST.fullmatch(host):
        return None  # a host IDNA could not encode ("http://\x80") is not a place on the web
    # credentials never reach the store, a shortlist or a log: the host (and port) is rebuilt alone
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k) and not _SECRET.match(k)
        ]
    )
    path = _SESSION_IN_PATH.sub("", parts.path) or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


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
        # one level only: a list nested a thousand deep must not recurse a thousand times
        found = [employment_type(v) for v in value[:10] if isinstance(v, str)]
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
    if isinstance(value, int):
        return str(value) if abs(value) < 10**30 else None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e30 else repr(value)
    if isinstance(value, str):
        text = strip_invisible(value).replace("\n", " ").strip()
        return text[:200] or None
    return None
