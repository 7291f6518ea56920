"""`-s NAME=VALUE` checked as Scrapy will read it: one line naming the setting, before a crawl."""

from __future__ import annotations

import pytest

import scrapers.settings as project
from screener.crawlsettings import (
    PROJECT_TYPES,
    READ_AS,
    SettingError,
    check_settings,
    expected_type,
    problem,
    scrapy_defaults,
)

DEFAULTS = scrapy_defaults()


@pytest.mark.parametrize(
    ("name", "value", "why"),
    [
        ("SCREENER_MONITOR_MAX_DROP_RATE", "abc", "expected a number"),
        ("SCREENER_MONITOR_MAX_DROP_RATE", "1.5", "expected a number between 0 and 1"),
        ("SCREENER_MONITOR_MAX_DROP_RATE", "nan", "expected a finite number"),
        ("SCREENER_MONITOR_MIN_FETCHED", "2.5", "expected a whole number"),
        ("SCREENER_STORE_BATCH", "0", "expected a number at least 1"),
        ("SCREENER_SKIP_UNCHANGED", "no", "expected 0/1 or true/false"),
        ("CONCURRENT_REQUESTS_PER_DOMAIN", "two", "expected a whole number"),
        ("CONCURRENT_REQUESTS", "0", "expected a number at least 1"),
        ("AUTOTHROTTLE_ENABLED", "yes", "expected 0/1 or true/false"),
        ("DOWNLOAD_DELAY", "fast", "expected a number"),
        ("RETRY_BACKOFF_BASE", "-1", "expected a number at least 0"),
        ("DOWNLOAD_SLOTS", "{bad", 'expected a JSON object, such as {"name": 1}'),
        ("LOG_LEVEL", "debug", "expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
    ],
)
def test_a_value_scrapy_could_not_read_is_named(name, value, why):
    assert problem(name, value, DEFAULTS.get(name)) == why
    with pytest.raises(SettingError) as caught:
        check_settings({"LOG_LEVEL": "INFO", name: value}, DEFAULTS)
    assert str(caught.value) == f"-s {name}={value!r}: {why}"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SCREENER_MONITOR_MAX_DROP_RATE", "0.2"),
        ("SCREENER_MONITOR_MIN_FETCHED", "5"),
        ("SCREENER_SKIP_UNCHANGED", "0"),
        ("HTTPCACHE_ENABLED", "1"),
        ("AUTOTHROTTLE_ENABLED", "false"),
        ("TELNETCONSOLE_ENABLED", "False"),  # an int default that Scrapy reads as a bool
        ("DOWNLOAD_TIMEOUT", "2.5"),  # an int default that Scrapy reads as a float
        ("DOWNLOAD_DELAY", "0"),
        ("CONCURRENT_REQUESTS_PER_DOMAIN", "1"),
        ("DOWNLOAD_SLOTS", '{"api.lever.co": {"delay": 1}}'),
        ("USER_AGENT", "anything at all"),  # a string default: nothing to check
        ("NOT_A_SCRAPY_SETTING", "whatever"),
        ("LOG_LEVEL", "DEBUG"),
    ],
)
def test_a_value_scrapy_can_read_passes(name, value):
    assert problem(name, value, DEFAULTS.get(name)) is None


def test_a_long_value_is_cut_in_the_message():
    with pytest.raises(SettingError) as caught:
        check_settings({"RETRY_TIMES": "x" * 500}, DEFAULTS)
    assert len(str(caught.value)) < 120 and "\n" not in str(caught.value)


def test_the_library_knows_the_type_of_every_project_setting():
    """The parent cannot import the Scrapy project: its table must say what scrapers/settings.py does."""
    for name, value in vars(project).items():
        if name.isupper() and isinstance(value, (bool, int, float)) and name not in READ_AS:
            assert expected_type(name, DEFAULTS.get(name)) is type(value), name
    assert set(PROJECT_TYPES) - set(vars(project)) == {"SCREENER_PARENT_RUN"}  # set by `screener crawl`
