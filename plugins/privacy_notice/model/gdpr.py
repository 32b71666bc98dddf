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
