"""The files under ``api/`` of a register: its documents as published, their JSON Schemas,
the index of its versions and the change record (JSON Patch) of each version.

What is a pure function of what it is asked by (a document of its bytes' SHA-256, a change
record of its two documents', a schema of its languages and version) is taken from the
kept texts of earlier builds (see :class:`~.cache.KeptTexts`, the register's, made in
:mod:`.generator`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import lru_cache, partial

from . import export, formats
from .cache import KeptTexts, kept_text
from .migrate import CURRENT_VERSION
from .schema import register_schema_for, register_schema_path
from .site import Site


def api_files(
    site: Site,
    site_url: str,
    exports: formats.Exports,
    page_url: formats.PageUrl,
    kept: KeptTexts | None = None,
) -> dict[str, bytes]:
    """Every file under ``api/``: the documents, their schemas, the index and the changes
    (the index links each version's pages, ``page_url``); ``kept``: those of earlier
    builds that are pure functions of what they are kept by."""
    current = site.current
    files = {
        # A version's document is a function of the bytes it is published as.
        "api/register.json": _kept(
            kept, f"document {current.sha256}", lambda: export.canonical_json(current.document)
        ),
        "api/register.schema.json": _schema(kept, site.languages),
        **{
            register_schema_path(number): _schema(kept, None, number)
            for number in export.schema_versions(site.versions)
        },
        "api/versions.json": export.canonical_json(
            formats.add_format_links(
                export.versions_index(site.versions, site_url, page_url), site, site_url
            )
        ),
        **exports.files,
    }
    for previous, version in zip([None, *site.versions], site.versions, strict=False):
        # Published as stored, so that its SHA-256 in versions.json is the file's; the
        # change record applies to the documents as published.
        files[f"api/versions/{version.date}.json"] = version.published
        if previous is not None:
            question = f"change {previous.sha256} {version.sha256}"  # their bytes' SHA-256
            record = partial(_change_record, previous.published, version.published)
            files[f"api/changes/{version.date}.json"] = _kept(kept, question, record)
    return files


def _schema(
    kept: KeptTexts | None, languages: Sequence[str] | None, number: int = CURRENT_VERSION
) -> bytes:
    """The published JSON Schema of version ``number`` for documents in ``languages``
    (None: in any); the schema files are in the kept texts' key (see generator.py)."""
    question = "schema " + json.dumps([languages, number])
    return _kept(
        kept, question, lambda: export.canonical_json(register_schema_for(languages, number))
    )


def _kept(kept: KeptTexts | None, question: str, make: Callable[[], bytes]) -> bytes:
    """``make()`` (UTF-8), or what it made in an earlier build, asked by ``question``."""
    return kept_text(kept, question, lambda: make().decode()).encode()


@lru_cache(maxsize=1024)
def _change_record(old: bytes, new: bytes) -> bytes:
    """The JSON Patch from ``old`` to ``new`` (published documents): a pure function of
    them, computed once a process (the live preview's worker builds again and again)."""
    return export.canonical_json(export.json_patch(json.loads(old), json.loads(new)))
