"""parallel.py: a register's languages split among worker processes give the bytes of a
build in one process; the parts of a language's pages cover each of its versions once."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import history as history_site
from helpers import outputs, plan_of, theme

from conftest import Project
from privacy_notice.exports import formats
from privacy_notice.languages.catalogs import theme_translations
from privacy_notice.render import pages, parallel, register_pages
from privacy_notice.render.pages import Space
from privacy_notice.render.register_pages import language_parts, language_plan


@pytest.mark.parametrize("pieces", [1, 2, 3, 7, 40])
def test_the_parts_of_the_languages_cover_every_version_once(pieces: int) -> None:
    site = history_site()
    parts = language_parts(site, pieces)
    for lang in site.languages:
        own = [part for part in parts if part.lang == lang]
        count = sum(lang in v.languages for v in site.versions)
        covered = [index for part in own for index in range(part.start, part.stop or count)]
        assert covered == list(range(count))
        assert [part.index for part in own] == [False] * (len(own) - 1) + [True]
        # About ``pieces`` in all: as many for each language, fewer where it has fewer versions.
        assert len(own) == min(count, -(-pieces // len(site.languages)))


def test_the_parts_of_a_plan_are_the_plan() -> None:
    """Each language's pages made in parts (as workers make them) and the register's own
    part render the pages, feeds and files of the plan made at once."""
    site, env = history_site(), theme()
    whole = plan_of(site, env)

    def render(name: str, context: object) -> str:
        return env.get_template(name).render(context)

    translations = {lang: theme_translations(site.catalogs, lang) for lang in site.languages}
    space = Space()
    parts = [
        language_plan(site, render, translations[part.lang], space, part)
        for part in language_parts(site, 7)
    ]
    assert len(parts) > len(site.languages)
    default = site.languages[0]
    exports = formats.site_exports(site, "", pages.page_url)
    own = register_pages.own_plan(site, render, default, translations[default], space, exports)
    pieced = pages.merged([*parts, own])

    def rendered(plan: pages.Plan) -> dict[str, str]:
        return {page.name: render(page.template, page.context) for page in plan.pages}

    assert rendered(pieced) == rendered(whole)
    assert pieced.feeds == whole.feeds
    assert pieced.files == whole.files


def test_a_long_history_on_every_core_is_the_build_of_one_process(
    history: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register of many versions, its languages' pages rendered in parts by two workers,
    gives the bytes of a build in one process."""
    project = history.clone(tmp_path / "project")
    monkeypatch.setattr(parallel, "SPLIT_VERSIONS", 2)  # the five versions are "many"
    split: list[int] = []

    def counted(site: object, pieces: int) -> list[register_pages.Part]:
        found = language_parts(site, pieces)  # type: ignore[arg-type]
        split.append(len(found))
        return found

    monkeypatch.setattr(parallel, "language_parts", counted)
    project.build("--jobs", "2", "-o", "two")
    assert split and split[0] > 1
    project.build("--jobs", "1", "-o", "one")
    two = outputs((project.path / "two").resolve())
    assert len(two) > 50
    assert outputs((project.path / "one").resolve()) == two


@pytest.mark.parametrize("split", [False, True], ids=["one process", "on every core"])
def test_a_template_that_fails_as_it_renders_is_one_located_line(
    history: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, split: bool
) -> None:
    """A project's own theme with a mistake a page meets only as it renders: one line at
    the template's line, also where the page is rendered in a worker process."""
    project = history.clone(tmp_path / "project")
    if split:
        monkeypatch.setattr(parallel, "SPLIT_VERSIONS", 2)
    template = project.path / "theme/templates/changes.html"
    lines = template.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "{% block main %}" in line)
    lines[at] = lines[at].replace("{% block main %}", "{% block main %}{{ nosuch.attr }}")
    template.write_text("".join(lines), "utf-8")
    result = project.build("--jobs", "2" if split else "1", ok=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        f"theme/templates/changes.html:{at + 1}: template error: 'nosuch' is undefined",
        "1 problem; nothing was written",
    ]
