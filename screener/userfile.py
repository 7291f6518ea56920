"""Reading a small YAML file a person wrote (a profile, a sources file) as hostile input.

One place for what both need: read no more than a limit (the path may be /dev/zero), UTF-8 with or
without a BOM, the safe loader only (through libyaml when PyYAML has it: a sources file of 1,000
boards takes 0.4 s in pure Python), and no nesting deeper than a person writes by hand (a deeper
document would cost the validators' error messages a recursion through it). Every problem is a
:class:`UserFileError`, one line, that the caller prefixes with the file's name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_NESTING = 20
"""Profiles and sources files are lists and mappings a few levels deep; deeper is not one."""


class _UniqueKeys:
    """A mapping that names a key twice is refused (YAML would silently keep the last one: two
    ``level:`` lines in a profile would quietly disagree with what the person reads at the top)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
                try:
                    duplicate = key in seen
                except TypeError:  # an unhashable key: the base class names that problem
                    break
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {str(key)[:60]!r} is given twice", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _SafeLoader(_UniqueKeys, yaml.SafeLoader):
    pass


_FAST_LOADER: Any = type("_FastLoader", (_UniqueKeys, yaml.CSafeLoader), {}) if hasattr(yaml, "CSafeLoader") else None


class UserFileError(Exception):
    """What is wrong with the file, one line; ``line`` is 1-based for a YAML error, else None."""

    def __init__(self, problem: str, line: int | None = None):
        super().__init__(problem)
        self.problem = problem
        self.line = line


def read_text(path: Path, limit: int) -> str:
    """The file's text, refused when it cannot be read, is larger than ``limit`` bytes or is not UTF-8."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise UserFileError("no such file") from None
    except OSError as exc:
        raise UserFileError(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise UserFileError(f"larger than {limit // 1_000_000} MB; is this the right file?")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserFileError(f"not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start})") from None


def parse_yaml(text: str, max_nesting: int = MAX_NESTING) -> Any:
    """The one YAML document in ``text``, read with the safe loader; UserFileError otherwise."""
    try:
        data = _load(text)
    except RecursionError:
        raise UserFileError("nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UserFileError(problem, mark.line + 1 if mark is not None else None) from None
    except (ValueError, OverflowError) as exc:  # PyYAML's own: "2026-02-30", a 5,000-digit integer
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise UserFileError(f"a value YAML cannot read ({detail})") from None
    if depth(data, max_nesting) > max_nesting:
        raise UserFileError("nested too deeply")
    return data


def _load(text: str) -> Any:
    """Through libyaml when PyYAML has it; a document libyaml refuses is read again (and its error
    reported) by the pure-Python loader, whose messages name the problem."""
    if _FAST_LOADER is not None:
        try:
            return yaml.load(text, Loader=_FAST_LOADER)  # CSafeLoader: the safe loader, in C
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_SafeLoader)  # the safe loader, refusing repeated keys


def depth(data: Any, stop: int = MAX_NESTING) -> int:
    """How deeply lists and mappings nest in ``data`` (counting stops past ``stop``), without
    recursion; a container YAML aliases in many places (a "billion laughs" file) is visited once."""
    deepest, stack, seen = 0, [(data, 1)], set()
    while stack:
        value, level = stack.pop()
        if isinstance(value, (dict, list)):
            if id(value) in seen:
                continue
            seen.add(id(value))
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if deepest > stop:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest
