"""CrawlMonitor: a source's night as pass or fail, so the cron mail shows a bad night.

Two rules, Spidermon-style, on the summary the store pipeline sends (``source_summarised``):

- a board that returned postings on its previous run returns none tonight (it failed, or it
  answered with an empty list): the board moved, broke or blocked us. A board that stays
  broken is reported the first night only (its previous run returned none);
- more than ``SCREENER_MONITOR_MAX_DROP_RATE`` of the source's fetched postings were dropped as
  invalid (duplicates within the run are not a fault), once ``SCREENER_MONITOR_MIN_FETCHED`` were
  fetched: a board changed its shape and the spider no longer reads it.

The verdict goes into the source's stored summary (``summary["monitor"]["failures"]``), the log
(as errors) and the ``screener/monitor/failures`` stat; ``screener crawl`` exits 1 on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from scrapy.crawler import Crawler

from scrapers import signals

logger = logging.getLogger(__name__)

BENIGN_DROPS = frozenset({"duplicate"})


def went_quiet(source: str, board: str, tonight: dict[str, Any], before: dict[str, Any] | None) -> str | None:
    """A failure message when a board with postings last time has none tonight."""
    if tonight.get("fetched", 0) > 0 or not before or before.get("fetched", 0) <= 0:
        return None
    why = f"failed: {tonight['error']}" if tonight.get("error") else "empty"
    return f"{source} board {board!r} returned no postings ({before['fetched']} last time; {why})"


def too_many_drops(source: str, summary: dict[str, Any], max_rate: float, min_fetched: int) -> str | None:
    """A failure message when the share of invalid postings passes ``max_rate``."""
    fetched = summary.get("fetched", 0)
    bad = {r: n for r, n in summary.get("dropped", {}).items() if r not in BENIGN_DROPS}
    dropped = sum(bad.values())
    if fetched < max(min_fetched, 1) or dropped <= max_rate * fetched:
        return None
    reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(bad.items(), key=lambda kv: -kv[1]))
    return f"{source}: {dropped} of {fetched} postings dropped ({dropped / fetched:.0%} > {max_rate:.0%}: {reasons})"


class CrawlMonitor:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.max_drop_rate = crawler.settings.getfloat("SCREENER_MONITOR_MAX_DROP_RATE", 0.1)
        self.min_fetched = crawler.settings.getint("SCREENER_MONITOR_MIN_FETCHED", 20)
        crawler.signals.connect(self.source_summarised, signal=signals.source_summarised)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlMonitor:
        return cls(crawler)

    def source_summarised(
        self,
        source: str,
        summary: dict[str, Any],
        boards: dict[str, dict[str, Any]],
        previous: Callable[[str], dict[str, Any] | None],
    ) -> None:
        failures = [
            message
            for board, tonight in boards.items()
            if tonight.get("fetched", 0) == 0 and (message := went_quiet(source, board, tonight, previous(board)))
        ]
        drops = too_many_drops(source, summary, self.max_drop_rate, self.min_fetched)
        if drops:
            failures.append(drops)
        summary["monitor"] = {"failures": failures}
        self.stats.set_value("screener/monitor/failures", len(failures))
        for message in failures:
            logger.error("monitor: %s", message)
