"""The pipeline from inputs to what the site shows, with no Pelican in it:

policy.yaml -> load -> validate -> translate (catalogs) -> register document
            -> place among released versions -> models of every version.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from .diagnostics import Diagnostic, PolicyError, errors
from .export import canonical_json, sha256
from .i18n import CatalogFile, read_catalogs, resolve
from .load import Loaded, load_policy
from .model import Register, register_from_document
from .validate import validate
from .versions import History, place_current, read_history


@dataclass(frozen=True)
class Options:
    policy: FilePath
    translations: FilePath
    versions: FilePath
    allow_fallback: bool = False  # draft previews: show untranslated texts in the source language
    allow_draft: bool = True  # False for publishing: policy.yaml must be released


def display(path: FilePath) -> str:
    """A path as diagnostics show it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Version:
    date: str
    document: dict[str, Any]
    register: Register
    sha256: str
    draft: bool = False

    @property
    def languages(self) -> tuple[str, ...]:
        return self.register.languages


@dataclass(frozen=True)
class Site:
    versions: tuple[Version, ...]  # oldest first; the last is the current notice
    catalogs: Mapping[tuple[str, str], CatalogFile]
    warnings: tuple[Diagnostic, ...] = field(default=())

    @property
    def current(self) -> Version:
        return self.versions[-1]

    @property
    def languages(self) -> tuple[str, ...]:
        return self.current.languages

    @property
    def source_language(self) -> str:
        return self.current.register.source_language

    def previous(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index - 1] if index else None


def check_policy(options: Options) -> tuple[Loaded, list[Diagnostic]]:
    """Load and validate ``policy.yaml``; raise on errors, return it with its warnings."""
    loaded = load_policy(options.policy, display=display(options.policy))
    found = validate(loaded)
    if errors(found):
        raise PolicyError(found)
    return loaded, found


def translate_policy(options: Options, loaded: Loaded, *, allow_fallback: bool):
    """The register document of ``policy.yaml`` in every published language."""
    data = loaded.data
    catalogs = read_catalogs(
        options.translations,
        data["languages"],
        data["source_language"],
        display_root=display(options.translations),
    )
    resolution = resolve(loaded, catalogs, allow_fallback=allow_fallback)
    if errors(resolution.problems):
        raise PolicyError(resolution.problems)
    return catalogs, resolution


def build_site(options: Options) -> Site:
    loaded, warnings = check_policy(options)
    catalogs, resolution = translate_policy(options, loaded, allow_fallback=options.allow_fallback)
    history = read_history(options.versions, display(options.versions))
    released = place_current(loaded, resolution.document, history)
    if not released and not options.allow_draft:
        date = resolution.document["notice"]["updated"]
        raise PolicyError(
            [
                loaded.diagnostic(
                    ("notice", "updated"),
                    f"the version of {date} is not released: run 'make release' before publishing",
                )
            ]
        )
    versions = [_version(s.date, s.document, s.sha256) for s in history.snapshots]
    if not released:
        document = resolution.document
        versions.append(
            _version(
                document["notice"]["updated"],
                document,
                sha256(canonical_json(document)),
                draft=True,
                fallbacks=frozenset(resolution.fallbacks),
            )
        )
    return Site(tuple(versions), catalogs, tuple(warnings) + tuple(resolution.problems))


def _version(
    date: str,
    document: dict[str, Any],
    checksum: str,
    *,
    draft: bool = False,
    fallbacks: frozenset = frozenset(),
) -> Version:
    return Version(date, document, register_from_document(document, fallbacks), checksum, draft)


def load_history(options: Options) -> History:
    return read_history(options.versions, display(options.versions))
