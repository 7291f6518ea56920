"""Signals the spiders send about boards, for the store pipeline and the monitor.

Spiders never import pipelines; both sides import these. Handlers receive keyword arguments
``source`` (spider name), ``board`` (the entry's key) and, for :data:`board_failed`, ``reason``
(a snake_case code such as ``http_404``, ``timeout``, ``robots``, ``bad_json``).
"""

board_started = object()
"""A board from the sources file is about to be requested."""

board_failed = object()
"""A board could not be read completely: nothing of it may be closed tonight."""

source_summarised = object()
"""The store pipeline has the night's summary of one source (spider), before writing it.

Keyword arguments: ``source``, ``summary`` (a dict the handler may add to: the monitor puts its
verdict under ``"monitor"``), ``boards`` (board key -> that board's summary) and ``previous``
(board key -> the summary of that board's previous run, or None)."""

board_payload = object()
"""A board's whole listing arrived in one response, before it is parsed. Keyword arguments:
``source``, ``board`` and ``digest`` (:func:`screener.store.keys.payload_digest` of the body). A
handler returns True when it recorded the board as seen again, unchanged, without its postings
(the store pipeline does when the body is the one the board's last complete run read): the
spider then parses nothing of it."""
