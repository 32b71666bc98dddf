"""Run the command line in this process: the same code path as the installed
``privacy-notice`` command, without the second or so that starting a process costs.

``in_process(cwd, *args)`` is what ``Project.run`` uses; ``as_process(cwd, *args)`` starts
the real command, for the few tests that need a process (signals, locks between builds,
the environment, a server). Both return what a finished process reports."""

from __future__ import annotations

import io
import logging
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from privacy_notice.commands import cli

# Settings files import each other by module name (publishconf: from pelicanconf import *).
_SETTINGS_MODULES = ("pelicanconf", "publishconf")


@contextmanager
def _as_if_started_in(cwd: Path) -> Iterator[None]:
    """The process state a command started in ``cwd`` would have, restored afterwards:
    the working directory, ``sys.path[0]``, no settings module of another project that
    this process built before, the SIGTERM handler (cmd_build sets its own), and none of
    the messages Pelican's loggers drop as already said once in this process."""
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    previous_cwd, previous_path = os.getcwd(), list(sys.path)
    terminate = signal.getsignal(signal.SIGTERM)
    for name in _SETTINGS_MODULES:
        sys.modules.pop(name, None)
    os.chdir(cwd)
    sys.path.insert(0, str(cwd))  # as `python -m` puts the working directory first
    try:
        yield
    finally:
        os.chdir(previous_cwd)
        sys.path[:] = previous_path
        for name in _SETTINGS_MODULES:
            sys.modules.pop(name, None)
        signal.signal(signal.SIGTERM, terminate)


def in_process(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``privacy-notice ARGS`` started in ``cwd``, run in this process: exit status and
    what it printed. Log records of WARNING and above go to its stderr, as Python's
    last-resort handler writes them in a process where nothing configured logging."""
    out, err = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(err)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with _as_if_started_in(cwd), redirect_stdout(out), redirect_stderr(err):
            try:
                status = cli.main(list(args))
            except SystemExit as exc:  # argparse, or sys.exit(143) on SIGTERM
                status = exc.code if isinstance(exc.code, int) else 1
    finally:
        root.removeHandler(handler)
    return subprocess.CompletedProcess(
        ["privacy-notice", *args], status, out.getvalue(), err.getvalue()
    )


def as_process(
    cwd: Path, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``privacy-notice ARGS`` as a process of its own, started in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "privacy_notice", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=None if env is None else dict(env),
    )


def run_cli(
    path: Path,
    *args: str,
    monkeypatch: pytest.MonkeyPatch | None = None,
    capsys: pytest.CaptureFixture[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``privacy-notice ARGS`` in the project at ``path``, in this process (the fixtures
    are accepted for the callers written before :func:`in_process`; it needs none)."""
    return in_process(path, *args)


def set_updated(project: Path, date: str) -> None:
    """Give ``policy.yaml`` another update date (``notice.updated``), its texts unchanged,
    so that it stays translated: an unreleased draft, ready to release."""
    policy = project / "policy.yaml"
    text, count = re.subn(
        r"(?m)^(  updated: )\d{4}-\d\d-\d\d$", rf"\g<1>{date}", policy.read_text("utf-8")
    )
    assert count == 1, "policy.yaml states no notice.updated"
    policy.write_text(text, "utf-8")
