"""Level cues outside the title: what a description asks and says, and a board's own level field.

Parsers never raise on any text; each returns a plain value or ``None``/NaN when the text says
nothing. :func:`cue_table` reads a whole frame: the first ``DESCRIPTION_CHARS`` characters of each
description, where every cue's key phrases are found for the whole batch at once
(:class:`screener.levels.scan.NeedleIndex`) and a few compiled patterns then run only in windows
around them; the one-text functions (:func:`years_asked` ...) give the same answers alone.
:func:`cue_log_likelihood` turns the cues into evidence over the nine rungs: a (n, 9) array of
log-likelihood ratios that the rule set adds to its title prior and the model reads as features.

The likelihood profiles are written by hand from what a rung usually asks (DESIGN.md's ladder),
not fitted to the training files: there are 373 labelled descriptions and no labelled hints, far
too few to learn them, and the model is scored on data with other label schemes.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from screener.levels.gates import may_match, required_literals
from screener.levels.scan import NeedleIndex
from screener.normalize.numbers import AMOUNT, alternation, amount, budget_figure, decimal, words_between

DESCRIPTION_CHARS = 6000
"""Cues are read from the start of a description (requirements rarely come later)."""

_NUMBER_WORDS = words_between(1, 20)
_NUM = r"(\d{1,2}(?:[.,]5)?|" + alternation(_NUMBER_WORDS) + r")"
_YEARS = re.compile(
    r"\b" + _NUM + r"\s*(?:\+|plus)?\s*(?:(?:-|–|to|a|à|bis|tot|y|e)\s*\d{1,2}\s*)?\+?\s*(?:\(\d{1,2}\)\s*)?"
    r"(?:years?|yrs?|jahre?n?|ans|années|annees|años|anos|jaar|vuotta|vuoden|anni)\b"
)
_EXPERIENCE_AFTER = re.compile(
    r"^[^.;\n]{0,60}?(?:experi|expéri|erfahrung|ervaring|kokemus|esperienz|background|track record"
    r"|in (?:a|an|the)\b|working|work\b|progressive|professional|relevant|industry|managing|leading"
    r"|management|leadership)"
)
_EXPERIENCE_BEFORE = re.compile(
    r"(?:experience|erfahrung|expérience|experiencia|ervaring)[^.;\n]{0,25}$"
    r"|(?:minimum|at least|min\.?|mindestens|au moins|al menos)(?: of)?\s*$"
)
_NOT_EXPERIENCE = re.compile(r"^\s*(?:old|of age|ago|warranty|anniversary|in business|history)")

_PEOPLE = re.compile(
    r"direct reports?|(?:manag|lead|supervis|oversee|overseeing|coach|mentor|develop)(?:e|es"
    r"|ing|s)?"
    r" (?:and (?:develop|lead|manage|coach|mentor)s? )?(?:a |the |our |your )?(?:high[- "
    r"]performing |growing |"
    r"global |small |large |diverse |cross[- ]functional )?(?:team|staff|group "
    r"of|department|crew|people"
    r"|employees|direct)\b|people (?:manag|leader)|performance "
    r"(?:reviews|appraisals|evaluations|management of)"
    r"|hir(?:e|ing),? (?:train|develop|coach|and)|build(?:ing)? and (?:lead|manage|scale)"
    r"|mitarbeiterführung|personalverantwortung|führungsverantwortung|disziplinarische"
    r"|encadrement|encadrer|manager une équipe|gestion d'équipe|management d'équipe"
    r"|liderar (?:un |el )?equipo|gestión de equipos?|dirigir (?:un |el )?equipo|a cargo de "
    r"un equipo"
    r"|leidinggeven|aansturen van|esihenkilötyö|esimiestyö"
)
_IC = re.compile(
    r"individual contributor|no direct reports|without direct reports|not a people manag"
    r"|no people manag|without people manag|ohne personalverantwortung|ohne führungsverantwortung"
)
_TEAM = re.compile(
    r"(?:team|staff|group|department|organi[sz]ation|crew|workforce) of (?:over |more than |up to "
    r"|approximately |about |around |~)?(\d{1,3}(?:,\d{3})+|\d{1,5})\+?"
    r"|(\d{1,3}(?:,\d{3})+|\d{1,5})\+? (?:direct reports|reports|employees|team members|staff|people|ftes?|engineers"
    r"|associates|managers|supervisors|technicians|agents|nurses|mitarbeiter\w*|collaborateurs)"
)
_BUDGET = re.compile(
    r"(?:budget|p&l|p & l|profit and loss|revenue|spend|portfolio|cost base)[^.\n]{0,40}?"
    r"[$€£]\s?(" + AMOUNT + r")\s*(m|mm|million|k|b|bn|billion)?\b"
    r"|[$€£]\s?(" + AMOUNT + r")\s*(m|mm|million|k|b|bn|billion)?\+?\s+(?:annual |operating )?"
    r"(?:budget|p&l|revenue|spend|portfolio)"
)


def _search_near(
    pattern: re.Pattern[str],
    text: str,
    hits,
    needles: tuple[str, ...],
    before: int,
    after: int,
    literals: tuple[str, ...] | None = None,
):
    """The first match of ``pattern`` in a window around a needle, or None: cheap on long texts.

    ``hits``: where each needle occurs in ``text`` (:class:`screener.levels.scan.NeedleIndex`).
    ``literals``: strings of which every match holds one (:func:`screener.levels.gates.
    required_literals`); a window with none of them is not searched.
    """
    for needle in needles:
        for pos in hits.get(needle, ()):
            start, end = max(0, pos - before), pos + after
            if literals is not None and not may_match(literals, text[start:end]):
                continue
            match = pattern.search(text, start, end)
            if match:
                return match
    return None


def _finditer_near(
    pattern: re.Pattern[str],
    text: str,
    hits,
    needles: tuple[str, ...],
    before: int,
    after: int,
    gate: re.Pattern[str] | None = None,
):
    """Every match of ``pattern`` in the windows around the needles, each start once.

    ``gate``: a pattern every match must contain (a digit); windows without it are skipped.
    """
    seen: set[int] = set()
    for needle in needles:
        for pos in hits.get(needle, ()):
            start, end = max(0, pos - before), pos + after
            if gate is not None and gate.search(text, start, end) is None:
                continue
            for match in pattern.finditer(text, start, end):
                if match.start() not in seen:
                    seen.add(match.start())
                    yield match


_YEAR_WORDS = (
    "year",
    "yrs",
    "jahr",
    " ans",
    "année",
    "annee",
    "años",
    "anos",
    "jaar",
    "vuot",
    "vuod",
    "anni",
)
_PEOPLE_WORDS = (
    "direct report",
    "team",
    "staff",
    "people manag",
    "people lead",
    "performance review",
    "performance apprais",
    "performance evaluat",
    "performance management of",
    "hire",
    "hiring",
    "build and",
    "crew",
    "department",
    "group of",
    "employees",
    "führung",
    "personalverant",
    "disziplinar",
    "encadr",
    "équipe",
    "equipo",
    "leidinggev",
    "aansturen",
    "esihenkil",
    "esimies",
)
_IC_WORDS = ("individual contributor", "direct reports", "people manag", "verantwortung")
_TEAM_WORDS = (
    " of ",
    "report",
    "employees",
    "members",
    "staff",
    "people",
    "fte",
    "engineers",
    "associates",
    "managers",
    "supervisors",
    "technicians",
    "agents",
    "nurses",
    "mitarbeiter",
    "collaborateurs",
)
_MONEY_WORDS = ("$", "€", "£")
_REPORT_WORDS = ("report", "bericht", "rattach", "sous la responsabilit", "rapporteert")
_ENTRY_WORDS = (
    "no experience",
    "no prior",
    "no previous",
    "entry",
    "recent grad",
    "recent college",
    "recent university",
    "new grad",
    "currently",
    "pursuing a",
    "will train",
    "training provided",
    "training is provided",
    "paid training",
    "internship",
    "first job",
    "keine berufserfahrung",
    "berufseinsteiger",
    "sin experiencia",
    "jeune diplômé",
    "débutant",
    "pas d'expérience",
    "geen ervaring",
)
_EXECUTIVE_WORDS = (
    "executive team",
    "executive leadership",
    "leadership team",
    "member of the",
    "board of directors",
    "to the board",
    "c-suite",
    "p&l",
    "company-wide",
    "geschäftsleitung",
    "comité",
)
_REPORTS = re.compile(
    r"(?:report(?:s|ing)? (?:directly |direct )?(?:in)?to|reporting line(?: is)? "
    r"to|berichte[tn]? (?:direkt )?an"
    r"|rattaché(?:e)? (?:directement )?(?:à|au)|sous la responsabilité d[ue]|reporta(?:ndo)? "
    r"(?:directamente )?a"
    r"|rapporteert aan)"
    r" (?:the |our |a |an |den |die |la |le |el |de |l')?(?:[\w&-]+ ){0,3}?"
    r"(chief [\w ]{0,30}?officer|directeur général|director general|gerente "
    r"general|ceo|cfo|coo|cto|cio|cmo|founders?|owners?|managing director|general manager"
    r"|geschäftsführ\w*|vorstand|board|svp|evp|senior vice president|executive vice president"
    r"|vice president|vp|president|senior director|director|directeur|directora?|head of|leiter\w*"
    r"|senior manager|manager|supervisor|team lead(?:er)?|lead|responsable|jefe)\b"
)
_BOSS_RUNG = (
    (
        re.compile(
            r"directeur général|director general|gerente general|"
            r"chief|ceo|cfo|coo|cto|cio|cmo|founder|owner|managing director|general "
            r"manager|geschäftsführ|vorstand|board"
        ),
        8,
    ),
    (re.compile(r"vice president|vp|svp|evp"), 7),
    (re.compile(r"president"), 8),
    (re.compile(r"director|directeur|directora|head of|leiter"), 6),
    (re.compile(r"senior manager"), 5),
    (re.compile(r"manager|responsable|jefe"), 4),
    (re.compile(r"supervisor|lead"), 3),
)
_ENTRY = re.compile(
    r"no (?:prior |previous )?experience (?:is )?(?:necessary|required|needed)|entry[- ]level"
    r"|recent (?:college |university )?grad|new grads?\b|currently (?:enrolled|pursuing)"
    r"|pursuing a (?:bachelor|master|degree)|we will train|training (?:is )?provided|paid training"
    r"|internship|first job|keine berufserfahrung|berufseinsteiger|sin experiencia|jeune diplômé"
    r"|débutant accepté|pas d'expérience requise|geen ervaring"
)
_EXECUTIVE = re.compile(
    r"executive (?:leadership )?team|senior leadership team member|member of the "
    r"(?:executive|senior "
    r"leadership|management) (?:team|board|committee)|board of directors|report(?:s|ing)? to "
    r"the board"
    r"|c-suite|full p&l|p&l (?:responsibility|ownership|accountability)|company-wide strategy"
    r"|geschäftsleitung|comité de direction|comité exécutif|comité de dirección"
)

# A board's level field ("Mid-Senior Level", "Executive", "entry_level") -> a named profile.
_HINT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"not applicable|n/a|^none$|^other$|unspecified"), ""),
    (re.compile(r"intern|student|praktik|stage|co-?op|trainee|apprentice"), "intern"),
    (re.compile(r"mid[-_ ]?senior"), "mid_senior"),
    (
        re.compile(r"entry|junior|graduate|beginner|no experience|starter|einsteiger|débutant"),
        "entry",
    ),
    (re.compile(r"associate"), "associate"),
    (re.compile(r"executive|c[-_ ]?level|vice president|\bvp\b|chief"), "executive"),
    (re.compile(r"director"), "director"),
    (re.compile(r"manag|lead"), "manager"),
    (re.compile(r"senior|expert|advanced"), "senior"),
    (re.compile(r"mid|intermediate|experienced|professional|confirmed|confirmé"), "mid"),
)

# Likelihood profiles over the nine rungs (ladder order), relative: only ratios matter.
PROFILES: dict[str, tuple[float, ...]] = {
    "hint_intern": (1, 0.1, 0.03, 0.02, 0.02, 0.01, 0.01, 0.01, 0.01),
    "hint_entry": (1, 0.6, 0.15, 0.1, 0.05, 0.03, 0.02, 0.02, 0.02),
    "hint_associate": (0.5, 1, 0.5, 0.3, 0.15, 0.08, 0.05, 0.03, 0.03),
    "hint_mid": (0.2, 1, 1, 0.7, 0.5, 0.3, 0.15, 0.1, 0.1),
    "hint_mid_senior": (0.15, 0.5, 1, 1, 1, 1, 0.4, 0.2, 0.1),
    "hint_senior": (0.1, 0.4, 1, 1, 0.8, 0.6, 0.3, 0.2, 0.1),
    "hint_manager": (0.05, 0.1, 0.4, 1, 1, 1, 0.5, 0.3, 0.2),
    "hint_director": (0.03, 0.05, 0.1, 0.2, 0.4, 0.8, 1, 0.8, 0.4),
    "hint_executive": (0.02, 0.02, 0.05, 0.1, 0.2, 0.4, 0.7, 1, 1),
    "people": (0.15, 0.3, 0.45, 1, 1, 1, 1, 1, 1),
    "individual": (1, 1, 1, 0.6, 0.35, 0.3, 0.3, 0.3, 0.3),
    "entry": (1, 0.7, 0.3, 0.2, 0.15, 0.1, 0.08, 0.06, 0.05),
    "executive": (0.1, 0.15, 0.2, 0.3, 0.5, 0.8, 1, 1, 1),
    "team_20": (0.2, 0.2, 0.3, 0.6, 1, 1, 1, 1, 1),
    "team_100": (0.1, 0.1, 0.15, 0.3, 0.6, 1, 1, 1, 1),
    "budget_1m": (0.3, 0.4, 0.5, 0.6, 0.9, 1, 1, 1, 1),
    "budget_10m": (0.2, 0.25, 0.3, 0.4, 0.6, 0.9, 1, 1, 1),
}
_LOG_PROFILES = {name: np.log(np.asarray(p, dtype=float)) for name, p in PROFILES.items()}
# Years of experience a rung usually asks (lower and upper bound); asking more than a rung's upper
# bound counts strongly against it, asking less than its lower bound mildly (postings ask low).
YEARS_LOW = np.array([0, 0, 2, 2, 3, 5, 7, 8, 10], dtype=float)
YEARS_HIGH = np.array([1, 5, 12, 12, 15, 20, 30, 30, 40], dtype=float)
YEARS_OVER, YEARS_UNDER = 0.6, 0.3

_DIGIT = re.compile(r"\d")
"""Every match of ``_TEAM`` and ``_BUDGET`` holds a digit: windows without one are not searched."""
_PEOPLE_LITERALS = required_literals(_PEOPLE)
"""Every match of ``_PEOPLE`` holds one of these ("lead", "manag", "direct report", ...)."""
_NEEDLES = NeedleIndex(
    (
        *_YEAR_WORDS,
        *_PEOPLE_WORDS,
        *_IC_WORDS,
        *_TEAM_WORDS,
        *_MONEY_WORDS,
        *_REPORT_WORDS,
        *_ENTRY_WORDS,
        *_EXECUTIVE_WORDS,
    )
)


def _hits(text: str, hits):
    """Where every cue needle occurs in ``text``: given by the batch, or found now."""
    return _NEEDLES.find([text])[0] if hits is None else hits


CUE_COLUMNS: tuple[str, ...] = (
    "years",
    "people",
    "individual",
    "team_size",
    "budget",
    "reports_to",
    "entry",
    "executive",
    "hint",
)
"""Columns of :func:`cue_table`, in order."""


def _number(token: str) -> float | None:
    return decimal(token, _NUMBER_WORDS)


def years_asked(text: str, hits=None) -> float | None:
    """The most years of experience a description asks for ("5+ years of experience" -> 5.0)."""
    best = None
    for match in _finditer_near(_YEARS, text, _hits(text, hits), _YEAR_WORDS, 45, 12):
        after = text[match.end() : match.end() + 80]
        before = text[max(0, match.start() - 40) : match.start()]
        if _NOT_EXPERIENCE.match(after):
            continue
        if not (_EXPERIENCE_AFTER.match(after) or _EXPERIENCE_BEFORE.search(before)):
            continue
        value = _number(match.group(1))
        if value is not None and 0 <= value <= 30 and (best is None or value > best):
            best = value
    return best


def team_size(text: str, hits=None) -> float | None:
    """The largest team or headcount a description names ("a team of 12", "40 direct reports")."""
    best = None
    for match in _finditer_near(_TEAM, text, _hits(text, hits), _TEAM_WORDS, 45, 30, gate=_DIGIT):
        token = match.group(1) or match.group(2)
        value = (_number(token) if token in _NUMBER_WORDS else amount(token)) if token else None
        if value is not None and 2 <= value <= 100_000 and (best is None or value > best):
            best = value
    return best


def budget(text: str, hits=None) -> float | None:
    """The largest budget, P&L or spend a description names, in its currency's units."""
    matches = _finditer_near(_BUDGET, text, _hits(text, hits), _MONEY_WORDS, 60, 45, gate=_DIGIT)
    figures = (budget_figure(m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in matches)
    return max((value for value in figures if value is not None), default=None)


def reports_to(text: str, hits=None) -> int | None:
    """The rung of the person the role reports to ("reports to the CEO" -> 8), when it says."""
    best = None
    for match in _finditer_near(_REPORTS, text, _hits(text, hits), _REPORT_WORDS, 2, 110):
        boss = match.group(1)
        for pattern, rung in _BOSS_RUNG:
            if pattern.search(boss):
                best = rung if best is None else max(best, rung)
                break
    return best


def manages_people(text: str, hits=None) -> bool:
    """Whether a description says the role manages people ("direct reports", "lead a team")."""
    return _search_near(_PEOPLE, text, _hits(text, hits), _PEOPLE_WORDS, 70, 45, _PEOPLE_LITERALS) is not None


def individual_contributor(text: str, hits=None) -> bool:
    """Whether a description says the role has no reports ("individual contributor")."""
    return _search_near(_IC, text, _hits(text, hits), _IC_WORDS, 30, 40) is not None


def entry_cue(text: str, hits=None) -> bool:
    """Whether a description invites beginners ("no experience required", "recent graduates")."""
    return _search_near(_ENTRY, text, _hits(text, hits), _ENTRY_WORDS, 30, 40) is not None


def executive_cue(text: str, hits=None) -> bool:
    """Whether a description places the role at the top ("executive team", "full P&L")."""
    return _search_near(_EXECUTIVE, text, _hits(text, hits), _EXECUTIVE_WORDS, 40, 40) is not None


def hint_profile(value: Any) -> str:
    """A board's level field as a named profile ("Mid-Senior Level" -> "mid_senior"); "" if none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip().lower().replace("_", " ")
    if not text:
        return ""
    for pattern, name in _HINT_PATTERNS:
        if pattern.search(text):
            return name
    return ""


def _float(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number if math.isfinite(number) and number >= 0 else math.nan


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = value if isinstance(value, str) else str(value)
    return text[:DESCRIPTION_CHARS].lower()


def cue_table(frame) -> dict[str, list[Any]]:
    """Cues for every row of a frame (columns as in :mod:`screener.levels`), one list per cue.

    ``years`` prefers the frame's ``years_min`` (normalised upstream), then the description, then
    ``hint_months_experience`` / 12; the rest come from the description and the level hint.
    """
    n = len(frame)
    get = frame.get if hasattr(frame, "get") else (lambda _name, _default=None: None)
    descriptions = get("description")
    descriptions = [None] * n if descriptions is None else list(descriptions)
    years_min = get("years_min")
    years_min = [math.nan] * n if years_min is None else [_float(v) for v in years_min]
    months = get("hint_months_experience")
    months = [math.nan] * n if months is None else [_float(v) for v in months]
    hints = get("hint_experience_level")
    hints = [None] * n if hints is None else list(hints)

    table: dict[str, list[Any]] = {name: [] for name in CUE_COLUMNS}
    texts = [_text(d) for d in descriptions]
    found = _NEEDLES.find(texts)
    for i in range(n):
        text, hits = texts[i], found[i]
        years = years_min[i]
        if math.isnan(years) and text:
            value = years_asked(text, hits)
            years = math.nan if value is None else value
        if math.isnan(years) and not math.isnan(months[i]):
            years = months[i] / 12.0
        people = bool(text) and manages_people(text, hits)
        table["years"].append(years)
        table["people"].append(people)
        table["individual"].append(bool(text) and individual_contributor(text, hits))
        table["team_size"].append(team_size(text, hits) if people else None)
        table["budget"].append(budget(text, hits) if text else None)
        table["reports_to"].append(reports_to(text, hits) if text else None)
        table["entry"].append(bool(text) and entry_cue(text, hits))
        table["executive"].append(bool(text) and executive_cue(text, hits))
        table["hint"].append(hint_profile(hints[i]))
    return table


def _reports_profile(boss: int) -> np.ndarray:
    rungs = np.arange(9)
    gap = boss - rungs
    profile = np.where(gap < 0, 0.1, np.where(gap == 0, 0.35, np.where(gap <= 3, 1.0, 0.6 ** (gap - 3))))
    if boss == 8:
        profile[8] = 0.7  # C-suite officers report to the chief executive
    return np.log(profile)


_REPORTS_LOG = {boss: _reports_profile(boss) for boss in range(3, 9)}


def cue_log_likelihood(table: dict[str, list[Any]]) -> np.ndarray:
    """Evidence over the nine rungs from each row's cues: (n, 9) log-likelihood ratios."""
    n = len(table["years"])
    out = np.zeros((n, 9))
    years = np.asarray(table["years"], dtype=float)
    known = ~np.isnan(years)
    if known.any():
        y = years[known][:, None]
        out[known] -= YEARS_OVER * np.maximum(0.0, y - YEARS_HIGH) + YEARS_UNDER * np.maximum(0.0, YEARS_LOW - y)
    for flag in ("people", "individual", "entry", "executive"):
        rows = np.asarray(table[flag], dtype=bool)
        out[rows] += _LOG_PROFILES[flag]
    team = np.asarray([math.nan if v is None else v for v in table["team_size"]], dtype=float)
    people = np.asarray(table["people"], dtype=bool)
    out[people & (team >= 100)] += _LOG_PROFILES["team_100"]
    out[people & (team >= 20) & (team < 100)] += _LOG_PROFILES["team_20"]
    money = np.asarray([math.nan if v is None else v for v in table["budget"]], dtype=float)
    out[money >= 1e7] += _LOG_PROFILES["budget_10m"]
    out[(money >= 1e6) & (money < 1e7)] += _LOG_PROFILES["budget_1m"]
    for i, boss in enumerate(table["reports_to"]):
        if boss is not None and boss in _REPORTS_LOG:
            out[i] += _REPORTS_LOG[boss]
    for i, hint in enumerate(table["hint"]):
        if hint:
            out[i] += _LOG_PROFILES["hint_" + hint]
    return out


def people_manager_logit_shift(table: dict[str, list[Any]]) -> np.ndarray:
    """How much the description moves the odds that the role manages people (log-odds)."""
    people = np.asarray(table["people"], dtype=float)
    individual = np.asarray(table["individual"], dtype=float)
    team = np.asarray([math.nan if v is None else v for v in table["team_size"]], dtype=float)
    big_team = np.nan_to_num(team >= 5) * people
    return 1.5 * people - 2.5 * individual + 0.5 * big_team
