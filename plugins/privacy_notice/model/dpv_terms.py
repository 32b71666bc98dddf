"""The W3C Data Privacy Vocabulary (DPV 2.2) term lists, vendored in ``standards/dpv/``
(see its README for provenance and licence), and the check of the DPV category that
``policy.yaml`` may name for a data field (``personal_data.fields[].dpv``).

The lists are read only when needed (a data field names a category, or a test checks IRIs)
and then kept for the process.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

from privacy_notice.diagnostics import Diagnostic, did_you_mean
from privacy_notice.model.gdpr import ARTICLE_9_CONDITIONS

STANDARDS = Path(__file__).resolve().parents[1] / "standards" / "dpv"

# Prefix -> namespace IRI, and the term list of each.
NAMESPACES = {
    "dpv": "https://w3id.org/dpv#",
    "pd": "https://w3id.org/dpv/pd#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "legal-fi": "https://w3id.org/dpv/legal/fi#",
}
_FILES = {"dpv": "dpv.csv", "pd": "pd.csv", "eu-gdpr": "eu-gdpr.csv", "legal-fi": "legal-fi.csv"}
_PERSONAL_DATA = NAMESPACES["dpv"] + "PersonalData"
_AUTHORITY = NAMESPACES["eu-gdpr"] + "DataProtectionAuthority"

# The model's codes as DPV terms (GDPR Articles as eu-gdpr: concepts).
BASES = {
    "consent": "eu-gdpr:A6-1-a",
    "contract": "eu-gdpr:A6-1-b",
    "legal-obligation": "eu-gdpr:A6-1-c",
    "vital-interests": "eu-gdpr:A6-1-d",
    "public-task": "eu-gdpr:A6-1-e",
    "legitimate-interests": "eu-gdpr:A6-1-f",
}
CONDITIONS = {  # GDPR Art. 9(2), points (a) to (j); Art. 10 has no DPV term
    key: f"eu-gdpr:A9-2-{letter}"
    for key, letter in zip(ARTICLE_9_CONDITIONS, "abcdefghij", strict=True)
}
MECHANISMS = {
    "adequacy-decision": "eu-gdpr:A45-3",
    "eu-us-data-privacy-framework": "eu-gdpr:A45-3",
    "standard-contractual-clauses": "eu-gdpr:A46-2-c",
    "binding-corporate-rules": "eu-gdpr:A46-2-b",
    "code-of-conduct": "eu-gdpr:A46-2-e",
    "certification": "eu-gdpr:A46-2-f",
}
DEROGATIONS = {
    key: f"eu-gdpr:A49-1-{letter}"
    for key, letter in zip(
        (
            "explicit-consent",
            "contract",
            "contract-in-interest",
            "public-interest",
            "legal-claims",
            "vital-interests",
            "public-register",
        ),
        "abcdefg",
        strict=True,
    )
}
RIGHTS = {
    "information": "eu-gdpr:A13",
    "access": "eu-gdpr:A15",
    "rectification": "eu-gdpr:A16",
    "erasure": "eu-gdpr:A17",
    "restriction": "eu-gdpr:A18",
    "portability": "eu-gdpr:A20",
    "objection": "eu-gdpr:A21",
    "withdraw-consent": "eu-gdpr:A7-3",
    "automated-decisions": "eu-gdpr:A22",
}
ROLES = {
    "processor": ["dpv:DataProcessor"],
    "sub-processor": ["dpv:DataSubProcessor"],
    "controller": ["dpv:Recipient", "dpv:DataController"],
    "joint-controller": ["dpv:Recipient", "dpv:DataController"],
    "authority": ["dpv:Recipient", "dpv:Authority"],
}


@cache
def rows(prefix: str) -> tuple[dict[str, str], ...]:
    """The rows of one term list (term, type, iri, label, definition, parents…)."""

    with (STANDARDS / _FILES[prefix]).open(encoding="utf-8", newline="") as file:
        return tuple(csv.DictReader(file))


@cache
def iris() -> frozenset[str]:
    """Every term IRI of the vendored lists."""
    return frozenset(row["iri"] for prefix in _FILES for row in rows(prefix))


def expand(curie: str) -> str:
    """``eu-gdpr:A6-1-a`` -> its full IRI (other strings unchanged)."""
    prefix, _, name = curie.partition(":")
    return NAMESPACES[prefix] + name if prefix in NAMESPACES and name else curie


@cache
def personal_data_categories() -> dict[str, str]:
    """Term name -> compact IRI of every personal data category: all of ``pd:``, and the
    classes of ``dpv:`` that are (transitively) narrower than ``dpv:PersonalData``."""
    parents: dict[str, set[str]] = {}
    for row in rows("dpv"):
        if row["type"] == "class":
            links = f"{row['subclassof']};{row['hasbroader']}".split(";")
            parents[row["iri"]] = {link for link in links if link}

    @cache
    def is_personal(iri: str, depth: int = 0) -> bool:
        if iri == _PERSONAL_DATA:
            return True
        return depth < 20 and any(is_personal(p, depth + 1) for p in parents.get(iri, ()))

    found = {row["term"]: f"dpv:{row['term']}" for row in rows("dpv") if is_personal(row["iri"])}
    found.update({row["term"]: f"pd:{row['term']}" for row in rows("pd") if row["type"] == "class"})
    return found


def category_iri(name: str | None) -> str | None:
    """The compact IRI of a personal data category named in policy.yaml, or None."""
    return personal_data_categories().get(name) if name else None


@cache
def authority_for(country: str) -> str | None:
    """The DPV term of a country's data protection authority, where its legal vocabulary
    names exactly one (``FI`` -> ``legal-fi:DPA-FI``)."""
    prefix = f"legal-{country.lower()}"
    if prefix not in _FILES:
        return None
    found = [row["term"] for row in rows(prefix) if _AUTHORITY in row["dpvtype"].split(";")]
    return f"{prefix}:{found[0]}" if len(found) == 1 else None


def check_categories(loaded: Any) -> list[Diagnostic]:
    """A located error for each data field whose ``dpv`` names no personal data category
    of DPV 2.2, with the closest name."""
    data = loaded.data if isinstance(loaded.data, dict) else {}  # it may not be a mapping
    section = data.get("personal_data")
    fields = section.get("fields") if isinstance(section, dict) else None
    found: list[Diagnostic] = []
    for index, field in enumerate(fields if isinstance(fields, list) else []):
        name = field.get("dpv") if isinstance(field, dict) else None
        if not isinstance(name, str) or category_iri(name):
            continue
        known = personal_data_categories()
        exact = {term.lower(): term for term in known}.get(name.lower())
        hint = f"; did you mean '{exact}'?" if exact else did_you_mean(name, sorted(known))
        found.append(
            loaded.diagnostic(
                ("personal_data", "fields", index, "dpv"),
                f"'{name}' is not a personal data category of DPV 2.2 (pd: or dpv: term, "
                f"e.g. EmailAddress, TelephoneNumber){hint}",
            )
        )
    return found
