"""The files under ``api/`` of a register: its documents as published, their JSON Schemas,
the index of its versions and the change record (JSON Patch) of each version.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from privacy_notice.exports import formats
from privacy_notice.exports.changes import json_patch, schema_versions, versions_index
from privacy_notice.history.canonical import canonical_json
from privacy_notice.history.versions import Site
from privacy_notice.source.migrate import CURRENT_VERSION
from privacy_notice.source.schema import register_schema_for, register_schema_path


def api_files(
    site: Site,
    site_url: str,
    exports: formats.Exports,
    page_url: formats.PageUrl,
) -> dict[str, bytes]:
    """Every file under ``api/``: the documents, their schemas, the index and the changes
    (the index links each version's pages, ``page_url``)."""
    files = {
        "api/register.json": canonical_json(site.current.document),
        "api/register.schema.json": published_schema(site.languages),
        **{
            register_schema_path(number): published_schema(None, number)
            for number in schema_versions(site.versions)
        },
        "api/versions.json": canonical_json(
            formats.add_format_links(
                versions_index(site.versions, site_url, page_url), site, site_url
            )
        ),
        **exports.files,
    }
    previous: Any = None
    for version in site.versions:
        # Published as stored, so that its SHA-256 in versions.json is the file's; the
        # change record applies to the documents as published.
        files[f"api/versions/{version.date}.json"] = version.published
        published = json.loads(version.published)
        if previous is not None:
            files[f"api/changes/{version.date}.json"] = canonical_json(
                json_patch(previous, published)
            )
        previous = published
    return files


@cache
def published_schema(languages: tuple[str, ...] | None, version: int = CURRENT_VERSION) -> bytes:
    """The published register schema (see :func:`.schema.register_schema_for`), as bytes:
    the same for every register of a site with the same languages, so made once."""
    return canonical_json(register_schema_for(languages, version))
