"""Scrapy settings for the nightly crawl: polite defaults, written out.

Environment variables are read here and nowhere else:

- ``SCREENER_DB``: the SQLite database the store pipeline writes (as for the ``screener`` CLI);
- ``SCREENER_SOURCES``: the sources file (default ``sources.yaml`` in the working directory);
- ``SCREENER_CONTACT_URL``: where a board operator reads who is crawling them (in the user agent);
- ``SCREENER_USER_AGENT``: the whole user agent, when the default will not do;
- ``SCREENER_HTTPCACHE=1``: cache responses on disk while developing a spider.

Anything can be overridden for one run with ``-s NAME=VALUE`` (``screener crawl`` passes those on).
"""

from __future__ import annotations

import os

from screener import __version__

BOT_NAME = "screener"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"
COMMANDS_MODULE = "scrapers.commands"

# --- screener ----------------------------------------------------------------------------------
SCREENER_DB = os.environ.get("SCREENER_DB") or None
SCREENER_SOURCES = os.environ.get("SCREENER_SOURCES") or "sources.yaml"
SCREENER_CONTACT_URL = os.environ.get("SCREENER_CONTACT_URL") or "https://github.com/screener-dev/screener"
"""Where a board's operator reads who is crawling them: a page or ``mailto:`` (no secrets: it is
sent to every board). ``-s SCREENER_CONTACT_URL=...`` works as well as the environment."""
SCREENER_USER_AGENT = os.environ.get("SCREENER_USER_AGENT") or None
"""The whole user agent instead of ``screener/<version> (+<contact>)`` (``-s USER_AGENT=...`` too)."""
SCREENER_STORE_BATCH = 500
"""Postings per upsert transaction."""
SCREENER_SKIP_UNCHANGED = True
"""A posting whose payload is what was stored last night is not normalised again (set to 0 to
re-read every posting tonight, e.g. after a parser fix)."""
SCREENER_MONITOR_MAX_DROP_RATE = 0.10
"""Fail the run when more than this share of a source's fetched postings is dropped as invalid
(duplicates within the run do not count)."""
SCREENER_MONITOR_MIN_FETCHED = 20
"""...and only judge the drop rate once a source fetched at least this many postings."""
SCREENER_PROGRESS = False
"""A one-line progress display on stderr (``screener crawl`` turns it on for a terminal)."""

# --- politeness ----------------------------------------------------------------------------------
USER_AGENT = f"screener/{__version__} (+{SCREENER_CONTACT_URL})"
"""What robots.txt rules are matched against; the header sent is composed by
``scrapers.middlewares.UserAgentMiddleware`` from the settings of the run (see there)."""
ROBOTSTXT_OBEY = True
# Many boards share one API host (boards-api.greenhouse.io, api.lever.co, ...): the per-host
# limits below, not the number of boards, set the length of a night.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
"""Seconds between requests to one host, at least (AutoThrottle only ever raises it)."""
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
COOKIES_ENABLED = False

# --- resilience ----------------------------------------------------------------------------------
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
"""A board that fails after its retries is reported in the summary (and by the monitor)."""
RETRY_BACKOFF_BASE = 2.0
"""Seconds before the first retry when the server gives no Retry-After; doubles each time."""
RETRY_BACKOFF_MAX = 120.0
"""A Retry-After longer than this is not waited for (the board fails tonight, closes nothing)."""
SPIDER_MIDDLEWARES = {
    # PostingBatches (1100) sits nearest the spider and gathers a response's postings into one
    # item; BoardErrorMiddleware (950) is next, so a callback that raises still fails its board.
    "scrapers.batching.PostingBatches": 1100,
    "scrapers.middlewares.BoardErrorMiddleware": 950,
}
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapers.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "scrapers.middlewares.UserAgentMiddleware": 500,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "scrapers.middlewares.SameSiteRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scrapers.middlewares.RobotsTxtMiddleware": 100,
}

# --- the data flow (DESIGN.md): validate -> normalize -> dedupe -> store ------------------------
# (unchanged: postings exactly as stored last night skip normalisation and only mark a sighting)
ITEM_PIPELINES = {
    "scrapers.pipelines.validate.ValidatePipeline": 100,
    "scrapers.pipelines.unchanged.UnchangedPipeline": 150,
    "scrapers.pipelines.normalize.NormalizePipeline": 200,
    "scrapers.pipelines.dedupe.DedupePipeline": 300,
    "scrapers.pipelines.store.StorePipeline": 400,
}
EXTENSIONS = {
    "scrapers.logredact.RedactSecrets": 0,  # first: no secret in any log line after the settings
    "scrapers.monitors.CrawlMonitor": 500,
    "scrapers.progress.Progress": 510,
}
# A nightly job has no use for a telnet console or a remote code-execution endpoint.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- throughput (NOTES.md) -----------------------------------------------------------------------
# One task per item slot is started for every response (scrapy/scrapy#5182); callbacks here yield
# a handful of items at most per page or a list per board, so a small value is faster.
CONCURRENT_ITEMS = 10
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# Scrapy checks every generator callback for a `return value` by reading its source with inspect
# and ast; the result is cached per bound method, which each request makes anew, so the check runs
# for every response (~0.1 ms each). The spiders' tests cover what the warning would catch.
WARN_ON_GENERATOR_RETURN_VALUE = False

# --- development ---------------------------------------------------------------------------------
HTTPCACHE_ENABLED = os.environ.get("SCREENER_HTTPCACHE", "").lower() in ("1", "true", "yes")
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 24 * 3600
HTTPCACHE_IGNORE_HTTP_CODES = [429, 500, 502, 503, 504]

LOG_LEVEL = "INFO"
LOG_FORMATTER = "scrapers.logformatter.ScreenerLogFormatter"
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
