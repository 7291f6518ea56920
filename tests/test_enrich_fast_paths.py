"""The enrichment cues read through lower-case twins give exactly what the plain patterns give:
function, industry, team size and budget, on generated texts and on every sample posting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from screener.enrich import cues
from screener.enrich.lexicon import COMPANY_WORDS, FUNCTIONS, INDUSTRIES
from tests.reference import cues_plain

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "postings.jsonl"
LEXICON = sorted({w for table in (FUNCTIONS, INDUSTRIES, COMPANY_WORDS) for ws in table.values() for w in ws})
WORDS = [
    *LEXICON[::3],
    "lead a team of", "managing", "oversee", "direct reports", "reports", "employees", "staff of", "twelve", "fifty",
    "budget of", "P&L", "p & l", "$", "€", "£", "m", "million", "bn", "k", "revenue", "spend", "cost base",
    "İ", "ı", "ſ", "K", "ſtaff", "Operatıons", "x", "", "12", "1,200", "45+", "3",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\n", ". ", "; ", ", ", "-", "/", "&", ""]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        word = draw(st.sampled_from(WORDS)) if draw(st.integers(0, 5)) else draw(st.text(max_size=5))
        parts.append(draw(st.sampled_from([word, word.upper(), word.title()])))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


def same(title: str, department: str, description: str, company: str, hint: str = "") -> None:
    assert cues.function_of(title, department, description) == cues_plain.function_of(title, department, description)
    assert cues.industry_of(company, description, hint) == cues_plain.industry_of(company, description, hint)
    assert cues.team_size(description) == cues_plain.team_size(description)
    assert cues.budget(description) == cues_plain.budget(description)


@settings(max_examples=400)
@given(texts(), texts(), texts(), texts())
@example("Operations Manager", "Ops", "Lead a team of 12 associates. Budget of $4.5M.", "Harborview Distribution")
@example("ſupply Chain Lead", "", "Manage 40 direct reports; P&L $12 million", "İstanbul Plastics")
def test_cues_are_what_the_plain_patterns_find(title, department, description, company):
    same(title, department, description, company)


def test_every_sample_posting_gets_the_same_cues():
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        posting = json.loads(line)
        same(
            posting.get("title") or "",
            posting.get("department") or "",
            posting.get("description") or "",
            posting.get("company") or "",
        )


@pytest.mark.parametrize("word", LEXICON)
def test_each_lexicon_word_in_any_case_and_place(word):
    for variant in {word, word.upper(), word.title()}:
        for text in (variant, f"x{variant}", f"{variant}x", f" {variant} ", f"-{variant}-"):
            same(text, text, text, text, text)
