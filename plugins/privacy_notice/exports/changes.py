"""The change record between two published documents (RFC 6902 JSON Patch) and the index
of every version (``api/versions.json``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import jsonpatch

from privacy_notice.history.effective import dates_of, periods
from privacy_notice.source.migrate import CURRENT_VERSION


def json_patch(old: Any, new: Any) -> list[dict[str, Any]]:
    """RFC 6902 operations that turn ``old`` into ``new`` (verified to do so)."""

    patch = jsonpatch.make_patch(old, new)
    if patch.apply(old) != new:  # a library bug here would publish a wrong change record
        raise RuntimeError("JSON Patch does not reproduce the new document")
    return list(patch)


def versions_index(
    versions: Sequence[Any], site_url: str, page_url: Callable[..., str]
) -> dict[str, Any]:
    """``api/versions.json``: every version, newest first, with what a client needs to
    fetch it, verify it and follow the chain of changes."""

    entries = []
    in_force = periods([dates_of(version.date, version.document["notice"]) for version in versions])
    for index, version in enumerate(versions):
        notice = version.document["notice"]
        previous = versions[index - 1].date if index else None
        entries.append(
            {
                "date": version.date,
                "effective": notice.get("effective", version.date),
                # From the dates alone, never from the build date (see effective.py).
                "in_force_from": in_force[index].since,
                "in_force_until": in_force[index].until,
                "material": notice["material"],
                "draft": version.draft,
                "summary": notice.get("summary"),
                "url": f"{site_url}/api/versions/{version.date}.json",
                "schema_version": version.schema_version,
                "schema": f"{site_url}/api/schema/{version.schema_version}/register.schema.json",
                "sha256": version.sha256,
                "previous": previous,
                "changes": f"{site_url}/api/changes/{version.date}.json" if previous else None,
                "html": {
                    lang: f"{site_url}/{page_url('version', lang, version.date)}"
                    for lang in version.languages
                },
            }
        )
    return {"current": versions[-1].date, "versions": entries[::-1]}


def schema_versions(versions: Sequence[Any]) -> list[int]:
    """The schema versions the published documents follow, and the current one (that of
    ``api/register.json``, which is always in today's schema)."""

    return sorted({CURRENT_VERSION, *(version.schema_version for version in versions)})
