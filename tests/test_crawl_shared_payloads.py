"""The real Greenhouse payloads in ../shared/fixtures through the spider and the pipelines
(skipped in a fresh clone, where ../shared is absent)."""

from __future__ import annotations

import json

import pytest

from scrapers.items import JobItem
from scrapers.pipelines.normalize import NormalizePipeline
from scrapers.pipelines.validate import ValidatePipeline
from scrapers.spiders.greenhouse import GreenhouseSpider
from screener.records import Posting
from screener.sources import load_sources
from tests.conftest import requires_shared
from tests.crawlhelpers import BASE, body_response, make_spider

pytestmark = pytest.mark.shared


def test_real_greenhouse_boards_parse_and_normalise(tmp_path):
    folder = requires_shared("fixtures", "greenhouse_boards_api")
    sources = tmp_path / "s.yaml"
    sources.write_text("sources:\n  - {type: greenhouse, token: real}\n", encoding="utf-8")
    spider = make_spider(GreenhouseSpider, sources)
    (entry,) = load_sources(sources).of_type("greenhouse")
    validate = ValidatePipeline.from_crawler(spider.crawler)
    normalize = NormalizePipeline.from_crawler(spider.crawler)
    total = 0
    for path in sorted(folder.glob("*.json")):
        saved = json.loads(path.read_text(encoding="utf-8"))
        # Saved as {company, fetched_at, job_count, jobs}; the API answers {jobs, meta}.
        body = json.dumps({"jobs": saved["jobs"], "meta": {"total": saved["job_count"]}})
        items = [r for r in spider.parse_board(body_response(body, BASE, {"entry": entry})) if isinstance(r, JobItem)]
        assert len(items) == len(saved["jobs"]) == saved["job_count"]
        postings = [normalize.process_item(validate.process_item(item)) for item in items]
        assert all(isinstance(p, Posting) and p.title and p.source_id and p.url for p in postings)
        assert all(p.company for p in postings)
        total += len(postings)
    assert total > 0
    assert spider.crawler.stats.get_value("screener/dropped/missing_title") is None
