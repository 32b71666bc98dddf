"""The output directory: refuse a dangerous one, build beside it, swap in one atomic step.

``output`` is a symbolic link to a complete build in ``.output.builds/<id>``. A build
writes a new directory there and replaces the link with ``os.replace`` (one ``rename``
system call), so ``output/`` always names a complete site: the previous one until the
swap, the new one after it. Builds are serialised by an ``flock`` on
``.output.builds/lock``; builds no link points to are removed under that lock.

Only what this tool made there is ever removed (see :func:`_ours`): anything else in
``.output.builds`` is left alone with a warning, and a ``.output.builds`` that is a
symbolic link (to a bigger disk, say) is refused, since removing "old builds" there would
remove whatever else the link's target holds.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from privacy_notice.diagnostics import Diagnostic, PolicyError, display
from privacy_notice.files import fsync_directory, is_inside, umask

STAMP = ".privacy-notice-output"
_STAMP_TEXT = "written by privacy-notice build: this directory is replaced by every build\n"
# What a site built before the stamp existed always has (the public URL contract).
_LEGACY_MARKERS = ("index.html", "api/versions.json", "api/register.json")
_HOLDERS = ("project directory", "directory of the settings file")
# The names tempfile.mkdtemp gives (new_build): a build, its link while it is swapped in
# (swap: NAME.link) and an older output moved aside (swap: NAME.previous).
_BUILD_NAME = re.compile(r"[a-z0-9_]{8}")


def _refuse(target: Path, reason: str) -> PolicyError:
    return PolicyError([Diagnostic(display(target), message=f"refusing to build here: {reason}")])


def target_path(text: str) -> Path:
    """The absolute output path, its parent resolved and its own name kept (it is a link)."""
    if not text.strip():
        raise PolicyError(
            [Diagnostic("-o", message="the output directory is empty: name a directory")]
        )
    absolute = Path(os.path.abspath(os.path.expanduser(text)))
    if absolute.parent == absolute:  # the file system root
        raise _refuse(absolute, "it is the root of the file system")
    return absolute.parent.resolve() / absolute.name


def builds_dir(target: Path) -> Path:
    return target.with_name(f".{target.name}.builds")


def check_protected(target: Path, protected: Iterable[tuple[str, Path]]) -> None:
    """Refuse an output that is or holds a protected directory, or lies inside one that is
    an input (only a project directory, named as such, may hold the output)."""
    real = target.resolve() if target.is_symlink() and not _is_our_link(target) else target
    for label, path in protected:
        path = path.resolve()
        for candidate in {target, real}:
            if candidate == path:
                raise _refuse(target, f"it is the {label} ({display(path)})")
            if is_inside(path, candidate):
                raise _refuse(target, f"it contains the {label} ({display(path)})")
            if is_inside(candidate, path) and not label.startswith(_HOLDERS):
                raise _refuse(target, f"it is inside the {label} ({display(path)})")


def check_replaceable(target: Path, force: bool) -> None:
    """Refuse to replace what this tool did not write, unless ``force``."""
    if _is_our_link(target) or not os.path.lexists(target):
        return
    if target.is_symlink():
        raise _refuse(target, "it is a symbolic link privacy-notice did not make: remove it")
    if not target.is_dir():
        raise _refuse(target, "it is a file, not a directory: remove it or choose another")
    if force or _written_by_us(target) or not any(target.iterdir()):
        return
    raise _refuse(
        target,
        f"it is a directory privacy-notice did not write (it has no {STAMP}): "
        "choose a new or empty directory, or pass --force to replace it",
    )


def _written_by_us(directory: Path) -> bool:
    if (directory / STAMP).is_file():
        return True
    return all((directory / marker).is_file() for marker in _LEGACY_MARKERS)


def _is_our_link(target: Path) -> bool:
    if not target.is_symlink():
        return False
    pointed = Path(os.readlink(target))
    expected = Path(builds_dir(target).name)
    if pointed.parent != expected:
        return False
    build = target.parent / pointed
    return (build / STAMP).is_file() or not os.path.lexists(build)  # or its build was removed


def check_builds_folder(target: Path) -> None:
    """Refuse a builds folder of ``target`` that is not a plain folder: old builds are
    removed from it, never from the folder a symbolic link leads to."""
    directory = builds_dir(target)
    if directory.is_symlink():
        raise PolicyError(
            [
                Diagnostic(
                    display(directory),
                    message=f"refusing to build here: it is a symbolic link (to "
                    f"{display(directory.resolve())}), and each build removes the old builds "
                    "in it: remove the link (the next build makes the folder)",
                )
            ]
        )
    if os.path.lexists(directory) and not directory.is_dir():
        message = "refusing to build here: it is not a folder (builds go there): remove it"
        raise PolicyError([Diagnostic(display(directory), message=message)])


@contextlib.contextmanager
def build_lock(target: Path) -> Iterator[Path]:
    """Hold the lock of ``target``'s builds (a second build waits and says so). A first
    build that fails takes the builds folder it made with it: nothing is left behind."""
    check_builds_folder(target)
    directory = builds_dir(target)
    made = not os.path.lexists(directory)
    lock = _locked(directory, target)
    try:
        yield directory
    finally:
        if made and not _is_our_link(target):
            with contextlib.suppress(OSError):  # not empty (a user's file): it stays
                os.unlink(directory / "lock")
                os.rmdir(directory)
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


def _locked(directory: Path, target: Path) -> BinaryIO:
    """The lock file of ``directory``, locked. A build that waited may find that the lock
    it holds was removed meanwhile (the first build into a new output failed, and took
    its folder with it): it locks the one now there."""
    while True:
        directory.mkdir(parents=True, exist_ok=True)
        lock = open(directory / "lock", "a+b")  # noqa: SIM115 (returned, held by the caller)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"another build into {display(target)} is running: waiting for it",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            held, there = os.fstat(lock.fileno()), os.stat(directory / "lock")
            if (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino):
                return lock
        except FileNotFoundError:
            pass
        lock.close()  # and its lock with it


def new_build(directory: Path) -> Path:
    """A fresh, stamped build directory with the permissions the umask gives."""
    staging = Path(tempfile.mkdtemp(prefix="", dir=directory))
    staging.chmod(_mode(0o777))
    (staging / STAMP).write_text(_STAMP_TEXT, "utf-8")
    return staging


def _mode(base: int) -> int:
    return base & ~umask()


def normalise_modes(root: Path) -> None:
    """Directories 0755 and files 0644 (as the umask allows): a web server running as
    another user must read the site. Copied files may carry their source's mode."""
    directories, files = _mode(0o777), _mode(0o666)
    for path, _dirnames, filenames in os.walk(root):
        os.chmod(path, directories)
        for name in filenames:
            file = os.path.join(path, name)
            if not os.path.islink(file):
                os.chmod(file, files)


def swap(staging: Path, target: Path) -> None:
    """Point ``target`` at ``staging`` in one step; an older plain directory is migrated."""
    link = staging.with_name(f"{staging.name}.link")
    os.symlink(os.path.join(builds_dir(target).name, staging.name), link)
    if target.is_dir() and not target.is_symlink():
        # Built by an older version (a plain directory): moved aside, then replaced by the
        # link. Only this one-time migration has an instant with no output/.
        os.rename(target, builds_dir(target) / f"{staging.name}.previous")
    os.replace(link, target)
    fsync_directory(target.parent)


def clean(target: Path) -> None:
    """Remove the builds no link points to (call it holding the lock); whatever else is
    in the builds folder is left alone, with a warning."""
    directory = builds_dir(target)
    current = Path(os.readlink(target)).name if target.is_symlink() else None
    for entry in sorted(directory.iterdir()):
        if entry.name in ("lock", current):
            continue
        if not _ours(entry):
            _leave(entry, f"only its own builds are removed from {display(directory)}/")
        elif entry.is_symlink() or not entry.is_dir():
            entry.unlink()
        else:
            remove_tree(entry)
    for pattern in (f"{target.name}.build-*", f"{target.name}.old-*"):  # older versions
        for stale in sorted(target.parent.glob(pattern)):
            if not stale.is_dir() or stale.is_symlink():
                continue
            if _written_by_us(stale) or not any(stale.iterdir()):
                shutil.rmtree(stale, ignore_errors=True)
            else:
                _leave(stale, "it has the name of an older version's build, not its files")


def _ours(entry: Path) -> bool:
    """Whether an entry of a builds folder is this tool's: a build (a folder with the
    stamp, or a build killed before it had one: an empty folder of mkdtemp's name), a link
    or older output left by an interrupted swap. Symbolic links are never followed."""
    name, suffix = entry.name.partition(".")[::2]
    if entry.is_symlink():
        return suffix == "link" and bool(_BUILD_NAME.fullmatch(name))
    if not entry.is_dir():
        return False
    try:
        stamped = stat.S_ISREG(os.lstat(entry / STAMP).st_mode)
    except OSError:
        stamped = False
    if stamped or (suffix == "previous" and _BUILD_NAME.fullmatch(name)):
        return True
    return not suffix and bool(_BUILD_NAME.fullmatch(name)) and not any(entry.iterdir())


def _leave(entry: Path, why: str) -> None:
    warning = Diagnostic(
        display(entry),
        message=f"left alone: privacy-notice did not make it ({why}): move it elsewhere",
        severity="warning",
    )
    print(warning, file=sys.stderr)


def remove_tree(root: Path) -> None:
    """``shutil.rmtree(root, ignore_errors=True)``, with the directories removed by several
    threads. On a file system that discards freed blocks (this machine's ``discard``
    mount), each ``rmdir`` waits for the disk (~3 ms): a previous build's 23 directories
    took a tenth of a warm build in turn, and a few milliseconds side by side. Links are
    removed as links, never followed; whatever is left (an error) rmtree removes."""

    levels: dict[int, list[str]] = {}
    try:
        for path, dirnames, filenames in os.walk(root, onerror=_raise):
            levels.setdefault(path.count(os.sep), []).append(path)
            for name in [
                *filenames,
                *(d for d in dirnames if os.path.islink(os.path.join(path, d))),
            ]:
                os.unlink(os.path.join(path, name))
            dirnames[:] = [d for d in dirnames if os.path.lexists(os.path.join(path, d))]
        with ThreadPoolExecutor(8) as pool:
            for depth in sorted(levels, reverse=True):  # a directory once its children are gone
                list(pool.map(os.rmdir, levels[depth]))
    except OSError:
        pass
    shutil.rmtree(root, ignore_errors=True)  # nothing left, unless something failed above


def _raise(error: OSError) -> None:
    raise error
