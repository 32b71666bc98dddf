"""The TILT and JSON-LD files of versions whose inputs have not changed since the last
build, kept in ``<CACHE_PATH>/exports/``, so that a rebuild does not make them again
(a released version never changes; most rebuilds change nothing or only the newest).

A key is the SHA-256 of everything the files depend on (see ``formats._key``: the
version's document, the site URL, its place in the history, which version is in force,
the locales) together with the exporting code and Babel's version. Entries that a build
does not use are deleted when it saves, so the folder holds one site's versions.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .cache import code_fingerprint

_DECIDING_FILES = (
    "tilt.py",
    "tilt_data.py",
    "dpv.py",
    "dpv_parties.py",
    "dpv_terms.py",
    "exporttexts.py",
    "formats.py",
    "markup.py",
    "localize.py",
    "texts.py",
    "model.py",
)


class ExportCache:
    """Files by key in ``<directory>/exports``; a None directory remembers nothing."""

    def __init__(self, directory: str | Path | None) -> None:
        self.path = Path(directory) / "exports" if directory else None
        self._used: set[str] = set()
        self._new: dict[str, dict[str, bytes]] = {}

    @staticmethod
    def key(facts: bytes) -> str:
        import babel

        code = code_fingerprint(_DECIDING_FILES, babel.__version__.encode())
        return hashlib.sha256(code + facts).hexdigest()

    def get(self, key: str) -> dict[str, bytes] | None:
        self._used.add(key)
        if self.path is None:
            return None
        try:
            entry = json.loads((self.path / f"{key}.json").read_bytes())
        except (OSError, ValueError):
            return None
        return {name: text.encode() for name, text in entry.items()}

    def put(self, key: str, files: dict[str, bytes]) -> None:
        self._used.add(key)
        self._new[key] = files

    def save(self) -> None:
        if self.path is None:
            return
        self.path.mkdir(parents=True, exist_ok=True)
        for key, files in self._new.items():
            target = self.path / f"{key}.json"
            temporary = target.with_suffix(f".{os.getpid()}.tmp")
            data = {name: content.decode() for name, content in files.items()}
            temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            temporary.replace(target)
        for entry in self.path.glob("*.json"):
            if entry.stem not in self._used:
                entry.unlink(missing_ok=True)
        self._new = {}
