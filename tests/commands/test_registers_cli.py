"""Several registers on the command line: what ``--help`` says, ``build --register SLUG``
(a site of that register alone, beside the whole site's ``output/``) and a project of
only ``registers/<slug>/`` (no root ``policy.yaml``), whose entry page is the centre's.

The project is tests/data/registers/ on top of the default notice (see test_registers.py).
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest
from helpers import AS_OF, CAMERA, broken_links, broken_register, outputs

import privacy_notice.source.project as project_module
from conftest import DATA, Project, copy_project
from privacy_notice.commands.cli import parser


def _commands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_help_says_what_each_command_does_with_several_registers() -> None:
    assert "--register SLUG" in parser().format_help()
    for name, command in _commands().items():
        text = " ".join(command.format_help().split())
        if name != "serve":  # the live preview's own options are documented with it
            assert "register" in text.split("options:")[0], name
            assert "--register SLUG" in text, name
        assert "check policy.yaml" not in text and "release policy.yaml as" not in text


def test_build_of_one_register_is_a_site_of_it_alone_beside_the_whole_site(
    registers_site: Project, tmp_path: Path
) -> None:
    project = registers_site.clone(tmp_path / "project")
    project.build(AS_OF)
    whole = outputs(project.path / "output")
    broken_register(project)  # another register's problem does not stop this one's build
    result = project.build(AS_OF, "--register", "recruitment")
    assert "built output.recruitment" in result.stderr
    alone = project.path / "output.recruitment"
    assert (alone / "fi/index.html").is_file() and (alone / "index.html").is_file()
    assert not (alone / "registers").exists() and not (alone / "api/registers.json").exists()
    document = json.loads((alone / "api/register.json").read_text("utf-8"))
    assert document == json.loads(registers_site.read("registers/recruitment/api/register.json"))
    assert "1 March 2024" in (alone / "en/versions/index.html").read_text("utf-8")
    assert broken_links(alone) == []
    assert outputs(project.path / "output") == whole  # the whole site is as it was
    result = project.build(AS_OF, ok=False)  # the whole site still checks every register
    assert result.returncode == 1 and f"{CAMERA}:" in result.stderr


def test_build_of_an_unknown_register_is_refused_before_anything_is_written(
    registers_site: Project, tmp_path: Path
) -> None:
    project = registers_site.clone(tmp_path / "project")
    result = project.build("--register", "recruitmen", ok=False)
    assert result.returncode == 1
    assert "--register: no register 'recruitmen'; did you mean 'recruitment'?" in result.stderr
    assert not list(project.path.glob("*output.recruitmen*"))


def test_build_of_one_register_never_replaces_the_whole_site(
    registers_site: Project, tmp_path: Path
) -> None:
    project = registers_site.clone(tmp_path / "project")
    project.build(AS_OF)
    shutil.copytree(project.path / "output", tmp_path / "published", symlinks=False)
    whole = outputs(project.path / "output")
    for output in ("output", str(tmp_path / "published")):
        result = project.build(AS_OF, "--register", "recruitment", "-o", output, ok=False)
        assert result.returncode == 1
        assert f"-o: {output} holds the whole site: build --register" in result.stderr
    assert outputs(project.path / "output") == whole
    assert outputs(tmp_path / "published") == whole


def test_a_project_of_only_registers_has_the_centre_as_its_entry_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name in ("policy.yaml", "translations", "content"):
        target = project.path / name
        target.unlink() if target.is_file() else shutil.rmtree(target)
    shutil.copytree(DATA / "registers", project.path, dirs_exist_ok=True)
    assert project.run("release", AS_OF).returncode == 0
    project.build(AS_OF)
    output = project.path / "output"
    entry = (output / "index.html").read_text("utf-8")
    assert "<h1>Tietosuojaselosteet</h1>" in entry  # the centre, in DEFAULT_LANG (fi)
    assert 'href="./registers/recruitment/fi/index.html"' in entry
    assert (output / "fi/registers/index.html").is_file()
    assert broken_links(output) == []


def test_a_register_gone_since_the_last_build_is_named(
    registers_site: Project, tmp_path: Path
) -> None:
    project = registers_site.clone(tmp_path / "project")
    project.build(AS_OF)
    assert "warning: register" not in project.build(AS_OF).stderr
    (project.path / "registers/camera-surveillance").rename(project.path / "registers/cctv")
    result = project.build(AS_OF)  # renaming is allowed, but its URLs are gone: said so
    assert "warning: register 'camera-surveillance' was in the previous build" in result.stderr
    assert "'cctv'" not in result.stderr and "'recruitment'" not in result.stderr


def test_validate_of_many_registers_on_every_core_says_what_one_process_says(
    registers_site: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate splits many registers among processes: the same lines, in the same order,
    every problem reported (a broken register among them)."""
    project = registers_site.clone(tmp_path / "project")
    source = project.path / "registers" / "recruitment"
    for index in range(17):
        shutil.copytree(source, project.path / "registers" / f"copy-{index:02d}")
    policy = project.path / "registers" / "copy-05" / "policy.yaml"
    policy.write_text(policy.read_text("utf-8").replace("period: P6M", "period: six months"))
    parallel = project.run("validate")
    monkeypatch.setattr(project_module, "_PROCESSES_FROM", 10**6)
    serial = project.run("validate")
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stderr == serial.stderr
    assert "registers/copy-05/policy.yaml:" in parallel.stderr
    assert "'six months' is not an ISO 8601 duration" in parallel.stderr
