"""The first layer of the notice ("at a glance"; WP260 rev.01 on layered notices, ¶35–38):
who the controller and its data protection officer are; for each purpose its legal bases,
its data, how long they are kept and who outside the EU/EEA receives them; the rights and
where to use them, how to complain, profiling and automated decisions, cookies. Pure: the
template presents it.

Each statement is scoped as the source scopes it. A storage rule or a recipient is shown
under a purpose only when it names that purpose: one that names data fields only, or
nothing, is not attached to every purpose that shares a field with it (an e-mail
marketing platform abroad that receives the e-mail address is not "where accounting data
goes" because accounting uses the e-mail address too). Such rules and recipients are stated
once, for the whole notice. Where the source does not say, the first layer says less: a
purpose with nothing named for it links to the section rather than claim "none".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from privacy_notice.model.labels import N_
from privacy_notice.model.register import (
    DataField,
    DataProtectionOfficer,
    Purpose,
    RecipientCategory,
    Register,
    RetentionRule,
)
from privacy_notice.model.rights import applies_somewhere

# Codes by a short name, for the first layer's few words (the sections give each with its
# full label and article, model/labels.py): the rights in one line, a legal basis in one.
SHORT_LABELS: Mapping[str, Mapping[str, str]] = {
    "right": {
        "information": N_("information about the processing"),
        "access": N_("access to your data"),
        "rectification": N_("rectification"),
        "erasure": N_("erasure"),
        "restriction": N_("restriction of processing"),
        "portability": N_("data portability"),
        "objection": N_("objection"),
        "withdraw-consent": N_("withdrawal of consent"),
        "automated-decisions": N_("rights in automated decisions"),
    },
    "legal_basis": {
        "consent": N_("Consent"),
        "contract": N_("Contract"),
        "legal-obligation": N_("Legal obligation"),
        "vital-interests": N_("Vital interests"),
        "public-task": N_("Public interest or official authority"),
        "legitimate-interests": N_("Legitimate interests"),
    },
}


@dataclass(frozen=True)
class Row:
    """One purpose at a glance: its data, and what the source names for it."""

    purpose: Purpose
    fields: tuple[DataField, ...]  # the data fields processed for it
    rules: tuple[RetentionRule, ...]  # the storage rules that name it
    recipients: tuple[RecipientCategory, ...]  # those outside the EU/EEA that name it


@dataclass(frozen=True)
class CookieConsent:
    """The categories of the notice's cookies, by whether consent is asked for them."""

    with_consent: tuple[str, ...]
    without_consent: tuple[str, ...]


@dataclass(frozen=True)
class Glance:
    """The notice's first layer: a row per purpose, and what holds for the whole notice."""

    rows: tuple[Row, ...]
    rights: tuple[str, ...]  # the rights (codes) that apply to some of the processing
    rights_contact: str | None  # where to send requests about one's rights
    # When no recipient outside the EU/EEA is named for the whole notice, what the notice
    # says in general about processing outside it ("exceptional", "regular"), if anything
    # but "never".
    third_countries: str | None
    rules: tuple[RetentionRule, ...]  # naming no purpose: stated once, for the whole notice
    recipients: tuple[RecipientCategory, ...]  # outside the EU/EEA, naming no purpose: once
    # Whether the source rules out any recipient outside the EU/EEA but those named for a
    # purpose: every recipient states its countries, and nothing is said in general.
    none_outside: bool
    dpo: DataProtectionOfficer | None  # with a way to reach them
    cookies: CookieConsent | None

    @property
    def rules_by_purpose(self) -> bool:
        """Whether some storage rule names its purposes (the table then has the column)."""
        return any(row.rules for row in self.rows)

    @property
    def recipients_by_purpose(self) -> bool:
        """Whether some recipient outside the EU/EEA names its purposes (a column too)."""
        return any(row.recipients for row in self.rows)


def row(register: Register, purpose: Purpose) -> Row:
    rules = register.rules_for((), (), [purpose.id])
    recipients = register.recipients_for([purpose.id], ())
    return Row(
        purpose,
        register.fields_for("purpose", purpose.id),
        tuple(rule for rule in rules if purpose.id in rule.purposes),
        tuple(r for r in recipients if r.third_countries and purpose.id in r.purposes),
    )


def cookie_consent(register: Register) -> CookieConsent | None:
    """The categories of cookies set with consent and without, in the notice's order."""
    if register.cookies is None or not register.cookies.items:
        return None
    items = register.cookies.items
    asked = dict.fromkeys(c.category for c in items if c.consent)
    unasked = dict.fromkeys(c.category for c in items if not c.consent)
    return CookieConsent(tuple(asked), tuple(unasked))


def reachable_dpo(register: Register) -> DataProtectionOfficer | None:
    """The data protection officer, where the notice says how to reach them (a statement
    that none is appointed is no contact)."""
    dpo = register.controller.data_protection_officer
    if dpo is None or not (dpo.email or dpo.telephone or dpo.address):
        return None
    return dpo


def at_a_glance(register: Register) -> Glance:
    controller = register.controller
    contact = register.rights.contact or (
        controller.register_contact.email if controller.register_contact else controller.email
    )
    locations = register.processing_locations
    general = locations.third_countries if locations else None
    recipients = register.recipients.categories
    unscoped = tuple(r for r in recipients if r.third_countries and not r.purposes)
    third_countries = None if general == "never" else general
    return Glance(
        tuple(row(register, purpose) for purpose in register.purposes.items),
        tuple(r.right for r in register.rights.items if applies_somewhere(register, r)),
        contact,
        third_countries,
        tuple(rule for rule in register.retention.rules if not rule.purposes),
        unscoped,
        all(r.countries for r in recipients) and not unscoped and third_countries is None,
        reachable_dpo(register),
        cookie_consent(register),
    )
