"""Validation of the real policy.yaml, broken one way at a time: each problem is one line,
at the line and column where it was written, worded as advice."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from babel import Locale
from helpers import SOURCE, breakings, broken, diagnostics_for, position

from conftest import DEFAULT_NOTICE, ROOT
from privacy_notice.model.identifiers import identifier_problem
from privacy_notice.source.schema import policy_schema
from privacy_notice.source.validate import validate


def test_the_shipped_policy_is_valid():
    assert diagnostics_for(SOURCE) == []


# (old text, new text, anchor of the expected position in the new text, expected message part)
CASES = {
    "duration in words": (
        "period: P3M",
        "period: three months",
        "three months",
        "retention.rules[1].period: 'three months' is not an ISO 8601 duration",
    ),
    "duration with time": ("time: P1M", "time: PT1M", "PT1M", "rights.response.time: 'PT1M'"),
    "business id check digit": (
        "2918721-9",
        "2918721-8",
        "2918721-8",
        "'2918721-8' has a wrong check digit",
    ),
    "business id shape": (
        "2918721-9",
        "291872-19",
        "291872-19",
        "is not in the form of this scheme",
    ),
    "misspelt key": (
        "  visiting_address:",
        "  visiting_adress:",
        "visiting_adress",
        "unknown key 'visiting_adress'; did you mean 'visiting_address'?",
    ),
    "unknown key": (
        "  name: Kivra Oy\n",
        "  name: Kivra Oy\n  colour: blue\n",
        "colour",
        "unknown key 'colour'; allowed here: title, name",
    ),
    "misspelt section": (
        "\ncomplaints:",
        "\ncomplaintz:",
        "complaintz",
        "did you mean 'complaints'?",
    ),
    "number for a list": (
        "languages: [fi, sv, en]",
        "languages: 3",
        "3",
        "languages: expected a list ('- ' items), found a number",
    ),
    "text for a list": (
        "usual_countries: [FI]",
        "usual_countries: FI",
        "FI\n  other_eu_eea",
        "expected a list ('- ' items), found text",
    ),
    "list for a text": (
        "  title: Source\n",
        "  title: [Source]\n",
        "[Source]",
        "sources.title: expected text, found a list",
    ),
    "unquoted postal code": (
        '"02150"',
        "02150",
        "02150",
        'expected text, found a number: write it in quotes, "02150"',
    ),
    "yes for a text": (
        "    - id: email\n      name: Email",
        "    - id: email\n      name: yes",
        "yes\n",
        'expected text, found true/false: write it in quotes, "yes"',
    ),
    "bad email": (
        "    email: tietosuoja@kivra.fi",
        "    email: tietosuoja(at)kivra.fi",
        "tietosuoja(at)",
        "is not a valid email address",
    ),
    "email without domain dot": (
        "contact: tietosuoja@kivra.fi\n  introduction",
        "contact: tietosuoja@kivra\n  introduction",
        "tietosuoja@kivra\n",
        "rights.contact: 'tietosuoja@kivra' is not a valid email",
    ),
    "impossible date": (
        "updated: 2019-10-23",
        "updated: 2019-02-30",
        "2019-02-30",
        "'2019-02-30' is not a valid date",
    ),
    "date in words": (
        "updated: 2019-10-23",
        "updated: 23 October 2019",
        "23 October",
        "'23 October 2019' is not an ISO 8601 date",
    ),
    "date with dots": (
        "updated: 2019-10-23",
        "updated: 23.10.2019",
        "23.10.2019",
        "notice.updated: '23.10.2019' is not an ISO 8601 date",
    ),
    "effective before updated": (
        "  material: true",
        "  effective: 2019-01-01\n  material: true",
        "2019-01-01",
        "the effective date 2019-01-01 is before",
    ),
    "country code": (
        "    country: FI\n  register_contact",
        "    country: SF\n  register_contact",
        "SF\n",
        "'SF' is not an ISO 3166-1 alpha-2 country code",
    ),
    "lower-case country": (
        "usual_countries: [FI]",
        "usual_countries: [fi]",
        "fi]",
        "'fi' is not an ISO 3166-1 alpha-2 country code",
    ),
    "dangling reference": (
        "sources: [telephone]",
        "sources: [telefone]",
        "telefone",
        "no channel has the id 'telefone' (in sources.channels); did you mean 'telephone'?",
    ),
    "dangling data field": (
        "data_fields: [personal-identity-code,",
        "data_fields: [personal-id-code,",
        "personal-id-code",
        "no data field has the id 'personal-id-code'",
    ),
    "duplicate id": (
        "    - id: telephone\n      name: Telephone",
        "    - id: email\n      name: Telephone",
        "email\n      name: Telephone",
        "duplicate id 'email' (first used at line",
    ),
    "bad id": (
        "- id: call-recordings",
        "- id: Call Recordings",
        "Call Recordings",
        "is not a valid id",
    ),
    "missing required key": (
        "  name: Kivra Oy\n",
        "",
        "controller:\n",
        "controller: missing required key 'name'",
    ),
    "legal basis not of Art. 6(1)": (
        "    - id: identification\n",
        "    - id: identification\n      legal_bases: [{basis: legitimate-interest}]\n",
        "legitimate-interest}",
        "'legitimate-interest' is not one of: consent, contract, legal-obligation, "
        "vital-interests, public-task, legitimate-interests; did you mean "
        "'legitimate-interests'?",
    ),
    "legitimate interests with no interest": (
        "    - id: identification\n",
        "    - id: identification\n      legal_bases:\n        - basis: legitimate-interests\n",
        "basis: legitimate-interests",
        "rests on legitimate interests but does not say which: add interest",
    ),
    "transfer to a third country with no mechanism": (
        "      role: processor\n      description:",
        "      role: processor\n      countries: [FI, US]\n      description:",
        "id: subcontractors",
        "is in US, outside the EU/EEA, but no transfer mechanism covers it",
    ),
    "an interest beside another basis": (
        "    - id: identification\n",
        "    - id: identification\n      legal_bases:\n        - {basis: contract, interest: x}\n",
        "interest: x}",
        "an interest is stated only for the basis legitimate-interests",
    ),
    "a law beside a basis that rests on none": (
        "    - id: identification\n",
        "    - id: identification\n      legal_bases:\n        - {basis: consent, law: y}\n",
        "law: y}",
        "a law is stated only for the bases legal-obligation and public-task",
    ),
    "a derogation beside another mechanism": (
        "      role: processor\n      description:",
        "      role: processor\n      countries: [US]\n      transfers:\n"
        "        - {mechanism: standard-contractual-clauses, derogation: contract}\n"
        "      description:",
        "derogation: contract}",
        "derogation is stated only for the mechanism derogation",
    ),
    "a transfer's country written as a mapping": (
        "      role: processor\n      description:",
        "      role: processor\n      countries: [US]\n      transfers:\n"
        "        - {mechanism: standard-contractual-clauses, countries: [{US: yes}]}\n"
        "      description:",
        "{US: yes}",
        "is not an ISO 3166-1 alpha-2 country code",
    ),
    "special category with no Art. 9 condition": (
        "      name: Personal identity code\n",
        "      name: Personal identity code\n      special_category: {category: health}\n",
        "special_category: {",
        "missing required key 'condition'",
    ),
    "unknown data-subject group": (
        "      name: Personal identity code\n",
        "      name: Personal identity code\n      data_subjects: [customers]\n",
        "customers]",
        "no group has the id 'customers' (in data_subjects.groups)",
    ),
    "unknown key with a suggestion": (
        "  visiting_address:",
        "  visiting_adress:",
        "visiting_adress",
        "unknown key 'visiting_adress'; did you mean 'visiting_address'?",
    ),
    "unknown language": (
        "languages: [fi, sv, en]",
        "languages: [fi, sv, en, xq]",
        "xq]",
        "'xq' is not a language Babel knows",
    ),
    "wrong identifier check digit": (
        "value: 2918721-9",
        "value: 2918721-8",
        "2918721-8",
        "'2918721-8' has a wrong check digit",
    ),
    "enum with suggestion": (
        "third_countries: exceptional",
        "third_countries: exceptionally",
        "exceptionally",
        "is not one of: never, exceptional, regular; did you mean 'exceptional'?",
    ),
    # a folded text (>-) is located at its indicator
    "unknown placeholder": (
        "for {period}.",
        "for {periode}.",
        ">-\n        We will record",
        "unknown placeholder {periode}: this text may use {period}",
    ),
    "period not stated": (
        "conversations for {period}.",
        "conversations for three months.",
        ">-\n        We will record",
        "the period P3M is not stated: write {period}",
    ),
    "placeholder whose value is not stated": (
        "    extension: P2M\n    text: >-\n      Kivra will respond to your request within",
        "    text: >-\n      Kivra will respond to your request within {extension} or",
        ">-\n      Kivra will respond",
        "{extension} stands for rights.response.extension, which is not stated",
    ),
    "case of a duration in a language without cases": (
        "request within {response_time} of receiving",
        "request within {response_time:genitive} of receiving",
        ">-\n      Kivra will respond",
        "'en' has no case forms of a duration: write {response_time}, its basic form",
    ),
    "case of a list": (
        "based on {measures}.",
        "based on {measures:genitive}.",
        '"The protection is based on',
        "{measures} takes no case (only durations do): write {measures}",
    ),
    "placeholder where none belong": (
        "Kivra will not engage",
        "Kivra {period} will not engage",
        ">-\n    Kivra {period}",
        "this text cannot use placeholders",
    ),
    "empty text": (
        "  title: Purpose\n",
        "  title: ''\n",
        "''",
        "purposes.title: must not be empty",
    ),
    "empty list": (
        "usual_countries: [FI]",
        "usual_countries: []",
        "[]",
        "must list at least 1 item(s)",
    ),
    "source language not published": (
        "languages: [fi, sv, en]",
        "languages: [fi, sv]",
        "[fi, sv]",
        "must include the source language 'en'",
    ),
}


# Mistakes whose consequences elsewhere are problems of their own, each its own line (an
# id used twice leaves the references to the other one dangling; a placeholder misspelt
# leaves the value unstated). Every other mistake is one line.
CONSEQUENCES = {
    "duplicate id",
    "a transfer's country written as a mapping",
    "source language not published",
    "unknown placeholder",
    "placeholder whose value is not stated",
}


@pytest.mark.parametrize(("name", "case"), CASES.items(), ids=CASES.keys())
def test_each_problem_is_one_located_line(name: str, case: tuple[str, str, str, str]):
    old, new, anchor, expected = case
    assert old in SOURCE, "the case no longer matches policy.yaml"
    broken = SOURCE.replace(old, new, 1)
    found = diagnostics_for(broken)
    located = f"policy.yaml:{position(broken, anchor)}:"
    assert any(line.startswith(located) and expected in line for line in found), (located, found)
    assert len(found) == 1 or name in CONSEQUENCES, found


WEBSHOP = (ROOT / "examples/webshop/policy.yaml").read_text("utf-8")


def test_a_misspelt_key_hides_only_the_key_it_means():
    """'purpse' means 'purpose' (a text): the list of purposes, also missing, is its own line."""
    purposes = (
        "purposes: [orders, customer-account, customer-service, accounting, direct-marketing]"
    )
    broken = WEBSHOP.replace(purposes, "purpse: Used to address you.", 1)
    found = [line.split(": ", 1)[1] for line in diagnostics_for(broken)]
    assert found == [
        "personal_data.fields[0]: missing required key 'purposes'",
        "personal_data.fields[0].purpse: unknown key 'purpse'; did you mean 'purpose'?",
    ]


def test_a_date_with_a_line_break_is_not_a_date():
    """'2019-10-23\\n' passes the pattern (it matches, as JSON Schema's do, anywhere): the
    date format still refuses it, so that validate says what a build would fail on."""
    broken = SOURCE.replace("updated: 2019-10-23", 'updated: "2019-10-23\\n"', 1)
    (line,) = diagnostics_for(broken)
    assert "notice.updated: '2019-10-23\\n' is not a valid date" in line


def test_missing_section_and_all_problems_at_once():
    start = SOURCE.index("\nrights:")
    broken = SOURCE[:start] + SOURCE[SOURCE.index("\ncomplaints:") :]
    broken = broken.replace("period: P3M", "period: 3 months").replace("2918721-9", "2918721-1")
    found = diagnostics_for(broken)
    assert any("missing required section 'rights'" in line for line in found)
    assert any("'3 months' is not an ISO 8601 duration" in line for line in found)
    assert any("wrong check digit" in line for line in found)
    assert len(found) == 3, found


@pytest.mark.parametrize(
    ("business_id", "valid"),
    [
        ("2918721-9", True),
        ("0112038-9", True),
        ("1572860-0", True),
        ("2918721-8", False),
        ("1234567-1", True),
        ("1234567-2", False),
        ("123456-7", False),
        ("abcdefg-1", False),
    ],
)
def test_business_id_check_digit(business_id: str, valid: bool):
    assert (identifier_problem("fi-business-id", business_id) is None) is valid


@pytest.mark.parametrize(
    ("scheme", "value", "valid"),
    [
        ("se-organisation-number", "556036-0793", True),
        ("se-organisation-number", "556036-0794", False),
        ("se-organisation-number", "5560360793", False),
        ("lei", "5493001KJTIIGC8Y1R12", True),
        ("lei", "5493001KJTIIGC8Y1R13", False),
        ("eu-vat", "FI29187219", True),
        ("eu-vat", "FI 2918721-9", False),
        ("company-number", "HRB 12345", True),
    ],
)
def test_identifier_schemes(scheme: str, value: str, valid: bool):
    assert (identifier_problem(scheme, value) is None) is valid


def test_country_codes_are_iso_3166_from_babel():
    reserved = {
        "EU",
        "EZ",
        "QO",
        "UN",
        "XA",
        "XB",
        "XK",
        "ZZ",
        "AC",
        "CP",
        "CQ",
        "DG",
        "EA",
        "IC",
        "TA",
    }
    babel_codes = sorted(
        code
        for code in Locale("en").territories
        if len(code) == 2 and code.isalpha() and code not in reserved
    )
    assert policy_schema()["$defs"]["country"]["enum"] == babel_codes
    assert len(babel_codes) == 249


def test_every_schema_property_is_documented_for_editors():
    """Editors show a property's title and description on hover and offer its examples as
    completions: every property has all three (objects and lists of objects have them on
    their own properties)."""
    schema = policy_schema()
    lacking = []

    def walk(node, path):
        for key, sub in node.get("properties", {}).items():
            here = f"{path}.{key}" if path else key
            target = sub
            if "$ref" in sub:
                target = schema["$defs"][sub["$ref"].rsplit("/", 1)[-1]]
            title = sub.get("title") or target.get("title")
            description = sub.get("description") or target.get("description")
            container = "properties" in target or "properties" in target.get("items", {})
            examples = sub.get("examples") or target.get("examples") or container
            if not (title and description and examples):
                lacking.append(here)
            walk(target, here)
            if isinstance(target.get("items"), dict):
                walk(target["items"], here + "[]")

    walk(schema, "")
    assert lacking == []
    assert schema["additionalProperties"] is False
    json.dumps(schema)  # plain JSON, as editors load it


@pytest.mark.parametrize(
    "code",
    ["fi", "sv_FI", "en_FI", "de", "sr_Latn", "xx", "zz_ZZ", "FI", "fi-FI", "en_fi", "", "../fi"],
)
def test_a_known_locale_is_what_babel_knows(code: str):
    from babel.localedata import exists

    from privacy_notice.source.locales import known_locale

    assert known_locale(code) == exists(code)


@pytest.mark.parametrize("notice", ["default", "webshop"])
def test_a_broken_value_anywhere_is_a_problem_not_a_crash(notice: str):
    """Every value of a notice broken in every way the schema sees (80 of the breakings,
    evenly spread; the whole sweep found one crash, now a case of its own above: a
    transfer's country written as a mapping): the rules beyond the schema must not trip
    over what the schema already refuses."""
    from conftest import ROOT
    from privacy_notice.source.load import load_policy

    folder = DEFAULT_NOTICE if notice == "default" else ROOT / "examples" / "webshop"
    loaded = load_policy(folder / "policy.yaml")
    cases = list(breakings(loaded.data))
    for path, value in cases[:: max(1, len(cases) // 80)]:
        found = validate(replace(loaded, data=broken(loaded.data, path, value)))
        assert isinstance(found, list), path  # a list of problems (maybe none), no exception
