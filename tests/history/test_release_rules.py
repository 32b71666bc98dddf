"""Releasing a version: materiality checked against the change itself, a summary for a
material change, no update date in the future."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, Project, copy_project

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


CHATBOT_REVIEW = (
    "\nreviewed_warnings:\n  - article: material-change\n    release: {date}\n"
    "    changes: [{changes}]\n"
    "    reason: The chatbot was never used for personal data (LEGAL-7).\nnotice:"
)
EDITORIAL = "  updated: {date}\n  material: false\n  summary: The chatbot is gone.\n"


def accept_removing_the_chatbot(project: Project, date: str, changes: str) -> None:
    remove_chatbot(project)
    set_notice(project, EDITORIAL.format(date=date))
    project.edit("\nnotice:", CHATBOT_REVIEW.format(date=date, changes=changes))
    project.pseudo_translate_missing()


def test_a_review_of_exactly_these_changes_for_this_release_accepts_them(project: Project):
    accept_removing_the_chatbot(project, "2020-01-01", '"Channel removed: Via the Chatbot service"')
    result = project.run("release", "--as-of", "2020-01-01")
    assert result.returncode == 0, result.stderr
    assert (project.path / "content/versions/2020-01-01.json").exists()


def test_a_review_of_other_changes_accepts_nothing(project: Project):
    accept_removing_the_chatbot(project, "2020-01-01", '"Channel removed: Email"')
    result = project.run("release", "--as-of", "2020-01-01")
    assert result.returncode == 1, result.stderr
    assert "accepts other changes than this release has" in result.stderr
    assert 'changes: ["Channel removed: Via the Chatbot service"]' in result.stderr


def test_a_review_accepts_one_release_only(project: Project):
    """Left in place, the review of one release accepts nothing in the next: a longer
    storage period released as editorial is refused, and lint says the review is stale."""
    accept_removing_the_chatbot(project, "2020-01-01", '"Channel removed: Via the Chatbot service"')
    assert project.run("release", "--as-of", "2020-01-01").returncode == 0
    project.edit("period: P12M", "period: P24M")
    set_notice(project, "  updated: 2020-01-02\n  material: false\n")  # the summary stays
    result = project.run("release", "--as-of", "2020-01-02")
    assert result.returncode == 1, result.stderr
    assert "Longest storage period of Recorded telephone conversations" in result.stderr
    assert "it accepts the release of 2020-01-01, not this one: remove it" in result.stderr
    assert not (project.path / "content/versions/2020-01-02.json").exists()
    lint = project.run("lint")
    assert re.search(
        r"policy\.yaml:\d+:\d+: warning: reviewed_warnings\[0\]: accepts the material changes "
        r"of the release of 2020-01-01, not of this version \(2020-01-02\)",
        lint.stderr + lint.stdout,
    )


def test_a_review_of_material_changes_names_its_release(project: Project):
    project.edit(
        "\nnotice:",
        "\nreviewed_warnings:\n  - article: material-change\n    reason: Fine.\nnotice:",
    )
    result = project.run("validate")
    assert result.returncode == 1
    assert "reviewed_warnings[0]" in result.stderr
    assert "release" in result.stderr


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


def test_items_of_one_section_do_not_share_its_first_mark(project: Project):
    """Two changes in one section: the first mark is the first one's, so both items link
    to the section rather than one of them to the other's mark."""
    project.edit("period: P3M", "period: P6M")
    project.edit("period: P12M", "period: P9M")
    remove_chatbot(project)
    set_notice(project, "  updated: 2020-01-01\n  material: true\n  summary: Changed.\n")
    project.pseudo_translate_missing()
    assert project.run("release", "--as-of", "2020-01-01").returncode == 0
    project.build()
    page = project.read("en/versions/2020-01-01/changes/index.html")
    links = dict(re.findall(r'<a href="#([\w-]+)">([^<]*)</a>', page)[::-1])
    assert links["retention"].startswith("Storage period of Recorded telephone conversations")
    assert "Longest storage period" in page and "change-retention" not in links
    assert links["change-sources"] == "Channel removed: Via the Chatbot service"


TELEMARKETING = ", and is used for telemarketing of partner products."


def test_a_purpose_text_that_reads_otherwise_cannot_pass_as_editorial(project: Project):
    """A data field's "why it is collected" says what the data is processed for: a new
    purpose appended to it is material, wherever in the model the text lives (issue 23)."""
    project.edit(
        "        identifying the customer in a customer service situation.",
        "        identifying the customer in a customer service situation" + TELEMARKETING,
    )
    set_notice(project, "  updated: 2020-01-01\n  material: false\n")
    project.pseudo_translate_missing()
    result = project.run("release", "--as-of", "2020-01-01")
    assert result.returncode == 1, result.stderr
    [line] = [x for x in result.stderr.splitlines() if "marked editorial" in x]
    assert re.match(r"policy\.yaml:\d+:\d+: notice\.material: marked editorial", line)
    assert "Why Personal identity code is collected changed" in line
    # released as material, the history names it
    set_notice(project, "  updated: 2020-01-01\n  material: true\n  summary: Telemarketing.\n")
    project.pseudo_translate_missing()
    assert project.run("release", "--as-of", "2020-01-01").returncode == 0
    project.build("--as-of", "2020-01-01")
    history = project.text("en/versions/index.html")
    assert "Material change" in history
    assert "Why Personal identity code is collected changed" in history


def test_a_release_that_only_reorders_sections_says_so(project: Project):
    project.edit("\nnotice:", "\nsection_order: [rights, controller]\n\nnotice:")
    set_notice(project, "  updated: 2020-01-01\n  material: false\n")
    assert project.run("release", "--as-of", "2020-01-01").returncode == 0
    project.build("--as-of", "2020-01-01")
    for lang, said in (("en", "The order of sections changed"), ("fi", "Osioiden järjestys")):
        history = project.text(f"{lang}/versions/index.html")
        assert said in history
        changes = project.read(f"{lang}/versions/2020-01-01/changes/index.html")
        assert said in changes
        assert "only the wording or a translation" not in changes
    assert "Editorial change (no change in processing)" in project.text("en/versions/index.html")


def test_a_change_is_named_in_the_source_language_of_the_notice(tmp_path: Path):
    """A Finnish notice's editorial release names the change as policy.yaml writes it, so
    that a review accepting it does not depend on the English translation."""
    project = copy_project(tmp_path / "project", DATA / "other-notice")
    assert project.run("release", "--as-of", "2024-05-02").returncode == 0
    project.edit("period: P6Y", "period: P7Y")
    project.edit(
        "  updated: 2024-05-02\n  material: true\n", "  updated: 2024-06-01\n  material: false\n"
    )
    result = project.run("release", "--as-of", "2024-06-01")
    assert result.returncode == 1
    [line] = [x for x in result.stderr.splitlines() if "marked editorial" in x]
    assert "Storage period of Tilaustiedot: 6 vuotta → 7 vuotta" in line
