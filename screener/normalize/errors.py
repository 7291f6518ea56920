"""The one exception normalisation raises: a record that cannot be kept."""

from __future__ import annotations


class Rejected(ValueError):
    """A record dropped for a reason; ``reason`` is a short snake_case code used in counters."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
