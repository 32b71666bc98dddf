"""identifiers.py: the shape and the check digits of organisation identifiers."""

from __future__ import annotations

import pytest

from privacy_notice.model.identifiers import (
    fi_business_id_valid,
    identifier_problem,
    lei_valid,
    luhn_valid,
)


def test_finnish_business_id_check_digit():
    assert fi_business_id_valid("0112038-9")  # a published ID: remainder 2, check 9
    assert fi_business_id_valid("1572860-0")  # remainder 0: the check digit is 0
    assert not fi_business_id_valid("0112038-8")
    # 5 × 9 = 45, a remainder of 1: no check digit is valid
    assert not any(fi_business_id_valid(f"0500000-{digit}") for digit in range(10))


def test_luhn_and_lei():
    assert luhn_valid("5560360793") and not luhn_valid("5560360794")
    assert lei_valid("529900T8BM49AURSDO55") and not lei_valid("529900T8BM49AURSDO56")


@pytest.mark.parametrize(
    ("scheme", "value", "problem"),
    [
        ("fi-business-id", "0112038-9", None),
        ("fi-business-id", "0112038-8", "has a wrong check digit: check the Business ID"),
        ("fi-business-id", "FI01120389", "is not in the form of this scheme"),
        ("se-organisation-number", "556036-0793", None),
        ("se-organisation-number", "556036-0794", "has a wrong check digit"),
        ("lei", "529900T8BM49AURSDO55", None),
        ("lei", "529900t8bm49aursdo55", "is not in the form of this scheme"),
        ("other-scheme", "anything at all", None),  # no shape, no check: not judged
    ],
)
def test_identifier_problem(scheme: str, value: str, problem: str | None):
    found = identifier_problem(scheme, value)
    assert found == problem if problem is None else (found or "").startswith(problem)
