"""The enrichment cues as they were before their fast paths (every case-insensitive pattern run on
the text as written), kept as the reference ``tests/test_enrich_fast_paths.py`` holds them to."""

from __future__ import annotations

import re
from collections import Counter

from screener.enrich.cues import _BUDGET, _LEAD_VERB, _NUMBER_WORDS, _TEAM, DESCRIPTION_CHARS
from screener.enrich.lexicon import COMPANY_PATTERNS, FUNCTION_PATTERNS, INDUSTRY_PATTERNS
from screener.normalize.numbers import budget_figure


def _count_reference(token: str) -> int | None:
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
        value = _count_reference(token) if token else None
        if value is not None and 1 <= value <= 100_000 and (best is None or value > best):
            best = value
    return best


def budget(text: str) -> float | None:
    """The largest budget or P&L the role owns, in the posting's currency units."""
    best = None
    for match in _BUDGET.finditer(text[:DESCRIPTION_CHARS]):
        value = budget_figure(match.group(1) or match.group(3), match.group(2) or match.group(4))
        if value is not None and (best is None or value > best):
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
    """The employer's industry: a board's own hint and the company's name count most (a name word
    such as "Plastics" or "Distribution" outweighs a few description words), then the description."""
    scores: Counter[str] = Counter()
    named = company + " " + hint
    for name, pattern in COMPANY_PATTERNS.items():
        if pattern.search(named):
            scores[name] += 5
    head = description[:DESCRIPTION_CHARS]
    for name, pattern in INDUSTRY_PATTERNS.items():
        score = 3 * len(pattern.findall(named)) + min(len(pattern.findall(head)), 6)
        if score:
            scores[name] += score
    if not scores:
        return None
    name, score = scores.most_common(1)[0]
    return name if score >= 2 else None
