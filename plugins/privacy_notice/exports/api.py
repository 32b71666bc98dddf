"""The files under ``api/`` of a register: its documents as published, their JSON Schemas,
the index of its versions and the change record (JSON Patch) of each version.
"""

from __future__ import annotations

import json
from typing import Any

from privacy_notice.exports import formats
from privacy_notice.exports.changes import json_patch, schema_versions, versions_index
from privacy_notice.history.canonical import canonical_json
from privacy_notice.history.versions import Site
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
        "api/register.schema.json": canonical_json(register_schema_for(site.languages)),
        **{
            register_schema_path(number): canonical_json(register_schema_for(None, number))
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
