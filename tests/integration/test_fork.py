"""A fork publishes another notice with the tool unchanged: the tests use notices of their
own (tests/data/), never the root policy.yaml, catalogs or versions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, ROOT, Project, copy_project

TESTS = Path(__file__).resolve().parents[1]
# Reading the root notice: the root policy.yaml, content/ or translations/
# (conftest copies the theme's catalogs from there, which are the tool's).
ROOT_NOTICE = re.compile(r"""ROOT\s*/\s*["'](?:policy\.yaml|content|translations)""")


def test_no_test_reads_the_root_notice():
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if ROOT_NOTICE.search(line) and "theme" not in line
    ]
    assert offenders == []


# Words only the default notice says (its company, address, Business ID, a channel).
DEFAULT_WORDS = ("Kivra", "Miestentie", "2918721-9", "Chatbot", "Espoo")
TOOL_FILES = ("plugins", "theme", "pelicanconf.py", "publishconf.py", "Makefile", "docs")


def tool_files() -> list[Path]:
    files = []
    for name in TOOL_FILES:
        path = ROOT / name
        files += [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    # Not what an install generates (bytecode, the egg-info's copy of the README).
    return [
        p
        for p in files
        if "__pycache__" not in p.parts and not any(x.endswith(".egg-info") for x in p.parts)
    ]


def test_the_tools_files_name_nothing_of_the_default_notice():
    found = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in tool_files()
        for word in DEFAULT_WORDS
        if word.lower() in path.read_text("utf-8", errors="replace").lower()
    ]
    assert found == []


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Another notice (tests/data/other-notice: Finnish source; fi, en, de), built."""
    project = copy_project(tmp_path_factory.mktemp("other") / "project", DATA / "other-notice")
    project.build()
    return project


def test_another_notice_shows_no_word_of_the_default_one(other_site: Project):
    found = [
        f"{path.relative_to(other_site.path)}: {word}"
        for path in sorted((other_site.path / "output").rglob("*"))
        if path.is_file()
        for word in DEFAULT_WORDS
        if word.lower() in path.read_text("utf-8", errors="replace").lower()
    ]
    assert found == []


@pytest.mark.parametrize(
    ("lang", "theme", "text", "date"),
    [
        ("fi", "Siirry sisältöön", "Rekisterinpitäjä", "2. toukokuuta 2024"),
        ("en", "Skip to content", "Controller", "2 May 2024"),
        ("de", "Zum Inhalt springen", "Verantwortlicher", "2. Mai 2024"),
    ],
)
def test_every_page_is_in_its_own_language_theme_included(
    other_site: Project, lang: str, theme: str, text: str, date: str
):
    page = other_site.text(f"{lang}/index.html")
    assert theme in page and text in page and date in page


def test_site_name_and_feed_titles_come_from_the_register(other_site: Project):
    feed = other_site.read("feeds/de.atom.xml")
    assert "<title>Acme Puutarha Oy - Datenschutzhinweise des Onlineshops" in feed
