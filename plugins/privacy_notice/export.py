"""Machine-readable output: canonical JSON, checksums, JSON Patch, the version index."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any


def canonical_json(document: Any) -> bytes:
    """The bytes a document is released, published and checksummed as: the same for the
    same content, whatever order ``policy.yaml`` states it in.

    Object keys are sorted (by code point: RFC 8785 sorts by UTF-16 code unit, which
    differs only for characters beyond U+FFFF, and keys here are ids and language codes);
    two-space indentation and one key per line, so that a change is a short diff; UTF-8,
    not ``\\u`` escapes; a newline at the end. Numbers: register documents hold only
    strings, booleans, null, lists and objects. An integer (the published schema has a
    few) is written in plain decimal digits, as RFC 8785 writes it, and must be within
    ±2**53; a float is refused, as its text differs between implementations.

    Released snapshots are never written again: they are published as the bytes they were
    released as (snapshots released before keys were sorted keep their order).
    """
    _check_numbers(document)
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _check_numbers(value: object) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _check_numbers(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_numbers(item)
    elif isinstance(value, float):
        raise ValueError(f"canonical JSON holds no floats: {value!r}")
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        raise ValueError(f"canonical JSON holds integers within ±2**53 only: {value}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def json_patch(old: Any, new: Any) -> list[dict[str, Any]]:
    """RFC 6902 operations that turn ``old`` into ``new`` (verified to do so)."""
    import jsonpatch  # only a site with history needs it

    patch = jsonpatch.make_patch(old, new)
    if patch.apply(old) != new:  # a library bug here would publish a wrong change record
        raise RuntimeError("JSON Patch does not reproduce the new document")
    return list(patch)


def versions_index(
    versions: Sequence[Any], site_url: str, page_url: Callable[..., str]
) -> dict[str, Any]:
    """``api/versions.json``: every version, newest first, with what a client needs to
    fetch it, verify it and follow the chain of changes."""
    from .effective import dates_of, periods

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
    from .migrate import CURRENT_VERSION

    return sorted({CURRENT_VERSION, *(version.schema_version for version in versions)})
