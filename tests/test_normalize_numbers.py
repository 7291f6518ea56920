"""Number words shared by the years, team-size and level-cue parsers."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.normalize.numbers import (
    ENGLISH,
    OTHER_LANGUAGES,
    alternation,
    amount,
    budget_figure,
    decimal,
    words_between,
)
from screener.normalize.years import years_required


@pytest.mark.parametrize(
    ("token", "words", "expected"),
    [
        ("Seven", ENGLISH, 7.0),
        (" twelve ", ENGLISH, 12.0),
        ("2,5", ENGLISH, 2.5),
        ("10", ENGLISH, 10.0),
        ("fünf", OTHER_LANGUAGES, 5.0),
        ("fünf", ENGLISH, None),
        ("several", ENGLISH, None),
        ("", ENGLISH, None),
        ("nan", ENGLISH, None),
        ("-inf", ENGLISH, None),
    ],
)
def test_decimal(token, words, expected):
    assert decimal(token, words) == expected


def test_words_between_keeps_the_range():
    assert set(words_between(2, 3).values()) == {2, 3}
    assert "one" not in words_between(2, 50) and words_between(2, 50)["fifty"] == 50


def test_alternation_matches_whole_words_before_their_prefixes():
    pattern = re.compile(rf"\b(?:{alternation(ENGLISH)})\b")
    assert pattern.fullmatch("sixteen") and pattern.fullmatch("seventeen")
    assert pattern.match("sixteen years").group(0) == "sixteen"


@pytest.mark.parametrize(("word", "number"), sorted(words_between(1, 20).items()))
def test_every_english_word_is_read_as_years(word, number):
    assert years_required(f"At least {word} years of experience in operations")[0] == number


@given(st.text(max_size=40))
def test_decimal_never_raises_and_is_finite_or_none(token):
    value = decimal(token, ENGLISH)
    assert value is None or math.isfinite(value)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("1,500,000", 1_500_000.0),
        ("1.500.000", 1_500_000.0),
        ("1.500.000,50", 1_500_000.5),
        ("1,500", 1_500.0),
        ("2,5", 2.5),
        ("2.5", 2.5),
        ("1200", 1200.0),
        ("", None),
    ],
)
def test_amount_reads_thousands_and_decimals(token, expected):
    assert amount(token) == expected


@given(st.integers(min_value=0, max_value=10**12))
def test_amount_reads_any_whole_number_grouped_by_thousands(number):
    assert amount(f"{number:,}") == number
    assert amount(f"{number:,}".replace(",", ".")) == number


@pytest.mark.parametrize(
    ("text", "budget", "team"),
    [
        ("You will own a budget of $1,500,000 across the region.", 1_500_000.0, None),
        ("A $2,500,000 annual budget and a P&L.", 2_500_000.0, None),
        ("Verantwortung für ein Budget von €1.500.000.", 1_500_000.0, None),
        ("You will lead 1,200 employees across four sites.", None, 1200),
    ],
)
def test_cues_read_figures_grouped_by_thousands(text, budget, team):
    from screener.enrich import cues as enrich_cues
    from screener.levels import cues as level_cues

    assert level_cues.budget(text.lower()) == budget == enrich_cues.budget(text)
    assert level_cues.team_size(text.lower()) == team == enrich_cues.team_size(text)


@pytest.mark.parametrize(
    ("number", "scale", "expected"),
    [("5", "M", 5e6), ("750", "k", 750_000.0), ("1,500,000", None, 1.5e6), ("9,999", "", None), ("2", "bn", 2e9)],
)
def test_budget_figure(number, scale, expected):
    assert budget_figure(number, scale) == expected


@given(st.text(max_size=20), st.one_of(st.none(), st.sampled_from(["", "k", "M", "bn", "xyz"])))
def test_budget_figure_is_a_plausible_budget_or_none(number, scale):
    value = budget_figure(number, scale)
    assert value is None or 10_000 <= value <= 1e12
