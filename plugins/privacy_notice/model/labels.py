"""What each code of the register model reads as on the page: one English msgid per enum
value of the schema, marked for extraction (``N_``) and translated through the theme
catalog. Legal codes carry their article, in the official wording of the GDPR.

``SCHEMA_KINDS`` says which schema property each kind of code comes from, so that a test
can walk the schema and fail on a value that has no label (a raw code on a page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the theme catalog; translated when shown."""
    return message


LABELS: Mapping[str, Mapping[str, str]] = {
    "legal_basis": {
        "consent": N_("Consent (GDPR Art. 6(1)(a))"),
        "contract": N_("Contract (GDPR Art. 6(1)(b))"),
        "legal-obligation": N_("Legal obligation (GDPR Art. 6(1)(c))"),
        "vital-interests": N_("Vital interests (GDPR Art. 6(1)(d))"),
        "public-task": N_("Public interest or official authority (GDPR Art. 6(1)(e))"),
        "legitimate-interests": N_("Legitimate interests (GDPR Art. 6(1)(f))"),
    },
    "mechanism": {
        "adequacy-decision": N_("Adequacy decision of the European Commission (GDPR Art. 45)"),
        "eu-us-data-privacy-framework": N_(
            "EU-U.S. Data Privacy Framework (adequacy decision of 10 July 2023)"
        ),
        "standard-contractual-clauses": N_(
            "Standard contractual clauses of the European Commission (GDPR Art. 46(2)(c))"
        ),
        "binding-corporate-rules": N_("Binding corporate rules (GDPR Art. 47)"),
        "code-of-conduct": N_("Approved code of conduct (GDPR Art. 46(2)(e))"),
        "certification": N_("Approved certification mechanism (GDPR Art. 46(2)(f))"),
        "derogation": N_("Derogation for specific situations (GDPR Art. 49)"),
    },
    "derogation": {
        "explicit-consent": N_("The data subject has explicitly consented (GDPR Art. 49(1)(a))"),
        "contract": N_(
            "Necessary for the performance of a contract with the data subject (GDPR Art. 49(1)(b))"
        ),
        "contract-in-interest": N_(
            "Necessary for a contract concluded in the interest of the data subject "
            "(GDPR Art. 49(1)(c))"
        ),
        "public-interest": N_(
            "Necessary for important reasons of public interest (GDPR Art. 49(1)(d))"
        ),
        "legal-claims": N_(
            "Necessary for the establishment, exercise or defence of legal claims "
            "(GDPR Art. 49(1)(e))"
        ),
        "vital-interests": N_("Necessary to protect vital interests (GDPR Art. 49(1)(f))"),
        "public-register": N_("Made from a public register (GDPR Art. 49(1)(g))"),
    },
    "role": {
        "processor": N_("Processor (GDPR Art. 28)"),
        "sub-processor": N_("Sub-processor (GDPR Art. 28(4))"),
        "controller": N_("Separate controller"),
        "joint-controller": N_("Joint controller (GDPR Art. 26)"),
        "authority": N_("Authority"),
    },
    "special_category": {
        "racial-or-ethnic-origin": N_("Racial or ethnic origin"),
        "political-opinions": N_("Political opinions"),
        "religious-or-philosophical-beliefs": N_("Religious or philosophical beliefs"),
        "trade-union-membership": N_("Trade union membership"),
        "genetic-data": N_("Genetic data"),
        "biometric-data": N_("Biometric data for uniquely identifying a natural person"),
        "health": N_("Data concerning health"),
        "sex-life-or-sexual-orientation": N_("Sex life or sexual orientation"),
        "criminal-convictions": N_("Criminal convictions and offences (GDPR Art. 10)"),
    },
    "condition": {
        "explicit-consent": N_("Explicit consent (GDPR Art. 9(2)(a))"),
        "employment-and-social-security": N_(
            "Employment, social security and social protection law (GDPR Art. 9(2)(b))"
        ),
        "vital-interests": N_("Vital interests of a person unable to consent (GDPR Art. 9(2)(c))"),
        "not-for-profit-body": N_("Activities of a not-for-profit body (GDPR Art. 9(2)(d))"),
        "made-public-by-data-subject": N_(
            "Data manifestly made public by the data subject (GDPR Art. 9(2)(e))"
        ),
        "legal-claims": N_("Legal claims or acts of courts (GDPR Art. 9(2)(f))"),
        "substantial-public-interest": N_("Substantial public interest (GDPR Art. 9(2)(g))"),
        "health-or-social-care": N_("Health or social care (GDPR Art. 9(2)(h))"),
        "public-health": N_("Public health (GDPR Art. 9(2)(i))"),
        "archiving-research-statistics": N_(
            "Archiving, scientific or historical research or statistics (GDPR Art. 9(2)(j))"
        ),
        "official-authority": N_("Under the control of official authority (GDPR Art. 10)"),
        "authorised-by-law": N_("Authorised by Union or Member State law (GDPR Art. 10)"),
    },
    "starts": {
        "collection": N_("When the data is collected"),
        "delivery": N_("After delivery"),
        "end-of-contract": N_("When the contract ends"),
        "end-of-customer-relationship": N_("When the customer relationship ends"),
        "end-of-financial-year": N_("At the end of the financial year"),
        "last-login": N_("After the last login"),
        "last-contact": N_("After the last contact"),
        "end-of-recruitment": N_("When the recruitment ends"),
        "end-of-studies": N_("When the studies end"),
        "end-of-compulsory-education": N_("When compulsory education ends"),
        "end-of-employment": N_("When the employment ends"),
        "consent-withdrawn": N_("When consent is withdrawn"),
    },
    "until": {
        "consent-withdrawn": N_("Until consent is withdrawn"),
        "objection": N_("Until you object to the processing"),
        "account-closed": N_("Until the account is closed"),
        "end-of-customer-relationship": N_("Until the customer relationship ends"),
        "permanent": N_("Permanently"),
    },
    "scheme": {
        "fi-business-id": N_("Business ID"),
        "se-organisation-number": N_("Swedish organisation number"),
        "eu-vat": N_("VAT number"),
        "lei": N_("Legal Entity Identifier (LEI)"),
        "company-number": N_("Company registration number"),
    },
    "cookie_category": {
        "strictly-necessary": N_("Strictly necessary"),
        "preferences": N_("Preferences"),
        "statistics": N_("Statistics"),
        "marketing": N_("Marketing"),
    },
    "right": {
        "information": N_("Right to be informed (GDPR Art. 13 and 14)"),
        "access": N_("Right of access (GDPR Art. 15)"),
        "rectification": N_("Right to rectification (GDPR Art. 16)"),
        "erasure": N_("Right to erasure, “right to be forgotten” (GDPR Art. 17)"),
        "restriction": N_("Right to restriction of processing (GDPR Art. 18)"),
        "portability": N_("Right to data portability (GDPR Art. 20)"),
        "objection": N_("Right to object (GDPR Art. 21)"),
        "withdraw-consent": N_("Right to withdraw consent (GDPR Art. 7(3))"),
        "automated-decisions": N_(
            "Rights in automated individual decision-making, including profiling (GDPR Art. 22)"
        ),
    },
    "third_countries": {
        "never": N_("Never"),
        "exceptional": N_("Exceptionally"),
        "regular": N_("Regularly"),
    },
    "duration": {"session": N_("Session (deleted when the browser is closed)")},
    # Yes-or-no facts, each stated as what it means ("true" / "false").
    "decisions": {
        "true": N_(
            "We make decisions based solely on automated processing that produce legal "
            "effects concerning you or similarly significantly affect you."
        ),
        "false": N_(
            "We make no decisions based solely on automated processing that produce legal "
            "effects concerning you or similarly significantly affect you."
        ),
    },
    "profiling": {
        "true": N_("We use personal data for profiling: to evaluate personal aspects of you."),
        "false": N_("We do not use personal data for profiling."),
    },
    "from_data_subject": {
        "true": N_("All personal data is received from the data subjects themselves."),
        "false": N_("Some personal data is received from sources other than the data subjects."),
        # true beside other sources named (Sources.received): "also", never "all"
        "and-others": N_(
            "Personal data is received from the data subjects themselves and from the other "
            "sources named here."
        ),
    },
    "other_eu_eea": {"true": N_("Possible"), "false": N_("No")},
    "consent": {"true": N_("Yes"), "false": N_("No")},
    "yes_no": {"true": N_("Yes"), "false": N_("No")},
    "children": {
        "true": N_("This group includes children."),
        "false": N_("This group does not include children."),
    },
    "direct_marketing": {
        "true": N_("Yes: you may object to it at any time (GDPR Art. 21(2))"),
        "false": N_("No"),
    },
    "provision": {
        "statutory": N_("A statutory requirement"),
        "contractual": N_("A contractual requirement"),
        "contract-prerequisite": N_("Necessary to enter into a contract"),
        "voluntary": N_("Voluntary"),
    },
}

# Where each kind of code is in the policy schema: the property path, with "*" for the
# items of a list ("$defs/..." for a definition used in several places).
SCHEMA_KINDS: Mapping[str, str] = {
    "purposes.items.*.legal_bases.*.basis": "legal_basis",
    "$defs/transfer_mechanism": "mechanism",
    "recipients.categories.*.transfers.*.derogation": "derogation",
    "recipients.categories.*.role": "role",
    "personal_data.fields.*.special_category.category": "special_category",
    "personal_data.fields.*.special_category.condition": "condition",
    "retention.rules.*.starts": "starts",
    "retention.rules.*.until": "until",
    "$defs/identifier.scheme": "scheme",
    "cookies.items.*.category": "cookie_category",
    "rights.items.*.right": "right",
    "processing_locations.third_countries": "third_countries",
    "$defs/duration_or_session": "duration",
    "automated_decision_making.decisions": "decisions",
    "automated_decision_making.profiling": "profiling",
    "sources.from_data_subject": "from_data_subject",
    "processing_locations.other_eu_eea": "other_eu_eea",
    "cookies.items.*.consent": "consent",
    "controller.public_authority": "yes_no",
    "sources.providers.*.public": "yes_no",
    "data_subjects.groups.*.children": "children",
    "purposes.items.*.direct_marketing": "direct_marketing",
    "$defs/provision.requirement": "provision",
}


def label(kind: str, code: str | bool, gettext: Callable[[str], str] = lambda s: s) -> str:
    """What ``code`` of ``kind`` reads as, through ``gettext`` (the page's theme catalog);
    a yes-or-no fact (``True``) reads as the sentence that states it."""
    if isinstance(code, bool):
        code = "true" if code else "false"
    return gettext(LABELS[kind][code])
