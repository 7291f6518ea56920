"""The user's profile (YAML, DESIGN.md "A profile"), validated with pydantic so that every
problem comes back as one line naming the file, the field and what is wrong."""

from __future__ import annotations

import re
import reprlib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from screener.ladder import LEVELS, MOVES
from screener.userfile import UserFileError, parse_yaml, read_text

MAX_PROFILE_BYTES = 1_000_000
MAX_RESUME_CHARS = 200_000
FIT_COMPONENTS = ("function", "industry", "skills", "experience", "scope", "pay", "location", "recency")


class ProfileError(Exception):
    """A profile that cannot be used; ``str()`` is the one-line message for the user."""


def _not_bool(value: Any) -> Any:
    """YAML reads yes / no / true / on as booleans, and pydantic would take them for 1 and 0."""
    if isinstance(value, bool):
        raise ValueError(f"must be a number, not {str(value).lower()}")
    return value


NotBool = BeforeValidator(_not_bool)


class Salary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    last: Annotated[float, NotBool, Field(ge=0, le=100_000_000)] | None = None
    minimum: Annotated[float, NotBool, Field(ge=0, le=100_000_000)] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] = "USD"

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class Band(BaseModel):
    """How far below and above the profile's rung the shortlist reaches."""

    model_config = ConfigDict(extra="forbid")
    below: Annotated[int, NotBool, Field(ge=0, le=8)] = 2
    above: Annotated[int, NotBool, Field(ge=0, le=8)] = 2


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1, max_length=200)] = "me"
    title: Annotated[str, Field(min_length=1, max_length=200)]
    level: Literal[LEVELS] | None = None  # type: ignore[valid-type]
    years_experience: Annotated[float, NotBool, Field(ge=0, le=70)] | None = None
    years_management: Annotated[float, NotBool, Field(ge=0, le=70)] | None = None
    team_size: Annotated[int, NotBool, Field(ge=0, le=1_000_000)] | None = None
    industries: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    functions: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    skills: list[Annotated[str, Field(min_length=1, max_length=100)]] = []
    resume: str | None = None
    salary: Salary = Salary()
    locations: list[Annotated[str, Field(min_length=1, max_length=200)]] = []
    remote: Literal["any", "remote", "hybrid", "onsite"] = "any"
    moves: list[Literal[MOVES]] = list(MOVES)  # type: ignore[valid-type]
    weights: dict[str, Annotated[float, NotBool, Field(ge=0, le=100)]] = {}
    band: Band = Band()
    exclude_companies: list[Annotated[str, Field(min_length=1, max_length=200)]] = []

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

    @field_validator("years_management")
    @classmethod
    def _management_within_experience(cls, value: float | None, info: ValidationInfo) -> float | None:
        experience = info.data.get("years_experience")
        if value is not None and experience is not None and value > experience:
            raise ValueError(f"{value:g} is more than years_experience ({experience:g})")
        return value


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxdict = 4
_SHORT.maxlevel = 2
_PLAIN_KEY = re.compile(r"[\w\-]{1,60}")


def _where(error: dict) -> str:
    """The field's path, each part as written unless it would not read as one line."""
    parts = [str(p) if isinstance(p, int) or _PLAIN_KEY.fullmatch(str(p)) else _SHORT.repr(p) for p in error["loc"]]
    return ".".join(parts) or "profile"


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}, got {_SHORT.repr(error.get('input'))}"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    got = error.get("input")
    if kind not in ("value_error",) and not isinstance(got, (dict, list)):
        message += f" (got {_SHORT.repr(got)})"
    return message[:300]


def load_profile(path: Path | str) -> Profile:
    """Read and validate a profile; raises :class:`ProfileError` with a one-line message."""
    path = Path(path)
    try:
        text = read_text(path, MAX_PROFILE_BYTES)
    except UserFileError as exc:
        raise ProfileError(f"profile {path}: {exc.problem}") from None
    try:
        data = parse_yaml(text)
    except UserFileError as exc:
        where = f" at line {exc.line}" if exc.line is not None else ""
        raise ProfileError(f"profile {path}: invalid YAML{where}: {exc.problem}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"profile {path}: expected a mapping of fields (name:, title:, ...)")
    if "resume_text" in data:  # filled from the resume file, never given
        raise ProfileError(f"profile {path}: resume_text: unknown field (name the file in resume:)")
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ProfileError(f"profile {path}: {_where(first)}: {_message(first)}{more}") from None
    if profile.resume:
        resume_path = (path.parent / profile.resume).resolve()
        try:
            with resume_path.open("rb") as handle:
                text = handle.read(MAX_RESUME_CHARS * 4).decode("utf-8", errors="replace")
        except FileNotFoundError:
            raise ProfileError(f"profile {path}: resume: no such file {resume_path}") from None
        except OSError as exc:
            raise ProfileError(f"profile {path}: resume: cannot read {resume_path}: {exc.strerror or exc}") from None
        profile.resume_text = text[:MAX_RESUME_CHARS]
    return profile
