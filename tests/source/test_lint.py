"""The GDPR completeness check (Articles 13 and 14)."""

from __future__ import annotations

import pytest

from conftest import DEFAULT_NOTICE, Project
from privacy_notice.source.lint import lint
from privacy_notice.source.load import load_policy_text
from privacy_notice.source.validate import validate

SOURCE = (DEFAULT_NOTICE / "policy.yaml").read_text("utf-8")


def warnings_for(text: str) -> list[str]:
    loaded = load_policy_text(text.encode(), "policy.yaml")
    assert [d for d in validate(loaded) if d.severity == "error"] == []
    return [str(d) for d in lint(loaded)]


def test_the_default_notice_shows_the_gaps_of_its_source():
    found = warnings_for(SOURCE)
    assert [line.rsplit("(GDPR Art. ", 1)[1] for line in found] == [
        "13(1)(b))",
        "13(2)(e))",
        "13(1)(c))",
    ]
    assert found[2].startswith(
        "policy.yaml:244:7: warning: purposes.items[0]: the purpose "
        "'identification' states no legal basis"
    )


PURPOSE = "    - id: identification\n"
CASES = {
    "law behind a legal obligation not named": (
        PURPOSE,
        PURPOSE + "      legal_bases: [{basis: legal-obligation}]\n",
        "6(3)",
    ),
    "consent without withdrawal": (
        PURPOSE,
        PURPOSE + "      legal_bases: [{basis: consent}]\n",
        "13(2)(c)",
    ),
    "profiling without its logic": ("  profiling: false", "  profiling: true", "13(2)(f)"),
    "no contact details": (
        SOURCE[SOURCE.index("  visiting_address:\n") : SOURCE.index("\nregister:\n")],
        "",
        "13(1)(a)",
    ),
    "transfer without safeguard": (
        "  safeguards: [standard-contractual-clauses]\n",
        "",
        "13(1)(f)",
    ),
    "field without storage rule": (
        "[personal-identity-code, name, address,",
        "[name, address,",
        "13(2)(a)",
    ),
    "right missing": (
        "    - id: portability\n      right: portability\n",
        "    - id: portability\n      right: information\n",
        "13(2)(b)",
    ),
    "no recipients": (
        SOURCE[SOURCE.index("  categories:\n") : SOURCE.index("  safeguards: >-\n    Subcontr")],
        "  categories: []\n",
        "13(1)(e)",
    ),
    "other sources unnamed": (
        "  from_data_subject: true",
        "  from_data_subject: false",
        "14(2)(f)",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_article(case):
    old, new, article = case
    found = warnings_for(SOURCE.replace(old, new, 1))
    assert any(f"(GDPR Art. {article})" in line for line in found), found


def test_statements_silence_warnings_and_are_published(project: Project):
    project.edit(
        "  register_contact:",
        "  data_protection_officer:\n"
        "    statement: No officer is required (Art. 37).\n  register_contact:",
    )
    project.edit("  fields:\n", "  provision: Giving the data is voluntary.\n  fields:\n")
    project.edit(
        PURPOSE,
        PURPOSE + "      legal_bases:\n        - basis: contract\n"
        "        - basis: legitimate-interests\n"
        "          interest: Serving customers who contact us.\n",
    )  # (portability and objection, which the notice states, then apply: model/rights.py)
    assert warnings_for(project.policy.read_text("utf-8")) == []
    project.edit("languages: [fi, sv, en]", "languages: [en]")
    project.edit("locales: {fi: fi_FI, sv: sv_FI, en: en_FI}", "locales: {en: en_FI}")
    project.edit("updated: 2019-10-23", "updated: 2030-01-01")
    project.build()
    page = project.text("en/index.html")
    assert "Data protection officer No officer is required (Art. 37)." in page
    assert "Giving the data is voluntary." in page


def test_reviewed_warnings_are_accepted_with_a_reason(project: Project):
    project.edit(
        "\nnotice:",
        "\nreviewed_warnings:\n  - article: 13(1)(b)\n"
        "    reason: Not required by Art. 37.\n  - article: 13(2)(e)\n"
        "    path: personal_data\n    reason: Reviewed.\n  - article: 14(2)(f)\n"
        "    reason: Stale.\n\nnotice:",
    )
    result = project.run("lint")
    assert result.returncode == 0
    assert "13(1)(b)" not in result.stderr and "13(2)(e))" not in result.stderr
    assert "13(1)(c)" in result.stderr
    assert "no warning of Art. 14(2)(f) remains to accept: remove this review" in result.stderr
    # review notes are not part of the published notice: no new version is needed
    project.build()
    assert "reviewed_warnings" not in project.read("api/register.json")


def test_strict_makes_warnings_errors(project: Project):
    assert project.run("lint").returncode == 0
    strict = project.run("lint", "--strict")
    assert strict.returncode == 1
    assert strict.stderr.strip().endswith("\n3 problems")  # a check writes nothing anyway
    assert project.run("validate", "--strict").returncode == 1
    assert "warning: " in project.build().stderr


WITHOUT_PORTABILITY_AND_OBJECTION = SOURCE.replace(
    "      right: portability\n", "      right: information\n", 1
).replace("      right: objection\n", "      right: information\n", 1)
LEGITIMATE_INTERESTS = "        - basis: legitimate-interests\n          interest: Security.\n"
RIGHTS_BY_BASES = {
    "camera surveillance on legitimate interests only": (LEGITIMATE_INTERESTS, ["objection"]),
    "recruitment on contract only": ("        - basis: contract\n", ["portability"]),
    "consent and public task": (
        "        - basis: consent\n        - basis: public-task\n          law: Act (1/2000)\n",
        ["objection", "portability"],
    ),
    "a legal obligation only": (
        "        - basis: legal-obligation\n          law: Accounting Act (1336/1997)\n",
        [],
    ),
}


@pytest.mark.parametrize("case", RIGHTS_BY_BASES.values(), ids=RIGHTS_BY_BASES.keys())
def test_portability_and_objection_are_asked_for_where_a_basis_gives_them(case):
    bases, asked = case
    text = WITHOUT_PORTABILITY_AND_OBJECTION.replace(
        PURPOSE, PURPOSE + "      legal_bases:\n" + bases, 1
    )
    found = [line for line in warnings_for(text) if "(GDPR Art. 13(2)(b))" in line]
    assert sorted(line.split("the right of ")[1].split(" ")[0] for line in found) == asked


def test_a_purpose_without_a_basis_keeps_both_rights_asked_for():
    # its basis is unknown, so could give either right; lint reports it (13(1)(c)) too
    text = WITHOUT_PORTABILITY_AND_OBJECTION.replace(
        PURPOSE, PURPOSE + "      legal_bases:\n        - basis: contract\n", 1
    ).replace("\nrights:\n", "    - id: second\n      description: Another.\n\nrights:\n", 1)
    found = [line for line in warnings_for(text) if "13(2)(b)" in line or "13(1)(c)" in line]
    assert [line.split(": ", 3)[3][:26] for line in found] == [
        "the purpose 'second' state",
        "the right of objection (Ar",
        "the right of portability (",
    ]


def test_explicit_consent_to_special_categories_gives_portability():
    text = WITHOUT_PORTABILITY_AND_OBJECTION.replace(
        PURPOSE, PURPOSE + "      legal_bases:\n" + LEGITIMATE_INTERESTS, 1
    )
    assert not any("portability" in line for line in warnings_for(text))
    field = "    - id: name\n"
    assert field in text
    text = text.replace(
        field,
        field + "      special_category: {category: health, condition: explicit-consent}\n",
        1,
    )
    assert any("right of portability" in line for line in warnings_for(text))


def test_a_storage_rule_for_a_purpose_covers_the_data_of_that_purpose():
    without = SOURCE.replace("[personal-identity-code, name, address,", "[name, address,", 1)
    assert any("'personal-identity-code'" in line for line in warnings_for(without))
    # a further rule that names the purpose, and no data fields, keeps its data
    rule = "    - id: call-recordings\n"
    scoped = without.replace(
        rule, "    - id: identity\n      name: Identity\n      purposes: [identification]\n" + rule
    )
    assert not any("'personal-identity-code'" in line for line in warnings_for(scoped))
