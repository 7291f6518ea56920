"""Log lines for dropped items: one line with the reason and the posting, not the whole item (whose
raw payload can be kilobytes)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class ScreenerLogFormatter(LogFormatter):
    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        level = getattr(exception, "log_level", None) or spider.crawler.settings.get(
            "DEFAULT_DROPITEM_LOG_LEVEL", "INFO"
        )
        return {
            "level": logging.getLevelName(level) if isinstance(level, str) else level,
            "msg": "Dropped %(source)s/%(board)s %(id)s (%(reason)s): %(message)s",
            "args": {
                "source": getattr(item, "source", "?"),
                "board": getattr(item, "board", "?"),
                "id": getattr(item, "source_id", None) or getattr(item, "url", None) or "?",
                "reason": getattr(exception, "reason", type(exception).__name__),
                "message": exception,
            },
        }
