"""JobSpy rows (its CSV or JSON export) to records in our shape.

JobSpy names: ``site``, ``job_url``, ``job_url_direct``, ``min_amount`` / ``max_amount`` /
``interval`` / ``currency``, ``is_remote``, ``job_type``, ``job_level``, ``listing_type``...
"""

from __future__ import annotations

from typing import Any

_JOBSPY_KEYS = {"job_url", "site", "min_amount", "is_remote", "job_type"}


def is_jobspy(row: dict[str, Any]) -> bool:
    return len(_JOBSPY_KEYS & row.keys()) >= 2


def to_record(row: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(source, record) for one JobSpy row; the source is ``jobspy:<site>``."""
    site = row.get("site") if isinstance(row.get("site"), str) else None
    remote = row.get("is_remote")
    if isinstance(remote, str):
        remote = {"true": True, "false": False}.get(remote.strip().lower())
    listing = row.get("listing_type") or row.get("work_from_home_type")
    hints = {}
    if row.get("job_level"):
        hints["experience_level"] = row.get("job_level")
    if row.get("job_function"):
        hints["job_function"] = row.get("job_function")
    if row.get("company_industry"):
        hints["industry"] = row.get("company_industry")
    if row.get("experience_range"):
        hints["experience_range"] = row.get("experience_range")
    record = {
        "source_id": row.get("id"),
        "url": row.get("job_url_direct") or row.get("job_url"),
        "title": row.get("title"),
        "company": row.get("company"),
        "location": row.get("location"),
        "remote": listing if isinstance(listing, str) and listing.strip() else (True if remote is True else None),
        "employment_type": row.get("job_type"),
        "salary_min": row.get("min_amount"),
        "salary_max": row.get("max_amount"),
        "salary_currency": row.get("currency"),
        "salary_period": row.get("interval"),
        "date_posted": row.get("date_posted"),
        "description": row.get("description"),
        "hints": hints,
        "raw": row,
    }
    return (f"jobspy:{site}" if site else "jobspy"), record
