"""The machine-readable formats of every version: where each lives (the URL contract), the
files of TILT and DPV JSON-LD, their links from ``api/versions.json`` and from the pages,
and the JSON-LD data block embedded in each notice page.

Each version has stable identifiers: its pages ``/{lang}/versions/{date}/index.html`` (one
IRI per version and language), its register document ``/api/versions/{date}.json`` with
the SHA-256 of its bytes (in ``versions.json``), its TILT documents
``/api/tilt/{date}/{lang}.json`` and its JSON-LD ``/api/versions/{date}.jsonld`` (whose
``@id`` is that URL). The current files (``api/register.jsonld``, ``api/tilt/{lang}.json``)
are byte-identical copies of the newest version's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup

from .dpv import notice_jsonld
from .export import canonical_json
from .tilt import Meta, tilt_document

PageUrl = Callable[..., str]


def format_url(kind: str, lang: str = "", date: str = "") -> str:
    """The site-relative URL of a format: ``json``, ``tilt`` (per language) or ``jsonld``;
    the current notice's without ``date``."""
    if kind == "tilt":
        return f"api/tilt/{date}/{lang}.json" if date else f"api/tilt/{lang}.json"
    suffix = {"json": "json", "jsonld": "jsonld"}[kind]
    return f"api/versions/{date}.{suffix}" if date else f"api/register.{suffix}"


def tilt_languages(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages TILT can hold: its ``meta.language`` takes ISO 639-1 (two letters)."""
    return tuple(lang for lang in languages if len(lang) == 2)


def jsonld_documents(site: Any, site_url: str, page_url: PageUrl) -> dict[str, dict]:
    """The JSON-LD document of every version, by date."""
    documents = {}
    previous = None
    for version in site.versions:
        iri = f"{site_url}/{format_url('jsonld', date=version.date)}"
        pages = [
            f"{site_url}/{page_url('version', lang, version.date)}" for lang in version.languages
        ]
        tilt = [
            f"{site_url}/{format_url('tilt', lang, version.date)}"
            for lang in tilt_languages(version.languages)
        ]
        documents[version.date] = notice_jsonld(
            version.register,
            iri,
            sha256=version.sha256,
            date=version.date,
            previous=previous,
            formats=(*pages, f"{site_url}/{format_url('json', date=version.date)}", *tilt),
            locales=site.locales,
        )
        previous = iri
    return documents


def jsonld_bytes(document: Mapping[str, Any]) -> bytes:
    """A JSON-LD file: keys sorted (their order means nothing in JSON-LD), lists as given."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def script_tag(document: Mapping[str, Any]) -> Markup:
    """``document`` as a ``<script type="application/ld+json">`` data block for a page.
    ``<``, ``>`` and ``&`` are written as JSON escapes (``\\u003c``…: the same JSON), so no
    text in it can close the element or open a comment. A data block is never executed:
    the pages' CSP keeps ``script-src`` closed."""
    data = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{data}</script>')


def tilt_files(site: Any, site_url: str, page_url: PageUrl) -> dict[str, bytes]:
    """``api/tilt/{date}/{lang}.json`` for every version, ``api/tilt/{lang}.json`` for the
    current one. The newest released version is ``active``; older ones and drafts are
    ``inactive``."""
    released = [v.date for v in site.versions if not v.draft]
    first = site.versions[0].date
    files = {}
    for number, version in enumerate(site.versions, start=1):
        for lang in tilt_languages(version.languages):
            meta = Meta(
                number=number,
                created=first,
                modified=version.date,
                active=bool(released) and version.date == released[-1],
                url=f"{site_url}/{page_url('version', lang, version.date)}",
            )
            document = tilt_document(version.register, lang, meta, site.locale(lang))
            files[format_url("tilt", lang, version.date)] = canonical_json(document)
    current = site.current
    for lang in tilt_languages(current.languages):
        files[format_url("tilt", lang)] = files[format_url("tilt", lang, current.date)]
    return files


def export_files(
    site: Any, site_url: str, page_url: PageUrl, jsonld: Mapping[str, dict]
) -> dict[str, bytes]:
    """Every TILT and JSON-LD file of the site, by its path under the output directory."""
    files = tilt_files(site, site_url, page_url)
    for date, document in jsonld.items():
        files[format_url("jsonld", date=date)] = jsonld_bytes(document)
    files[format_url("jsonld")] = files[format_url("jsonld", date=site.current.date)]
    return files


def add_format_links(index: dict[str, Any], site: Any, site_url: str) -> dict[str, Any]:
    """``versions.json`` with each version's TILT documents and JSON-LD."""
    languages = {version.date: version.languages for version in site.versions}
    for entry in index["versions"]:
        date = entry["date"]
        entry["tilt"] = {
            lang: f"{site_url}/{format_url('tilt', lang, date)}"
            for lang in tilt_languages(languages[date])
        }
        entry["jsonld"] = f"{site_url}/{format_url('jsonld', date=date)}"
    return index


def alternate_links(version: Any, current: bool) -> list[dict[str, str]]:
    """The ``<link rel="alternate">`` of a notice page: its register document (JSON), its
    JSON-LD and its TILT documents (``hreflang`` each); site-relative."""
    date = "" if current else version.date
    links = [
        {"type": "application/json", "href": format_url("json", date=date), "title": "JSON"},
        {
            "type": "application/ld+json",
            "href": format_url("jsonld", date=date),
            "title": "JSON-LD",
        },
    ]
    for lang in tilt_languages(version.languages):
        tilt = {"type": "application/json", "href": format_url("tilt", lang, date)}
        links.append({**tilt, "title": "TILT", "hreflang": lang})
    return links
