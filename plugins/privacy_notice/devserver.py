"""The live preview: serve output/ on localhost and rebuild when an input changes.

Pelican's own autoreload watches its content and theme, not policy.yaml or the
catalogs; watchfiles (which Pelican already depends on) watches everything the notice is
built from. Each rebuild runs in a fresh process, so edits to the plugin take effect too,
and builds are atomic, so a broken edit prints its errors while the last good preview stays.
Requests are served from the complete build ``output`` links to (see :mod:`.outputdir`).
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

WATCHED = (
    "policy.yaml",
    "translations",
    "theme",
    "content",
    "plugins",
    "registers",
    "shared.yaml",
    "shared",
)
_IGNORED_PARTS = {"__pycache__", ".cache", "node_modules", ".git"}


def _relevant(root: Path, settings: Path, path: str) -> bool:
    try:
        relative = Path(path).resolve().relative_to(root)
    except ValueError:
        return False
    if not relative.parts or _IGNORED_PARTS & set(relative.parts):
        return False
    name = relative.name
    if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
        return False  # editors' backup and swap files
    return relative.parts[0] in WATCHED or relative == settings.relative_to(root)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # the rebuild lines are what matters
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload shows the latest build
        super().end_headers()


class _Server(http.server.ThreadingHTTPServer):
    """One thread per request, and a listen queue for a page's burst of requests (the
    default of 5 left requests hanging during a rebuild)."""

    request_queue_size = 128
    daemon_threads = True


def build(settings: Path, output: Path) -> tuple[bool, float, str]:
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "privacy_notice.cli",
            "build",
            "--preview",
            "-s",
            str(settings),
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0, time.perf_counter() - start, result.stderr.strip()


def serve(
    settings: Path, output: Path, host: str, port: int, changes: Iterable[set[Any]] | None = None
) -> None:
    root = settings.resolve().parent
    # Not resolved: output is a link that each build replaces; every request follows it
    # anew, so it is answered from one complete build, never a half-built one.
    output = Path(os.path.abspath(output))
    ok, seconds, messages = build(settings, output)
    print(messages, file=sys.stderr)
    if not output.is_dir():
        print("nothing to serve yet: fix the errors above and save again", file=sys.stderr)
        output.mkdir(parents=True)
    handler = functools.partial(_Handler, directory=str(output))
    httpd = _Server((host, port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    address = f"http://{host}:{httpd.server_address[1]}/"
    print(
        f"Serving the preview on {address} (Ctrl-C to stop); watching {', '.join(WATCHED)}",
        file=sys.stderr,
        flush=True,
    )
    if changes is None:
        import watchfiles

        changes = watchfiles.watch(
            root,
            watch_filter=lambda _change, path: _relevant(root, settings.resolve(), path),
            debounce=200,
            step=20,
            raise_interrupt=False,
        )
    try:
        for batch in changes:
            names = sorted({str(Path(p).resolve().relative_to(root)) for _c, p in batch})
            ok, seconds, messages = build(settings, output)
            state = "rebuilt" if ok else "NOT rebuilt (the last good preview stays)"
            if messages and not ok:
                print(messages, file=sys.stderr)
            elif messages:
                print(
                    "\n".join(m for m in messages.splitlines() if "warning" in m), file=sys.stderr
                )
            print(
                f"{', '.join(names)} changed: {state} in {seconds * 1000:.0f} ms",
                file=sys.stderr,
                flush=True,
            )
    finally:
        httpd.shutdown()
