"""Settings: every PRIVACY_NOTICE_* name declared and checked, problems located in the
settings file; publishing refuses drafts whatever the settings say, and a placeholder
SITEURL."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, Project
from privacy_notice.diagnostics import PolicyError
from privacy_notice.render.settings import (
    SETTINGS,
    SOURCE_KEY,
    NoticeSettings,
    check_settings,
)
from privacy_notice.render.settings_file import assignments
from run_cli import run_cli, set_updated

PUBLISH = ("build", "-s", "publishconf.py", "--publish")  # what make publish runs
SITE = "https://tietosuoja.test"  # a site's address (publishconf.py reads SITEURL)


@pytest.fixture(autouse=True)
def site_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """The project's publishconf.py publishes to a site's address, not its placeholder."""
    monkeypatch.setenv("SITEURL", SITE)


def typos(name: str) -> list[str]:
    """A letter dropped at the end, and one dropped in the prefix."""
    return [name[:-1], name.replace("NOTICE", "NOTCE", 1)]


def misspell(project: Project, name: str, typo: str) -> tuple[str, int]:
    """Misspell ``name`` where a settings file assigns it, or add a misspelt assignment to
    publishconf.py; return the file and line."""
    for file in ("publishconf.py", "pelicanconf.py"):
        text = (project.path / file).read_text("utf-8")
        found = re.search(rf"^{name}\b", text, re.M)
        if found:
            (project.path / file).write_text(
                text[: found.start()] + typo + text[found.end() :], "utf-8"
            )
            return file, text[: found.start()].count("\n") + 1
    return "publishconf.py", append(project, "publishconf.py", f"{typo} = True")


def append(project: Project, file: str, line: str) -> int:
    """Add a line to a settings file; return its line number."""
    path = project.path / file
    text = path.read_text("utf-8")
    path.write_text(text + line + "\n", "utf-8")
    return text.count("\n") + 1


CASES = [(s.name, typo) for s in SETTINGS for typo in typos(s.name)]


@pytest.mark.parametrize(("name", "typo"), CASES, ids=[typo for _name, typo in CASES])
def test_a_misspelt_setting_stops_make_publish(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys, name: str, typo: str
):
    file, line = misspell(project, name, typo)
    result = run_cli(project.path, *PUBLISH, monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{file}:{line}:1: unknown setting '{typo}'; did you mean '{name}'?",
        "1 problem; nothing was written",
    ]
    assert not (project.path / "output").exists()


def test_make_publish_is_the_publishing_build():
    dry_run = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "publish"], capture_output=True, text=True, check=True
    )
    assert 'privacy-notice build -s publishconf.py -o "output" --publish' in dry_run.stdout


def test_a_misspelt_setting_stops_the_command(project: Project):
    """The same end to end, as a process: one clear line, no traceback."""
    line = append(project, "publishconf.py", "PRIVACY_NOTICE_DRAFT = False")
    result = project.run(*PUBLISH)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"publishconf.py:{line}:1: unknown setting 'PRIVACY_NOTICE_DRAFT'; "
        "did you mean 'PRIVACY_NOTICE_DRAFTS'?",
        "1 problem; nothing was written",
    ]


def test_a_value_of_the_wrong_type_is_located(project: Project, monkeypatch, capsys):
    line = append(project, "publishconf.py", 'PRIVACY_NOTICE_DRAFTS = "no"')
    policy_line = append(project, "pelicanconf.py", "PRIVACY_NOTICE_POLICY = 3")
    result = run_cli(project.path, *PUBLISH, monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"pelicanconf.py:{policy_line}:1: PRIVACY_NOTICE_POLICY: expected a path (text), "
        "got 3 (int)",
        f"publishconf.py:{line}:1: PRIVACY_NOTICE_DRAFTS: expected True or False, got 'no' (str)",
        "2 problems; nothing was written",
    ]


def test_publishing_refuses_drafts_whatever_the_settings_say(project: Project, monkeypatch, capsys):
    append(project, "publishconf.py", "PRIVACY_NOTICE_DRAFTS = True")
    append(project, "publishconf.py", "PRIVACY_NOTICE_FALLBACK = True")
    set_updated(project.path, "2030-01-01")
    refused = "notice.updated: the version of 2030-01-01 is not released"
    published = run_cli(project.path, *PUBLISH, monkeypatch=monkeypatch, capsys=capsys)
    assert published.returncode == 1 and refused in published.stderr
    # without --publish too (pelican -s publishconf.py): an absolute SITEURL is publishing
    implied = run_cli(
        project.path, "build", "-s", "publishconf.py", monkeypatch=monkeypatch, capsys=capsys
    )
    assert implied.returncode == 1 and refused in implied.stderr
    # --publish wins over the development settings as well
    forced = run_cli(project.path, "build", "--publish", monkeypatch=monkeypatch, capsys=capsys)
    assert forced.returncode == 1 and refused in forced.stderr
    assert not (project.path / "output").exists()


# --- the module on its own -------------------------------------------------------------


def test_every_setting_is_declared_with_a_meaning_and_a_valid_default():
    assert [s.name for s in SETTINGS] == [
        "PRIVACY_NOTICE_" + name
        for name in (
            "ROOT",
            "POLICY",
            "TRANSLATIONS",
            "VERSIONS",
            "DRAFTS",
            "FALLBACK",
            "PREVIEW",
            "PUBLISH",
            "AS_OF",
            "SEARCH",
            "JOBS",
        )
    ]
    for setting in SETTINGS:
        assert setting.kind.accepts(setting.default), setting.name
        assert setting.meaning.endswith("."), setting.name
        assert getattr(NoticeSettings(), setting.attribute) == setting.default


def messages(settings: dict[str, object]) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        check_settings(settings)
    return [str(d) for d in caught.value.diagnostics]


def test_unknown_names_are_refused_and_others_left_alone():
    # Pelican's own names, and helpers such as ROOT, are not ours to judge
    others = {"SITENAME": "x", "ROOT": "/", "FEED_DOMAIN": "", "COOKIE_NOTICE_TEXT": "y"}
    assert check_settings(others) == NoticeSettings()
    assert messages({"PRIVACY_NOTICE_XYZZY": 1}) == [
        "settings: unknown setting 'PRIVACY_NOTICE_XYZZY'; known: "
        + ", ".join(s.name for s in SETTINGS)
    ]
    assert messages({"PRIVACYNOTICE_DRAFTS": True}) == [
        "settings: unknown setting 'PRIVACYNOTICE_DRAFTS'; did you mean 'PRIVACY_NOTICE_DRAFTS'?"
    ]


def test_values_and_publishing():
    development = check_settings(
        {"PRIVACY_NOTICE_DRAFTS": True, "PRIVACY_NOTICE_FALLBACK": True, "SITEURL": ""}
    )
    assert (development.allow_draft, development.allow_fallback) == (True, True)
    for siteurl in ("https://tietosuoja.test", "http://localhost:8000"):
        published = check_settings(
            {
                "PRIVACY_NOTICE_DRAFTS": True,
                "PRIVACY_NOTICE_FALLBACK": True,
                "PRIVACY_NOTICE_PREVIEW": True,
                "SITEURL": siteurl,
            }
        )
        assert published.publish
        assert not (published.allow_draft or published.allow_fallback or published.allow_preview)
    for siteurl in ("", "/notice", "."):
        assert not check_settings({"SITEURL": siteurl}).publish
    assert check_settings({"PRIVACY_NOTICE_PUBLISH": True}).allow_draft is False
    assert check_settings({"PRIVACY_NOTICE_ROOT": Path("/x")}).root == Path("/x")


def test_assignments_follow_star_imports_and_the_last_one_wins(tmp_path: Path):
    (tmp_path / "base_settings.py").write_text(
        "A = 1\nB = C = 2\nif True:\n    D: int = 3\n", "utf-8"
    )
    (tmp_path / "site_settings.py").write_text(
        "import os\nfrom base_settings import *\n(E, [F, *G]) = 1, [2, 3]\nC = 4\n"
        "def helper():\n    H = 5\n",
        "utf-8",
    )
    places = assignments(tmp_path / "site_settings.py")
    base = str(tmp_path / "base_settings.py")
    site = str(tmp_path / "site_settings.py")
    assert places == {
        "A": (base, 1, 1),
        "B": (base, 2, 1),
        "C": (site, 4, 1),
        "D": (base, 4, 5),
        "E": (site, 3, 2),
        "F": (site, 3, 6),
        "G": (site, 3, 10),
    }
    assert assignments(tmp_path / "missing.py") == {}


def test_problems_are_located_in_the_file_that_assigns_them(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conf.py").write_text("SITENAME = 'x'\nPRIVACY_NOTICE_FALLBAK = True\n", "utf-8")
    assert messages({"PRIVACY_NOTICE_FALLBAK": True, SOURCE_KEY: "conf.py"}) == [
        "conf.py:2:1: unknown setting 'PRIVACY_NOTICE_FALLBAK'; "
        "did you mean 'PRIVACY_NOTICE_FALLBACK'?"
    ]
    # a name the file does not assign (set some other way) is reported at the file
    assert messages({"PRIVACY_NOTICE_PREVIW": True, SOURCE_KEY: "conf.py"}) == [
        "conf.py: unknown setting 'PRIVACY_NOTICE_PREVIW'; did you mean 'PRIVACY_NOTICE_PREVIEW'?"
    ]


def test_a_build_checks_the_settings_once(project: Project, monkeypatch, capsys):
    from privacy_notice.render import settings

    calls = []

    def counted(settings):
        calls.append(settings)
        return check_settings(settings)

    monkeypatch.setattr(settings, "check_settings", counted)
    result = run_cli(project.path, "build", monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 0, result.stderr
    assert len(calls) == 1


PLACEHOLDERS = [
    ("https://tietosuoja.example.fi", "example.fi"),  # this repository's publishconf.py
    ("https://privacy.example.com", "example.com"),  # what init writes
    ("https://example.org/privacy", "example.org"),
    ("http://www.EXAMPLE.net.", "example.net"),
    ("https://notice.example", "example"),
    ("https://site.invalid", "invalid"),
]


@pytest.mark.parametrize(("url", "domain"), PLACEHOLDERS, ids=[u for u, _d in PLACEHOLDERS])
def test_publishing_refuses_a_placeholder_siteurl_in_one_line_that_says_where(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys, url: str, domain: str
):
    monkeypatch.setenv("SITEURL", url)
    result = run_cli(project.path, *PUBLISH, monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(_lines(project), 1) if text.startswith("SITEURL ="))
    assert result.stderr.splitlines() == [
        f"publishconf.py:{line}:1: SITEURL: {url!r} is a placeholder ({domain} is for "
        "examples), not where the notice is published: set the site's address in the SITEURL "
        "environment variable (SITEURL=https://… make publish) or on this line",
        "1 problem; nothing was written",
    ]
    assert not (project.path / "output").exists()


def _lines(project: Project) -> list[str]:
    return (project.path / "publishconf.py").read_text("utf-8").splitlines()


def test_the_repositorys_publishconf_says_where_to_set_the_address(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.delenv("SITEURL")
    result = run_cli(project.path, *PUBLISH, monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 1 and "'https://tietosuoja.example.fi' is a placeholder" in (
        result.stderr
    )
    # a real address: published, with absolute URLs from it
    monkeypatch.setenv("SITEURL", "https://notice.example-shop.fi")
    result = run_cli(project.path, *PUBLISH, monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 0, result.stderr
    assert 'href="https://notice.example-shop.fi/sv/index.html"' in project.read("fi/index.html")


@pytest.mark.parametrize(
    "url",
    [
        "https://notice.example-shop.fi",  # a name that only contains "example"
        "https://examples.com",
        "https://example.com.notice.fi",
        "https://tietosuoja.test",
        "http://localhost:8000",
    ],
)
def test_an_address_that_is_only_like_a_placeholder_publishes(url: str):
    assert check_settings({"SITEURL": url}).publish
