"""A local HTTP server that plays every job board, for the end-to-end tests and the benchmark.

Run in its own process (``python tests/boardserver.py --routes ROUTES.json``); it prints
``PORT <n>`` on its first line of stdout. ``ROUTES.json`` maps request targets to answers and is
re-read when it changes, so a test can change what the boards say between two crawls::

    {"/robots.txt": {"body": "User-agent: *\\nDisallow: /blocked/\\n"},
     "/gh/acme": {"file": "greenhouse/acme.json"},            # relative to "root" (below)
     "/sr/umbrella/postings?limit=100&offset=0": {"file": "..."},  # exact target first, then path
     "/gh/broken": {"status": 500, "headers": {"Retry-After": "0"}},
     "root": "/path/to/fixtures"}

``{base}`` in a served file becomes the server's own ``http://127.0.0.1:<port>``. Unknown
targets answer 404 ``{"ok": false}`` (as Lever does). With ``--bench`` the server also generates
the benchmark sites (see :func:`bench_routes`) in memory at start-up.

Keep-alive with Nagle's algorithm adds ~40 ms a request on loopback (NOTES.md): the handler
disables it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CONTENT_TYPES = {
    ".json": "application/json",
    ".xml": "application/xml",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


def _guess_type(name: str, body: bytes) -> str:
    suffix = Path(name).suffix
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    head = body.lstrip()[:1]
    return "application/json" if head in (b"{", b"[") else "text/plain; charset=utf-8"


class Routes:
    """The answers, reloaded when the routes file changes."""

    def __init__(self, path: Path | None, base: str, generated: dict[str, tuple] | None = None):
        self.path = path
        self.base = base
        self.generated = generated or {}
        self.mtime: tuple[int, int] = (-1, -1)
        self.table: dict[str, Any] = {}
        self.cache: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def _reload(self) -> None:
        if self.path is None:
            return
        stat = os.stat(self.path)
        mtime = (stat.st_mtime_ns, stat.st_size)
        if mtime != self.mtime:
            self.table = json.loads(self.path.read_text(encoding="utf-8"))
            self.mtime = mtime
            self.cache = {}

    def answer(self, target: str) -> tuple[int, dict[str, str], bytes]:
        hit = self.generated.get(target)
        if hit is None:
            hit = self.generated.get(urlsplit(target).path)
        if hit is not None:
            return hit
        self._reload()
        if target in self.cache:
            return self.cache[target]
        route = self.table.get(target)
        if route is None:
            route = self.table.get(urlsplit(target).path)
        if route is None:
            result = (404, {"Content-Type": "application/json"}, b'{"ok": false}')
        else:
            result = self._render(route)
        self.cache[target] = result
        return result

    def _render(self, route: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        headers = dict(route.get("headers", {}))
        if "file" in route:
            path = Path(self.table.get("root", ".")) / route["file"]
            body = path.read_bytes().replace(b"{base}", self.base.encode())
            name = route["file"]
        else:
            body = route.get("body", "").encode("utf-8")
            name = route.get("name", "")
        headers.setdefault("Content-Type", route.get("type") or _guess_type(name, body))
        return int(route.get("status", 200)), headers, body


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    routes: Routes
    latency = 0.0
    """Seconds each answer waits (``--latency``: a far-away API host)."""
    request_log: Path | None = None
    """Where each request's target and headers are appended, one JSON line each (``--log``)."""

    def do_GET(self) -> None:
        if self.request_log is not None:
            with self.request_log.open("a", encoding="utf-8") as log:
                log.write(json.dumps({"target": self.path, "headers": dict(self.headers)}) + "\n")
        status, headers, body = self.routes.answer(self.path)
        if self.latency:
            time.sleep(self.latency)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


# --- benchmark sites ----------------------------------------------------------------------------

_PARAGRAPHS = [
    "You will lead a team of {n} people across two shifts and report to the {boss}.",
    "Own the budget, the hiring plan and the weekly operating review for the site.",
    "We ask for {y}+ years of experience, {m} of them managing managers.",
    "Lean, Six Sigma or a similar continuous-improvement background is a plus.",
    "Benefits include a pension, private health cover and 28 days of paid leave.",
]
_TITLES = [
    "Operations Manager",
    "Senior Data Analyst",
    "Director of Finance",
    "Warehouse Associate",
    "Team Lead, Customer Support",
    "VP Engineering",
    "Store Manager",
    "Payroll Specialist",
]


def _description(i: int) -> str:
    words = {"n": 5 + i % 40, "boss": "VP Operations", "y": 2 + i % 12, "m": 1 + i % 5}
    paras = "".join(f"<p>{p.format(**words)}</p>" for p in _PARAGRAPHS)
    return f"<h2>About the role</h2>{paras}<ul><li>Item {i}</li><li>Shift pattern {i % 3}</li></ul>"


def greenhouse_board(token: str, n_jobs: int, offset: int) -> bytes:
    import html

    jobs = []
    for j in range(n_jobs):
        i = offset + j
        jobs.append(
            {
                "absolute_url": f"https://boards.greenhouse.io/{token}/jobs/{i}",
                "internal_job_id": i,
                "location": {"name": ["Chicago, IL", "Remote - US", "London"][i % 3]},
                "metadata": None,
                "id": i,
                "updated_at": "2026-09-02T10:00:00-04:00",
                "requisition_id": f"R-{i}",
                "title": f"{_TITLES[i % len(_TITLES)]} {i}",
                "company_name": token.title(),
                "first_published": "2026-08-28T09:00:00-04:00",
                "language": "en",
                "content": html.escape(_description(i)),
                "departments": [{"id": 1, "name": "Operations", "child_ids": [], "parent_id": None}],
                "offices": [],
            }
        )
    return json.dumps({"jobs": jobs, "meta": {"total": n_jobs}}).encode()


def jsonld_page(i: int) -> bytes:
    node = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": f"{_TITLES[i % len(_TITLES)]} {i}",
        "datePosted": "2026-09-08",
        "validThrough": "2027-01-31T23:59",
        "employmentType": "FULL_TIME",
        "identifier": {"@type": "PropertyValue", "value": f"JP-{i}"},
        "hiringOrganization": {"@type": "Organization", "name": "Bench Corp"},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Denver",
                "addressRegion": "CO",
                "addressCountry": "US",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 50000 + i,
                "maxValue": 70000 + i,
                "unitText": "YEAR",
            },
        },
        "description": _description(i),
    }
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Job</title>"
        f"<script type='application/ld+json'>{json.dumps(node)}</script></head>"
        f"<body><nav>{'<a href=/>Home</a>' * 20}</nav><h1>{node['title']}</h1>"
        f"{_description(i)}</body></html>"
    ).encode()


def bench_routes(base: str, pages: int, boards: int, jobs: int) -> dict[str, tuple]:
    """``/bench/jsonld/sitemap.xml`` + ``pages`` job pages; ``/bench/gh/b<k>`` x ``boards``."""
    html_type = {"Content-Type": "text/html; charset=utf-8"}
    json_type = {"Content-Type": "application/json"}
    routes: dict[str, tuple] = {}
    locs = []
    for i in range(pages):
        path = f"/bench/jsonld/job/{i}.html"
        routes[path] = (200, html_type, jsonld_page(i))
        locs.append(f"<url><loc>{base}{path}</loc></url>")
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(locs) + "</urlset>"
    )
    routes["/bench/jsonld/sitemap.xml"] = (
        200,
        {"Content-Type": "application/xml"},
        sitemap.encode(),
    )
    for k in range(boards):
        routes[f"/bench/gh/b{k}"] = (200, json_type, greenhouse_board(f"b{k}", jobs, k * jobs))
    return routes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=Path, help="routes JSON file (re-read when it changes)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--bench", action="store_true", help="generate the benchmark sites")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--boards", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=40)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds each answer waits")
    parser.add_argument("--log", type=Path, help="append each request (target, headers) as a JSON line")
    args = parser.parse_args(argv)
    Handler.latency = args.latency
    Handler.request_log = args.log
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    generated = bench_routes(base, args.pages, args.boards, args.jobs) if args.bench else None
    Handler.routes = Routes(args.routes, base, generated)
    sys.stdout.write(f"PORT {server.server_address[1]}\n")
    sys.stdout.flush()
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever(poll_interval=0.1)


if __name__ == "__main__":
    main()
