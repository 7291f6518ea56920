"""Import benchmark: JobSpy CSV and JSON Lines rows/s through `screener import` (normalise, dedupe,
store; no enrichment), beside only reading and parsing the same file."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from tests.bench.harness import REPO, python, run, screener

SAMPLE = REPO / "data" / "sample" / "postings.jsonl"
PARSE_ONLY = """
import csv, json, sys
path = sys.argv[1]
with open(path, encoding="utf-8", newline="") as handle:
    if path.endswith(".csv"):
        rows = sum(1 for _ in csv.DictReader(handle))
    else:
        rows = sum(1 for line in handle if json.loads(line))
print(rows)
"""


def make_files(rows: int, folder: Path) -> tuple[Path, Path]:
    sample = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    jsonl, jobspy = folder / "postings.jsonl", folder / "jobspy.csv"
    fields = [
        "id",
        "site",
        "job_url",
        "title",
        "company",
        "location",
        "date_posted",
        "job_type",
        "interval",
        "min_amount",
        "max_amount",
        "currency",
        "is_remote",
        "job_level",
        "description",
    ]
    with jsonl.open("w", encoding="utf-8") as out_jsonl, jobspy.open("w", encoding="utf-8", newline="") as out_csv:
        writer = csv.DictWriter(out_csv, fieldnames=fields)
        writer.writeheader()
        for i in range(rows):
            posting = dict(sample[i % len(sample)])
            posting["source_id"] = f"{posting.get('source_id')}-{i}"
            posting["company"] = f"{posting.get('company') or 'Company'} {i // len(sample)}"
            out_jsonl.write(json.dumps(posting) + "\n")
            writer.writerow(
                {
                    "id": f"li-{i}",
                    "site": "linkedin",
                    "job_url": f"https://jobs.example/view/{i}",
                    "title": posting["title"],
                    "company": posting["company"],
                    "location": posting.get("location"),
                    "date_posted": posting.get("date_posted"),
                    "job_type": posting.get("employment_type"),
                    "interval": "yearly" if posting.get("salary_min") else None,
                    "min_amount": posting.get("salary_min"),
                    "max_amount": posting.get("salary_max"),
                    "currency": posting.get("salary_currency"),
                    "is_remote": posting.get("remote") == "remote",
                    "job_level": None,
                    "description": posting.get("description"),
                }
            )
    return jsonl, jobspy


def bench(rows: int = 20_000) -> list[dict[str, object]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = make_files(rows, folder)
        for path, label in zip(files, ("JSON Lines", "JobSpy CSV"), strict=True):
            parse = run(python(PARSE_ONLY, str(path)))
            db = folder / f"{path.stem}.db"
            imported = run(screener("import", str(path), "--db", str(db), "--no-enrich", "--json"))
            results.append(
                {
                    "bench": f"import {label} {rows:,}",
                    "what": "read + parse only (baseline)",
                    "seconds": parse.seconds,
                    "peak_mib": parse.peak_mib,
                    "rate": rows / parse.seconds,
                    "unit": "rows/s",
                }
            )
            results.append(
                {
                    "bench": f"import {label} {rows:,}",
                    "what": "screener import (normalise+store)",
                    "seconds": imported.seconds,
                    "peak_mib": imported.peak_mib,
                    "rate": rows / imported.seconds,
                    "unit": "rows/s",
                    "ratio": imported.seconds / parse.seconds,
                }
            )
    return results
