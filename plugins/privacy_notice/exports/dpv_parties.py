"""The parties of a notice in DPV JSON-LD (see :mod:`.dpv`): the controller with its
representative, DPO and joint controllers, recipients with their countries and transfers,
and the supervisory authority; and the helpers that write texts, addresses and contacts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privacy_notice.exports.texts import Texts
from privacy_notice.model import dpv_terms
from privacy_notice.model.dpv_terms import DEROGATIONS, MECHANISMS, ROLES
from privacy_notice.model.gdpr import EU_EEA
from privacy_notice.model.register import Address, Name, Organisation, Register, Text


class Parties:
    def __init__(self, register: Register, iri: str, locales: Mapping[str, str]) -> None:
        self.r = register
        self.iri = iri
        self.texts = [Texts(register, lang, locales.get(lang)) for lang in register.languages]

    def ref(self, fragment: str) -> str:
        """A node of the notice: a fragment of its IRI (the context's ``@base``)."""
        return f"#{fragment}"

    def lit(self, text: Text | None) -> list[Any]:
        found = []
        for t in self.texts:
            value = t(text)
            if value:
                found.append({"@value": value, "@language": t.lang})
        return found

    def name(self, name: Name) -> Any:
        """A name: as written, or in each language where the notice translates it."""
        return self.lit(name) if name.translated else next(iter(name.values.values()))

    def describe(self, node: dict[str, Any], key: str, text: Text | None) -> dict[str, Any]:
        if text is not None:
            node[key] = self.lit(text)
        return node

    def address(self, address: Address | None) -> list[Any]:
        found = []
        for t in self.texts:
            if address is not None:
                line = f"{t(address.street)}, {address.postal_code} {t(address.city)}"
                found.append({"@value": f"{line}, {address.country}", "@language": t.lang})
        return found

    def contacts(self, *values: str | None, website: str | None = None) -> list[Any]:
        found = []
        for value in values:
            if value and "@" in value:
                found.append({"@id": f"mailto:{value}"})
            elif value:
                found.append({"@id": "tel:" + "".join(ch for ch in value if ch in "+0123456789")})
        return found + ([{"@id": website}] if website else [])

    def organisation(self, org: Organisation, types: list[str]) -> dict[str, Any]:
        node: dict[str, Any] = {"@type": types, "dpv:hasName": self.name(org.name)}
        node["dpv:hasContact"] = self.contacts(org.email, org.telephone)
        if org.address:
            node["dpv:hasAddress"] = self.address(org.address)
        if org.identifiers:
            node["dpv:hasIdentifier"] = [i.value for i in org.identifiers]
        return node

    def controller(self) -> dict[str, Any]:
        c = self.r.controller
        contact = c.register_contact
        node: dict[str, Any] = {
            "@id": self.ref("controller"),
            # a public authority is a governmental organisation (GDPR Art. 37(1)(a))
            "@type": ["dpv:DataController", "dpv:GovernmentalOrganisation"]
            if c.public_authority
            else "dpv:DataController",
            "dpv:hasName": self.name(c.name),
            "dpv:hasIdentifier": [i.value for i in c.identifiers],
            "dpv:hasAddress": self.address(c.visiting_address or c.postal_address),
            "dpv:hasContact": self.contacts(
                c.email, contact.email if contact else None, c.telephone, website=c.website
            ),
        }
        if c.representative:
            node["dpv:hasRepresentative"] = self.organisation(
                c.representative, ["dpv:Representative"]
            )
        dpo = c.data_protection_officer
        if dpo:
            officer: dict[str, Any] = {"@type": "dpv:DataProtectionOfficer"}
            if dpo.name:
                officer["dpv:hasName"] = self.name(dpo.name)
            officer["dpv:hasContact"] = self.contacts(dpo.email, dpo.telephone)
            officer["dpv:hasAddress"] = self.address(dpo.address)
            node["dpv:hasDataProtectionOfficer"] = self.describe(
                officer, "dct:description", dpo.statement
            )
        if c.joint_controllers:
            node["dpv:hasJointDataControllers"] = [
                self.describe(
                    {
                        "@type": "dpv:JointDataControllers",
                        "dpv:hasDataController": [
                            self.organisation(j.organisation, ["dpv:DataController"])
                        ],
                    },
                    "dct:description",
                    j.arrangement,
                )
                for j in c.joint_controllers
            ]
        return node

    def country(self, code: str) -> dict[str, Any]:
        third = [] if code in EU_EEA else ["dpv:ThirdCountry"]
        return {"@type": ["dpv:Country", *third], "dct:identifier": code}

    def recipient(self, category: Any) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@id": self.ref(f"recipient-{category.id}"),
            "@type": ROLES[category.role],
            "dpv:hasName": self.lit(category.name),
        }
        if category.countries:
            node["dpv:hasCountry"] = [self.country(c) for c in category.countries]
        transfers = []
        for transfer in category.transfers:
            basis = MECHANISMS.get(transfer.mechanism) or DEROGATIONS.get(transfer.derogation or "")
            entry: dict[str, Any] = {
                "@type": "dpv:CrossBorderTransfer",
                "dpv:hasThirdCountry": [
                    self.country(c) for c in category.transfer_countries(transfer)
                ],
            }
            if basis:
                entry["dpv:hasLegalBasis"] = {"@id": basis}
            self.describe(entry, "dct:description", transfer.reference)
            transfers.append(self.describe(entry, "dct:source", transfer.copy))
        if transfers:
            node["dpv:hasProcess"] = transfers
        return self.describe(node, "dct:description", category.description)

    def complaint(self) -> dict[str, Any]:
        complaints = self.r.complaints
        authority = complaints.supervisory_authority
        types = ["dpv:DataProtectionAuthority"]
        known = dpv_terms.authority_for(authority.country)
        node: dict[str, Any] = {
            "@id": self.ref("right-complaint"),
            "@type": ["dpv:DataSubjectRight", "eu-gdpr:A77"],
            "dpv:hasContact": self.contacts(complaints.contact),
            "dpv:hasRecipient": {
                "@id": self.ref("authority"),
                "@type": [*types, known] if known else types,
                "dpv:hasName": self.lit(authority.name),
                "dpv:hasCountry": self.country(authority.country),
                "dpv:hasAddress": self.address(authority.address),
                "dpv:hasContact": self.contacts(
                    authority.email, authority.telephone, website=authority.website
                ),
            },
        }
        return self.describe(node, "dct:description", complaints.text)
