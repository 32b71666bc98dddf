"""The live preview's output of each register, kept between rebuilds in
``<CACHE_PATH>/preview/<slug>.json``, so that an edit of one register does not re-render
the others (see :mod:`.devserver`).

A register's entry is its feeds as data (the centre's site-wide feeds merge them) and its
output files as written (pages rendered, feeds as Atom) in a folder, under a key: the SHA-256
of every file the register's output can depend on (its policy, catalogs and versions,
``shared.yaml`` and the shared catalogs, the theme, the whole plugin) and of the build's
facts (settings, the build date, its URL space). Each register is still checked and placed
(every error reported); only the rendering is skipped. Used by the preview only: a
publishing build renders everything, and its plan goes through ``plan_ready``.

Every register's files are kept as a folder, ``<slug>-<key>/``, that each preview build
links into its output instead of writing its files again (writing thousands of files is
most of a rebuild's time): a further register's (all under ``registers/<slug>/``) by one
link, the root register's by a link for each entry beside the privacy centre's own files
(:func:`link_around`). The folder of the previous key is kept as long as the served build
may still link it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from pathlib import Path, PurePosixPath
from typing import Any

from .feeds import Entry, Feed
from .records import frozen

PLUGIN = Path(__file__).resolve().parent


@frozen
class Rendered:
    """A register's output as the preview cache keeps it."""

    files: Mapping[str, str]  # output name -> text, as written
    feeds: Mapping[str, Feed]  # output name -> the feed as data


def files_digest(roots: Iterable[Path]) -> bytes:
    """The SHA-256 of the files and folders ``roots`` (their paths and bytes)."""
    digest = hashlib.sha256()
    for root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def rendering_digest(theme: Path) -> bytes:
    """The SHA-256 of what every rendered text depends on besides a register's inputs and
    the settings: the theme (templates, catalogs), the plugin's code and schemas (published
    as they are), and the versions of Python and of the libraries that render (Jinja,
    Python-Markdown, nh3, Babel)."""
    import babel
    import jinja2
    import markdown
    import nh3

    versions = [
        sys.version,
        jinja2.__version__,
        markdown.__version__,
        getattr(nh3, "__version__", ""),
        babel.__version__,
    ]
    digest = hashlib.sha256(files_digest([theme, PLUGIN / "schema", *sorted(PLUGIN.glob("*.py"))]))
    digest.update(json.dumps(versions).encode())
    return digest.digest()


def inputs_key(inputs: Iterable[Path], facts: Any, common: bytes) -> str:
    """The key of a register's files and folders ``inputs`` and ``facts``; ``common``: the
    :func:`files_digest` of what every register's output depends on (the theme, the
    plugin: computed once a build)."""
    facts_text = json.dumps(facts, sort_keys=True, default=str).encode()
    return hashlib.sha256(common + files_digest(inputs) + facts_text).hexdigest()


# The entries this process read or wrote, by (cache folder, slug): the live preview's
# long-lived worker (see previewworker.py) reads each entry from disk once.
_IN_MEMORY: dict[tuple[Path, str], tuple[str, Rendered]] = {}


class PreviewCache:
    """Each register's rendered output by slug; a None directory remembers nothing."""

    def __init__(self, directory: str | Path | None) -> None:
        self.path = Path(directory) / "preview" if directory else None

    def folder(self, slug: str, key: str) -> Path | None:
        """Where a register's files of ``key`` are kept (see above)."""
        return self.path / f"{slug}-{key[:20]}" if self.path else None

    def get(self, slug: str, key: str) -> Rendered | None:
        """The entry of ``key``, whole (its folder still there), or None; its ``files``
        are in the folder, not in memory."""
        folder = self.folder(slug, key)
        if self.path is None or folder is None or not folder.is_dir():
            return None
        kept = _IN_MEMORY.get((self.path, slug))
        if kept is not None and kept[0] == key:
            return kept[1]
        try:
            entry = json.loads((self.path / f"{slug}.json").read_bytes())
        except (OSError, ValueError):
            return None
        if entry.get("key") != key:
            return None
        feeds = {
            name: Feed(**{**feed, "entries": tuple(Entry(**e) for e in feed["entries"])})
            for name, feed in entry["feeds"].items()
        }
        found = Rendered({}, feeds)
        _IN_MEMORY[(self.path, slug)] = (key, found)
        return found

    def last(self, slug: str) -> tuple[str, Rendered] | None:
        """The entry this process read or wrote last for ``slug`` (its key, its output)."""
        return _IN_MEMORY.get((self.path, slug)) if self.path else None

    def put(self, slug: str, key: str, rendered: Rendered, base: str) -> None:
        """Keep ``rendered``: a register's files (under ``base``, its URL space) as its
        folder, its feeds as data in the entry."""
        folder = self.folder(slug, key)
        if self.path is None or folder is None:
            return
        self.path.mkdir(parents=True, exist_ok=True)
        target = self.path / f"{slug}.json"
        self._keep_folder(slug, target, folder, base, rendered.files)
        data = {"key": key, "feeds": {name: asdict(f) for name, f in rendered.feeds.items()}}
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        temporary.replace(target)
        _IN_MEMORY[(self.path, slug)] = (key, Rendered({}, rendered.feeds))

    def _keep_folder(
        self, slug: str, entry: Path, folder: Path, base: str, files: Mapping[str, str]
    ) -> None:
        """Write ``folder``; delete the register's folders but it and the previous one.

        An old folder of the register (neither the previous one, which the served build
        links, nor one being written) is taken as the start of the new one and only its
        files that differ are written: on a disk where making and removing folders is slow,
        a rebuild then writes the few pages an edit changed, not every page and folder."""
        assert self.path is not None
        try:
            previous = self.folder(slug, json.loads(entry.read_bytes()).get("key", ""))
        except (OSError, ValueError):
            previous = None
        old = [
            path
            for path in self.path.glob(f"{slug}-*")
            # Not another register's ("camera-lobby-…" for "camera").
            if re.fullmatch(re.escape(slug) + r"-[0-9a-f]{20}(\.\d+\.(tmp|old))?", path.name)
            and path != previous
            and path.is_dir()
        ]
        building = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
        shutil.rmtree(building, ignore_errors=True)
        reused = next((path for path in old if _manifest(path) is not None), None)
        written = _manifest(reused) if reused is not None else None
        if reused is not None and written is not None:
            _manifest_path(reused).unlink()
            reused.rename(building)
            old.remove(reused)
        digests = {
            name.removeprefix(base): hashlib.sha256(text.encode()).hexdigest()
            for name, text in files.items()
        }
        for name, text in files.items():
            relative = name.removeprefix(base)
            if written is not None and written.get(relative) == digests[relative]:
                continue
            path = building / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        for relative in set(written or ()) - set(digests):
            (building / relative).unlink(missing_ok=True)
        building.mkdir(parents=True, exist_ok=True)
        for path in old:
            _manifest_path(path).unlink(missing_ok=True)
            _discard(path)
        if folder.is_dir():  # the previous one, of the same inputs (its entry was lost)
            _manifest_path(folder).unlink(missing_ok=True)
            _discard(folder)
        building.rename(folder)
        _manifest_path(folder).write_text(json.dumps(digests, sort_keys=True), "utf-8")


def _manifest_path(folder: Path) -> Path:
    """What a kept folder holds (each file's SHA-256), beside it: not linked into a build."""
    return folder.with_name(f"{folder.name}.manifest")  # JSON; not an entry (*.json)


def _manifest(folder: Path) -> dict[str, str] | None:
    try:
        data = json.loads(_manifest_path(folder).read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


# The live preview's worker removes old folders beside its next builds (see
# previewworker.py), not while the edited page waits for them: each is first renamed to a
# name no build uses, so that a build may make a folder of the same key meanwhile.
_STALE: list[Path] = []
_DEFERRED: list[bool] = []
_TRASH = itertools.count()


def defer_removals() -> None:
    """From now on, old folders are set aside for :func:`take_stale`, not removed."""
    _DEFERRED[:] = [True]


def _discard(folder: Path) -> None:
    if not _DEFERRED:
        shutil.rmtree(folder, ignore_errors=True)
        return
    trash = folder.with_name(f".trash-{os.getpid()}-{next(_TRASH)}")
    try:
        folder.rename(trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    _STALE.append(trash)


def take_stale() -> list[Path]:
    """The old folders set aside since the last call: the caller removes them."""
    taken = list(_STALE)
    _STALE.clear()
    return taken


def link_around(kept: Path, output: Path, reserved: Iterable[str]) -> None:
    """Link the root register's kept folder into ``output``: each entry by one symlink,
    except the folders where the build writes files of its own (``reserved``: the privacy
    centre's, e.g. ``fi/registers/index.html``), which are made and linked into in turn.
    A few dozen links instead of writing a file and making a folder for every page."""
    busy = {str(parent) for name in reserved for parent in PurePosixPath(name).parents}
    taken = set(reserved)

    def walk(relative: str) -> None:
        (output / relative).mkdir(parents=True, exist_ok=True)
        with os.scandir(kept / relative) as entries:
            for entry in entries:
                name = f"{relative}/{entry.name}" if relative != "." else entry.name
                if name in taken:
                    continue  # the build's own file wins (the writer's guard sees no clash)
                if name in busy and entry.is_dir(follow_symlinks=False):
                    walk(name)
                else:
                    target = Path(entry.path).resolve()
                    (output / name).symlink_to(target, target_is_directory=entry.is_dir())

    walk(".")
