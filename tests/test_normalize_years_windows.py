"""years_required reads only the spans around years words, and finds what a whole-text scan finds."""

from __future__ import annotations

import pytest

from screener.normalize import years
from screener.normalize.years import _PATTERN, _windows, years_required

LONG_INTRO = "We move freight across the Midwest and care about our people. " * 40


def whole_text_scan(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _PATTERN.finditer(text)]


def windowed_scan(text: str) -> list[tuple[int, str]]:
    # _matches may match on a lower-cased copy: its offsets are the text's
    return [(m.start(), text[m.start() : m.end()]) for m in years._matches(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LONG_INTRO + "You bring 7+ years of experience in operations, 3 of them managing managers.", (7.0, None)),
        (LONG_INTRO + "Minimum of 5 to 8 years of relevant experience.", (5.0, 8.0)),
        ("Founded 25 years ago. " + LONG_INTRO + "At least ten years leading teams.", (10.0, None)),
        ("mindestens 5 Jahre Berufserfahrung; " + LONG_INTRO, (5.0, None)),
        (LONG_INTRO, None),
    ],
)
def test_same_answers_as_a_whole_text_scan(text, expected):
    assert years_required(text) == expected
    assert windowed_scan(text) == whole_text_scan(text)


def test_windows_merge_and_stay_small():
    text = "x" * 500 + " 5 years " + "y" * 50 + " 6 yrs " + "z" * 500 + " 2 ans"
    spans = _windows(text)
    assert len(spans) == 2  # the first two years words share one span
    assert sum(end - start for start, end in spans) < 500


def test_the_lower_case_years_word_scan_finds_the_same_words():
    text = "Jaar, jaren, Jahr, Jahren, Jahre, yrs, yr, Years, year, ans, années, años, anos; plans, yeast, jam."
    slow = [m.span() for m in years._YEARS_WORD.finditer(text)]
    fast = [m.span() for m in years._YEARS_WORD_LOWER.finditer(text.lower())]
    assert fast == slow and len(fast) == 14
