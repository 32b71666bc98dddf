"""The register as W3C Data Privacy Vocabulary (DPV 2.2) JSON-LD: one document per version
that describes the notice as a ``dpv:PrivacyNotice`` with its processing, every text as
language-tagged literals (``{"@value": …, "@language": "fi"}``) in all its languages.

Shape (``#…`` are fragments of the notice's IRI, ``iri``, which the context states as
``@base``, so that the document reads the same wherever it is embedded):

- the notice: title, issued (update date), valid (effective date), languages, the SHA-256
  of its register document (``dct:identifier``), the version it replaces, its pages;
- ``dpv:hasDataController``: the controller with its representative, DPO and contacts;
- ``dpv:hasProcess``: one ``dpv:Process`` per purpose (``#process-<id>``) with
  ``dpv:hasPurpose``, ``dpv:hasLegalBasis`` (``eu-gdpr:A6-1-a``…, and ``A9-2-x`` for special
  categories), the interest or law behind a basis, the personal data, recipients, storage
  conditions and data subjects it concerns; automated decisions and profiling;
- ``dpv:hasPersonalData``: each data field (``#data-<id>``), typed with its ``pd:``/``dpv:``
  category where ``policy.yaml`` names one;
- ``dpv:hasRecipient``: each recipient category by role, with countries and its transfers
  (``dpv:CrossBorderTransfer`` with ``eu-gdpr:A45-3``, ``A46-2-c``, ``A49-1-a``…);
- ``dpv:hasStorageCondition``: each storage rule, its period as ``xsd:duration``;
- ``dpv:hasRight``: each right typed ``eu-gdpr:A15``…, and the right to complain
  (``eu-gdpr:A77``) with the supervisory authority (``dpv:hasAuthority``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from privacy_notice.exports.dpv_parties import Parties
from privacy_notice.model import dpv_terms
from privacy_notice.model.dpv_terms import BASES, CONDITIONS, RIGHTS
from privacy_notice.model.register import Register
from privacy_notice.model.rights import applies_somewhere, right_scope

CONTEXT = {
    **dpv_terms.NAMESPACES,
    "dct": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def notice_jsonld(
    register: Register,
    iri: str,
    *,
    sha256: str,
    date: str,
    previous: str | None = None,
    formats: tuple[str, ...] = (),
    locales: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The JSON-LD document of one version; ``iri`` is the notice's own IRI."""
    b = _Builder(register, iri, locales or {})
    r = register
    notice: dict[str, Any] = {
        "@context": {"@base": iri, **CONTEXT},
        "@id": iri,
        "@type": "dpv:PrivacyNotice",
        "dct:title": b.lit(r.notice.title),
        "dct:issued": {"@value": date, "@type": "xsd:date"},
        "dct:language": list(r.languages),
        "dct:identifier": f"sha256:{sha256}",
        "dpv:hasDataController": b.controller(),
        "dpv:hasProcess": [b.process(p) for p in r.purposes.items] + b.automated(),
        "dpv:hasPersonalData": [b.data(f) for f in r.personal_data.fields],
        "dpv:hasRecipient": [b.recipient(c) for c in r.recipients.categories],
        "dpv:hasStorageCondition": [s for rule in r.retention.rules for s in b.storage(rule)],
        "dpv:hasRight": [b.right(i) for i in r.rights.items] + [b.complaint()],
        "dpv:hasAuthority": {"@id": b.ref("authority")},
    }
    if r.notice.effective:
        notice["dct:valid"] = {"@value": r.notice.effective, "@type": "xsd:date"}
    if r.notice.basis:
        notice["dct:description"] = b.lit(r.notice.basis)
    if previous:
        notice["dct:replaces"] = {"@id": previous}
    if formats:
        notice["dct:hasFormat"] = [{"@id": url} for url in formats]
    if r.data_subjects:
        notice["dpv:hasDataSubject"] = [b.group(g) for g in r.data_subjects.groups]
    if r.sources:
        notice["dpv:hasDataSource"] = b.sources()
    return notice


class _Builder(Parties):
    """The processing of a notice: purposes, data, storage, rights, sources."""

    def process(self, purpose: Any) -> dict[str, Any]:
        r = self.r
        fields = r.fields_for("purpose", purpose.id)
        ids = {f.id for f in fields}
        bases = [{"@id": BASES[b.basis]} for b in purpose.legal_bases]
        bases += [
            {"@id": CONDITIONS[f.special_category.condition]}
            for f in fields
            if f.special_category and f.special_category.condition in CONDITIONS
        ]
        node: dict[str, Any] = {
            "@id": self.ref(f"process-{purpose.id}"),
            "@type": "dpv:Process",
            "dpv:hasPurpose": self.describe(
                self.describe(
                    {
                        "@id": self.ref(f"purpose-{purpose.id}"),
                        "@type": ["dpv:Purpose", "dpv:DirectMarketing"]
                        if purpose.direct_marketing
                        else "dpv:Purpose",
                    },
                    "dct:title",
                    purpose.name,
                ),
                "dct:description",
                purpose.description,
            ),
            "dpv:hasLegalBasis": [dict(t) for t in {tuple(b.items()) for b in bases}],
            "dpv:hasPersonalData": [{"@id": self.ref(f"data-{f.id}")} for f in fields],
            "dpv:hasRecipient": [
                {"@id": self.ref(f"recipient-{c.id}")}
                for c in r.recipients_for([purpose.id], ids)
                if (set(c.data_fields) & ids if c.data_fields else True)
                and (purpose.id in c.purposes if c.purposes else True)
            ],
            "dpv:hasStorageCondition": [
                {"@id": self.ref(f"storage-{rule.id}")}
                for rule in r.rules_for(ids, (c for f in fields for c in f.sources), [purpose.id])
                if _stores(rule, purpose.id, fields)
            ],
        }
        node["dpv:hasLegalBasis"].sort(key=lambda b: b["@id"])
        groups = sorted({g for f in fields for g in f.data_subjects})
        if groups:
            node["dpv:hasDataSubject"] = [{"@id": self.ref(f"group-{g}")} for g in groups]
        interests = [b for b in purpose.legal_bases if b.interest]
        if interests:
            node["dpv:hasJustification"] = [
                {"@type": BASES[b.basis], "dct:description": self.lit(b.interest)}
                for b in interests
            ]
        laws = [b.law for b in purpose.legal_bases if b.law]
        if laws:
            node["dpv:hasApplicableLaw"] = [
                {"@type": "dpv:Law", "dct:title": self.lit(law)} for law in laws
            ]
        return node

    def automated(self) -> list[dict[str, Any]]:
        section = self.r.automated_decision_making
        kinds = [k for k, used in (("AutomatedDecisionMaking", section.decisions),
                                   ("Profiling", section.profiling)) if used]  # fmt: skip
        if not kinds:
            return []
        node: dict[str, Any] = {
            "@id": self.ref("automated-processing"),
            "@type": "dpv:Process",
            "dpv:hasProcessing": [{"@id": f"dpv:{k}"} for k in kinds],
        }
        self.describe(node, "dct:description", section.text)
        self.describe(node, "dpv:hasAlgorithmicLogic", section.logic)
        self.describe(node, "dpv:hasConsequence", section.consequences)
        return [node]

    def data(self, field: Any) -> dict[str, Any]:
        types = ["dpv:PersonalData"]
        category = dpv_terms.category_iri(field.dpv)
        if category and category not in types:
            types.append(category)
        if field.special_category:
            types.append("dpv:SpecialCategoryPersonalData")
        node: dict[str, Any] = {
            "@id": self.ref(f"data-{field.id}"),
            "@type": types,
            "dct:title": self.lit(field.name),
        }
        if field.confidential_under:
            types.append("dpv:ConfidentialData")
            node["dpv:hasApplicableLaw"] = self.law(field.confidential_under)
        sources = [self.ref(f"channel-{s}") for s in field.sources]
        providers = self.r.sources.providers if self.r.sources else ()
        sources += [self.ref(f"source-{p.id}") for p in providers if field.id in p.data_fields]
        if sources:
            node["dpv:hasDataSource"] = [{"@id": source} for source in sources]
        return self.describe(node, "dct:description", field.purpose)

    def law(self, title: Any, description: Any = None) -> dict[str, Any]:
        return self.describe(
            {"@type": "dpv:Law", "dct:title": self.lit(title)}, "dct:description", description
        )

    def storage(self, rule: Any) -> list[dict[str, Any]]:
        node: dict[str, Any] = {
            "@id": self.ref(f"storage-{rule.id}"),
            "@type": "dpv:StorageDuration" if rule.period or rule.until else "dpv:StorageCondition",
            "dct:title": self.lit(rule.name),
        }
        self.describe(node, "dct:description", rule.text)
        if rule.period:
            node["dpv:hasDuration"] = _duration(rule.period)
        elif rule.until == "permanent":
            node["dpv:hasDuration"] = {"@type": "dpv:EndlessDuration"}
        elif rule.until:
            node["dpv:hasDuration"] = {"@type": "dpv:UntilEventDuration", "rdf:value": rule.until}
        if rule.law:
            node["dpv:hasApplicableLaw"] = self.law(rule.law)
        self.describe(node, "dpv:hasContext", rule.start_event)  # when its period starts
        if not rule.extension:
            return [node]
        longer = {
            "@id": self.ref(f"storage-{rule.id}-extension"),
            "@type": "dpv:StorageDuration",
            "dct:title": self.lit(rule.name),
            "dct:description": self.lit(rule.extension.condition),
            "dpv:hasDuration": _duration(rule.extension.period),
        }
        return [node, longer]

    def right(self, item: Any) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@id": self.ref(f"right-{item.id}"),
            "@type": ["dpv:DataSubjectRight", RIGHTS[item.right]],
            "dct:description": self.lit(item.text) + self.lit(item.does_not_apply),
            "dpv:hasContact": self.contacts(self.r.rights.contact),
        }
        scope = right_scope(self.r, item)  # where it applies (rights.py), by process
        processes = [p.id for p in self.r.purposes.items]
        somewhere = applies_somewhere(self.r, item)
        applies_to = list(scope.applies_to) if somewhere else []
        not_to = list(scope.not_to) if somewhere else processes
        if applies_to:
            node["dpv:isApplicableFor"] = [{"@id": self.ref(f"process-{p}")} for p in applies_to]
        if not_to:
            node["dpv:isNotApplicableFor"] = [{"@id": self.ref(f"process-{p}")} for p in not_to]
        if item.restrictions:
            node["dpv:hasApplicableLaw"] = [self.law(r.law, r.text) for r in item.restrictions]
        return node

    def group(self, group: Any) -> dict[str, Any]:
        node: dict[str, Any] = {"@id": self.ref(f"group-{group.id}"), "@type": "dpv:DataSubject"}
        node["dct:title"] = self.lit(group.name)
        return self.describe(node, "dct:description", group.description)

    def sources(self) -> list[dict[str, Any]]:
        sources = self.r.sources
        assert sources is not None
        kind = "dpv:DataSubjectDataSource" if sources.from_data_subject else "dpv:DataSource"
        found = [
            {"@id": self.ref(f"channel-{c.id}"), "@type": kind, "dct:title": self.lit(c.name)}
            for c in sources.channels
        ]
        if sources.other_sources:
            other = {"@id": self.ref("other-sources"), "@type": "dpv:DataSource"}
            found.append(self.describe(other, "dct:description", sources.other_sources))
        for provider in sources.providers:
            public = "dpv:PublicDataSource" if provider.public else "dpv:NonPublicDataSource"
            node: dict[str, Any] = {
                "@id": self.ref(f"source-{provider.id}"),
                "@type": ["dpv:ThirdPartyDataSource", public],
                "dct:title": self.lit(provider.name),
                "dpv:hasPersonalData": [
                    {"@id": self.ref(f"data-{f}")} for f in provider.data_fields
                ],
            }
            found.append(self.describe(node, "dct:description", provider.description))
        return found


def _stores(rule: Any, purpose: str, fields: Sequence[Any]) -> bool:
    """Whether ``rule`` keeps the data of the processing for ``purpose`` (``fields``, its
    data): a rule that names purposes keeps theirs; one that names none, the data fields
    or channels it names (or all data, naming neither)."""
    if rule.purposes:
        return purpose in rule.purposes
    ids = {f.id for f in fields}
    return bool(
        set(rule.data_fields) & ids
        or any(set(rule.channels) & set(f.sources) for f in fields)
        or not (rule.data_fields or rule.channels)
    )


def _duration(period: str) -> dict[str, Any]:
    return {
        "@type": "dpv:TemporalDuration",
        "rdf:value": {"@value": period, "@type": "xsd:duration"},
    }
