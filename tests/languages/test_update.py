"""`privacy-notice translations`: catalogs that review well (no churn, previous texts kept,
no misleading pre-fill, no obsolete entries)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import DATA, Project, copy_project
from privacy_notice.languages.update import read, update_all

PO = "translations/{}/LC_MESSAGES/policy.po"


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.po*")}


def update(project: Project) -> list[Path]:
    root = project.path
    return update_all(
        root / "policy.yaml",
        root / "translations",
        ("fi", "sv", "en"),
        "en",
        [(root / "theme/templates", "theme/templates"), (root / "plugins/privacy_notice", "p")],
        root / "translations",
    )


def catalog(project: Project, lang: str):
    return read(project.path / PO.format(lang), lang)


def test_nothing_changed_nothing_written(project: Project):
    before = snapshot(project.path)
    result = project.run("translations")
    assert result.returncode == 0, result.stderr
    assert "0 catalog file(s) changed" in result.stderr
    assert snapshot(project.path) == before
    assert project.run("translations").returncode == 0
    assert snapshot(project.path) == before


def test_a_reworded_text_is_fuzzy_with_its_previous_text(project: Project):
    old = "The customer’s personal identity code can be asked as one way of"
    project.edit(old, old.replace("can be asked", "may be asked"))
    update(project)
    pot = read_po((project.path / "translations/policy.pot").open("rb"))
    assert "POT-Creation-Date" in (project.path / "translations/policy.pot").read_text("utf-8")
    new_id = next(m.id for m in pot if m.id and "may be asked" in m.id)
    message = catalog(project, "fi")[new_id]
    assert message.fuzzy and message.string.startswith("Asiakkaan henkilötunnusta")
    assert "can be asked" in message.previous_id[0]
    text = (project.path / PO.format("fi")).read_text("utf-8")
    assert "#| msgid" in text and "#~" not in text  # previous text kept, obsolete dropped
    before = snapshot(project.path)
    assert update(project) == []  # and stable: a second run writes nothing
    assert snapshot(project.path) == before


def test_a_new_text_is_not_prefilled_from_an_unrelated_one(project: Project):
    project.edit(
        "    - id: email-address\n",
        "    - id: postal-address\n      name: Postal address\n"
        "      purposes: [identification]\n    - id: email-address\n",
    )
    update(project)
    message = catalog(project, "fi")["Postal address"]
    assert message.string == "" and not message.fuzzy  # not "Sähköpostiosoite"


def test_the_theme_template_has_files_but_no_line_numbers(project: Project):
    update(project)
    theme = read_po((project.path / "translations/theme.pot").open("rb"))
    assert theme["Skip to content"].locations == [("theme/templates/base.html", None)]


def _reword(project: Project, how_many: int) -> dict[str, str]:
    """Reword up to ``how_many`` translated texts that stand on one line of policy.yaml;
    old text -> new text."""
    policy = project.policy.read_text("utf-8")
    template = read(project.path / "translations/policy.pot")
    reworded = {}
    for message in template:
        text = message.id
        if not isinstance(text, str) or not text or "\n" in text or policy.count(text) != 1:
            continue
        if len(reworded) == how_many:
            break
        reworded[text] = f"{text} (reworded)"
        policy = policy.replace(text, reworded[text])
    project.policy.write_text(policy, "utf-8")
    return reworded


@pytest.mark.parametrize("notice", ["default-notice", "other-notice"])
def test_a_reworded_text_keeps_each_languages_own_translation(tmp_path: Path, notice: str):
    project = copy_project(tmp_path / "project", DATA / notice)
    languages = [p.name for p in (project.path / "translations").iterdir() if p.is_dir()]
    assert len(languages) >= 2  # the bug mixed one language's text into the next catalog
    before = {lang: {m.id: m for m in catalog(project, lang) if m.id} for lang in languages}
    reworded = _reword(project, how_many=8)
    assert len(reworded) == 8
    result = project.run("translations")
    assert result.returncode == 0, result.stderr
    for lang in languages:
        after = {m.id: m for m in catalog(project, lang) if m.id}
        new_ids = {reworded.get(old, old) for old in before[lang]}
        assert set(after) == new_ids, lang
        for old_id, old in before[lang].items():
            new = after[reworded.get(old_id, old_id)]
            assert new.string == old.string, (lang, old_id)  # its own, not another language's
            if old_id in reworded:
                assert new.fuzzy and new.previous_id == [old_id], (lang, old_id)
            else:
                assert new.flags == old.flags and new.previous_id == old.previous_id
