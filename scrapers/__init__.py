"""The Scrapy project: spiders for employers' public job boards, feeding ``screener``'s store.

Imports go one way: ``scrapers`` uses ``screener`` (sources model, normalisation, store), never
the reverse (an import-linter contract in pyproject.toml). ``screener crawl`` runs these spiders
in a child process (``python -m scrapy nightly``), so no Twisted reactor runs in the library.
"""
