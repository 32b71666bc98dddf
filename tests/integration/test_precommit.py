"""The pre-commit hooks that repositories of notices use (.pre-commit-hooks.yaml).

Each hook is run by pre-commit as declared (its files pattern, entry, arguments), with the
command of this checkout's environment; the one test that lets pre-commit install the
package afresh, as a repository of notices does, takes minutes and is marked ``slow``
(``make test-slow``; CI runs it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Project, missing

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
EXPECTED = (  # the problem of bad/policy.yaml, as the hook reports it (line, column)
    "bad/policy.yaml:{line}:{column}: retention.rules[1].period: '3 months' is not an "
    "ISO 8601 duration (e.g. P3M for three months, P1Y, P30D)"
)


def good_and_bad(project: Project) -> str:
    """A good and a broken notice in a new git repository; the expected problem line."""
    if not PRE_COMMIT.exists():
        missing("needs pre-commit: make test installs it (requirements/test.txt)")
    (project.path / "plugins").unlink()  # a repository of notices has no plugin of its own
    subprocess.run(["git", "init", "-q"], cwd=project.path, check=True)
    for name in ("good", "bad"):
        (project.path / name).mkdir()
        (project.path / name / "policy.yaml").write_bytes(project.policy.read_bytes())
    bad = project.path / "bad/policy.yaml"
    text = bad.read_text("utf-8")
    assert text.count("period: P3M") == 1
    bad.write_text(text.replace("period: P3M", "period: 3 months"), "utf-8")
    line = text[: text.index("period: P3M")].count("\n") + 1
    column = text.splitlines()[line - 1].index("P3M") + 1
    return EXPECTED.format(line=line, column=column)


def pre_commit(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": f"{PRE_COMMIT.parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        [str(PRE_COMMIT), *args],
        cwd=project.path,
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
    )


@pytest.mark.parametrize("hook", ["privacy-notice-validate", "privacy-notice-lint-strict"])
def test_each_hook_as_declared(project: Project, hook: str):
    """pre-commit reads the manifest, picks the policy files by its pattern and runs the
    entry on them; the environment is this checkout's (language: system)."""
    from pre_commit.clientlib import load_manifest  # validates the manifest as pre-commit does

    expected = good_and_bad(project)
    (project.path / "notes.txt").write_text("not a notice\n", "utf-8")
    declared = {h["id"]: h for h in load_manifest(MANIFEST)}[hook]
    assert declared["language"] == "python"
    local = {key: declared[key] for key in ("id", "name", "entry", "files", "pass_filenames")}
    config = {"repos": [{"repo": "local", "hooks": [{**local, "language": "system"}]}]}
    (project.path / "hooks.yaml").write_text(json.dumps(config), "utf-8")  # JSON is YAML
    files = ("good/policy.yaml", "bad/policy.yaml", "notes.txt")
    hook_run = pre_commit(project, "run", "-c", "hooks.yaml", "--files", *files)
    assert hook_run.returncode == 1, hook_run.stdout
    output = hook_run.stdout.splitlines()
    assert expected in output, hook_run.stdout
    assert "notes.txt" not in hook_run.stdout  # only the notices are passed
    if hook == "privacy-notice-validate":
        assert any(line.startswith("good/policy.yaml: valid") for line in output)
        assert "1 problem" in output  # validate writes nothing anyway
    else:  # strict: the good notice's completeness warnings are errors too
        assert any(line.startswith("good/policy.yaml:") for line in output), hook_run.stdout


@pytest.mark.slow
def test_hook_installs_and_runs_as_a_repository_of_notices_uses_it(project: Project):
    """pre-commit try-repo: it installs this checkout into an environment of its own."""
    if not (ROOT / ".git").exists():
        pytest.skip("needs this git checkout")
    expected = good_and_bad(project)
    # One run with a good and a broken notice: installing the hook's environment is most of
    # the time (try-repo installs it afresh each run), so it is paid once.
    files = ("good/policy.yaml", "bad/policy.yaml")
    hook = pre_commit(project, "try-repo", str(ROOT), "privacy-notice-validate", "--files", *files)
    assert hook.returncode == 1, hook.stdout
    output = hook.stdout.splitlines()
    assert expected in output, hook.stdout
    assert any(line.startswith("good/policy.yaml: valid") for line in output), hook.stdout
    assert "1 problem" in output
