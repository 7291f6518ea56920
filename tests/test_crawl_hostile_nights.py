"""Hostile boards over whole nights: what is stored stays whole.

Through the store: a job a board still lists but tonight in a shape that cannot be kept leaves
its stored posting as it was, open (not closed as gone, not overwritten with junk). Through the
middlewares: a callback that raises fails its board, and a board's API redirected to another site
is not followed. End to end: `screener crawl` in a child process against a local server whose
boards answer with everything hostile at once, two nights running.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import Response, TextResponse
from scrapy.utils.test import get_crawler

from scrapers import signals
from scrapers.middlewares import BoardErrorMiddleware, OffsiteRedirect, SameSiteRedirectMiddleware, site_of
from scrapers.spiders.base import failure_reason
from scrapers.spiders.greenhouse import GreenhouseSpider
from scrapers.spiders.jsonld import JsonLdSpider
from screener.sources import parse_sources
from tests.crawlhelpers import BASE, BOARDS, board_server, write_routes
from tests.test_crawl_pipelines import Night, runs

SCREENER = str(Path(sys.executable).with_name("screener"))
ACME = json.loads((BOARDS / "greenhouse" / "acme.json").read_text(encoding="utf-8"))
ENTRY = parse_sources("sources:\n  - {type: greenhouse, token: acme}\n").of_type("greenhouse")[0]


def night_of(db: Path, payload: Any) -> Night:
    """One night of board acme: the real spider reads ``payload``, the real pipelines store it."""
    night = Night(db)
    night.board("acme")
    request = Request(BASE, meta={"entry": ENTRY})
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    spider = GreenhouseSpider.from_crawler(night.crawler)  # its board_failed reaches the store pipeline
    for item in spider.parse_board(TextResponse(BASE, body=body, request=request)):
        night.item(item)
    night.close()
    return night


def postings(db: Path) -> dict[str, tuple[str, bool]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source_id, title, closed_at IS NULL FROM postings").fetchall()
    return {source_id: (title, bool(is_open)) for source_id, title, is_open in rows}


def last_summary(db: Path) -> dict[str, Any]:
    _, _, status, summary = [r for r in runs(db) if r[1] == "acme"][-1]
    return {"status": status, **json.loads(summary)}


def test_a_job_still_listed_but_unreadable_tonight_keeps_what_was_stored(tmp_path):
    db = tmp_path / "s.db"
    night_of(db, ACME)
    first = postings(db)
    assert first == {
        "4001": ("Senior Operations Manager", True),
        "4002": ("Inventory Control Analyst", True),
        "4003": ("Shift Supervisor, Nights", True),
    }

    # Tonight 4001 has no title, 4003 a javascript: URL, and 4002 is a string where its object was.
    jobs = [dict(job) for job in ACME["jobs"]]
    jobs[0]["title"] = None
    jobs[1] = "4002"
    jobs[2]["absolute_url"] = "javascript:alert(1)"
    night_of(db, {**ACME, "jobs": jobs})
    acme = last_summary(db)
    assert acme["status"] == "ok"
    assert acme["dropped"] == {"missing_title": 1, "not_an_object": 1, "bad_url": 1}
    assert (acme["fetched"], acme["new"], acme["updated"], acme["unchanged"]) == (3, 0, 0, 0)
    now = postings(db)
    assert now["4001"] == first["4001"] and now["4003"] == first["4003"]  # as stored, still open
    assert now["4002"] == ("Inventory Control Analyst", False)  # nothing identifies it any more: gone
    assert acme["closed"] == 1

    # Unreadable bodies fail the board: nothing closes, nothing changes.
    for body in (b"[" * 50_000 + b"]" * 50_000, json.dumps(ACME).encode()[:500], b"<html>502</html>"):
        night_of(db, body)
        assert last_summary(db)["status"] == "failed"
        assert last_summary(db)["closed"] == 0
        assert postings(db) == now


# --- middlewares --------------------------------------------------------------------------------


def test_a_callback_that_raises_fails_its_board():
    crawler = get_crawler(GreenhouseSpider, settings_dict={"SCREENER_SOURCES": "unused.yaml"})
    spider = GreenhouseSpider.from_crawler(crawler)
    failed: list[tuple[str, str, str]] = []

    def on_failed(source: str, board: str, reason: str) -> None:
        failed.append((source, board, reason))

    crawler.signals.connect(on_failed, signal=signals.board_failed, weak=False)
    response = TextResponse(BASE, body=b"{}", request=Request(BASE, meta={"entry": ENTRY}))
    crawler.spider = spider
    middleware = BoardErrorMiddleware.from_crawler(crawler)
    assert middleware.process_spider_exception(response, RuntimeError("bug")) is None
    assert failed == [("greenhouse", "acme", "spider_error")]
    other = TextResponse(BASE, body=b"{}", request=Request(BASE))  # not a board's request: left to Scrapy
    assert middleware.process_spider_exception(other, RuntimeError("bug")) is None
    assert len(failed) == 1


@pytest.mark.parametrize(
    ("origin", "target", "same"),
    [
        ("boards-api.greenhouse.io", "job-boards.greenhouse.io", True),
        ("api.lever.co", "api.eu.lever.co", True),
        ("acme.recruitee.com", "ACME.recruitee.com.", True),
        ("careers.acme.co.uk", "jobs.acme.co.uk", True),
        ("careers.acme.co.uk", "evil.co.uk", False),
        ("boards-api.greenhouse.io", "greenhouse.io.evil.com", False),
        ("127.0.0.1", "localhost", False),
        ("127.0.0.1", "127.0.0.2", False),
        ("[::1]", "[::1]", True),
    ],
)
def test_what_counts_as_the_same_site(origin, target, same):
    assert (site_of(origin.strip("[]")) == site_of(target.strip("[]"))) is same


def redirect(spider_cls: type, url: str, location: str, chain: list[str] | None = None) -> Request | Response:
    crawler = get_crawler(spider_cls, settings_dict={"SCREENER_SOURCES": "unused.yaml"})
    crawler.spider = spider_cls.from_crawler(crawler)
    middleware = SameSiteRedirectMiddleware.from_crawler(crawler)
    request = Request(url, meta={"redirect_urls": chain} if chain else {})
    response = Response(url, status=302, headers={"Location": location}, request=request)
    return middleware.process_response(request, response)


def test_a_board_api_is_followed_within_its_site_only():
    moved = redirect(
        GreenhouseSpider,
        "http://boards-api.greenhouse.io/v1/boards/a/jobs",
        "https://boards-api.greenhouse.io/v1/boards/a/jobs",
    )
    assert isinstance(moved, Request) and moved.url.startswith("https://boards-api")
    with pytest.raises(OffsiteRedirect) as info:
        redirect(GreenhouseSpider, "https://boards-api.greenhouse.io/v1/boards/a/jobs", "https://parked.example/")
    assert str(info.value) == "redirected from boards-api.greenhouse.io to another site, parked.example"
    # Hop by hop is no way round it: the chain's first URL is the reference.
    with pytest.raises(OffsiteRedirect):
        redirect(
            GreenhouseSpider,
            "https://greenhouse.io.evil.com/x",
            "https://x.evil.com/y",
            ["https://boards-api.greenhouse.io/"],
        )
    # A careers site's pages may live on its ATS's host: followed.
    assert isinstance(redirect(JsonLdSpider, "https://careers.acme.com/jobs/1", "https://acme.ats.example/1"), Request)


def test_an_offsite_redirect_is_a_named_failure():
    from twisted.python.failure import Failure

    assert failure_reason(Failure(OffsiteRedirect("redirected"))) == "offsite_redirect"


# --- end to end ---------------------------------------------------------------------------------

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_TIMES=0"]
GOOD_NODE = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Regional Director",
    "identifier": {"@type": "PropertyValue", "value": "WR-1"},
    "hiringOrganization": {"@type": "Organization", "name": "Wayne Retail"},
    "description": "<p>Lead 12 store managers.</p>",
}


def hostile_jobs() -> dict[str, Any]:
    jobs = [dict(job) for job in ACME["jobs"]]
    jobs[0]["title"] = "<script>alert(1)</script>Senior Operations\u200b Manager\u202e"
    jobs[1]["content"] = "&lt;p&gt;" + "Count the stock. " * 620_000 + "&lt;/p&gt;"  # 10.5 MB
    jobs[2]["pay_input_ranges"] = [{"min_cents": -5, "max_cents": "lots", "currency_type": ["USD"]}]
    extra = [
        "not a job",
        {"id": 4001, "title": "Listed twice"},
        {"id": {"nested": [1]}, "title": "An id that is not one", "absolute_url": "https://x.example/1"},
        {"id": 4009, "title": 42, "location": "Chicago", "metadata": "junk", "departments": 7},
    ]
    return {"jobs": [*jobs, *extra]}


def jsonld_page(*nodes: Any, raw: str = "") -> str:
    scripts = "".join(
        f"<script type='application/ld+json'>{json.dumps(n).replace('</', '<' + chr(92) + '/')}</script>" for n in nodes
    )
    return f"<html><head><meta charset='utf-8'>{scripts}{raw}</head><body>Job</body></html>"


def routes(base: str, tonight: int) -> dict[str, Any]:
    latin1 = json.dumps({**ACME, "jobs": [{**ACME["jobs"][0], "title": "Café Manager"}, *ACME["jobs"][1:]]})
    graph = {"@graph": [1, None, {"@type": "JobPosting", "title": 7}, GOOD_NODE]}
    listed = [
        None,
        "x",
        {**GOOD_NODE, "title": "<b>Shift Lead</b>", "identifier": "WR-2", "url": "/careers/jobs/2.html"},
    ]
    return {
        "/robots.txt": {"body": "User-agent: *\nAllow: /\n"},
        "/gh/good": {"file": "greenhouse/acme.json"},
        "/gh/hostile": {"file": "greenhouse/acme.json"} if tonight == 1 else {"body": json.dumps(hostile_jobs())},
        "/gh/truncated": {"file": "greenhouse/acme.json"} if tonight == 1 else {"body": json.dumps(ACME)[:900]},
        "/gh/html200": {"body": "<!DOCTYPE html><title>Maintenance</title>", "type": "text/html"},
        "/gh/deep": {"body": "[" * 100_000 + "]" * 100_000},
        "/gh/moved": {"status": 301, "headers": {"Location": f"{base}/gh/good"}},
        "/gh/offsite": {"status": 302, "headers": {"Location": base.replace("127.0.0.1", "localhost") + "/gh/good"}},
        "/gh/latin1": {"body": latin1, "type": "application/json; charset=iso-8859-1"},  # a wrong label
        "/careers/jobs/1.html": {"body": jsonld_page(graph, raw="<script type='application/ld+json'>{broken")},
        "/careers/jobs/2.html": {"body": jsonld_page(listed)},
    }


def sources(base: str) -> str:
    boards = ["good", "hostile", "truncated", "html200", "deep", "moved", "offsite", "latin1"]
    lines = [f'  - {{type: greenhouse, token: {b}, url: "{base}/gh/{b}"}}' for b in boards]
    lines.append(
        f'  - {{type: jsonld, token: wayne, start_urls: ["{base}/careers/jobs/1.html", "{base}/careers/jobs/2.html"]}}'
    )
    return "sources:\n" + "\n".join(lines) + "\n"


def crawl(workdir: Path) -> tuple[int, dict[str, Any], str]:
    env = {**os.environ, "SCREENER_DB": str(workdir / "s.db")}
    proc = subprocess.run(
        [SCREENER, "crawl", "--sources", str(workdir / "sources.yaml"), "--json", "--no-enrich", *FAST],
        capture_output=True, text=True, env=env, cwd=workdir, timeout=120,
    )  # fmt: skip
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}, proc.stderr


def board_runs(db: Path) -> dict[str, dict[str, Any]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT board, status, summary FROM runs WHERE board IS NOT NULL AND id > "
            "(SELECT max(id) FROM runs WHERE source IS NULL)"
        ).fetchall()
    return {board: {"status": status, **json.loads(summary)} for board, status, summary in rows}


def stored(db: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source_id, board, title, p.closed_at IS NULL FROM postings p "
                            "JOIN sightings s ON s.posting_id = p.id").fetchall()  # fmt: skip
    return {(board, source_id): (title, bool(is_open)) for source_id, board, title, is_open in rows}


def test_two_hostile_nights_end_to_end(tmp_path):
    routes_file = tmp_path / "routes.json"
    write_routes(routes_file, {})
    with board_server(routes_file) as base:
        write_routes(routes_file, routes(base, 1))
        (tmp_path / "sources.yaml").write_text(sources(base), encoding="utf-8")
        _, night1, stderr = crawl(tmp_path)
        assert "Traceback" not in stderr
        failed = night1["sources"]["greenhouse"]["boards_failed"]
        assert failed == {"html200": "bad_json", "deep": "bad_json", "offsite": "offsite_redirect"}
        db = tmp_path / "s.db"
        first = stored(db)
        assert first[("latin1", "4001")] == ("Café Manager", True)  # labelled ISO-8859-1, sent as UTF-8
        assert first[("moved", "4002")] == ("Inventory Control Analyst", True)  # same-site redirect followed
        assert first[("wayne", "WR-1")] == ("Regional Director", True)
        assert first[("wayne", "WR-2")] == ("Shift Lead", True)
        assert not any(board in ("html200", "deep", "offsite") for board, _ in first)

        write_routes(routes_file, routes(base, 2))
        _, _, stderr = crawl(tmp_path)
        assert "Traceback" not in stderr
        runs2 = board_runs(db)
        hostile = runs2["hostile"]
        assert hostile["status"] == "ok"
        assert hostile["dropped"] == {"not_an_object": 1, "duplicate": 1, "missing_title": 1}
        # 4001 cleans up to what it was, 4003's junk pay reads as none (as before): unchanged; 4002's
        # 12 MB text is cut and stored; the job whose id is an object is kept under its URL.
        assert (hostile["unchanged"], hostile["updated"], hostile["new"], hostile["closed"]) == (2, 1, 1, 0)
        assert runs2["truncated"]["status"] == "failed" and runs2["truncated"]["closed"] == 0
        now = stored(db)
        assert now[("hostile", "4001")] == ("Senior Operations Manager", True)
        assert ("hostile", "4009") not in now  # a number for a title: dropped
        assert all(now[key] == value for key, value in first.items() if key[0] != "hostile")
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            (longest,) = conn.execute("SELECT max(length(description)) FROM postings").fetchone()
            assert longest <= 100_000


def test_a_spider_that_raises_mid_board_closes_nothing(tmp_path):
    """The BoardErrorMiddleware in a real crawl: a callback that raises after two jobs fails the
    board, so the third job stored the night before is not closed."""
    routes_file = tmp_path / "routes.json"
    write_routes(routes_file, {"/robots.txt": {"body": ""}, "/gh/acme": {"file": "greenhouse/acme.json"}})
    script = textwrap.dedent(
        """
        import sys
        from scrapy.crawler import CrawlerProcess
        from scrapy.utils.project import get_project_settings
        from scrapers.spiders.greenhouse import GreenhouseSpider

        class Buggy(GreenhouseSpider):
            def parse_board(self, response):
                for n, item in enumerate(super().parse_board(response)):
                    if n == 2 and sys.argv[1] == "buggy":
                        raise RuntimeError("a bug in the spider")
                    yield item

        settings = get_project_settings()
        # the second night must parse the board (an unchanged listing is otherwise not read again)
        settings.setdict({"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "SCREENER_SKIP_UNCHANGED": False},
                         priority="cmdline")
        process = CrawlerProcess(settings)
        process.crawl(Buggy, name="greenhouse", sources=sys.argv[2])
        process.start()
        """
    )
    (tmp_path / "buggy.py").write_text(script, encoding="utf-8")  # Scrapy reads a callback's source
    with board_server(routes_file) as base:
        (tmp_path / "sources.yaml").write_text(
            f'sources:\n  - {{type: greenhouse, token: acme, url: "{base}/gh/acme"}}\n', encoding="utf-8"
        )
        env = {
            **os.environ,
            "SCRAPY_SETTINGS_MODULE": "scrapers.settings",
            "SCREENER_DB": str(tmp_path / "s.db"),
        }
        for mode in ("clean", "buggy"):
            proc = subprocess.run(
                [sys.executable, str(tmp_path / "buggy.py"), mode, str(tmp_path / "sources.yaml")],
                capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr
        assert "RuntimeError: a bug in the spider" in proc.stderr, proc.stderr[-3000:]  # logged, with its traceback
    summary = board_runs_all(tmp_path / "s.db")[-1]
    assert (summary["status"], summary["error"], summary["closed"]) == ("failed", "spider_error", 0)
    assert all(is_open for _, is_open in stored(tmp_path / "s.db").values())


def board_runs_all(db: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT status, summary FROM runs WHERE board IS NOT NULL ORDER BY id").fetchall()
    return [{"status": status, **json.loads(summary)} for status, summary in rows]
