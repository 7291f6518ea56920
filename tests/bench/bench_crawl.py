"""Crawl benchmark: postings/s through the whole pipeline against bare Scrapy on the same pages.

Against ``tests/boardserver.py --bench`` on 127.0.0.1 (its own process), in one run:

- a JSON-LD site: a sitemap and 2,000 job pages (one JobPosting each);
- 1,000 Greenhouse boards of 40 jobs each (40,000 postings);

each crawled by a bare spider that parses nothing, then by the real spider with every pipeline
(validate, normalize, dedupe, store into a fresh SQLite database), then once more into the same
database (a second night: everything unchanged). Time is Scrapy's own ``elapsed_time_seconds``
(spider open to close), so process start-up is left out; beside it the crawler process's CPU
seconds over the same span (``tests/bench/cpu.py``), the steadier figure on a shared machine.
Politeness is off for all runs
(no delay, no AutoThrottle, 16 requests at a time to the one host): this measures the work per
posting, not the waiting.

Run: ``python -m tests.bench --only crawl`` (``make bench`` runs it with the others), or alone:
``python -m tests.bench.bench_crawl [--pages N] [--boards N] [--jobs N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.bench import harness
from tests.crawlhelpers import REPO, board_server

BENCH = Path(__file__).resolve().parent
COMMON = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
    "HTTPCACHE_ENABLED": "0",
}
STAT = re.compile(
    r"'(elapsed_time_seconds|item_scraped_count|response_received_count|bench/cpu_seconds|"
    r"screener/stored/(?:new|updated|unchanged|duplicates))': ([\d.]+)"
)
STORED = ("screener/stored/new", "screener/stored/updated", "screener/stored/unchanged", "screener/stored/duplicates")
"""A posting that went through every pipeline is stored as one of these. (``item_scraped_count``
counts Scrapy items: a response's postings travel as one batch, scrapers/batching.py.)"""
CPU = "tests.bench.cpu.CpuTime"


@dataclass
class Result:
    name: str
    postings: int
    seconds: float
    responses: int
    cpu: float
    """CPU seconds of the crawler process, spider open to close."""
    peak_mib: float = 0.0

    @property
    def rate(self) -> float:
        return self.postings / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.postings / self.cpu if self.cpu else 0.0


def scrapy(args: list[str], settings: dict[str, str], workdir: Path) -> dict[str, float]:
    """Run ``scrapy ARGS`` in a fresh process; its stats (and peak memory as ``peak_mib``)."""
    command = [sys.executable, "-m", "scrapy", *args]
    for name, value in {**COMMON, **settings}.items():
        command += ["-s", f"{name}={value}"]
    env = {"SCRAPY_SETTINGS_MODULE": "scrapers.settings", "PYTHONPATH": str(REPO)}
    measure = harness.run(command, env=env, cwd=workdir)
    stats = {name: float(value) for name, value in STAT.findall(measure.output)}
    if "elapsed_time_seconds" not in stats:
        raise SystemExit(f"no stats in the output of scrapy {' '.join(args)}:\n{measure.output[-3000:]}")
    return stats | {"peak_mib": measure.peak_mib}


def bare(name: str, postings: int, spider_args: list[str], workdir: Path) -> Result:
    settings = {"ITEM_PIPELINES": "{}", "EXTENSIONS": json.dumps({CPU: 900})}
    stats = scrapy(["runspider", str(BENCH / "bare_spider.py"), *spider_args], settings, workdir)
    return Result(
        name, postings, stats["elapsed_time_seconds"], int(stats.get("response_received_count", 0)),
        stats.get("bench/cpu_seconds", 0.0), stats["peak_mib"],
    )  # fmt: skip


def full(name: str, spider: str, sources: Path, db: Path, workdir: Path) -> Result:
    extensions = {"scrapers.monitors.CrawlMonitor": 500, CPU: 900}
    settings = {"SCREENER_DB": str(db), "EXTENSIONS": json.dumps(extensions)}
    stats = scrapy(["crawl", spider, "-a", f"sources={sources}"], settings, workdir)
    return Result(
        name, int(sum(stats.get(key, 0) for key in STORED)), stats["elapsed_time_seconds"],
        int(stats.get("response_received_count", 0)), stats.get("bench/cpu_seconds", 0.0), stats["peak_mib"],
    )  # fmt: skip


def fastest(results: list[Result]) -> Result:
    """The fastest of repeated measurements (a shared machine only ever adds time)."""
    return min(results, key=lambda r: r.seconds)


def bench_site(
    label: str, spider: str, sources: Path, postings: int, bare_args: list[str], workdir: Path, repeat: int
) -> list[Result]:
    """Bare Scrapy, then the pipeline into fresh databases (night 1), then again (night 2)."""
    bare_runs = [bare(f"{label}: bare Scrapy", postings, bare_args, workdir) for _ in range(repeat)]
    dbs = [workdir / f"{label}{i}.db" for i in range(repeat)]
    night1 = [full(f"{label}: pipeline, night 1", spider, sources, db, workdir) for db in dbs]
    night2 = [full(f"{label}: pipeline, night 2", spider, sources, db, workdir) for db in dbs]
    return [fastest(bare_runs), fastest(night1), fastest(night2)]


def run_all(pages: int = 2000, boards: int = 1000, jobs: int = 40, repeat: int = 1) -> list[Result]:
    """Both sites, bare and pipeline, against one board server."""
    extra = ["--bench", "--pages", str(pages), "--boards", str(boards), "--jobs", str(jobs)]
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp, board_server(None, *extra) as base:
        workdir = Path(tmp)
        sitemap = f"{base}/bench/jsonld/sitemap.xml"
        jsonld = workdir / "jsonld.yaml"
        jsonld.write_text(f'sources:\n  - {{type: jsonld, token: bench, sitemap: "{sitemap}"}}\n', encoding="utf-8")
        greenhouse = workdir / "greenhouse.yaml"
        entries = (f'  - {{type: greenhouse, token: b{k}, url: "{base}/bench/gh/b{k}"}}\n' for k in range(boards))
        greenhouse.write_text("sources:\n" + "".join(entries), encoding="utf-8")
        results += bench_site("jsonld", "jsonld", jsonld, pages, ["-a", f"sitemap={sitemap}"], workdir, repeat)
        gh_args = ["-a", f"boards={boards}", "-a", f"base={base}"]
        results += bench_site("greenhouse", "greenhouse", greenhouse, boards * jobs, gh_args, workdir, repeat)
    return results


def bench_rows(repeat: int = 1) -> list[dict[str, object]]:
    """Rows for ``python -m tests.bench`` (``make bench``): each run beside its bare baseline."""
    rows: list[dict[str, object]] = []
    baseline = 0.0
    for r in run_all(repeat=repeat):
        is_bare = r.name.endswith("bare Scrapy")
        if is_bare:
            baseline = r.rate
        rows.append(
            {
                "bench": "crawl",
                "what": f"{r.name} ({r.postings:,} postings, {r.responses:,} responses, {r.cpu:.1f} cpu s)",
                "seconds": r.seconds,
                "peak_mib": r.peak_mib,
                "rate": r.rate,
                "unit": "postings/s",
                "ratio": None if is_bare else (r.rate / baseline if baseline else None),
                "target": "" if is_bare else ">= 0.75x bare",
            }
        )
    return rows


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--boards", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of N runs of each")
    args = parser.parse_args(argv)
    results = run_all(args.pages, args.boards, args.jobs, args.repeat)
    print(table(results))
    return results


def table(results: list[Result]) -> str:
    """Wall-clock and CPU rates, each beside the bare spider's on the same pages."""
    lines = [
        f"{'run':31} {'postings':>8} {'responses':>9} {'wall s':>7} {'postings/s':>10} {'of bare':>7} "
        f"{'cpu s':>6} {'per cpu s':>9} {'of bare':>7}"
    ]
    base_rate = base_cpu = 0.0
    for r in results:
        if r.name.endswith("bare Scrapy"):
            base_rate, base_cpu = r.rate, r.cpu_rate
        share = f"{r.rate / base_rate:.0%}" if base_rate else ""
        cpu_share = f"{r.cpu_rate / base_cpu:.0%}" if base_cpu else ""
        lines.append(
            f"{r.name:31} {r.postings:>8} {r.responses:>9} {r.seconds:>7.2f} {r.rate:>10.0f} {share:>7} "
            f"{r.cpu:>6.2f} {r.cpu_rate:>9.0f} {cpu_share:>7}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
