"""Which rights apply to which processing, as the legal bases imply (model/rights.py)."""

from __future__ import annotations

import pytest

from privacy_notice.model.rights import (
    PORTABILITY_PUBLIC_TASK,
    REASONS,
    PurposeBases,
    Scope,
    applies,
    scope,
)


def purpose(pid: str, *bases: str, **facts: bool) -> PurposeBases:
    return PurposeBases(pid, frozenset(bases), **facts)


@pytest.mark.parametrize(
    ("right", "bases", "facts", "expected"),
    [
        ("portability", ("consent",), {}, True),  # Art. 20(1)(a)
        ("portability", ("contract",), {}, True),
        ("portability", ("public-task",), {}, False),  # Art. 20(3)
        ("portability", ("legal-obligation",), {}, False),
        ("portability", ("legal-obligation",), {"explicit_consent": True}, True),  # 9(2)(a)
        ("objection", ("legitimate-interests",), {}, True),  # Art. 21(1)
        ("objection", ("public-task",), {}, True),
        ("objection", ("consent",), {}, False),
        ("objection", ("consent",), {"direct_marketing": True}, True),  # Art. 21(2)
        ("objection", ("legal-obligation",), {}, False),
        ("withdraw-consent", ("consent",), {}, True),
        ("withdraw-consent", ("contract",), {}, False),
        ("erasure", ("legal-obligation",), {}, False),  # Art. 17(3)(b)
        ("erasure", ("public-task", "consent"), {}, False),
        ("erasure", ("contract",), {}, True),
        ("access", ("legal-obligation",), {}, None),  # every processing: not decided here
        ("portability", (), {}, None),  # no basis stated: lint asks for it
    ],
)
def test_what_the_legal_bases_imply(right: str, bases: tuple, facts: dict, expected):
    assert applies(right, purpose("p", *bases, **facts)) is expected


PUPILS = (
    purpose("teaching", "public-task"),
    purpose("welfare", "legal-obligation"),
    purpose("photos", "consent"),
)


def test_a_right_of_some_purposes_names_them_and_why_not_the_others():
    assert scope("objection", (), PUPILS, False) == Scope(
        applies_to=("teaching",), not_to=("welfare", "photos"), reason=REASONS["objection"]
    )


def test_a_right_of_no_purpose_says_it_does_not_apply_and_why():
    authority = PUPILS[:2]
    assert scope("portability", (), authority, False) == Scope(
        reason=PORTABILITY_PUBLIC_TASK, none=True
    )


def test_art_20_3_is_the_reason_only_where_a_public_task_is():
    """A shop's invoicing (a legal obligation): portability does not apply, by Art. 20(1)
    alone; Art. 20(3) is about public tasks, which the shop has none of."""
    shop = (purpose("orders", "contract"), purpose("invoicing", "legal-obligation"))
    assert scope("portability", (), shop, False) == Scope(
        applies_to=("orders",), not_to=("invoicing",), reason=REASONS["portability"]
    )
    assert "20(3)" not in REASONS["portability"] and "20(3)" in PORTABILITY_PUBLIC_TASK


def test_erasure_names_only_its_exceptions():
    assert scope("erasure", (), PUPILS, False) == Scope(
        not_to=("teaching", "welfare"), reason=REASONS["erasure"]
    )


def test_what_the_notice_says_prevails():
    assert scope("portability", ("welfare",), PUPILS, False) == Scope(applies_to=("welfare",))


def test_automated_decisions_apply_where_they_are_made():
    assert scope("automated-decisions", (), PUPILS, True) == Scope()
    assert scope("automated-decisions", (), PUPILS, False).none
    assert not scope("access", (), PUPILS, False).shown  # a right of all processing
