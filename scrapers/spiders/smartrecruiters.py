"""SmartRecruiters posting API: paged lists, then one detail request per posting for its text.

``GET https://api.smartrecruiters.com/v1/companies/{id}/postings?limit=100&offset=N`` ->
``{"offset", "limit", "totalFound", "content": [...]}`` (follow ``totalFound``), each posting with
``experienceLevel{id, label}`` (a level hint) and ``location{city, region, country, remote}``;
``.../postings/{postingId}`` holds the job ad (``jobAd.sections``). A page or a detail that fails
fails the board: tonight it closes nothing, and no posting loses its text to a failed detail.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from scrapy.http import Request, Response
from w3lib.url import add_or_replace_parameters

from scrapers.items import JobItem
from scrapers.spiders.base import BadPayload, BoardSpider, SourceEntryT, label, listing, obj, text
from screener.normalize.fields import text_id
from screener.sources import BoardEntry

PAGE_SIZE = 100
_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


def without_query(url: str) -> str:
    scheme, netloc, path, _, _ = urlsplit(url)
    return urlunsplit((scheme, netloc, path.rstrip("/"), "", ""))


def job_ad_html(detail: dict[str, Any]) -> str | None:
    """The job ad's sections (company, job, qualifications, more) as one HTML text."""
    sections = obj(obj(detail.get("jobAd")).get("sections"))
    parts = []
    for key in _SECTIONS:
        section = sections.get(key)
        if isinstance(section, dict) and isinstance(section.get("text"), str) and section["text"]:
            title = section.get("title")
            parts.append((f"<h3>{title}</h3>" if isinstance(title, str) and title else "") + section["text"])
    return "\n".join(parts) or None


def location_fields(location: Any) -> dict[str, Any]:
    if not isinstance(location, dict):
        return {}
    parts = [location.get(k) for k in ("city", "region", "country")]
    text = location.get("fullLocation") or ", ".join(p for p in parts if isinstance(p, str) and p)
    remote = None
    if location.get("remote") is True:
        remote = "remote"
    elif location.get("hybrid") is True:
        remote = "hybrid"
    return {
        "location": text or None,
        "city": location.get("city") or None,
        "region": location.get("region") or None,
        "country": location.get("country") or None,
        "remote": remote,
    }


class SmartRecruitersSpider(BoardSpider):
    name = "smartrecruiters"
    endpoint = "https://api.smartrecruiters.com/v1/companies/{token}/postings"

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.listed: dict[str, set[str]] = {}
        """Posting ids requested so far, per board: a posting listed twice is fetched once, and a
        page that lists nothing new ends the paging (a server that ignores ``offset`` would
        otherwise be paged for ever)."""

    def page_request(self, entry: SourceEntryT, list_url: str, offset: int) -> Request:
        params = {"limit": str(PAGE_SIZE), "offset": str(offset)}
        url = add_or_replace_parameters(without_query(list_url), params)
        return self.board_request(entry, url, self.parse_board, meta={"offset": offset})

    def board_requests(self, entry: SourceEntryT) -> Iterable[Request]:
        assert isinstance(entry, BoardEntry)
        self.listed[entry.key] = set()
        yield self.page_request(entry, self.endpoint_url(entry), 0)

    def parse_payload(self, payload: Any, response: Response, entry: SourceEntryT) -> Iterator[Any]:
        postings = listing(payload, "content")
        base = without_query(response.url)
        listed = self.listed.setdefault(entry.key, set())
        before = len(listed)

        def detail(posting: dict[str, Any]) -> Request | JobItem | None:
            ident = text_id(posting.get("id"))
            if ident is None:
                return self.job_item(posting, {})  # no id, no detail: dropped as missing_id
            if ident in listed:
                self.crawler.stats.inc_value("screener/skipped/listed_twice")
                return None
            listed.add(ident)
            detail_url = f"{base}/{quote(ident, safe='')}"
            return self.board_request(entry, detail_url, self.parse_detail, meta={"posting": posting})

        yield from self.each_job(postings, detail)
        offset = response.meta.get("offset", 0) + len(postings)
        total = payload.get("totalFound")
        more = isinstance(total, int) and not isinstance(total, bool) and offset < total
        if postings and len(listed) > before and more:
            yield self.page_request(entry, response.url, offset)

    def parse_detail(self, response: Response) -> Iterator[Any]:
        yield from self.guarded(response, self.parse_detail_payload)

    def parse_detail_payload(self, payload: Any, response: Response, entry: SourceEntryT) -> Iterator[JobItem]:
        if not isinstance(payload, dict):
            raise BadPayload("expected a posting object")
        yield from self.each_job([response.meta["posting"]], partial(self.job_item, detail=payload))

    def job_item(self, posting: dict[str, Any], detail: dict[str, Any]) -> JobItem:
        company = obj(posting.get("company"))
        ident = text_id(posting.get("id"))
        hints = {}
        level = posting.get("experienceLevel")
        if label(level):
            hints["experience_level"] = label(level)
        if label(posting.get("function")):
            hints["function"] = label(posting.get("function"))
        if label(posting.get("industry")):
            hints["industry"] = label(posting.get("industry"))
        url = text(detail.get("postingUrl")) or (
            f"https://jobs.smartrecruiters.com/{quote(company['identifier'], safe='')}/{quote(ident, safe='')}"
            if text(company.get("identifier")) and ident
            else None
        )
        return JobItem(
            source=self.name,
            board="",
            source_id=ident,
            url=url,
            title=posting.get("name"),
            company=company.get("name") or None,
            department=label(posting.get("department")),
            employment_type=label(posting.get("typeOfEmployment")),
            date_posted=posting.get("releasedDate"),
            description=job_ad_html(detail),
            hints=hints,
            raw={"posting": posting, "detail": detail},
            **location_fields(posting.get("location")),
        )
