"""Numbers written as words ("seven years", "a team of twelve"), shared by every parser that reads
counts out of a posting's text (years asked, team sizes, level cues)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

_ONE_TO_TWENTY = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip
ENGLISH: dict[str, int] = {word: n for n, word in enumerate(_ONE_TO_TWENTY, start=1)} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
"""English number words, one to twenty and the tens to fifty."""

OTHER_LANGUAGES: dict[str, int] = {
    # German
    "ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "zehn": 10,
    # French
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10,
    # Spanish
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "diez": 10,
    # Dutch
    "twee": 2, "drie": 3, "vijf": 5,
}  # fmt: skip
"""The small numbers of German, French, Spanish and Dutch postings, where years are asked in words."""


def words_between(low: int, high: int, words: Mapping[str, int] = ENGLISH) -> dict[str, int]:
    """The number words of ``words`` whose value lies in [low, high]."""
    return {word: number for word, number in words.items() if low <= number <= high}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first (so no word is cut short by its prefix)."""
    return "|".join(sorted(words, key=len, reverse=True))


def decimal(token: str, words: Mapping[str, int]) -> float | None:
    """A number word of ``words`` or a decimal ("7", "2,5", "2.5") as a float; None otherwise
    (and for "nan" or "inf", which ``float`` would take)."""
    token = token.strip().lower()
    if token in words:
        return float(words[token])
    try:
        value = float(token.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
"""A figure as postings write money and head counts: "1,500,000", "1.500.000,50", "2.5", "2,5",
"1200". Longest alternatives first, so "1,500,000" is never read as "1,5"."""
_THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def amount(token: str) -> float | None:
    """A figure matched by :data:`AMOUNT` as a float. A separator followed by groups of exactly
    three digits separates thousands ("1,500" is 1500, "1.500.000" a million); otherwise it is the
    decimal point or comma ("2,5" is 2.5)."""
    token = token.strip()
    if _THOUSANDS_COMMA.fullmatch(token):
        return float(token.replace(",", ""))
    if _THOUSANDS_DOT.fullmatch(token):
        return float(token.replace(".", "").replace(",", "."))
    return decimal(token, {})


SCALES: dict[str, float] = {"k": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
"""The words and letters after a money figure that multiply it ("$5M", "€2.5 million", "$750k")."""


def budget_figure(number: str | None, scale: str | None) -> float | None:
    """A budget as a posting names it (figure and scale word) in currency units, or None when it is
    not a figure or not a plausible budget (under 10,000 or over a trillion)."""
    value = amount(number or "")
    if value is None:
        return None
    value *= SCALES.get((scale or "").lower(), 1.0)
    return value if 10_000 <= value <= 1e12 else None
