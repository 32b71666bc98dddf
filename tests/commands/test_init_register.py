"""``init --register``: what a new register of a project takes from the project (its
languages, the shared blocks), what it asks, and what the options it is given do."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import registers_project

from conftest import Project
from run_cli import in_process

NEW = "registers/web-shop/policy.yaml"


@pytest.fixture
def several(tmp_path: Path) -> Project:
    return registers_project(tmp_path / "project")


def init(project: Project, *args: str) -> tuple[str, str]:
    """The new register's policy.yaml, and what init said."""
    result = project.run("init", "--register", "web-shop", *args)
    assert result.returncode == 0, result.stderr
    return (project.path / NEW).read_text("utf-8"), result.stderr


def test_a_new_register_publishes_the_root_registers_languages(several: Project) -> None:
    text, _ = init(several, "--no-input")
    assert "\nlanguages: [fi, sv, en]\n" in text  # the root register's, not [en]
    assert "\nsource_language: en\n" in text  # the shared blocks'
    assert several.run("validate", "--register", "web-shop").returncode == 0


def test_init_does_not_ask_what_is_shared(several: Project, monkeypatch) -> None:
    asked: list[str] = []
    answers = iter(["", ""])  # languages and source language: the offered ones

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", answer)
    text, _ = init(several)
    assert asked == [
        "> Languages, comma-separated [fi,sv,en]: ",
        "> Source language (written in policy.yaml) [en]: ",
    ]
    assert "\nlanguages: [fi, sv, en]\n" in text
    assert "controller:   # shared.yaml's block" in text


def test_nothing_is_said_to_be_missing_where_the_project_answers_it(several: Project) -> None:
    """Not on a terminal, nothing is asked: a register whose controller and languages the
    project gives lacks no answer, so init does not say it does."""
    _text, said = init(several)
    assert "nothing was asked" not in said


def test_another_controller_on_the_command_line_is_written_out(several: Project) -> None:
    args = ("--no-input", "--name", "Other Oy", "--identifier", "fi-business-id:1234567-1")
    text, said = init(several, *args)
    assert 'controller:\n  title: "Data controller"\n  name: "Other Oy"\n' in text
    assert "1234567-1" in text and "$shared: controller" not in text
    assert "$shared: rights" in text  # the other shared sections stay shared
    assert "note: --name/--identifier name a controller other than shared.yaml's" in said


def test_the_shared_controllers_own_details_keep_it_shared(several: Project) -> None:
    args = ("--no-input", "--name", " Example  Services Oy", "--identifier")
    text, said = init(several, *args, "fi-business-id:7654321-2")
    assert "controller:   # shared.yaml's block" in text and "$shared: controller" in text
    assert "note:" not in said


def test_a_block_no_register_uses_yet_is_not_said_to_be_used(several: Project) -> None:
    several.edit("complaints:\n  $shared: complaints\n", "", "registers/recruitment/policy.yaml")
    several.edit(
        "complaints:\n  $shared: complaints\n", "", "registers/camera-surveillance/policy.yaml"
    )
    text, _ = init(several, "--no-input")
    assert "\ncomplaints:   # shared.yaml's block\n  $shared: complaints\n" in text
    assert "\nrights:   # shared.yaml's block, as in the project's other registers\n" in text


def test_init_writes_into_the_project_root_names(several: Project, tmp_path: Path) -> None:
    """``--root DIR`` names the project for init too, as for every other command."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = in_process(
        elsewhere, "--root", str(several.path), "init", "--register", "web-shop", "--no-input"
    )
    assert result.returncode == 0, result.stderr
    assert (several.path / NEW).is_file() and not (elsewhere / "registers").exists()
