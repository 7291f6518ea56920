"""Lever postings API: one request per site, a bare JSON list.

``GET https://api.lever.co/v0/postings/{site}?mode=json`` (``api.eu.lever.co`` for EU sites) ->
``[{id, text, categories{location, commitment, team, department}, workplaceType, createdAt,
hostedUrl, description, descriptionPlain, lists[{text, content}], additional, salaryRange}]``.
An unknown site answers 404 ``{"ok": false}`` (a failed board).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy.http import Response

from scrapers.items import JobItem
from scrapers.spiders.base import BadPayload, BoardSpider, SourceEntryT, obj, objs, text
from screener.normalize.fields import text_id
from screener.sources import BoardEntry

_PERIODS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year"}


def salary_period(interval: Any) -> str | None:
    """Lever's ``per-year-salary`` / ``per-hour-wage`` / ... as hour, day, week, month or year."""
    if not isinstance(interval, str):
        return None
    for word, period in _PERIODS.items():
        if word in interval.lower():
            return period
    return None


def epoch_ms_to_iso(value: Any) -> str | None:
    """Lever's ``createdAt`` (milliseconds since the epoch) as an ISO UTC datetime."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def description_html(posting: dict[str, Any]) -> str | None:
    """The description, its lists ("Requirements", ...) and the closing text, as one HTML."""
    parts: list[str] = []
    if isinstance(posting.get("description"), str):
        parts.append(posting["description"])
    elif isinstance(posting.get("descriptionPlain"), str):
        parts.append(f"<p>{posting['descriptionPlain']}</p>")
    for block in objs(posting.get("lists")):
        parts.append(f"<h3>{text(block.get('text')) or ''}</h3><ul>{text(block.get('content')) or ''}</ul>")
    if isinstance(posting.get("additional"), str):
        parts.append(posting["additional"])
    return "\n".join(parts) or None


class LeverSpider(BoardSpider):
    name = "lever"
    whole_board_per_response = True
    endpoint = "https://api.lever.co/v0/postings/{token}?mode=json"
    endpoint_eu = "https://api.eu.lever.co/v0/postings/{token}?mode=json"

    def endpoint_template(self, entry: BoardEntry) -> str:
        return self.endpoint_eu if entry.eu else self.endpoint

    def parse_payload(self, payload: Any, response: Response, entry: SourceEntryT) -> Iterator[JobItem]:
        if not isinstance(payload, list):
            raise BadPayload("expected a JSON list of postings")
        yield from self.each_job(payload, self.job_item)

    def job_item(self, posting: dict[str, Any]) -> JobItem:
        categories = obj(posting.get("categories"))
        salary = obj(posting.get("salaryRange"))
        workplace = text(posting.get("workplaceType"))
        return JobItem(
            source=self.name,
            board="",
            source_id=text_id(posting.get("id")),
            url=posting.get("hostedUrl"),
            title=posting.get("text"),
            department=categories.get("department") or categories.get("team"),
            location=categories.get("location"),
            country=posting.get("country"),
            remote=workplace if workplace != "unspecified" else None,
            employment_type=categories.get("commitment"),
            salary_min=salary.get("min"),
            salary_max=salary.get("max"),
            salary_currency=salary.get("currency"),
            salary_period=salary_period(salary.get("interval")),
            salary_text=posting.get("salaryDescriptionPlain") if not salary else None,
            date_posted=epoch_ms_to_iso(posting.get("createdAt")),
            description=description_html(posting),
            raw=posting,
        )
