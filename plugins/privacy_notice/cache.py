"""Inputs already known to pass JSON Schema validation, so that a rebuild of unchanged
inputs need not import jsonschema at all (its import alone is a fifth of a build).

A key is the SHA-256 of the input's bytes together with the bytes of everything that
decides the outcome: the schema and the validating code. Change any of them and the key
changes. Only passing results are remembered; problems are always found afresh.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

# What decides whether an input passes: every schema version (a released snapshot is
# checked against the schema of its own version) and the code that validates.
_DECIDING_FILES = (
    "schema/policy.schema.json",
    "schema/v1/policy.schema.json",
    "migrate.py",
    "validate.py",
    "load.py",
    "versions.py",
    "schema.py",
)
_LIMIT = 512  # keys kept; a project has a handful of versions and a few drafts


@cache
def code_fingerprint(names: tuple[str, ...], salt: bytes = b"") -> bytes:
    """The SHA-256 of the plugin's files ``names`` (relative to this package), after
    ``salt``: a cache key that changes whenever the code that made a result changes."""
    here = Path(__file__).parent
    digest = hashlib.sha256(salt)
    for name in names:
        digest.update((here / name).read_bytes())
    return digest.digest()


class ValidationCache:
    """A set of keys in ``<directory>/validated``; a None directory remembers nothing."""

    def __init__(self, directory: str | Path | None) -> None:
        self.path = Path(directory) / "validated" if directory else None
        self._keys: list[str] = []
        if self.path is not None and self.path.is_file():
            self._keys = self.path.read_text("ascii", errors="replace").split()
        self._known = set(self._keys)
        self._dirty = False

    @staticmethod
    def key(kind: str, *parts: bytes) -> str:
        digest = hashlib.sha256(code_fingerprint(_DECIDING_FILES) + kind.encode())
        for part in parts:
            digest.update(len(part).to_bytes(8, "big") + part)
        return digest.hexdigest()

    def known(self, key: str) -> bool:
        return self.path is not None and key in self._known

    def remember(self, key: str) -> None:
        if self.path is not None and key not in self._known:
            self._keys.append(key)
            self._known.add(key)
            self._dirty = True

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text("\n".join(self._keys[-_LIMIT:]) + "\n", "ascii")
        self._dirty = False
