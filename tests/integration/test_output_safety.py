"""The build deletes only what it wrote (issue 25, items 1 and 2): a linked or foreign
``.output.builds``, and an output inside a register's inputs or the shared blocks.

Every refusal: exit 1, one located line, and the project (and anything outside it) byte
for byte as it was, no builds folder left behind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import build_waiting_for_the_lock

from conftest import Project
from privacy_notice.commands import outputdir
from tree_state import one_problem, tree


def precious(folder: Path) -> Path:
    """Another disk's files: what a link to it must never cost."""
    (folder / "photos").mkdir(parents=True)
    (folder / "thesis.tex").write_text("years of work", "utf-8")
    (folder / "photos" / "a.jpg").write_bytes(b"\xff\xd8 not really")
    (folder / "empty").mkdir()
    return folder


@pytest.mark.parametrize("built_before", [False, True], ids=["fresh", "built-before"])
def test_a_linked_builds_folder_is_refused_and_its_target_kept(
    project: Project, tmp_path: Path, built_before: bool
):
    bigger_disk = precious(tmp_path / "bigger-disk")
    builds = project.path / ".output.builds"
    if built_before:  # the builds moved to the bigger disk, the folder linked to them
        project.build()
        shutil.copytree(builds, bigger_disk / "builds-moved", symlinks=True)
        shutil.rmtree(builds)
    builds.symlink_to(bigger_disk, target_is_directory=True)
    before, outside = tree(project.path), tree(bigger_disk)
    line = one_problem(project.run("build"), "it is a symbolic link")
    assert line.startswith(".output.builds: refusing to build here:"), line
    assert tree(bigger_disk) == outside and tree(project.path) == before


def test_the_preview_refuses_a_linked_builds_folder_before_serving(
    project: Project, tmp_path: Path
):
    bigger_disk = precious(tmp_path / "bigger-disk")
    (project.path / ".output.builds").symlink_to(bigger_disk)
    before, outside = tree(project.path), tree(bigger_disk)
    one_problem(project.run("serve", "--port", "0"), "it is a symbolic link")
    assert tree(bigger_disk) == outside and tree(project.path) == before


def test_a_builds_folder_that_is_a_file_is_refused(project: Project):
    (project.path / ".output.builds").write_text("my notes", "utf-8")
    before = tree(project.path)
    one_problem(project.run("build"), ".output.builds: refusing to build here: it is not a folder")
    assert tree(project.path) == before


def test_what_a_user_put_into_the_builds_folder_is_left_alone_with_a_warning(
    project: Project, tmp_path: Path
):
    bigger_disk = precious(tmp_path / "bigger-disk")
    project.build()
    builds = project.path / ".output.builds"
    first = (project.path / "output").resolve()
    (builds / "notes.txt").write_text("keep me", "utf-8")
    (builds / "mine").mkdir()
    (builds / "mine" / "draft.md").write_text("keep me too", "utf-8")
    (builds / "abcd1234").mkdir()  # named as the tool names builds, but not one of them
    (builds / "abcd1234" / "x").write_text("and me", "utf-8")
    (builds / "disk").symlink_to(bigger_disk)  # a link into the builds folder
    (builds / "old.link").symlink_to(bigger_disk)
    foreign = {name: tree(builds / name) for name in ("mine", "abcd1234")}
    outside = tree(bigger_disk)
    result = project.build()
    warned = [line for line in result.stderr.splitlines() if "left alone" in line]
    assert [line.split(":")[0] for line in warned] == [
        f".output.builds/{name}" for name in ("abcd1234", "disk", "mine", "notes.txt", "old.link")
    ], result.stderr
    assert all(": warning: left alone: privacy-notice did not make it" in w for w in warned)
    assert (builds / "notes.txt").read_text("utf-8") == "keep me"
    assert {name: tree(builds / name) for name in foreign} == foreign
    assert (builds / "disk").is_symlink() and (builds / "old.link").is_symlink()
    assert tree(bigger_disk) == outside
    current = (project.path / "output").resolve()
    assert not first.exists() and (current / "index.html").is_file()  # its own old build went


def test_builds_the_tool_left_are_removed_and_only_they(project: Project):
    builds = project.path / ".output.builds"
    builds.mkdir()
    (builds / "killed01").mkdir()  # a build killed after its stamp
    (builds / "killed01" / outputdir.STAMP).write_text("", "utf-8")
    (builds / "k1ll3d_2").mkdir()  # killed before it (an empty folder of mkdtemp's name)
    (builds / "swapped1.previous").mkdir()  # an older output moved aside by a killed swap
    (builds / "swapped1.previous" / "index.html").write_text("old", "utf-8")
    os.symlink(".output.builds/killed01", builds / "killed01.link")  # a swap's link
    (project.path / "output.old-1").mkdir()  # an older version's, empty: removed
    (project.path / "output.old-2023").mkdir()  # a user's backup named alike: kept
    (project.path / "output.old-2023" / "notes.txt").write_text("mine", "utf-8")
    result = project.build()
    current = (project.path / "output").resolve().name
    assert sorted(p.name for p in builds.iterdir()) == sorted(["lock", current])
    assert not (project.path / "output.old-1").exists()
    assert (project.path / "output.old-2023" / "notes.txt").read_text("utf-8") == "mine"
    assert "output.old-2023: warning: left alone" in result.stderr


# --- 2. a register's inputs are never an output ---------------------------------------

OUTPUTS = [
    "registers/recruitment",
    "registers/recruitment/content",
    "registers/recruitment/content/versions",
    "registers/recruitment/translations",
    "registers/recruitment/translations/fi",
    "registers/recruitment/site",
    "registers/camera-surveillance",
    "registers",
    "registers/no-such-register",
    "shared",
    "shared/translations",
    "shared.yaml",
]


@pytest.fixture
def registers(registers_site: Project, tmp_path: Path) -> Project:
    """A project of three registers with released versions (a copy to write into)."""
    return registers_site.clone(tmp_path / "project")


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("alone", [False, True], ids=["whole-site", "register"])
@pytest.mark.parametrize("output", OUTPUTS)
def test_a_register_input_is_refused_as_the_output(
    registers: Project, output: str, alone: bool, force: bool
):
    before = tree(registers.path)
    args = ["build", "--as-of=2024-06-01", "-o", output]
    args += ["--register", "recruitment"] if alone else []
    args += ["--force"] if force else []
    line = one_problem(registers.run(*args), "refusing to build here")
    assert line.startswith(f"{output}: refusing to build here: it "), line
    assert tree(registers.path) == before  # nothing written, no .NAME.builds left behind


def test_the_live_preview_refuses_a_register_input_too(registers: Project):
    before = tree(registers.path)
    one_problem(
        registers.run("serve", "-o", "registers/recruitment", "--port", "0"),
        "registers/recruitment: refusing to build here: it is the folder of the register",
    )
    assert tree(registers.path) == before


def test_a_hidden_folder_under_registers_is_no_register(registers: Project):
    """What older versions left after a refused -o registers/recruitment: every later
    build failed with "'.recruitment.builds' is not a register slug"."""
    leftover = registers.path / "registers" / ".recruitment.builds"
    leftover.mkdir()
    (leftover / "lock").write_bytes(b"")
    assert registers.run("validate").returncode == 0
    registers.build("--as-of=2024-06-01")
    index = (registers.path / "output" / "api" / "registers.json").read_text("utf-8")
    assert "recruitment.builds" not in index and '"recruitment"' in index


def test_a_failed_first_build_leaves_no_builds_folder(project: Project):
    project.edit("period: P3M", "period: three months")
    before = tree(project.path)
    result = project.run("build", "-o", "site")
    assert result.returncode == 1 and "is not an ISO 8601 duration" in result.stderr
    assert tree(project.path) == before  # no .site.builds/, no site


def test_a_build_waiting_on_a_lock_that_goes_takes_the_new_one(project: Project):
    """The first build into a new output failed and took its builds folder (and lock) with
    it while a second one waited: the second locks afresh and builds."""
    with build_waiting_for_the_lock(project) as (second, builds, said):
        assert "waiting for it" in said
        (builds / "lock").unlink()
        builds.rmdir()
    _out, err = second.communicate(timeout=120)  # the lock released as the file closed
    assert second.returncode == 0, err
    assert (project.path / "output" / "index.html").is_file()
    assert sorted(p.name for p in builds.iterdir()) == sorted(
        ["lock", (project.path / "output").resolve().name]
    )
