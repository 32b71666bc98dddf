"""The pre-commit hook that repositories of notices use (.pre-commit-hooks.yaml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Project


def test_hook_fails_a_broken_policy_and_passes_a_good_one(project: Project):
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists() or not (ROOT / ".git").exists():
        pytest.skip("needs pre-commit (make test installs it) and this git checkout")
    (project.path / "plugins").unlink()  # the hook installs the package itself
    subprocess.run(["git", "init", "-q"], cwd=project.path, check=True)

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                str(pre_commit),
                "try-repo",
                str(ROOT),
                "privacy-notice-validate",
                "--files",
                "policy.yaml",
            ],
            cwd=project.path,
            capture_output=True,
            text=True,
            timeout=600,
        )

    project.edit("period: P3M", "period: 3 months")
    failed = hook()
    assert failed.returncode == 1
    assert "retention.rules[1].period: '3 months' is not an ISO 8601 duration" in failed.stdout
    project.edit("period: 3 months", "period: P3M")
    passed = hook()
    assert passed.returncode == 0, passed.stdout
