"""TILT export: every document of every version and language validates against TILT's own
schema (vendored in tests/standards/tilt/), and says what the notice says."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from full_notice import full_document
from jsonschema import Draft7Validator

from conftest import DEFAULT_NOTICE, ROOT, Project
from privacy_notice.exports import formats
from privacy_notice.exports.tilt import Meta, tilt_document, tilt_hash, uuid5_url
from privacy_notice.exports.tilt_data import ttl
from privacy_notice.history.versions import build_site
from privacy_notice.model.register import register_from_document
from privacy_notice.render.generator import page_url
from privacy_notice.source.options import Options

TILT = ROOT / "tests" / "standards" / "tilt"
VALIDATOR = Draft7Validator(json.loads((TILT / "tilt-schema.json").read_text("utf-8")))


def tilt_errors(document: object) -> list[str]:
    return sorted(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in VALIDATOR.iter_errors(document)
    )


def test_the_check_passes_tilts_example_and_fails_its_invalid_one():
    assert tilt_errors(json.loads((TILT / "tilt.json").read_text("utf-8"))) == []
    errors = tilt_errors(json.loads((TILT / "tilt-NOT-valid.json").read_text("utf-8")))
    assert any("'representative' is a required property" in e for e in errors), errors
    assert any(e.startswith("dataProtectionOfficer/country") for e in errors), errors
    assert any(e.startswith("dataDisclosed/0: ") for e in errors), errors  # no consequences
    assert any("'logicInvolved' is a required property" in e for e in errors), errors


def notice_roots() -> list[Path]:
    """The default notice, and every example notice present (examples/*/policy.yaml)."""
    return [ROOT, *sorted(p.parent for p in ROOT.glob("examples/*/policy.yaml"))]


@pytest.mark.parametrize("root", notice_roots(), ids=lambda p: p.name)
def test_every_tilt_document_of_a_notice_validates(root: Path):
    site = build_site(
        Options(root / "policy.yaml", root / "translations", root / "content" / "versions")
    )
    files = formats.site_exports(site, "https://notice.example", page_url).files
    tilt = {name: data for name, data in files.items() if name.startswith("api/tilt/")}
    expected = sum(len(v.languages) for v in site.versions) + len(site.current.languages)
    assert len(tilt) == expected
    for name, data in tilt.items():
        document = json.loads(data)
        assert tilt_errors(document) == [], name
        assert document["meta"]["_hash"] == tilt_hash(document)


def test_every_tilt_document_of_a_multi_version_site_validates(history: Project):
    output = history.path / "output"
    index = json.loads((output / "api/versions.json").read_text("utf-8"))
    assert len(index["versions"]) > 1
    for number, entry in enumerate(reversed(index["versions"]), start=1):
        for lang, url in entry["tilt"].items():
            document = json.loads((output / url.lstrip("/")).read_text("utf-8"))
            assert tilt_errors(document) == [], url
            meta = document["meta"]
            assert meta["language"] == lang
            assert meta["version"] == number
            assert meta["modified"] == entry["date"]
            assert meta["created"] == index["versions"][-1]["date"]
            assert meta["status"] == ("active" if entry["date"] == index["current"] else "inactive")
            assert meta["url"].endswith(f"{lang}/versions/{entry['date']}/index.html")
    for lang in ("fi", "sv", "en"):
        current = (output / f"api/tilt/{lang}.json").read_bytes()
        assert current == (output / f"api/tilt/{index['current']}/{lang}.json").read_bytes()


def export(lang: str, active: bool = True) -> dict:
    register = register_from_document(full_document())
    url = f"https://notice.example/{lang}/versions/2026-01-15/index.html"
    return tilt_document(register, lang, Meta(3, "2024-01-01", "2026-01-15", active, url))


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_full_v2_notice_validates(lang: str):
    document = export(lang)
    assert tilt_errors(document) == []
    assert document["meta"]["_hash"] == tilt_hash(document)
    assert len(document["meta"]["_hash"]) == 64
    assert tilt_errors(export(lang, active=False)) == []


def by_id(document: dict) -> dict[str, dict]:
    return {item["_id"]: item for item in document["dataDisclosed"]}


def test_a_full_v2_notice_maps_faithfully():
    document = export("en")
    data = by_id(document)
    email = data["email-address"]
    assert [b["reference"] for b in email["legalBases"]] == ["GDPR-6-1-b", "GDPR-6-1-a"]
    assert [p["purpose"] for p in email["purposes"]] == ["Orders", "Newsletter"]
    assert "our terms (https://shop.example/terms)" in email["purposes"][0]["description"]
    assert email["legitimateInterests"] == [{"exists": False}]
    assert {(r["category"], r.get("country")) for r in email["recipients"]} == {
        ("Email service provider", "IE"),
        ("Email service provider", "US"),
        ("Payment service", "US"),
        ("Tax Administration", None),
    }
    assert email["storage"][0]["temporal"][0]["ttl"] == "P14D"
    assert "14 days" not in email["storage"][0]["temporal"][0]["description"]
    assert "2 weeks" in email["storage"][0]["temporal"][0]["description"]
    assert email["nonDisclosure"]["consequences"].startswith("Without your address")
    name = data["name"]
    assert {"reference": "GDPR-6-1-c", "description": "Accounting Act (1336/1997)"} in name[
        "legalBases"
    ]
    [accounting] = [s for s in name["storage"] if s.get("temporal", [{}])[0].get("ttl") == "P6Y"]
    assert [t["ttl"] for t in accounting["temporal"]] == ["P6Y", "P10Y"]
    profile = data["shopping-history"]
    assert profile["legitimateInterests"] == [
        {"exists": True, "reasoning": "Offering what you like."}
    ]
    assert [b["reference"] for b in data["allergies"]["legalBases"]] == [
        "GDPR-6-1-b",
        "GDPR-9-2-a",
    ]
    newsletter = [s for s in data["email-address"]["storage"] if "purposeConditional" in s]
    assert newsletter and newsletter[0]["purposeConditional"] == [
        "Newsletter\n\nUntil you unsubscribe."
    ]


def test_transfers_rights_and_parties():
    document = export("fi")
    [us, general] = document["thirdCountryTransfers"]
    assert us["country"] == "US"
    assert us["adequacyDecision"] == {"available": True, "description": ""}  # not stated
    assert us["standardDataProtectionClause"]["available"] is True
    assert "2021/914" in us["standardDataProtectionClause"]["description"]
    assert us["presenceOfEnforceableRightsAndEffectiveRemedies"] == {"available": False}
    assert "country" not in general and general["standardDataProtectionClause"]["available"]
    assert document["controller"]["representative"] == {
        "name": "Example Representative B.V.",
        "email": "eu-rep@rep.example",
        "phone": "+31 20 123 4567",
    }
    assert document["controller"]["country"] == "FI"
    dpo = document["dataProtectionOfficer"]
    assert (dpo["name"], dpo["email"], dpo["country"]) == ("Dana Officer", "dpo@shop.example", "FI")
    assert document["rightToDataPortability"]["available"] is True
    assert document["rightToWithdrawConsent"]["email"] == "privacy@shop.example"
    assert "1 kuukau" in document["accessAndDataPortability"]["description"]  # {response_time}
    authority = document["rightToComplain"]["supervisoryAuthority"]
    assert authority["name"] == "Tietosuojavaltuutetun toimisto"
    assert document["automatedDecisionMaking"]["inUse"] is True
    assert document["automatedDecisionMaking"]["logicInvolved"].startswith("We group")
    assert document["sources"][0]["sources"][0]["description"].startswith("Address updates")


def test_what_the_default_notice_does_not_state_is_tilts_not_available():
    site = build_site(
        Options(
            DEFAULT_NOTICE / "policy.yaml",
            DEFAULT_NOTICE / "translations",
            DEFAULT_NOTICE / "content/versions",
        )
    )
    meta = Meta(1, "2019-10-23", "2019-10-23", True, "https://notice.example/en/")
    document = tilt_document(site.current.register, "en", meta)
    assert document["dataProtectionOfficer"] == {
        "name": "",
        "email": "",
        "address": "",
        "country": "ZZ",
    }
    assert document["controller"]["representative"] == {"name": "", "email": ""}
    assert document["rightToWithdrawConsent"] == {"available": False}
    assert document["automatedDecisionMaking"] == {"inUse": False}
    assert all(d["legalBases"] == [] for d in document["dataDisclosed"])


def test_ttl_takes_weeks_as_days():
    assert ttl("P2W") == "P14D"
    assert ttl("P1Y2W3D") == "P1Y17D"
    assert ttl("P3M") == "P3M"


def test_ids_are_uuid5_of_the_page_url():
    url = "https://notice.example/fi/versions/2019-10-23/index.html"
    assert uuid5_url(url) == str(uuid.uuid5(uuid.NAMESPACE_URL, url))


def test_a_storage_rule_for_some_purposes_keeps_only_their_data_and_says_so():
    document = full_document()
    [newsletter] = [r for r in document["retention"]["rules"] if r["id"] == "newsletter"]
    newsletter["purposes"] = ["newsletter"]
    meta = Meta(1, "2026-01-15", "2026-01-15", True, "https://notice.example/en/")
    data = by_id(tilt_document(register_from_document(document), "en", meta))
    # the email address serves the newsletter; the name does not
    [kept] = [s for s in data["email-address"]["storage"] if "purposeConditional" in s]
    assert kept["purposeConditional"] == ["Newsletter\n\nUntil you unsubscribe.", "Newsletter"]
    assert not [s for s in data["name"]["storage"] if "purposeConditional" in s]
