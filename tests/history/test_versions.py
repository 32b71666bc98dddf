"""site.py: from the inputs to the list of versions the site shows, with no Pelican."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Project
from privacy_notice.diagnostics import PolicyError
from privacy_notice.history.canonical import canonical_json, sha256
from privacy_notice.history.versions import build_site
from privacy_notice.source.options import Options
from run_cli import set_updated


def options(project: Project, **values) -> Options:
    return Options(
        policy=project.policy,
        translations=project.path / "translations",
        versions=project.path / "content/versions",
        **values,
    )


def edit_policy(
    project: Project, pattern: str, replacement: str | Callable[[re.Match[str]], str]
) -> None:
    text, count = re.subn(pattern, replacement, project.policy.read_text("utf-8"), count=1)
    assert count == 1, pattern
    project.policy.write_text(text, "utf-8")


def flip_material(project: Project) -> None:
    """Change the released content without a new date (and without new texts)."""
    edit_policy(
        project,
        r"(?m)^  material: (true|false)$",
        lambda m: f"  material: {'false' if m.group(1) == 'true' else 'true'}",
    )


def released(project: Project) -> list[Path]:
    return sorted((project.path / "content/versions").glob("2*.json"))


def test_a_released_policy_is_its_snapshot(project: Project):
    site = build_site(options(project))
    files = released(project)
    assert [v.date for v in site.versions] == [f.stem for f in files]
    current = site.current
    assert not current.draft
    assert current.published == files[-1].read_bytes()
    assert current.sha256 == sha256(current.published)
    assert site.languages == current.register.languages
    assert site.source_language in site.languages
    assert all(w.severity == "warning" for w in site.warnings)
    assert site.changes_languages(site.versions[0]) == ()


def test_a_new_date_is_a_draft_unless_drafts_are_refused(project: Project):
    set_updated(project.path, "2030-01-01")
    site = build_site(options(project))
    assert [v.date for v in site.versions][-2:] == [released(project)[-1].stem, "2030-01-01"]
    draft = site.current
    assert draft.draft and draft.published == canonical_json(draft.document)
    assert draft.sha256 == sha256(draft.published)
    assert site.changes_languages(draft) == draft.languages
    with pytest.raises(PolicyError, match="the version of 2030-01-01 is not released"):
        build_site(options(project, allow_draft=False))


def test_a_changed_release_is_refused_but_previewed(project: Project):
    flip_material(project)
    with pytest.raises(PolicyError, match="is already released and its content differs"):
        build_site(options(project))
    preview = build_site(options(project, preview=True))
    assert preview.current.draft
    assert len(preview.versions) == len(released(project))  # shown in place of the release
    assert any("already released" in w.message for w in preview.warnings)
    assert all(w.severity == "warning" for w in preview.warnings)


def test_untranslated_texts_fail_unless_fallback_is_allowed(project: Project):
    edit_policy(project, r"(?m)^(notice:\n  title: ).*$", r"\g<1>A title no one translated")
    set_updated(project.path, "2030-01-01")
    with pytest.raises(PolicyError) as caught:
        build_site(options(project))
    assert any(
        d.path == "notice.title" and "translation" in d.message for d in caught.value.diagnostics
    )
    site = build_site(options(project, allow_fallback=True))
    title = site.current.register.notice.title
    others = set(site.languages) - {site.source_language}
    assert others and title.fallbacks == others
    assert all(title[lang] == "A title no one translated" for lang in site.languages)
    assert any(w.path == "notice.title" for w in site.warnings)
