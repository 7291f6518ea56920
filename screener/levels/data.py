"""The training and checking data (``../shared/data``, see its README): read, label, hash.

Nothing here is copied into the repository; the model card names the files and their SHA-256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from screener.levels.frame import LINKEDIN_GROUP
from screener.levels.text import title_key

TITLES_FILE = "linkedin_title_levels.csv"
DESCRIPTIONS_FILE = "linkedin_levels_with_desc.csv"
UBER_FILE = "uber_levels_with_desc.csv"
FILES: tuple[str, ...] = (TITLES_FILE, DESCRIPTIONS_FILE, UBER_FILE)


def default_data_dir() -> Path | None:
    """``../shared/data`` beside the repository checkout, when it is there."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data"
        if (parent / "pyproject.toml").exists() and candidate.is_dir():
            return candidate
    return None


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def uber_grade(label: str) -> float:
    """Uber's grade as a number: "5B" sits between 5 and 6."""
    text = str(label).strip().upper()
    return float(text[:-1]) + 0.5 if text.endswith("B") else float(text)


@dataclass
class Dataset:
    linkedin: object
    """DataFrame: title, description ("" for the title-only file), company, group (4 classes),
    label (LinkedIn's own), has_description, key (normalised-title group for splits)."""
    uber: object
    """DataFrame: title, description, department, grade (float)."""
    hashes: dict[str, str]
    """File name -> SHA-256."""


def load(data_dir: Path) -> Dataset:
    """Read the three files; raises FileNotFoundError naming the missing one."""
    import pandas as pd

    data_dir = Path(data_dir)
    for name in FILES:
        if not (data_dir / name).is_file():
            raise FileNotFoundError(f"{data_dir / name} not found (expected the files of ../shared/data)")
    titles = pd.read_csv(data_dir / TITLES_FILE, dtype=str, keep_default_na=False)
    titles["description"] = ""
    titles["company"] = ""
    described = pd.read_csv(data_dir / DESCRIPTIONS_FILE, dtype=str, keep_default_na=False)
    frames = []
    for frame, has_description in ((titles, False), (described, True)):
        frame = frame[frame["level_label"].isin(LINKEDIN_GROUP)].copy()
        frame["has_description"] = has_description
        frames.append(frame[["title", "description", "company", "level_label", "has_description"]])
    linkedin = pd.concat(frames, ignore_index=True).rename(columns={"level_label": "label"})
    linkedin["group"] = linkedin["label"].map(LINKEDIN_GROUP)
    linkedin["key"] = [title_key(t) for t in linkedin["title"]]
    uber = pd.read_csv(data_dir / UBER_FILE, dtype=str, keep_default_na=False)
    uber["grade"] = [uber_grade(v) for v in uber["level_label"]]
    uber = uber[["title", "description", "department", "grade"]].reset_index(drop=True)
    hashes = {name: sha256(data_dir / name) for name in FILES}
    return Dataset(linkedin, uber, hashes)
