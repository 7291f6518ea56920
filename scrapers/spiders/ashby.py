"""Ashby posting API: one request per board, compensation included.

``GET https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true`` ->
``{"jobs": [...]}``. Unlisted jobs (``isListed: false``) are skipped; ``workplaceType`` wins over
``isRemote``; pay is the ``Salary`` entry of ``compensation.summaryComponents``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from scrapers.items import JobItem
from scrapers.spiders.base import BoardSpider, SourceEntryT, listing, obj, objs, skip
from screener.normalize.fields import text_id

_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}


def salary_component(compensation: Any) -> dict[str, Any] | None:
    """The base-salary component of Ashby's compensation summary, if any."""
    for component in objs(obj(compensation).get("summaryComponents")):
        if component.get("compensationType") == "Salary":
            return component
    return None


def salary_period(interval: Any) -> str | None:
    """``1 YEAR`` -> year (Ashby writes intervals as a count and a unit)."""
    if not isinstance(interval, str):
        return None
    parts = interval.strip().upper().split()
    if len(parts) == 2 and parts[0] == "1":
        return _PERIODS.get(parts[1])
    return None


def workplace(job: dict[str, Any]) -> str | None:
    """``workplaceType`` (OnSite / Hybrid / Remote) when given, else ``isRemote``."""
    kind = job.get("workplaceType")
    if isinstance(kind, str) and kind:
        return kind
    if job.get("isRemote") is True:
        return "remote"
    return None


class AshbySpider(BoardSpider):
    name = "ashby"
    whole_board_per_response = True
    endpoint = "https://api.ashbyhq.com/posting-api/job-board/{token}?includeCompensation=true"

    def parse_payload(self, payload: Any, response: Response, entry: SourceEntryT) -> Iterator[JobItem]:
        yield from self.each_job(listing(payload, "jobs"), self.job_item)

    def job_item(self, job: dict[str, Any]) -> JobItem | None:
        if job.get("isListed") is False:
            skip(self, "unlisted")
            return None
        address = obj(obj(job.get("address")).get("postalAddress"))
        pay = salary_component(job.get("compensation")) or {}
        summary = obj(job.get("compensation")).get("scrapeableCompensationSalarySummary")
        return JobItem(
            source=self.name,
            board="",
            source_id=text_id(job.get("id")),
            url=job.get("jobUrl"),
            title=job.get("title"),
            department=job.get("department") or job.get("team"),
            location=job.get("location"),
            city=address.get("addressLocality"),
            region=address.get("addressRegion"),
            country=address.get("addressCountry"),
            remote=workplace(job),
            employment_type=job.get("employmentType"),
            salary_min=pay.get("minValue"),
            salary_max=pay.get("maxValue"),
            salary_currency=pay.get("currencyCode"),
            salary_period=salary_period(pay.get("interval")),
            salary_text=summary if not pay and isinstance(summary, str) else None,
            date_posted=job.get("publishedAt"),
            description=job.get("descriptionHtml") or job.get("descriptionPlain"),
            raw=job,
        )
