"""Helpers for the crawl tests: spiders on saved responses, and the local board server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
BOARDS = TESTS / "fixtures" / "boards"
SHARED = REPO.parent / "shared"
BASE = "http://127.0.0.1:8000"


def make_spider(cls: type[Spider], sources_file: Path, **settings: Any) -> Spider:
    """A spider bound to a crawler (stats, signals, settings), without running anything."""
    crawler = get_crawler(cls, settings_dict={"SCREENER_SOURCES": str(sources_file), **settings})
    crawler.spider = cls.from_crawler(crawler)
    return crawler.spider


def fixture_response(name: str | Path, url: str, meta: dict[str, Any] | None = None, status: int = 200) -> TextResponse:
    """A response with a saved file as its body (``{base}`` replaced as the server does)."""
    path = Path(name) if Path(name).is_absolute() else BOARDS / name
    body = path.read_bytes().replace(b"{base}", BASE.encode())
    cls = {".html": HtmlResponse, ".xml": XmlResponse}.get(path.suffix, TextResponse)
    request = Request(url, meta=meta or {})
    return cls(url=url, body=body, encoding="utf-8", request=request, status=status)


def body_response(body: bytes | str, url: str, meta: dict[str, Any] | None = None) -> TextResponse:
    if isinstance(body, str):
        body = body.encode()
    return TextResponse(url=url, body=body, encoding="utf-8", request=Request(url, meta=meta or {}))


@contextmanager
def board_server(routes: Path | None = None, *extra: str) -> Iterator[str]:
    """Start ``tests/boardserver.py`` in its own process; yield its base URL."""
    args = [sys.executable, str(TESTS / "boardserver.py"), *extra]
    if routes is not None:
        args += ["--routes", str(routes)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"board server did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def write_routes(path: Path, routes: dict[str, Any]) -> None:
    path.write_text(json.dumps({"root": str(BOARDS), **routes}), encoding="utf-8")
