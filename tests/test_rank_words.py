"""The words on a row: why, overqualification risk, the pitch; and learning the user's weighting."""

from __future__ import annotations

import numpy as np
import pytest

from screener.rank.components import DEFAULT_WEIGHTS, NAMES
from screener.rank.learn import MIN_MARKED, label_of, learn_weights
from screener.rank.pitch import overqualification_risk, pitch
from screener.rank.why import explain

VALUES = {
    "function": 1.0,
    "industry": 1.0,
    "skills": 0.9,
    "experience": 1.0,
    "scope": 0.9,
    "pay": 1.0,
    "location": 1.0,
    "recency": 0.8,
}


def contributions(values: dict[str, float]) -> dict[str, float]:
    return {n: DEFAULT_WEIGHTS[n] * (values[n] - 0.5) for n in values}


@pytest.mark.parametrize(
    ("row", "values", "expected"),
    [
        (
            {"function": "operations", "level": "manager", "pay_change_pct": -12.0, "city": "Chicago"},
            {**VALUES, "location": 0.6},
            "same function (operations), one rung down, pay -12%, names lean and budgeting",
        ),
        (
            {"function": "marketing", "level": "senior_manager", "pay_change_pct": float("nan"), "currency": "EUR"},
            {**VALUES, "function": 0.0, "pay": 0.5, "location": 0.05},
            "other function (marketing), same rung, pay in EUR (not compared), outside your area (unknown)",
        ),
        (
            {"function": None, "level": "director", "pay_change_pct": None, "years_min": 8.0},
            {
                **VALUES,
                "function": 0.35,
                "pay": 0.5,
                "experience": 0.2,
                "location": 0.5,
                "skills": 0.5,
                "industry": 0.5,
            },
            "function unclear, one rung up, pay not stated, asks 8+ years (you have 15)",
        ),
    ],
)
def test_why(row: dict, values: dict[str, float], expected: str) -> None:
    row = {"skills_named": ["lean", "budgeting"], **row}
    got = explain(row, contributions(values), values, profile_rank=5, profile_years=15, profile_team=40)
    assert got == expected


@pytest.mark.parametrize(
    ("gap", "years_asked", "pay", "risk"),
    [
        (1, 8, -12.0, "low"),
        (1, None, None, "low"),
        (2, 8, -5.0, "medium"),
        (1, 3, -5.0, "medium"),  # 12 years past what is asked
        (1, 3, -25.0, "high"),  # ... and a quarter less pay
        (2, 3, -53.0, "high"),
        (3, None, None, "high"),
    ],
)
def test_overqualification_risk(gap: int, years_asked: float | None, pay: float | None, risk: str) -> None:
    assert overqualification_risk(gap, 15, years_asked, pay) == risk


def test_pitch_answers_the_three_doubts_and_names_the_gap() -> None:
    row = {
        "title": "Operations Manager",
        "company": "Acme Freight",
        "function": "operations",
        "industry": "logistics",
        "pay_change_pct": -12.0,
        "salary_annual_max": 120000.0,
        "team_size": 25,
    }
    text = pitch(
        row,
        same_function=True,
        same_industry=True,
        my_functions=["operations"],
        skills=["lean"],
        last_salary=125000,
        currency="USD",
        team=40,
        years_management=8,
    )
    assert text == (
        "1) I want this job: Operations Manager at Acme Freight is the operations work I know best in logistics; "
        "I want to be hands-on again. "
        "2) Pay: 12% below my last 125,000 USD (the top, 120,000 USD, is 4% below); "
        "I have planned for it and it is fair for the role. "
        "3) Proving myself: I will earn my place like anyone new, with my lean background behind my new manager "
        "and the team of 25."
    )
    unknown = pitch(
        {**row, "pay_change_pct": None, "salary_annual_max": None, "team_size": None},
        same_function=False,
        same_industry=True,
        my_functions=["operations"],
        skills=[],
        last_salary=125000,
        currency="USD",
        team=None,
        years_management=8,
    )
    assert "keeps me in logistics" in unknown
    assert "2) Pay: not stated; I will ask early, and a fair rate for the role is fine after 125,000 USD." in unknown
    assert "with 8 years of leading people behind my new manager." in unknown


def test_labels() -> None:
    assert label_of("Applied ") == 1.0 and label_of("not interested") == 0.0 and label_of("NO") == 0.0
    assert np.isnan(label_of("")) and np.isnan(label_of(None))


def test_learning_follows_the_marks() -> None:
    rng = np.random.default_rng(0)
    n = 40
    fits = rng.uniform(0, 1, size=(n, len(NAMES)))
    pay = NAMES.index("pay")
    labels = (fits[:, pay] > 0.5).astype(float)  # this user only cares about pay
    learned = learn_weights(fits, labels, dict(DEFAULT_WEIGHTS))
    assert learned is not None and learned.rows == n
    assert learned.weights["pay"] > 2 * DEFAULT_WEIGHTS["pay"]
    assert learned.weights["function"] < DEFAULT_WEIGHTS["function"]
    assert sum(learned.weights.values()) == pytest.approx(sum(DEFAULT_WEIGHTS.values()), rel=0.01)
    assert learned.summary(DEFAULT_WEIGHTS).startswith("weights learned from your 40 marked rows: more weight on pay")


def test_no_learning_from_too_few_or_one_sided_marks() -> None:
    fits = np.full((MIN_MARKED - 1, len(NAMES)), 0.5)
    assert learn_weights(fits, np.ones(MIN_MARKED - 1), dict(DEFAULT_WEIGHTS)) is None
    fits = np.full((30, len(NAMES)), 0.5)
    assert learn_weights(fits, np.ones(30), dict(DEFAULT_WEIGHTS)) is None
    labels = np.full(30, np.nan)
    labels[:5] = 1
    assert learn_weights(fits, labels, dict(DEFAULT_WEIGHTS)) is None  # unmarked rows do not count


def test_why_never_contradicts_the_move() -> None:
    from screener.ladder import LEVELS, PROBA_COLUMNS
    from screener.rank.moves import moves

    # a senior manager (rung 5) and a posting whose likeliest single rung is director (one up),
    # but most of whose weight is below: manager 0.30, lead 0.25
    proba = np.zeros((1, len(PROBA_COLUMNS)))
    proba[0, [3, 4, 5, 6]] = [0.25, 0.30, 0.05, 0.40]
    [move], _ = moves(proba, 5)
    level = LEVELS[int(proba.argmax())]
    assert (move, level) == ("step_back", "director")
    row = {"function": "operations", "level": level, "move": move, "pay_change_pct": None}
    values = {**VALUES, "pay": 0.5}
    got = explain(row, contributions(values), values, profile_rank=5, profile_years=15, profile_team=40)
    assert got.startswith("same function (operations), probably a step back (level uncertain), pay not stated")
    assert "up" not in got
    # when they agree, the rung count stays
    agree = {**row, "level": "manager"}
    got = explain(agree, contributions(values), values, profile_rank=5, profile_years=15, profile_team=40)
    assert "one rung down" in got


@pytest.mark.parametrize(
    ("change", "top", "said"),
    [
        (25.0, 170000.0, "2) Pay: tops at 170,000 USD, above my last salary; no gap to explain."),
        (63.0, 220000.0, "2) Pay: tops at 220,000 USD, above my last salary; no gap to explain."),
        (-1.0, 125000.0, "2) Pay: tops at 125,000 USD, in line with my last salary; no gap to explain."),
        # the middle of the range is 20% below (as `why` says), the top 12%: each figure named with its own
        (-20.0, 110000.0, "2) Pay: 20% below my last 125,000 USD (the top, 110,000 USD, is 12% below); I have planned"),
        (-10.0, 130000.0, "2) Pay: 10% below my last 125,000 USD at the middle of the range, which reaches it"),
    ],
)
def test_pitch_pay_figures_agree(change: float, top: float, said: str) -> None:
    row = {"title": "Shift Lead", "company": "Acme", "function": "operations", "pay_change_pct": change}
    text = pitch(
        {**row, "salary_annual_max": top},
        same_function=True,
        same_industry=False,
        my_functions=["operations"],
        skills=["ITIL", "P&L"],
        last_salary=125000,
        currency="USD",
        team=None,
        years_management=None,
    )
    assert said in text
    assert "with my ITIL and P&L background" in text  # the skills as the profile writes them
