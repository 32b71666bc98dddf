"""A synthetic register document (schema version 2) with every optional structure the
exports map: several legal bases (legitimate interests with its interest, a legal
obligation with its law), recipients in the US with transfers by the EU-US Data Privacy
Framework and by standard contractual clauses, a derogation, profiling, a DPO, an EU
representative, joint controllers, groups, other sources, a special category, DPV
categories. Texts are in English and Finnish."""

from __future__ import annotations

import copy
from typing import Any

LANGS = ("en", "fi")


def t(en: str, fi: str | None = None) -> dict[str, str]:
    return {"en": en, "fi": fi or f"{en} (fi)"}


def _address(street: str, code: str, city: str, country: str) -> dict[str, Any]:
    return {"street": t(street), "postal_code": code, "city": t(city), "country": country}


DOCUMENT: dict[str, Any] = {
    "schema_version": 2,
    "source_language": "en",
    "languages": list(LANGS),
    "notice": {
        "title": t("Privacy notice of Example Shop", "Example Shopin tietosuojaseloste"),
        "updated": "2026-01-15",
        "effective": "2026-02-01",
        "material": True,
        "summary": t("Newsletter data is kept for two years."),
        "basis": t("This notice is based on Articles 13 and 14 of the GDPR."),
    },
    "controller": {
        "title": t("Data controller"),
        "name": "Example Shop Oy",
        "identifiers": [{"scheme": "fi-business-id", "value": "2918721-9"}],
        "visiting_address": _address("Esimerkkikatu 1 A", "00100", "Helsinki", "FI"),
        "email": "info@shop.example",
        "telephone": "+358 9 123 4567",
        "website": "https://shop.example",
        "register_contact": {
            "description": t("Contact for register matters"),
            "email": "privacy@shop.example",
        },
        "data_protection_officer": {
            "name": "Dana Officer",
            "email": "dpo@shop.example",
            "telephone": "+358 9 765 4321",
            "address": _address("PL 123", "00101", "Helsinki", "FI"),
        },
        "representative": {
            "name": "Example Representative B.V.",
            "email": "eu-rep@rep.example",
            "telephone": "+31 20 123 4567",
        },
        "joint_controllers": [
            {
                "id": "partner-bank",
                "organisation": {"name": "Example Bank Plc"},
                "purposes": ["loyalty"],
                "arrangement": t("The bank answers requests about card payments."),
            }
        ],
    },
    "data_subjects": {
        "title": t("Whose data?"),
        "groups": [{"id": "customers", "name": t("Customers")}],
    },
    "personal_data": {
        "title": t("Personal data"),
        "provision": t("Without your address we cannot deliver your order."),
        "fields": [
            {
                "id": "email-address",
                "name": t("Email address", "Sähköpostiosoite"),
                "purposes": ["orders", "newsletter"],
                "sources": ["web-shop"],
                "data_subjects": ["customers"],
                "purpose": t("We confirm your order by email. See [our terms](https://shop.example/terms)."),
                "dpv": "EmailAddress",
            },
            {
                "id": "name",
                "name": t("Name", "Nimi"),
                "purposes": ["orders", "accounting"],
                "dpv": "Name",
            },
            {
                "id": "shopping-history",
                "name": t("Shopping history"),
                "purposes": ["profiling"],
                "dpv": "PurchasesAndSpendingHabit",
            },
            {
                "id": "allergies",
                "name": t("Food allergies"),
                "purposes": ["orders"],
                "special_category": {"category": "health", "condition": "explicit-consent"},
            },
        ],
    },
    "sources": {
        "title": t("Sources"),
        "from_data_subject": True,
        "channels": [{"id": "web-shop", "name": t("Our online shop")}],
        "other_sources": t("Address updates from the Population Information System."),
    },
    "retention": {
        "title": t("Storage"),
        "rules": [
            {
                "id": "orders",
                "name": t("Orders"),
                "data_fields": ["email-address", "allergies"],
                "period": "P2W",
                "text": t("We keep order data for {period}.", "Säilytämme tilaukset {period}."),
            },
            {
                "id": "accounting",
                "name": t("Accounting records"),
                "data_fields": ["name"],
                "period": "P6Y",
                "starts": "end-of-financial-year",
                "law": t("Accounting Act (1336/1997)"),
                "text": t("Accounting records are kept for {period}."),
                "extension": {"period": "P10Y", "condition": t("In a dispute, up to {period}.")},
            },
            {
                "id": "newsletter",
                "name": t("Newsletter"),
                "until": "consent-withdrawn",
                "text": t("Until you unsubscribe."),
            },
        ],
    },
    "processing_locations": {
        "title": t("Where"),
        "usual_countries": ["FI"],
        "other_eu_eea": True,
        "third_countries": "regular",
        "safeguards": ["standard-contractual-clauses"],
    },
    "automated_decision_making": {
        "title": t("Profiling"),
        "decisions": False,
        "profiling": True,
        "logic": t("We group customers by the categories of their last orders."),
        "consequences": t("You may see offers that match your earlier orders."),
    },
    "recipients": {
        "title": t("Recipients"),
        "categories": [
            {
                "id": "email-service",
                "name": t("Email service provider"),
                "role": "processor",
                "countries": ["IE", "US"],
                "purposes": ["newsletter"],
                "transfers": [
                    {"countries": ["US"], "mechanism": "eu-us-data-privacy-framework"},
                    {
                        "countries": ["US"],
                        "mechanism": "standard-contractual-clauses",
                        "reference": t("Commission Implementing Decision (EU) 2021/914"),
                        "copy": t("Ask us for a copy at privacy@shop.example."),
                    },
                ],
            },
            {
                "id": "payment-service",
                "name": t("Payment service"),
                "role": "controller",
                "countries": ["US"],
                "data_fields": ["name", "email-address"],
                "transfers": [
                    {"mechanism": "derogation", "derogation": "contract"},
                ],
            },
            {"id": "tax-authority", "name": t("Tax Administration"), "role": "authority"},
        ],
    },
    "purposes": {
        "title": t("Purposes"),
        "items": [
            {
                "id": "orders",
                "name": t("Orders"),
                "description": t("We deliver your orders."),
                "legal_bases": [{"basis": "contract"}],
            },
            {
                "id": "accounting",
                "name": t("Accounting"),
                "description": t("We keep the accounts the law requires."),
                "legal_bases": [
                    {"basis": "legal-obligation", "law": t("Accounting Act (1336/1997)")}
                ],
            },
            {
                "id": "newsletter",
                "name": t("Newsletter"),
                "description": t("We send our newsletter."),
                "legal_bases": [{"basis": "consent"}],
            },
            {
                "id": "profiling",
                "name": t("Targeted offers"),
                "description": t("We target offers."),
                "legal_bases": [
                    {"basis": "legitimate-interests", "interest": t("Offering what you like.")},
                    {"basis": "consent"},
                ],
            },
            {
                "id": "loyalty",
                "description": t("Our loyalty programme."),
            },
        ],
    },
    "rights": {
        "title": t("Your rights"),
        "contact": "privacy@shop.example",
        "items": [
            {"id": "access", "right": "access", "text": t("See it within {response_time}.")},
            {"id": "rectification", "right": "rectification", "text": t("Correct it.")},
            {"id": "erasure", "right": "erasure", "text": t("Erase it.")},
            {"id": "restriction", "right": "restriction", "text": t("Restrict it.")},
            {"id": "portability", "right": "portability", "text": t("Take it with you.")},
            {"id": "objection", "right": "objection", "text": t("Object to it.")},
            {"id": "withdraw", "right": "withdraw-consent", "text": t("Withdraw consent.")},
            {"id": "information", "right": "information", "text": t("Be informed.")},
        ],
        "response": {"time": "P1M", "extension": "P2M", "text": t("We answer in {response_time}.")},
    },
    "complaints": {
        "title": t("Complaints"),
        "contact": "privacy@shop.example",
        "text": t("You may complain to the authority."),
        "supervisory_authority": {
            "name": t("Office of the Data Protection Ombudsman", "Tietosuojavaltuutetun toimisto"),
            "country": "FI",
            "website": "https://tietosuoja.fi",
            "email": "tietosuoja@om.fi",
            "telephone": "+358 29 566 6700",
            "address": _address("PL 800", "00531", "Helsinki", "FI"),
        },
    },
}  # fmt: skip


def full_document() -> dict[str, Any]:
    return copy.deepcopy(DOCUMENT)
