"""The newcomer's path: a project made by ``init`` in a folder of its own builds, checks and
publishes with its own ``make`` targets wherever the tool is installed, with no PATH set by
hand, and adds a language the theme has no catalog for without writing into the tool."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# What a shell has before any virtual environment is activated.
BARE_PATH = os.pathsep.join(p for p in ("/usr/local/bin", "/usr/bin", "/bin") if Path(p).is_dir())


def init(target: Path, *options: str) -> None:
    answers = ["--no-input", "--name", "Acme Oy", "--identifier", "fi-business-id:1234567-1"]
    result = subprocess.run(
        [sys.executable, "-m", "privacy_notice", "init", str(target), *answers, *options],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def make(project: Path, *targets: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """``make TARGETS`` in ``project``, with ``variables`` in the environment."""
    keep = {
        k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "SITEURL")
    }
    return subprocess.run(
        ["make", "--no-print-directory", *targets],
        cwd=project,
        env={**keep, "PATH": BARE_PATH, **variables},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def new_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("home") / "acme-notice"
    init(target, "--languages", "fi,en", "--source-language", "en")
    return target


def test_make_html_builds_without_the_tool_on_path(new_project: Path) -> None:
    result = make(new_project, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (new_project / "output" / "en" / "index.html").is_file()
    # Not yet translated: shown in the source language, marked, and said so.
    assert "untranslated" in result.stderr
    assert "Draft" in (new_project / "output" / "en" / "index.html").read_text("utf-8")


def test_make_publish_refuses_the_unfinished_notice(new_project: Path) -> None:
    # the address init writes is a placeholder: one line, where to set the real one
    result = make(new_project, "publish")
    assert result.returncode != 0
    line = next(line for line in result.stderr.splitlines() if "SITEURL" in line)
    assert line.startswith("publishconf.py:") and "'https://privacy.example.com'" in line
    assert "SITEURL environment variable" in line and "Traceback" not in result.stderr
    # with the site's address: the skeleton's unfilled texts
    result = make(new_project, "publish", SITEURL="https://tietosuoja.acme.test")
    assert result.returncode != 0
    assert "FILL IN" in result.stderr and "Traceback" not in result.stderr


def test_make_validate_and_lint_run_the_checks(new_project: Path) -> None:
    assert make(new_project, "validate").returncode == 0
    lint = make(new_project, "lint")
    assert "FILL IN" in lint.stderr  # the skeleton is not complete yet: lint says where


def test_the_targets_are_the_tools_own(new_project: Path) -> None:
    targets = {line.split(":")[0] for line in (new_project / "Makefile").read_text().splitlines()}
    tool = {line.split(":")[0] for line in (ROOT / "Makefile").read_text().splitlines()}
    for name in ("html", "publish", "validate", "translations", "release", "serve", "devserver"):
        assert name in targets and name in tool


def test_register_acts_on_that_register_only(tmp_path: Path) -> None:
    """REGISTER=SLUG reaches the command, as in the tool's own Makefile: a release of one
    register must not release the others."""
    target = tmp_path / "group"
    init(target, "--languages", "en", "--source-language", "en")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "privacy_notice",
            "--root",
            str(target),
            "init",
            "--register",
            "staff",
            "--no-input",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    everything = make(target, "validate")
    assert "registers/staff/policy.yaml" in everything.stdout + everything.stderr
    unknown = make(target, "validate", REGISTER="nope")
    assert unknown.returncode != 0 and "'nope'" in unknown.stderr
    staff = make(target, "validate", REGISTER="staff")
    assert staff.returncode == 0, staff.stderr
    said = staff.stdout + staff.stderr
    assert "registers/staff/policy.yaml" in said and "\npolicy.yaml" not in f"\n{said}"


def test_a_language_the_theme_lacks_gets_a_catalog_in_the_project(tmp_path: Path) -> None:
    target = tmp_path / "viro"
    init(target, "--languages", "en,et", "--source-language", "en")
    theme = ROOT / "theme" / "translations"
    assert not (theme / "et").exists()  # Estonian: the tool's theme has no catalog of it
    html = make(target, "html")
    assert "translations/et/LC_MESSAGES/theme.po: warning: missing" in html.stderr
    tool_before = sorted(theme.rglob("*"))
    assert make(target, "translations").returncode == 0
    own = target / "translations" / "et" / "LC_MESSAGES" / "theme.po"
    assert own.is_file() and sorted(theme.rglob("*")) == tool_before  # the tool untouched
    text = own.read_text("utf-8")
    own.write_text(
        text.replace(
            'msgid "Skip to content"\nmsgstr ""', 'msgid "Skip to content"\nmsgstr "Sisu juurde"'
        ),
        "utf-8",
    )
    assert make(target, "html").returncode == 0
    page = (target / "output" / "et" / "index.html").read_text("utf-8")
    assert "Sisu juurde" in page and "missing" not in make(target, "html").stderr
