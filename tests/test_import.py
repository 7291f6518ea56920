"""`screener import`: JSON Lines and JobSpy exports, summaries, bad rows, bad files."""

from __future__ import annotations

import json
import sqlite3

from screener.cli import cli
from tests.conftest import requires_shared


def table_count(db_path, table="postings"):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_import_jsonl_then_again_adds_nothing(runner, db_path, small_postings):
    first = runner.invoke(cli, ["import", str(small_postings), "--db", str(db_path), "--json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.output)
    assert summary["added"] == 8 and summary["rejected"] == 0
    assert summary["enriched"] == 8
    again = runner.invoke(cli, ["import", str(small_postings), "--db", str(db_path), "--json"])
    assert json.loads(again.output)["unchanged"] == 8
    assert table_count(db_path) == 8


def test_reposts_with_other_text_do_not_overwrite_each_other_every_run(runner, db_path, tmp_path):
    """A repost folded into its original (same company, title and place, near-identical text) must
    not swap the stored text back and forth each time both are seen again unchanged."""
    text = "Run the night shift of our distribution centre: safety, labour planning and a team of 12. " * 3
    original = {
        "title": "Night Shift Operations Manager",
        "company": "Bluestem",
        "location": "Chicago, IL",
        "source_id": "a-1",
        "description": text + "Apply online.",
    }
    repost = {**original, "source_id": "a-2", "description": text + "Apply online today."}
    path = tmp_path / "reposts.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (original, repost)), encoding="utf-8")
    runs = [
        json.loads(runner.invoke(cli, ["import", str(path), "--db", str(db_path), "--json"]).output) for _ in range(3)
    ]
    assert (runs[0]["added"], runs[0]["duplicates"]) == (1, 1)
    assert [(r["updated"], r["unchanged"]) for r in runs[1:]] == [(0, 2), (0, 2)]
    assert table_count(db_path) == 1


def test_normalised_fields_are_stored(runner, db_path, small_postings):
    runner.invoke(cli, ["import", str(small_postings), "--db", str(db_path)])
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            "SELECT salary_min, salary_max, salary_currency, salary_period, country, years_min "
            "FROM postings WHERE source_id = 'de-8'"
        ).fetchone()
        hourly = conn.execute(
            "SELECT salary_min, salary_period, salary_annual_min FROM postings WHERE source_id = 'intern-5'"
        ).fetchone()
    assert row == (70000.0, 85000.0, "EUR", "year", "DE", 5.0)
    assert hourly == (20.0, "hour", 41600.0)


def test_bad_lines_are_counted_and_good_lines_kept(runner, db_path, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"title": "Store Manager", "company": "A", "source_id": "1"}\n'
        "{not json\n"
        '{"title": null}\n'
        "[1, 2]\n"
        '{"title": "Shift Supervisor", "company": "B", "source_id": "2"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(path), "--db", str(db_path)])
    assert result.exit_code == 0
    assert "5 read, 2 added" in result.output
    assert "rejected 2 x unreadable_line" in result.output
    assert "rejected 1 x missing_title" in result.output
    assert table_count(db_path) == 2


def test_malformed_file_is_one_line_error_and_database_unchanged(runner, db_path, small_postings, tmp_path):
    runner.invoke(cli, ["import", str(small_postings), "--db", str(db_path)])
    before = table_count(db_path)
    bad = tmp_path / "bad.json"
    bad.write_text('[{"title": ', encoding="utf-8")
    result = runner.invoke(cli, ["import", str(bad), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert table_count(db_path) == before


def test_binary_file_is_refused(runner, db_path, tmp_path):
    bad = tmp_path / "photo.jsonl"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = runner.invoke(cli, ["import", str(bad), "--db", str(db_path)])
    assert result.exit_code == 1 and "binary file" in result.output


def test_missing_file_is_usage_error(runner, db_path, tmp_path):
    result = runner.invoke(cli, ["import", str(tmp_path / "nope.jsonl"), "--db", str(db_path)])
    assert result.exit_code == 2 and "no such file" in result.output


def test_missing_database_folder_is_one_line_error(runner, small_postings, tmp_path):
    result = runner.invoke(cli, ["import", str(small_postings), "--db", str(tmp_path / "no" / "such" / "x.db")])
    assert result.exit_code == 1
    assert "does not exist" in result.output and "Traceback" not in result.output


JOBSPY_ROWS = [
    {
        "id": "li-100",
        "site": "linkedin",
        "job_url": "https://www.linkedin.example/jobs/view/100",
        "job_url_direct": None,
        "title": "Distribution Center Manager",
        "company": "Crate & Co",
        "location": "Columbus, OH",
        "date_posted": "2026-11-02T00:00:00.000",
        "job_type": "fulltime",
        "interval": "yearly",
        "min_amount": 90000.0,
        "max_amount": 110000.0,
        "currency": "USD",
        "is_remote": False,
        "job_level": "mid-senior level",
        "listing_type": None,
        "description": "Lead 60 associates. 6+ years of experience.",
    },
    {
        "id": "gh-200",
        "site": "greenhouse",
        "job_url": "https://boards.greenhouse.example/acme/jobs/200",
        "title": "Customer Support Lead",
        "company": "Acme",
        "location": "Remote",
        "date_posted": None,
        "job_type": None,
        "interval": "hourly",
        "min_amount": 24,
        "max_amount": 30,
        "currency": "USD",
        "is_remote": True,
        "job_level": None,
        "listing_type": "remote",
        "description": None,
    },
]


def test_import_jobspy_json(runner, db_path, tmp_path):
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps(JOBSPY_ROWS), encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path), "--db", str(db_path), "--json"])
    assert json.loads(result.output)["added"] == 2
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT source, remote, salary_period, salary_annual_max, hints FROM postings ORDER BY title"
        ).fetchall()
    assert rows[0][:4] == ("jobspy:greenhouse", "remote", "hour", 62400.0)
    assert rows[1][:4] == ("jobspy:linkedin", "unknown", "year", 110000.0)
    assert json.loads(rows[1][4]) == {"experience_level": "mid-senior level"}


def test_import_jobspy_csv(runner, db_path, tmp_path):
    import csv

    path = tmp_path / "jobs.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(JOBSPY_ROWS[0]))
        writer.writeheader()
        writer.writerow(JOBSPY_ROWS[0])
    result = runner.invoke(cli, ["import", str(path), "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["added"] == 1
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT salary_max, city, region FROM postings").fetchone() == (110000.0, "Columbus", "OH")


def test_real_jobspy_exports_import_cleanly(runner, db_path):
    for name in ("linkedin_jobs.json", "greenhouse_jobs.json"):
        path = requires_shared("fixtures", "jobspy", name)
        result = runner.invoke(cli, ["import", str(path), "--db", str(db_path), "--json"])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.output)
        assert summary["rejected"] == 0 and summary["added"] + summary["duplicates"] == summary["read"]
