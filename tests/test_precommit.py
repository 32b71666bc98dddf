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
    # One run with a good and a broken notice: installing the hook's environment is most of
    # the time (try-repo installs it afresh each run), so it is paid once.
    for name in ("good", "bad"):
        (project.path / name).mkdir()
        (project.path / name / "policy.yaml").write_bytes(project.policy.read_bytes())
    bad = project.path / "bad/policy.yaml"
    text = bad.read_text("utf-8")
    assert text.count("period: P3M") == 1
    bad.write_text(text.replace("period: P3M", "period: 3 months"), "utf-8")
    line = text[: text.index("period: P3M")].count("\n") + 1
    column = text.splitlines()[line - 1].index("P3M") + 1
    hook = subprocess.run(
        [
            str(pre_commit),
            "try-repo",
            str(ROOT),
            "privacy-notice-validate",
            "--files",
            "good/policy.yaml",
            "bad/policy.yaml",
        ],
        cwd=project.path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert hook.returncode == 1, hook.stdout
    output = hook.stdout.splitlines()
    assert (
        f"bad/policy.yaml:{line}:{column}: retention.rules[1].period: '3 months' is not an "
        "ISO 8601 duration (e.g. P3M for three months, P1Y, P30D)"
    ) in output, hook.stdout
    assert any(line.startswith("good/policy.yaml: valid") for line in output), hook.stdout
    assert "1 problem; nothing was written" in output
