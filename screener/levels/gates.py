"""Cheap exact pre-checks for regexes: literal strings at least one of which every match contains.

The title rules are an ordered table of about fifty regexes, and a title that no rule names (half
of them) is searched by all of them. Most rules cannot match without some word ("owner", "head",
"manager"), and ``word in title`` costs a small fraction of a regex search, so each rule is given
the literals read off its own pattern (:func:`required_literals`) and searched only when one of
them is in the title. The answer is the same as searching every time: a pattern whose literals
cannot be read with certainty gets no gate (``None``) and is always searched.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = tuple(getattr(sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre, name))


def _better(current: list[str] | None, candidate: list[str] | None) -> list[str] | None:
    """The more selective of two literal sets: longer shortest literal, then fewer literals."""
    if not candidate:
        return current
    if current is None:
        return candidate
    key = (min(map(len, candidate)), -len(candidate))
    return candidate if key > (min(map(len, current)), -len(current)) else current


def _required(sequence) -> list[str] | None:
    best: list[str] | None = None
    run: list[str] = []
    for op, av in sequence:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:  # consumes nothing: the literals on either side stay adjacent
            continue
        if run:
            best = _better(best, ["".join(run)])
            run = []
        if op is sre.SUBPATTERN:
            best = _better(best, _required(av[-1]))
        elif op is sre.ATOMIC_GROUP:
            best = _better(best, _required(av))
        elif op is sre.BRANCH:
            alternatives = [_required(branch) for branch in av[1]]
            if all(alternatives):
                best = _better(best, sorted({s for alt in alternatives for s in alt}))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _required(av[2]))
    if run:
        best = _better(best, ["".join(run)])
    return best


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literals of which every match of ``pattern`` contains one, or None when none can be read.

    Only case-sensitive string patterns are read; anything unexpected gives None (no gate).
    """
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        literals = _required(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # an internal parser that changed shape: no gate, same answers
        return None
    return tuple(literals) if literals else None


def may_match(literals: tuple[str, ...] | None, text: str) -> bool:
    """False only when ``text`` holds none of the literals (so the pattern cannot match)."""
    if literals is None:
        return True
    for literal in literals:  # noqa: SIM110 (a plain loop: any() over a generator costs more)
        if literal in text:
            return True
    return False
