"""`make bench`: every benchmark in one run, printed as a table and written to
tests/bench/results/latest.md (and a dated copy). Figures beside their baselines, taken in the
same run: compare ratios, since run-to-run noise on these machines is about 15-20%.

    python -m tests.bench                  # everything (rank at 100k and 1M takes a few minutes)
    python -m tests.bench --only rank --sizes 100000
"""

from __future__ import annotations

import argparse
import platform
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SECTIONS = ("import", "classify", "rank", "crawl")


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| bench | what | seconds | peak MiB | rate | vs baseline | target |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ratio = row.get("ratio")
        lines.append(
            f"| {row['bench']} | {row['what']} | {row['seconds']:.2f} | {row.get('peak_mib', 0):.0f} | "
            f"{row['rate']:,.0f} {row['unit']} | {f'{ratio:.2f}x' if ratio else ''} | {row.get('target', '')} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated: " + ", ".join(SECTIONS))
    parser.add_argument("--sizes", default="100000,1000000", help="rank store sizes")
    parser.add_argument("--import-rows", type=int, default=20_000)
    args = parser.parse_args()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    rows: list[dict[str, object]] = []
    for section in only:
        print(f"== {section}", flush=True)
        before = len(rows)
        if section == "import":
            from tests.bench import bench_import

            rows += bench_import.bench(args.import_rows)
        elif section == "rank":
            from tests.bench import bench_rank

            for size in (int(s) for s in args.sizes.split(",")):
                rows += bench_rank.bench(size)
        elif section == "classify":
            from tests.bench import bench_classify

            rows += bench_classify.bench()
        elif section == "crawl":
            from tests.bench import bench_crawl

            rows += bench_crawl.bench_rows()
        else:
            parser.error(f"unknown section {section!r}")
        print(table(rows[before:]), flush=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    header = f"# screener bench, {stamp}\n\n{platform.platform()}, Python {platform.python_version()}\n\n"
    text = header + table(rows) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / f"bench-{stamp}.md").write_text(text, encoding="utf-8")
    print("\n" + text + f"\nwritten to {RESULTS / 'latest.md'}")


if __name__ == "__main__":
    main()
