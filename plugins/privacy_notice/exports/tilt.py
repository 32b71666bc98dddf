"""The register as a TILT document (Transparency Information Language and Toolkit, the JSON
Schema draft-07 of Grünewald & Pallas), one document per version and language.

What the notice does not state, TILT is told in the form its schema gives absence: a right
that the notice does not list is ``{"available": false}``; no legitimate interest is
``[{"exists": false}]``; no automated decisions is ``{"inUse": false}``; booleans that the
notice states only in prose (``nonDisclosure``) keep the schema's ``default`` (false) with
the prose in ``consequences``; a required text that the notice does not state is ``""``,
and a required country that it does not state is ``ZZ`` (the ISO 3166 user-assigned code
that CLDR uses for "unknown region"); an optional value it does not state is left out. A
telephone number that TILT's pattern refuses (e.g. with ``(0)``) is left out rather than
rewritten.

What the model says and TILT cannot hold (see docs/exports.md): the rights to restriction
(Art. 18), to object (Art. 21) and not to be subject to automated decisions (Art. 22); the
response time to requests (Art. 12(3)); profiling apart from automated decisions (TILT's
``automatedDecisionMaking`` covers both); the role of a recipient (processor, controller…);
derogations of Art. 49 as a transfer mechanism; the law behind a storage period as a coded
reference (it stays in the description); whether the data must be provided, as booleans;
the register contact; joint controllers; data subject groups; protection measures; cookies;
the statement that no data protection officer is appointed.

``meta._hash`` is the SHA-256 (hex) of the document with ``_hash`` set to ``""``,
serialized as JCS (RFC 8785): keys sorted, no whitespace, UTF-8. For these documents
(strings, integers and booleans; ASCII keys) that is Python's
``json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from privacy_notice.exports.texts import Texts
from privacy_notice.exports.tilt_data import disclosed
from privacy_notice.model.register import Address, Register
from privacy_notice.model.rights import applies_somewhere

UNKNOWN_COUNTRY = "ZZ"
_URL_NAMESPACE = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")
_PHONE = re.compile(r"^[+]*[(]{0,1}[0-9]{1,4}[)]{0,1}[-\s\./0-9]*$")  # TILT's own pattern


@dataclass(frozen=True)
class Meta:
    """The facts of the document that are not in the register."""

    number: int  # the version's place in the history, from 1
    created: str  # the date of the first version
    modified: str  # the date of this version
    active: bool  # False for a superseded version (or a draft)
    url: str  # the notice page of this version and language


def tilt_document(
    register: Register, lang: str, meta: Meta, locale: str | None = None
) -> dict[str, Any]:
    """The TILT document of ``register`` in ``lang``, with its ``_hash``."""
    t = Texts(register, lang, locale)
    c = register.controller
    document: dict[str, Any] = {
        "meta": {
            "_id": uuid5_url(meta.url),
            "name": t(c.name),
            "created": meta.created,
            "modified": meta.modified,
            "version": meta.number,
            "language": lang,
            "status": "active" if meta.active else "inactive",
            "url": meta.url,
            "_hash": "",
        },
        "controller": {
            "name": t(c.name),
            "address": _address(t, c.visiting_address or c.postal_address),
            "country": _country(c.visiting_address or c.postal_address),
            "representative": _person(
                t(c.representative.name) if c.representative else "",
                c.representative.email if c.representative else None,
                c.representative.telephone if c.representative else None,
            ),
        },
        "dataProtectionOfficer": _dpo(register, t),
        "dataDisclosed": [disclosed(register, t, field) for field in register.personal_data.fields],
        "thirdCountryTransfers": _transfers(register, t),
        "accessAndDataPortability": _right(register, t, "access", "portability"),
        "sources": _sources(register, t),
        "rightToInformation": _right(register, t, "information"),
        "rightToRectificationOrDeletion": _right(register, t, "rectification", "erasure"),
        "rightToDataPortability": _right(register, t, "portability"),
        "rightToWithdrawConsent": _right(register, t, "withdraw-consent"),
        "rightToComplain": _complain(register, t),
        "automatedDecisionMaking": _automated(register, t),
        "changesOfPurpose": [],
    }
    document["meta"]["_hash"] = tilt_hash(document)
    return document


def uuid5_url(url: str) -> str:
    """RFC 9562 UUID version 5 of ``url`` in the URL namespace (= ``uuid.uuid5``, without
    importing uuid on every build)."""
    digest = bytearray(hashlib.sha1(_URL_NAMESPACE + url.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def tilt_hash(document: dict[str, Any]) -> str:
    """SHA-256 of ``document`` with ``meta._hash`` empty, in JCS form (see above)."""
    blank = {**document, "meta": {**document["meta"], "_hash": ""}}
    data = json.dumps(blank, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _address(t: Texts, address: Address | None) -> str:
    if address is None:
        return ""
    return f"{t(address.street)}, {address.postal_code} {t(address.city)}"


def _country(address: Address | None) -> str:
    return address.country if address else UNKNOWN_COUNTRY


def _person(name: str | None, email: str | None, phone: str | None) -> dict[str, Any]:
    person = {"name": name or "", "email": email or ""}
    if phone and _PHONE.match(phone):
        person["phone"] = phone
    return person


def _dpo(register: Register, t: Texts) -> dict[str, Any]:
    dpo = register.controller.data_protection_officer
    if dpo is None:
        return {**_person("", "", None), "address": "", "country": UNKNOWN_COUNTRY}
    return {
        **_person(t(dpo.name), dpo.email, dpo.telephone),
        "address": _address(t, dpo.address),
        "country": _country(dpo.address),
    }


_KINDS = {
    "adequacy-decision": ("adequacyDecision",),
    "eu-us-data-privacy-framework": ("adequacyDecision",),
    "standard-contractual-clauses": ("appropriateGuarantees", "standardDataProtectionClause"),
    "binding-corporate-rules": ("appropriateGuarantees",),
    "code-of-conduct": ("appropriateGuarantees",),
    "certification": ("appropriateGuarantees",),
    "derogation": (),
}
_TRANSFER_KEYS = (
    "adequacyDecision",
    "appropriateGuarantees",
    "presenceOfEnforceableRightsAndEffectiveRemedies",
    "standardDataProtectionClause",
)


def _transfers(register: Register, t: Texts) -> list[dict[str, Any]]:
    """One entry per third country, with every mechanism that covers a transfer to it;
    general safeguards (processing_locations) as an entry without a country."""
    by_country: dict[str | None, dict[str, Any]] = {}

    def add(country: str | None, mechanism: str, description: str) -> None:
        entry = by_country.setdefault(
            country, {key: {"available": False} for key in _TRANSFER_KEYS}
        )
        for key in _KINDS[mechanism]:  # an available mechanism needs a description
            entry[key]["available"] = True
            entry[key]["description"] = t.join(entry[key].get("description", ""), description)
        if country is not None:
            entry["country"] = country

    for recipient in register.recipients.categories:
        for transfer in recipient.transfers:
            text = t.join(t(transfer.reference), t(transfer.copy))
            for country in recipient.transfer_countries(transfer):
                add(country, transfer.mechanism, text)
    locations = register.processing_locations
    if locations and locations.third_countries != "never":
        for mechanism in locations.safeguards:
            add(None, mechanism, t(locations.text))
    return [{"country": k, **v} if k else v for k, v in by_country.items()]


def _right(register: Register, t: Texts, *kinds: str) -> dict[str, Any]:
    """The rights of ``kinds`` that apply to some of the processing (rights.py), with
    their texts and the laws that restrict them."""
    items = [
        item
        for item in register.rights.items
        if item.right in kinds and applies_somewhere(register, item)
    ]
    if not items:
        return {"available": False}
    texts = [
        t.join(t(i.text), *(t.join(t(r.law), t(r.text)) for r in i.restrictions)) for i in items
    ]
    right = {"available": True, "description": t.join(*texts)}
    if register.rights.contact:
        right["email"] = register.rights.contact
    return right


def _complain(register: Register, t: Texts) -> dict[str, Any]:
    complaints = register.complaints
    authority = complaints.supervisory_authority
    found: dict[str, Any] = {"available": True, "description": t(complaints.text)}
    found["url"] = authority.website
    if complaints.contact:
        found["email"] = complaints.contact
    found["supervisoryAuthority"] = {
        "name": t(authority.name),
        "country": authority.country,
        **({"address": _address(t, authority.address)} if authority.address else {}),
        **({"email": authority.email} if authority.email else {}),
        **(
            {"phone": authority.telephone}
            if authority.telephone and _PHONE.match(authority.telephone)
            else {}
        ),
    }
    return found


def _automated(register: Register, t: Texts) -> dict[str, Any]:
    section = register.automated_decision_making
    if not (section.decisions or section.profiling):
        return {"inUse": False}
    return {
        "inUse": True,
        "logicInvolved": t(section.logic),
        "scopeAndIntendedEffects": t(section.consequences),
    }


def _sources(register: Register, t: Texts) -> list[dict[str, Any]]:
    """Data not received from the data subjects (Art. 14): each channel, when the data
    does not come from them, and the other sources."""
    sources = register.sources
    if sources is None:
        return []
    found = []
    for channel in () if sources.from_data_subject else sources.channels:
        names = ", ".join(t(f.name) for f in register.fields_for("channel", channel.id))
        found.append(_source(channel.id, names, t(channel.name)))
    if sources.other_sources:
        found.append(_source("other-sources", "", t(sources.other_sources)))
    for provider in sources.providers:
        names = ", ".join(
            t(f.name) for f in register.personal_data.fields if f.id in provider.data_fields
        )
        text = t.join(t(provider.name), t(provider.description))
        found.append(_source(provider.id, names, text, provider.public))
    return found


def _source(id: str, category: str, description: str, public: bool = False) -> dict[str, Any]:
    source = {"description": description, "url": "", "publiclyAvailable": public}
    return {"_id": id, "dataCategory": category, "sources": [source]}
