"""Releasing a version: materiality checked against the change itself, a summary for a
material change, no update date in the future."""

from __future__ import annotations

import re

import pytest

from conftest import Project

REMOVE_CHATBOT = (
    ("    - id: chatbot\n      name: Via the Chatbot service\n", ""),
    ("sources: [email, telephone, chatbot]", "sources: [email, telephone]"),
    ("sources: [email, chatbot]", "sources: [email]"),
)


def set_notice(project: Project, notice: str) -> None:
    text = project.policy.read_text("utf-8")
    text = re.sub(r"  updated: .*\n  material: .*\n", notice, text, count=1)
    project.policy.write_text(text, "utf-8")


def remove_chatbot(project: Project) -> None:
    for old, new in REMOVE_CHATBOT:
        project.edit(old, new)


def test_editorial_release_of_a_material_change_is_refused(project: Project):
    remove_chatbot(project)
    set_notice(project, "  updated: 2020-01-01\n  material: false\n")
    before = sorted(p.name for p in (project.path / "content/versions").iterdir())
    result = project.run("release", "--as-of", "2020-01-01")
    assert result.returncode == 1, result.stderr
    [line] = [x for x in result.stderr.splitlines() if "marked editorial" in x]
    assert re.match(r"policy\.yaml:\d+:\d+: notice\.material: marked editorial", line)
    assert "Channel removed: Via the Chatbot service" in line
    assert sorted(p.name for p in (project.path / "content/versions").iterdir()) == before


def test_a_reviewed_reason_accepts_it(project: Project):
    remove_chatbot(project)
    set_notice(project, "  updated: 2020-01-01\n  material: false\n")
    project.edit(
        "\nnotice:",
        "\nreviewed_warnings:\n  - article: material-change\n"
        "    reason: The chatbot was never used for personal data (LEGAL-7).\nnotice:",
    )
    result = project.run("release", "--as-of", "2020-01-01")
    assert result.returncode == 0, result.stderr
    assert (project.path / "content/versions/2020-01-01.json").exists()


def test_a_material_change_needs_a_summary(project: Project):
    remove_chatbot(project)
    set_notice(project, "  updated: 2020-01-01\n  material: true\n")
    result = project.run("release", "--as-of", "2020-01-01")
    assert result.returncode == 1
    assert "a material change needs a summary of what changed: add notice.summary" in (
        result.stderr
    )


@pytest.mark.parametrize("as_of", ["2020-01-01", "2019-12-31"])
def test_an_update_date_in_the_future_is_refused(project: Project, as_of: str):
    set_notice(project, "  updated: 2020-01-01\n  material: false\n")
    project.edit("Kivra will not engage", "Kivra does not engage")
    project.pseudo_translate_missing()
    result = project.run("release", "--as-of", as_of)
    future = as_of < "2020-01-01"
    assert result.returncode == (1 if future else 0), result.stderr
    assert ("is in the future (today is 2019-12-31)" in result.stderr) is future
