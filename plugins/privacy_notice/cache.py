"""What a build remembers for the next: inputs already known to pass JSON Schema validation,
so that a rebuild of unchanged inputs need not import jsonschema at all (its import alone
is a fifth of a build), and the answers of slow pure functions (:class:`KeptTexts`).

A key is the SHA-256 of the input's bytes together with the bytes of everything that
decides the outcome: the schema and the validating code. Change any of them and the key
changes. Only passing results are remembered; problems are always found afresh.
"""

from __future__ import annotations

import json
import marshal
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

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
    import hashlib  # not at import: validate, which keeps nothing, need not load OpenSSL

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
        import hashlib

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


class KeptTexts:
    """Texts by question, kept between builds in one file: the answers of pure functions
    that are slow to ask again (Babel's formatting, a rendered body, a redline). The file
    is Python's marshal of ``{"key": ..., "texts": {question: answer}}``: a megabyte of
    rendered pages loads in a fifth of the time JSON takes.

    The file holds ``key``, a digest of everything else the answers depend on (the code,
    the libraries, the theme): a file of another key is not read. With ``forget_unused``,
    :meth:`save` keeps only the answers used since the last save (the file holds what the
    last build asked: a body of a version since edited is dropped); else every answer."""

    def __init__(self, *, forget_unused: bool = True) -> None:
        self._forget_unused = forget_unused
        self._known: dict[str, str] = {}
        self._used: set[str] = set()
        self._on_disk: set[str] = set()
        self._path: Path | None = None
        self._key = ""

    @property
    def path(self) -> Path | None:
        """The file the answers are kept in, once :meth:`keep_in` named one."""
        return self._path

    def keep_in(self, path: Path, key: str) -> None:
        """Read (and later write) the answers at ``path``; those in memory stay."""
        if (path, key) == (self._path, self._key):
            return
        self._path, self._key, self._on_disk = path, key, set()
        try:
            kept = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):  # missing, damaged, another Python
            return
        texts = kept.get("texts") if isinstance(kept, dict) and kept.get("key") == key else None
        if isinstance(texts, dict) and all(
            isinstance(q, str) and isinstance(a, str) for q, a in texts.items()
        ):
            self._known = {**texts, **self._known}
            self._on_disk = set(texts)

    def __call__(self, question: str, answer: Callable[[], str]) -> str:
        """The kept answer to ``question``, else ``answer()``, kept."""
        known = self.get(question)
        if known is None:
            known = answer()
            self.put(question, known)
        return known

    def get(self, question: str) -> str | None:
        """The kept answer to ``question``, if there is one (then it counts as used)."""
        known = self._known.get(question)
        if known is not None:
            self._used.add(question)
        return known

    def put(self, question: str, answer: str) -> None:
        self._known[question] = answer
        self._used.add(question)

    def save(self) -> None:
        """Write the answers kept (see above), unless the file holds just those."""
        kept = sorted(self._used if self._forget_unused else self._known)
        used = {question: self._known[question] for question in kept}
        self._known, self._used = dict(used), set()
        if self._path is None or set(used) == self._on_disk:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps({"key": self._key, "texts": used}))
        temporary.replace(self._path)
        self._on_disk = set(used)


def kept_text(kept: KeptTexts | None, question: str, make: Callable[[], str]) -> str:
    """``make()``, or the answer to ``question`` that ``kept`` holds from an earlier build;
    without ``kept`` (the preview's worker keeps its own), always made."""
    return make() if kept is None else kept(question, make)


def kept_data(kept: KeptTexts | None, question: str, make: Callable[[], Any]) -> Any:
    """:func:`kept_text` of data made of JSON's kinds, kept as JSON (so a tuple made comes
    back from ``kept`` as a list: callers build their objects from either)."""
    if kept is None:
        return make()
    return json.loads(kept(question, lambda: json.dumps(make(), ensure_ascii=False)))
