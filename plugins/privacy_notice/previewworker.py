"""The live preview's build worker: one long-lived process that runs ``privacy-notice
build --preview`` on each request, so that a rebuild does not pay for a fresh process,
Pelican's and the plugin's imports, and what the plugin memoises in memory (see
:mod:`.sitememo`).

The protocol is one JSON line a request on stdin (``argv``: the build's arguments;
``only``: a register's slug, the others held as last built, see :mod:`.sitememo`) and one JSON line
a reply on stdout: ``{"code": exit status, "messages": what the build wrote to stderr}``,
or ``{"restart": true}`` when the plugin's code changed since the worker started (it then
exits: :mod:`.devserver` starts a fresh one, so plugin edits take effect as they did with
a fresh process per build). The theme and the settings are read anew by every build.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def code_stamp(folder: Path = PACKAGE) -> tuple[tuple[str, int, int], ...]:
    """What changes when a file of the plugin's package changes (name, mtime, size)."""
    return tuple(
        (str(path), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    )


def run_build(argv: list[str]) -> tuple[int, str]:
    """``privacy-notice ARGV`` in this process: its exit status and its stderr."""
    from pelican.log import LimitFilter

    from .cli import main as cli_main

    # Pelican logs a message once a process: each build reports its warnings, as a fresh
    # process did.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as captured:
        # Both the descriptor and sys.stderr (which may not be the descriptor's stream).
        stream = open(captured.fileno(), "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        os.dup2(captured.fileno(), 2)
        try:
            with contextlib.redirect_stderr(stream):
                code = cli_main(argv)
        finally:
            stream.close()
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
        captured.seek(0)
        return code, captured.read().decode("utf-8", "replace").strip()


def main() -> None:
    from .previewcache import defer_removals, take_stale
    from .sitememo import hold_others

    defer_removals()
    stamp = code_stamp()
    reply = os.fdopen(os.dup(1), "w", encoding="utf-8")
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)  # what a build prints on stdout is dropped, as it was before
    removal: threading.Thread | None = None
    try:
        for line in sys.stdin:
            if code_stamp() != stamp:
                reply.write(json.dumps({"restart": True}) + "\n")
                reply.flush()
                return
            request = json.loads(line)
            hold_others(request.get("only"))
            # No cyclic garbage collection during a build: the worker's heap (every
            # register's site, the kept bodies) is large, and a full collection that falls
            # inside a build delays the edited page by tens of milliseconds. Collected after
            # the reply instead, while the author looks at the page.
            gc.disable()
            try:
                code, messages = run_build(request["argv"])
            finally:
                gc.enable()
            reply.write(json.dumps({"code": code, "messages": messages}) + "\n")
            reply.flush()
            gc.collect()
            # Old folders removed beside the next build (rmdir leaves the GIL free).
            removal = threading.Thread(target=_remove, args=(take_stale(), removal))
            removal.start()
    finally:
        if removal is not None:
            removal.join()


def _remove(folders: list[Path], before: threading.Thread | None) -> None:
    if before is not None:
        before.join()  # one removal at a time
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    # Ctrl-C in the preview's terminal; the preview stopped while a build ran.
    with contextlib.suppress(KeyboardInterrupt, BrokenPipeError):
        main()
