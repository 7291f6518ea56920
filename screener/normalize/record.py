"""One raw record (a JSON Lines row, a JobSpy row or a spider's item) to a :class:`Posting`.

Every field is treated as hostile: any type may arrive anywhere, and each field that cannot be
read is left empty rather than failing the record. A record is rejected only when it has no
usable title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from screener.normalize import salary as salary_mod
from screener.normalize.caseless import lowered
from screener.normalize.dates import iso, parse_date
from screener.normalize.errors import Rejected
from screener.normalize.fields import canonical_url, employment_type, text_id
from screener.normalize.location import COUNTRIES, parse_location, remote_mode
from screener.normalize.text import clean_line, clean_text
from screener.normalize.years import years_from_months, years_required
from screener.records import Posting

_STRONG_REMOTE = re.compile(
    r"\b(?:this (?:is a|role is|position is) (?:fully |100% )?remote|fully remote|100% remote|"
    r"remote (?:position|role|opportunity)|work from anywhere)\b",
    re.IGNORECASE,
)
_HYBRID_ROLE = re.compile(r"\b(?:this is a hybrid|hybrid (?:role|position|schedule|work))\b", re.IGNORECASE)
_MAX_HINTS = 20
HINT_KEYS = ("months_of_experience", "experience_level", "experience", "experience_code")
"""Board level fields accepted at the top level of a record as well as under ``hints``."""


def remote_in_text(description: str) -> str | None:
    """ "hybrid" or "remote" when the description says the role is, else None."""
    # every match holds "hybrid", or "remote" / "anywhere": a text without them is not searched
    low = lowered(description)
    if (low is None or "hybrid" in low) and _HYBRID_ROLE.search(description):
        return "hybrid"
    if (low is None or "remote" in low or "anywhere" in low) and _STRONG_REMOTE.search(description):
        return "remote"
    return None


def _first(value: Any) -> Any:
    """The first element of a list, so a list where a string belongs still yields the string."""
    while isinstance(value, (list, tuple)) and value:
        value = value[0]
    return None if isinstance(value, (list, tuple)) else value


def _joined(value: Any, sep: str = ", ") -> str:
    if isinstance(value, (list, tuple)):
        parts = [clean_line(_name_of(_first(v))) for v in value[:20]]
        return sep.join(p for p in parts if p)
    return clean_line(_name_of(value))


def _name_of(value: Any) -> Any:
    if isinstance(value, Mapping):
        return value.get("name") or value.get("label") or value.get("text")
    return value


def _country(value: Any) -> str | None:
    text = clean_line(_first(value), limit=60)
    if not text:
        return None
    if len(text) == 2 and text.isascii() and text.isalpha():
        return text.upper()  # an ISO 3166 code; "éé" is not one
    return COUNTRIES.get(text.lower())


def _hints(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        return {}
    hints: dict[str, Any] = {}
    for key, item in list(value.items())[:_MAX_HINTS]:
        name = clean_line(key, limit=60) if isinstance(key, str) else ""
        if not name or isinstance(item, bool) or item is None:
            continue
        if isinstance(item, (int, float)):
            if abs(item) <= 1e9:  # NaN, infinities and 400-digit numbers are not hints
                hints[name] = item
        else:
            text = clean_line(_name_of(_first(item)), limit=120)
            if text:
                hints[name] = text
    return hints


def normalize_record(
    raw: Mapping[str, Any], *, source: str, board: str | None = None, now: datetime | None = None
) -> Posting:
    """Normalise one record; raises :class:`Rejected` when it cannot be a posting."""
    if not isinstance(raw, Mapping):
        raise Rejected("not_an_object", f"expected an object, got {type(raw).__name__}")
    raw_title = _first(raw.get("title"))
    if raw_title is not None and not isinstance(raw_title, str):
        raise Rejected("invalid_title", f"title is {type(raw_title).__name__}, not text")
    title = clean_line(raw_title)
    if not title or not re.search(r"\w", title):
        raise Rejected("missing_title", "no title")

    description = clean_text(
        _first(raw.get("description")) if isinstance(raw.get("description"), list) else raw.get("description")
    )
    location = _joined(raw.get("location"), sep="; ")
    place = parse_location(location)
    city = clean_line(_first(raw.get("city")), limit=80) or place.city
    region = clean_line(_first(raw.get("region")), limit=80) or place.region
    country = _country(raw.get("country")) or place.country

    remote = remote_mode(raw.get("remote"), location, title)
    if remote == "unknown" and description:
        remote = remote_in_text(description) or remote

    pay, salary_raw = _salary(raw, description)
    annual_min, annual_max = pay.annual if pay else (None, None)

    date_raw = _first(raw.get("date_posted"))
    posted = parse_date(date_raw, now=now, future_days=2)
    valid = parse_date(_first(raw.get("valid_through")), now=now, future_days=3 * 365)

    nested_hints = raw.get("hints")
    hints = _hints(
        {k: raw[k] for k in HINT_KEYS if k in raw} | (dict(nested_hints) if isinstance(nested_hints, Mapping) else {})
    )
    years = None
    if "months_of_experience" in hints:
        from_months = years_from_months(hints["months_of_experience"])
        years = (from_months, None) if from_months is not None else None
    if years is None:
        years = years_required(description)

    return Posting(
        title=title,
        source=clean_line(source, limit=40) or "import",
        source_id=text_id(raw.get("source_id")),
        board=clean_line(board, limit=200) or None,
        url=canonical_url(_first(raw.get("url"))),
        company=clean_line(_name_of(_first(raw.get("company")))) or None,
        department=_joined(raw.get("department")) or None,
        location=location or None,
        city=city or None,
        region=region or None,
        country=country,
        remote=remote,
        employment_type=employment_type(raw.get("employment_type")),
        salary_min=pay.min if pay else None,
        salary_max=pay.max if pay else None,
        salary_currency=pay.currency if pay else None,
        salary_period=pay.period if pay else None,
        salary_annual_min=annual_min,
        salary_annual_max=annual_max,
        salary_raw=salary_raw,
        date_posted=iso(posted),
        date_posted_raw=clean_line(date_raw, limit=80) or None if date_raw is not None else None,
        valid_through=iso(valid),
        description=description,
        years_min=years[0] if years else None,
        years_max=years[1] if years else None,
        hints=hints,
        raw=dict(raw["raw"]) if isinstance(raw.get("raw"), Mapping) else None,
    )


def _salary(raw: Mapping[str, Any], description: str) -> tuple[salary_mod.Salary | None, str | None]:
    if raw.get("salary_min") is not None or raw.get("salary_max") is not None:
        pay = salary_mod.from_fields(
            _first(raw.get("salary_min")),
            _first(raw.get("salary_max")),
            _first(raw.get("salary_currency")),
            _first(raw.get("salary_period")),
        )
        if pay is not None:
            return pay, None
    text = raw.get("salary_text")
    if isinstance(text, str) and text.strip():
        pay = salary_mod.parse_salary(clean_line(text, limit=300))
        if pay is not None and pay.currency is None:
            pay = salary_mod.Salary(pay.min, pay.max, salary_mod.currency_code(raw.get("salary_currency")), pay.period)
        return pay, clean_line(text, limit=300)
    found = salary_mod.find_salary_in_text(description)
    if found is not None:
        return found[0], found[1][:300]
    return None, None
