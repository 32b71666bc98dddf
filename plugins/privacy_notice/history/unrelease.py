"""``privacy-notice release --undo DATE``: withdraw the latest release before it is
published, for a first draft released by mistake.

"Published" is decided offline, from version control: a release counts as published once
its snapshot is committed (the file is in git's ``HEAD``), since that is what a
publishing pipeline builds from. Such a release is only undone with ``--force``; outside
a git repository nothing counts as published. Only the latest release can be undone, so
the history stays a chain: the index is rewritten first (atomically), then the snapshot
removed. ``policy.yaml`` is left as it is: its version is a draft again.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path as FilePath

from privacy_notice.diagnostics import Diagnostic, PolicyError
from privacy_notice.history.canonical import canonical_json
from privacy_notice.history.store import INDEX, History


def committed(path: FilePath) -> bool:
    """Whether ``path`` is in the ``HEAD`` commit of the git repository holding it."""
    try:
        result = subprocess.run(
            ["git", "ls-tree", "--name-only", "HEAD", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):  # no git: nothing can be shown published
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


def check_undo(history: History, date: str, *, force: bool) -> list[Diagnostic]:
    """Why ``date`` cannot be undone, if it cannot."""
    index = f"{history.display}/{INDEX}"
    latest = history.latest
    if history.get(date) is None:
        known = ", ".join(s.date for s in history.snapshots) or "none"
        return [Diagnostic(index, message=f"{date} is not a released version (released: {known})")]
    assert latest is not None
    if date != latest.date:
        return [
            Diagnostic(
                index,
                message=f"{date} is not the latest release ({latest.date}): only the "
                "latest release can be undone; publish a new version to correct an older one",
            )
        ]
    snapshot = history.directory / f"{date}.json"
    if committed(snapshot) and not force:
        return [
            Diagnostic(
                f"{history.display}/{date}.json",
                message="committed to git, so it may be published: undo it with --force "
                "only if it was never published, else release a correction",
            )
        ]
    return []


def write_atomic(path: FilePath, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then swap it in."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        FilePath(temporary).unlink(missing_ok=True)
        raise


def undo(history: History, date: str, *, force: bool = False) -> FilePath:
    """Remove the latest release ``date``; the path of the removed snapshot."""
    problems = check_undo(history, date, force=force)
    if problems:
        raise PolicyError(problems)
    entries = [{"date": s.date, "sha256": s.sha256} for s in history.snapshots if s.date != date]
    write_atomic(history.directory / INDEX, canonical_json({"versions": entries}))
    snapshot = history.directory / f"{date}.json"
    snapshot.unlink()
    return snapshot
