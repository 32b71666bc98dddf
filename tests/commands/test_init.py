"""`privacy-notice init`: a new notice project, or a fresh notice in place (--reset)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import Project
from privacy_notice.commands.cli import main, parser
from privacy_notice.commands.init_answers import answers_from, check_answers
from privacy_notice.languages.catalogs import check_theme_catalogs, read_catalogs
from privacy_notice.languages.update import render
from run_cli import in_process

ACME = ["--name", "Acme Oy", "--identifier", "fi-business-id:1234567-1", "--no-input"]


def init(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return in_process(cwd, "init", *args)


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_init_writes_a_project_whose_skeleton_validates(tmp_path: Path):
    result = init(tmp_path, "acme", *ACME, "--languages", "fi,en,de", "--source-language", "fi")
    assert result.returncode == 0, result.stderr
    acme = tmp_path / "acme"
    assert sorted(tree(acme)) == [
        ".gitignore",
        "Makefile",
        "content/versions/README.md",
        "pelicanconf.py",
        "policy.yaml",
        "publishconf.py",
        "translations/de/LC_MESSAGES/policy.po",
        "translations/en/LC_MESSAGES/policy.po",
        "translations/policy.pot",
    ]
    policy = (acme / "policy.yaml").read_text("utf-8")
    assert "source_language: fi\nlanguages: [fi, en, de]" in policy
    assert 'title: "Rekisterinpitäjä"' in policy and 'value: "1234567-1"' in policy
    lint = in_process(acme, "lint")
    assert lint.returncode == 0, lint.stderr
    assert "policy.yaml: valid;" in lint.stderr
    assert "(GDPR Art. 13(1)(b))" in lint.stderr  # what Article 13 still needs
    assert "personal_data.fields[0].name: still to be written: 'FILL IN:" in lint.stderr
    release = in_process(acme, "release")
    assert release.returncode == 1
    assert "still to be written" in release.stderr
    assert not list((acme / "content/versions").glob("*.json"))


def test_reset_replaces_the_notice_and_keeps_the_tool(project: Project):
    theme = tree(project.path / "theme")
    result = init(project.path, "--reset", "--force", *ACME, "--languages", "de,en")
    assert result.returncode == 0, result.stderr
    assert "Acme Oy" in project.policy.read_text("utf-8")
    assert "source_language: de" in project.policy.read_text("utf-8")
    assert not (project.path / "translations/fi/LC_MESSAGES/policy.po").exists()
    # The notice's catalogs only (the source language's policy has none); the theme's
    # catalogs stay with the theme.
    assert sorted(p.name for p in (project.path / "translations").iterdir()) == [
        "en",
        "policy.pot",
    ]
    assert (project.path / "translations/en/LC_MESSAGES/policy.po").exists()
    assert (project.path / "theme/translations/fi/LC_MESSAGES/theme.po").exists()
    assert sorted(p.name for p in (project.path / "content/versions").iterdir()) == ["README.md"]
    assert tree(project.path / "theme") == theme
    assert project.run("validate").returncode == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["new", "--languages", "fi,ger", "--no-input"],
            "--languages: 'ger' is not a language Babel knows; did you mean 'de'?",
        ),
        (
            ["new", "--languages", "fi,en", "--source-language", "de", "--no-input"],
            "--source-language: 'de' is not among the languages (fi, en): add it to --languages",
        ),
        (
            ["new", "--identifier", "fi-business-id:1234567-2", "--no-input"],
            "--identifier: '1234567-2' has a wrong check digit",
        ),
        (
            ["new", "--identifier", "company-number:HRB 12345", "--no-input"],
            "--identifier: 'HRB 12345' is not COUNTRY:NUMBER: company-number needs the "
            "register's country, e.g. company-number:DE:HRB 12345",
        ),
        (
            ["project", "--no-input"],
            "project: not empty: init writes a new project into a new or empty directory",
        ),
        (
            ["project", "--reset", "--no-input"],
            "project/content/versions/index.json: 1 released version(s) (2019-10-23) would be "
            "discarded: add --force",
        ),
    ],
    ids=[
        "unknown language",
        "source not published",
        "check digit",
        "no country",
        "not empty",
        "reset",
    ],
)
def test_bad_input_is_one_line_and_nothing_is_lost(
    project: Project, args, expected, monkeypatch: pytest.MonkeyPatch, capsys
):
    before = tree(project.path.parent)
    monkeypatch.chdir(project.path.parent)
    assert main(["init", *args]) == 1  # in-process: main() is what the command runs
    first, summary = capsys.readouterr().err.splitlines()
    assert first.startswith(expected), first
    assert summary == "1 problem; nothing was written"
    assert tree(project.path.parent) == before


def test_a_language_without_a_theme_catalog_says_how_to_add_one(project: Project):
    catalogs = read_catalogs(
        project.path / "translations",
        ["fi", "et"],
        "fi",
        theme_dir=project.path / "theme/translations",
        own_theme_dir=project.path / "translations",
    )
    assert ("fi", "theme") in catalogs  # a Finnish source still gets the Finnish theme
    (problem,) = check_theme_catalogs({("et", "theme"): catalogs["et", "theme"]}, "error")
    # Where the project's own catalog goes, which make translations adds.
    assert str(problem) == (
        f"{project.path}/translations/et/LC_MESSAGES/theme.po: missing: the theme has no "
        "Estonian (et) translation: run 'make translations' (privacy-notice translations), "
        "which adds this catalog of the theme's labels to the project, and translate it"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "languages: [fi, sv, en]",
            "languages: [fi, swe, en]",
            "policy.yaml:11:17: languages[1]: 'swe' is not a language Babel knows; "
            "did you mean 'sv'?",
        ),
        (
            "languages: [fi, sv, en]",
            "languages: [fi, sv]",
            "policy.yaml:11:12: languages: must include the source language 'en'",
        ),
    ],
    ids=["unknown language", "source not published"],
)
def test_bad_languages_in_policy_yaml(project: Project, old: str, new: str, expected: str):
    project.edit(old, new)
    for command in ("validate", "translations"):
        result = project.run(command)
        assert result.returncode == 1
        assert result.stderr.splitlines()[0] == expected


def test_a_filled_in_skeleton_builds_in_every_language(tmp_path: Path):
    assert init(tmp_path, "acme", *ACME, "--languages", "fi,en,de").returncode == 0
    acme = Project(tmp_path / "acme")
    text = acme.policy.read_text("utf-8")
    text = re.sub(r'"FILL IN: ([^"]*)"', r'"Täytetty: \1"', text).replace("fill-in", "nimi")
    text = text.replace("FILL-IN@example.com", "tietosuoja@acme.example")
    acme.policy.write_text(text.replace("https://FILL-IN.example", "https://acme.example"))
    assert acme.run("translations").returncode == 0
    for lang in ("en", "de"):
        path = acme.path / f"translations/{lang}/LC_MESSAGES/policy.po"
        catalog = read_po(path.open("rb"), locale=lang)
        for message in catalog:
            message.string = f"[{lang}] {message.id}" if message.id else message.string
        path.write_bytes(render(catalog, locations=False))
    acme.build()
    assert "Siirry sisältöön" in acme.text("fi/index.html")
    assert "Zum Inhalt springen" in acme.text("de/index.html")
    assert "<title>Acme Oy - " in acme.read("feeds/en.atom.xml")


def test_init_asks_on_a_terminal(monkeypatch: pytest.MonkeyPatch):
    answers = iter(["Acme Oy", "fi-business-id:1234567-1", "n", "sv,fi", ""])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    args = parser().parse_args(["init", "somewhere"])
    got = answers_from(args, "schema.json")
    assert (got.name, got.identifier) == ("Acme Oy", ("fi-business-id", "1234567-1"))
    assert got.public_authority is False  # asked, not assumed
    assert (got.languages, got.source_language) == (("sv", "fi"), "sv")  # default: the first
    assert check_answers(got) == []


def test_init_asks_again_until_an_answer_is_right(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    answers = iter(
        [
            "Acme GmbH",
            "de-hrb:12345",
            "company-number:DE:HRB 12345",
            "maybe",
            "y",
            "de,ger",
            "de,en",
            "fr",
            "en",
        ]
    )
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    got = answers_from(parser().parse_args(["init", "somewhere"]), "schema.json")
    assert got.identifier == ("company-number", "DE:HRB 12345")
    assert got.public_authority is True
    assert (got.languages, got.source_language) == (("de", "en"), "en")
    assert check_answers(got) == []
    said = capsys.readouterr().err.splitlines()
    assert said == [
        "  de-hrb:12345: unknown scheme 'de-hrb' (one of fi-business-id, "
        "se-organisation-number, eu-vat, lei, company-number)",
        "  maybe: answer y or n",
        "  de,ger: 'ger' is not a language Babel knows; did you mean 'de'?",
        "  fr: not among the languages",
    ]


@pytest.mark.parametrize("country", ["DE", "NO"])  # NO, unquoted, would be YAML's false
def test_a_company_number_is_written_with_its_country(tmp_path: Path, country: str):
    args = ["--name", "Zahnarzt GmbH", "--identifier", f"company-number:{country}:HRB 12345"]
    result = init(tmp_path, "praxis", *args, "--languages", "de", "--no-input")
    assert result.returncode == 0, result.stderr
    policy = (tmp_path / "praxis" / "policy.yaml").read_text("utf-8")
    expected = f'- scheme: company-number\n      value: "HRB 12345"\n      country: "{country}"\n'
    assert expected in policy
    validated = in_process(tmp_path / "praxis", "validate")
    assert validated.returncode == 0 and "identifiers" not in validated.stderr


def test_the_offered_source_language_is_one_of_the_languages(monkeypatch: pytest.MonkeyPatch):
    answers = iter(["Acme GmbH", "", "", "de ,en", ""])  # Enter takes the offered default
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    got = answers_from(parser().parse_args(["init", "somewhere"]), "schema.json")
    assert (got.languages, got.source_language) == (("de", "en"), "de")


def test_a_company_numbers_country_is_checked(tmp_path: Path):
    result = init(tmp_path, "praxis", "--identifier", "company-number:UK:123", "--no-input")
    assert result.returncode == 1
    assert "--identifier: 'UK' is not an ISO 3166-1 alpha-2 country code" in result.stderr


def test_answers_that_cannot_be_asked_are_said_to_be_missing(tmp_path: Path):
    """Answers piped in are not read (init asks only on a terminal): it says so."""
    result = init(tmp_path, "piped", "--languages", "en")
    assert result.returncode == 0
    assert "standard input is not a terminal, so nothing was asked" in result.stderr


def test_the_skeleton_asks_which_rights_apply_rather_than_claiming_them(tmp_path: Path):
    """Portability and objection apply only on some legal bases (model/rights.py): the
    skeleton does not state them; lint names each once the purposes have bases."""
    result = init(tmp_path, "acme", *ACME, "--languages", "en")
    assert result.returncode == 0, result.stderr
    acme = tmp_path / "acme"
    policy = (acme / "policy.yaml").read_text("utf-8")
    assert "right: portability" not in policy.replace("#     right: portability", "")
    assert "right: objection" not in policy
    assert "public_authority:" not in policy.replace("# public_authority:", "")
    lint = in_process(acme, "lint").stderr
    assert "the right of portability (Art. 20) is not stated" in lint
    assert "the right of objection (Art. 21) is not stated" in lint
    # a purpose on a legal obligation gives neither: lint no longer asks for them
    (acme / "policy.yaml").write_text(
        policy.replace(
            "      # legal_bases: [{basis: contract}]",
            "      legal_bases: [{basis: legal-obligation, law: Archives Act (831/1994)}]",
        ),
        "utf-8",
    )
    lint = in_process(acme, "lint").stderr
    assert "portability" not in lint and "objection" not in lint


def test_a_public_authority_is_asked_for_and_gets_its_officer(tmp_path: Path):
    result = init(tmp_path, "town", *ACME, "--languages", "fi", "--public-authority")
    assert result.returncode == 0, result.stderr
    policy = (tmp_path / "town/policy.yaml").read_text("utf-8")
    assert "  public_authority: true" in policy
    assert "  data_protection_officer:\n    email: FILL-IN@example.com" in policy
    lint = in_process(tmp_path / "town", "lint").stderr
    assert "(GDPR Art. 37(1)(a))" not in lint  # the officer's contact is there, to fill in
    assert "controller.data_protection_officer.email: still to be written" in lint
    result = init(tmp_path, "firm", *ACME, "--languages", "fi", "--no-public-authority")
    assert "  public_authority: false\n" in (tmp_path / "firm/policy.yaml").read_text("utf-8")
