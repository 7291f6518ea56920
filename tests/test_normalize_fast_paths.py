"""The normaliser's fast paths give exactly what the plain code gives.

Each reference below is the code as it was before the fast path (the case-insensitive patterns
run on the text as written, every regex run on every text); the fast code must agree with it on
any text, in particular texts mixing pay and experience words in any case with the characters
lower-casing treats specially (İ ı ſ K), unusual spaces and line breaks.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from screener.normalize import caseless, record, salary, text, years
from screener.normalize.caseless import FOLDS_DIFFERENTLY, Caseless, lowered

FAST_PATTERNS = [salary._PAY_WORD_FAST, salary._BENEFIT_FAST, years._PATTERN_FAST]


# --- lower-casing and the regex engine --------------------------------------------------------


@pytest.mark.slow
def test_lower_casing_keeps_every_other_character_in_place_and_in_its_class():
    word, digit, space = re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s")
    for code in range(0x110000):
        char = chr(code)
        if char in FOLDS_DIFFERENTLY or 0xD800 <= code < 0xE000:
            continue
        low = char.lower()
        assert len(low) == 1, hex(code)
        for pattern in (word, digit, space):
            assert bool(pattern.match(char)) == bool(pattern.match(low)), (hex(code), pattern)


def test_the_engine_folds_no_other_character_with_a_letter_of_our_patterns():
    casefix = pytest.importorskip("re._casefix")
    letters = {ch for p in FAST_PATTERNS for ch in p.fast.pattern.lower() if ch.isalpha()}
    for letter in letters:
        for other in casefix._EXTRA_CASES.get(ord(letter), ()):
            assert chr(other) in FOLDS_DIFFERENTLY, (letter, chr(other))
    assert "İ".lower() != "i" and len("İ".lower()) == 2  # why İ is on the list


def test_caseless_refuses_what_it_cannot_lower_case():
    with pytest.raises(ValueError):
        Caseless(re.compile(r"pay"))
    with pytest.raises(ValueError):
        Caseless(re.compile(r"\Bpay", re.IGNORECASE))
    assert Caseless(re.compile(r"(?P<Low>\d+) Years", re.IGNORECASE)).fast.pattern == r"(?P<low>\d+) years"


# --- texts ------------------------------------------------------------------------------------

WORDS = [
    "salary", "Salaries", "COMPENSATION", "pay", "Pay range", "payroll", "repay", "wage", "hourly rate", "OTE",
    "remote", "note", "earn", "learn", "Gehalt", "Vergütung", "VERGÜTUNG", "rémunération", "RÉMUNÉRATION",
    "salario", "sueldo", "loon", "per hour", "per hr", "/hr", "/ hour", "an hour", "hourly", "pro Stunde",
    "de l'heure", "por hora", "tuition", "401(k)", "401 k", "bonus of", "sign-on", "relocation", "insurance",
    "years", "Yrs", "yr", "Jahre", "Jahren", "ans", "années", "años", "jaar", "experience", "Berufserfahrung",
    "(", "(5)", "(five", "minimum", "at least", "Mindestens", "more than", "plus", "to", "bis", "or", "five",
    "Seven", "zwei",
    "managing", "leading", "of", "progressive", "relevant", "ago", "founded", "contract",
    "hybrid", "This is a hybrid", "hybrid role", "Remote position", "fully remote", "100% remote",
    "work from anywhere", "This role is fully remote", "budget", "revenue", "competitive", "USD", "EUR",
    "$", "€", "£", "k", "K", "-", "–", "to", "per year", "a year", "annually", "/yr",
    "İ", "ı", "ſ", "K", "ſalary", "waſ", "İnsurance", "ıncome", "Kelvin",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\t", "\u00a0", "\u2003", "\n", "\n\n\n", ". ", "! ", "? ", "; ", ", ", "\r\n", "\u2028", ""]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 9))
        if kind < 5:
            parts.append(draw(st.sampled_from(WORDS)))
        elif kind < 7:
            parts.append(str(draw(st.sampled_from([0, 3, 5, 12, 25, 28, 45, 120, 25000, 95000, 120000, 1500000]))))
        elif kind < 8:
            parts.append(draw(st.sampled_from([",000", ".5", "+", "(", ")", "k", "/", "%"])))
        else:
            parts.append(draw(st.text(max_size=6)))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


# --- references: the code before its fast path -----------------------------------------------


def find_salary_in_text_reference(description: str):
    if not description:
        return None
    for sentence in salary._SENTENCES.split(description[:20_000]):
        if len(sentence) > 400 or not re.search(r"\d", sentence) or not salary._PAY_WORD.search(sentence):
            continue
        if salary._BENEFIT.search(sentence):
            continue
        anchor = salary._ANCHOR.search(sentence)
        if anchor is None:
            continue
        tail = sentence[anchor.start() :]
        if salary._NO_SALARY.search(tail) and not re.search(r"[$€£]\s*\d", tail):
            continue
        if salary._BUSINESS_FIGURE.search(tail) and not re.search(
            r"salary|compensation|\bpay\b|wage", tail, re.IGNORECASE
        ):
            continue
        found = salary.parse_salary(tail)
        if found is None or not (found.currency or found.period != "year" or "salary" in tail.lower()):
            continue
        low, high = found.annual
        if all(v is None or salary.PLAUSIBLE_ANNUAL[0] <= v <= salary.PLAUSIBLE_ANNUAL[1] for v in (low, high)):
            return found, sentence.strip()
    return None


def years_required_reference(value: str):
    if not value:
        return None
    best = None
    value = value[:50_000]
    for start, end in years._windows(value):
        for match in years._PATTERN.finditer(value, start, end):
            after = match.group("after") or ""
            before = value[max(0, match.start() - 60) : match.start()]
            if years._NOT_REQUIREMENT.search(after[:25]):
                continue
            if not (re.search(years._EXPERIENCE, after, re.IGNORECASE) or years._BEFORE.search(before)):
                continue
            low = years._number(match.group("low"))
            high = years._number(match.group("high")) if match.group("high") else None
            if low is None or low > 40:
                continue
            if high is not None and (high < low or high > 45):
                high = None
            if best is None or low > best[0]:
                best = (low, high)
    return best


def clean_text_reference(value: object, limit: int = text.MAX_DESCRIPTION_CHARS) -> str:
    value = text._as_text(value)[: limit * 4]
    if text.looks_like_html(value):
        value = text.html_to_text(value)
    value = text._INVISIBLE.sub("", value)
    value = unicodedata.normalize("NFC", value)
    value = text._LINE_BREAKS.sub("\n", value)
    value = text._CONTROL.sub("", value)
    lines = [text._SPACES.sub(" ", line).strip() for line in value.split("\n")]
    value = text._BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return value[:limit].rstrip()


def remote_in_text_reference(description: str) -> str | None:
    if record._HYBRID_ROLE.search(description):
        return "hybrid"
    if record._STRONG_REMOTE.search(description):
        return "remote"
    return None


# --- the fast code agrees ---------------------------------------------------------------------


@settings(max_examples=400)
@given(texts())
@example("Pay: $28/hr. ſalary $90,000 a year")
@example("İ Salary: $120,000 - $150,000 per year")
@example("This role pays $40 per hour; OTE $200k. Relocation up to $5,000.")
def test_pay_and_benefit_words_are_found_where_the_case_insensitive_patterns_find_them(value):
    for fast in (salary._PAY_WORD_FAST, salary._BENEFIT_FAST):
        expected = fast.pattern.search(value)
        found = fast.search(value)
        assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=400)
@given(texts())
@example("Salary: $120,000 - $150,000 per year.\nWe pay well.")
@example("Compensation: €60.000 - €70.000 pro Jahr. Gehalt nach Vereinbarung")
def test_salary_in_text_is_what_the_plain_scan_finds(value):
    assert salary.find_salary_in_text(value) == find_salary_in_text_reference(value)


@settings(max_examples=400)
@given(texts())
@example("Minimum of 5 to 8 years of relevant experience. Founded 25 years ago.")
@example("MINDESTENS FÜNF JAHRE Berufserfahrung, İ 7+ YEARS managing")
def test_years_are_what_the_plain_scan_finds(value):
    assert years.years_required(value) == years_required_reference(value)


@settings(max_examples=400)
@given(st.one_of(texts(), st.text(max_size=200)))
@example("a  b\t\u00a0c\r\nd\u2028e\x0bf\x85g  \n\n\n\n h\u200b\u202eİ")
@example("<p>Hello&nbsp;&nbsp;world</p>\r\n<li>one</li>")
def test_clean_text_is_what_the_plain_passes_give(value):
    assert text.clean_text(value) == clean_text_reference(value)
    assert text.clean_line(value) == " ".join(clean_text_reference(value, limit=800).split())[:200].strip()


@settings(max_examples=400)
@given(texts())
@example("This is a HYBRID role")
@example("Fully Remote, work from anywhere")
def test_remote_in_text_is_what_the_plain_searches_find(value):
    assert record.remote_in_text(value) == remote_in_text_reference(value)


def test_lowered_refuses_the_characters_that_fold_differently():
    assert lowered("Pay: $28/hr") == "pay: $28/hr"
    for char in FOLDS_DIFFERENTLY:
        assert lowered(f"Pay {char}") is None
    assert caseless.lowered("") == ""


@pytest.mark.parametrize("word", WORDS)
def test_each_word_alone_and_inside_others(word):
    for fast in FAST_PATTERNS:
        for variant in {word, word.upper(), word.title(), word.lower()}:
            for value in (variant, f"x{variant}", f"{variant}x", f" {variant} ", f"5 {variant} 1", f"{variant}: 5"):
                expected = fast.pattern.search(value)
                found = fast.search(value)
                assert (found and found.span()) == (expected and expected.span()), (fast.pattern.pattern[:30], value)


def clean_line_reference(value: object, limit: int = text.MAX_TITLE_CHARS) -> str:
    return " ".join(clean_text_reference(value, limit=limit * 4).split())[:limit].strip()


@settings(max_examples=300)
@given(
    st.text(alphabet=st.sampled_from(list(" aZ1<>&amp;\té")), max_size=60)
    | st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=4000),
    st.sampled_from([5, 40, 200]),
)
@example(" " * 3000 + "Operations   Manager " * 20, 200)
@example("Sales &amp; Ops", 200)
def test_clean_line_is_what_the_plain_passes_give(value, limit):
    assert text.clean_line(value, limit=limit) == clean_line_reference(value, limit=limit)


@settings(max_examples=400)
@given(texts())
@example("(5) years of experience; (12 (10) - 15+ yrs; over (three) years")
def test_years_matches_are_the_plain_matches(value):
    expected = [m.span() for s, e in years._windows(value) for m in years._PATTERN.finditer(value, s, e)]
    assert [m.span() for m in years._matches(value)] == expected
