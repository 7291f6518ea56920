"""Classify benchmark: postings/s placed on the ladder from title + description.

On a CSV of N postings generated from the shipped sample (title, company, location, description),
each in a fresh process:

- baseline: read the CSV and write it back with one more column (csv module, no model);
- ``screener classify IN -o OUT``: the command a user runs (reading, the frame the model reads,
  the model, writing), when this screener has it;
- the predictor ``screener.levels.load_predictor()`` returns, in process, on the same rows (the
  model alone: the time to build its frame and predict, file reading left out), beside the
  title-keyword baseline when ``screener.levels`` offers one.

Run: ``python -m tests.bench --only classify`` (``make bench`` runs it with the others), or alone:
``python -m tests.bench.bench_classify [--rows N]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.harness import REPO, python, run, screener

SAMPLE = REPO / "data" / "sample" / "postings.jsonl"
FIELDS = ("id", "title", "company", "location", "description")
TARGET = "> 5,000 postings/s"

COPY = """
import csv, sys
src = open(sys.argv[1], encoding="utf-8", newline="")
with src, open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    reader = csv.DictReader(src)
    writer = csv.DictWriter(out, fieldnames=[*reader.fieldnames, "level"])
    writer.writeheader()
    for row in reader:
        row["level"] = ""
        writer.writerow(row)
"""

IN_PROCESS = """
import csv, json, sys, time
import pandas as pd
from screener.levels import load_predictor

rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
which = sys.argv[2]
if which == "model":
    predictor = load_predictor()
else:
    from screener.levels.baseline import KeywordBaseline
    predictor = KeywordBaseline()
started = time.perf_counter()
frame = pd.DataFrame({
    "title": [r["title"] for r in rows],
    "description": [r["description"] for r in rows],
    "company": [r["company"] for r in rows],
})
if hasattr(predictor, "predict_all"):
    predictor.predict_all(frame)
else:
    predictor.predict_proba(frame)
    if hasattr(predictor, "people_manager_proba"):
        predictor.people_manager_proba(frame)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "version": str(getattr(predictor, "version", type(predictor).__name__))}))
"""


def make_csv(rows: int, path: Path) -> Path:
    """``rows`` postings cycled from the sample, each with its own id and company."""
    sample = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for i in range(rows):
            posting = sample[i % len(sample)]
            writer.writerow(
                {
                    "id": f"p{i}",
                    "title": posting["title"],
                    "company": f"{posting.get('company') or 'Company'} {i // len(sample)}",
                    "location": posting.get("location") or "",
                    "description": posting.get("description") or "",
                }
            )
    return path


def has_classify() -> bool:
    """Whether this screener has a ``classify`` command."""
    probe = subprocess.run(screener("classify", "--help"), capture_output=True, cwd=REPO, check=False)
    return probe.returncode == 0


def has_keyword_baseline() -> bool:
    probe = subprocess.run(
        python("import screener.levels.baseline as b; b.KeywordBaseline"), capture_output=True, cwd=REPO, check=False
    )
    return probe.returncode == 0


def in_process(path: Path, which: str) -> tuple[float, str, float]:
    """(seconds to build the frame and predict, predictor version, peak MiB) in a fresh process."""
    measure = run(python(IN_PROCESS, str(path), which))
    result = json.loads(measure.output.strip().splitlines()[-1])
    return result["seconds"], result["version"], measure.peak_mib


def bench(rows: int = 20_000) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    label = f"classify {rows:,}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = make_csv(rows, folder / "postings.csv")
        base = run(python(COPY, str(source), str(folder / "copy.csv")))
        out.append(
            {
                "bench": label,
                "what": "read + write the CSV (baseline)",
                "seconds": base.seconds,
                "peak_mib": base.peak_mib,
                "rate": rows / base.seconds,
                "unit": "postings/s",
            }
        )
        if has_classify():
            classified = run(screener("classify", str(source), "-o", str(folder / "classified.csv")))
            out.append(
                {
                    "bench": label,
                    "what": "screener classify (title + description)",
                    "seconds": classified.seconds,
                    "peak_mib": classified.peak_mib,
                    "rate": rows / classified.seconds,
                    "unit": "postings/s",
                    "ratio": classified.seconds / base.seconds,
                    "target": TARGET,
                }
            )
        else:
            print("(no `screener classify` in this screener: only the predictor is measured)", flush=True)
        seconds, version, peak = in_process(source, "model")
        out.append(
            {
                "bench": label,
                "what": f"predictor in process, frame + predict ({version})",
                "seconds": seconds,
                "peak_mib": peak,
                "rate": rows / seconds,
                "unit": "postings/s",
                "target": TARGET,
            }
        )
        if has_keyword_baseline():
            seconds, version, peak = in_process(source, "keywords")
            out.append(
                {
                    "bench": label,
                    "what": "title-keyword baseline in process",
                    "seconds": seconds,
                    "peak_mib": peak,
                    "rate": rows / seconds,
                    "unit": "postings/s",
                }
            )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args(argv)
    from tests.bench.__main__ import table

    print(table(bench(args.rows)))


if __name__ == "__main__":
    sys.exit(main())
