"""The predictors' contract: shapes, rows summing to 1, missing columns, the committed model."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.ladder import LEVEL_RANK, LEVELS
from screener.levels import load_predictor, predict_levels
from screener.levels.baseline import KeywordBaseline
from screener.levels.model import MODEL_FILE, LevelModel
from screener.levels.ruleset import RULES_VERSION, RuleSetPredictor

MODELS = Path(__file__).parents[1] / "models"


@pytest.fixture(scope="module")
def model():
    predictor = load_predictor(MODELS)
    assert isinstance(predictor, LevelModel), "the trained model must be committed in models/"
    return predictor


@pytest.fixture(params=["model", "rules", "baseline"])
def predictor(request, model):
    return {"model": model, "rules": RuleSetPredictor(), "baseline": KeywordBaseline()}[request.param]


FRAME = pd.DataFrame(
    {
        "title": ["Store Manager", "Account Manager", None, "", "Praktikant (m/w/d)", float("nan")],
        "description": [
            "Manage a team of 20.",
            None,
            "10+ years of experience",
            float("nan"),
            "",
            "x",
        ],
        "years_min": [None, 3.0, np.nan, "n/a", None, -2],
        "hint_experience_level": [None, "Mid-Senior Level", "Executive", float("nan"), "", None],
    }
)


def test_probabilities_have_ladder_shape_and_sum_to_one(predictor):
    proba = predictor.predict_proba(FRAME)
    assert proba.shape == (len(FRAME), len(LEVELS))
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert (proba >= 0).all()
    people = predictor.people_manager_proba(FRAME)
    assert people.shape == (len(FRAME),)
    assert ((people >= 0) & (people <= 1)).all()


def test_title_only_frame_works(predictor):
    proba = predictor.predict_proba(pd.DataFrame({"title": ["Director of Sales", "Cashier"]}))
    assert proba[0].argmax() > proba[1].argmax()


def test_empty_frame(predictor):
    proba = predictor.predict_proba(pd.DataFrame({"title": pd.Series([], dtype=str)}))
    assert proba.shape == (0, 9)


def test_frame_without_title_is_refused(predictor):
    with pytest.raises(ValueError, match="title"):
        predictor.predict_proba(pd.DataFrame({"description": ["x"]}))


def test_model_places_tricky_titles(model):
    titles = [
        "Store Manager",
        "Shift Supervisor",
        "Head of Operations",
        "Vice President, Sales",
        "Chief Executive Officer",
        "Marketing Intern",
        "Senior Software Engineer",
        "Geschäftsführer",
        "Directeur financier",
        "Praktikant Marketing",
    ]
    placed = dict(zip(titles, (level for level, _ in predict_levels(model, titles)), strict=True))
    assert placed["Store Manager"] == "manager"
    assert placed["Shift Supervisor"] == "lead"
    assert placed["Head of Operations"] == "director"
    assert placed["Vice President, Sales"] in ("vp", "executive")
    assert placed["Chief Executive Officer"] == "executive"
    assert placed["Marketing Intern"] == "entry"
    assert placed["Senior Software Engineer"] == "senior"
    assert LEVEL_RANK[placed["Geschäftsführer"]] >= LEVEL_RANK["director"]
    assert placed["Directeur financier"] == "director"
    assert placed["Praktikant Marketing"] == "entry"


def test_people_manager_separates_ic_managers(model):
    frame = pd.DataFrame({"title": ["Account Manager", "Product Manager", "Store Manager", "Shift Supervisor"]})
    people = model.people_manager_proba(frame)
    assert people[0] < 0.5 and people[1] < 0.5
    assert people[2] > 0.7 and people[3] > 0.7


def test_description_moves_the_rung(model):
    frame = pd.DataFrame(
        {
            "title": ["Operations Manager", "Operations Manager"],
            "description": [
                "Lead a department of 120 people; own a $30M budget; report to the COO. 12+ years of experience.",
                "Entry-level role, no experience required; individual contributor.",
            ],
        }
    )
    expected = model.predict_proba(frame) @ np.arange(9)
    assert expected[0] > expected[1] + 0.5
    people = model.people_manager_proba(frame)
    assert people[0] > people[1]


def test_board_hint_moves_the_rung(model):
    frame = pd.DataFrame({"title": ["Analyst", "Analyst"], "hint_experience_level": ["Executive", "Internship"]})
    expected = model.predict_proba(frame) @ np.arange(9)
    assert expected[0] > expected[1]


def test_predict_levels_confidence(model):
    assert predict_levels(model, []) == []
    ((level, confidence),) = predict_levels(model, ["Senior Operations Manager"])
    assert level == "senior_manager"
    assert 0 < confidence <= 1


def test_versions_identify_the_predictor(model):
    assert model.version.startswith("model-") and len(model.version) > 10
    assert RuleSetPredictor().version == RULES_VERSION and RULES_VERSION.startswith("rules-")


def test_no_model_falls_back_to_rules_with_one_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="screener.levels"):
        first = load_predictor(tmp_path)
        second = load_predictor(tmp_path)
    assert isinstance(first, RuleSetPredictor) and isinstance(second, RuleSetPredictor)
    warnings = [r for r in caplog.records if "rules" in r.getMessage()]
    assert len(warnings) == 1
    assert not (tmp_path / MODEL_FILE).exists()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(st.none(), st.text(max_size=80)), st.one_of(st.none(), st.text(max_size=300))),
        min_size=1,
        max_size=5,
    )
)
def test_rows_always_sum_to_one(model, rows):
    frame = pd.DataFrame(rows, columns=["title", "description"])
    for predictor in (model, RuleSetPredictor()):
        proba, people = predictor.predict_all(frame)
        assert np.allclose(proba.sum(axis=1), 1.0)
        assert np.isfinite(people).all()


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(max_size=60), st.sampled_from(["Senior Manager", "", "  ", "VP, Sales", "Ärztin"])),
        max_size=30,
    )
)
def test_cached_title_features_equal_the_pipeline(model, titles):
    frame = pd.DataFrame({"title": ["Store Manager", "Senior Software Engineer II", *titles]})
    evidence = model.evidence(frame)
    features = model.pipeline.named_steps["features"]
    fast = model._title_features().transform(evidence)
    slow = features.transform(evidence)
    assert fast.shape == slow.shape
    assert np.allclose(fast.toarray(), slow.toarray(), atol=1e-6)
    expected = model.pipeline[1:].predict_proba(evidence)
    assert np.allclose(model.coarse_proba(evidence), expected, atol=1e-6)
