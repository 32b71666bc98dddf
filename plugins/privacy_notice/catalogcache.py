"""Catalogs already read and checked, kept in ``<CACHE_PATH>/catalogs/`` so that a rebuild
with unchanged ``.po`` files does not parse them again (Babel's PO parser is pure Python:
reading, checking and compiling the catalogs was ~40 ms of every build).

A key is the SHA-256 of the ``.po`` file's bytes, its language and domain, the code that
reads and checks it and Babel's version: change any of them and the catalog is read and
checked afresh. Only catalogs that passed every check are kept (problems are always found
anew, at their lines). An entry holds the parsed catalog and, for a theme catalog, the
``.mo`` bytes Jinja's gettext reads. Entries are pickles: like Jinja's bytecode cache
beside them, the folder is the project's own, never shared.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from babel.messages.catalog import Catalog

from .cache import code_fingerprint
from .records import frozen

_DECIDING_FILES = ("i18n.py", "theme_i18n.py", "catalogcache.py", "texts.py")
_LIMIT = 64  # entries kept: a project has a few catalogs, each in a few revisions


@frozen
class CachedCatalog:
    """A checked catalog as kept, and the theme catalog's compiled form."""

    catalog: Catalog
    compiled: bytes | None  # the theme catalog as .mo bytes; None for a policy catalog


class CatalogCache:
    """Checked catalogs by key in ``<directory>/catalogs``; None remembers nothing."""

    def __init__(self, directory: str | Path | None) -> None:
        self.path = Path(directory) / "catalogs" if directory else None

    @staticmethod
    def key(raw: bytes, lang: str, domain: str) -> str:
        import babel

        code = code_fingerprint(_DECIDING_FILES, babel.__version__.encode())
        digest = hashlib.sha256(code)
        for part in (lang.encode(), domain.encode(), raw):
            digest.update(len(part).to_bytes(8, "big") + part)
        return digest.hexdigest()

    def get(self, key: str) -> CachedCatalog | None:
        if self.path is None:
            return None
        try:
            entry = pickle.loads((self.path / f"{key}.pickle").read_bytes())
        except Exception:  # missing, truncated or from another Babel: read the file again
            return None
        return entry if isinstance(entry, CachedCatalog) else None

    def put(self, key: str, entry: CachedCatalog) -> None:
        if self.path is None:
            return
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            target = self.path / f"{key}.pickle"
            temporary = target.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
            temporary.replace(target)
            self._prune()
        except OSError:  # a cache that cannot be written only costs time
            pass

    def _prune(self) -> None:
        assert self.path is not None
        entries = sorted(self.path.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-_LIMIT]:
            old.unlink(missing_ok=True)
