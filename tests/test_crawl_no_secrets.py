"""No credentials needed or logged: the user agent and contact are configurable, and no log line
of a crawl shows a password in a URL or a secret query value, whatever a board sends."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from scrapers.logredact import RedactingRecordFactory, redact
from scrapers.middlewares import UserAgentMiddleware, user_agent
from scrapers.spiders.greenhouse import GreenhouseSpider
from screener import __version__
from tests.crawlhelpers import board_server, write_routes

SCREENER = str(Path(sys.executable).with_name("screener"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<GET http://user:hunter2@127.0.0.1:8000/x>", "<GET http://***@127.0.0.1:8000/x>"),
        ("https://apikey@boards.example/x?a=1", "https://***@boards.example/x?a=1"),
        ("invalid hostname: user:hunter2@boards.example", "invalid hostname: ***@boards.example"),
        ("GET /v1/jobs?api_key=hunter2&page=2", "GET /v1/jobs?api_key=***&page=2"),
        ("'https://x.example/a?page=1&access_token=abc.def#top'", "'https://x.example/a?page=1&access_token=***#top'"),
        ("https://x.example/a;jsessionid=ABC?Token=t0k3n", "https://x.example/a;jsessionid=***?Token=***"),
        ("contact mailto:crawler@example.com, see https://x.example/?page=2", None),  # nothing secret
        ("greenhouse board 'acme' failed (http_404): https://boards.example/a", None),
        ("12:30 at the office@home", None),
    ],
)
def test_redact(text, expected):
    assert redact(text) == (text if expected is None else expected)


def test_every_log_record_is_redacted_traceback_included():
    factory = RedactingRecordFactory(logging.getLogRecordFactory())
    record = factory(
        "x", logging.WARNING, __file__, 1, "Gave up retrying %s: %s", ("<GET http://u:p4ss@h/x>", "boom"), None
    )
    assert record.getMessage() == "Gave up retrying <GET http://***@h/x>: boom"
    try:
        raise ValueError("invalid hostname: u:p4ss@boards.example")
    except ValueError:
        record = factory("x", logging.ERROR, __file__, 1, "Error downloading", (), sys.exc_info())
    assert "p4ss" not in logging.Formatter().format(record)
    assert "invalid hostname: ***@boards.example" in record.exc_text


def test_the_user_agent_names_the_tool_and_a_configurable_contact():
    default = Settings({"SCREENER_CONTACT_URL": "https://github.com/screener-dev/screener"})
    assert user_agent(default) == f"screener/{__version__} (+https://github.com/screener-dev/screener)"
    contact = Settings({"SCREENER_CONTACT_URL": "mailto:me@example.com"})
    assert user_agent(contact) == f"screener/{__version__} (+mailto:me@example.com)"
    whole = Settings({"SCREENER_USER_AGENT": "acme-careers-bot/2 (ops@acme.example)"})
    assert user_agent(whole) == "acme-careers-bot/2 (ops@acme.example)"
    run = Settings({"SCREENER_USER_AGENT": "ignored"})
    run.set("USER_AGENT", "for tonight only", priority="cmdline")  # screener crawl -s USER_AGENT=...
    assert user_agent(run) == "for tonight only"

    crawler = get_crawler(GreenhouseSpider, settings_dict={"SCREENER_CONTACT_URL": "mailto:me@example.com"})
    request = Request("http://127.0.0.1/x")
    UserAgentMiddleware.from_crawler(crawler).process_request(request)
    assert request.headers[b"User-Agent"] == f"screener/{__version__} (+mailto:me@example.com)".encode()
    assert b"Authorization" not in request.headers and b"Cookie" not in request.headers


def test_the_contact_and_user_agent_come_from_the_environment():
    script = "import scrapers.settings as s; print(s.SCREENER_CONTACT_URL); print(s.SCREENER_USER_AGENT)"
    env = {**os.environ, "SCREENER_CONTACT_URL": "mailto:me@example.com", "SCREENER_USER_AGENT": "bot/1"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["mailto:me@example.com", "bot/1"]


def test_a_crawl_sends_the_contact_and_logs_no_secret_a_board_hands_it(tmp_path):
    """At DEBUG, where Scrapy logs every URL: a board redirects to a URL with a password and a
    token, a sitemap lists one; no log line, summary or stored URL shows them."""
    routes, requests = tmp_path / "routes.json", tmp_path / "requests.jsonl"
    write_routes(routes, {})
    with board_server(routes, "--log", str(requests)) as base:
        host = base.removeprefix("http://")
        write_routes(
            routes,
            {
                "/robots.txt": {"body": ""},
                "/gh/acme": {"file": "greenhouse/acme.json"},
                "/gh/moved": {
                    "status": 302,
                    "headers": {"Location": f"http://user:hunter2@{host}/gh/gone?api_key=hunter3&page=1"},
                },
                "/careers/sitemap.xml": {
                    "body": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<url><loc>http://{host}/careers/1.html?token=hunter4</loc></url></urlset>",
                    "type": "application/xml",
                },
                "/careers/1.html": {"file": "jsonld/regional-director.html"},
            },
        )
        (tmp_path / "sources.yaml").write_text(
            "sources:\n"
            f'  - {{type: greenhouse, token: acme, url: "{base}/gh/acme"}}\n'
            f'  - {{type: greenhouse, token: moved, url: "{base}/gh/moved"}}\n'
            f'  - {{type: jsonld, token: wayne, sitemap: "{base}/careers/sitemap.xml"}}\n',
            encoding="utf-8",
        )
        proc = subprocess.run(
            [
                SCREENER, "crawl", "--sources", str(tmp_path / "sources.yaml"), "--db", str(tmp_path / "s.db"),
                "--no-enrich", "-s", "LOG_LEVEL=DEBUG", "-s", "SCREENER_CONTACT_URL=mailto:crawler@example.com",
                "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_TIMES=0",
            ],
            capture_output=True, text=True, cwd=tmp_path, timeout=120,
        )  # fmt: skip
    assert "Crawled (200)" in proc.stderr  # DEBUG was on: every URL was logged...
    for secret in ("hunter2", "hunter3", "hunter4"):  # ...and none of the secrets
        assert secret not in proc.stderr + proc.stdout
    assert "api_key=***" in proc.stderr and "token=***" in proc.stderr
    sent = [json.loads(line) for line in requests.read_text(encoding="utf-8").splitlines()]
    assert {r["headers"]["User-Agent"] for r in sent} == {f"screener/{__version__} (+mailto:crawler@example.com)"}
    assert not any("Authorization" in r["headers"] or "Cookie" in r["headers"] for r in sent)
    with sqlite3.connect(tmp_path / "s.db") as conn:
        urls = [url for (url,) in conn.execute("SELECT url FROM postings")]
        summaries = " ".join(s for (s,) in conn.execute("SELECT summary FROM runs"))
    assert urls and not any("hunter" in url for url in urls)
    assert "hunter" not in summaries
