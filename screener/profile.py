"""The user's profile (YAML, DESIGN.md "A profile"), validated with pydantic so that every
problem comes back as one line naming the file, the field and what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from screener.ladder import LEVELS, MOVES

MAX_PROFILE_BYTES = 1_000_000
FIT_COMPONENTS = ("function", "industry", "skills", "experience", "scope", "pay", "location", "recency")


class ProfileError(Exception):
    """A profile that cannot be used; ``str()`` is the one-line message for the user."""


class Salary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    last: Annotated[float, Field(ge=0, le=100_000_000)] | None = None
    minimum: Annotated[float, Field(ge=0, le=100_000_000)] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] = "USD"

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class Band(BaseModel):
    """How far below and above the profile's rung the shortlist reaches."""

    model_config = ConfigDict(extra="forbid")
    below: Annotated[int, Field(ge=0, le=8)] = 2
    above: Annotated[int, Field(ge=0, le=8)] = 2


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1, max_length=200)] = "me"
    title: Annotated[str, Field(min_length=1, max_length=200)]
    level: Literal[LEVELS] | None = None  # type: ignore[valid-type]
    years_experience: Annotated[float, Field(ge=0, le=70)] | None = None
    years_management: Annotated[float, Field(ge=0, le=70)] | None = None
    team_size: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    industries: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    functions: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    skills: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    resume: str | None = None
    salary: Salary = Salary()
    locations: list[Annotated[str, Field(min_length=1, max_length=200)]] = []
    remote: Literal["any", "remote", "hybrid", "onsite"] = "any"
    moves: list[Literal[MOVES]] = list(MOVES)  # type: ignore[valid-type]
    weights: dict[str, Annotated[float, Field(ge=0, le=100)]] = {}
    band: Band = Band()
    exclude_companies: list[str] = []

    resume_text: str = Field(default="", exclude=True)
    """The resume file's text, read when the profile is loaded."""

    @field_validator("weights")
    @classmethod
    def _known_weights(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(FIT_COMPONENTS))
        if unknown:
            raise ValueError(f"unknown fit component {unknown[0]!r}; expected one of: {', '.join(FIT_COMPONENTS)}")
        return value

    @field_validator("moves")
    @classmethod
    def _some_moves(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("must name at least one move")
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _management_within_experience(self) -> Profile:
        if (
            self.years_experience is not None
            and self.years_management is not None
            and self.years_management > self.years_experience
        ):
            raise ValueError("years_management is larger than years_experience")
        return self


def _where(error: dict) -> str:
    return ".".join(str(part) for part in error["loc"]) or "profile"


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}, got {error.get('input')!r}"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    got = error.get("input")
    if kind not in ("value_error",) and not isinstance(got, (dict, list)):
        message += f" (got {got!r})"
    return message[:200]


def load_profile(path: Path | str) -> Profile:
    """Read and validate a profile; raises :class:`ProfileError` with a one-line message."""
    path = Path(path)
    try:
        raw = path.read_bytes()[: MAX_PROFILE_BYTES + 1]
    except FileNotFoundError:
        raise ProfileError(f"profile {path}: no such file") from None
    except OSError as exc:
        raise ProfileError(f"profile {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise ProfileError(f"profile {path}: larger than 1 MB; is this the right file?")
    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ProfileError(f"profile {path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ProfileError(f"profile {path}: invalid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"profile {path}: expected a mapping of fields (name:, title:, ...)")
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ProfileError(f"profile {path}: {_where(first)}: {_message(first)}{more}") from None
    if profile.resume:
        resume_path = (path.parent / profile.resume).resolve()
        try:
            profile.resume_text = resume_path.read_text(encoding="utf-8", errors="replace")[:200_000]
        except OSError:
            raise ProfileError(f"profile {path}: resume: cannot read {resume_path}") from None
    return profile
