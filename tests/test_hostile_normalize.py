"""Hostile records through the one normaliser every way in shares (library level): wrong types in
every field, absurd numbers, impossible dates, salaries that cannot be, credentials in URLs.

A field that cannot be read is left empty and the record kept; only a record with no usable
title is rejected, and then only with :class:`Rejected` and a reason code.
"""

from __future__ import annotations

import json
import math
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from screener.normalize.errors import Rejected
from screener.normalize.fields import employment_type
from screener.normalize.record import normalize_record
from screener.records import REMOTE_MODES, SALARY_PERIODS, Posting

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
TITLE = "Operations Manager"


def _deep_list(depth: int) -> list:
    value: list = ["deep"]
    for _ in range(depth):
        value = [value]
    return value


def _deep_dict(depth: int) -> dict:
    value: dict = {"name": "deep"}
    for _ in range(depth):
        value = {"a": value}
    return value


HOSTILE_VALUES = {
    "text": "not what you expect",
    "empty text": "",
    "zero": 0,
    "negative": -1,
    "float": 1.5,
    "400-digit int": 10**400,
    "nan": math.nan,
    "infinity": math.inf,
    "true": True,
    "false": False,
    "null": None,
    "empty list": [],
    "list of text": ["first", "second"],
    "list of objects": [{"name": "x"}, {"name": "y"}],
    "empty object": {},
    "object": {"name": {"name": {"value": 1}}},
    "list nested 5000 deep": _deep_list(5000),
    "object nested 5000 deep": _deep_dict(5000),
    "lone surrogate": "a\ud800b",
    "script": "<script>alert(1)</script>",
    "bidi override": "\u202eevil\u202c",
    "megabyte of text": "x" * 1_000_000,
    "decimal signalling nan": Decimal("sNaN"),
}
FIELDS = [
    "source",
    "source_id",
    "url",
    "company",
    "department",
    "location",
    "city",
    "region",
    "country",
    "remote",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_text",
    "date_posted",
    "valid_through",
    "description",
    "hints",
    "months_of_experience",
    "experience_level",
    "raw",
]


def assert_storable(posting: Posting) -> None:
    """What every normalised posting guarantees, whatever came in."""
    assert posting.title and len(posting.title) <= 200
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in posting.title)
    assert posting.remote in REMOTE_MODES
    assert posting.salary_period in (*SALARY_PERIODS, None)
    if posting.salary_min is not None and posting.salary_max is not None:
        assert 0 < posting.salary_min <= posting.salary_max
    for day in (posting.date_posted, posting.valid_through):
        if day is not None:
            assert date(1995, 1, 1) <= date.fromisoformat(day) <= date(2029, 1, 1)
    for name in ("title", "source", "source_id", "url", "company", "department", "location", "city", "description"):
        value = getattr(posting, name)
        if value is not None:
            value.encode("utf-8")  # no lone surrogates: the store must be able to write it
    json.dumps(posting.hints, allow_nan=False)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_a_hostile_value_in_any_field_keeps_the_record(field: str, value: object) -> None:
    posting = normalize_record({"title": TITLE, field: value}, source="import", now=NOW)
    assert posting.title == TITLE
    assert_storable(posting)


@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_a_hostile_title_is_kept_clean_or_rejected_with_a_reason(value: object) -> None:
    try:
        posting = normalize_record({"title": value}, source="import", now=NOW)
    except Rejected as exc:
        assert exc.reason in ("missing_title", "invalid_title")
        return
    assert_storable(posting)


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        (None, "missing_title"),
        ("", "missing_title"),
        ("   ", "missing_title"),
        ("\u200b\u202e", "missing_title"),
        ("<script>alert(1)</script>", "missing_title"),
        ("---", "missing_title"),
        (True, "invalid_title"),
        (404, "invalid_title"),
        ({"name": TITLE}, "invalid_title"),
        ([None], "missing_title"),
    ],
)
def test_unusable_titles_are_rejected_with_their_reason(title: object, reason: str) -> None:
    with pytest.raises(Rejected) as caught:
        normalize_record({"title": title, "company": "Acme"}, source="import", now=NOW)
    assert caught.value.reason == reason


def test_a_record_that_is_not_an_object_is_rejected() -> None:
    for value in (None, [], "title", 42):
        with pytest.raises(Rejected) as caught:
            normalize_record(value, source="import", now=NOW)  # type: ignore[arg-type]
        assert caught.value.reason == "not_an_object"


def test_a_list_where_a_string_belongs_yields_its_first_string() -> None:
    posting = normalize_record(
        {
            "title": [TITLE, "Other"],
            "company": ["Acme"],
            "url": ["https://acme.example/jobs/1"],
            "date_posted": ["2025-05-01"],
        },
        source="import",
        now=NOW,
    )
    assert (posting.title, posting.company, posting.url, posting.date_posted) == (
        TITLE,
        "Acme",
        "https://acme.example/jobs/1",
        "2025-05-01",
    )


def test_lists_of_lists_and_objects_in_joined_fields() -> None:
    posting = normalize_record(
        {"title": TITLE, "location": [["Dallas, TX"], {"name": "Austin, TX"}], "department": [[{"name": "Ops"}]]},
        source="import",
        now=NOW,
    )
    assert (posting.location, posting.department, posting.city) == ("Dallas, TX; Austin, TX", "Ops", "Dallas")


def test_employment_type_reads_one_level_of_list_only() -> None:
    assert employment_type(_deep_list(5000)) is None
    assert employment_type(["FULL_TIME", "PART_TIME"]) == "full_time"
    assert employment_type([{"type": "FULL_TIME"}, "Part-time"]) == "part_time"


def test_hints_keep_only_sane_values_and_clean_keys() -> None:
    posting = normalize_record(
        {
            "title": TITLE,
            "months_of_experience": 10**400,
            "hints": {"experience_level": ["Mid-Senior level"], "a\ud800\u202e": 1, "big": math.inf, "none": None},
        },
        source="import",
        now=NOW,
    )
    assert posting.hints == {"experience_level": "Mid-Senior level", "a": 1}
    assert posting.years_min is None


def test_top_level_hints_survive_a_hints_field_of_the_wrong_type() -> None:
    posting = normalize_record(
        {"title": TITLE, "experience_level": "Director", "hints": "not a mapping"}, source="import", now=NOW
    )
    assert posting.hints == {"experience_level": "Director"}


@pytest.mark.parametrize(("country", "expected"), [("us", "US"), ("éé", None), ("Germany", "DE"), ("1A", None)])
def test_country_is_an_ascii_code_or_nothing(country: str, expected: str | None) -> None:
    assert normalize_record({"title": TITLE, "country": country}, source="import", now=NOW).country == expected
