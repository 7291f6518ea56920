"""Property-based tests for every single-value parser: whatever they are given, they return a
value inside their contract (or None / "unknown") and raise nothing."""

from __future__ import annotations

import math
import os
import unicodedata
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from screener.normalize.dates import EARLIEST, parse_date
from screener.normalize.fields import canonical_url, employment_type, text_id
from screener.normalize.location import CA_PROVINCES, US_STATES, parse_location, remote_mode
from screener.normalize.salary import PER_YEAR, Salary, find_salary_in_text, from_fields, parse_salary, to_amount
from screener.normalize.text import MAX_TITLE_CHARS, clean_line, clean_text
from screener.normalize.years import years_from_months, years_required
from screener.records import REMOTE_MODES, SALARY_PERIODS

EXAMPLES = int(os.environ.get("SCREENER_PROPERTY_EXAMPLES", "150"))  # raise it for a long local hunt
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)

# Characters the open web sends that break naive code: bidi controls, zero-width, tag characters,
# lone surrogates (valid in JSON escapes), C0/C1 controls, line separators, markup.
SPECIALS = list(
    "\u202e\u202a\u2066\u200b\u200d\u2060\ufeff\u00ad\U000e0041\U000e0001\ud800\udfff\x00\x1b\x85\u2028\u3164<>&;/\"'="
)
chars = st.characters(codec=None) | st.sampled_from(SPECIALS)
any_text = st.text(alphabet=chars, max_size=80)
# fmt: off
TOKENS = [
    "$", "€", "£", "USD", "EUR", "k", "K", "m", "-", "–", "/", "per", "hour", "hr", "year", "yr", "month", "week",
    "day", "annually", ",", ".", "000", "120", "95", "1.234,56", "25", "0", "-5", "1e9", "years", "experience",
    "minimum", "5+", "3-5", "ten", "Remote", "Hybrid", "on-site", "Chicago", "IL", "Canada", "(", ")", ";", "|",
    "<p>", "</p>", "<script>", "&amp;", "&lt;", "ago", "today", "2025-05-01", "T12:00:00Z", "Z", " to ", " - ",
    "up to ", " ", "\n",
]
# fmt: on
token_text = st.lists(st.sampled_from(TOKENS) | any_text, max_size=12).map("".join)
texty = token_text | any_text
big_ints = st.sampled_from([10**400, -(10**400), 2**63, -(2**63), 10**30])
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | big_ints
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.decimals(allow_nan=True, allow_infinity=True)
    | texty
)
json_like = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4), max_leaves=12
)


def assert_salary(pay: Salary | None) -> None:
    if pay is None:
        return
    assert pay.period in SALARY_PERIODS
    assert pay.min is not None or pay.max is not None
    for amount in (pay.min, pay.max):
        assert amount is None or (math.isfinite(amount) and 0 < amount <= 1e9)
    if pay.min is not None and pay.max is not None:
        assert pay.min <= pay.max
    typical = pay.max if pay.max is not None else pay.min
    assert 1_000 <= typical * PER_YEAR[pay.period] <= 50_000_000
    low, high = pay.annual
    assert (low is None) == (pay.min is None) and (high is None) == (pay.max is None)
    if low is not None:
        assert low == round(pay.min * PER_YEAR[pay.period], 2)
    if low is not None and high is not None:
        assert low <= high
    assert pay.currency is None or (len(pay.currency) == 3 and pay.currency.isupper())


@FAST
@given(texty | json_like)
@example("$-50,000 - $-60,000 a year")
@example("$25 - $30 per year")
@example("95000 per hour")
@example("$1 - $100,000")
@example("9" * 300)
def test_parse_salary(value: object) -> None:
    assert_salary(parse_salary(value))


@FAST
@given(json_like, json_like, json_like, json_like)
@example(10**400, 0, "usd", "year")
@example(120_000, 90_000, "$", "YEAR")
@example(25, 30, None, "year")
@example(-1, -2, None, None)
def test_from_fields(low: object, high: object, currency: object, period: object) -> None:
    assert_salary(from_fields(low, high, currency, period))


@FAST
@given(json_like)
def test_to_amount(value: object) -> None:
    amount = to_amount(value)
    assert amount is None or (math.isfinite(amount) and 0 < amount <= 1e9)


@FAST
@given(texty)
def test_find_salary_in_text(text: str) -> None:
    found = find_salary_in_text(text)
    if found is not None:
        assert_salary(found[0])
        assert found[1] in text


@FAST
@given(st.none() | texty)
@example("25 years ago we were founded; 5+ years of experience required; 3-5 years managing")
@example("minimum of 99 years of experience")
@example("5 - 3 years of experience")
def test_years_required(text: str | None) -> None:
    found = years_required(text)
    if found is not None:
        low, high = found
        assert 0 <= low <= 40
        assert high is None or low <= high <= 45


@FAST
@given(json_like)
def test_years_from_months(value: object) -> None:
    years = years_from_months(value)
    assert years is None or 0 <= years <= 50


@FAST
@given(json_like, st.integers(min_value=0, max_value=2000))
@example("2025-13-01", 2)
@example("2999-01-01", 2)
@example(10**400, 2)
@example(-1e300, 2)
@example("4", 2)
def test_parse_date(value: object, future_days: int) -> None:
    found = parse_date(value, now=NOW, future_days=future_days)
    if found is not None:
        assert isinstance(found, date)
        assert EARLIEST <= found <= NOW.date() + timedelta(days=future_days)


@FAST
@given(texty)
def test_parse_location(text: str) -> None:
    place = parse_location(text)
    assert place.city is None or 0 < len(place.city) <= 80
    assert place.region is None or place.region in US_STATES or place.region in CA_PROVINCES
    assert place.country is None or (len(place.country) == 2 and place.country.isupper())


@FAST
@given(json_like, st.lists(st.none() | texty, max_size=3))
def test_remote_mode(explicit: object, texts: list[str | None]) -> None:
    assert remote_mode(explicit, *texts) in REMOTE_MODES


@FAST
@given(json_like)
def test_employment_type_and_text_id(value: object) -> None:
    assert employment_type(value) in (None, "full_time", "part_time", "contract", "temporary", "internship", "other")
    found = text_id(value)
    assert found is None or (0 < len(found) <= 200 and "\n" not in found)
    if found is not None:
        found.encode("utf-8")


def no_hidden_characters(text: str, *, newlines: bool) -> bool:
    return not any(
        unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") and not (newlines and c == "\n") for c in text
    )


@FAST
@given(texty | json_like, st.integers(min_value=1, max_value=500))
def test_clean_text(value: object, limit: int) -> None:
    text = clean_text(value, limit=limit)
    assert len(text) <= limit
    assert no_hidden_characters(text, newlines=True)
    assert text == text.strip()
    text.encode("utf-8")


@FAST
@given(texty | json_like)
def test_clean_line(value: object) -> None:
    line = clean_line(value)
    assert len(line) <= MAX_TITLE_CHARS
    assert no_hidden_characters(line, newlines=False)
    assert line == line.strip() and "  " not in line
    if "&" not in line and "<" not in line:
        assert clean_line(line) == line  # plain text is a fixed point


url_parts = st.sampled_from(
    ["http://", "https://", "HTTPS://", "javascript:", "ftp://", "//", "user:pass@", "u@", "[::1]", "example.com",
     "Example.COM", ":8080", ":443", ":99999", ":x", "/", "/jobs/1", "?", "&", "utm_source=x", "token=t", "id=3",
     "#frag", ";jsessionid=AB", "%20", "%zz", " ", "é", "\u202e"]
)  # fmt: skip
urls = st.lists(url_parts | any_text, max_size=8).map("".join)


@FAST
@given(urls | json_like)
@example("https://user:secret@jobs.example.com:8443/1?api_key=x#f")
def test_canonical_url(value: object) -> None:
    url = canonical_url(value)
    if url is None:
        return
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https")
    assert parts.hostname and "@" not in parts.netloc
    assert parts.fragment == "" and parts.password is None and parts.username is None
    assert "utm_source" not in parts.query and "token=" not in parts.query
    url.encode("ascii")
    assert canonical_url(url) == url
