"""The live preview: serve output/ on localhost and rebuild when an input changes.

Pelican's own autoreload watches its content and theme, not policy.yaml or the
catalogs; watchfiles (which Pelican already depends on) watches everything the notice is
built from. Rebuilds run in a long-lived worker process (see :mod:`.previewworker`),
started anew when Python code changes, so edits to the plugin take effect too; builds are
atomic, so a broken edit prints its errors while the last good preview stays.
Requests are served from the complete build ``output`` links to (see :mod:`.outputdir`).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import watchfiles

from privacy_notice.commands import context
from privacy_notice.commands.build import refuse_serving
from privacy_notice.diagnostics import visible
from privacy_notice.source.project import discover

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
# What every register is built from, besides its own inputs.
COMMON = ("theme", "plugins", "shared.yaml", "shared")
_IGNORED_PARTS = {"__pycache__", ".cache", "node_modules", ".git"}


def watched_for(root: Path, slug: str | None) -> tuple[str, ...]:
    """What ``serve --register SLUG`` watches: that register's inputs (its folder under
    ``registers/``, or the root register's ``policy.yaml``, ``translations``, ``content``)
    and what every register shares; every input where ``slug`` is None."""
    if slug is None:
        return WATCHED

    (register,) = discover(root).select(slug)  # an unknown slug: a located problem
    own = ("policy.yaml", "translations", "content") if register.root else (f"registers/{slug}",)
    return (*own, *COMMON)


def _relevant(root: Path, settings: Path, path: str, watched: tuple[str, ...] = WATCHED) -> bool:
    try:
        relative = Path(path).resolve().relative_to(root)
    except ValueError:
        return False
    if not relative.parts or _IGNORED_PARTS & set(relative.parts):
        return False
    name = relative.name
    if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
        return False  # editors' backup and swap files
    return _inside(relative, watched) or relative == settings.relative_to(root)


def _inside(relative: Path, folders: Iterable[str]) -> bool:
    return any(relative.parts[: len(Path(f).parts)] == Path(f).parts for f in folders)


class _Handler(http.server.SimpleHTTPRequestHandler):
    # Seconds a connection may wait for the client (its request, or reading the answer):
    # a client that opens connections and sends nothing must not hold a thread each for
    # ever (900 half-open connections held 888 threads). A browser's keep-alive connection
    # idle longer is closed; it opens another.
    timeout = 15

    def log_message(self, *args: object) -> None:  # the rebuild lines are what matters
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload shows the latest build
        super().end_headers()

    def send_head(self) -> Any:
        try:
            return super().send_head()
        except ValueError:  # a path no file can have ("/%00": a NUL byte): one 400 answer
            self.send_error(http.HTTPStatus.BAD_REQUEST, explain="not a path of the site")
            return None


class _Server(http.server.ThreadingHTTPServer):
    """One thread per request, and a listen queue for a page's burst of requests (the
    default of 5 left requests hanging during a rebuild)."""

    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request: object, client_address: Any) -> None:
        """A client that went away or timed out is not news; anything else is one line,
        never a traceback in the console where the rebuild errors are shown."""
        error = sys.exc_info()[1]
        if error is None or isinstance(error, ConnectionError | TimeoutError):
            return
        print(
            visible(f"preview: a request failed: {type(error).__name__}: {error}"),
            file=sys.stderr,
            flush=True,
        )


class Builder:
    """Runs the preview builds in one long-lived worker (see :mod:`.previewworker`),
    started anew when the plugin's or the settings' Python code changes or it dies."""

    def __init__(self, settings: Path, output: Path, register: str | None = None) -> None:
        self.argv = ["build", "--preview", "-s", str(settings), "-o", str(output)]
        if register is not None:  # a site of that register alone
            self.argv += ["--register", register]
        self.worker: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "privacy_notice.commands.preview_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def build(self) -> tuple[bool, float, str]:
        """Build the preview: whether it succeeded, in how many seconds, its messages."""
        start = time.perf_counter()
        for _attempt in range(3):  # a worker that exits (plugin changed, crashed): a new one
            if self.worker is None or self.worker.poll() is not None:
                self.worker = self._start()
            assert self.worker.stdin is not None and self.worker.stdout is not None
            try:
                request = {"argv": self.argv}
                self.worker.stdin.write(json.dumps(request) + "\n")
                self.worker.stdin.flush()
                answer = self.worker.stdout.readline()
            except OSError:
                answer = ""
            reply = json.loads(answer) if answer else {"restart": True}
            if not reply.get("restart"):
                seconds = time.perf_counter() - start
                return reply["code"] == 0, seconds, str(reply["messages"])
            self.stop()
        return False, time.perf_counter() - start, "the preview's build worker keeps failing"

    def restart(self) -> None:
        """The next build in a fresh worker (Python code it may have imported changed)."""
        self.stop()

    def stop(self) -> None:
        if self.worker is not None:
            if self.worker.stdin is not None:
                with contextlib.suppress(OSError):  # the worker ends at the end of its input
                    self.worker.stdin.close()
            try:
                self.worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.worker.terminate()
                self.worker.wait()
            self.worker = None


def _restarts(names: Iterable[str], settings: Path, root: Path) -> bool:
    """Whether a change of ``names`` (relative to ``root``) needs a fresh worker: Python
    code (the plugin, the settings and what they import) is read once by a process."""
    return any(
        name.endswith(".py") or name.startswith("plugins") or root / name == settings
        for name in names
    )


def serve(
    settings: Path,
    output: Path,
    host: str,
    port: int,
    changes: Iterable[set[Any]] | None = None,
    register: str | None = None,
) -> None:
    """Serve ``output`` and rebuild it on each change of an input; ``register``: a site of
    that register alone, rebuilt when its own inputs or the shared ones change."""
    root = settings.resolve().parent
    watched = watched_for(root, register)
    # Not resolved: output is a link that each build replaces; every request follows it
    # anew, so it is answered from one complete build, never a half-built one.
    output = Path(os.path.abspath(output))
    builder = Builder(settings, output, register)
    ok, seconds, messages = builder.build()
    print(messages, file=sys.stderr)
    if not output.is_dir():
        print("nothing to serve yet: fix the errors above and save again", file=sys.stderr)
        output.mkdir(parents=True)
    handler = functools.partial(_Handler, directory=str(output))
    httpd = _Server((host, port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    address = f"http://{host}:{httpd.server_address[1]}/"
    print(
        f"Serving the preview on {address} (Ctrl-C to stop); watching {', '.join(watched)}",
        file=sys.stderr,
        flush=True,
    )
    if changes is None:
        changes = watchfiles.watch(
            root,
            watch_filter=lambda _change, path: _relevant(root, settings.resolve(), path, watched),
            debounce=200,
            step=20,
            raise_interrupt=False,
        )
    try:
        for batch in changes:
            names = sorted({str(Path(p).resolve().relative_to(root)) for _c, p in batch})
            if _restarts(names, settings.resolve(), root):
                builder.restart()
            ok, seconds, messages = builder.build()
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
        builder.stop()


def run(args: argparse.Namespace) -> int:
    """``privacy-notice serve``: the live preview until Ctrl-C."""
    if args.register:  # a site of that register alone, beside the whole site's
        context.project(args).select(args.register)
    output = args.output or (f"output.{args.register}" if args.register else "output")
    refuse_serving(context.root(args), args.settings, output)
    serve(Path(args.settings), Path(output), args.host, args.port, register=args.register)
    return 0
