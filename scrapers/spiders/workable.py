"""Workable widget API: one request per account, details included.

``GET https://apply.workable.com/api/v1/widget/accounts/{slug}?details=true`` ->
``{"name": ..., "jobs": [{title, shortcode, employment_type, telecommuting, department, url,
published_on, country, city, state, experience, function, industry, locations, description}]}``.
``experience`` (e.g. "Mid-Senior level") is kept as a level hint.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from scrapy.http import Response

from scrapers.items import JobItem
from scrapers.spiders.base import BoardSpider, SourceEntryT, listing, objs
from screener.normalize.fields import text_id


def location_text(job: dict[str, Any]) -> str | None:
    """ "City, State, Country" of every visible location (the first from the flat fields)."""
    places = []
    for loc in objs(job.get("locations")):
        if not loc.get("hidden"):
            parts = [loc.get("city"), loc.get("region"), loc.get("country")]
            places.append(", ".join(p for p in parts if isinstance(p, str) and p))
    if not places:
        parts = [job.get("city"), job.get("state"), job.get("country")]
        places.append(", ".join(p for p in parts if isinstance(p, str) and p))
    return "; ".join(dict.fromkeys(p for p in places if p)) or None


class WorkableSpider(BoardSpider):
    name = "workable"
    id_field = "shortcode"
    whole_board_per_response = True
    endpoint = "https://apply.workable.com/api/v1/widget/accounts/{token}?details=true"

    def parse_payload(self, payload: Any, response: Response, entry: SourceEntryT) -> Iterator[JobItem]:
        jobs = listing(payload, "jobs")
        company = payload.get("name") if isinstance(payload.get("name"), str) else None
        yield from self.each_job(jobs, partial(self.job_item, company=company))

    def job_item(self, job: dict[str, Any], company: str | None) -> JobItem:
        hints = {
            key: job[field]
            for key, field in (
                ("experience_level", "experience"),
                ("function", "function"),
                ("industry", "industry"),
            )
            if isinstance(job.get(field), str) and job[field]
        }
        return JobItem(
            source=self.name,
            board="",
            source_id=text_id(job.get("shortcode")),
            url=job.get("url") or job.get("shortlink"),
            title=job.get("title"),
            company=company,
            department=job.get("department") or None,
            location=location_text(job),
            city=job.get("city") or None,
            region=job.get("state") or None,
            country=job.get("country") or None,
            remote="remote" if job.get("telecommuting") is True else None,
            employment_type=job.get("employment_type") or None,
            date_posted=job.get("published_on") or job.get("created_at"),
            description=job.get("description"),
            hints=hints,
            raw=job,
        )
