"""The posting record: one real job, in the shape every way in (crawl, import) produces.

Field names follow DESIGN.md "Records". Raw values sit beside normalised ones where a parse can
be wrong (``salary_raw``, ``date_posted_raw``), so a better parser can redo it from the store.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

REMOTE_MODES: tuple[str, ...] = ("onsite", "hybrid", "remote", "unknown")
SALARY_PERIODS: tuple[str, ...] = ("hour", "day", "week", "month", "year")


@dataclass(slots=True)
class Posting:
    """A normalised job posting, before it is given a store id."""

    title: str
    """Job title as plain text (HTML and control characters removed)."""
    source: str = "import"
    """Where it came from: a spider name (greenhouse, lever, ...) or 'import' / 'jobspy'."""
    source_id: str | None = None
    """The board's own id for the job, when it has one."""
    board: str | None = None
    """The board it was listed on (token, slug or site), for closing postings that disappear."""
    url: str | None = None
    """Canonical posting URL (fragments and tracking parameters removed)."""
    company: str | None = None
    department: str | None = None
    location: str | None = None
    """Location as the board wrote it."""
    city: str | None = None
    region: str | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2 code when known."""
    remote: str = "unknown"
    """onsite / hybrid / remote / unknown."""
    employment_type: str | None = None
    """full_time / part_time / contract / temporary / internship / other."""
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: str | None = None
    """hour / day / week / month / year."""
    salary_annual_min: float | None = None
    salary_annual_max: float | None = None
    salary_raw: str | None = None
    """The salary as the board wrote it, when it was text."""
    date_posted: str | None = None
    """ISO date (YYYY-MM-DD)."""
    date_posted_raw: str | None = None
    valid_through: str | None = None
    description: str = ""
    """Plain text."""
    years_min: float | None = None
    """Years of experience asked, lower bound (from hints or the description)."""
    years_max: float | None = None
    hints: dict[str, Any] = field(default_factory=dict)
    """Structured level hints a board gave: months_of_experience, experience_level, ..."""
    raw: dict[str, Any] | None = None
    """The payload as received, kept so old crawls can be re-read."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


POSTING_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Posting))
