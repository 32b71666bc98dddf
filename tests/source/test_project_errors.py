"""Several registers: one register's problem never hides another's, nor another problem of
its own (a missing shared block, a broken ``shared.yaml``): every command reports every
problem of every register in one run, one located line each.

The project is tests/data/registers/ on top of the default notice (see test_registers.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AS_OF, CAMERA, RECRUITMENT, SUMMARY, registers_project
from helpers import files as all_files

from conftest import Project

COMMANDS = (("validate",), ("lint",), ("release", AS_OF), ("build", AS_OF))
OWN_PERIOD = f"{RECRUITMENT}:60:15: retention.rules[0].period: 'six months' is not an ISO 8601"
OTHER_PERIOD = f"{CAMERA}:58:15: retention.rules[0].period: 'thirty days' is not an ISO 8601"


@pytest.fixture
def several(tmp_path: Path) -> Project:
    return registers_project(tmp_path / "project")


def files(project: Project) -> dict[str, bytes]:
    """The project's inputs, released versions and output (not the build's caches)."""
    found = all_files(project).items()
    return {name: data for name, data in found if not name.startswith((".cache/", ".output"))}


def _periods(project: Project) -> None:
    project.edit("period: P6M", "period: six months", RECRUITMENT)
    project.edit("period: P30D", "period: thirty days", CAMERA)


def problems(result_stderr: str) -> list[str]:
    return [line for line in result_stderr.splitlines() if not SUMMARY.match(line)]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_missing_shared_block_hides_no_other_problem(several: Project, command: tuple) -> None:
    _periods(several)
    several.edit("$shared: controller", "$shared: controler", RECRUITMENT)
    several.edit("$shared: rights", "$shared: right", CAMERA)
    before = files(several)
    result = several.run(*command)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert problems(result.stderr) == [
        OTHER_PERIOD + " duration (e.g. P3M for three months, P1Y, P30D)",
        f"{CAMERA}:68:12: rights.$shared: no block 'right' in shared.yaml; did you mean 'rights'?",
        f"{RECRUITMENT}:16:12: controller.$shared: no block 'controler' in shared.yaml; "
        "did you mean 'controller'?",
        OWN_PERIOD + " duration (e.g. P3M for three months, P1Y, P30D)",
    ], result.stderr
    assert "\n4 problems" in result.stderr
    assert files(several) == before


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_broken_shared_yaml_hides_no_registers_problem(several: Project, command: tuple) -> None:
    _periods(several)
    several.edit("    name: Example Services Oy", "    name: [Example Services Oy", "shared.yaml")
    before = files(several)
    result = several.run(*command)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    found = problems(result.stderr)
    assert [line.split(":")[0] for line in found] == [CAMERA, RECRUITMENT, "shared.yaml"]
    assert found[0].startswith(OTHER_PERIOD) and found[1].startswith(OWN_PERIOD)
    assert found[2].startswith("shared.yaml:11:16: not valid YAML"), found  # once
    assert files(several) == before


def test_validating_shared_yaml_reports_the_registers_problems_too(several: Project) -> None:
    """pre-commit passes only shared.yaml where only it changed."""
    _periods(several)
    several.edit("    name: Example Services Oy", "    name: [Example Services Oy", "shared.yaml")
    found = problems(several.run("validate", "shared.yaml").stderr)
    files_named = [line.split(":")[0] for line in found if not line.startswith("policy.yaml")]
    assert files_named == [CAMERA, RECRUITMENT, "shared.yaml"], found


def test_a_bad_register_folder_hides_no_registers_problem(several: Project) -> None:
    _periods(several)
    (several.path / "registers/Job_Ads").mkdir()
    result = several.run("validate")
    assert result.returncode == 1
    found = problems(result.stderr)
    assert found[0].startswith("registers/Job_Ads/: 'Job_Ads' is not a register slug"), found
    assert found[1].startswith(OTHER_PERIOD) and found[2].startswith(OWN_PERIOD), found


def test_translations_writes_no_catalog_while_a_register_has_a_problem(several: Project) -> None:
    several.edit("name: Recruitment register", "name: The recruitment register", RECRUITMENT)
    several.edit("languages: [en, fi]", "languages: [en, fi, xx]", CAMERA)
    before = files(several)
    result = several.run("translations")
    assert result.returncode == 1
    assert f"{CAMERA}:8:" in result.stderr and "xx" in result.stderr, result.stderr
    assert files(several) == before  # not even the good register's catalogs
    several.edit("languages: [en, fi, xx]", "languages: [en, fi]", CAMERA)
    assert several.run("translations").returncode == 0
    assert files(several) != before


def test_a_shared_block_of_another_section_is_reported_at_the_reference(
    several: Project,
) -> None:
    """Not at shared.yaml alone, as if the block were broken: the block is valid where it
    is meant; the reference names the register's line to change."""
    several.edit("$shared: rights", "$shared: complaints", CAMERA)
    several.edit(
        "  title: Why do we process personal data?", "  title: {$shared: complaints}", RECRUITMENT
    )
    result = several.run("validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    fits = "does not fit here (refer to a block written for {}, write it out here, or fix "
    assert problems(result.stderr) == [
        f"{CAMERA}:67:1: rights: missing required key 'items'",
        *(
            f"{CAMERA}:68:3: rights: the shared block 'complaints' "
            + fits.format("rights")
            + f"the block): shared.yaml:{line}:5: rights.{key}: unknown key '{key}'; allowed "
            "here: title, contact, introduction, list_heading, items, response"
            for line, key in ((54, "supervisory_authority"), (58, "text"))
        ),
        f"{RECRUITMENT}:39:10: purposes.title: the shared block 'complaints' "
        + fits.format("purposes.title")
        + "the block): shared.yaml:53:5: purposes.title: expected text, found a mapping",
    ]
