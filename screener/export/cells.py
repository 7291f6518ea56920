"""Cell values safe for a spreadsheet: text from the open web must never run as a formula.

OWASP's CSV-injection rule: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return (or their full-width forms, which some spreadsheets also accept) is prefixed with a single
quote. A text that itself starts with a quote gets one more, so :func:`restore` can undo exactly
what :func:`neutralise` did and any text survives a write and a read back. Real numbers stay
numbers (a pay change of -12 is data, not a formula).
"""

from __future__ import annotations

import math
import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_GUARDED = (*FORMULA_STARTS, "'")
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters an XLSX cell cannot hold (XML 1.0); they are dropped there."""


def neutralise(text: str) -> str:
    """Prefix a quote to text a spreadsheet would evaluate (and to text starting with a quote)."""
    if text.startswith(_GUARDED):
        return "'" + text
    return text


def restore(text: str | None) -> str | None:
    """Undo :func:`neutralise` on a value read back from a file we wrote."""
    if text and text.startswith("'") and text[1:].startswith(_GUARDED):
        return text[1:]
    return text


def is_formula_risk(text: str) -> bool:
    """Would a spreadsheet evaluate this cell text? (for tests and checks)"""
    return text.startswith(FORMULA_STARTS)


def cell(value: Any) -> Any:
    """A value ready for a CSV or XLSX cell: None for missing, numbers as numbers, safe text."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return cell(value.item())
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing markers
        return None
    return neutralise(str(value))
