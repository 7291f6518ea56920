"""Values Python cannot turn into numbers or dates, salaries that cannot be, and dates in the
future or that do not exist: each is repaired or dropped, never raised."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from screener.normalize.fields import text_id
from screener.normalize.record import normalize_record
from screener.normalize.salary import from_fields, to_amount
from screener.normalize.years import years_from_months

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
TITLE = "Operations Manager"


SALARIES = [
    # (min, max, period, expected (min, max, period))
    (0, 0, None, None),
    (0, 90_000, "year", (None, 90_000, "year")),
    (-90_000, -60_000, "year", None),
    ("-90000", "-60000", "year", None),
    (120_000, 90_000, "year", (90_000, 120_000, "year")),
    (25, 30, "year", (25, 30, "hour")),  # hourly written as yearly
    (95_000, None, "hour", (95_000, None, "year")),  # yearly written as hourly
    (1, 100_000, "year", (None, 100_000, "year")),  # a placeholder lower bound
    ("ninety thousand", "lots", None, None),
    ("90k", "$120,000", "year", (90_000, 120_000, "year")),
    (1e12, 1e12, "year", None),
    (math.nan, math.inf, None, None),
    (10**400, 10**400, None, None),
    (True, False, "year", None),
    ([90_000], [120_000], ["year"], (90_000, 120_000, "year")),
    ({"value": 1}, {"value": 2}, {"unit": "year"}, None),
]


@pytest.mark.parametrize(("low", "high", "period", "expected"), SALARIES)
def test_salaries_are_repaired_or_dropped(low: object, high: object, period: object, expected: tuple | None) -> None:
    posting = normalize_record(
        {"title": TITLE, "salary_min": low, "salary_max": high, "salary_period": period}, source="import", now=NOW
    )
    got = (posting.salary_min, posting.salary_max, posting.salary_period)
    assert got == (expected or (None, None, None))
    if expected is not None:
        factor = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}[expected[2]]
        assert posting.salary_annual_max == (expected[1] * factor if expected[1] is not None else None)


def test_to_amount_never_raises_on_numbers_python_cannot_make_floats() -> None:
    for value in (10**400, -(10**400), Decimal("sNaN"), Decimal("NaN"), Decimal("1e999999"), "9" * 5000):
        assert to_amount(value) is None
    assert from_fields(10**400, Decimal("sNaN"), "usd", "year") is None


DATES = [
    ("2999-01-01", None, None),  # far future
    ("2025-06-10", None, "2025-06-10"),  # future: not a posting date, a fine closing date
    ("2025-02-30", None, None),  # impossible
    ("2025-13-01", None, None),
    ("0000-00-00", None, None),
    ("1970-01-01", None, None),  # epoch zero: an error in the source
    (0, None, None),
    (-1, None, None),
    (1e20, None, None),
    (10**400, None, None),
    (math.nan, None, None),
    (math.inf, None, None),
    (True, None, None),
    ({"date": "2025-05-01"}, None, None),
    ("2025-05-01", "2025-05-01", "2025-05-01"),
    (1746057600, "2025-05-01", "2025-05-01"),  # epoch seconds
    (1746057600000, "2025-05-01", "2025-05-01"),  # epoch milliseconds
    ("3 days ago", "2025-05-29", "2025-05-29"),
    ("4", None, None),  # a bare number that is neither an epoch nor YYYYMMDD (a shifted CSV cell)
    ("2025", None, None),
    ("20250501", "2025-05-01", "2025-05-01"),
    ("$120k", None, None),  # dateparser, left to guess the language, made 2015-06-01 of this
    ("ñ3ü", None, None),
    ("vor 3 Tagen", "2025-05-29", "2025-05-29"),
    ("hace 2 días", "2025-05-30", "2025-05-30"),
]


def test_odd_date_strings_cost_milliseconds_not_seconds() -> None:
    import time

    from screener.normalize.dates import parse_date

    parse_date("5 janvier 2024", now=NOW)  # dateparser's own start-up is paid once
    odd = [f"Mon {i} abc" for i in range(20)] + [f"{i} per hour" for i in range(20)] + [f"x{i}y ago" for i in range(20)]
    started = time.perf_counter()
    assert [parse_date(text, now=NOW) for text in odd] == [None] * len(odd)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(("value", "posted", "valid"), DATES)
def test_dates_out_of_range_or_impossible_are_dropped(value: object, posted: str | None, valid: str | None) -> None:
    posting = normalize_record({"title": TITLE, "date_posted": value, "valid_through": value}, source="i", now=NOW)
    assert (posting.date_posted, posting.valid_through) == (posted, valid)


def test_ids_and_months_of_any_size() -> None:
    assert text_id(10**400) is None
    assert text_id(math.nan) is None
    assert text_id(math.inf) is None
    assert text_id(12.0) == "12"
    assert text_id(12) == "12"
    assert text_id("a\ud800\x00b\u202e") == "ab"
    assert years_from_months(10**400) is None
    assert years_from_months("9" * 5000) is None
    assert years_from_months(60) == 5.0


@pytest.mark.parametrize("text", ["-$50,000 a year", "$-50,000 - $-60,000", "−50000 EUR"])
def test_a_negative_salary_in_text_is_not_read_as_positive(text: str) -> None:
    assert to_amount(text) is None
