"""The ``policy.yaml`` that ``privacy-notice init`` writes: a commented skeleton in the
current schema that validates, with every statement still to be written marked
``FILL IN``. ``lint`` (and ``validate``) list each marker that is left as a warning;
``release`` and a publishing build refuse them (see :func:`.lint.unfilled`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from privacy_notice.source.migrate import CURRENT_VERSION

# Section headings in a few source languages; any other language gets FILL IN markers.
HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "notice": "Privacy notice",
        "controller": "Data controller",
        "personal_data": "What personal data do we process?",
        "purposes": "Why do we process personal data?",
        "recipients": "Who receives personal data?",
        "retention": "How long do we keep personal data?",
        "automated_decision_making": "Automated decision-making",
        "rights": "Your rights",
        "complaints": "Where can you complain?",
    },
    "fi": {
        "notice": "Tietosuojaseloste",
        "controller": "Rekisterinpitäjä",
        "personal_data": "Mitä henkilötietoja käsittelemme?",
        "purposes": "Miksi käsittelemme henkilötietoja?",
        "recipients": "Kenelle henkilötietoja luovutetaan?",
        "retention": "Kuinka kauan säilytämme henkilötietoja?",
        "automated_decision_making": "Automaattinen päätöksenteko",
        "rights": "Oikeutesi",
        "complaints": "Mihin voit tehdä valituksen?",
    },
    "sv": {
        "notice": "Dataskyddsbeskrivning",
        "controller": "Personuppgiftsansvarig",
        "personal_data": "Vilka personuppgifter behandlar vi?",
        "purposes": "Varför behandlar vi personuppgifter?",
        "recipients": "Vem får personuppgifterna?",
        "retention": "Hur länge sparar vi personuppgifterna?",
        "automated_decision_making": "Automatiserat beslutsfattande",
        "rights": "Dina rättigheter",
        "complaints": "Var kan du klaga?",
    },
    "de": {
        "notice": "Datenschutzhinweise",
        "controller": "Verantwortlicher",
        "personal_data": "Welche personenbezogenen Daten verarbeiten wir?",
        "purposes": "Warum verarbeiten wir personenbezogene Daten?",
        "recipients": "Wer erhält personenbezogene Daten?",
        "retention": "Wie lange speichern wir personenbezogene Daten?",
        "automated_decision_making": "Automatisierte Entscheidungsfindung",
        "rights": "Ihre Rechte",
        "complaints": "Wo können Sie sich beschweren?",
    },
}

# The rights every notice states (GDPR Art. 13(2)(b)), with the article of each. Not
# portability (Art. 20) and objection (Art. 21): they apply only on some legal bases, which
# the skeleton cannot know (model/rights.py); lint asks for each once the purposes say.
RIGHTS = (
    ("access", "15"),
    ("rectification", "16"),
    ("erasure", "17"),
    ("restriction", "18"),
)
_CONDITIONAL_RIGHTS = """\
    # Portability (GDPR Art. 20) applies only where processing rests on consent or a
    # contract, objection (Art. 21) only where it rests on public-task or
    # legitimate-interests, or is direct marketing. Once the purposes have their
    # legal_bases, `privacy-notice lint` names each that this notice must state: add it as
    # above, for the purposes it applies to, or say why it does not apply, e.g.
    #   - id: portability
    #     right: portability
    #     does_not_apply: "FILL IN: why, e.g. the processing rests on a legal obligation"
"""
# What a public authority states, and why (GDPR Art. 37(1)(a), 6(1), 20(3)).
_AUTHORITY = """\
  public_authority: true   # it must appoint a data protection officer (GDPR Art. 37(1)(a)),
  # cannot rest its tasks on legitimate-interests, and its public tasks give no right to
  # data portability (Art. 20(3)): lint checks each
  data_protection_officer:
    email: FILL-IN@example.com   # the data protection officer's contact
"""

# A supervisory authority's country, guessed from the source language (check it).
COUNTRIES = {"fi": "FI", "sv": "SE", "de": "DE", "et": "EE", "da": "DK", "nl": "NL"}


@dataclass(frozen=True)
class Answers:
    """What ``init`` asked for."""

    name: str
    languages: tuple[str, ...]
    source_language: str
    identifier: tuple[str, str] | None = None  # (scheme, value)
    public_authority: bool | None = None  # None: not asked, left for the author to state
    updated: str = "2000-01-01"
    schema: str = "plugins/privacy_notice/schema/policy.schema.json"


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def heading(lang: str, key: str) -> str:
    return quote(HEADINGS.get(lang, {}).get(key) or f"FILL IN: the heading of '{key}'")


def policy_yaml(answers: Answers) -> str:
    """The skeleton's text."""
    lang = answers.source_language
    h = {key: heading(lang, key) for key in HEADINGS["en"]}
    identifiers = ""
    if answers.identifier:
        scheme, value = answers.identifier
        country = ""
        if scheme == "company-number":  # COUNTRY:NUMBER (see init_answers)
            code, _colon, value = value.partition(":")
            country = f"      country: {quote(code)}\n"  # NO, unquoted, is YAML's false
        identifiers = (
            f"  identifiers:\n    - scheme: {scheme}\n      value: {quote(value)}\n{country}"
        )
    rights = "".join(
        f"    - id: {right}\n      right: {right}\n"
        f'      text: "FILL IN: the right of {right} (GDPR Art. {article}) as you grant it"\n'
        for right, article in RIGHTS
    )
    country = COUNTRIES.get(lang, "FI")
    authority = {
        True: _AUTHORITY,
        False: "  public_authority: false\n",
        None: "  # public_authority: true   # for a municipality, an agency…: see the schema\n",
    }[answers.public_authority]
    return f"""\
# yaml-language-server: $schema={answers.schema}
#
# The privacy notice of {answers.name}, as a structured register, written by
# `privacy-notice init`. Replace every "FILL IN" (and every id fill-in): `privacy-notice
# lint` lists each one left and what GDPR Articles 13 and 14 still need; `release` and
# `make publish` refuse a notice that still has one. Texts are written in the source
# language ({lang}); `privacy-notice translations` puts them in
# translations/<lang>/LC_MESSAGES/policy.po for the other languages. Every key, with what
# it means: the schema named on the first line (your editor shows it).

schema_version: {CURRENT_VERSION}
source_language: {lang}
languages: [{", ".join(answers.languages)}]
# locales: {{en: en_GB}}   # optional: how a language writes dates and lists

notice:
  title: {h["notice"]}
  updated: {answers.updated}   # the date of this version; a released date is frozen
  material: true

controller:
  title: {h["controller"]}
  name: {quote(answers.name)}
{identifiers}  email: FILL-IN@example.com   # where data subjects reach you
{authority}  # visiting_address, telephone, website, data_protection_officer: see the schema

personal_data:
  title: {h["personal_data"]}
  fields:   # one item per kind of personal data; keep an id when you reword its name
    - id: fill-in
      name: "FILL IN: a kind of personal data, e.g. Name"
      purposes: [fill-in]   # ids of purposes.items

purposes:
  title: {h["purposes"]}
  items:
    - id: fill-in
      description: "FILL IN: why the data is processed"
      # legal_bases: [{{basis: contract}}]   # GDPR Art. 6(1): consent, contract, ...

recipients:
  title: {h["recipients"]}
  categories:
    - id: fill-in
      name: "FILL IN: who receives the data, e.g. IT service providers"
      role: processor   # processor, controller, joint-controller, authority, sub-processor

retention:
  title: {h["retention"]}
  rules:
    - id: fill-in
      name: "FILL IN: what is kept"
      data_fields: [fill-in]   # ids of personal_data.fields
      text: "FILL IN: how long the data is kept, or the criteria"
      # period: P1Y   # an ISO 8601 duration, written {{period}} in the text

automated_decision_making:
  title: {h["automated_decision_making"]}
  decisions: false   # FILL IN: true if decisions are made by automated means alone
  profiling: false   # FILL IN: true if you profile data subjects

rights:
  title: {h["rights"]}
  items:
{rights}{_CONDITIONAL_RIGHTS}
complaints:
  title: {h["complaints"]}
  supervisory_authority:
    name: "FILL IN: the data protection authority"
    country: {country}   # check: the authority's country
    website: https://FILL-IN.example
"""
