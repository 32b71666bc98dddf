"""Released versions: an append-only store of register documents, one JSON file per update
date, with an index that records each file's SHA-256 at release.

A released document never changes. The build refuses a snapshot that no longer matches its
checksum, and a ``policy.yaml`` that claims a released date but says something else.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path as FilePath
from typing import Any

from jsonschema import Draft202012Validator

from privacy_notice.diagnostics import Diagnostic, PolicyError, Severity, YamlPath, format_path
from privacy_notice.files import (
    INDEX_BYTES,
    SNAPSHOT_BYTES,
    leftover_temporaries,
    parse_json,
    read_regular,
    write_atomically,
)
from privacy_notice.history.canonical import canonical_json, sha256
from privacy_notice.model.register import Register, register_from_document
from privacy_notice.source.loaded import Loaded
from privacy_notice.source.migrate import CURRENT_VERSION, schema_version, upgrade
from privacy_notice.source.schema import register_checks

INDEX = "index.json"


@dataclass(frozen=True)
class Version:
    """One version of the notice, the one type for it: its document read into the current
    schema version (what pages show, see :mod:`.migrate`) and the bytes it is published as
    (a released version's snapshot as stored, never rewritten). Its model is built when
    first asked for: the release commands read versions without needing it."""

    date: str
    document: dict[str, Any]
    sha256: str
    published: bytes
    schema_version: int = CURRENT_VERSION  # that of the stored document
    draft: bool = False  # not released: the preview or development build of policy.yaml
    fallbacks: frozenset[tuple[YamlPath, str]] = frozenset()  # texts shown untranslated

    @cached_property
    def register(self) -> Register:
        return register_from_document(self.document, self.fallbacks)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.register.languages


@dataclass(frozen=True)
class History:
    """Released snapshots (oldest first) and where they are stored."""

    directory: FilePath
    display: str
    snapshots: tuple[Version, ...]
    notes: tuple[Diagnostic, ...] = ()  # information, such as "never released"

    @property
    def latest(self) -> Version | None:
        return self.snapshots[-1] if self.snapshots else None

    def get(self, date: str) -> Version | None:
        return next((s for s in self.snapshots if s.date == date), None)


def read_history(
    directory: str | FilePath,
    display: str = "content/versions",
) -> History:
    """Read and verify every released snapshot; every problem at once."""
    directory = FilePath(directory)
    index_file = directory / INDEX
    problems: list[Diagnostic] = []
    if not os.path.lexists(directory):
        return History(directory, display, (), (_never_released(display),))
    if not directory.is_dir():
        raise PolicyError(
            [
                Diagnostic(
                    display,
                    message="the store of released versions is not a directory: restore "
                    "it from version control (or remove it if the notice was never released)",
                )
            ]
        )
    # Named on every read (a build, a release): a release killed mid-write leaves them.
    leftovers = tuple(leftover_temporaries(directory, display))
    if not os.path.lexists(index_file):
        if any(directory.glob("*.json")):
            raise PolicyError(
                [
                    Diagnostic(
                        f"{display}/{INDEX}",
                        message="missing: the "
                        "released versions have no index; restore it "
                        "from version control",
                    )
                ]
            )
        return History(directory, display, (), (_never_released(display), *leftovers))
    entries = _read_index(index_file, f"{display}/{INDEX}")
    snapshots = []
    for entry in entries:
        name = f"{display}/{entry['date']}.json"
        try:
            raw = read_regular(directory / f"{entry['date']}.json", name, SNAPSHOT_BYTES)
        except FileNotFoundError:
            problems.append(
                Diagnostic(
                    name,
                    message="missing: it is listed in the index as "
                    "released; restore it from version control",
                )
            )
            continue
        snapshot, found = _verify(raw, name, entry)
        problems += found
        if snapshot:
            snapshots.append(snapshot)
    listed = {f"{e['date']}.json" for e in entries} | {INDEX}
    for stray in sorted(p.name for p in directory.glob("*.json") if p.name not in listed):
        problems.append(
            Diagnostic(
                f"{display}/{stray}",
                message="not in the index of released versions (left by an interrupted "
                "release, or copied here): delete this file, then run 'make release' again",
            )
        )
    if problems:
        raise PolicyError([*problems, *leftovers])
    return History(directory, display, tuple(snapshots), leftovers)


def _never_released(display: str) -> Diagnostic:
    return Diagnostic(
        display,
        message="no released versions: the notice has never been released "
        "('make release' releases it); if it was, restore this directory from version control",
        severity="note",
    )


def _read_index(path: FilePath, display: str) -> list[dict[str, str]]:
    try:
        index = parse_json(read_regular(path, display, INDEX_BYTES), display)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line, col = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        message = (
            f"not valid JSON ({getattr(exc, 'msg', exc)}), perhaps truncated by an "
            f"interrupted release: restore it from version control ('git checkout -- {display}')"
        )
        raise PolicyError([Diagnostic(display, line, col, "", message)]) from None
    entries = index.get("versions") if isinstance(index, dict) else None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("date"), str)
        and isinstance(e.get("sha256"), str)
        and _is_date(e["date"])
        for e in entries
    ):
        raise PolicyError(
            [
                Diagnostic(
                    display,
                    1,
                    1,
                    "versions",
                    'expected a list of {"date": "YYYY-MM-DD", "sha256": "..."} entries',
                )
            ]
        )
    dates = [e["date"] for e in entries]
    if dates != sorted(set(dates)):
        raise PolicyError(
            [Diagnostic(display, 1, 1, "versions", "dates must be unique and in ascending order")]
        )
    return entries


def _is_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _verify(
    raw: bytes, name: str, entry: dict[str, str]
) -> tuple[Version | None, list[Diagnostic]]:
    if sha256(raw) != entry["sha256"]:
        return None, [
            Diagnostic(
                name,
                message="its content no longer matches the SHA-256 "
                "recorded when it was released: released versions must not be "
                "edited; restore the file from version control",
            )
        ]
    try:
        document = parse_json(raw, name)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line, col = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        return None, [
            Diagnostic(name, line, col, "", f"not valid JSON: {getattr(exc, 'msg', exc)}")
        ]
    except PolicyError as exc:
        return None, list(exc.diagnostics)
    try:
        found = check_document(document, name)
    except RecursionError:  # nested just below what the JSON reader refuses
        found = [Diagnostic(name, message="nested too deep: restore it from version control")]
    if not found and document["notice"]["updated"] != entry["date"]:
        found.append(Diagnostic(name, 0, 0, "notice.updated", "does not match the file's date"))
    if found:
        return None, found
    version = Version(
        entry["date"], upgrade(document), entry["sha256"], raw, schema_version(document)
    )
    return version, found


def check_document(document: Any, name: str) -> list[Diagnostic]:
    """Problems of a register document against the published schema."""
    languages = document.get("languages") if isinstance(document, dict) else None
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        return [Diagnostic(name, 0, 0, "languages", "missing: not a register document")]
    version = schema_version(document)
    if not 1 <= version <= CURRENT_VERSION:
        return [
            Diagnostic(
                name,
                0,
                0,
                "schema_version",
                f"{version!r} is not a schema version this tool knows (1 to {CURRENT_VERSION})",
            )
        ]

    validator = Draft202012Validator(register_checks(tuple(languages), version))
    return [
        Diagnostic(name, 0, 0, format_path(tuple(e.absolute_path)), e.message)
        for e in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


class Placement(enum.Enum):
    """Where ``policy.yaml`` stands among the released versions."""

    RELEASED = "released"  # identical to the snapshot of its date
    DRAFT = "draft"  # newer than every release
    CHANGED_RELEASE = "changed"  # a released date, but different content


def place_current(loaded: Loaded, document: dict[str, Any], history: History) -> Placement:
    """Where ``document`` (from ``policy.yaml``) stands; raise if its date is earlier than
    the last release (nothing can ever be inserted into the history)."""
    date = document["notice"]["updated"]
    released = history.get(date)
    if released is not None:
        return Placement.RELEASED if released.document == document else Placement.CHANGED_RELEASE
    latest = history.latest
    if latest is not None and date < latest.date:
        raise PolicyError(
            [
                loaded.diagnostic(
                    ("notice", "updated"),
                    f"{date} is earlier than "
                    f"the last released version ({latest.date}): set "
                    "a later date",
                )
            ]
        )
    return Placement.DRAFT


def changed_release(loaded: Loaded, date: str, *, severity: Severity = "error") -> Diagnostic:
    shared = sorted({m.file for m in loaded.values.values() if m.file})
    source = " and ".join(["policy.yaml", *shared])  # with the shared blocks it uses
    # A change of a shared block: one command dates and releases every register using it.
    shared_route = (
        f" (for a change of {' and '.join(shared)}, 'privacy-notice release --summary "
        '"what changed"\' does it for every register that uses it)'
        if shared
        else ""
    )
    return loaded.diagnostic(
        ("notice", "updated"),
        f"{date} is already released and its content "
        f"differs from {source}: set a new update date and release it "
        f"('make release'){shared_route}",
        severity=severity,
    )


def release(document: dict[str, Any], history: History) -> FilePath:
    """Write ``document`` as a new released version and record its checksum.

    Each file is written to a temporary file in the store, flushed to disk and renamed
    over its name: the snapshot first, the index last. Interrupted at any moment, the
    store holds the old index (and perhaps a complete snapshot it does not list, which
    :func:`read_history` names for deletion), never a partial file.
    """
    date = document["notice"]["updated"]
    raw = canonical_json(document)
    history.directory.mkdir(parents=True, exist_ok=True)
    target = history.directory / f"{date}.json"
    entries = [{"date": s.date, "sha256": s.sha256} for s in history.snapshots]
    entries.append({"date": date, "sha256": sha256(raw)})
    write_atomically(target, raw)
    write_atomically(history.directory / INDEX, canonical_json({"versions": entries}))
    return target
