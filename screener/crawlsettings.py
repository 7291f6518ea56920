"""``-s NAME=VALUE`` for a crawl, checked before anything starts: one line naming the setting.

A value given on the command line is a string, which Scrapy converts only when a component reads
it (``getint``, ``getfloat``, ``getbool``, ``getdict``), deep inside the crawl, where a bad one is
a traceback and a crawl that never started. Here each value is tried as Scrapy will read it: as
the type of its default (the Scrapy project's default when it sets one, else Scrapy's), with the
exceptions in :data:`READ_AS`, and the project's own limits (:data:`BOUNDS`).

``screener crawl`` checks against Scrapy's defaults and :data:`PROJECT_TYPES` (the library never
imports the Scrapy project; a test keeps the table equal to ``scrapers/settings.py``); the
``nightly`` command checks again against the settings it actually runs with. A setting whose
default is a string or None cannot be checked this way.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

PROJECT_TYPES: dict[str, type] = {
    "SCREENER_STORE_BATCH": int,
    "SCREENER_SKIP_UNCHANGED": bool,
    "SCREENER_MONITOR_MAX_DROP_RATE": float,
    "SCREENER_MONITOR_MIN_FETCHED": int,
    "SCREENER_PROGRESS": bool,
    "SCREENER_PARENT_RUN": int,
    "RETRY_BACKOFF_BASE": float,
    "RETRY_BACKOFF_MAX": float,
}
"""The types of the Scrapy project's settings that Scrapy itself does not define (or defines with
another type), as ``scrapers/settings.py`` sets and reads them."""

READ_AS: dict[str, type] = {
    "DOWNLOAD_DELAY": float,
    "DOWNLOAD_TIMEOUT": float,
    "DNS_TIMEOUT": float,
    "TELNETCONSOLE_ENABLED": bool,
}
"""Scrapy settings whose default is an ``int`` but which Scrapy reads as another type."""

BOUNDS: dict[str, tuple[float, float | None]] = {
    "SCREENER_STORE_BATCH": (1, None),
    "SCREENER_MONITOR_MAX_DROP_RATE": (0, 1),
    "SCREENER_MONITOR_MIN_FETCHED": (0, None),
    "RETRY_BACKOFF_BASE": (0, None),
    "RETRY_BACKOFF_MAX": (0, None),
    "CONCURRENT_REQUESTS": (1, None),
    "CONCURRENT_REQUESTS_PER_DOMAIN": (1, None),
    "CONCURRENT_ITEMS": (1, None),
    "DOWNLOAD_DELAY": (0, None),
    "DOWNLOAD_TIMEOUT": (0, None),
    "RETRY_TIMES": (0, None),
}

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
BOOLEANS = {"True": True, "true": True, "False": False, "false": False}


class SettingError(ValueError):
    """A ``-s`` value that the crawl could not use; the message is one line naming it."""


def shown(value: str, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def expected_type(name: str, default: Any) -> type | None:
    """How Scrapy reads setting ``name`` whose default is ``default`` (None: as a string, or unknown)."""
    if name in READ_AS:
        return READ_AS[name]
    if name in PROJECT_TYPES:
        return PROJECT_TYPES[name]
    if isinstance(default, bool):  # before int: a bool is an int
        return bool
    if isinstance(default, (int, float)):
        return type(default)
    if isinstance(default, Mapping):  # Scrapy's getdict: a JSON object from the command line
        return dict
    return None


def problem(name: str, value: str, default: Any) -> str | None:
    """What is wrong with ``value`` for setting ``name`` (whose default is ``default``), or None."""
    if name == "LOG_LEVEL":
        return None if value in LOG_LEVELS else f"expected one of {', '.join(LOG_LEVELS)}"
    kind = expected_type(name, default)
    number: float
    if kind is bool:
        try:
            int(value)  # as Scrapy's getbool: any integer, or one of the words
        except ValueError:
            if value not in BOOLEANS:
                return "expected 0/1 or true/false"
        return None
    if kind is int:
        try:
            number = int(value)
        except ValueError:
            return "expected a whole number"
    elif kind is float:
        try:
            number = float(value)
        except ValueError:
            return "expected a number"
        if not math.isfinite(number):
            return "expected a finite number"
    elif kind is dict:
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        return None if isinstance(parsed, dict) else 'expected a JSON object, such as {"name": 1}'
    else:
        return None
    if name not in BOUNDS:
        return None
    low, high = BOUNDS[name]
    if number < low or (high is not None and number > high):
        within = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
        return f"expected a number {within}"
    return None


def check_settings(settings: Mapping[str, str], defaults: Mapping[str, Any]) -> None:
    """Raise :class:`SettingError` for the first value in ``settings`` the crawl could not use."""
    for name, value in settings.items():
        why = problem(name, value, defaults.get(name))
        if why is not None:
            raise SettingError(f"-s {name}={shown(value)}: {why}")


def scrapy_defaults() -> dict[str, Any]:
    """Scrapy's own defaults (imported here, not at start-up: importing Scrapy takes ~0.4 s)."""
    from scrapy.settings import default_settings

    return {name: value for name, value in vars(default_settings).items() if name.isupper()}
