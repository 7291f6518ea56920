"""Hostile text for the text cleaners: markup built to make regular expressions backtrack,
invisible and reordering characters, script in titles, values that are not text."""

from __future__ import annotations

import time
import unicodedata

import pytest

from screener.normalize.text import MAX_DESCRIPTION_CHARS, clean_line, clean_text

N = MAX_DESCRIPTION_CHARS * 4  # the most text clean_text ever reads

# Each of these took from seconds to hours (quadratic backtracking) before the patterns were made
# linear; a linear pass over 400 000 characters takes a few milliseconds.
BACKTRACKING = {
    "unclosed tag, long name": "<" + "a" * N,
    "unclosed tag, long space": "<" + " " * (N - 10) + "&amp;",
    "many unclosed <br": "&amp;" + "<br" * (N // 3),
    "many unclosed <li": "&amp;" + "<li" * (N // 3),
    "many unclosed <script>": "&amp;" + "<script>" * (N // 8),
    "many unclosed comments": "&amp;" + "<!--" * (N // 4),
    "entity without semicolon": "&" + "a" * N,
    "tag full of =": "&amp;<a " + "=" * N,
    "unclosed quotes": "&amp;" + '<a x="' * (N // 6),
    "nested divs": "<div>" * (N // 5),
}


@pytest.mark.parametrize("markup", BACKTRACKING.values(), ids=BACKTRACKING.keys())
def test_hostile_markup_is_cleaned_in_linear_time(markup: str) -> None:
    started = time.perf_counter()
    text = clean_text(markup)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.2f} s"
    assert len(text) <= MAX_DESCRIPTION_CHARS
    assert "<script>" not in text.lower()  # an unclosed "<br" is text; a whole tag is not


def test_hostile_markup_in_a_title_is_quick_too() -> None:
    started = time.perf_counter()
    for markup in BACKTRACKING.values():
        clean_line(markup)
    assert time.perf_counter() - started < 1.0


INVISIBLE = {
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "pop directional formatting": "\u202c",
    "first strong isolate": "\u2068",
    "right-to-left mark": "\u200f",
    "arabic letter mark": "\u061c",
    "zero width space": "\u200b",
    "zero width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "tag latin a (ascii smuggling)": "\U000e0041",
    "language tag": "\U000e0001",
    "mongolian vowel separator": "\u180e",
    "hangul filler": "\u3164",
    "interlinear annotation": "\ufff9",
    "lone high surrogate": "\ud800",
    "lone low surrogate": "\udfff",
    "escape (terminal colours)": "\x1b",
    "nul": "\x00",
    "delete": "\x7f",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_and_reordering_characters_leave_titles(char: str) -> None:
    title = clean_line(f"{char}Opera{char}tions{char} Manager{char}")
    assert title == "Operations Manager"


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_leave_descriptions(char: str) -> None:
    text = clean_text(f"Lead{char} the team.\n\nHire{char} people.")
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs") for c in text if c != "\n")
    assert text == "Lead the team.\n\nHire people."


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_unicode_line_breaks_are_line_breaks(char: str) -> None:
    assert clean_text(f"Lead the team.{char}Hire people.") == "Lead the team.\nHire people."
    assert clean_line(f"Operations{char}Manager") == "Operations Manager"


def test_bidi_override_cannot_disguise_a_title() -> None:
    # "Manager" written backwards behind a right-to-left override displays as "Manager"
    assert clean_line("\u202eregana\u202cM Operations") == "reganaM Operations"


SCRIPT_TITLES = [
    ("<script>alert(1)</script>Operations Manager", "Operations Manager"),
    ("Operations Manager<script src=//evil.example/x.js></script>", "Operations Manager"),
    ("<SCRIPT>document.cookie</SCRIPT >Operations Manager", "Operations Manager"),
    ("&lt;script&gt;alert(1)&lt;/script&gt;Operations Manager", "Operations Manager"),
    ("<b onmouseover=alert(1)>Operations</b> Manager", "Operations Manager"),
    ("<img src=x onerror=alert(1)>Operations Manager", "Operations Manager"),
    ("<style>body{display:none}</style>Operations Manager", "Operations Manager"),
    ("Operations Manager<script>never closed", "Operations Manager"),
    ("<!-- hidden -->Operations <i>Manager</i>", "Operations Manager"),
    ("Operations &amp; Logistics Manager", "Operations & Logistics Manager"),
    ("Operations&nbsp;Manager", "Operations Manager"),
]


@pytest.mark.parametrize(("raw", "expected"), SCRIPT_TITLES)
def test_markup_and_script_leave_titles(raw: str, expected: str) -> None:
    assert clean_line(raw) == expected


def test_script_content_leaves_descriptions_and_blocks_stay_lines() -> None:
    text = clean_text(
        "<p>Run the site.</p><script>fetch('//evil.example')</script><ul><li>Budget</li><li>Team</li></ul>"
    )
    assert "evil" not in text and "fetch" not in text
    assert [line for line in text.splitlines() if line] == ["Run the site.", "- Budget", "- Team"]


NOT_TEXT = [None, True, False, {"name": "Manager"}, ["Manager"], ("Manager",), {"Manager"}, b"Manager", object()]


@pytest.mark.parametrize("value", NOT_TEXT, ids=[type(v).__name__ for v in NOT_TEXT])
def test_values_that_are_not_text_clean_to_nothing(value: object) -> None:
    assert clean_text(value) == ""
    assert clean_line(value) == ""


def test_a_deeply_nested_value_is_not_text_and_does_not_recurse() -> None:
    deep: dict = {}
    for _ in range(100_000):
        deep = {"a": deep}
    assert clean_text(deep) == ""


@pytest.mark.parametrize(("value", "expected"), [(42, "42"), (3.5, "3.5"), (float("nan"), ""), (float("inf"), "")])
def test_numbers_are_written_out_when_finite(value: object, expected: str) -> None:
    assert clean_line(value) == expected


def test_ten_megabyte_description_is_cut_quickly() -> None:
    started = time.perf_counter()
    text = clean_text("<p>" + "word " * 2_000_000 + "</p>")
    assert time.perf_counter() - started < 1.0
    assert 0 < len(text) <= MAX_DESCRIPTION_CHARS


def test_text_cut_at_its_limit_does_not_end_in_a_line_break() -> None:
    assert clean_text("0" * 15 + "\x85" + "0", limit=16) == "0" * 15
    assert clean_text("word " * 10, limit=5) == "word"
