"""Normalisation shared by every way in (crawl pipelines, JSON Lines and JobSpy import).

Each module parses one kind of messy value and never raises on bad input: it returns ``None``
(or an "unknown" value) instead. :mod:`screener.normalize.record` puts them together and is the
one place that decides whether a whole record is kept or rejected.
"""
