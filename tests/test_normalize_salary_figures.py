"""A budget, a turnover or a P&L in a manager's posting is not its pay."""

from __future__ import annotations

import pytest

from screener.normalize.salary import find_salary_in_text


@pytest.mark.parametrize(
    "text",
    [
        "Run a store of 35 people with a €6M turnover.",
        "You will own a $14M budget and report to the VP Operations.",
        "Lead 14 store managers; P&L of $220M.",
        "Manage a $3.5M capex programme across three plants.",
    ],
)
def test_business_figures_are_not_salaries(text):
    assert find_salary_in_text(text) is None


def test_the_pay_line_after_a_business_figure_is_found():
    found = find_salary_in_text("Run a store of 35 people with a €6M turnover.\nSalary: €58,000 – €66,000 per year")
    assert found is not None
    pay, sentence = found
    assert (pay.min, pay.max, pay.currency, pay.period) == (58000, 66000, "EUR", "year")
    assert sentence.startswith("Salary:")


def test_a_sentence_naming_both_keeps_the_pay():
    pay, _ = find_salary_in_text("Base salary $150,000 - $170,000 a year, plus a $2M budget to run.")
    assert (pay.min, pay.max) == (150000, 170000)


@pytest.mark.parametrize(
    "text",
    [
        "- Tuition reimbursement of up to $5,250 a year",
        "401(k) with a 4% employer match and tuition assistance of up to $5,250 a year.",
        "A $500 home-office stipend plus a monthly internet allowance",
        "The Contact Center Manager leads 14 people and owns a $1.5 million cost center.",
        "We offer a budget for training of €2,000 a year and 30 days of holiday.",
        "- Track projects totaling $1.8 million",
    ],
)
def test_benefits_and_business_figures_are_not_pay(text):
    assert find_salary_in_text(text) is None


def test_dollar_amount_named_as_canadian_is_cad():
    pay, _ = find_salary_in_text("Compensation: $349,000-$448,000 CAD per year + bonus.")
    assert pay.currency == "CAD"
