"""Recruitee careers API: one request per company site.

``GET https://{slug}.recruitee.com/api/offers/`` -> ``{"offers": [...]}`` with ``title``,
``description`` and ``requirements`` (HTML), ``location``/``city``/``country``, ``remote`` /
``hybrid`` / ``on_site`` flags, ``employment_type_code``, ``experience_code`` (a level hint),
``salary{min, max, currency, period}`` (``min`` may be a string, ``currency`` lower case) and
``published_at`` like ``2026-09-10 07:25:25 UTC``. Every company has its own host; they share
one downloader slot so politeness applies to the service, not to each subdomain.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from scrapers.items import JobItem
from scrapers.spiders.base import BoardSpider, SourceEntryT, listing
from screener.normalize.fields import text_id


def workplace(offer: dict[str, Any]) -> str | None:
    if offer.get("remote") is True:
        return "remote"
    if offer.get("hybrid") is True:
        return "hybrid"
    if offer.get("on_site") is True:
        return "onsite"
    return None


class RecruiteeSpider(BoardSpider):
    name = "recruitee"
    whole_board_per_response = True
    endpoint = "https://{token}.recruitee.com/api/offers/"

    def download_slot(self, entry: SourceEntryT, url: str) -> str | None:
        return None if getattr(entry, "url", None) else "recruitee.com"

    def parse_payload(self, payload: Any, response: Response, entry: SourceEntryT) -> Iterator[JobItem]:
        yield from self.each_job(listing(payload, "offers"), self.job_item)

    def job_item(self, offer: dict[str, Any]) -> JobItem | None:
        if offer.get("status") not in (None, "published"):
            return None
        salary = offer.get("salary") if isinstance(offer.get("salary"), dict) else {}
        description = "\n".join(
            part for part in (offer.get("description"), offer.get("requirements")) if isinstance(part, str) and part
        )
        hints = {}
        if isinstance(offer.get("experience_code"), str) and offer["experience_code"]:
            hints["experience_level"] = offer["experience_code"]
        return JobItem(
            source=self.name,
            board="",
            source_id=text_id(offer.get("id")),
            url=offer.get("careers_url"),
            title=offer.get("title"),
            company=offer.get("company_name") or None,
            department=offer.get("department") or None,
            location=offer.get("location") or None,
            city=offer.get("city") or None,
            region=offer.get("state_name") or offer.get("state_code") or None,
            country=offer.get("country_code") or offer.get("country") or None,
            remote=workplace(offer),
            employment_type=offer.get("employment_type_code") or None,
            salary_min=salary.get("min"),
            salary_max=salary.get("max"),
            salary_currency=salary.get("currency"),
            salary_period=salary.get("period"),
            date_posted=offer.get("published_at") or offer.get("created_at"),
            description=description or None,
            hints=hints,
            raw=offer,
        )
