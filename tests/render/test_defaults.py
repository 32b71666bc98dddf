"""The tool's default settings take the site's name and default language from the notice,
also where the controller is a shared block or there is no root register."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy_notice.render.defaults import notice_settings, policy_facts

SHARED = """\
source_language: fi
blocks:
  controller:
    title: Rekisterinpitäjä
    name: Esimerkki Oy
"""
REGISTER = """\
languages: [{lang}, en]
controller: {{$shared: controller}}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_controller_written_out(tmp_path: Path) -> None:
    text = "languages: [sv, en]\ncontroller: {name: Ab Exempel}\n"
    policy = write(tmp_path / "policy.yaml", text)
    assert policy_facts(policy) == ("Ab Exempel", "sv")


def test_a_shared_controller_is_read_from_shared_yaml(tmp_path: Path) -> None:
    write(tmp_path / "shared.yaml", SHARED)
    policy = write(tmp_path / "policy.yaml", REGISTER.format(lang="fi"))
    assert policy_facts(policy) == ("Esimerkki Oy", "fi")
    assert notice_settings(tmp_path)["SITENAME"] == "Esimerkki Oy"  # not the folder's name


def test_a_project_of_only_registers_takes_its_first_registers_facts(tmp_path: Path) -> None:
    write(tmp_path / "shared.yaml", SHARED)
    write(tmp_path / "registers" / "recruitment" / "policy.yaml", REGISTER.format(lang="sv"))
    write(tmp_path / "registers" / "cctv" / "policy.yaml", REGISTER.format(lang="fi"))
    settings = notice_settings(tmp_path)
    assert (settings["SITENAME"], settings["DEFAULT_LANG"]) == ("Esimerkki Oy", "fi")


@pytest.mark.parametrize(
    "controller",
    ["{$shared: nowhere}", "{$shared: [1]}", "[]", "{name: 7}"],
)
def test_what_cannot_be_read_gives_no_name(tmp_path: Path, controller: str) -> None:
    write(tmp_path / "shared.yaml", SHARED)
    policy = write(tmp_path / "policy.yaml", f"languages: [fi]\ncontroller: {controller}\n")
    assert policy_facts(policy) == (None, "fi")
    assert notice_settings(tmp_path)["SITENAME"] == tmp_path.name


def test_no_notice_at_all(tmp_path: Path) -> None:
    assert policy_facts(tmp_path / "policy.yaml") == (None, None)
