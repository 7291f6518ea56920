"""Greenhouse job board API: one request per board, descriptions included (``content=true``).

``GET https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true`` ->
``{"jobs": [...], "meta": {"total": n}}``. No level field and no structured remote flag: both
live in the location text or in the board's custom ``metadata`` fields, when anywhere.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from scrapers.items import JobItem
from scrapers.spiders.base import BoardSpider, SourceEntryT, first, join_names, listing, obj, text
from screener.normalize.fields import text_id

# Custom field names (metadata[].name) that carry something the record has a place for.
_FIELD_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("description", re.compile(r"\bdescription\b", re.I)),
    ("employment_type", re.compile(r"employment type|job type|contract type|time type", re.I)),
    ("remote", re.compile(r"remote|workplace|work location type|location type|on-?site", re.I)),
    ("salary_text", re.compile(r"salary|pay range|compensation|pay transparency", re.I)),
    (
        "experience_level",
        re.compile(r"\b(?:job|career|position|role)\s+level\b|seniority|grade|^level$", re.I),
    ),
    ("country", re.compile(r"^country$", re.I)),
)


def metadata_fields(metadata: Any) -> dict[str, Any]:
    """Pick the custom fields that map onto record keys (first match per key wins)."""
    out: dict[str, Any] = {}
    if not isinstance(metadata, list):
        return out
    for field in metadata:
        if not isinstance(field, dict) or not isinstance(field.get("name"), str):
            continue
        value = field.get("value")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v not in (None, ""))
        if value in (None, "", "N/A"):
            continue
        for key, pattern in _FIELD_ROLES:
            if key not in out and pattern.search(field["name"]):
                out[key] = value
                break
    return out


def cents(value: Any) -> float | None:
    """An amount in cents (a number, or a string of digits) as currency units; None when absent,
    zero or not a number. A negative or absurd amount is passed on: normalisation refuses it."""
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value:
        return None
    try:
        return value / 100
    except OverflowError:  # an int of 400 digits
        return None


class GreenhouseSpider(BoardSpider):
    name = "greenhouse"
    whole_board_per_response = True
    endpoint = "https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true"

    def parse_payload(self, payload: Any, response: Response, entry: SourceEntryT) -> Iterator[JobItem]:
        yield from self.each_job(listing(payload, "jobs"), self.job_item)

    def job_item(self, job: dict[str, Any]) -> JobItem:
        meta = metadata_fields(job.get("metadata"))
        content = job.get("content")
        # The API escapes the HTML once more: "&lt;p&gt;" stands for "<p>".
        description = html.unescape(content) if isinstance(content, str) and content else None
        if description is None and isinstance(meta.get("description"), str):
            description = meta["description"]
        remote = meta.get("remote")
        if isinstance(remote, bool):
            remote = "remote" if remote else None
        hints = {}
        if isinstance(meta.get("experience_level"), str):
            hints["experience_level"] = meta["experience_level"]
        location = text(obj(job.get("location")).get("name")) or join_names(job.get("offices"))
        item = JobItem(
            source=self.name,
            board="",
            source_id=text_id(job.get("id")),
            url=job.get("absolute_url"),
            title=job.get("title"),
            company=job.get("company_name"),
            department=join_names(job.get("departments")),
            location=location,
            country=meta.get("country") if isinstance(meta.get("country"), str) else None,
            remote=remote if isinstance(remote, str) else None,
            employment_type=meta.get("employment_type") if isinstance(meta.get("employment_type"), str) else None,
            date_posted=job.get("first_published") or job.get("updated_at"),
            description=description,
            hints=hints,
            raw=job,
        )
        pay = first(job.get("pay_input_ranges"))
        low, high = (cents(obj(pay).get(key)) for key in ("min_cents", "max_cents"))
        if low is not None or high is not None:
            item.salary_min, item.salary_max = low, high
            item.salary_currency = text(obj(pay).get("currency_type"))
        elif isinstance(meta.get("salary_text"), str):
            item.salary_text = meta["salary_text"]
        return item
