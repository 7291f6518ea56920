"""Title normalisation: one plain, lower-case, accent-folded form that rules and features read.

``normalize_title`` keeps every word that can carry a level (including roman numerals and words
in other languages) and drops what cannot: HTML entities, gender markers such as "(m/w/d)" or
"H/F", pay ("$130k", "$40,000/year USD") and punctuation. Common abbreviations are expanded
("Sr." -> "senior", "Mgr" -> "manager") so that rules need one spelling only.

``title_key`` is the coarser key used to split data for evaluation: two postings whose titles
differ only by a number or a level numeral ("Store 6632", "Engineer II") land on the same side.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_GENDER = re.compile(
    r"[\(\[]\s*(?:[mwfdhxvgn]\s*[/|,*]\s*){1,3}[mwfdhxvgn]\s*[\)\]]"  # (m/w/d) (f/m/x) (h/f)
    r"|\b(?:[mwfh]\s*/\s*){1,2}[mwfdhx]\b"  # m/w/d, H/F without brackets
    r"|[\(\[]\s*(?:all genders|alle geschlechter|gn|w|m|f)\s*[\)\]]",
    re.IGNORECASE,
)
_PAY = re.compile(
    r"[$€£]\s?\d[\d,.]*\s*[km]?(?:\s*(?:-|–|to)\s*[$€£]?\s?\d[\d,.]*\s*[km]?)?"
    r"(?:\s*(?:/|per|an|a)\s*(?:year|yr|hour|hr|annum|month))?(?:\s*(?:usd|eur|gbp))?",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^a-z0-9+#&]+")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_ROMAN = re.compile(r"\b(?:i|ii|iii|iv|v|vi)\b")

# Abbreviations and common misspellings, token by token, after punctuation is gone.
ABBREVIATIONS: dict[str, str] = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "mgr": "manager",
    "mngr": "manager",
    "manger": "manager",
    "mgmt": "management",
    "asst": "assistant",
    "ass't": "assistant",
    "assoc": "associate",
    "dir": "director",
    "exec": "executive",
    "supv": "supervisor",
    "supvr": "supervisor",
    "coord": "coordinator",
    "engr": "engineer",
    "rep": "representative",
    "vicepresident": "vice president",
    "gm": "general manager",
    "rvp": "regional vice president",
    "agm": "assistant general manager",
    "pdg": "president directeur general",
}
# Multi-word forms that punctuation removal splits ("v.p." -> "v p", "co-founder" -> "co founder").
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bv p\b"), "vp"),
    (re.compile(r"\bco founder\b"), "cofounder"),
    (re.compile(r"\bc suite\b"), "csuite"),
    (re.compile(r"\bvice presidente?\b"), "vice president"),
)


def fold(text: str) -> str:
    """Lower-case, accents removed ("Geschäftsführer" -> "geschaftsfuhrer", "ß" -> "ss")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return value if isinstance(value, str) else str(value)


@lru_cache(maxsize=200_000)
def _normalize(title: str) -> str:
    text = html.unescape(title)
    text = _GENDER.sub(" ", text)
    text = _PAY.sub(" ", text)
    text = fold(text)
    text = _NON_WORD.sub(" ", text)
    words = [ABBREVIATIONS.get(word, word) for word in text.split()]
    text = " ".join(words)
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return text


def normalize_title(title: object) -> str:
    """The plain form of a job title that rules and features read; "" for None, NaN or blanks."""
    return _normalize(_as_text(title)[:300])


def title_key(title: object) -> str:
    """Grouping key for honest splits: the normalised title without numbers or level numerals."""
    text = _DIGITS.sub(" ", normalize_title(title))
    text = _ROMAN.sub(" ", text)
    return _SPACES.sub(" ", text).strip()
