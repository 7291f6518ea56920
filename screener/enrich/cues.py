"""Cues read from a posting's text: its function, its industry, the team it manages, its budget."""

from __future__ import annotations

import re
from collections import Counter

from screener.enrich.lexicon import (
    COMPANY_PATTERNS,
    COMPANY_TWINS,
    FUNCTION_NEEDLES,
    FUNCTION_PATTERNS,
    FUNCTION_TWINS,
    INDUSTRY_NEEDLES,
    INDUSTRY_PATTERNS,
    INDUSTRY_TWINS,
)
from screener.normalize.caseless import Caseless, lowered
from screener.normalize.numbers import AMOUNT, alternation, budget_figure, words_between
from screener.sourcehash import source_hash

CUES_VERSION = "cues-" + source_hash(
    "enrich/cues.py", "enrich/lexicon.py", "normalize/numbers.py", "normalize/caseless.py"
)
"""Changes with this module, its lexicon and the helpers it reads: cached cues are then derived again
at the next enrich."""
DESCRIPTION_CHARS = 4000
"""Cues are read from the start of a description, where the role is described."""

_NUMBER_WORDS = words_between(2, 50)
"""Counts of people in words ("a team of twelve"); not "one", which is rarely a head count."""
_COUNT = r"(\d{1,3}(?:,\d{3})+\+?|\d{1,5}\+?|" + alternation(_NUMBER_WORDS) + r")"
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
    r"[$€£]\s?(" + AMOUNT + r")\s*(m|mm|million|k|b|bn|billion)?"
    r"|[$€£]\s?(" + AMOUNT + r")\s*(m|mm|million|k|b|bn|billion)?\+?\s+"
    r"(?:annual\s+)?(?:budget|p&l|operating budget|spend)",
    re.IGNORECASE,
)
# Lower-case twins (screener/normalize/caseless.py), tried only where a match can start: a team
# word or a count for _TEAM, a budget word or a currency sign for _BUDGET.
_TEAM_FAST = Caseless(_TEAM, r"(?=[\dcdefgnostw])" + _TEAM.pattern.lower())
_BUDGET_FAST = Caseless(_BUDGET, r"(?=[bprsc$€£])" + _BUDGET.pattern.lower())


def _count(token: str) -> int | None:
    token = token.lower().rstrip("+").replace(",", "")
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    return int(token) if token.isdigit() else None


def team_size(text: str) -> int | None:
    """People the role manages, when the text says so next to a leading verb ("lead a team of 12")."""
    best = None
    for match in _finditer(_TEAM_FAST, text[:DESCRIPTION_CHARS]):
        window = re.split(r"[.;\n]", text[max(0, match.start() - 80) : match.start()])[-1]
        if not _LEAD_VERB.search(window) and "direct report" not in match.group(0).lower():
            continue
        token = match.group(1) or match.group(2)  # perhaps lower-cased: _count reads it so
        value = _count(token) if token else None
        if value is not None and 1 <= value <= 100_000 and (best is None or value > best):
            best = value
    return best


def budget(text: str) -> float | None:
    """The largest budget or P&L the role owns, in the posting's currency units."""
    matches = _finditer(_BUDGET_FAST, text[:DESCRIPTION_CHARS])
    figures = (budget_figure(m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in matches)
    return max((value for value in figures if value is not None), default=None)


def _finditer(pattern: Caseless, text: str) -> list[re.Match[str]]:
    """Matches of a case-insensitive pattern, found through its lower-case twin when it can be
    (offsets as in ``text``; the matched text may be lower-cased)."""
    low = lowered(text)
    return list(pattern.pattern.finditer(text) if low is None else pattern.fast.finditer(low))


def _counter(
    patterns: dict[str, re.Pattern[str]],
    twins: dict[str, re.Pattern[str]],
    needles: dict[str, tuple[str, ...]] | None = None,
):
    """``count(name, text, lowered(text))``: how many times category ``name``'s words occur in
    ``text`` (a lower-cased text without any of the words is not searched)."""

    def count(name: str, text: str, low: str | None) -> int:
        if not text:
            return 0
        if low is None:
            return len(patterns[name].findall(text))
        if needles is not None and not any(needle in low for needle in needles[name]):
            return 0
        return len(twins[name].findall(low))

    return count


_FUNCTIONS = _counter(FUNCTION_PATTERNS, FUNCTION_TWINS, FUNCTION_NEEDLES)
_INDUSTRIES = _counter(INDUSTRY_PATTERNS, INDUSTRY_TWINS, INDUSTRY_NEEDLES)


def classify_text(
    title: str, department: str, description: str, patterns: dict[str, re.Pattern[str]], title_weight: int = 4
) -> str | None:
    """The best-supported category: title hits count most, then department, then description."""
    scores: Counter[str] = Counter()
    head = description[:DESCRIPTION_CHARS]
    count = _FUNCTIONS if patterns is FUNCTION_PATTERNS else _INDUSTRIES if patterns is INDUSTRY_PATTERNS else None
    if count is None:  # patterns of the caller's own: searched as they are
        count = _counter(patterns, patterns)
        low_title = low_department = low_head = None
    else:
        low_title, low_department, low_head = lowered(title), lowered(department), lowered(head)
    for name in patterns:
        score = title_weight * count(name, title, low_title) + 2 * count(name, department, low_department)
        score += min(count(name, head, low_head), 6)
        if score:
            scores[name] = score
    if not scores:
        return None
    name, score = scores.most_common(1)[0]
    return name if score >= 2 else None


def function_of(title: str, department: str = "", description: str = "") -> str | None:
    return classify_text(title, department, description, FUNCTION_PATTERNS)


def industry_of(company: str, description: str, hint: str = "") -> str | None:
    """The employer's industry: a board's own hint and the company's name count most (a name word
    such as "Plastics" or "Distribution" outweighs a few description words), then the description."""
    scores: Counter[str] = Counter()
    named = company + " " + hint
    low_named = lowered(named)
    for name, pattern in COMPANY_PATTERNS.items():
        if pattern.search(named) if low_named is None else COMPANY_TWINS[name].search(low_named):
            scores[name] += 5
    head = description[:DESCRIPTION_CHARS]
    low_head = lowered(head)
    for name in INDUSTRY_PATTERNS:
        score = 3 * _INDUSTRIES(name, named, low_named) + min(_INDUSTRIES(name, head, low_head), 6)
        if score:
            scores[name] += score
    if not scores:
        return None
    name, score = scores.most_common(1)[0]
    return name if score >= 2 else None
