"""`screener crawl` end to end: a child process crawling a local server that plays every board.

Three nights against one database: everything new; the same again (nothing new, nothing closed);
then boards change (a job gone, one edited, a page out of the sitemap) while others fail (HTTP
error, bad JSON, robots.txt, a failed detail): failed boards close nothing, and the monitor fails
the night because a board that had postings has none.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from screener.crawl import crawl_lock
from tests.crawlhelpers import board_server, write_routes

SCREENER = str(Path(sys.executable).with_name("screener"))
FAST = [
    "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_TIMES=0",
    "-s", "SCREENER_MONITOR_MIN_FETCHED=5",
]  # fmt: skip

SR = "/sr/umbrella/postings"
NIGHT1: dict[str, Any] = {
    "/robots.txt": {"body": "User-agent: *\nDisallow: /blocked/\n"},
    "/gh/acme": {"file": "greenhouse/acme.json"},
    "/gh/broken": {"status": 500},
    "/gh/badjson": {"body": "<html>down for maintenance</html>", "type": "application/json"},
    "/blocked/gh/secret": {"file": "greenhouse/acme.json"},
    "/lever/globex": {"file": "lever/globex.json"},
    "/ashby/initech": {"file": "ashby/initech.json"},
    "/workable/hooli": {"file": "workable/hooli.json"},
    f"{SR}?limit=100&offset=0": {"file": "smartrecruiters/umbrella-page0.json"},
    f"{SR}?limit=100&offset=2": {"file": "smartrecruiters/umbrella-page2.json"},
    **{f"{SR}/74400010000000{i}": {"file": f"smartrecruiters/umbrella-74400010000000{i}.json"} for i in (1, 2, 3)},
    "/rc/stark": {"file": "recruitee/stark.json"},
    "/careers/sitemap.xml": {"file": "jsonld/sitemap.xml"},
    **{
        f"/careers/jobs/{page}.html": {"file": f"jsonld/{page}.html"}
        for page in ("regional-director", "payroll-specialist", "filled-role")
    },
}
NIGHT3 = {
    **NIGHT1,
    "/gh/acme": {"file": "changed/greenhouse-acme.json"},  # 4003 gone, 4002 edited
    "/careers/sitemap.xml": {"file": "changed/sitemap.xml"},  # payroll-specialist gone
    "/lever/globex": {"status": 503},  # had 2 postings: the monitor fails the night
    f"{SR}/744000100000002": {"status": 404},  # a failed detail fails its board
}


def sources(base: str) -> str:
    return f"""\
sources:
  - {{type: greenhouse, token: acme, url: "{base}/gh/acme"}}
  - {{type: greenhouse, token: broken, url: "{base}/gh/broken"}}
  - {{type: greenhouse, token: badjson, url: "{base}/gh/badjson"}}
  - {{type: greenhouse, token: secret, url: "{base}/blocked/gh/secret"}}
  - {{type: lever, token: globex, url: "{base}/lever/globex", company: Globex}}
  - {{type: ashby, token: initech, url: "{base}/ashby/initech", company: Initech}}
  - {{type: workable, token: hooli, url: "{base}/workable/hooli"}}
  - {{type: smartrecruiters, token: umbrella, url: "{base}{SR}"}}
  - {{type: recruitee, token: stark, url: "{base}/rc/stark"}}
  - type: jsonld
    token: wayne
    sitemap: "{base}/careers/sitemap.xml"
    url_pattern: /careers/jobs/
"""


def crawl(workdir: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    env = {**os.environ, "SCREENER_DB": str(workdir / "screener.db")}
    proc = subprocess.run(
        [SCREENER, "crawl", "--sources", str(workdir / "sources.yaml"), "--json", "--no-enrich", *FAST, *args],
        capture_output=True, text=True, env=env, cwd=workdir, timeout=120,
    )  # fmt: skip
    figures = json.loads(proc.stdout) if proc.stdout.strip() else {}
    return proc.returncode, figures, proc.stderr


def open_postings(db: Path) -> dict[tuple[str, str], bool]:
    """(source, source_id) -> open?"""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source, source_id, closed_at IS NULL FROM postings").fetchall()
    return {(source, source_id): bool(is_open) for source, source_id, is_open in rows}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    workdir = tmp_path_factory.mktemp("night")
    routes = workdir / "routes.json"
    write_routes(routes, NIGHT1)
    with board_server(routes) as base:
        (workdir / "sources.yaml").write_text(sources(base), encoding="utf-8")
        yield workdir, routes


def test_three_nights(site):
    workdir, routes = site
    db = workdir / "screener.db"

    # Night 1: everything is new; three greenhouse boards fail and close nothing.
    code, night1, stderr = crawl(workdir)
    assert code == 0, stderr
    expected = {
        "greenhouse": 3,
        "lever": 2,
        "ashby": 2,
        "workable": 2,
        "smartrecruiters": 3,
        "recruitee": 2,
        "jsonld": 2,
    }
    assert {name: s["new"] for name, s in night1["sources"].items()} == expected
    assert night1["sources"]["greenhouse"]["boards_failed"] == {
        "broken": "http_500",
        "badjson": "bad_json",
        "secret": "robots",
    }
    assert night1["sources"]["ashby"]["fetched"] == 2  # the unlisted job is not fetched
    assert night1["totals"]["closed"] == 0 and night1["failures"] == []
    first = open_postings(db)
    assert len(first) == 16 and all(first.values())

    # Night 2: the same boards say the same: nothing new, nothing updated, nothing closed.
    code, night2, stderr = crawl(workdir)
    assert code == 0, stderr
    totals = night2["totals"]
    assert (totals["new"], totals["updated"], totals["closed"], totals["unchanged"]) == (0, 0, 0, 16)
    assert open_postings(db) == first

    # Night 3: changes are stored and closed; failed boards close nothing; the monitor fails the night.
    write_routes(routes, NIGHT3)
    code, night3, stderr = crawl(workdir)
    assert code == 1
    assert stderr.strip().splitlines()[-1] == (
        "Error: bad night: lever board 'globex' returned no postings (2 last time; failed: http_503)"
    )
    sources = night3["sources"]
    assert (sources["greenhouse"]["updated"], sources["greenhouse"]["closed"]) == (1, 1)
    assert sources["jsonld"]["closed"] == 1
    assert sources["lever"]["boards_failed"] == {"globex": "http_503"}
    assert sources["smartrecruiters"]["boards_failed"] == {"umbrella": "http_404"}
    now = open_postings(db)
    assert not now[("greenhouse", "4003")]
    assert now[("greenhouse", "4002")]
    assert not now[("jsonld", "http://127.0.0.1:" + routes_port(workdir) + "/careers/jobs/payroll-specialist.html")]
    # Failed boards closed nothing: Lever's postings and all of SmartRecruiters' stay open.
    assert all(is_open for (source, _), is_open in now.items() if source in ("lever", "smartrecruiters"))
    assert sum(not is_open for is_open in now.values()) == 2

    # Every night is in the database: one run per board, one per source, one per crawl.
    with sqlite3.connect(db) as conn:
        kinds = conn.execute(
            "SELECT count(*) FILTER (WHERE board IS NOT NULL), count(*) FILTER (WHERE board IS NULL AND source "
            "IS NOT NULL), count(*) FILTER (WHERE source IS NULL) FROM runs WHERE kind = 'crawl'"
        ).fetchone()
    assert kinds == (3 * 10, 3 * 7, 3)


def routes_port(workdir: Path) -> str:
    text = (workdir / "sources.yaml").read_text(encoding="utf-8")
    return text.split("127.0.0.1:", 1)[1].split("/", 1)[0]


def test_one_spider_only(site):
    workdir, _ = site
    code, figures, stderr = crawl(workdir, "recruitee")
    assert code == 0, stderr
    assert list(figures["sources"]) == ["recruitee"]


def test_a_second_crawl_at_once_is_refused(site, monkeypatch):
    workdir, _ = site
    with crawl_lock(workdir / "screener.db"):
        code, figures, stderr = crawl(workdir)
    assert code == 1 and figures == {}
    assert stderr.startswith(f"Error: another crawl is already running on {workdir / 'screener.db'} (pid {os.getpid()}")
    assert len(stderr.strip().splitlines()) == 1
