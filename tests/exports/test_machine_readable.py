"""The formats of a built multi-version site: TILT and JSON-LD files for every version,
linked from api/versions.json, from each page's head and footer; no page embeds them."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from helpers import unknown_dpv_iris
from rdflib import Graph, Namespace, URIRef

from conftest import Project
from privacy_notice.model import dpv_terms
from privacy_notice.model.register import register_from_document
from privacy_notice.source.migrate import upgrade

DPV = Namespace("https://w3id.org/dpv#")
DCT = Namespace("http://purl.org/dc/terms/")
BASE = "https://notice.example"
SCRIPT = re.compile(r"<script\b", re.I)
CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">"
)


class Head(HTMLParser):
    """The ``<link rel="alternate">`` of a page and the links of its footer."""

    def __init__(self) -> None:
        super().__init__()
        self.alternates: list[dict[str, str | None]] = []
        self.footer: list[str] = []
        self._in_footer = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate":
            self.alternates.append(values)
        self._in_footer |= tag == "footer"
        if tag == "a" and self._in_footer:
            self.footer.append(values["href"] or "")


def parse(output, name: str) -> tuple[str, Head]:
    html = (output / name).read_text("utf-8")
    head = Head()
    head.feed(html)
    return html, head


def test_versions_json_links_every_format_and_they_exist(history: Project):
    output = history.path / "output"
    index = json.loads((output / "api/versions.json").read_text("utf-8"))
    for entry in index["versions"]:
        assert set(entry["tilt"]) == set(entry["html"])
        for url in [entry["jsonld"], entry["url"], *entry["tilt"].values()]:
            assert (output / url.lstrip("/")).is_file(), url
    current = index["versions"][0]
    assert (output / "api/register.jsonld").read_bytes() == (
        output / current["jsonld"].lstrip("/")
    ).read_bytes()


def test_every_jsonld_parses_with_dpv_terms_only_and_the_models_legal_bases(history: Project):
    output = history.path / "output"
    index = json.loads((output / "api/versions.json").read_text("utf-8"))
    previous = None
    for entry in reversed(index["versions"]):
        iri = BASE + entry["jsonld"]
        graph = Graph().parse(output / entry["jsonld"].lstrip("/"), format="json-ld", publicID=iri)
        assert unknown_dpv_iris(graph) == set()
        notice = URIRef(iri)
        replaced = graph.value(notice, DCT.replaces)
        assert replaced == (URIRef(BASE + previous) if previous else None)
        assert str(graph.value(notice, DCT.identifier)) == f"sha256:{entry['sha256']}"
        document = json.loads((output / entry["url"].lstrip("/")).read_text("utf-8"))
        register = register_from_document(upgrade(document))
        for purpose in register.purposes.items:
            process = URIRef(f"{iri}#process-{purpose.id}")
            found = {str(o) for o in graph.objects(process, DPV.hasLegalBasis)}
            assert found == {
                dpv_terms.expand(dpv_terms.BASES[b.basis]) for b in purpose.legal_bases
            }
        previous = entry["jsonld"]


def test_each_notice_page_links_its_formats_and_embeds_none(history: Project):
    output = history.path / "output"
    index = json.loads((output / "api/versions.json").read_text("utf-8"))
    pages = [(f"{lang}/index.html", index["versions"][0], True) for lang in ("fi", "sv", "en")]
    pages += [
        (url.lstrip("/"), entry, False)
        for entry in index["versions"]
        for url in entry["html"].values()
    ]
    for name, entry, current in pages:
        html, head = parse(output, name)
        assert CSP in html and "script-src" not in html, name
        # the JSON-LD is linked: embedded, it would be half of the page's bytes
        assert SCRIPT.findall(html) == [], name
        formats = [a for a in head.alternates if a.get("type")]
        hrefs = {(a["type"], a.get("hreflang"), a["href"].split("/api/", 1)[-1]) for a in formats}
        date = "" if current else entry["date"]
        expected_json = "register.json" if current else f"versions/{date}.json"
        assert ("application/json", None, expected_json) in hrefs, name
        assert ("application/ld+json", None, expected_json + "ld") in hrefs, name
        for lang in entry["tilt"]:
            tilt = f"tilt/{lang}.json" if current else f"tilt/{date}/{lang}.json"
            assert ("application/json", lang, tilt) in hrefs, name
        lang = name.split("/", 1)[0]
        footer = {href.split("/api/", 1)[-1] for href in head.footer if "/api/" in href}
        assert footer == {"register.json", f"tilt/{lang}.json", "register.jsonld"}, name
