"""What the law implies between values (source/law_checks.py, errors) and for particular
processing (source/lint_law.py, warnings), each one located line, on the full notice
(tests/data/full/) broken one way at a time."""

from __future__ import annotations

import pytest
from helpers import position

from conftest import DATA
from privacy_notice.diagnostics import PolicyError
from privacy_notice.source.lint import lint
from privacy_notice.source.load import load_policy_text
from privacy_notice.source.validate import validate

SOURCE = (DATA / "full/policy.yaml").read_text("utf-8")
HEALTH = "        category: health\n        condition: explicit-consent\n"
ARCHIVE = "      until: permanent\n      law: Archives Act (831/1994)\n"
PORTABILITY = "machine-readable form.\n      purposes: [orders, newsletter]\n"


def problems(text: str) -> list[str]:
    try:
        loaded = load_policy_text(text.encode(), "policy.yaml")
    except PolicyError as exc:
        return [str(d) for d in exc.diagnostics]
    found = validate(loaded)
    if any(d.severity == "error" for d in found):
        return [str(d) for d in found]
    return [str(d) for d in lint(loaded)]


def test_the_full_notice_has_no_problem_but_its_stale_review():
    assert [p.split(": ", 2)[1] for p in problems(SOURCE)] == ["warning"]


# (old, new, anchor of the expected line in the new text, the message expected there)
ERRORS = {
    "an Art. 10 condition with a special category": (
        HEALTH,
        "        category: health\n        condition: official-authority\n",
        "official-authority",
        "'official-authority' is a condition of GDPR Art. 10, for data relating to criminal "
        "convictions; 'health' is a special category of Art. 9(1): choose a condition of "
        "Art. 9(2) (explicit-consent,",
    ),
    "an Art. 9 condition with criminal convictions": (
        HEALTH,
        "        category: criminal-convictions\n        condition: explicit-consent\n",
        "explicit-consent\n        law",
        "'explicit-consent' is a condition of GDPR Art. 9(2), for the special categories of "
        "Art. 9(1); data relating to criminal convictions is processed under Art. 10: "
        "official-authority or authorised-by-law",
    ),
    "a joint controller that is not declared": (
        "      joint_controller: partner-bank\n",
        "      joint_controller: partner-bnk\n",
        "partner-bnk",
        "no joint controller has the id 'partner-bnk' (in controller.joint_controllers); "
        "did you mean 'partner-bank'?",
    ),
    "a joint controller with another role": (
        "      joint_controller: partner-bank\n",
        "      joint_controller: partner-bank\n      role: processor\n",
        "processor\n      countries: [FI]",
        "'processor' is not the role of a joint controller: remove role",
    ),
    "a recipient named by neither": (
        "      joint_controller: partner-bank\n",
        "",
        "id: bank",
        "missing required key 'name'",
    ),
    "permanent storage with a period": (
        ARCHIVE,
        "      until: permanent\n      period: P10Y\n      law: Archives Act (831/1994)\n",
        "period: P10Y",
        "data kept permanently has no storage period: remove period, or until: permanent",
    ),
    "a start twice": (
        "      start_event: When the loyalty card is returned\n",
        "      start_event: When the loyalty card is returned\n      starts: last-contact\n",
        "start_event:",
        "the period starts once: state it with starts (a code) or start_event (in words)",
    ),
    "a right that does not apply, for purposes": (
        "      does_not_apply: We make no decisions",
        "      purposes: [orders]\n      does_not_apply: We make no decisions",
        "purposes: [orders]\n      does_not_apply",
        "a right that does not apply names no purposes it applies to",
    ),
    "a right with neither text nor reason": (
        "      does_not_apply: We make no decisions based solely on automated processing.\n",
        "",
        "id: automated-decisions",
        "missing required key 'text'",
    ),
    "a name in languages, not translated": (
        "      translate: Customer privacy team\n",
        "      fi: Asiakastietosuojatiimi\n",
        "fi: Asiakastietosuojatiimi",
        "unknown key 'fi'; allowed here: translate",
    ),
    "a right for a purpose that does not exist": (
        PORTABILITY,
        "machine-readable form.\n      purposes: [orders, newsleter]\n",
        "newsleter]",
        "no purpose has the id 'newsleter' (in purposes.items); did you mean 'newsletter'?",
    ),
}


@pytest.mark.parametrize("case", ERRORS.values(), ids=ERRORS.keys())
def test_each_contradiction_is_one_located_error(case: tuple[str, str, str, str]):
    old, new, anchor, expected = case
    assert old in SOURCE, "the case no longer matches the full notice"
    broken = SOURCE.replace(old, new, 1)
    located = f"policy.yaml:{position(broken, anchor)}:"
    found = problems(broken)
    assert any(line.startswith(located) and expected in line for line in found), (located, found)


MARKETING = "        - basis: consent\n      direct_marketing: true\n"
INTEREST = (
    "        - basis: legitimate-interests\n"
    "          interest: Keeping our customers informed of offers similar to what they bought.\n"
)
OFFICER = "    name: Dana Officer\n    title: Data protection officer of the group\n"
WARNINGS = {
    "a condition of Art. 9(2)(h) without its law": (
        HEALTH + "        law: Data Protection Act (1050/2018)\n",
        "        category: health\n        condition: health-or-social-care\n",
        "special_category:\n        category: health",
        "the data field 'allergy-information' is processed under health-or-social-care "
        "(GDPR Art. 9(2)(h)), which rests on Union or Member State law, but the law is not "
        "named: add law",
        "9(2)",
    ),
    "Art. 10 authorised by law without it": (
        HEALTH + "        law: Data Protection Act (1050/2018)\n",
        "        category: criminal-convictions\n        condition: authorised-by-law\n",
        "special_category:\n        category: criminal",
        "(GDPR Art. 10), which rests on Union or Member State law, but the law is not named",
        "10",
    ),
    "a public authority without a data protection officer's contact": (
        "  public_authority: false\n",
        "  public_authority: true\n",
        "controller:\n  title: Data controller",
        "a public authority must designate a data protection officer",
        "37(1)(a)",
    ),
    "a public authority on legitimate interests": (
        "  public_authority: false\n",
        "  public_authority: true\n",
        "basis: legitimate-interests",
        "the purpose 'marketing' rests on legitimate interests, which do not apply to "
        "processing by a public authority in the performance of its tasks",
        "6(1)",
    ),
    "portability for a purpose on a legal obligation": (
        PORTABILITY,
        "machine-readable form.\n      purposes: [orders, accounting]\n",
        "accounting]\n    - id: objection",
        "the right of portability does not apply to the purpose 'accounting', which rests on "
        "legal-obligation: it applies only where processing rests on consent or contract",
        "20(1)",
    ),
    "objection where no purpose gives it": (
        INTEREST + MARKETING,
        "        - basis: consent\n      direct_marketing: false\n",
        "id: objection",
        "the right of objection is stated, but no purpose gives it",
        "21(1)",
    ),
    "children without their guardians": (
        "      guardians: A guardian may use the rights of a subscriber under 15 on their "
        "behalf.\n",
        "",
        "id: subscribers",
        "the group 'subscribers' includes children: say how their guardians use their rights",
        "12(1)",
    ),
    "permanent storage without its law": (
        ARCHIVE,
        "      until: permanent\n",
        "id: company-archive",
        "the data of the storage rule 'company-archive' is kept permanently, but no law is "
        "named that requires it",
        "13(2)(a)",
    ),
}


@pytest.mark.parametrize("case", WARNINGS.values(), ids=WARNINGS.keys())
def test_each_omission_the_law_implies_is_one_located_warning(case):
    old, new, anchor, expected, article = case
    assert old in SOURCE, "the case no longer matches the full notice"
    broken = SOURCE.replace(old, new, 1)
    if article == "37(1)(a)":  # and the officer named, without a way to reach them
        broken = (
            broken[: broken.index(OFFICER) + len(OFFICER)]
            + broken[broken.index("    statement: Our data protection officer") :]
        )
    located = f"policy.yaml:{position(broken, anchor)}: warning: "
    found = problems(broken)
    assert any(
        line.startswith(located) and expected in line and line.endswith(f"(GDPR Art. {article})")
        for line in found
    ), (located, found)


def test_direct_marketing_gives_the_right_to_object_whatever_its_basis():
    assert INTEREST in SOURCE
    without_interest = SOURCE.replace(INTEREST, "", 1)
    assert not [p for p in problems(without_interest) if "objection" in p]
    no_marketing = without_interest.replace(MARKETING, "        - basis: consent\n", 1)
    assert [p for p in problems(no_marketing) if "right of objection is stated" in p]


def test_a_right_that_does_not_apply_is_stated_and_claims_nothing():
    # Accounting alone (a legal obligation) gives no portability: saying why is enough.
    stated = SOURCE.replace(PORTABILITY, "machine-readable form.\n      purposes: [accounting]\n")
    assert [p for p in problems(stated) if "Art. 20(1)" in p]
    reasoned = SOURCE.replace(
        "      text: You may receive your data in a machine-readable form.\n"
        "      purposes: [orders, newsletter]\n",
        "      does_not_apply: Only accounting rests on the law here.\n",
        1,
    )
    assert not [p for p in problems(reasoned) if "portability" in p]
