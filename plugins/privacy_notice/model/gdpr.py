"""Facts of the law and of the notice's shape that several stages need, kept apart from
the model so that validation can use them without building the model's classes."""

from __future__ import annotations

# The sections a notice can have, in the order a notice reads when it does not choose
# one (``section_order``). Additional sections follow, in the order they are written.
SECTIONS = (
    "controller",
    "register",
    "data_subjects",
    "personal_data",
    "sources",
    "protection",
    "retention",
    "access",
    "processing_locations",
    "automated_decision_making",
    "recipients",
    "purposes",
    "cookies",
    "rights",
    "complaints",
    "updates",
)

# Countries of the EU and the EEA: a recipient elsewhere needs a transfer mechanism.
EU_EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "IS",
        "LI",
        "NO",
    ]
)

# The conditions of special categories of personal data (Art. 9(1)) are those of Art. 9(2);
# data relating to criminal convictions and offences (Art. 10) is processed only under the
# control of official authority or as authorised by Union or Member State law.
CRIMINAL_CONVICTIONS = "criminal-convictions"
ARTICLE_10_CONDITIONS = ("official-authority", "authorised-by-law")
ARTICLE_9_CONDITIONS = (
    "explicit-consent",
    "employment-and-social-security",
    "vital-interests",
    "not-for-profit-body",
    "made-public-by-data-subject",
    "legal-claims",
    "substantial-public-interest",
    "health-or-social-care",
    "public-health",
    "archiving-research-statistics",
)
# The conditions that rest on Union or Member State law, with their article: Art. 9(2)(b),
# (g), (h), (i), (j) (for (h), law or a contract with a health professional), and Art. 10.
LAW_CONDITIONS = {
    "employment-and-social-security": "9(2)(b)",
    "substantial-public-interest": "9(2)(g)",
    "health-or-social-care": "9(2)(h)",
    "public-health": "9(2)(i)",
    "archiving-research-statistics": "9(2)(j)",
    "authorised-by-law": "10",
}
