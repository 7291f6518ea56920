"""schema.org JobPosting in JSON-LD: find it in a page and map it onto a raw posting record.

Pure functions on strings and JSON values, no Scrapy: the jsonld spider calls them on a response's
text, the tests on inline strings. Nothing here raises on odd input (a page is the open web):
broken JSON is skipped, a field of an unexpected type is ignored.

What is mapped is only the shape (where schema.org puts a value); parsing the values (dates,
amounts, HTML, remote words) is ``screener.normalize``'s job, shared with ``screener import``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urljoin

JSONLD_SCRIPT = re.compile(
    r"<script\b[^>]*?\btype\s*=\s*[\"']?\s*application/ld\+json\b[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
"""A JSON-LD script element (attributes in any order, quoted or not, any case)."""

_COMMENT_OR_CDATA = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_SCHEMA_PREFIX = re.compile(r"^(?:https?://schema\.org/|schema:)", re.IGNORECASE)
_MAX_DEPTH = 20


def script_texts(html: str) -> list[str]:
    """The text of every JSON-LD script element in an HTML document (a regex, no DOM: fast)."""
    return JSONLD_SCRIPT.findall(html)


def loads_lenient(text: str) -> Any:
    """Parse one script's JSON, forgiving what careers sites get wrong; None when hopeless.

    Handles HTML comment or CDATA wrappers, a trailing semicolon, and raw control characters
    (newlines, tabs) inside strings, which browsers accept and ``json.loads`` does not.
    """
    text = text.strip()
    if text.startswith(("<!", "//")) or text.endswith(("-->", "]]>")):  # the regex is not free
        text = _COMMENT_OR_CDATA.sub("", text).strip()
    text = text.rstrip(";").strip()
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def iter_nodes(data: Any, types: Iterable[str] = ("JobPosting",)) -> Iterator[dict[str, Any]]:
    """Every JSON object under ``data`` whose ``@type`` is one of ``types``.

    Unwraps lists and ``@graph`` at any depth, and nodes nested in other nodes (a JobPosting
    inside a WebPage's ``mainEntity``). ``@type`` may be a string, a list, or a full
    ``https://schema.org/`` IRI.
    """
    wanted = {t.lower() for t in types}
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > _MAX_DEPTH:
            continue
        if isinstance(node, list):
            stack.extend((child, depth + 1) for child in reversed(node))
        elif isinstance(node, dict):
            if wanted & node_types(node):
                yield node
                continue
            stack.extend(
                (child, depth + 1) for child in reversed(list(node.values())) if isinstance(child, (list, dict))
            )


def node_types(node: Mapping[str, Any]) -> set[str]:
    """Lower-case local names of a node's ``@type`` (``https://schema.org/JobPosting`` ->
    ``jobposting``)."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {_SCHEMA_PREFIX.sub("", v).lower() for v in values if isinstance(v, str)}


def job_postings(html: str) -> list[dict[str, Any]]:
    """Every JobPosting node in an HTML page, in document order."""
    nodes: list[dict[str, Any]] = []
    for text in script_texts(html):
        nodes.extend(iter_nodes(loads_lenient(text)))
    return nodes


# --- from a JobPosting node to a raw posting record ------------------------------------------


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return next((v for v in value if v not in (None, "", [], {})), None)
    return value


def _scalar(value: Any) -> str | int | float | None:
    """A string or a number, from a value that may be a list or a ``{"@value": ...}`` node."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value", value.get("value"))
        value = _first(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def _text(value: Any) -> str | None:
    """A string from a string, a number, a ``{"name": ...}`` node or a list of those."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name", value.get("@value"))
        value = _first(value)
    scalar = _scalar(value)
    return None if scalar is None else str(scalar)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _place_parts(place: Any) -> tuple[str | None, str | None, str | None, str | None]:
    """(text, city, region, country) of a Place, a PostalAddress or a string."""
    if isinstance(place, str):
        place = place.strip()
        return (place or None, None, None, None)
    if not isinstance(place, dict):
        return (None, None, None, None)
    address = _first(place.get("address"))
    if isinstance(address, str):
        address = address.strip()
        return (address or _text(place.get("name")), None, None, None)
    if not isinstance(address, dict):
        address = place if "addressLocality" in place or "addressCountry" in place else {}
    city = _text(address.get("addressLocality"))
    region = _text(address.get("addressRegion"))
    country = _text(address.get("addressCountry"))
    parts = [p for p in (city, region, country) if p]
    text = ", ".join(dict.fromkeys(parts)) or _text(place.get("name"))
    return (text, city, region, country)


def _location(node: Mapping[str, Any]) -> dict[str, Any]:
    places = [_place_parts(p) for p in _as_list(node.get("jobLocation"))]
    places = [p for p in places if p[0]]
    out: dict[str, Any] = {}
    if places:
        out["location"] = "; ".join(dict.fromkeys(p[0] for p in places if p[0]))
        _, out["city"], out["region"], out["country"] = places[0]
    else:
        # Remote postings often name only where applicants may live.
        areas = [_text(a) for a in _as_list(node.get("applicantLocationRequirements"))]
        areas = [a for a in areas if a]
        if areas:
            out["location"] = "; ".join(dict.fromkeys(areas))
    return out


def _remote(node: Mapping[str, Any]) -> str | None:
    kinds = {str(k).strip().upper() for k in _as_list(node.get("jobLocationType")) if k}
    if "TELECOMMUTE" in kinds:
        return "remote"
    return None


def _salary(node: Mapping[str, Any]) -> dict[str, Any]:
    """baseSalary (or estimatedSalary) as a MonetaryAmount, a bare number or a text."""
    amount = _first(node.get("baseSalary")) or _first(node.get("estimatedSalary"))
    if amount is None:
        return {}
    if isinstance(amount, (str, int, float)) and not isinstance(amount, bool):
        return {"salary_text": str(amount)}
    if not isinstance(amount, dict):
        return {}
    out: dict[str, Any] = {}
    currency = _text(amount.get("currency"))
    if currency:
        out["salary_currency"] = currency
    value = _first(amount.get("value"))
    unit = _text(amount.get("unitText"))
    if isinstance(value, dict):
        unit = _text(value.get("unitText")) or unit
        low = _scalar(value.get("minValue"))
        high = _scalar(value.get("maxValue"))
        single = _scalar(value.get("value"))
        if low is None and high is None:
            low = high = single
    else:
        low = high = _scalar(value)
    if low is not None:
        out["salary_min"] = low
    if high is not None:
        out["salary_max"] = high
    if unit:
        out["salary_period"] = unit
    return out


def _months_of_experience(node: Mapping[str, Any]) -> float | None:
    for req in _as_list(node.get("experienceRequirements")):
        if isinstance(req, dict):
            months = _scalar(req.get("monthsOfExperience"))
            if isinstance(months, str):
                try:
                    months = float(months)
                except ValueError:
                    months = None
            if isinstance(months, (int, float)) and 0 <= months < 1200:
                return float(months)
    return None


def _experience_text(node: Mapping[str, Any]) -> str | None:
    texts = []
    for req in _as_list(node.get("experienceRequirements")):
        text = _text(req.get("description")) if isinstance(req, dict) else _text(req)
        if text:
            texts.append(text)
    return "; ".join(texts) or None


def _url(value: Any, page_url: str | None) -> str | None:
    """The posting's URL, resolved against the page's (``"/jobs/12"`` is common); the page's own
    URL when the node's is missing or not a web address (``javascript:``, junk)."""
    url = _text(value)
    if url and page_url:
        try:
            url = urljoin(page_url, url)
        except ValueError:  # "http://[" and friends
            url = None
    if url and url.startswith(("http://", "https://")):
        return url
    return page_url


def posting_record(node: Mapping[str, Any], *, page_url: str | None = None) -> dict[str, Any]:
    """Map a JobPosting node onto the raw record keys ``normalize_record`` reads.

    Values stay as the page wrote them (dates, amounts, ``FULL_TIME``); ``raw`` keeps the node.
    """
    record: dict[str, Any] = {
        "title": _text(node.get("title")) or _text(node.get("name")),
        "url": _url(node.get("url"), page_url),
        "company": _text(node.get("hiringOrganization")),
        "description": _text(node.get("description")),
        "date_posted": _text(node.get("datePosted")),
        "valid_through": _text(node.get("validThrough")),
        "employment_type": _text(node.get("employmentType")),
        "remote": _remote(node),
        "department": _text(node.get("occupationalCategory")),
    }
    ident = _first(node.get("identifier"))
    record["source_id"] = (_text(ident.get("value")) if isinstance(ident, dict) else _text(ident)) or record["url"]
    record.update(_location(node))
    record.update(_salary(node))
    hints: dict[str, Any] = {}
    months = _months_of_experience(node)
    if months is not None:
        hints["months_of_experience"] = months
    experience = _experience_text(node)
    if experience:
        hints["experience_text"] = experience
    record["hints"] = hints
    record["raw"] = dict(node)
    return {k: v for k, v in record.items() if v is not None}
