"""Dates as boards write them: ISO 8601, RFC 2822, epoch seconds or milliseconds, "3 days ago".

``datetime.fromisoformat`` and the email parser handle the common cases in microseconds;
dateparser (about 0.8 ms a call) is the fallback for the rest, relative phrases included.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

EARLIEST = date(1995, 1, 1)
_RELATIVE = re.compile(
    r"^(?:posted\s+)?(?:(?P<n>\d+|an?|one)\+?\s*(?P<unit>minute|min|hour|hr|day|week|month|year)s?\s+ago"
    r"|(?P<word>today|just now|yesterday))$",
    re.IGNORECASE,
)
_UNIT_DAYS = {"minute": 0, "min": 0, "hour": 0, "hr": 0, "day": 1, "week": 7, "month": 30, "year": 365}


def parse_date(value: object, *, now: datetime | None = None, future_days: int = 400) -> date | None:
    """A calendar date, or None when the value is not a plausible date.

    Dates before 1995 or more than ``future_days`` ahead of ``now`` are refused: a posting date
    from the year 2999 or 1970 is an error in the source, not information.
    """
    now = now or datetime.now(UTC)
    parsed = _parse(value, now)
    if parsed is None:
        return None
    if parsed < EARLIEST or parsed > (now.date() + timedelta(days=future_days)):
        return None
    return parsed


def _parse(value: object, now: datetime) -> date | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()[:80]
    if not text:
        return None
    if re.fullmatch(r"\d{9,14}(\.\d+)?", text):
        return _from_epoch(float(text))
    iso = text.replace("Z", "+00:00").replace(" UTC", "+00:00")
    try:
        return datetime.fromisoformat(iso).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    relative = _RELATIVE.match(text)
    if relative:
        if relative.group("word"):
            return (now - timedelta(days=1 if relative.group("word").lower() == "yesterday" else 0)).date()
        n = relative.group("n").lower()
        count = 1 if n in ("a", "an", "one") else int(n)
        return (now - timedelta(days=count * _UNIT_DAYS[relative.group("unit").lower()])).date()
    return _dateparser(text, now)


def _from_epoch(number: float) -> date | None:
    if number > 1e11:  # milliseconds (Lever's createdAt)
        number /= 1000
    try:
        return datetime.fromtimestamp(number, UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _dateparser(text: str, now: datetime) -> date | None:
    if not re.search(r"\d|ago|today|yesterday|heute|gestern|hier|aujourd|ayer|hoy", text, re.IGNORECASE):
        return None
    import dateparser  # imported on first use: it costs ~0.3 s to import

    try:
        parsed = dateparser.parse(
            text,
            settings={"RELATIVE_BASE": now.replace(tzinfo=None), "PREFER_DATES_FROM": "past"},
        )
    except Exception:  # dateparser raises many types on odd input; any of them means "not a date"
        return None
    return parsed.date() if parsed else None


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
