"""The trained level model: LinkedIn's coarse classes split into rungs, saved and loaded safely.

``LevelModel.predict_proba`` combines three things (each measured, see models/README.md):

1. the pipeline's probability of LinkedIn's four coarse classes (junior, mid_senior, director,
   executive), learned from 20k labelled titles;
2. the rule set's posterior over rungs (title rules, description cues, board hints), which splits
   each coarse class into its rungs (mid_senior -> senior / lead / manager / senior_manager);
3. the description cues' likelihood once more (``cue_weight``), so a description can move a
   posting across coarse classes, and a geometric blend with the rule set (``rule_weight``) that
   keeps the ladder's own order where LinkedIn's classes are too coarse to say.

Files: ``level_model.skops`` (the fitted pipeline, skops format: no pickle) and
``level_model.json`` (metadata: data hashes, library versions, metrics, parameters). Loading
checks the metadata first and raises :class:`ModelIncompatible` instead of guessing.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from screener.levels.frame import GROUP_OF_RUNG
from screener.levels.ruleset import RULES_VERSION

MODEL_FILE = "level_model.skops"
METADATA_FILE = "level_model.json"
FORMAT = 1
TRUSTED_TYPES: tuple[str, ...] = ("screener.levels.features.LevelEvidence",)
"""The only non-library type a model file may hold; anything else is refused."""


class ModelIncompatible(Exception):
    """The model file cannot be used with this installation; the message says why, in one line."""


def feature_schema() -> str:
    """Fingerprint of what the pipeline's evidence step produces (rules, columns, cue code)."""
    from screener.levels.rules import RULE_NAMES
    from screener.levels.schema import EVIDENCE_COLUMNS

    text = "|".join(RULE_NAMES) + "#" + "|".join(EVIDENCE_COLUMNS)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def library_versions() -> dict[str, str]:
    """Versions of the libraries a model depends on, read from their installed metadata (no
    import: checking a model must not cost the seconds scikit-learn and skops take to import)."""
    import platform
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        **{name: version(name) for name in ("scikit-learn", "numpy", "scipy", "skops")},
    }


def _major_minor(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def check_compatible(metadata: dict[str, Any]) -> None:
    """Raise ModelIncompatible unless the saved model can run here exactly as it was measured."""
    if metadata.get("format") != FORMAT:
        raise ModelIncompatible(
            f"level model format {metadata.get('format')!r} is not {FORMAT}; retrain with `screener train`"
        )
    saved = metadata.get("versions", {})
    here = library_versions()
    if _major_minor(saved.get("scikit-learn", "0")) != _major_minor(here["scikit-learn"]):
        raise ModelIncompatible(
            f"level model was made with scikit-learn {saved.get('scikit-learn')}, this is "
            f"{here['scikit-learn']}: "
            "retrain with `screener train` or install the matching scikit-learn"
        )
    if _major_minor(saved.get("numpy", "0"))[:1] != _major_minor(here["numpy"])[:1]:
        raise ModelIncompatible(
            f"level model was made with numpy {saved.get('numpy')}, this is "
            f"{here['numpy']}: retrain with `screener train`"
        )
    if _major_minor(saved.get("skops", "0")) > _major_minor(here["skops"]):
        raise ModelIncompatible(
            f"level model was saved by skops {saved.get('skops')}, newer than this {here['skops']}: upgrade skops"
        )
    if metadata.get("feature_schema") != feature_schema():
        raise ModelIncompatible(
            "level model was trained on other title rules or features: retrain with `screener train`"
        )


class LevelModel:
    """A fitted pipeline over coarse classes plus the rung split; the trained predictor."""

    kind = "model"

    def __init__(
        self,
        pipeline: Any,
        *,
        cue_weight: float = 0.5,
        rule_weight: float = 0.2,
        version: str = "model-unsaved",
        metadata: dict[str, Any] | None = None,
    ):
        self._pipeline = pipeline
        self._loader: Any = None
        self.cue_weight = cue_weight
        self.rule_weight = rule_weight
        self.version = version
        self.metadata = metadata or {}
        self._features = None

    @property
    def pipeline(self) -> Any:
        """The fitted pipeline; a model from :func:`load_model` reads it on first use, so a caller
        that only needs ``version`` (a rank with every posting already enriched) never pays for
        importing scikit-learn and skops."""
        if self._pipeline is None and self._loader is not None:
            self._pipeline = self._loader()
            self._loader = None
        return self._pipeline

    def coarse_proba(self, evidence) -> np.ndarray:
        """(n, 4) probabilities of the coarse classes from the evidence frame.

        They depend on the title alone, so each distinct normalised title is scored once; the
        features are the pipeline's own, with the character n-grams of each word cached
        (:mod:`screener.levels.titlefeatures`).
        """
        titles = evidence["title_norm"].to_numpy(dtype=object)
        unique, first, inverse = np.unique(titles, return_index=True, return_inverse=True)
        rows = evidence if len(unique) == len(titles) else evidence.iloc[first]
        proba = self.pipeline.named_steps["classifier"].predict_proba(self._title_features().transform(rows))
        return proba if len(unique) == len(titles) else proba[inverse.reshape(-1)]

    def _title_features(self):
        if self._features is None:
            from screener.levels.titlefeatures import TitleFeatures

            self._features = TitleFeatures(self.pipeline.named_steps["features"])
        return self._features

    def clear_caches(self) -> None:
        """Forget the per-word n-gram cache (to time a cold start)."""
        if self._features is not None:
            self._features.clear()

    def _combine(self, evidence) -> np.ndarray:
        from screener.levels.features import LIKELIHOOD_COLUMNS, POSTERIOR_COLUMNS

        coarse = self.coarse_proba(evidence)
        log_q = evidence[list(POSTERIOR_COLUMNS)].to_numpy(dtype=float)
        q = np.exp(log_q)
        proba = np.empty_like(q)
        for group in range(coarse.shape[1]):
            rungs = group == GROUP_OF_RUNG
            within = q[:, rungs] / q[:, rungs].sum(axis=1, keepdims=True)
            proba[:, rungs] = coarse[:, [group]] * within
        cue = evidence[list(LIKELIHOOD_COLUMNS)].to_numpy(dtype=float)
        logits = (1.0 - self.rule_weight) * (np.log(np.clip(proba, 1e-12, None)) + self.cue_weight * cue)
        logits += self.rule_weight * log_q
        logits -= logits.max(axis=1, keepdims=True)
        out = np.exp(logits)
        return out / out.sum(axis=1, keepdims=True)

    def evidence(self, frame: Any):
        return self.pipeline[0].transform(frame)

    def predict_all(self, frame: Any) -> tuple[np.ndarray, np.ndarray]:
        """Rung probabilities (n, 9) and people-manager probabilities (n,) in one pass."""
        evidence = self.evidence(frame)
        if len(evidence) == 0:
            return np.zeros((0, 9)), np.zeros(0)
        proba = self._combine(evidence)
        return proba, _people_manager(evidence, proba)

    def predict_proba(self, frame: Any) -> np.ndarray:
        """(n, 9) probabilities in ladder order; rows sum to 1."""
        return self.predict_all(frame)[0]

    def people_manager_proba(self, frame: Any) -> np.ndarray:
        """(n,) probability that each posting manages people."""
        return self.predict_all(frame)[1]

    # -- persistence -------------------------------------------------------------------------

    def save(self, models_dir: Path, metadata: dict[str, Any]) -> Path:
        """Write the pipeline (skops) and its metadata (JSON) into ``models_dir``."""
        import zipfile

        import skops.io as sio

        models_dir = Path(models_dir)
        models_dir.mkdir(parents=True, exist_ok=True)
        _plain_vocabularies(self.pipeline)
        path = models_dir / MODEL_FILE
        sio.dump(self.pipeline, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        metadata = {
            **metadata,
            "format": FORMAT,
            "model_sha256": digest,
            "feature_schema": feature_schema(),
            "versions": library_versions(),
            "parameters": {
                **metadata.get("parameters", {}),
                "cue_weight": self.cue_weight,
                "rule_weight": self.rule_weight,
            },
        }
        (models_dir / METADATA_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n")
        self.metadata = metadata
        self.version = model_version(digest)
        return path


def model_version(model_sha256: str) -> str:
    """Changes when the model file or the rule/cue code that feeds it changes."""
    return "model-" + hashlib.sha256((model_sha256 + RULES_VERSION).encode()).hexdigest()[:12]


def _plain_vocabularies(pipeline: Any) -> None:
    """skops dumps numpy-int vocabularies very slowly (NOTES.md): make them plain ints."""
    features = pipeline.named_steps.get("features")
    for _name, transformer in getattr(features, "named_transformers_", {}).items():
        vocabulary = getattr(transformer, "vocabulary_", None)
        if isinstance(vocabulary, dict):
            transformer.vocabulary_ = {str(k): int(v) for k, v in vocabulary.items()}


def read_metadata(models_dir: Path) -> dict[str, Any]:
    path = Path(models_dir) / METADATA_FILE
    try:
        metadata = json.loads(path.read_text())
    except FileNotFoundError:
        raise ModelIncompatible(
            f"{path} is missing: the model file has no metadata; retrain with `screener train`"
        ) from None
    except (OSError, ValueError) as error:
        raise ModelIncompatible(f"{path} is unreadable ({error}); retrain with `screener train`") from None
    problem = _shape_problem(metadata)
    if problem:
        raise ModelIncompatible(f"{path}: {problem}; retrain with `screener train`")
    return metadata


def _shape_problem(metadata: Any) -> str | None:
    """What is wrong with the metadata's shape, if anything (the checks that follow read it)."""
    if not isinstance(metadata, dict):
        return "not a JSON object"
    versions = metadata.get("versions")
    if not isinstance(versions, dict) or not all(isinstance(v, str) for v in versions.values()):
        return "'versions' is not a mapping of library names to version strings"
    parameters = metadata.get("parameters", {})
    if not isinstance(parameters, dict):
        return "'parameters' is not a mapping"
    for name in ("cue_weight", "rule_weight"):
        value = parameters.get(name, 0.0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"parameters.{name} is not a number"
    return None


def load_model(models_dir: Path, *, lazy: bool = False) -> LevelModel:
    """Load ``models_dir/level_model.skops`` after checking its metadata (ModelIncompatible).

    ``lazy``: check the metadata and the file's hash now; read the pipeline on first use (a caller
    that may only need ``version`` then never imports scikit-learn and skops). A file holding a
    type this project does not trust is then refused at that first use, not here."""
    models_dir = Path(models_dir)
    path = models_dir / MODEL_FILE
    metadata = read_metadata(models_dir)
    check_compatible(metadata)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != metadata.get("model_sha256"):
        raise ModelIncompatible(f"{path} does not match its metadata (sha256 differs): retrain with `screener train`")
    parameters = metadata.get("parameters", {})
    model = LevelModel(
        None,
        cue_weight=float(parameters.get("cue_weight", 0.5)),
        rule_weight=float(parameters.get("rule_weight", 0.2)),
        version=model_version(digest),
        metadata=metadata,
    )
    if lazy:
        model._loader = lambda: _read_pipeline(path, _same_bytes(path, digest))
    else:
        model._pipeline = _read_pipeline(path, data)
    return model


def _same_bytes(path: Path, digest: str) -> bytes:
    """The model file's bytes, read again when the pipeline is first needed, and refused unless they
    are still the ones checked at load time (nothing is kept in memory until then)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ModelIncompatible(f"{path} cannot be read ({error.strerror or error})") from None
    if hashlib.sha256(data).hexdigest() != digest:
        raise ModelIncompatible(f"{path} changed since it was checked: run the command again")
    return data


def _read_pipeline(path: Path, data: bytes) -> Any:
    """The pipeline from a model file's bytes, trusting no type beyond ``TRUSTED_TYPES``."""
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    try:
        # One pass: skops refuses any type beyond its own defaults and ours (listing the types
        # first with get_untrusted_types would read the whole file twice: 0.7 s more per load).
        return sio.loads(data, trusted=list(TRUSTED_TYPES))
    except UntrustedTypesFoundException as error:
        raise ModelIncompatible(f"{path} holds types this project does not trust ({error})") from None
    except Exception as error:  # skops raises several types for damaged or foreign files
        raise ModelIncompatible(f"{path} could not be loaded ({type(error).__name__}: {error})") from None


def _people_manager(evidence, proba: np.ndarray) -> np.ndarray:
    from screener.levels.ruleset import people_manager_probability

    return people_manager_probability(
        evidence["title_people"].to_numpy(dtype=float),
        evidence["title_silent"].to_numpy(dtype=bool),
        evidence["people_shift"].to_numpy(dtype=float),
        proba,
    )
