"""Spider callbacks on saved responses (tests/fixtures/boards, in the boards' real shapes)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scrapers import signals
from scrapers.items import JobItem
from scrapers.spiders.ashby import AshbySpider
from scrapers.spiders.greenhouse import GreenhouseSpider
from scrapers.spiders.jsonld import JsonLdSpider
from scrapers.spiders.lever import LeverSpider
from scrapers.spiders.recruitee import RecruiteeSpider
from scrapers.spiders.smartrecruiters import SmartRecruitersSpider
from scrapers.spiders.workable import WorkableSpider
from screener.sources import load_sources
from tests.crawlhelpers import BASE, body_response, fixture_response, make_spider

SOURCES = """\
sources:
  - {type: greenhouse, token: acme}
  - {type: greenhouse, token: other, url: "http://127.0.0.1:8000/gh/other"}
  - {type: lever, token: globex, company: Globex}
  - {type: lever, token: eurocorp, eu: true}
  - {type: ashby, token: initech, company: Initech}
  - {type: workable, token: hooli}
  - {type: smartrecruiters, token: UmbrellaCorp}
  - {type: recruitee, token: stark}
  - {type: recruitee, token: mirror, url: "http://127.0.0.1:8000/rc/mirror"}
  - type: jsonld
    token: wayne
    sitemap: http://127.0.0.1:8000/careers/sitemap.xml
    url_pattern: /careers/jobs/
  - type: jsonld
    start_urls: ["http://127.0.0.1:8000/careers/list.html"]
    url_pattern: /careers/jobs/
"""


@pytest.fixture
def sources_file(tmp_path: Path) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCES, encoding="utf-8")
    return path


def entry(sources_file: Path, source_type: str, key: str):
    return next(e for e in load_sources(sources_file).of_type(source_type) if e.key == key)


class Failures:
    """Collects board_failed signals (a bound method: Scrapy holds handlers weakly)."""

    def __init__(self, spider):
        self.seen: list[tuple[str, str, str]] = []
        spider.crawler.signals.connect(self.on_failed, signal=signals.board_failed)

    def on_failed(self, source: str, board: str, reason: str) -> None:
        self.seen.append((source, board, reason))


def collect_start(spider) -> list[Request]:
    """The spider's start requests (``start()`` is an async generator; no reactor needed)."""

    async def collect() -> list[Request]:
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def items_of(results) -> list[JobItem]:
    return [r for r in results if isinstance(r, JobItem)]


# --- start requests --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (
            GreenhouseSpider,
            [
                "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true",
                "http://127.0.0.1:8000/gh/other",
            ],
        ),
        (
            LeverSpider,
            [
                "https://api.lever.co/v0/postings/globex?mode=json",
                "https://api.eu.lever.co/v0/postings/eurocorp?mode=json",
            ],
        ),
        (
            AshbySpider,
            ["https://api.ashbyhq.com/posting-api/job-board/initech?includeCompensation=true"],
        ),
        (WorkableSpider, ["https://apply.workable.com/api/v1/widget/accounts/hooli?details=true"]),
        (
            SmartRecruitersSpider,
            ["https://api.smartrecruiters.com/v1/companies/UmbrellaCorp/postings?limit=100&offset=0"],
        ),
        (
            RecruiteeSpider,
            ["https://stark.recruitee.com/api/offers/", "http://127.0.0.1:8000/rc/mirror"],
        ),
        (
            JsonLdSpider,
            [
                "http://127.0.0.1:8000/careers/sitemap.xml",
                "http://127.0.0.1:8000/careers/list.html",
            ],
        ),
    ],
)
def test_start_requests_use_public_endpoints_or_url_overrides(cls, expected, sources_file):
    spider = make_spider(cls, sources_file)
    requests = collect_start(spider)
    assert [r.url for r in requests] == expected
    assert spider.crawler.stats.get_value("screener/boards") == len(expected)


# --- callbacks on saved responses ------------------------------------------------------------


def parse(spider, response: Response) -> list:
    return list(spider.parse_board(response))


def test_greenhouse_maps_jobs_and_unescapes_content(sources_file):
    spider = make_spider(GreenhouseSpider, sources_file)
    meta = {"entry": entry(sources_file, "greenhouse", "acme")}
    items = items_of(parse(spider, fixture_response("greenhouse/acme.json", BASE, meta)))
    assert [i.source_id for i in items] == ["4001", "4002", "4003"]
    first, second, third = items
    assert (first.source, first.board, first.company) == ("greenhouse", "acme", "Acme Logistics")
    assert first.title == "Senior Operations Manager"
    assert first.description.startswith("<h2>About the role</h2><p>You will run")
    assert (first.salary_min, first.salary_max, first.salary_currency) == (125000, 155000, "USD")
    assert first.employment_type == "Full-time"
    assert first.remote is None  # "Remote Eligibility: false" says nothing about hybrid/onsite
    assert first.hints == {"experience_level": "M3"}
    assert first.department == "Operations"
    assert first.date_posted == "2026-08-28T09:00:00-04:00"
    assert first.raw["requisition_id"] == "R-4001"
    assert second.location == "Remote - US" and second.description.startswith("<p>Reconcile")
    # No content: the "Job Description" custom field stands in; "Country" is a list.
    assert third.description == "Supervise the night shift of 25 associates."
    assert third.country == "United States of America"
    assert spider.crawler.stats.get_value("screener/fetched") == 3


def test_lever_builds_description_from_lists_and_maps_pay(sources_file):
    spider = make_spider(LeverSpider, sources_file)
    meta = {"entry": entry(sources_file, "lever", "globex")}
    head, contract = items_of(parse(spider, fixture_response("lever/globex.json", BASE, meta)))
    assert head.title == "Head of Demand Planning" and head.company == "Globex"
    assert "<h3>What you bring</h3><ul><li>8 years" in head.description
    assert "pension" in head.description
    assert (head.salary_min, head.salary_max, head.salary_currency, head.salary_period) == (
        80000,
        95000,
        "GBP",
        "year",
    )
    assert head.remote == "hybrid" and head.employment_type == "Full-time"
    assert head.date_posted == "2026-08-28T06:53:20+00:00"
    assert contract.salary_text == "£350 - £420 per day" and contract.salary_min is None
    assert contract.remote == "remote"


def test_ashby_skips_unlisted_and_prefers_workplace_type(sources_file):
    spider = make_spider(AshbySpider, sources_file)
    meta = {"entry": entry(sources_file, "ashby", "initech")}
    director, specialist = items_of(parse(spider, fixture_response("ashby/initech.json", BASE, meta)))
    assert director.remote == "Hybrid"  # workplaceType wins over isRemote: true
    assert specialist.remote == "remote"  # no workplaceType: isRemote decides
    assert (director.salary_min, director.salary_max, director.salary_currency) == (
        170000,
        200000,
        "USD",
    )
    assert director.salary_period == "year" and specialist.salary_period == "hour"
    assert (director.city, director.region, director.country) == (
        "Austin",
        "Texas",
        "United States",
    )
    assert director.company == "Initech"
    assert spider.crawler.stats.get_value("screener/skipped/unlisted") == 1


def test_workable_keeps_experience_as_a_hint(sources_file):
    spider = make_spider(WorkableSpider, sources_file)
    meta = {"entry": entry(sources_file, "workable", "hooli")}
    manager, associate = items_of(parse(spider, fixture_response("workable/hooli.json", BASE, meta)))
    assert manager.company == "Hooli Retail" and manager.source_id == "A1B2C3D4E5"
    assert manager.hints == {
        "experience_level": "Mid-Senior level",
        "function": "Management",
        "industry": "Retail",
    }
    assert manager.location == "Berlin, Berlin, Germany" and manager.remote is None
    assert associate.remote == "remote" and associate.hints["experience_level"] == "Entry level"


def test_recruitee_passes_pay_and_published_at_as_given(sources_file):
    spider = make_spider(RecruiteeSpider, sources_file)
    meta = {"entry": entry(sources_file, "recruitee", "stark")}
    manager, operative = items_of(parse(spider, fixture_response("recruitee/stark.json", BASE, meta)))
    assert (manager.salary_min, manager.salary_max, manager.salary_currency) == (
        "65000",
        80000,
        "eur",
    )
    assert manager.date_posted == "2026-09-10 07:25:25 UTC"
    assert manager.remote == "hybrid" and operative.remote == "onsite"
    assert manager.hints == {"experience_level": "experienced"}
    assert "At least 6 years" in manager.description
    assert operative.salary_min is None


def test_recruitee_public_boards_share_one_downloader_slot(sources_file):
    spider = make_spider(RecruiteeSpider, sources_file)
    public, mirror = collect_start(spider)
    assert public.meta["download_slot"] == "recruitee.com"
    assert "download_slot" not in mirror.meta  # a mirror is its own host


def test_smartrecruiters_pages_then_details(sources_file):
    spider = make_spider(SmartRecruitersSpider, sources_file)
    board = entry(sources_file, "smartrecruiters", "UmbrellaCorp")
    list_url = f"{BASE}/v1/companies/UmbrellaCorp/postings?limit=100&offset=0"
    page0 = parse(spider, fixture_response("smartrecruiters/umbrella-page0.json", list_url, {"entry": board}))
    details = [r for r in page0 if r.callback == spider.parse_detail]
    (next_page,) = [r for r in page0 if r.callback == spider.parse_board]
    assert [d.url for d in details] == [
        f"{BASE}/v1/companies/UmbrellaCorp/postings/744000100000001",
        f"{BASE}/v1/companies/UmbrellaCorp/postings/744000100000002",
    ]
    assert next_page.url == f"{BASE}/v1/companies/UmbrellaCorp/postings?limit=100&offset=2"
    page2 = parse(
        spider,
        fixture_response("smartrecruiters/umbrella-page2.json", next_page.url, next_page.meta),
    )
    assert [r.url for r in page2] == [f"{BASE}/v1/companies/UmbrellaCorp/postings/744000100000003"]
    detail = details[0]
    response = fixture_response("smartrecruiters/umbrella-744000100000001.json", detail.url, detail.meta)
    (item,) = list(spider.parse_detail(response))
    assert item.title == "Plant Manager" and item.company == "Umbrella Corporation"
    assert item.hints == {
        "experience_level": "Director",
        "function": "Manufacturing",
        "industry": "Pharmaceuticals",
    }
    assert "<h3>Job Description</h3><p>Run a 300-person plant" in item.description
    assert item.url.startswith("https://jobs.smartrecruiters.com/UmbrellaCorp/744000100000001")
    assert (item.city, item.region, item.country) == ("Chicago", "IL", "us")
    assert item.raw["posting"]["refNumber"] == "REF0001"


def test_jsonld_sitemap_keeps_job_pages_only(sources_file):
    spider = make_spider(JsonLdSpider, sources_file)
    board = entry(sources_file, "jsonld", "wayne")
    response = fixture_response("jsonld/sitemap.xml", f"{BASE}/careers/sitemap.xml", {"entry": board})
    requests = list(spider.parse_sitemap(response))
    assert [r.url for r in requests] == [
        f"{BASE}/careers/jobs/regional-director.html",
        f"{BASE}/careers/jobs/payroll-specialist.html",
        f"{BASE}/careers/jobs/filled-role.html",
    ]
    assert all(r.callback == spider.parse_page for r in requests)


def test_jsonld_pages(sources_file):
    spider = make_spider(JsonLdSpider, sources_file)
    meta = {"entry": entry(sources_file, "jsonld", "wayne")}
    url = f"{BASE}/careers/jobs/regional-director.html"
    (director,) = list(spider.parse_page(fixture_response("jsonld/regional-director.html", url, meta)))
    assert director.title == "Regional Director, Stores" and director.source_id == "WR-2291"
    assert director.company == "Wayne Retail" and director.url == url
    assert (director.city, director.region, director.country) == ("Denver", "CO", "US")
    assert (director.salary_min, director.salary_max, director.salary_period) == (
        165000,
        190000,
        "YEAR",
    )
    assert director.hints == {"months_of_experience": 144.0}
    assert director.valid_through == "2027-01-31T23:59"
    url = f"{BASE}/careers/jobs/payroll-specialist.html"
    (payroll,) = list(spider.parse_page(fixture_response("jsonld/payroll-specialist.html", url, meta)))
    assert payroll.remote == "remote" and payroll.location == "USA"
    assert payroll.employment_type == "PART_TIME"
    assert (payroll.salary_min, payroll.salary_max, payroll.salary_period) == (31.5, 31.5, "HOUR")
    assert payroll.hints == {"experience_text": "2 years of payroll experience"}
    url = f"{BASE}/careers/jobs/filled-role.html"
    assert list(spider.parse_page(fixture_response("jsonld/filled-role.html", url, meta))) == []
    assert spider.crawler.stats.get_value("screener/jsonld/pages_without_posting") == 1


def test_jsonld_listing_page_follows_job_links(sources_file):
    spider = make_spider(JsonLdSpider, sources_file)
    board = next(e for e in load_sources(sources_file).of_type("jsonld") if e.start_urls)
    listing = (
        "<html><body><a href='/careers/jobs/a.html'>A</a><a href='/careers/about.html'>About</a>"
        "<a href='jobs/b.html'>B</a></body></html>"
    )
    url = f"{BASE}/careers/list.html"
    request = Request(url, meta={"entry": board})
    response = HtmlResponse(url, body=listing.encode(), encoding="utf-8", request=request)
    followed = [r.url for r in spider.parse_start(response) if isinstance(r, Request)]
    assert followed == [f"{BASE}/careers/jobs/a.html", f"{BASE}/careers/jobs/b.html"]


# --- failures close nothing: they are reported --------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>Service unavailable</html>", "bad_json"),
        (b'{"ok": false}', "bad_payload"),
        (b'{"jobs": {"title": "not a list"}}', "bad_payload"),
    ],
)
def test_a_board_that_does_not_parse_fails_and_yields_nothing(sources_file, body, reason):
    spider = make_spider(GreenhouseSpider, sources_file)
    failures = Failures(spider)
    meta = {"entry": entry(sources_file, "greenhouse", "acme")}
    assert parse(spider, body_response(body, BASE, meta)) == []
    assert failures.seen == [("greenhouse", "acme", reason)]
    assert spider.crawler.stats.get_value(f"screener/board_failed/{reason}") == 1


def test_http_errors_fail_the_board(sources_file):
    spider = make_spider(LeverSpider, sources_file)
    failures = Failures(spider)
    request = Request(BASE, meta={"entry": entry(sources_file, "lever", "globex")})
    response = body_response(b'{"ok": false}', BASE, request.meta)
    response = response.replace(status=404)
    failure = Failure(HttpError(response, "Ignoring non-200 response"))
    failure.request = request
    spider.board_error(failure)
    assert failures.seen == [("lever", "globex", "http_404")]


def test_gone_job_pages_do_not_fail_a_jsonld_board(sources_file):
    spider = make_spider(JsonLdSpider, sources_file)
    failures = Failures(spider)
    request = Request(f"{BASE}/careers/jobs/x.html", meta={"entry": entry(sources_file, "jsonld", "wayne")})
    for status in (410, 503):
        response = body_response(b"", request.url, request.meta).replace(status=status)
        failure = Failure(HttpError(response, "Ignoring non-200 response"))
        failure.request = request
        spider.page_error(failure)
    assert failures.seen == [("jsonld", "wayne", "http_503")]
    assert spider.crawler.stats.get_value("screener/jsonld/pages_gone") == 1
