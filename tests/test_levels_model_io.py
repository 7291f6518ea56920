"""Saving and loading the model: metadata, version checks, refusal of incompatible files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.exceptions import NotFittedError

from screener.levels import ModelIncompatible, load_predictor
from screener.levels.features import LevelEvidence
from screener.levels.model import (
    METADATA_FILE,
    MODEL_FILE,
    check_compatible,
    library_versions,
    load_model,
)

MODELS = Path(__file__).parents[1] / "models"
FIXTURE_DATA = Path(__file__).parent / "fixtures" / "levels" / "data"


@pytest.fixture
def model_copy(tmp_path):
    for name in (MODEL_FILE, METADATA_FILE):
        shutil.copy(MODELS / name, tmp_path / name)
    return tmp_path


def _edit_metadata(directory: Path, **changes):
    path = directory / METADATA_FILE
    metadata = json.loads(path.read_text())
    for key, value in changes.items():
        if key == "versions":
            metadata["versions"].update(value)
        else:
            metadata[key] = value
    path.write_text(json.dumps(metadata))


def test_committed_model_is_small_and_carries_metadata():
    # load time is measured by `make bench` (classify), not asserted here: a timed test is noise
    assert (MODELS / MODEL_FILE).stat().st_size < 15 * 1024 * 1024
    model = load_model(MODELS)
    metadata = model.metadata
    assert set(metadata["data"]["files"]) == {
        "linkedin_title_levels.csv",
        "linkedin_levels_with_desc.csv",
        "uber_levels_with_desc.csv",
    }
    assert all(len(h) == 64 for h in metadata["data"]["files"].values())
    assert metadata["versions"]["scikit-learn"] == library_versions()["scikit-learn"]
    assert metadata["classes"] == ["junior", "mid_senior", "director", "executive"]
    assert metadata["metrics"]["titles"]["model"]["macro_f1"] > metadata["metrics"]["titles"]["baseline"]["macro_f1"]


def test_refuses_other_scikit_learn(model_copy):
    _edit_metadata(model_copy, versions={"scikit-learn": "0.24.2"})
    with pytest.raises(ModelIncompatible, match=r"scikit-learn 0\.24\.2"):
        load_predictor(model_copy)


def test_refuses_other_numpy_major(model_copy):
    _edit_metadata(model_copy, versions={"numpy": "1.26.4"})
    with pytest.raises(ModelIncompatible, match="numpy"):
        load_predictor(model_copy)


def test_refuses_newer_skops(model_copy):
    _edit_metadata(model_copy, versions={"skops": "99.0"})
    with pytest.raises(ModelIncompatible, match="skops"):
        load_predictor(model_copy)


def test_refuses_other_features(model_copy):
    _edit_metadata(model_copy, feature_schema="000000000000")
    with pytest.raises(ModelIncompatible, match="retrain"):
        load_predictor(model_copy)


def test_refuses_a_changed_model_file(model_copy):
    with (model_copy / MODEL_FILE).open("ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelIncompatible, match="sha256"):
        load_predictor(model_copy)


def test_refuses_model_without_metadata(model_copy):
    (model_copy / METADATA_FILE).unlink()
    with pytest.raises(ModelIncompatible, match="missing"):
        load_predictor(model_copy)


def test_error_is_one_line(model_copy):
    _edit_metadata(model_copy, versions={"scikit-learn": "0.24.2"})
    with pytest.raises(ModelIncompatible) as caught:
        load_predictor(model_copy)
    assert "\n" not in str(caught.value)


def test_check_compatible_accepts_current_versions():
    metadata = json.loads((MODELS / METADATA_FILE).read_text())
    check_compatible(metadata)


def test_evidence_transformer_follows_sklearn_conventions():
    import pandas as pd

    transformer = LevelEvidence()
    assert transformer.get_params() == {}
    clone(transformer)
    with pytest.raises(NotFittedError):
        transformer.transform(pd.DataFrame({"title": ["x"]}))
    frame = pd.DataFrame({"title": ["Store Manager"]})
    assert transformer.fit(frame) is transformer
    out = transformer.transform(frame)
    assert list(out.columns) == list(transformer.get_feature_names_out())


def test_train_and_evaluate_on_a_small_fixture(tmp_path):
    from screener.levels.evaluate import render
    from screener.levels.train import train

    metadata = train(FIXTURE_DATA, tmp_path, seed=0, folds=2)
    assert (tmp_path / MODEL_FILE).is_file()
    assert metadata["data"]["rows_trained"] == 3 * 43 + 12
    model = load_predictor(tmp_path)
    train(FIXTURE_DATA, tmp_path / "again", seed=0, folds=2)
    again = load_predictor(tmp_path / "again")
    first_coef = model.pipeline.named_steps["classifier"].coef_
    assert (again.pipeline.named_steps["classifier"].coef_ == first_coef).all(), "training is reproducible"
    assert model.version.startswith("model-")
    from screener.levels.evaluate import evaluate

    report = evaluate(FIXTURE_DATA, folds=2, seed=0)
    text = render(report)
    assert "macro-F1" in text and "baseline" in text and "Spearman" in text and "postings/s" in text
    assert set(report["titles"]) == {"model", "rules", "baseline"}


def test_lazy_load_checks_now_and_reads_the_pipeline_on_first_use():
    from screener.levels import predict_levels

    titles = ["Senior Operations Manager", "Store Associate", "VP Finance", "Shift Supervisor"]
    lazy = load_model(MODELS, lazy=True)
    assert lazy._pipeline is None
    assert lazy.version == load_model(MODELS).version
    assert predict_levels(lazy, titles) == predict_levels(load_model(MODELS), titles)
    assert lazy._pipeline is not None


def test_lazy_load_still_refuses_a_changed_file_up_front(model_copy):
    with (model_copy / MODEL_FILE).open("ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelIncompatible, match="sha256"):
        load_predictor(model_copy, lazy=True)


@pytest.mark.parametrize("profile_name", ["ops_senior_manager", "retail_store_manager"])
def test_rank_with_everything_enriched_never_imports_scikit_learn(tmp_path, profile_name):
    """A nightly rank over an enriched store needs only the model's version: importing
    scikit-learn and skops would cost seconds for nothing (issue 6, rank within 2x)."""
    import subprocess
    import sys

    root = Path(__file__).parents[1]
    env = {"SCREENER_DB": str(tmp_path / "s.db"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    sample = root / "data" / "sample" / "postings.jsonl"
    profile = root / "data" / "profiles" / f"{profile_name}.yaml"  # the retail one has no level: inferred
    run = [sys.executable, "-c", "import sys; from screener.cli import main; sys.argv[0] = 'screener'; main()"]
    subprocess.run([*run, "import", str(sample)], env=env, check=True, capture_output=True)
    subprocess.run([*run, "rank", "--profile", str(profile), "-o", str(tmp_path / "a.csv")], env=env, check=True)
    probe = (
        "import sys; from screener.cli import main; sys.argv = ['screener', 'rank', '--profile', {!r}, '-o', {!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('sklearn', 'skops') if m in sys.modules))"
    ).format(str(profile), str(tmp_path / "b.csv"))
    out = subprocess.run([sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
    first, second = (_rows(tmp_path / name) for name in ("a.csv", "b.csv"))
    assert second == first and len(first) > 10


def _rows(path: Path) -> list[tuple[str, ...]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [(row["id"], row["level"], row["move"], row["score"]) for row in csv.DictReader(handle)]


class _Foreign(TransformerMixin, BaseEstimator):
    """A type no model of this project holds: loading must refuse to build it."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return X


def test_refuses_a_model_holding_an_untrusted_type(model_copy):
    import hashlib

    import skops.io as sio
    from sklearn.pipeline import Pipeline

    data = sio.dumps(Pipeline([("foreign", _Foreign())]))
    (model_copy / MODEL_FILE).write_bytes(data)
    _edit_metadata(model_copy, model_sha256=hashlib.sha256(data).hexdigest())
    with pytest.raises(ModelIncompatible, match=r"does not trust .*_Foreign") as caught:
        load_model(model_copy)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("metadata", "problem"),
    [
        ([], "not a JSON object"),
        ({"format": 1, "versions": None}, "'versions' is not a mapping"),
        ({"format": 1, "versions": {"scikit-learn": 1.7}}, "'versions' is not a mapping"),
        ({"format": 1, "versions": {}, "parameters": {"cue_weight": "high"}}, "parameters.cue_weight"),
        ({"format": 1, "versions": {}, "parameters": []}, "'parameters' is not a mapping"),
    ],
)
def test_metadata_of_the_wrong_shape_is_one_line(model_copy, metadata, problem):
    (model_copy / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ModelIncompatible, match=problem) as caught:
        load_predictor(model_copy)
    assert "\n" not in str(caught.value)


def _foreign_model(directory: Path) -> None:
    import hashlib

    import skops.io as sio
    from sklearn.pipeline import Pipeline

    data = sio.dumps(Pipeline([("foreign", _Foreign())]))
    (directory / MODEL_FILE).write_bytes(data)
    _edit_metadata(directory, model_sha256=hashlib.sha256(data).hexdigest())


@pytest.mark.parametrize("command", ["import", "rank"])
def test_an_untrusted_model_found_on_first_use_is_one_line_in_the_cli(model_copy, tmp_path, monkeypatch, command):
    """The CLI loads the model lazily: its types are checked when postings first need scoring."""
    from click.testing import CliRunner

    from screener.cli import cli

    _foreign_model(model_copy)
    monkeypatch.setenv("SCREENER_MODELS_DIR", str(model_copy))
    root = Path(__file__).parents[1]
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    if command == "rank":  # stored but not enriched yet: rank scores them first
        stored = runner.invoke(
            cli, ["import", "--no-enrich", str(root / "data" / "sample" / "postings.jsonl"), "--db", db]
        )
        assert stored.exit_code == 0, stored.output
        args = ["rank", "--profile", str(root / "data" / "profiles" / "ops_senior_manager.yaml"), "--db", db]
    else:
        args = ["import", str(root / "data" / "sample" / "postings.jsonl"), "--db", db]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1 and "does not trust" in result.output
