"""Run the command line in this process: the same code path as the installed
``privacy-notice`` command, without the second or so that starting a process costs."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from privacy_notice import cli


def run_cli(
    path: Path,
    *args: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> subprocess.CompletedProcess[str]:
    """``privacy-notice ARGS`` in the project at ``path``, as a finished process would
    report it (exit status and what it printed)."""
    monkeypatch.chdir(path)
    # Settings files import each other by module name (publishconf: from pelicanconf
    # import *): never the module of another project that this process built before.
    for name in ("pelicanconf", "publishconf"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.syspath_prepend(str(path))  # before this checkout, which has its own
    terminate = signal.getsignal(signal.SIGTERM)  # cmd_build sets its own
    capsys.readouterr()
    try:
        status = cli.main(list(args))
    finally:
        signal.signal(signal.SIGTERM, terminate)
    out = capsys.readouterr()
    return subprocess.CompletedProcess(["privacy-notice", *args], status, out.out, out.err)


def set_updated(project: Path, date: str) -> None:
    """Give ``policy.yaml`` another update date (``notice.updated``), its texts unchanged,
    so that it stays translated: an unreleased draft, ready to release."""
    policy = project / "policy.yaml"
    text, count = re.subn(
        r"(?m)^(  updated: )\d{4}-\d\d-\d\d$", rf"\g<1>{date}", policy.read_text("utf-8")
    )
    assert count == 1, "policy.yaml states no notice.updated"
    policy.write_text(text, "utf-8")
