"""Description and board-hint cues: parsers on real-looking sentences, and never a crash."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.levels import cues


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("5+ years of experience in sales", 5.0),
        ("minimum of 3 years experience", 3.0),
        ("at least five years' experience managing teams", 5.0),
        ("2-4 years of relevant experience", 2.0),
        ("experience: 7 years", 7.0),
        ("mindestens 3 jahre berufserfahrung", 3.0),
        ("3 ans d'expérience", 3.0),
        ("founded 25 years ago", None),
        ("must be 18 years old", None),
        ("", None),
    ],
)
def test_years_asked(text, years):
    assert cues.years_asked(text) == years


def test_scope_cues():
    assert cues.team_size("you will manage a team of 12 engineers") == 12
    assert cues.reports_to("reports to the chief financial officer") == 8
    assert cues.reports_to("reporting directly to the vp of sales") == 7
    assert cues.reports_to("reports to the store manager") == 4
    assert cues.budget("own a $5m budget") == 5_000_000
    assert cues.budget("p&l of $20 million") == 20_000_000
    assert cues.manages_people("lead and develop a high-performing team")
    assert cues.manages_people("3 direct reports")
    assert not cues.manages_people("join our friendly team")
    assert cues.individual_contributor("this is an individual contributor role")
    assert cues.entry_cue("no experience necessary, paid training provided")
    assert cues.executive_cue("member of the executive leadership team")


@pytest.mark.parametrize(
    ("value", "profile"),
    [
        ("Mid-Senior Level", "mid_senior"),
        ("Executive", "executive"),
        ("entry_level", "entry"),
        ("Internship", "intern"),
        ("Associate", "associate"),
        ("Director", "director"),
        ("mid_level", "mid"),
        ("Not Applicable", ""),
        (None, ""),
        (float("nan"), ""),
        ("", ""),
    ],
)
def test_hint_profile(value, profile):
    assert cues.hint_profile(value) == profile


def test_cue_table_prefers_normalised_years_then_description_then_months():
    frame = pd.DataFrame(
        {
            "description": ["8+ years of experience", "8+ years of experience", None],
            "years_min": [2.0, None, None],
            "hint_months_experience": [None, None, 36],
        }
    )
    assert cues.cue_table(frame)["years"] == [2.0, 8.0, 3.0]


def test_cue_evidence_moves_the_right_way():
    frame = pd.DataFrame(
        {
            "description": [
                "15+ years of experience; reports to the CEO; full P&L responsibility",
                "No experience required, we will train you",
                "",
            ]
        }
    )
    evidence = cues.cue_log_likelihood(cues.cue_table(frame))
    assert evidence.shape == (3, 9)
    assert evidence[0].argmax() >= 6 and evidence[0, 0] < evidence[0, 6]
    assert evidence[1].argmax() == 0
    assert np.all(evidence[2] == 0)


@given(
    st.text(max_size=3000),
    st.one_of(st.none(), st.text(max_size=40)),
    st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
)
def test_cues_never_crash(text, hint, months):
    table = cues.cue_table(
        pd.DataFrame(
            {
                "description": [text],
                "hint_experience_level": [hint],
                "hint_months_experience": [months],
            }
        )
    )
    evidence = cues.cue_log_likelihood(table)
    assert evidence.shape == (1, 9)
    assert np.isfinite(evidence).all()
    years = table["years"][0]
    assert math.isnan(years) or years >= 0
    cues.people_manager_logit_shift(table)


def _naive_positions(text, needles):
    out = {}
    for needle in needles:
        i = text.find(needle)
        while i != -1:
            out.setdefault(needle, []).append(i)
            i = text.find(needle, i + 1)
    return out


_NEEDLE_ALPHABET = st.sampled_from(
    [
        "team",
        " of ",
        "report",
        "é",
        "équipe",
        "$",
        "€",
        "5",
        " ",
        "x",
        "\x00",
        "ü",
        "’",
        "tea",
        "?",
        "a",
        "b",
        "中",
        "\ud800",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_NEEDLE_ALPHABET, max_size=40).map("".join), min_size=0, max_size=40))
def test_needle_index_finds_exactly_what_find_does(texts):
    from screener.levels.scan import NeedleIndex

    needles = ("team", " of ", "report", "direct report", "équipe", "$", "€", "eam", "of", "a?b")
    found = NeedleIndex(needles).find(texts)
    assert found == [_naive_positions(t, needles) for t in texts]


def test_batch_cues_equal_one_text_at_a_time():
    texts = [
        "Lead a team of 12 engineers; 3 direct reports. 5+ years of experience. Reports to the CFO.",
        "No experience required, paid training provided. Équipe sympa, 2 ans d'expérience.",
        "Own a $5M budget and the full P&L; member of the executive leadership team.",
        "This is an individual contributor role.",
        "",
    ] * 8
    table = cues.cue_table(pd.DataFrame({"description": texts}))
    for i, text in enumerate(texts):
        low = text.lower()
        assert table["people"][i] == (bool(low) and cues.manages_people(low))
        assert table["budget"][i] == (cues.budget(low) if low else None)
        assert table["reports_to"][i] == (cues.reports_to(low) if low else None)
        assert table["entry"][i] == (bool(low) and cues.entry_cue(low))
