"""What cron mails: `screener crawl` off a terminal writes to stderr a bad night's one line and
nothing else; the spiders' log is kept in a file beside the database.

A board on a host that is down (its robots.txt cannot be fetched either) fails its board on a
good night: nothing on stderr, exit 0. A first night on which every board fails crawled nothing:
a bad night, one line, exit 1.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from screener.crawl import log_path
from tests.crawlhelpers import board_server, write_routes

SCREENER = str(Path(sys.executable).with_name("screener"))
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_TIMES=0"]


def closed_port() -> int:
    """A port on which nothing listens (connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def crawl(workdir: Path, sources: str) -> subprocess.CompletedProcess[str]:
    (workdir / "sources.yaml").write_text(sources, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SCREENER_DB"}
    return subprocess.run(
        [SCREENER, "crawl", "--sources", str(workdir / "sources.yaml"), "--db", str(workdir / "s.db"),
         "--no-enrich", *FAST],
        capture_output=True, text=True, env=env, cwd=workdir, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_a_board_on_a_host_that_is_down_mails_nothing_on_a_good_night(tmp_path):
    routes = tmp_path / "routes.json"
    write_routes(routes, {"/robots.txt": {"body": ""}, "/gh/acme": {"file": "greenhouse/acme.json"}})
    down = f"http://127.0.0.1:{closed_port()}"
    with board_server(routes) as base:
        proc = crawl(
            tmp_path,
            f'sources:\n  - {{type: greenhouse, token: acme, url: "{base}/gh/acme"}}\n'
            f'  - {{type: greenhouse, token: gone, url: "{down}/v1/boards/gone/jobs"}}\n',
        )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert "greenhouse: failed boards, nothing closed: gone (connection)" in proc.stdout
    log = log_path(tmp_path / "s.db").read_text(encoding="utf-8")
    assert f"robots.txt of {down.removeprefix('http://')} not fetched (DownloadConnectionRefusedError" in log
    assert "Traceback" not in log and " ERROR: " not in log


def test_a_first_night_on_which_every_board_fails_is_a_bad_night(tmp_path):
    down = f"http://127.0.0.1:{closed_port()}"
    proc = crawl(
        tmp_path,
        f'sources:\n  - {{type: greenhouse, token: gone, url: "{down}/v1/boards/gone/jobs"}}\n'
        f'  - {{type: lever, token: away, url: "{down}/v0/postings/away"}}\n',
    )
    assert proc.returncode == 1
    assert proc.stderr == (
        "Error: bad night: nothing was crawled: all 2 boards failed (greenhouse board 'gone': connection)\n"
    )


def test_a_crawl_log_that_cannot_be_written_does_not_stop_the_night(tmp_path):
    """E.g. left owned by root by one `sudo screener crawl` (here: a folder in its place)."""
    log_path(tmp_path / "s.db").mkdir()
    routes = tmp_path / "routes.json"
    write_routes(routes, {"/robots.txt": {"body": ""}, "/gh/acme": {"file": "greenhouse/acme.json"}})
    with board_server(routes) as base:
        proc = crawl(tmp_path, f'sources:\n  - {{type: greenhouse, token: acme, url: "{base}/gh/acme"}}\n')
    assert (proc.returncode, proc.stderr) == (0, "")
    assert "greenhouse" in proc.stdout and "cannot write the crawl log" in proc.stdout
