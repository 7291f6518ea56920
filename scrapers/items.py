"""The item a spider yields: one posting as a board gave it, before normalisation.

The item pipelines (ordered in ``settings.py``) turn a :class:`JobItem` into a
:class:`screener.records.Posting`, whose normalised fields sit beside the raw ones
(``date_posted`` / ``date_posted_raw``, ``salary_*`` / ``salary_raw``) and which keeps this item's
``raw`` payload, so a better parser can redo the work from the store.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class JobItem:
    """One job posting as a board listed it; values are the board's own, only re-shaped."""

    source: str
    """The spider (and sources-file type) it came from: greenhouse, lever, ..., jsonld."""
    board: str
    """The board's key in the sources file (token, slug, company id or site); postings missing
    from a board that was crawled successfully are closed per (source, board)."""
    title: str | None = None
    """The title as written (may hold entities or markup)."""
    source_id: str | None = None
    """The board's id for the job (or the page URL for JSON-LD without an identifier)."""
    url: str | None = None
    """Where a person reads and applies to the job."""
    company: str | None = None
    department: str | None = None
    location: str | None = None
    """Location text as the board wrote it (may say "Remote")."""
    city: str | None = None
    region: str | None = None
    country: str | None = None
    """As the board gave it: a name or a code."""
    remote: str | None = None
    """The board's structured workplace value (remote / hybrid / onsite words); None when the
    board has none, so the location text decides."""
    employment_type: str | None = None
    """The board's word for it (FullTime, full-time, FULL_TIME, Permanent, ...)."""
    salary_min: float | str | None = None
    """Structured pay as the board gave it (a number, or sometimes a numeric string)."""
    salary_max: float | str | None = None
    salary_currency: str | None = None
    salary_period: str | None = None
    """hour / day / week / month / year, or the board's words (``1 YEAR``, ``per-year-salary``)."""
    salary_text: str | None = None
    """Free-text pay when the board has no structured values."""
    date_posted: str | None = None
    """As given (ISO datetime, ``2026-09-10 07:25:25 UTC``, ...)."""
    valid_through: str | None = None
    description: str | None = None
    """Text or HTML."""
    hints: dict[str, Any] = field(default_factory=dict)
    """Structured level hints: ``experience_level`` (SmartRecruiters experienceLevel, Workable
    experience, Recruitee experience_code), ``months_of_experience`` (JSON-LD), ..."""
    raw: dict[str, Any] | None = None
    """The board's payload for this job, kept whole."""
    problem: str | None = None
    """Why the spider could not read this job (``not_an_object``, ``unreadable_job``): the validate
    pipeline drops it with this reason, and the board's other jobs are kept."""

    def to_record(self) -> dict[str, Any]:
        """The raw record for ``normalize_record`` (keys of :data:`RECORD_KEYS`, None left out)."""
        record = {key: getattr(self, key) for key in RECORD_KEYS}
        return {k: v for k, v in record.items() if v is not None and v != {}}


RECORD_KEYS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(JobItem) if f.name not in ("source", "board", "problem")
)
"""The raw record keys ``screener.normalize.record.normalize_record`` reads: every field of a
:class:`JobItem` but where it came from and what went wrong."""


@dataclass(slots=True, frozen=True)
class SeenItem:
    """A posting a board lists exactly as last night: only its sighting is recorded.

    Made by ``UnchangedPipeline`` from a :class:`JobItem` whose payload hash matches the stored
    one, so normalising it again is skipped.
    """

    source: str
    board: str
    key: str
    """The posting's source key in the store (the board's id, else its canonical URL)."""


@dataclass(slots=True)
class JobBatch:
    """The postings one response listed, carried through the item pipelines as one item.

    A board's API answers with all its jobs at once (40 on a typical Greenhouse board), and Scrapy
    spends ~65 us on every item it carries (a task, the spider middlewares' generators, the
    ``item_scraped`` signal): more than recognising an unchanged posting costs. A batch pays it
    once. :class:`scrapers.batching.PostingBatches` makes batches; each pipeline applies its step
    to every posting of one (:func:`scrapers.pipelines.each`), and a posting it drops leaves the
    batch with the log line and ``item_dropped`` signal a lone item would have had.
    """

    source: str
    board: str
    items: list[Any]
    """:class:`JobItem`, then :class:`SeenItem` or :class:`screener.records.Posting` as the
    pipelines go."""
