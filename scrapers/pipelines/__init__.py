"""Item pipelines, one per module, ordered in ``settings.py``: validate -> normalize -> dedupe ->
store. A pipeline that drops an item raises :class:`Dropped`, which names a snake_case reason
and bumps the ``screener/dropped/<reason>`` stat; the store pipeline counts drops per board."""

from __future__ import annotations

from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector


class Dropped(DropItem):
    """An item dropped for ``reason`` (``missing_title``, ``duplicate``, ...)."""

    def __init__(self, reason: str, message: str, log_level: str | None = None):
        super().__init__(message, log_level=log_level)
        self.reason = reason


def drop(stats: StatsCollector, reason: str, message: str, log_level: str | None = None) -> Dropped:
    """Count a drop under ``screener/dropped/<reason>`` and return the exception to raise."""
    stats.inc_value(f"screener/dropped/{reason}")
    return Dropped(reason, message, log_level=log_level)
