"""The facts issue 23 gave a structured place (rights that apply, named sources, whether
data must be provided, permanent storage, confidentiality, direct marketing, a public
authority) in the exports where the format has a place for them: TILT and DPV JSON-LD,
from the register document of the full notice (tests/data/full/), as built."""

from __future__ import annotations

import copy
import json

from helpers import unknown_dpv_iris
from jsonschema import Draft202012Validator
from rdflib import RDF, Graph, Namespace, URIRef
from test_tilt import tilt_errors

from conftest import Project
from privacy_notice.exports.dpv import notice_jsonld
from privacy_notice.exports.tilt import Meta, tilt_document
from privacy_notice.model.register import register_from_document

DPV = Namespace("https://w3id.org/dpv#")
DCT = Namespace("http://purl.org/dc/terms/")
IRI = "https://notice.example/api/register.jsonld"


def document_of(site: Project) -> dict:
    return json.loads(site.read("api/register.json"))


def tilt(document: dict, lang: str = "en") -> dict:
    meta = Meta(1, "2025-05-01", "2025-05-01", True, f"https://notice.example/{lang}/")
    return tilt_document(register_from_document(document), lang, meta)


def graph(document: dict) -> Graph:
    jsonld = notice_jsonld(register_from_document(document), IRI, sha256="0" * 64, date="x")
    return Graph().parse(data=json.dumps(jsonld), format="json-ld", base=IRI)


def test_tilt_names_each_source_and_whether_providing_data_is_required(full_site: Project):
    document = tilt(document_of(full_site))
    assert tilt_errors(document) == []
    sources = {source["_id"]: source for source in document["sources"]}
    agency = sources["credit-agency"]
    assert agency["dataCategory"] == "Order history"
    assert agency["sources"][0]["publiclyAvailable"] is False
    assert agency["sources"][0]["description"].startswith("Credit information agency")
    data = {item["_id"]: item for item in document["dataDisclosed"]}
    # the field's own provision: needed to enter into the contract
    assert data["email-address"]["nonDisclosure"] == {
        "legalRequirement": False,
        "contractualRegulation": True,
        "obligationToProvide": True,
        "consequences": "Without an email address we cannot confirm your order.",
    }
    # none of its own: its purposes' (orders: a contractual requirement)
    history = data["order-history"]["nonDisclosure"]
    assert history["contractualRegulation"] is True and history["legalRequirement"] is False
    assert history["consequences"] == "Without your address we cannot deliver the order."
    # neither: the register's prose, and nothing claimed
    awards = data["customer-awards"]["nonDisclosure"]
    assert (awards["obligationToProvide"], awards["contractualRegulation"]) == (False, False)
    assert awards["consequences"].startswith("Providing your contact details is required")


def test_tilt_offers_no_right_that_does_not_apply(full_site: Project):
    document = document_of(full_site)
    assert tilt(document)["rightToDataPortability"]["available"] is True
    stated = copy.deepcopy(document)
    portability = next(r for r in stated["rights"]["items"] if r["right"] == "portability")
    portability["does_not_apply"] = {lang: "Not here." for lang in stated["languages"]}
    assert tilt(stated)["rightToDataPortability"] == {"available": False}


def test_dpv_states_where_each_right_applies_and_the_law_that_restricts_it(full_site: Project):
    g = graph(document_of(full_site))
    assert unknown_dpv_iris(g) == set()
    portability = URIRef(f"{IRI}#right-portability")
    assert set(g.objects(portability, DPV.isApplicableFor)) == {
        URIRef(f"{IRI}#process-orders"),
        URIRef(f"{IRI}#process-newsletter"),
    }
    objection = URIRef(f"{IRI}#right-objection")
    assert URIRef(f"{IRI}#process-marketing") in set(g.objects(objection, DPV.isApplicableFor))
    assert URIRef(f"{IRI}#process-accounting") in set(g.objects(objection, DPV.isNotApplicableFor))
    [law] = g.objects(objection, DPV.hasApplicableLaw)
    titles = {str(title) for title in g.objects(law, DCT.title)}
    assert "Data Protection Act (1050/2018), section 34" in titles
    # a right that does not apply applies to none of the processes
    decisions = URIRef(f"{IRI}#right-automated-decisions")
    assert len(set(g.objects(decisions, DPV.isNotApplicableFor))) == 5
    assert not set(g.objects(decisions, DPV.isApplicableFor))


def test_dpv_states_sources_permanent_storage_confidentiality_and_direct_marketing(
    full_site: Project,
):
    g = graph(document_of(full_site))
    agency = URIRef(f"{IRI}#source-credit-agency")
    assert (agency, RDF.type, DPV.ThirdPartyDataSource) in g
    assert (agency, RDF.type, DPV.NonPublicDataSource) in g
    assert (agency, DPV.hasPersonalData, URIRef(f"{IRI}#data-order-history")) in g
    assert (URIRef(f"{IRI}#data-order-history"), DPV.hasDataSource, agency) in g
    [duration] = g.objects(URIRef(f"{IRI}#storage-company-archive"), DPV.hasDuration)
    assert (duration, RDF.type, DPV.EndlessDuration) in g
    assert (URIRef(f"{IRI}#data-allergy-information"), RDF.type, DPV.ConfidentialData) in g
    assert (URIRef(f"{IRI}#purpose-marketing"), RDF.type, DPV.DirectMarketing) in g
    assert (URIRef(f"{IRI}#controller"), RDF.type, DPV.GovernmentalOrganisation) not in g


def test_a_translated_name_is_a_text_in_each_language_and_a_plain_one_is_written_once(
    full_site: Project,
):
    document = document_of(full_site)
    bank = document["controller"]["joint_controllers"][0]["organisation"]["name"]
    assert bank == {
        "fi": "Esimerkkipankki Oyj",
        "sv": "Exempelbanken Abp",
        "en": "Example Bank Plc",
    }
    assert document["controller"]["name"] == "Example Shop Oy"
    schema = json.loads(full_site.read("api/schema/2/register.schema.json"))
    assert list(Draft202012Validator(schema).iter_errors(document)) == []  # both forms
    g = graph(document)
    names = {str(o) for o in g.objects(None, DPV.hasName)}
    assert {"Example Shop Oy", "Esimerkkipankki Oyj", "Exempelbanken Abp"} <= names
    # the recipient that is the joint controller is named by it, declared once
    recipient = document["recipients"]["categories"][-1]
    assert recipient == {"id": "bank", "joint_controller": "partner-bank", "countries": ["FI"]}
    [name] = [o for o in g.objects(URIRef(f"{IRI}#recipient-bank"), DPV.hasName)
              if o.language == "fi"]  # fmt: skip
    assert str(name) == "Esimerkkipankki Oyj"
