"""Cell values safe for a spreadsheet: text from the open web must never run as a formula.

OWASP's CSV-injection rule: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return is prefixed with a single quote. Real numbers stay numbers (a pay change of -12 is data).
"""

from __future__ import annotations

import math
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(text: str) -> str:
    """Prefix a quote to text a spreadsheet would evaluate."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def cell(value: Any) -> Any:
    """A value ready for a CSV or XLSX cell: None for missing, numbers as numbers, safe text."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return cell(value.item())
    return neutralise(str(value))


def restore(text: str | None) -> str | None:
    """Undo :func:`neutralise` on a value read back from a file we wrote."""
    if text and text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
