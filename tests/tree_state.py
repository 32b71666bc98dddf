"""What a directory tree holds, byte for byte, links as links (never followed): to assert
that a refused command changed nothing, inside the project or outside it.

Used by the red-team tests of issue 25 (test_red_team.py, test_output_safety.py,
test_preview_safety.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import SUMMARY

# Not compared: what a command may keep for speed (see the caches' modules), and bytecode.
_SKIPPED = {".cache", "__pycache__"}


def tree(root: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under ``root``: a file's bytes, a link's target, a directory."""
    found: dict[str, tuple[str, bytes | str]] = {}
    for folder, dirnames, filenames in os.walk(root):  # does not follow links
        dirnames[:] = [d for d in dirnames if d not in _SKIPPED]
        for name in [*dirnames, *filenames]:
            path = Path(folder) / name
            relative = str(path.relative_to(root))
            if path.is_symlink():
                found[relative] = ("link", os.readlink(path))
            elif path.is_dir():
                found[relative] = ("dir", "")
            else:
                found[relative] = ("file", path.read_bytes())
    return found


def one_problem(result: subprocess.CompletedProcess[str], expected: str) -> str:
    """Exit 1, exactly one problem line (containing ``expected``) and the summary, no
    traceback; the problem line."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, lines
    assert len(lines) == 2 and SUMMARY.match(lines[1]), lines
    assert expected in lines[0], lines
    return lines[0]
