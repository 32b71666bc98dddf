"""The ``dataDisclosed`` entries of a TILT document (see :mod:`.tilt`): one per data field,
with its purposes, legal bases, legitimate interests, recipients and storage."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from privacy_notice.exports.texts import Texts
from privacy_notice.model import dpv_terms
from privacy_notice.model.register import DataField, Purpose, RecipientCategory, Register

# GDPR Art. 6(1) and 9(2) in TILT's reference form: eu-gdpr:A6-1-a -> GDPR-6-1-a.
BASES = {key: "GDPR-" + iri.split(":A")[1] for key, iri in dpv_terms.BASES.items()}
CONDITIONS = {key: "GDPR-" + iri.split(":A")[1] for key, iri in dpv_terms.CONDITIONS.items()}
CONDITIONS["official-authority"] = "GDPR-10"  # criminal convictions (Art. 10)
_WEEKS = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def ttl(duration: str) -> str:
    """An ISO 8601 duration as TILT's ``ttl`` pattern takes it (weeks become days)."""
    match = _WEEKS.match(duration)
    if not match or match[3] is None:
        return duration
    years, months, weeks, days = (int(part or 0) for part in match.groups())
    days += 7 * weeks
    return "P" + "".join(f"{n}{u}" for n, u in ((years, "Y"), (months, "M"), (days, "D")) if n)


def _receives(recipient: RecipientCategory, field: DataField) -> bool:
    if recipient.data_fields:
        return field.id in recipient.data_fields
    if recipient.purposes:
        return bool(set(recipient.purposes) & set(field.purposes))
    return True


def disclosed(register: Register, t: Texts, field: DataField) -> dict[str, Any]:
    purposes = register.purposes_of(field)
    bases: list[dict[str, Any]] = []
    interests = []
    for purpose in purposes:
        for basis in purpose.legal_bases:
            entry = {"reference": BASES[basis.basis]}
            if basis.law or basis.interest:
                entry["description"] = t(basis.law) or t(basis.interest)
            if entry not in bases:
                bases.append(entry)
            if basis.basis == "legitimate-interests":
                interests.append({"exists": True, "reasoning": t(basis.interest)})
    special = field.special_category
    if special is not None:
        entry = {"reference": CONDITIONS[special.condition]}
        if special.law:
            entry["description"] = t(special.law)
        bases.append(entry)
    recipients = []
    for recipient in register.recipients_for(field.purposes, [field.id]):
        if _receives(recipient, field):
            name = t(recipient.name)
            recipients += [{"category": name, "country": c} for c in recipient.countries] or [
                {"category": name}
            ]
    return {
        "_id": field.id,
        "category": t(field.name),
        "purposes": [
            {
                "purpose": t(p.name) or t(p.description),
                "description": t(field.purpose) or t(p.description),
            }
            for p in purposes
        ],
        "legalBases": bases,
        "legitimateInterests": interests or [{"exists": False}],
        "recipients": recipients,
        "storage": _storage(register, t, field),
        "nonDisclosure": _non_disclosure(register, t, field, purposes),
    }


def _non_disclosure(
    register: Register, t: Texts, field: DataField, purposes: Sequence[Purpose]
) -> dict[str, Any]:
    """Whether providing ``field`` is required (Art. 13(2)(e)): its own provision, else its
    purposes'; the register's prose as the consequences where none says more."""
    provisions = [field.provision] if field.provision else [p.provision for p in purposes]
    stated = [p for p in provisions if p is not None]
    kinds = {p.requirement for p in stated}
    consequences = t.join(*(t(p.consequences) for p in stated))
    return {
        "legalRequirement": "statutory" in kinds,
        "contractualRegulation": bool(kinds & {"contractual", "contract-prerequisite"}),
        "obligationToProvide": bool(kinds - {"voluntary"}),
        "consequences": consequences or t(register.personal_data.provision),
    }


def _storage(register: Register, t: Texts, field: DataField) -> list[dict[str, Any]]:
    found = []
    for rule in register.rules_for([field.id], field.sources, field.purposes):
        covers = field.id in rule.data_fields or set(rule.channels) & set(field.sources)
        if not (covers or (not rule.data_fields and not rule.channels)):
            continue
        # a rule for some purposes keeps the field's data only when processed for them
        purposes = [p for p in register.purposes_of(field) if p.id in rule.purposes]
        if rule.purposes and not purposes:
            continue
        text = t.join(t(rule.name), t(rule.text), t(rule.start_event), t(rule.law))
        temporal = [{"description": text, "ttl": ttl(rule.period)}] if rule.period else []
        if rule.extension:
            condition = t(rule.extension.condition)
            temporal.append({"description": condition, "ttl": ttl(rule.extension.period)})
        entry: dict[str, Any] = {"temporal": temporal} if temporal else {}
        if not rule.period:
            entry["purposeConditional"] = [text]
        if purposes:  # kept so only when processed for these purposes
            named = [t(p.name) or t(p.description) for p in purposes]
            entry["purposeConditional"] = [*entry.get("purposeConditional", []), *named]
        entry["aggregationFunction"] = "max"
        found.append(entry)
    return found
