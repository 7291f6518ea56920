"""Secrets never reach the crawl's log: a user name and password in a URL, and the values of query
parameters that carry keys or tokens, are written ``***``.

The sources file refuses credentials, but a board can still hand the crawl such a URL (a
redirect's ``Location``, a sitemap's ``<loc>``), and Scrapy logs URLs in many places (retries,
errors, redirects, tracebacks). Rather than chase each message, every log record of the crawl's
process is redacted as it is made: :func:`install` wraps the record factory, from the ``nightly``
command before any crawler logs its settings, and from the :class:`RedactSecrets` extension for
``scrapy crawl``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from scrapy.crawler import Crawler

_URL_USERINFO = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^\s/?#@'\"<>]+@")
"""``scheme://user:password@`` (or ``scheme://token@``)."""
_BARE_USERINFO = re.compile(r"(?<![^\s'\"(<\[=])(?!mailto:)[^\s/@:'\"<>]+:[^\s/@'\"<>]+@(?=[A-Za-z0-9\[])")
"""``user:password@host`` without its scheme (as some network errors print a host)."""
_SECRET_PARAMETER = re.compile(
    r"([?&;](?:api[_-]?key|apikey|key|access[_-]?token|auth(?:[_-]?token)?|id[_-]?token|refresh[_-]?token|token|"
    r"password|passwd|pwd|secret|client[_-]?secret|session[_-]?id|jsessionid|sig|signature)=)[^&#;?\s'\"<>]+",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """``text`` with credentials in URLs and secret query values replaced by ``***``."""
    if "@" in text:
        text = _URL_USERINFO.sub(r"\1***@", text)
        text = _BARE_USERINFO.sub("***@", text)
    if "=" in text:
        text = _SECRET_PARAMETER.sub(r"\1***", text)
    return text


class RedactingRecordFactory:
    """A log record factory that redacts the message (and a traceback) of every record."""

    def __init__(self, wrapped: Any):
        self.wrapped = wrapped

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.wrapped(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is the logging module's to report
            return record
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record


def install() -> None:
    """Redact every log record made in this process from now on (once, however often called)."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, RedactingRecordFactory):
        logging.setLogRecordFactory(RedactingRecordFactory(factory))


class RedactSecrets:
    """An extension (see ``settings.py``): :func:`install` for any crawl of this project."""

    def __init__(self) -> None:
        install()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedactSecrets:
        return cls()
