"""DPV JSON-LD export: parsed as RDF by rdflib's JSON-LD processor, its triples say what the
model says, and every IRI in DPV's namespaces is a term of DPV 2.2. And the DPV category a
data field may name in policy.yaml is checked, with a located error and "did you mean"."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from full_notice import full_document
from helpers import SOURCE, diagnostics_for, position, unknown_dpv_iris
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from privacy_notice.exports.dpv import notice_jsonld
from privacy_notice.model import dpv_terms
from privacy_notice.model.register import register_from_document

DPV = Namespace("https://w3id.org/dpv#")
PD = Namespace("https://w3id.org/dpv/pd#")
GDPR = Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
DCT = Namespace("http://purl.org/dc/terms/")
DURATION = URIRef("http://www.w3.org/2001/XMLSchema#duration")
IRI = "https://notice.example/api/versions/2026-01-15.jsonld"


def graph_of(document: dict, base: str = IRI) -> Graph:
    return Graph().parse(data=json.dumps(document), format="json-ld", base=base)


@pytest.fixture(scope="module")
def full() -> tuple[object, Graph]:
    register = register_from_document(full_document())
    document = notice_jsonld(register, IRI, sha256="0" * 64, date="2026-01-15")
    return register, graph_of(document)


def test_only_dpv_terms_that_exist(full):
    _register, graph = full
    assert len(graph) > 150
    assert unknown_dpv_iris(graph) == set()


def test_the_notice_and_its_texts_in_every_language(full):
    _register, graph = full
    notice = URIRef(IRI)
    assert (notice, RDF.type, DPV.PrivacyNotice) in graph
    assert set(graph.objects(notice, DCT.title)) == {
        Literal("Privacy notice of Example Shop", lang="en"),
        Literal("Example Shopin tietosuojaseloste", lang="fi"),
    }
    plain = [o for o in graph.objects() if isinstance(o, Literal) and o.datatype is None]
    untagged = [o for o in plain if o.language is None]
    # untagged literals are names and codes, never a text of the notice
    assert {str(o) for o in untagged} <= {
        "Example Shop Oy",
        "2918721-9",
        "Dana Officer",
        "Example Representative B.V.",
        "Example Bank Plc",
        "consent-withdrawn",
        "FI",
        "IE",
        "US",
        "sha256:" + "0" * 64,
        "en",
        "fi",
    }


def test_legal_bases_match_the_model(full):
    register, graph = full
    for purpose in register.purposes.items:
        process = URIRef(f"{IRI}#process-{purpose.id}")
        found = {str(o) for o in graph.objects(process, DPV.hasLegalBasis)}
        expected = {dpv_terms.expand(dpv_terms.BASES[b.basis]) for b in purpose.legal_bases}
        fields = [f for f in register.personal_data.fields if purpose.id in f.purposes]
        expected |= {
            dpv_terms.expand(dpv_terms.CONDITIONS[f.special_category.condition])
            for f in fields
            if f.special_category
        }
        assert found == expected, purpose.id
    orders = URIRef(f"{IRI}#process-orders")
    assert set(graph.objects(orders, DPV.hasLegalBasis)) == {GDPR["A6-1-b"], GDPR["A9-2-a"]}


def test_data_recipients_transfers_rights_and_authority(full):
    _register, graph = full
    email = URIRef(f"{IRI}#data-email-address")
    assert (email, RDF.type, PD.EmailAddress) in graph
    assert (URIRef(f"{IRI}#data-shopping-history"), RDF.type, PD.PurchasesAndSpendingHabit) in graph
    transfers = {
        str(basis)
        for transfer in graph.subjects(RDF.type, DPV.CrossBorderTransfer)
        for basis in graph.objects(transfer, DPV.hasLegalBasis)
    }
    assert transfers == {str(GDPR["A45-3"]), str(GDPR["A46-2-c"]), str(GDPR["A49-1-b"])}
    assert (URIRef(f"{IRI}#recipient-email-service"), RDF.type, DPV.DataProcessor) in graph
    rights = {
        o
        for s in graph.subjects(RDF.type, DPV.DataSubjectRight)
        for o in graph.objects(s, RDF.type)
    }
    assert {
        GDPR.A15,
        GDPR.A16,
        GDPR.A17,
        GDPR.A18,
        GDPR.A20,
        GDPR.A21,
        GDPR["A7-3"],
        GDPR.A77,
    } <= rights
    authority = URIRef(f"{IRI}#authority")
    assert (authority, RDF.type, URIRef(dpv_terms.expand("legal-fi:DPA-FI"))) in graph
    assert (URIRef(IRI), DPV.hasAuthority, authority) in graph
    storage = URIRef(f"{IRI}#storage-orders")
    [duration] = graph.objects(storage, DPV.hasDuration)
    period = graph.value(duration, RDF.value)
    assert period.datatype == DURATION and period.toPython() == dt.timedelta(weeks=2)
    assert (URIRef(f"{IRI}#process-profiling"), DPV.hasJustification, None) in graph


def test_relative_iris_resolve_against_the_notice_wherever_it_is_embedded():
    register = register_from_document(full_document())
    document = notice_jsonld(register, "/api/versions/2026-01-15.jsonld", sha256="0" * 64, date="x")
    graph = graph_of(document, base="https://site.example/fi/index.html")
    assert (
        URIRef("https://site.example/api/versions/2026-01-15.jsonld#data-name"),
        None,
        None,
    ) in graph


def test_an_unknown_dpv_category_is_a_located_error_with_did_you_mean():
    anchor = "    - id: email-address\n      name: Email address\n"
    assert anchor in SOURCE
    broken = SOURCE.replace(anchor, anchor + "      dpv: EmailAdress\n", 1)
    found = diagnostics_for(broken)
    located = f"policy.yaml:{position(broken, 'EmailAdress')}: personal_data.fields[4].dpv: "
    assert any(
        line.startswith(located) and "did you mean 'EmailAddress'?" in line for line in found
    ), found
    assert diagnostics_for(SOURCE.replace(anchor, anchor + "      dpv: EmailAddress\n", 1)) == []
    lower = diagnostics_for(SOURCE.replace(anchor, anchor + "      dpv: emailaddress\n", 1))
    assert any("did you mean 'EmailAddress'?" in line for line in lower), lower


def test_dpv_categories_include_dpv_personal_data_classes():
    assert (
        dpv_terms.category_iri("SpecialCategoryPersonalData") == "dpv:SpecialCategoryPersonalData"
    )
    assert dpv_terms.category_iri("Purpose") is None  # a DPV term, but not personal data
    assert dpv_terms.authority_for("FI") == "legal-fi:DPA-FI"
    assert dpv_terms.authority_for("SE") is None


def test_a_storage_rule_for_some_purposes_is_the_storage_of_those_processes_only():
    document = full_document()
    [newsletter] = [r for r in document["retention"]["rules"] if r["id"] == "newsletter"]
    rule = URIRef(f"{IRI}#storage-newsletter")

    def processes_storing(document: dict) -> set[str]:
        graph = graph_of(notice_jsonld(register_from_document(document), IRI, sha256="0", date="x"))
        subjects = graph.subjects(DPV.hasStorageCondition, rule)
        return {str(s).removeprefix(f"{IRI}#") for s in subjects if "#process-" in str(s)}

    # naming no data field, channel or purpose: the rule keeps all data
    assert processes_storing(document) == {
        "process-orders",
        "process-accounting",
        "process-newsletter",
        "process-profiling",
        "process-loyalty",
    }
    newsletter["purposes"] = ["newsletter"]
    assert processes_storing(document) == {"process-newsletter"}
