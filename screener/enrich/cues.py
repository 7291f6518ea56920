"""Cues read from a posting's text: its function, its industry, the team it manages, its budget."""

from __future__ import annotations

import re
from collections import Counter

from screener.enrich.lexicon import FUNCTION_PATTERNS, INDUSTRY_PATTERNS

DESCRIPTION_CHARS = 4000
"""Cues are read from the start of a description, where the role is described."""

_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
_COUNT = r"(\d{1,5}(?:,\d{3})?\+?|" + "|".join(_NUMBER_WORDS) + r")"
_TEAM = re.compile(
    r"(?:team|staff|group|workforce|organi[sz]ation|department|crew)\s+of\s+"
    r"(?:over\s+|more than\s+|up to\s+|approximately\s+|about\s+|~)?"
    + _COUNT
    + r"|"
    + _COUNT
    + r"\+?\s+(?:direct\s+reports|reports|employees|associates|team members|staff|people|fte|ftes|"
    r"supervisors|managers|engineers|technicians|agents|drivers|nurses|workers|mitarbeiter\w*|collaborateurs)"
    r"(?=[^.\n]{0,40})",
    re.IGNORECASE,
)
_LEAD_VERB = re.compile(
    r"\b(?:manag|lead|leading|supervis|oversee|overseeing|direct|responsible for|coach|run|head|führ|encadr|dirig)\w*",
    re.IGNORECASE,
)
_BUDGET = re.compile(
    r"(?:budget|p&l|p\s*&\s*l|profit and loss|revenue|spend|cost base)[^.\n]{0,40}?"
    r"[$€£]\s?(\d+(?:[.,]\d+)?)\s*(m|mm|million|k|b|bn|billion)?"
    r"|[$€£]\s?(\d+(?:[.,]\d+)?)\s*(m|mm|million|k|b|bn|billion)?\+?\s+"
    r"(?:annual\s+)?(?:budget|p&l|operating budget|spend)",
    re.IGNORECASE,
)
_SCALE = {"m": 1e6, "mm": 1e6, "million": 1e6, "k": 1e3, "b": 1e9, "bn": 1e9, "billion": 1e9, "": 1.0}


def _count(token: str) -> int | None:
    token = token.lower().rstrip("+").replace(",", "")
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    return int(token) if token.isdigit() else None


def team_size(text: str) -> int | None:
    """People the role manages, when the text says so next to a leading verb ("lead a team of 12")."""
    best = None
    for match in _TEAM.finditer(text[:DESCRIPTION_CHARS]):
        window = re.split(r"[.;\n]", text[max(0, match.start() - 80) : match.start()])[-1]
        if not _LEAD_VERB.search(window) and "direct report" not in match.group(0).lower():
            continue
        token = match.group(1) or match.group(2)
        value = _count(token) if token else None
        if value is not None and 1 <= value <= 100_000 and (best is None or value > best):
            best = value
    return best


def budget(text: str) -> float | None:
    """The largest budget or P&L the role owns, in the posting's currency units."""
    best = None
    for match in _BUDGET.finditer(text[:DESCRIPTION_CHARS]):
        number = match.group(1) or match.group(3)
        scale = (match.group(2) or match.group(4) or "").lower()
        try:
            value = float(number.replace(",", ".")) * _SCALE.get(scale, 1.0)
        except ValueError:
            continue
        if 10_000 <= value <= 1e12 and (best is None or value > best):
            best = value
    return best


def classify_text(
    title: str, department: str, description: str, patterns: dict[str, re.Pattern[str]], title_weight: int = 4
) -> str | None:
    """The best-supported category: title hits count most, then department, then description."""
    scores: Counter[str] = Counter()
    head = description[:DESCRIPTION_CHARS]
    for name, pattern in patterns.items():
        score = title_weight * len(pattern.findall(title)) + 2 * len(pattern.findall(department))
        score += min(len(pattern.findall(head)), 6)
        if score:
            scores[name] = score
    if not scores:
        return None
    name, score = scores.most_common(1)[0]
    return name if score >= 2 else None


def function_of(title: str, department: str = "", description: str = "") -> str | None:
    return classify_text(title, department, description, FUNCTION_PATTERNS)


def industry_of(company: str, description: str, hint: str = "") -> str | None:
    return classify_text(company + " " + hint, "", description, INDUSTRY_PATTERNS, title_weight=3)
