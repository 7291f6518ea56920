"""The sources file: which employers' boards `screener crawl` visits (DESIGN.md "CLI").

```yaml
sources:
  - type: greenhouse          # or lever, ashby, workable, smartrecruiters, recruitee, jsonld
    token: acme               # the board's token, slug or company id
    company: Acme Inc.        # optional: the employer's name when the board does not give it
    url: http://127.0.0.1:8000/v1/boards/acme/jobs   # optional: replaces the public endpoint
  - type: lever
    token: globex
    eu: true                  # Lever's EU host (api.eu.lever.co)
  - type: jsonld
    sitemap: https://careers.example.com/sitemap.xml   # or start_urls: [...]
    url_pattern: /jobs/       # optional: only sitemap URLs matching this regular expression
```

:func:`load_sources` validates the whole file and raises :class:`SourcesError` with one line that
names the file, the entry (its line and board) and the field. The spiders read the same model, so
a file that loads here crawls.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator
from pydantic import model_validator as _model_validator

from screener.userfile import UserFileError, parse_yaml, read_text

SOURCE_TYPES: tuple[str, ...] = (
    "greenhouse",
    "lever",
    "ashby",
    "workable",
    "smartrecruiters",
    "recruitee",
    "jsonld",
)
"""Entry types, one spider each (the spider's name is the type)."""


MAX_SOURCES_BYTES = 10_000_000
"""A sources file is read up to this size (tens of thousands of boards): ``--sources /dev/zero``
is refused, not read for ever."""


class SourcesError(ValueError):
    """The sources file cannot be used; the message is one line naming file, entry and field."""


def _short(value: Any, limit: int = 60) -> str:
    """A value for a one-line message: text and numbers shown (cut), anything else named by type
    (a YAML alias bomb in a field must not be printed out)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        text = repr(value)
        return text if len(text) <= limit else text[: limit - 3] + "..."
    return f"a {type(value).__name__}"


def _check_url(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        parts = urlsplit(value)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "http://[::1" and friends
        ok = False
    if not ok:
        raise ValueError(f"not an http(s) URL: {_short(value)}")
    if parts.username is not None or parts.password is not None:
        # Public boards need no login, and a URL is written to logs and error mails.
        raise ValueError("a URL with a user name or password in it: public boards need none, and logs would show it")
    return value


def _token_text(value: Any) -> Any:
    """Tokens are text; YAML reads some as numbers (kept, as written) or booleans (refused)."""
    if isinstance(value, bool):
        raise ValueError("YAML reads yes/no/on/off/true/false as a boolean: quote the token")
    if isinstance(value, int):
        return str(value)
    return value


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    company: str | None = None
    """The employer's name, for boards whose payload does not carry it (Lever, Ashby)."""
    enabled: bool = True
    """Set to false to keep an entry in the file without crawling it."""

    @field_validator("token", mode="before", check_fields=False)
    @classmethod
    def _token_as_text(cls, value: Any) -> Any:
        return _token_text(value)

    @property
    def key(self) -> str:
        """The board's identity within its type: closing and summaries are per (type, key)."""
        raise NotImplementedError

    def describe(self) -> str:
        return f"{self.type} {self.key!r}"  # type: ignore[attr-defined]


class BoardEntry(_Entry):
    """A board on a hosted applicant-tracking system, reached through its public JSON API."""

    type: Literal["greenhouse", "lever", "ashby", "workable", "smartrecruiters", "recruitee"]
    token: str = Field(min_length=1, max_length=200)
    """The board's token (Greenhouse), site (Lever), board name (Ashby), account slug (Workable,
    Recruitee) or company identifier (SmartRecruiters)."""
    url: str | None = None
    """Replaces the public endpoint (a mirror, a proxy, a local test server)."""
    eu: bool = False
    """Lever only: the board lives on Lever's EU host."""

    @field_validator("url")
    @classmethod
    def _endpoint_url(cls, value: str | None) -> str | None:
        return _check_url(value)

    @field_validator("token")
    @classmethod
    def _token_is_one_segment(cls, value: str) -> str:
        if re.search(r"[\s/?#]", value):
            raise ValueError(f"a token is one URL path segment, without spaces, '/', '?' or '#': {value!r}")
        return value

    @_model_validator(mode="after")
    def _eu_is_lever_only(self) -> BoardEntry:
        if self.eu and self.type != "lever":
            raise ValueError("'eu' applies to lever entries only")
        return self

    @property
    def key(self) -> str:
        return self.token


class JsonLdEntry(_Entry):
    """A careers site that marks its job pages up with schema.org JobPosting in JSON-LD."""

    type: Literal["jsonld"]
    token: str | None = Field(default=None, min_length=1, max_length=200)
    """A name for the site; defaults to the host of the sitemap or first start URL."""
    sitemap: str | None = None
    """A sitemap (or sitemap index, or robots.txt) listing the job pages."""
    start_urls: list[str] = Field(default_factory=list)
    """Job pages, or listing pages whose links matching ``url_pattern`` are job pages."""
    url_pattern: str | None = None
    """A regular expression job-page URLs match (filters the sitemap, follows listing links)."""

    @field_validator("sitemap")
    @classmethod
    def _sitemap_url(cls, value: str | None) -> str | None:
        return _check_url(value)

    @field_validator("start_urls")
    @classmethod
    def _start_urls(cls, value: list[str]) -> list[str]:
        for url in value:
            _check_url(url)
        return value

    @field_validator("url_pattern")
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a regular expression ({exc})") from None
        return value

    @_model_validator(mode="after")
    def _one_way_in(self) -> JsonLdEntry:
        if bool(self.sitemap) == bool(self.start_urls):
            raise ValueError("give either 'sitemap' or 'start_urls'")
        return self

    @property
    def key(self) -> str:
        if self.token:
            return self.token
        first = self.sitemap or self.start_urls[0]
        return urlsplit(first).hostname or first


SourceEntry = Annotated[BoardEntry | JsonLdEntry, Field(discriminator="type")]
_ENTRY = TypeAdapter(SourceEntry)


@dataclass(frozen=True)
class Sources:
    """A validated sources file."""

    path: Path
    entries: tuple[BoardEntry | JsonLdEntry, ...]

    def of_type(self, source_type: str) -> list[BoardEntry | JsonLdEntry]:
        """Enabled entries of one type, in file order."""
        return [e for e in self.entries if e.type == source_type and e.enabled]

    def types(self) -> list[str]:
        """Types with at least one enabled entry, in :data:`SOURCE_TYPES` order."""
        present = {e.type for e in self.entries if e.enabled}
        return [t for t in SOURCE_TYPES if t in present]

    def __iter__(self) -> Iterator[BoardEntry | JsonLdEntry]:
        return iter(self.entries)


def _entry_lines(text: str) -> list[int]:
    """1-based line of each item under the top-level ``sources`` key (best effort)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "sources" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _describe_raw(raw: Any) -> str:
    if isinstance(raw, dict):
        bits = [str(raw[k])[:60] for k in ("type", "token") if isinstance(raw.get(k), (str, int)) and raw.get(k)]
        if not raw.get("token"):
            urls = raw.get("start_urls")
            first = raw.get("sitemap") or (urls[0] if isinstance(urls, list) and urls else None)
            if isinstance(first, str):
                bits.append(first[:100])
        if bits:
            return " (" + " ".join(bits) + ")"
    return ""


def _first_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    loc = [str(p) for p in err["loc"] if not (isinstance(p, str) and p in SOURCE_TYPES)]
    # Discriminated unions put the model's tag in the location; drop it.
    loc = [p for p in loc if p not in ("BoardEntry", "JsonLdEntry")]
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if err["type"] == "union_tag_invalid":
        return f"field 'type': unknown type {_short(err['input'].get('type'))}; expected one of: " + (
            ", ".join(SOURCE_TYPES)
        )
    if err["type"] == "union_tag_not_found":
        return "field 'type': missing; expected one of: " + ", ".join(SOURCE_TYPES)
    if err["type"] == "extra_forbidden":
        return f"field {'.'.join(loc)!r}: unknown field"
    if msg[:2].istitle():  # "Field required" -> "field required", but "YAML ..." stays
        msg = msg[0].lower() + msg[1:]
    if loc:
        return f"field {'.'.join(loc)!r}: {msg}"
    return msg


def parse_sources(text: str, path: Path | str = "<sources>") -> Sources:
    """Validate the text of a sources file; errors raise :class:`SourcesError` (one line)."""
    path = Path(path)
    try:
        data = parse_yaml(text)
    except UserFileError as exc:
        where = f":{exc.line}" if exc.line is not None else ""
        raise SourcesError(f"{path}{where}: not valid YAML: {exc.problem}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{path}: expected a mapping with a 'sources' list at the top")
    extra = sorted(set(data) - {"sources"})
    if extra:
        raise SourcesError(f"{path}: unknown top-level key {extra[0]!r} (only 'sources' is read)")
    entries: list[BoardEntry | JsonLdEntry] = []
    seen: dict[tuple[str, str], int] = {}

    def where(index: int) -> str:
        """The entry's place in the file, for an error (the file is composed again only then)."""
        lines = _entry_lines(text)
        line = lines[index] if index < len(lines) else None
        return f"{path}:{line}" if line else str(path)

    for index, raw in enumerate(data["sources"]):
        label = f"entry {index + 1}{_describe_raw(raw)}"
        if not isinstance(raw, dict):
            raise SourcesError(f"{where(index)}: {label}: expected a mapping with at least 'type'")
        try:
            entry = _ENTRY.validate_python(raw)
        except ValidationError as exc:
            raise SourcesError(f"{where(index)}: {label}: {_first_error(exc)}") from None
        ident = (entry.type, entry.key)
        if ident in seen:
            raise SourcesError(f"{where(index)}: {label}: duplicate of entry {seen[ident]} ({entry.describe()})")
        seen[ident] = index + 1
        entries.append(entry)
    return Sources(path=path, entries=tuple(entries))


def load_sources(path: Path | str) -> Sources:
    """Read and validate a sources file."""
    path = Path(path)
    try:
        text = read_text(path, MAX_SOURCES_BYTES)
    except UserFileError as exc:
        raise SourcesError(f"{path}: {exc.problem}") from None
    return parse_sources(text, path)
