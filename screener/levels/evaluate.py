"""Honest figures for the level model, always beside the rule set and the title-keyword baseline.

Cross-validation over the LinkedIn rows, grouped by normalised title (``title_key``: one title is
never on both sides), stratified so each fold holds its share of the small classes. Every row is
predicted once by a model that never saw its title. Scores are on LinkedIn's classes collapsed to
four groups (junior = Internship + Entry level + Associate; mid_senior; director; executive),
separately for the title-only file and the postings with descriptions. The Uber grades (never
trained on) check that predicted rungs rise with the grade (Spearman).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from screener.ladder import LEVELS
from screener.levels.frame import GROUPS, to_groups

PREDICTORS: tuple[str, ...] = ("model", "rules", "baseline")


def scores(y: np.ndarray, proba9: np.ndarray) -> dict[str, Any]:
    """Per-class precision/recall/F1, macro-F1, accuracy, confusion matrix, mean ordinal error,
    log-loss and expected calibration error, on the four groups."""
    from sklearn.metrics import (
        accuracy_score,
        confusion_matrix,
        log_loss,
        precision_recall_fscore_support,
    )

    proba = to_groups(proba9)
    pred = proba.argmax(axis=1)
    labels = list(range(len(GROUPS)))
    precision, recall, f1, support = precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    confidence = proba.max(axis=1)
    bins = np.minimum((confidence * 10).astype(int), 9)
    ece = sum(
        abs((pred[bins == b] == y[bins == b]).mean() - confidence[bins == b].mean()) * (bins == b).mean()
        for b in range(10)
        if (bins == b).any()
    )
    return {
        "rows": len(y),
        "macro_f1": float(f1.mean()),
        "accuracy": float(accuracy_score(y, pred)),
        "mean_ordinal_error": float(np.abs(pred - y).mean()),
        "log_loss": float(log_loss(y, np.clip(proba, 1e-9, 1), labels=labels)),
        "ece": float(ece),
        "per_class": {
            group: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, group in enumerate(GROUPS)
        },
        "confusion": confusion_matrix(y, pred, labels=labels).tolist(),
    }


def spearman(proba9: np.ndarray, grades: np.ndarray) -> dict[str, float]:
    """Rank correlation of the predicted rung (argmax) and the expected rung with a grade."""
    from scipy.stats import spearmanr

    rung = proba9.argmax(axis=1)
    expected = proba9 @ np.arange(len(LEVELS))
    return {
        "predicted_rung": float(spearmanr(rung, grades).statistic),
        "expected_rung": float(spearmanr(expected, grades).statistic),
    }


def out_of_fold(dataset, *, folds: int = 5, seed: int = 0, C: float = 1.0) -> dict[str, np.ndarray]:
    """(n, 9) held-out probabilities for every LinkedIn row, per predictor."""
    from sklearn.model_selection import StratifiedGroupKFold

    from screener.levels.baseline import KeywordBaseline
    from screener.levels.features import LevelEvidence, build_pipeline
    from screener.levels.model import LevelModel
    from screener.levels.ruleset import RuleSetPredictor

    frame = dataset.linkedin
    y = frame["group"].map({g: i for i, g in enumerate(GROUPS)}).to_numpy()
    evidence = LevelEvidence().fit(frame).transform(frame)
    model_oof = np.zeros((len(frame), len(LEVELS)))
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(frame, y, frame["key"]):
        pipeline = build_pipeline(C=C, seed=seed)
        pipeline[0].fit(frame.iloc[train_idx])
        pipeline[1:].fit(evidence.iloc[train_idx], y[train_idx])
        model_oof[test_idx] = LevelModel(pipeline)._combine(evidence.iloc[test_idx].reset_index(drop=True))
    return {
        "model": model_oof,
        "rules": RuleSetPredictor().predict_proba(frame),
        "baseline": KeywordBaseline().predict_proba(frame),
        "y": y,
    }


def throughput(predictor: Any, titles, descriptions, *, rows: int = 10_000, seed: int = 0) -> dict[str, float]:
    """Postings per second for title + description on ``rows`` real titles (in their own order,
    so they repeat only as often as real titles do) each paired with a real description."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    titles = list(titles)[:rows]
    descriptions = list(descriptions)
    frame = pd.DataFrame(
        {
            "title": titles,
            "description": [descriptions[i] for i in rng.integers(0, len(descriptions), len(titles))],
        }
    )
    from screener.levels.rules import _signal
    from screener.levels.text import _normalize

    _normalize.cache_clear()  # time a cold start: no title or title word seen before
    _signal.cache_clear()
    if hasattr(predictor, "clear_caches"):
        predictor.clear_caches()
    start = time.perf_counter()
    predictor.predict_all(frame)
    seconds = time.perf_counter() - start
    return {
        "rows": len(frame),
        "distinct_titles": int(frame["title"].nunique()),
        "seconds": seconds,
        "postings_per_second": len(frame) / seconds,
        "mean_description_chars": float(frame["description"].str.len().mean()),
    }


def evaluate(data_dir: Path, *, folds: int = 5, seed: int = 0, C: float = 1.0, model: Any = None) -> dict[str, Any]:
    """The full report: held-out scores (titles, descriptions), Uber Spearman, throughput.

    ``model``: a fitted predictor to check on Uber and to time; fitted on all LinkedIn rows
    when None.
    """
    from screener.levels import data
    from screener.levels.baseline import KeywordBaseline
    from screener.levels.ruleset import RuleSetPredictor
    from screener.levels.train import fit_model

    dataset = data.load(data_dir)
    oof = out_of_fold(dataset, folds=folds, seed=seed, C=C)
    described = dataset.linkedin["has_description"].to_numpy(dtype=bool)
    y = oof["y"]
    report: dict[str, Any] = {"folds": folds, "seed": seed, "data": dataset.hashes}
    for part, mask in (("titles", ~described), ("descriptions", described)):
        report[part] = {name: scores(y[mask], oof[name][mask]) for name in PREDICTORS}
    if model is None:
        model = fit_model(dataset.linkedin, seed=seed, C=C)
    uber = dataset.uber
    grades = uber["grade"].to_numpy(dtype=float)
    predictors = {"model": model, "rules": RuleSetPredictor(), "baseline": KeywordBaseline()}
    report["uber"] = {"rows": len(uber)}
    report["uber"].update({name: spearman(p.predict_proba(uber), grades) for name, p in predictors.items()})
    titles = dataset.linkedin["title"][~described].sample(frac=1.0, random_state=seed)
    descriptions = [*dataset.linkedin["description"][described], *uber["description"]]
    report["throughput"] = {
        name: throughput(p, titles, descriptions, seed=seed) for name, p in predictors.items() if name != "baseline"
    }
    return report


def render(report: dict[str, Any]) -> str:
    """The report as plain text for a terminal."""
    lines: list[str] = []
    lines.append(
        f"Held-out: {report['folds']}-fold cross-validation grouped by normalised title (seed {report['seed']})."
    )
    for part, heading in (
        ("titles", "LinkedIn titles (no description)"),
        ("descriptions", "LinkedIn postings with descriptions"),
    ):
        block = report[part]
        lines.append("")
        lines.append(f"== {heading}: {block['model']['rows']} rows, LinkedIn classes collapsed to {', '.join(GROUPS)}")
        lines.append(f"{'':10} {'macro-F1':>9} {'accuracy':>9} {'ord.err':>8} {'log-loss':>9} {'ECE':>6}")
        for name in PREDICTORS:
            s = block[name]
            lines.append(
                f"{name:10} {s['macro_f1']:9.3f} {s['accuracy']:9.3f} "
                f"{s['mean_ordinal_error']:8.3f} "
                f"{s['log_loss']:9.3f} {s['ece']:6.3f}"
            )
        gain = block["model"]["macro_f1"] - block["baseline"]["macro_f1"]
        lines.append(f"model - baseline macro-F1: {gain:+.3f}")
        for name in PREDICTORS:
            s = block[name]
            lines.append(f"  {name}: per class (precision / recall / F1 / support)")
            for group in GROUPS:
                c = s["per_class"][group]
                lines.append(
                    f"    {group:11} {c['precision']:.3f} / {c['recall']:.3f} / {c['f1']:.3f} / {c['support']}"
                )
            lines.append("    confusion (rows true, columns predicted: " + ", ".join(GROUPS) + ")")
            lines.extend("      " + " ".join(f"{v:6d}" for v in row) for row in s["confusion"])
    uber = report["uber"]
    lines.append("")
    lines.append(f"== Uber grades ({uber['rows']} postings, never trained on): Spearman with the grade")
    for name in PREDICTORS:
        lines.append(
            f"{name:10} predicted rung {uber[name]['predicted_rung']:.3f}   expected rung "
            f"{uber[name]['expected_rung']:.3f}"
        )
    lines.append("")
    lines.append("== Throughput (title + description, one process)")
    for name, t in report["throughput"].items():
        lines.append(
            f"{name:10} {t['postings_per_second']:8.0f} postings/s ({t['rows']} postings, "
            f"{t['distinct_titles']} distinct titles, {t['mean_description_chars']:.0f} "
            "description chars on average)"
        )
    return "\n".join(lines)
