"""``scrapy nightly [SPIDER ...]``: every spider with boards in the sources file, one process.

``screener crawl`` runs this in a child process. The spiders run side by side (their boards are
on different hosts, and politeness is per host), each with its own pipelines writing one
database; ``-a`` and ``-s`` apply to all of them.
"""

from __future__ import annotations

import argparse

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError

from scrapers.logredact import install as install_redaction
from screener.sources import SourcesError, load_sources


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] [spider ...]"

    def short_desc(self) -> str:
        return "Run every spider that has boards in the sources file (or the named ones)"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process and self.settings is not None
        install_redaction()  # before any crawler logs its settings
        path = opts.spargs.get("sources") or self.settings.get("SCREENER_SOURCES")
        try:
            present = load_sources(path).types()
        except SourcesError as exc:
            raise UsageError(str(exc), print_help=False) from None
        known = set(self.crawler_process.spider_loader.list())
        unknown = [name for name in args if name not in known]
        if unknown:
            raise UsageError(
                f"unknown spider {unknown[0]!r}; expected one of: {', '.join(sorted(known))}",
                print_help=False,
            )
        names = [name for name in args if name in present] if args else present
        for name in names:
            self.crawler_process.crawl(name, **opts.spargs)
        if names:
            self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
