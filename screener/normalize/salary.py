"""Salaries: free text ("$120k-$150k", "€60.000 - €70.000 pro Jahr", "$28/hr") and structured
values to ``min``, ``max``, ``currency``, ``period`` plus an annualised pair.

price-parser reads each amount (thousands and decimal separators in any convention, currency
symbols and codes); this module adds what it does not do: ranges, "k" suffixes, pay periods,
repairs (min above max, hourly written as yearly) and annualisation.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from price_parser import Price

from screener.normalize.caseless import Caseless, lowered

HOURS_A_YEAR = 2080
PER_YEAR = {"hour": HOURS_A_YEAR, "day": 260, "week": 52, "month": 12, "year": 1}

_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "chf": "CHF",
    "fr.": "CHF",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "inr": "INR",
    "rs": "INR",
    "kr": "SEK",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "zł": "PLN",
    "pln": "PLN",
    "r$": "BRL",
    "brl": "BRL",
    "mxn": "MXN",
    "nzd": "NZD",
    "sgd": "SGD",
    "s$": "SGD",
    "₪": "ILS",
    "ils": "ILS",
    "zar": "ZAR",
    "r": "ZAR",
    "hkd": "HKD",
}
_PERIOD_WORDS = [
    ("hour", r"hour|hr|hrs|hourly|stunde|std|heure|hora|uur|/h\b|p\.?h\.?\b"),
    ("day", r"\bday\b|daily|\btag\b|\bjour\b|\bdía\b|\bdia\b|per diem"),
    ("week", r"week|weekly|woche|semaine|semana"),
    ("month", r"month|monthly|\bmo\b|monat|mois|\bmes\b|maand|mensual"),
    ("year", r"year|yearly|annual|annum|\byr\b|p\.?a\.?\b|jahr|jährlich|\ban\b|\bano\b|año|jaar|brut annuel"),
]
_PERIOD_RES = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _PERIOD_WORDS]
_PERIOD_ALIASES = {
    "hour": "hour",
    "hourly": "hour",
    "per_hour": "hour",
    "hr": "hour",
    "h": "hour",
    "day": "day",
    "daily": "day",
    "per_day": "day",
    "week": "week",
    "weekly": "week",
    "per_week": "week",
    "month": "month",
    "monthly": "month",
    "per_month": "month",
    "mo": "month",
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "per_year": "year",
    "yr": "year",
    "year_salary": "year",
    "salary": "year",
    "1 year": "year",
    "one-time": None,
    "one_time": None,
}
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|‒|\bto\b|\bbis\b|\bà\b|\ba\b|\band\b|~)\s*", re.IGNORECASE)
_AMOUNT = re.compile(
    r"(?P<cur1>[$€£¥₹₪]|(?:US|C|CA|A|AU|S|R)\$|\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY)\b)?\s*"
    r"(?P<num>\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"\s*(?P<k>[kK]\b|[mM]\b|[kK](?=\s*[-–—/]))?\s*"
    r"(?P<cur2>[€$£]|\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY)\b)?",
)
_NEGATIVE = re.compile(r"^[-−‒–]\s*(?:[$€£¥₹₪]\s*)?\d|^[$€£¥₹₪]\s*[-−]\s*\d")
_NO_SALARY = re.compile(r"\b(competitive|negotiable|doe|depending on experience|tbd|n/?a)\b", re.IGNORECASE)
_BUSINESS_FIGURE = re.compile(
    r"\b(?:turnover|revenues?|budgets?|p\s?&\s?l|sales|funding|raised|valuation|arr|portfolio|spend|"
    r"capex|opex|assets|aum|contracts?|deals?|inventory|cost savings|savings|cost cent(?:er|re)|costs|"
    r"projects? total\w*|million|billion)\b",
    re.IGNORECASE,
)
"""Amounts a manager's posting states about the job, not its pay ("a $14M budget")."""
_BENEFIT = re.compile(
    r"tuition|stipend|allowance|reimburse|401\s*\(?k|match|bonus of|sign[- ]?on|signing|relocation|"
    r"training budget|for training|referral|insurance|wellness|gym|equity|retirement|pension|holiday|vacation",
    re.IGNORECASE,
)
"""Amounts that are a benefit, not the pay ("tuition assistance of up to $5,250 a year")."""
_PAY_WORD = re.compile(
    r"salary|salaries|compensation|\bpay\b|pay range|wage|hourly rate|\bOTE\b|\bearn|gehalt|vergütung|"
    r"salaire|rémunération|salario|sueldo|salaris|\bloon\b|per (?:hour|hr)\b|/\s*(?:hr|hour)\b|\ban hour\b|"
    r"\bhourly\b|pro stunde|de l'heure|por hora",
    re.IGNORECASE,
)
"""A sentence must say it is about pay before an amount in it is read as one."""
_PAY_WORD_FAST = Caseless(
    _PAY_WORD,
    r"salar(?:y|ies)|compensation|p(?<!\wp)ay\b|pay range|wage|hourly rate|o(?<!\wo)te\b|e(?<!\we)arn|gehalt|vergütung|"
    r"salaire|rémunération|salario|sueldo|salaris|l(?<!\wl)oon\b|per (?:hour|hr)\b|/\s*(?:hr|hour)\b|a(?<!\wa)n hour\b|"
    r"h(?<!\wh)ourly\b|pro stunde|de l'heure|por hora",
)
"""The same words, each alternative starting with a letter (``\\b`` moved after it), for
:mod:`screener.normalize.caseless`."""
_BENEFIT_FAST = Caseless(_BENEFIT)
_DIGIT = re.compile(r"\d")
PLAUSIBLE_ANNUAL = (8_000, 2_000_000)


@dataclass(frozen=True, slots=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None
    period: str | None

    @property
    def annual(self) -> tuple[float | None, float | None]:
        factor = PER_YEAR.get(self.period or "year", 1)
        return (
            round(self.min * factor, 2) if self.min is not None else None,
            round(self.max * factor, 2) if self.max is not None else None,
        )


def currency_code(value: object) -> str | None:
    """'$' / 'usd' / 'US$' -> 'USD'; an unknown three-letter code is kept upper-case."""
    if not isinstance(value, str):
        return None
    key = value.strip().lower()
    if not key:
        return None
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    if re.fullmatch(r"[a-z]{3}", key):
        return key.upper()
    return None


def period_name(value: object) -> str | None:
    """'HOURLY', 'per-hour', 'Year', 'YEAR_SALARY' -> hour / day / week / month / year."""
    if not isinstance(value, str):
        return None
    key = re.sub(r"[\s\-]+", "_", value.strip().lower())
    if key in _PERIOD_ALIASES:
        return _PERIOD_ALIASES[key]
    for name, pattern in _PERIOD_RES:
        if pattern.search(value):
            return name
    return None


def to_amount(value: object) -> float | None:
    """A number from a number or a string ("95,000", "95k", "1.234,56"); None when not a sane amount."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        try:
            number = float(value)
        except (OverflowError, ValueError):  # an int of 400 digits, Decimal('sNaN')
            return None
    elif isinstance(value, str):
        text = value.strip()[:64]
        if _NEGATIVE.match(text):
            return None  # price-parser drops the sign: "-50000" would read as 50000
        multiplier = 1
        if re.search(r"\d\s*[kK]\b", text):
            multiplier = 1000
        price = Price.fromstring(text)
        if price.amount is None:
            return None
        try:
            number = float(price.amount) * multiplier
        except (InvalidOperation, OverflowError, ValueError):
            return None
    else:
        return None
    if not math.isfinite(number) or number <= 0 or number > 1e9:
        return None
    return number


def guess_period(amount: float) -> str:
    """The pay period an amount with no stated period most likely is."""
    if amount < 300:
        return "hour"
    if amount < 1_000:
        return "day"
    if amount < 25_000:
        return "month"
    return "year"


def repair(low: float | None, high: float | None, currency: str | None, period: str | None) -> Salary | None:
    """Sane ordering, a period for every range, and the common unit slip (hourly stated as yearly)."""
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    typical = high if high is not None else low
    assert typical is not None
    if period is None:
        period = guess_period(typical)
    elif period == "year" and typical < 300:
        period = "hour"  # "$25 - $30 per year" is an hourly wage
    elif period == "year" and typical < 25_000 and low is not None and high is not None and high < 25_000:
        period = "month" if typical >= 1_000 else "hour"
    elif period == "hour" and typical >= 10_000:
        period = "year"  # "95000 per hour" is a yearly salary put in the wrong unit
    elif period == "month" and typical >= 100_000:
        period = "year"
    # below a plausible minimum for the period: not a salary
    annual = typical * PER_YEAR[period]
    if annual < 1_000 or annual > 50_000_000:
        return None
    if low is not None and high is not None and low * PER_YEAR[period] < 1_000:
        low = None  # "$1 - $100,000": the lower bound is a placeholder, not pay
    return Salary(low, high, currency, period)


def from_fields(min_value: object, max_value: object, currency: object, period: object) -> Salary | None:
    """A salary from structured fields, any of which may be missing or of the wrong type."""
    low, high = to_amount(min_value), to_amount(max_value)
    return repair(low, high, currency_code(currency), period_name(period))


def parse_salary(text: object) -> Salary | None:
    """A salary from a short free-text string; None for "competitive" or anything unreadable."""
    if not isinstance(text, str):
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            return repair(to_amount(text), None, None, None)
        return None
    text = text.strip()[:300]
    if not text or not re.search(r"\d", text):
        return None
    matches = [m for m in _AMOUNT.finditer(text) if m.group("num")]
    if not matches:
        return None
    amounts: list[float] = []
    currency = None
    k_seen = False
    for m in matches[:2]:
        cur = m.group("cur1") or m.group("cur2")
        if cur and currency is None:
            currency = currency_code(cur)
        num = _number(m.group("num"))
        if num is None:
            continue
        suffix = (m.group("k") or "").lower()
        if suffix == "k":
            num *= 1000
            k_seen = True
        elif suffix == "m":
            num *= 1_000_000
        amounts.append(num)
    if not amounts:
        return None
    if k_seen and len(amounts) == 2 and amounts[0] < 1000 <= amounts[1]:
        amounts[0] *= 1000  # "$120-150k"
    code_named = re.search(r"\b(CAD|AUD|NZD|SGD|HKD|MXN)\b", text)
    if code_named and currency == "USD" and "US$" not in text and "USD" not in text:
        currency = code_named.group(1)  # "$120,000 CAD": the code says which dollar
    if currency is None:
        code = re.search(r"\b([A-Z]{3})\b", text)
        currency = currency_code(code.group(1)) if code and currency_code(code.group(1)) in _SYMBOLS.values() else None
    period = None
    tail = text[matches[0].start() :]
    for name, pattern in _PERIOD_RES:
        if pattern.search(tail):
            period = name
            break
    low = amounts[0]
    high = amounts[1] if len(amounts) > 1 else None
    if re.search(r"\bup to\b|\bbis zu\b|\bjusqu", text, re.IGNORECASE) and high is None:
        low, high = None, low
    return repair(low, high, currency, period)


def _number(raw: str) -> float | None:
    price = Price.fromstring(raw.replace(" ", ""))
    if price.amount is None:
        return None
    try:
        value = float(price.amount)
    except (InvalidOperation, OverflowError, ValueError):
        return None
    return value if math.isfinite(value) and value > 0 else None


_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])|\n")
_ANCHOR = re.compile(
    r"[$€£]|\b(?:USD|EUR|GBP|CAD|AUD|CHF)\b|salary|compensation|pay\b|pay range|wage|gehalt|vergütung|salaire|"
    r"rémunération|salario|sueldo|salaris",
    re.IGNORECASE,
)


def find_salary_in_text(description: str) -> tuple[Salary, str] | None:
    """The first salary stated in a description ("Pay: $28/hr"), and the sentence it was read from.

    A sentence counts only when it says it is about pay (salary, pay, wage, per hour...) and is not
    about a benefit or a business figure (tuition, 401(k), a budget, a P&L). Only the part from the
    first currency sign or pay word on is read, so "a team of 25" earlier on is not an amount.
    """
    if not description:
        return None
    text = description[:20_000]
    low = lowered(text)
    if low is not None and not _PAY_WORD_FAST.search(text, low):
        return None  # a sentence that says it is about pay would say so in the whole text too
    for sentence in _SENTENCES.split(text):
        if len(sentence) > 400 or not _DIGIT.search(sentence) or not _PAY_WORD_FAST.search(sentence):
            continue
        if _BENEFIT_FAST.search(sentence):
            continue
        anchor = _ANCHOR.search(sentence)
        if anchor is None:
            continue
        tail = sentence[anchor.start() :]
        if _NO_SALARY.search(tail) and not re.search(r"[$€£]\s*\d", tail):
            continue
        if _BUSINESS_FIGURE.search(tail) and not re.search(r"salary|compensation|\bpay\b|wage", tail, re.IGNORECASE):
            continue
        found = parse_salary(tail)
        if found is None or not (found.currency or found.period != "year" or "salary" in tail.lower()):
            continue
        low, high = found.annual
        if all(v is None or PLAUSIBLE_ANNUAL[0] <= v <= PLAUSIBLE_ANNUAL[1] for v in (low, high)):
            return found, sentence.strip()
    return None
