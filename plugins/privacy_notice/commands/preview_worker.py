"""The live preview's build worker: one long-lived process that runs ``privacy-notice
build --preview`` on each request, so that a rebuild does not pay for a fresh process and
Pelican's and the plugin's imports.

The protocol is one JSON line a request on stdin (``argv``: the build's arguments) and one
JSON line a reply on stdout: ``{"code": exit status, "messages": what the build wrote to stderr}``,
or ``{"restart": true}`` when the plugin's code changed since the worker started (it then
exits: :mod:`.devserver` starts a fresh one, so plugin edits take effect as they did with
a fresh process per build). The theme and the settings are read anew by every build.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from pelican.log import LimitFilter

from privacy_notice.commands.cli import main as cli_main
from privacy_notice.render import generator

PACKAGE = Path(__file__).resolve().parents[1]  # the whole privacy_notice package


def code_stamp(folder: Path = PACKAGE) -> tuple[tuple[str, int, int], ...]:
    """What changes when a file of the plugin's package changes (name, mtime, size)."""
    return tuple(
        (str(path), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    )


class TemplatesInMemory(BytecodeCache):
    """Jinja's compiled templates, kept in this process across its builds (by Jinja's own
    key and checked against each template's source by Jinja), never written to a file."""

    def __init__(self) -> None:
        self.buckets: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.buckets:
            bucket.bytecode_from_string(self.buckets[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.buckets[bucket.key] = bucket.bytecode_to_string()


def run_build(argv: list[str]) -> tuple[int, str]:
    """``privacy-notice ARGV`` in this process: its exit status and its stderr."""

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
    generator.template_cache = TemplatesInMemory()
    stamp = code_stamp()
    reply = os.fdopen(os.dup(1), "w", encoding="utf-8")
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)  # what a build prints on stdout is dropped, as it was before
    for line in sys.stdin:
        if code_stamp() != stamp:
            reply.write(json.dumps({"restart": True}) + "\n")
            reply.flush()
            return
        code, messages = run_build(json.loads(line)["argv"])
        reply.write(json.dumps({"code": code, "messages": messages}) + "\n")
        reply.flush()


if __name__ == "__main__":
    # Ctrl-C in the preview's terminal; the preview stopped while a build ran.
    with contextlib.suppress(KeyboardInterrupt, BrokenPipeError):
        main()
