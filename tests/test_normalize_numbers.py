"""Number words shared by the years, team-size and level-cue parsers."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.normalize.numbers import ENGLISH, OTHER_LANGUAGES, alternation, decimal, words_between
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
