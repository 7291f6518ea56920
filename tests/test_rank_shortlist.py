"""What a manager should read at the top of the shortlist, fixed on small self-written postings
(tests/fixtures/rank), placed on the ladder by a stub so the level model can change freely."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from screener.profile import load_profile
from screener.rank.shortlist import COLUMNS, RankOptions, build, profile_rung
from screener.store import Store
from tests.rank_support import FIXTURES, fixture_records, load_store

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rank") / "s.db"
    load_store(path, fixture_records())
    return path


def shortlist(db: Path, profile_name: str, **options) -> pd.DataFrame:
    profile = load_profile(FIXTURES / f"{profile_name}.yaml")
    with Store.open(db) as store:
        return build(store, profile, profile_rung(profile, None)[0], RankOptions(today=TODAY, **options)).rows


def row(frame: pd.DataFrame, title: str, company: str | None = None) -> pd.Series:
    hits = frame[(frame["title"] == title) & ((frame["company"] == company) if company else True)]
    assert len(hits) == 1, f"{title} at {company}: {len(hits)} rows"
    return hits.iloc[0]


def test_columns_follow_the_contract(db: Path) -> None:
    frame = shortlist(db, "ops_senior_manager")
    assert list(frame.columns) == COLUMNS
    for name in ("function", "industry", "skills", "experience", "scope", "pay", "location", "recency"):
        assert frame[f"fit_{name}"].between(0, 1).all()
    assert frame["score"].between(0, 100).all()
    assert list(frame["rank"]) == list(range(1, len(frame) + 1))
    assert frame["score"].is_monotonic_decreasing


def test_ops_senior_manager_top_reads_right(db: Path) -> None:
    frame = shortlist(db, "ops_senior_manager")
    top = frame.head(3)
    assert list(top["title"]) == ["Senior Operations Manager", "Operations Manager", "Director of Operations"]
    assert list(top["move"]) == ["parallel", "step_back", "step_up"]
    assert top.iloc[0]["why"] == "same function (operations), same rung, pay +4%, names lean and budgeting"
    assert top.iloc[1]["why"].startswith("same function (operations), one rung down, pay -12%")
    assert top.iloc[2]["why"].startswith("same function (operations), one rung up, pay +32%")
    # same function above off-function at the same rung
    assert row(frame, "Senior Operations Manager")["score"] > row(frame, "Senior Marketing Manager")["score"] + 30
    assert (
        row(frame, "Operations Manager", "Midwest Freight Logistics")["score"] > row(frame, "Finance Manager")["score"]
    )
    # the band: two rungs either side of senior_manager
    titles = set(frame["title"])
    assert {
        "Operations Intern",
        "Logistics Coordinator",
        "Chief Operating Officer",
        "Senior Software Engineer",
    }.isdisjoint(titles)
    assert "Warehouse Supervisor" in titles  # lead: two rungs down, still in the band


def test_pay_change_figures(db: Path) -> None:
    frame = shortlist(db, "ops_senior_manager")
    # midpoint of the annual range against the last salary of 125,000 USD
    assert row(frame, "Operations Manager", "Midwest Freight Logistics")["pay_change_pct"] == -12.0
    assert row(frame, "Director of Operations")["pay_change_pct"] == 32.0
    # 26-31 USD an hour, annualised (2080 hours): midpoint 59,280 -> -52.6%
    assert row(frame, "Warehouse Supervisor")["pay_change_pct"] == pytest.approx(-52.6, abs=0.1)
    # another currency and no pay are said, not guessed
    euro = row(frame, "Operations Manager", "Kontor Logistik GmbH")
    assert pd.isna(euro["pay_change_pct"])
    assert "pay in EUR (not compared)" in euro["why"]
    assert "pay not stated" in row(frame, "Supply Chain Manager")["why"]


def test_step_back_rows_carry_risk_and_a_pitch_naming_the_gap(db: Path) -> None:
    frame = shortlist(db, "ops_senior_manager")
    back = row(frame, "Operations Manager", "Midwest Freight Logistics")
    assert back["overqualification_risk"] == "low"
    points = back["pitch"]
    assert points.startswith("1) I want this job: Operations Manager at Midwest Freight Logistics")
    assert "2) Pay: 12% below my last 125,000 USD (the top, 120,000 USD, is 4% below)" in points
    assert "3) Proving myself:" in points and "the team of 25" in points
    assert row(frame, "Warehouse Supervisor")["overqualification_risk"] == "high"  # two rungs, -53%
    for _, r in frame[frame["move"] != "step_back"].iterrows():
        assert pd.isna(r["pitch"]) and pd.isna(r["overqualification_risk"])


def test_retail_store_manager(db: Path) -> None:
    frame = shortlist(db, "retail_store_manager")
    assert list(frame.head(3)["title"]) == ["Store Manager", "District Manager", "Assistant Store Manager"]
    assert list(frame.head(3)["move"]) == ["parallel", "step_up", "step_back"]
    assistant = row(frame, "Assistant Store Manager")
    assert assistant["why"].startswith("same function (retail), one rung down, pay -26%")
    # the same -26% as `why`, and the top of the range with its own figure
    assert "2) Pay: 26% below my last 72,000 USD (the top, 56,000 USD, is 22% below)" in assistant["pitch"]
    # onsite in Chicago: remote and Boston postings are out
    assert "Remote Operations Manager" not in set(frame["title"])
    assert not frame["location"].str.contains("Boston").any()


def test_it_director(db: Path) -> None:
    frame = shortlist(db, "it_director")
    assert list(frame.head(4)["title"]) == [
        "Director of Information Technology",
        "IT Infrastructure Senior Manager",
        "VP of Information Technology",
        "IT Manager",
    ]
    assert row(frame, "IT Manager")["overqualification_risk"] == "high"
    assert row(frame, "IT Infrastructure Senior Manager")["overqualification_risk"] == "low"
    assert row(frame, "Director of Engineering")["score"] < row(frame, "IT Manager")["score"]
    # hybrid in Boston: Chicago postings are out, fully remote ones stay
    assert "Remote Operations Manager" in set(frame["title"])
    assert "Operations Manager (Remote, EU)" not in set(frame["title"])  # remote, but from Germany
    assert not frame["location"].fillna("").str.contains("Chicago").any()


def test_filters(db: Path) -> None:
    assert set(shortlist(db, "ops_senior_manager", moves=["step_back"])["move"]) == {"step_back"}
    assert len(shortlist(db, "ops_senior_manager", top=3)) == 3
    assert shortlist(db, "ops_senior_manager", min_score=90)["score"].min() >= 90
    remote = shortlist(db, "ops_senior_manager", remote="remote")
    assert list(remote["title"]) == ["Remote Operations Manager"]  # not the remote job in Germany
    floor = shortlist(db, "ops_senior_manager", min_salary=100_000)
    assert "Warehouse Supervisor" not in set(floor["title"])
    assert "Supply Chain Manager" in set(floor["title"])  # pay not stated: kept
    gone = shortlist(db, "ops_senior_manager", exclude_companies=["midwest freight logistics"])
    assert "Midwest Freight Logistics" not in set(gone["company"])
    assert len(shortlist(db, "ops_senior_manager", since_days=3)) == 0  # everything was posted on 15 November


def test_band_can_be_widened_and_narrowed(db: Path, tmp_path: Path) -> None:
    text = (FIXTURES / "ops_senior_manager.yaml").read_text()
    wide = tmp_path / "wide.yaml"
    wide.write_text(text + "band: {below: 5, above: 3}\n")
    narrow = tmp_path / "narrow.yaml"
    narrow.write_text(text + "band: {below: 0, above: 0}\n")
    with Store.open(db) as store:
        for path, inside, outside in ((wide, "Operations Intern", None), (narrow, None, "Operations Manager")):
            profile = load_profile(path)
            titles = set(build(store, profile, 5, RankOptions(today=TODAY)).rows["title"])
            if inside:
                assert inside in titles and "Chief Operating Officer" in titles
            if outside:
                assert outside not in titles and titles == {
                    "Senior Operations Manager",
                    "Senior Marketing Manager",
                    "District Manager",
                    "IT Infrastructure Senior Manager",
                }


def test_profile_weights_override(db: Path, tmp_path: Path) -> None:
    profile_path = tmp_path / "pay.yaml"
    profile_path.write_text((FIXTURES / "ops_senior_manager.yaml").read_text() + "weights: {function: 0, pay: 20}\n")
    profile = load_profile(profile_path)
    with Store.open(db) as store:
        result = build(store, profile, 5, RankOptions(today=TODAY))
    assert result.weights["function"] == 0 and result.weights["pay"] == 20
    # the worst pay last: 56,000 and 64,480 USD a year at most against a minimum of 95,000
    assert list(result.rows.tail(2)["title"]) == ["Warehouse Supervisor", "Assistant Store Manager"]


def test_empty_store(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as store:
        result = build(store, load_profile(FIXTURES / "it_director.yaml"), 6, RankOptions(today=TODAY))
    assert result.rows.empty and list(result.rows.columns) == COLUMNS and result.considered == 0


def test_a_budget_read_as_pay_is_not_a_pay_rise(tmp_path: Path) -> None:
    """A figure five times the last salary is a misread (a budget), said as such, not +1580%."""
    db = tmp_path / "s.db"
    load_store(
        db,
        [
            {
                "level": "manager",
                "title": "Fulfillment Manager",
                "company": "Tallgrass 3PL",
                "location": "Chicago, IL",
                "description": "Lead a team of 53 fulfillment associates with lean methods.",
                "salary_min": 2100000,
                "salary_currency": "USD",
                "salary_period": "year",
            }
        ],
    )
    frame = shortlist(db, "ops_senior_manager")
    (row,) = frame.to_dict("records")
    assert pd.isna(row["pay_change_pct"]) and row["fit_pay"] == 0.5
    assert "pay figure unclear" in row["why"]
    assert "2) Pay: unclear; I will ask early" in row["pitch"]


def test_location_and_remote_overrides_score_too(db: Path) -> None:
    frame = shortlist(db, "ops_senior_manager", locations=["Denver, CO"])
    chicago = row(frame, "Operations Manager", "Midwest Freight Logistics")
    denver = row(frame, "Operations Manager", "Rocky Mountain Logistics")
    assert chicago["fit_location"] < 0.1 and denver["fit_location"] == 1.0
    assert "in Chicago" not in chicago["why"]
    frame = shortlist(db, "ops_senior_manager", locations=["Denver, CO"], remote="onsite")
    denver = row(frame, "Operations Manager", "Rocky Mountain Logistics")
    assert denver["fit_location"] == 1.0 and "outside your area" not in denver["why"]
    assert "Midwest Freight Logistics" not in set(frame["company"])


def test_move_option_overrides_the_profile_moves(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "back.yaml"
    path.write_text((FIXTURES / "ops_senior_manager.yaml").read_text() + "moves: [step_back]\n")
    profile = load_profile(path)
    with Store.open(db) as store:
        assert set(build(store, profile, 5, RankOptions(today=TODAY)).rows["move"]) == {"step_back"}
        up = build(store, profile, 5, RankOptions(today=TODAY, moves=["step_up"])).rows
    assert len(up) > 0 and set(up["move"]) == {"step_up"}
