"""Property-based test of normalize_record: any JSON-ish object raises nothing but Rejected, and
every posting it returns keeps the record contract, so the store and the exports can trust it."""

from __future__ import annotations

import json
import math
import os
import unicodedata
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from screener.normalize.errors import Rejected
from screener.normalize.record import normalize_record
from screener.normalize.salary import PER_YEAR
from screener.normalize.text import MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS
from screener.records import REMOTE_MODES, SALARY_PERIODS, Posting

EXAMPLES = int(os.environ.get("SCREENER_PROPERTY_EXAMPLES", "300"))
NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
KEYS = [
    "source", "source_id", "url", "title", "company", "department", "location", "city", "region", "country",
    "remote", "employment_type", "salary_min", "salary_max", "salary_currency", "salary_period", "salary_text",
    "date_posted", "valid_through", "description", "hints", "raw", "months_of_experience", "experience_level",
]  # fmt: skip
SPECIALS = "\u202e\u200b\ufeff\U000e0041\ud800\x00\x1b\u2028<>&;"
text = st.text(alphabet=st.characters(codec=None) | st.sampled_from(list(SPECIALS)), max_size=40)
plausible = st.sampled_from(
    ["Operations Manager", "<b>Director</b> of Ops", "$90k - $120k per year", "25/hr", "Chicago, IL", "Remote - US",
     "hybrid", "FULL_TIME", "2025-05-01", "3 days ago", "1746057600", "https://u:p@jobs.example.com/1?utm_source=x",
     "USD", "year", "hour", "5+ years of experience managing teams", "<script>alert(1)</script>", "&amp;lt;p&amp;gt;"]
)  # fmt: skip
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([10**400, -(10**400)])
    | st.floats(allow_nan=True, allow_infinity=True)
    | text
    | plausible
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text | plausible, inner, max_size=3),
    max_leaves=8,
)
records = st.dictionaries(st.sampled_from(KEYS), values, max_size=len(KEYS)) | st.dictionaries(text, values, max_size=4)


def check(posting: Posting) -> None:
    assert isinstance(posting, Posting)
    title = posting.title
    assert 0 < len(title) <= MAX_TITLE_CHARS and title == title.strip()
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in title)
    assert "<script" not in title.lower()
    assert posting.remote in REMOTE_MODES
    assert posting.country is None or (
        len(posting.country) == 2 and posting.country.isascii() and posting.country.isupper()
    )
    assert len(posting.description) <= MAX_DESCRIPTION_CHARS

    low, high, period = posting.salary_min, posting.salary_max, posting.salary_period
    if low is None and high is None:
        assert period is None and posting.salary_annual_min is None and posting.salary_annual_max is None
    else:
        assert period in SALARY_PERIODS
        factor = PER_YEAR[period]
        for amount, annual in ((low, posting.salary_annual_min), (high, posting.salary_annual_max)):
            assert (amount is None) == (annual is None)
            if amount is not None:
                assert math.isfinite(amount) and amount > 0
                assert annual == round(amount * factor, 2)
        if low is not None and high is not None:
            assert low <= high
        typical = high if high is not None else low
        assert 1_000 <= typical * factor <= 50_000_000

    if posting.date_posted is not None:
        assert date(1995, 1, 1) <= date.fromisoformat(posting.date_posted) <= NOW.date() + timedelta(days=2)
    if posting.valid_through is not None:
        assert date(1995, 1, 1) <= date.fromisoformat(posting.valid_through) <= NOW.date() + timedelta(days=3 * 365)
    if posting.years_min is not None:
        assert 0 <= posting.years_min <= 50
        assert posting.years_max is None or posting.years_min <= posting.years_max
    if posting.url is not None:
        parts = urlsplit(posting.url)
        assert parts.scheme in ("http", "https") and parts.hostname and "@" not in parts.netloc

    for name in ("title", "source", "source_id", "board", "url", "company", "department", "location", "city",
                 "region", "country", "employment_type", "salary_currency", "salary_raw", "date_posted_raw",
                 "description"):  # fmt: skip
        value = getattr(posting, name)
        assert value is None or isinstance(value, str)
        if value:
            value.encode("utf-8")  # the store writes UTF-8: no lone surrogates anywhere
            if name != "description":
                assert "\n" not in value and not any(unicodedata.category(c) in ("Cc", "Cf") for c in value)
    json.dumps(posting.hints, allow_nan=False)
    assert all(isinstance(k, str) and 0 < len(k) <= 60 for k in posting.hints)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records, st.sampled_from(["import", "jobspy:indeed", "", "\u202e", "greenhouse"]))
@example({"title": "Ops \ud800 Manager", "hints": {"\ud800": 10**400}}, "import")
@example({"title": [[["Manager"]]], "salary_min": 10**400, "date_posted": 10**400, "source_id": 10**400}, "import")
@example({"title": "Manager", "country": "éé"}, "import")
@example({"title": "Manager", "salary_min": 25, "salary_max": 30, "salary_period": "year"}, "import")
@example({"title": "Manager", "salary_text": "$-50,000", "description": "Pay: $1 - $100,000 per year."}, "import")
def test_normalize_record_keeps_the_contract_or_rejects(record: dict, source: str) -> None:
    try:
        posting = normalize_record(record, source=source, now=NOW)
    except Rejected as exc:
        assert exc.reason in ("missing_title", "invalid_title", "not_an_object")
        assert exc.message and "\n" not in exc.message
        return
    check(posting)


@settings(max_examples=EXAMPLES // 3, deadline=None)
@given(values)
def test_anything_that_is_not_an_object_is_rejected(value: object) -> None:
    if isinstance(value, dict):
        return
    try:
        normalize_record(value, source="import", now=NOW)  # type: ignore[arg-type]
    except Rejected as exc:
        assert exc.reason == "not_an_object"
    else:
        raise AssertionError("a non-object was accepted")
