"""The machine-readable formats of every version: where each lives (the URL contract), the
files of TILT and DPV JSON-LD, and their links from ``api/versions.json`` and from the pages.

Each version has stable identifiers: its pages ``/{lang}/versions/{date}/index.html`` (one
IRI per version and language), its register document ``/api/versions/{date}.json`` with
the SHA-256 of its bytes (in ``versions.json``), its TILT documents
``/api/tilt/{date}/{lang}.json`` and its JSON-LD ``/api/versions/{date}.jsonld`` (whose
``@id`` is that URL). The current files (``api/register.jsonld``, ``api/tilt/{lang}.json``)
are byte-identical copies of the newest version's.

A notice page links its JSON-LD (``<link rel="alternate" type="application/ld+json">``) and
does not embed it: the JSON-LD states every text of the notice again, in every language
(half of a page's bytes); even one language's would take a web shop's page past the 14 kB
a first round trip carries (issue 23).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from privacy_notice.exports.dpv import notice_jsonld
from privacy_notice.exports.tilt import Meta, tilt_document

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


def version_files(site: Any, number: int, site_url: str, page_url: PageUrl) -> dict[str, bytes]:
    """The dated files of the ``number``-th version (from 1): its TILT documents and its
    JSON-LD. The newest released version is ``active`` in TILT; older ones and drafts are
    ``inactive``. Nothing here depends on a later version but that status."""
    version = site.versions[number - 1]
    released = [v.date for v in site.versions if not v.draft]
    files = {}
    for lang in tilt_languages(version.languages):
        meta = Meta(
            number=number,
            created=site.versions[0].date,
            modified=version.date,
            active=bool(released) and version.date == released[-1],
            url=f"{site_url}/{page_url('version', lang, version.date)}",
        )
        document = tilt_document(version.register, lang, meta, site.locale(lang))
        files[format_url("tilt", lang, version.date)] = compact_json(document)
    previous = site.versions[number - 2].date if number > 1 else None
    pages = [f"{site_url}/{page_url('version', lang, version.date)}" for lang in version.languages]
    tilt = [f"{site_url}/{name}" for name in files]
    jsonld = notice_jsonld(
        version.register,
        f"{site_url}/{format_url('jsonld', date=version.date)}",
        sha256=version.sha256,
        date=version.date,
        previous=f"{site_url}/{format_url('jsonld', date=previous)}" if previous else None,
        formats=(*pages, f"{site_url}/{format_url('json', date=version.date)}", *tilt),
        locales=site.locales,
    )
    files[format_url("jsonld", date=version.date)] = compact_json(jsonld, sort_keys=True)
    return files


def compact_json(document: Any, sort_keys: bool = False) -> bytes:
    """A TILT or JSON-LD file: compact JSON (written by json's C encoder, several times
    faster than an indented one), UTF-8, ending in a newline. JSON-LD has its keys sorted
    (their order means nothing there)."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":"))
    return (text + "\n").encode()


@dataclass(frozen=True)
class Exports:
    """A site's TILT and JSON-LD files."""

    files: dict[str, bytes]  # path under the output directory -> bytes


def site_exports(site: Any, site_url: str, page_url: PageUrl) -> Exports:
    """Every TILT and JSON-LD file of the site (the current ones as copies of the newest
    version's)."""
    files: dict[str, bytes] = {}
    for number in range(1, len(site.versions) + 1):
        files.update(version_files(site, number, site_url, page_url))
    current = site.current
    for lang in tilt_languages(current.languages):
        files[format_url("tilt", lang)] = files[format_url("tilt", lang, current.date)]
    files[format_url("jsonld")] = files[format_url("jsonld", date=current.date)]
    return Exports(files)


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
