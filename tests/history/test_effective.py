"""Effective dates: which version is in force on a day, the acknowledgement a release needs
to overtake an announced effective date, and the pages as of a build date."""

from __future__ import annotations

import json
import re

import pytest

from conftest import Project
from privacy_notice.history.effective import Dates, InForce, in_force_on, overtaken_by, periods
from run_cli import run_cli

V1 = Dates("2019-10-23", "2019-10-23")
ANNOUNCED = Dates("2026-12-01", "2027-04-01")  # published, takes effect later


def test_a_version_announced_for_later_starts_on_its_effective_date():
    assert periods([V1, ANNOUNCED]) == (
        InForce(V1.updated, V1.starts, "2019-10-23", "2027-03-31"),
        InForce(ANNOUNCED.updated, ANNOUNCED.starts, "2027-04-01", None),
    )
    assert in_force_on([V1, ANNOUNCED], "2027-03-31") == V1.updated
    assert in_force_on([V1, ANNOUNCED], "2027-04-01") == ANNOUNCED.updated
    assert in_force_on([V1, ANNOUNCED], "2019-10-22") is None


def test_a_version_released_before_an_announced_date_overtakes_it():
    fourth = Dates("2027-01-15", "2027-01-15")
    first, announced, latest = periods([V1, ANNOUNCED, fourth])
    assert (first.since, first.until) == ("2019-10-23", "2027-01-14")
    assert announced.overtaken and announced.until is None
    assert (latest.since, latest.until) == ("2027-01-15", None)
    assert in_force_on([V1, ANNOUNCED, fourth], "2027-05-01") == fourth.updated
    assert overtaken_by([V1, ANNOUNCED], fourth) == [periods([V1, ANNOUNCED])[1]]
    # Taking effect after the announced date is an ordinary succession.
    assert overtaken_by([V1, ANNOUNCED], Dates("2027-01-15", "2027-05-01")) == []


# --- releasing: the fourth update of "How it will be tried" ------------------------------


def set_notice(project: Project, lines: str) -> None:
    text = project.policy.read_text("utf-8")
    text = re.sub(r"  updated: .*\n(  [a-z_]+: [^>\n]*\n)*?(?=  basis:)", lines, text, count=1)
    project.policy.write_text(text, "utf-8")


def release(project: Project, as_of: str):
    project.pseudo_translate_missing()
    return project.run("release", "--as-of", as_of)


@pytest.fixture
def announced(project: Project) -> Project:
    """A project whose latest release takes effect on 2027-04-01, announced on 2026-12-01."""
    project.edit("period: P3M", "period: P6M")
    set_notice(
        project,
        "  updated: 2026-12-01\n  effective: 2027-04-01\n  material: true\n"
        "  summary: Calls are kept for six months.\n",
    )
    result = release(project, "2026-12-01")
    assert result.returncode == 0, result.stderr
    project.edit("period: P6M", "period: P9M")
    return project


def test_overtaking_an_announced_date_is_refused_with_how_to_fix_it(announced: Project):
    set_notice(
        announced,
        "  updated: 2027-01-15\n  material: true\n  summary: Calls are kept for nine months.\n",
    )
    result = release(announced, "2027-01-15")
    assert result.returncode == 1, result.stderr
    [line] = [x for x in result.stderr.splitlines() if "announced" in x]
    assert re.match(r"policy\.yaml:\d+:\d+: notice\.updated: the version of 2026-12-01 ", line)
    assert "add supersedes_announced: 2027-04-01 to notice" in line
    assert "set notice.effective to a date after 2027-04-01" in line
    assert not (announced.path / "content/versions/2027-01-15.json").exists()


def test_a_carried_effective_date_is_named_with_a_hint(announced: Project):
    set_notice(
        announced,
        "  updated: 2027-01-15\n  effective: 2027-04-01\n  material: true\n"
        "  summary: Calls are kept for nine months.\n",
    )
    result = release(announced, "2027-01-15")
    assert result.returncode == 1
    [line] = [x for x in result.stderr.splitlines() if "announced" in x]
    assert re.match(r"policy\.yaml:\d+:\d+: notice\.effective: ", line)
    assert "remove notice.effective (carried over from the version of 2026-12-01)" in line


def test_a_carried_past_effective_date_has_a_hint(project: Project):
    set_notice(project, "  updated: 2020-01-01\n  effective: 2019-10-23\n  material: false\n")
    result = project.run("validate")
    assert result.returncode == 1
    assert (
        "notice.effective: the effective date 2019-10-23 is before the update date 2020-01-01 "
        "(carried over from an earlier version?): remove notice.effective or set it to a date "
        "on or after 2020-01-01"
    ) in result.stderr


def test_an_acknowledged_overtaking_is_released_and_published(
    announced: Project, monkeypatch, capsys
):
    set_notice(
        announced,
        "  updated: 2027-01-15\n  supersedes_announced: 2027-04-01\n  material: true\n"
        "  summary: Calls are kept for nine months.\n",
    )
    result = release(announced, "2027-01-15")
    assert result.returncode == 0, result.stderr
    built = run_cli(announced.path, "build", monkeypatch=monkeypatch, capsys=capsys)
    assert built.returncode == 0, built.stderr
    index = json.loads(announced.read("api/versions.json"))
    in_force = {v["date"]: (v["in_force_from"], v["in_force_until"]) for v in index["versions"]}
    assert in_force == {
        "2019-10-23": ("2019-10-23", "2027-01-14"),
        "2026-12-01": (None, None),
        "2027-01-15": ("2027-01-15", None),
    }
    # The acknowledgement belongs to this version only: carried into the next, it is refused.
    set_notice(
        announced,
        "  updated: 2027-02-01\n  supersedes_announced: 2027-04-01\n  material: false\n",
    )
    announced.edit("Kivra will not engage", "Kivra does not engage")
    result = release(announced, "2027-02-01")
    assert result.returncode == 1
    assert "supersedes no announcement: remove notice.supersedes_announced" in result.stderr


# --- building as of a day -----------------------------------------------------------------


def output_bytes(project: Project) -> dict[str, bytes]:
    root = project.path / "output"
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_the_banner_names_the_notice_in_force_until_the_day(
    announced: Project, monkeypatch, capsys
):
    def build(as_of: str) -> dict[str, bytes]:
        result = run_cli(
            announced.path, "build", "--as-of", as_of, monkeypatch=monkeypatch, capsys=capsys
        )
        assert result.returncode == 0, result.stderr
        return output_bytes(announced)

    announced.edit("period: P9M", "period: P6M")  # policy.yaml as released
    before = build("2027-03-31")
    assert build("2027-03-31") == before  # the same inputs and day: the same bytes
    en = announced.text("en/index.html")
    assert (
        "This notice takes effect on 1 April 2027. Until 31 March 2027, the notice of "
        "23 October 2019 applies." in en
    )
    assert 'href="../en/versions/2019-10-23/index.html"' in announced.read("en/index.html")
    assert "Notice in force until 31 March 2027" in en
    assert "Tämä seloste tulee voimaan 1. huhtikuuta 2027." in announced.text("fi/index.html")
    history = announced.text("en/versions/index.html")
    badge = '</a> <span class="badge in-force">In force</span></h2>'
    assert re.findall(
        r'datetime="([\d-]+)">[^<]*</time>' + badge, announced.read("en/versions/index.html")
    ) == ["2019-10-23"]
    assert "From 1 April 2027" in history and "From 23 October 2019 to 31 March 2027" in history
    changes = announced.text("en/versions/2026-12-01/changes/index.html")
    assert "In force from 1 April 2027." in changes and "Takes effect" not in changes

    after = build("2027-04-01")
    assert after != before
    en = announced.text("en/index.html")
    assert "takes effect" not in en and "Notice in force until" not in en
    assert "In force since 1 April 2027." in en
    assert re.findall(
        r'datetime="([\d-]+)">[^<]*</time>' + badge, announced.read("en/versions/index.html")
    ) == ["2026-12-01"]
    # What a version's own pages say does not depend on the day of the build.
    for name in ("en/versions/2026-12-01/index.html", "en/versions/2026-12-01/changes/index.html"):
        assert after[name] == before[name], name


def test_the_first_version_is_no_material_change(built_site: Project):
    history = built_site.text("en/versions/index.html")
    assert "Material change" not in history and "Kind of change" not in history
    assert "First published version." in history


def test_a_malformed_as_of_is_one_located_line(project: Project):
    result = project.build("--as-of", "1.4.2027", ok=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "--as-of: '1.4.2027' is not a date: write it as YYYY-MM-DD, e.g. 2027-04-01"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('TIMEZONE = "Mars/Base"', "TIMEZONE: unknown time zone 'Mars/Base': set an IANA name"),
        (
            'PRIVACY_NOTICE_AS_OF = "tomorrow"',
            "PRIVACY_NOTICE_AS_OF: expected a date YYYY-MM-DD (text) or None, got 'tomorrow'",
        ),
    ],
)
def test_the_day_of_the_build_from_bad_settings_is_located(project: Project, line, message):
    settings = project.path / "pelicanconf.py"
    settings.write_text(settings.read_text("utf-8") + line + "\n", "utf-8")
    number = len(settings.read_text("utf-8").splitlines())
    result = project.build(ok=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"pelicanconf.py:{number}:1: {message}")


def test_the_newest_notice_is_not_called_the_notice_in_force():
    """The footer's link to the newest notice: in Finnish and Swedish it said "the notice in
    force", also while the newest version was only announced."""
    from babel.messages.pofile import read_po

    from conftest import ROOT

    for lang, in_force in (("fi", "voimassa"), ("sv", "gällande")):
        path = ROOT / f"theme/translations/{lang}/LC_MESSAGES/theme.po"
        catalog = read_po(path.open("rb"), locale=lang)
        for msgid in ("Current notice", "Read the current notice"):
            assert in_force not in catalog[msgid].string.lower(), (lang, msgid)
