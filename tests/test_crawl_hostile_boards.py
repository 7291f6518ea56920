"""Hostile board payloads through the real spiders and item pipelines (no reactor, no network).

Every API source gets the same treatment, from its saved fixture in the board's real shape:
every field of a job replaced by every wrong type; whole bodies that are truncated, empty, an HTML
error page answered with 200, nested far too deep, or in the wrong or a broken charset; duplicate
ids; hostile values (markup and script in titles, invisible and right-to-left characters, a 10 MB
description, impossible pay and dates). Each job is repaired (kept, with the field it could not
read left empty) or dropped with a counted reason (``screener/dropped/<reason>``); the board's
other jobs come out exactly as they do from the clean payload; a body that cannot be read fails
the board (it closes nothing tonight) and nothing raises.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, TextResponse

from scrapers import signals
from scrapers.items import JobItem
from scrapers.pipelines import Dropped
from scrapers.pipelines.dedupe import DedupePipeline
from scrapers.pipelines.normalize import NormalizePipeline
from scrapers.pipelines.validate import ValidatePipeline
from scrapers.spiders.ashby import AshbySpider
from scrapers.spiders.greenhouse import GreenhouseSpider
from scrapers.spiders.jsonld import JsonLdSpider
from scrapers.spiders.lever import LeverSpider
from scrapers.spiders.recruitee import RecruiteeSpider
from scrapers.spiders.smartrecruiters import SmartRecruitersSpider
from scrapers.spiders.workable import WorkableSpider
from screener.records import Posting
from screener.sources import load_sources
from tests.crawlhelpers import BASE, BOARDS, make_spider

SOURCES = """\
sources:
  - {type: greenhouse, token: acme}
  - {type: lever, token: globex, company: Globex}
  - {type: ashby, token: initech, company: Initech}
  - {type: workable, token: hooli}
  - {type: smartrecruiters, token: umbrella}
  - {type: recruitee, token: stark}
  - {type: jsonld, token: wayne, start_urls: ["http://127.0.0.1:8000/careers/jobs/"]}
"""

# source -> (spider, saved list payload, its jobs, a payload from a list of jobs)
API: dict[str, tuple[type, str, Callable[[Any], list], Callable[[list], Any]]] = {
    "greenhouse": (GreenhouseSpider, "greenhouse/acme.json", lambda p: p["jobs"], lambda jobs: {"jobs": jobs}),
    "lever": (LeverSpider, "lever/globex.json", lambda p: p, lambda jobs: jobs),
    "ashby": (AshbySpider, "ashby/initech.json", lambda p: p["jobs"], lambda jobs: {"jobs": jobs}),
    "workable": (
        WorkableSpider,
        "workable/hooli.json",
        lambda p: p["jobs"],
        lambda jobs: {"name": "Hooli Retail", "jobs": jobs},
    ),
    "smartrecruiters": (
        SmartRecruitersSpider,
        "smartrecruiters/umbrella-page0.json",
        lambda p: p["content"],
        lambda jobs: {"offset": 0, "limit": 100, "totalFound": len(jobs), "content": jobs},
    ),
    "recruitee": (RecruiteeSpider, "recruitee/stark.json", lambda p: p["offers"], lambda jobs: {"offers": jobs}),
}


def _deep(depth: int) -> list:
    value: list = ["deep"]
    for _ in range(depth):
        value = [value]
    return value


WRONG_TYPES: dict[str, Any] = {
    "null": None,
    "true": True,
    "zero": 0,
    "negative": -7,
    "huge int": 10**40,
    "huge float": 1e308,
    "empty text": "",
    "script": "<script>alert(1)</script>",
    "mixed list": [1, "a", None, {"name": 2}, []],
    "object": {"name": {"label": [1]}, "value": {}},
    "nested 300 deep": _deep(300),
}


@pytest.fixture(scope="module")
def sources_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "sources.yaml"
    path.write_text(SOURCES, encoding="utf-8")
    return path


class Board:
    """One board of one source: a spider on a crawler, its failures, and the pipelines up to the
    store (validate -> normalize -> dedupe)."""

    def __init__(self, source: str, sources_file: Path):
        cls = API[source][0] if source in API else JsonLdSpider
        self.source = source
        self.spider = make_spider(cls, sources_file)
        self.stats = self.spider.crawler.stats
        self.entry = load_sources(sources_file).of_type(source)[0]
        self.failed: list[str] = []
        self.spider.crawler.signals.connect(self.on_failed, signal=signals.board_failed)  # a bound method
        self.pipes = []
        for pipeline in (ValidatePipeline, NormalizePipeline, DedupePipeline):
            try:
                self.pipes.append(pipeline.from_crawler(self.spider.crawler))
            except NotConfigured:  # pragma: no cover - none of these needs a setting
                continue

    def on_failed(self, source: str, board: str, reason: str) -> None:
        self.failed.append(reason)

    def reset(self) -> Board:
        """Forget the last answer (a crawler per case costs more than the case itself)."""
        self.failed.clear()
        for pipe in self.pipes:
            if isinstance(pipe, DedupePipeline):
                pipe.seen.clear()
        if isinstance(self.spider, SmartRecruitersSpider):
            self.spider.listed.clear()
        return self

    def response(self, body: bytes, url: str = f"{BASE}/board", content_type: str = "application/json") -> TextResponse:
        request = Request(url, meta={"entry": self.entry})
        cls = HtmlResponse if content_type.startswith("text/html") else TextResponse
        return cls(url=url, body=body, headers={"Content-Type": content_type}, request=request)

    def read(self, payload: Any = None, *, body: bytes | None = None, content_type: str = "application/json") -> list:
        """The items of a board's answer (SmartRecruiters' details answered from the fixtures)."""
        if body is None:
            body = json.dumps(payload).encode()
        out: list[Any] = []
        for result in self.spider.parse_board(self.response(body, content_type=content_type)):
            if isinstance(result, Request) and result.callback == getattr(self.spider, "parse_detail", None):
                saved = BOARDS / "smartrecruiters" / f"umbrella-{result.url.rsplit('/', 1)[-1]}.json"
                detail = saved.read_bytes() if saved.exists() else b"{}"
                request = Request(result.url, meta=result.meta)
                out.extend(self.spider.parse_detail(TextResponse(result.url, body=detail, request=request)))
            elif isinstance(result, JobItem):
                out.append(result)
        return out

    def keep(self, item: JobItem) -> Posting | str:
        """The posting an item becomes, or the reason it was dropped (checked in the stats)."""
        before = dict(self.stats.get_stats())
        try:
            for pipe in self.pipes:
                item = pipe.process_item(item)
        except Dropped as exc:
            key = f"screener/dropped/{exc.reason}"
            assert self.stats.get_value(key) == before.get(key, 0) + 1, f"{exc.reason} not counted"
            return exc.reason
        assert isinstance(item, Posting)
        return item


def saved(source: str) -> tuple[list, Callable[[list], Any]]:
    _, name, jobs_of, wrap = API[source]
    return jobs_of(json.loads((BOARDS / name).read_bytes().replace(b"{base}", BASE.encode()))), wrap


def paths(value: Any, prefix: tuple = (), depth: int = 0) -> Iterator[tuple]:
    """Every key path in a job, three levels down (a list stands for its first element)."""
    if depth == 3:
        return
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from paths(child, (*prefix, key), depth + 1)
    elif isinstance(value, list) and value:
        yield (*prefix, 0)
        yield from paths(value[0], (*prefix, 0), depth + 1)


def replaced(job: dict, path: tuple, value: Any) -> dict:
    job = copy.deepcopy(job)
    node = job
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return job


def record(item: JobItem) -> dict:
    return {"source": item.source, "board": item.board, **item.to_record()}


# --- every field of a job, every wrong type ---------------------------------------------------


@pytest.mark.parametrize("source", API)
def test_every_field_of_a_job_in_every_wrong_type_spoils_only_that_job(source, sources_file):
    jobs, wrap = saved(source)
    hostile, neighbour = jobs[0], jobs[1]
    board = Board(source, sources_file)
    clean = [record(i) for i in board.read(wrap([hostile, neighbour]))]
    assert len(clean) == 2
    outcomes: dict[str, int] = {}
    cases = 0
    for path in paths(hostile):
        for name, value in WRONG_TYPES.items():
            cases += 1
            board.reset()
            items = board.read(wrap([replaced(hostile, path, value), neighbour]))
            where = f"{source} {'.'.join(map(str, path))} = {name}"
            assert board.failed == [], where
            assert clean[1] in [record(i) for i in items], f"{where}: the neighbour changed"
            assert len(items) <= 2, where
            for item in items:
                if record(item) != clean[1]:
                    kept = board.keep(item)
                    outcome = "kept" if isinstance(kept, Posting) else kept
                    outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert cases >= 150, cases  # the fixtures' jobs have a few dozen fields each
    assert outcomes.get("kept", 0) > cases // 2, outcomes  # most wrong fields are repaired, not fatal
    assert set(outcomes) <= {"kept", "missing_title", "invalid_title", "missing_id", "bad_url"}, outcomes


@pytest.mark.parametrize("source", API)
@pytest.mark.parametrize(
    ("job", "reason"),
    [
        ("a string", "not_an_object"),
        (None, "not_an_object"),
        ([{"id": 1}], "not_an_object"),
        ({}, "missing_title"),
    ],
)
def test_a_job_that_is_not_a_job_is_dropped_with_its_reason_and_the_rest_kept(source, job, reason, sources_file):
    jobs, wrap = saved(source)
    board = Board(source, sources_file)
    clean = [record(i) for i in board.read(wrap(jobs))]
    board = Board(source, sources_file)
    items = board.read(wrap([job, *jobs]))
    assert board.failed == []
    assert [record(i) for i in items if record(i) in clean] == clean
    (bad,) = [i for i in items if record(i) not in clean]
    assert board.keep(bad) == reason  # counted under screener/dropped/<reason> (checked by keep)


# --- whole bodies -------------------------------------------------------------------------------


def _truncated(body: bytes) -> bytes:
    return body[: len(body) // 2]


UNREADABLE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated JSON": (_truncated, "bad_json"),
    "cut after one byte": (lambda body: body[:1], "bad_json"),
    "empty body": (lambda body: b"", "bad_json"),
    "HTML error page with 200": (
        lambda body: b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
        "bad_json",
    ),
    "binary": (lambda body: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "bad_json"),
    "nested 100,000 deep": (lambda body: b"[" * 100_000 + b"]" * 100_000, "bad_json"),
    "JSON null": (lambda body: b"null", "bad_payload"),
    "a JSON string": (lambda body: b'"jobs"', "bad_payload"),
    "another shape": (lambda body: b'{"data": {"jobs": []}, "error": "moved"}', "bad_payload"),
    "NaN": (lambda body: b"NaN", "bad_payload"),
}


@pytest.mark.parametrize("source", API)
@pytest.mark.parametrize("case", UNREADABLE)
def test_an_unreadable_body_fails_the_board_and_yields_nothing(source, case, sources_file):
    make, reason = UNREADABLE[case]
    board = Board(source, sources_file)
    body = (BOARDS / API[source][1]).read_bytes()
    assert board.read(body=make(body)) == []
    assert board.failed == [reason]
    assert board.stats.get_value(f"screener/board_failed/{reason}") == 1


def _with_titles(source: str, first: bytes, second: str) -> bytes:
    """The saved payload with the first job's title replaced by raw bytes (which may not be
    UTF-8) and the second's by ``second``, as UTF-8."""
    jobs, wrap = saved(source)
    key = {"lever": "text", "smartrecruiters": "name"}.get(source, "title")
    jobs = [replaced(jobs[0], (key,), "@@FIRST@@"), replaced(jobs[1], (key,), second), *jobs[2:]]
    return json.dumps(wrap(jobs), ensure_ascii=False).encode("utf-8").replace(b"@@FIRST@@", first)


def _title(item: JobItem) -> str:
    return item.title


@pytest.mark.parametrize("source", API)
def test_charsets_a_bom_utf16_a_wrong_label_or_a_bad_byte_spoil_nothing_else(source, sources_file):
    accented = "Café Manager – Zürich"
    body = _with_titles(source, b"Plain", accented)
    expected = [record(i) for i in Board(source, sources_file).read(body=body)]
    assert [_title(i) for i in Board(source, sources_file).read(body=body)][:2] == ["Plain", accented]
    readable = {
        "UTF-8 with a BOM": (b"\xef\xbb\xbf" + body, "application/json"),
        "UTF-16": (body.decode("utf-8").encode("utf-16"), "application/json"),
        "labelled ISO-8859-1, sent as UTF-8": (body, "application/json; charset=ISO-8859-1"),
        "labelled nonsense": (body, "application/json; charset=no-such-charset"),
    }
    for case, (payload, content_type) in readable.items():
        board = Board(source, sources_file)
        assert [record(i) for i in board.read(body=payload, content_type=content_type)] == expected, case
        assert board.failed == [], case

    # One byte that is not UTF-8 in one title: that title gets a U+FFFD, every other accent stays.
    board = Board(source, sources_file)
    items = board.read(body=_with_titles(source, b"Bad \xff byte", accented))
    assert board.failed == []
    assert [_title(i) for i in items][:2] == ["Bad \ufffd byte", accented]
    assert [record(i) for i in items][1:] == expected[1:]

    # A board really sent in ISO-8859-1, and saying so, is read in it.
    latin = _with_titles(source, "Café".encode("latin-1"), "Plain")
    items = Board(source, sources_file).read(body=latin, content_type="application/json; charset=iso-8859-1")
    assert [_title(i) for i in items][:2] == ["Café", "Plain"]


# --- duplicates -------------------------------------------------------------------------------


@pytest.mark.parametrize("source", API)
def test_a_job_listed_twice_in_one_response_is_stored_once(source, sources_file):
    jobs, wrap = saved(source)
    board = Board(source, sources_file)
    items = board.read(wrap([jobs[0], jobs[1], jobs[0], copy.deepcopy(jobs[0])]))
    kept = [board.keep(i) for i in items]
    postings = [k for k in kept if isinstance(k, Posting)]
    assert len(postings) == 2 and len({p.source_id for p in postings}) == 2
    if source == "smartrecruiters":  # a posting's detail is fetched once: the repeats never become items
        assert board.stats.get_value("screener/skipped/listed_twice") == 2
    else:
        assert kept.count("duplicate") == 2
        assert board.stats.get_value("screener/dropped/duplicate") == 2


def test_smartrecruiters_paging_stops_when_a_page_lists_nothing_new(sources_file):
    """A server that ignores ``offset`` and claims a million postings is paged once more, not for ever."""
    jobs, wrap = saved("smartrecruiters")
    board = Board("smartrecruiters", sources_file)
    page = {**wrap(jobs), "totalFound": 1_000_000}
    first = list(board.spider.parse_board(board.response(json.dumps(page).encode())))
    (next_page,) = [r for r in first if isinstance(r, Request) and r.callback == board.spider.parse_board]
    request = Request(next_page.url, meta=next_page.meta)
    again = TextResponse(next_page.url, body=json.dumps(page).encode(), request=request)
    assert list(board.spider.parse_board(again)) == []
    assert board.failed == []


# --- hostile values: repaired on the way through ------------------------------------------------


def _posting(source: str, sources_file: Path, **fields: Any) -> Posting | str:
    """The first job of the saved board with ``fields`` (key paths joined by '.') replaced."""
    jobs, wrap = saved(source)
    job = jobs[0]
    for path, value in fields.items():
        job = replaced(job, tuple(int(p) if p.isdigit() else p for p in path.split(".")), value)
    board = Board(source, sources_file)
    items = board.read(wrap([job]))
    assert board.failed == []
    (item,) = items
    return board.keep(item)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("<script>alert(1)</script>Operations <b>Manager</b>", "Operations Manager"),
        ("Operations &lt;img src=x onerror=alert(1)&gt; Manager", "Operations Manager"),
        ("Oper\u200bations Man\u200dager\ufeff", "Operations Manager"),
        ("\u202eOperations Manager\u202c\u200f", "Operations Manager"),
        ("  Operations\n\tManager  ", "Operations Manager"),
        ('=HYPERLINK("http://evil")', '=HYPERLINK("http://evil")'),  # kept as text; the CSV writer defuses it
    ],
)
def test_titles_lose_markup_script_and_invisible_characters(title, expected, sources_file):
    posting = _posting("greenhouse", sources_file, title=title)
    assert isinstance(posting, Posting) and posting.title == expected


@pytest.mark.parametrize("title", ["<script>alert(1)</script>", "\u200b\u202e\u200f", "&nbsp;&#8203;", "<p></p>"])
def test_a_title_that_is_only_markup_or_invisible_is_dropped(title, sources_file):
    assert _posting("greenhouse", sources_file, title=title) == "missing_title"


def test_a_ten_megabyte_description_is_cut_not_choked_on(sources_file):
    big = "<p>" + "Run the night shift with a team of 40. " * 270_000 + "</p>"
    assert len(big) > 10_000_000
    started = time.perf_counter()
    posting = _posting("greenhouse", sources_file, content=big)
    assert time.perf_counter() - started < 5
    assert isinstance(posting, Posting)
    assert 0 < len(posting.description) <= 100_000
    assert posting.description.startswith("Run the night shift")


@pytest.mark.parametrize(
    ("pay", "expected"),
    [
        ({"min_cents": 0, "max_cents": 0}, (None, None, None)),
        ({"min_cents": -9_500_000, "max_cents": -12_000_000}, (None, None, None)),
        ({"min_cents": 15_500_000, "max_cents": 12_500_000}, (125_000, 155_000, "year")),  # min above max
        ({"min_cents": "12500000", "max_cents": "15500000"}, (125_000, 155_000, "year")),  # digits as text
        ({"min_cents": 10**40, "max_cents": 10**40}, (None, None, None)),
    ],
)
def test_greenhouse_pay_that_cannot_be_is_repaired_or_left_out(pay, expected, sources_file):
    fields = {f"pay_input_ranges.0.{key}": value for key, value in pay.items()}
    posting = _posting("greenhouse", sources_file, **fields)
    assert isinstance(posting, Posting)
    assert (posting.salary_min, posting.salary_max, posting.salary_period) == expected


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        ({"min": 25, "max": 30, "currency": "USD", "interval": "per-year-salary"}, (25, 30, "hour")),
        ({"min": 95000, "max": 120000, "currency": "USD", "interval": "per-hour-wage"}, (95000, 120000, "year")),
        ({"min": 0, "max": 0, "currency": "USD", "interval": "per-year-salary"}, (None, None, None)),
        ({"min": -80000, "max": 95000, "currency": "GBP", "interval": "per-year-salary"}, (None, 95000, "year")),
        ({"min": "lots", "max": {"amount": 95000}, "currency": 5, "interval": {}}, (None, None, None)),
    ],
)
def test_lever_pay_hourly_as_yearly_zero_negative_and_wrong_types(salary, expected, sources_file):
    posting = _posting("lever", sources_file, salaryRange=salary)
    assert isinstance(posting, Posting)
    assert (posting.salary_min, posting.salary_max, posting.salary_period) == expected


@pytest.mark.parametrize(
    ("source", "field", "value"),
    [
        ("lever", "createdAt", 32_503_680_000_000),  # the year 3000, in milliseconds
        ("lever", "createdAt", -1),
        ("lever", "createdAt", 10**40),
        ("workable", "published_on", "2026-02-30"),
        ("workable", "published_on", "2999-01-01"),
        ("recruitee", "published_at", "0000-00-00 00:00:00 UTC"),
        ("ashby", "publishedAt", "1970-01-01T00:00:00Z"),
        ("greenhouse", "first_published", "yesterday-ish"),
    ],
)
def test_impossible_and_future_dates_are_left_empty(source, field, value, sources_file):
    posting = _posting(source, sources_file, **{field: value})
    assert isinstance(posting, Posting)
    assert posting.date_posted is None


# --- JSON-LD pages ------------------------------------------------------------------------------

GOOD_NODE = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Regional Director",
    "identifier": {"@type": "PropertyValue", "value": "WR-1"},
    "hiringOrganization": {"@type": "Organization", "name": "Wayne Retail"},
    "datePosted": "2026-09-01",
    "description": "<p>Lead 12 store managers.</p>",
}
JUNK_GRAPH = [1, "x", None, [], {"@type": "WebPage"}, {"@type": 7}, GOOD_NODE]
JSONLD_FIELDS = (
    "title", "name", "url", "identifier", "hiringOrganization", "description", "datePosted",
    "validThrough", "employmentType", "jobLocationType", "occupationalCategory", "jobLocation",
    "applicantLocationRequirements", "baseSalary", "estimatedSalary", "experienceRequirements", "@type",
)  # fmt: skip


def page(*scripts: str, head: str = "<meta charset='utf-8'>") -> bytes:
    """A job page; "</" in the JSON is written "<\\/", as a page must (HTML ends a script at "</script")."""
    tags = "".join(
        f"<script type='application/ld+json'>{s.replace('</', '<' + chr(92) + '/')}</script>" for s in scripts
    )
    return f"<!DOCTYPE html><html><head>{head}{tags}</head><body><h1>Job</h1></body></html>".encode()


def jsonld_items(board: Board, body: bytes, content_type: str = "text/html") -> list[JobItem]:
    response = board.response(body, url=f"{BASE}/careers/jobs/1.html", content_type=content_type)
    return list(board.spider.parse_page(response))


@pytest.mark.parametrize(
    ("scripts", "titles"),
    [
        (["{not json", json.dumps(GOOD_NODE)], ["Regional Director"]),
        ([json.dumps(GOOD_NODE)[:60]], []),  # truncated
        (["", "   ", "null", "[]", "42"], []),
        ([json.dumps({"@graph": JUNK_GRAPH})], ["Regional Director"]),
        ([json.dumps([None, 5, "a", {**GOOD_NODE, "title": "A"}, [{**GOOD_NODE, "title": "B"}], True])], ["A", "B"]),
        (["[" * 100_000 + "]" * 100_000, json.dumps(GOOD_NODE)], ["Regional Director"]),
        ([json.dumps({"@type": "JobPosting"})], [None]),  # a node with nothing: an item, dropped below
    ],
    ids=["bad script beside a good one", "truncated", "empty and scalar", "graph with junk", "mixed list",
         "nested 100,000 deep", "bare node"],
)  # fmt: skip
def test_jsonld_pages_keep_what_parses_and_skip_the_rest(scripts, titles, sources_file):
    board = Board("jsonld", sources_file)
    items = jsonld_items(board, page(*scripts))
    assert [i.title for i in items] == titles
    assert board.failed == []


def test_a_jsonld_posting_with_every_field_of_every_wrong_type_is_repaired_or_dropped(sources_file):
    outcomes: dict[str, int] = {}
    board = Board("jsonld", sources_file)
    for field in JSONLD_FIELDS:
        for value in WRONG_TYPES.values():
            board.reset()
            node = {**GOOD_NODE, field: value}
            items = jsonld_items(board, page(json.dumps(node), json.dumps({**GOOD_NODE, "title": "Neighbour"})))
            assert board.failed == []
            assert items[-1].title == "Neighbour"
            for item in items[:-1]:
                kept = board.keep(item)
                outcome = "kept" if isinstance(kept, Posting) else kept
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert outcomes["kept"] > len(JSONLD_FIELDS) * len(WRONG_TYPES) // 2
    assert set(outcomes) <= {"kept", "missing_title", "invalid_title"}, outcomes


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/careers/jobs/1.html?ref=x", f"{BASE}/careers/jobs/1.html?ref=x"),
        ("javascript:alert(1)", f"{BASE}/careers/jobs/1.html"),
        ("http://[broken", f"{BASE}/careers/jobs/1.html"),
        ("https://jobs.example.com/1", "https://jobs.example.com/1"),
    ],
)
def test_a_jsonld_url_is_resolved_against_its_page_or_replaced_by_it(url, expected, sources_file):
    board = Board("jsonld", sources_file)
    (item,) = jsonld_items(board, page(json.dumps({**GOOD_NODE, "url": url})))
    assert item.url == expected
    assert isinstance(board.keep(item), Posting)


def test_jsonld_script_in_titles_a_huge_description_and_charsets(sources_file):
    board = Board("jsonld", sources_file)
    node = {**GOOD_NODE, "title": "<script>alert('x')</script>Regional\u200b Director\u202e"}
    (item,) = jsonld_items(board, page(json.dumps(node)))
    assert board.keep(item).title == "Regional Director"

    node = {**GOOD_NODE, "description": "<p>" + "Lead 12 store managers. " * 450_000 + "</p>"}
    started = time.perf_counter()
    (item,) = jsonld_items(Board("jsonld", sources_file), page(json.dumps(node)))
    posting = Board("jsonld", sources_file).keep(item)
    assert time.perf_counter() - started < 5 and len(posting.description) <= 100_000

    # Labelled ISO-8859-1 (in the header and the page), sent as UTF-8: read as UTF-8.
    accented = json.dumps({**GOOD_NODE, "title": "Directeur régional – Zürich"}, ensure_ascii=False)
    body = page(accented, head="<meta charset='iso-8859-1'>")
    (item,) = jsonld_items(Board("jsonld", sources_file), body, "text/html; charset=iso-8859-1")
    assert item.title == "Directeur régional – Zürich"
    # Really ISO-8859-1, and saying so.
    body = page(accented, head="<meta charset='iso-8859-1'>").decode("utf-8").replace("–", "-").encode("latin-1")
    (item,) = jsonld_items(Board("jsonld", sources_file), body, "text/html; charset=iso-8859-1")
    assert item.title == "Directeur régional - Zürich"
    # A stray byte that is not UTF-8 in a UTF-8 page: no crash, the posting is still read.
    body = page(json.dumps({**GOOD_NODE, "title": "Regional Director"})).replace(b"<h1>", b"<h1>\xff")
    (item,) = jsonld_items(Board("jsonld", sources_file), body, "text/html")
    assert item.title == "Regional Director"
