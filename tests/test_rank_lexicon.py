"""Function and industry inference (the article's "similar industry or functional experience")."""

from __future__ import annotations

import pytest

from screener.enrich.cues import function_of, industry_of
from screener.enrich.lexicon import FUNCTION_PATTERNS, INDUSTRY_PATTERNS, canonical


@pytest.mark.parametrize(
    ("title", "department", "function"),
    [
        ("Operations Manager", "", "operations"),
        ("Distribution Center Manager", "Logistics", "supply_chain"),
        ("Store Manager - High Volume", "Stores", "retail"),
        ("Director of Project Delivery", "Project Management", "project_management"),
        ("Support Team Lead", "", "customer_service"),
        ("Medical Billing Specialist", "Health Information Management", "healthcare_admin"),
        ("Leiter Logistik (m/w/d)", "Logistik", "supply_chain"),
        ("IT Director", "IT", "it"),
        ("Director of First Impressions", "Workplace", None),
    ],
)
def test_function_of(title: str, department: str, function: str | None) -> None:
    assert function_of(title, department, "") == function


@pytest.mark.parametrize(
    ("company", "description", "industry"),
    [
        ("Harborview Distribution", "We serve hospitals and clinics across the region.", "logistics"),
        ("Heliotrope Plastics", "", "manufacturing"),
        ("Granite Falls Packaging", "Our customers are restaurants and hotels.", "manufacturing"),
        ("Calloway Coffee Roasters", "", "consumer_goods"),
        ("Sterling Oak Wealth", "", "financial_services"),
        ("Harbour & Hearth Inns", "A payments platform team runs our booking.", "hospitality"),
        ("Great Lakes Power Cooperative", "", "energy"),
        ("Riverside Water Reclamation District", "", "public_sector"),
        ("Innovate Widgets", "", None),  # 'inn' is a word, not a prefix
        ("Copperleaf Pharmacy", "Our 300 stores serve shoppers in retail neighbourhoods.", "retail"),
        ("Acme", "A hospital network with 12 hospitals and a clinic in every county.", "healthcare"),
    ],
)
def test_industry_of(company: str, description: str, industry: str | None) -> None:
    assert industry_of(company, description) == industry


def test_profile_words_map_to_canonical_names() -> None:
    assert canonical(["operations", "Supply Chain", "logistics"], FUNCTION_PATTERNS) == ["operations", "supply_chain"]
    assert canonical(["Logistics", "retail", "financial services"], INDUSTRY_PATTERNS) == [
        "logistics",
        "retail",
        "financial_services",
    ]


def test_c_suite_operations_titles() -> None:
    assert function_of("Chief Operating Officer", "", "Oversees IT, finance and operations.") == "operations"
    assert function_of("Logistics Coordinator", "", "") == "supply_chain"  # no 'coo' prefix match
