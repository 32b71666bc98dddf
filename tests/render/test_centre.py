"""The site of several registers: each register's pages, API files and feeds in its own URL
space, the privacy centre (index pages, site-wide feeds, api/registers.json), the root
register's URLs unchanged, and bad input failing the build with the old site intact.

The project is tests/data/registers/ on top of the default notice (see conftest's
``registers_site``): the root register ``customer-service`` plus ``recruitment`` and
``camera-surveillance``, which share ``shared.yaml``'s controller block.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from helpers import (
    AS_OF,
    CAMERA,
    MOVED,
    RECRUITMENT,
    broken_links,
    broken_register,
    missing_block,
    outputs,
    same_slug,
    translate_fi,
)

from conftest import Project
from privacy_notice.render.signals import plan_ready

FURTHER = {"recruitment": "2024-03-01", "camera-surveillance": "2024-04-15"}
LANGS = {"recruitment": ("en", "fi"), "camera-surveillance": ("en", "fi")}
ROOT_LANGS = ("fi", "sv", "en")
# The privacy centre's own files (its index, group and changes pages, site-wide feeds).
CENTRE_FILES = r"[a-z]+/registers/(?:[a-z0-9-]+/)*index\.html|feeds/all\.[a-z]+\.atom\.xml"


def test_every_page_type_of_every_register_in_every_language(registers_site: Project) -> None:
    output = registers_site.path / "output"
    for slug, date in FURTHER.items():
        base = output / "registers" / slug
        for lang in LANGS[slug]:
            for page in (
                f"{lang}/index.html",
                f"{lang}/versions/index.html",
                f"{lang}/versions/{date}/index.html",
                f"feeds/{lang}.atom.xml",
                f"api/tilt/{lang}.json",
                f"api/tilt/{date}/{lang}.json",
            ):
                assert (base / page).is_file(), f"{slug}: {page}"
        for name in ("index.html", "api/register.json", "api/versions.json", "api/register.jsonld"):
            assert (base / name).is_file(), f"{slug}: {name}"
        assert (base / f"api/versions/{date}.json").is_file()
        assert (base / f"api/versions/{date}.jsonld").is_file()
    assert broken_links(output) == []


def test_a_registers_pages_link_within_its_own_url_space(registers_site: Project) -> None:
    page = registers_site.read("registers/recruitment/fi/index.html")
    hrefs = set(re.findall(r'href="([^"#][^"]*)"', page))
    ours = {h for h in hrefs if not h.startswith(("http", "mailto"))}
    assert "../../../registers/recruitment/fi/versions/index.html" in ours
    assert "../../../registers/recruitment/feeds/fi.atom.xml" in ours
    assert "../../../registers/recruitment/api/register.json" in ours
    # Nothing of its own points into the root register's pages: only the centre and theme.
    outside = {h for h in ours if "registers/recruitment/" not in h}
    assert outside == {"../../../fi/registers/index.html", "../../../theme/css/notice.css"}
    versions = json.loads(registers_site.read("registers/recruitment/api/versions.json"))
    assert versions["versions"][0]["url"].endswith(
        "/registers/recruitment/api/versions/2024-03-01.json"
    )


def test_the_privacy_centre_lists_every_register(registers_site: Project) -> None:
    for lang in ("fi", "sv", "en"):
        text = registers_site.text(f"{lang}/registers/index.html")
        assert "Privacy notice for job applicants" in text or lang == "fi"
    fi = registers_site.read("fi/registers/index.html")
    assert 'href="../../registers/recruitment/fi/index.html"' in fi
    assert 'href="../../registers/camera-surveillance/fi/index.html"' in fi
    assert 'href="../../fi/index.html"' in fi
    assert "Tietosuojaselosteet" in fi  # the heading, translated
    assert re.search(r"<title>Tietosuojaselosteet – [^<\s][^<]*</title>", fi)  # and whose
    # A register without Swedish is listed in its source language, marked as such.
    sv = registers_site.read("sv/registers/index.html")
    assert 'href="../../registers/recruitment/en/index.html" hreflang="en" lang="en"' in sv
    # Every page of a site of several registers links the centre.
    assert 'href="../en/registers/index.html"' in registers_site.read("en/index.html")
    index = json.loads(registers_site.read("api/registers.json"))
    slugs = [r["slug"] for r in index["registers"]]
    assert slugs == ["customer-service", "camera-surveillance", "recruitment"]
    recruitment = index["registers"][2]
    assert recruitment["versions_index"] == "/registers/recruitment/api/versions.json"
    assert recruitment["versions"] == [
        {"date": "2024-03-01", "document": "/registers/recruitment/api/versions/2024-03-01.json"}
    ]
    assert recruitment["title"]["en"] == "Privacy notice for job applicants"


def test_the_site_wide_feeds_hold_every_registers_versions(registers_site: Project) -> None:
    output = registers_site.path / "output"
    for lang in ROOT_LANGS:
        feed = feedparser.parse((output / f"feeds/all.{lang}.atom.xml").read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids))
        # Every register, in its own language where it does not publish this one (as the
        # privacy centre lists it): a subscriber hears of every register's updates.
        assert len(feed.entries) == 1 + len(FURTHER), lang
        for entry in feed.entries:
            slug = next((s for s in FURTHER if f"/registers/{s}/" in entry.id), None)
            shown = lang if slug is None or lang in LANGS[slug] else "en"
            assert entry.title_detail.language == shown, (lang, entry.id)
            # Each entry credits its own register's controller, as that register's feed does.
            own = output / (f"registers/{slug}/" if slug else "") / f"feeds/{shown}.atom.xml"
            assert entry.author == feedparser.parse(own.read_bytes()).feed.author, entry.id
        assert feed.feed.id.endswith(f":/feeds/all.{lang}.atom.xml")
    fi = feedparser.parse((output / "feeds/all.fi.atom.xml").read_bytes())
    assert fi.entries[0].id.endswith(":/registers/camera-surveillance/fi/versions/2024-04-15/")


def test_the_root_registers_urls_are_unchanged(
    registers_site: Project, built_site: Project
) -> None:
    single = outputs(built_site.path / "output")
    several = outputs(registers_site.path / "output")
    added = {
        name
        for name in several
        if name.startswith("registers/")
        or re.fullmatch(CENTRE_FILES, name)
        or name == "api/registers.json"
    }
    assert set(several) - added == set(single)
    for name in ("api/register.json", "api/versions.json", "feeds/fi.atom.xml"):
        assert several[name] == single[name], name


def test_a_single_register_site_links_no_centre(built_site: Project) -> None:
    assert "registers/index.html" not in built_site.read("fi/index.html")
    assert not (built_site.path / "output/api/registers.json").exists()


def test_a_shared_block_change_is_a_version_of_each_register_using_it(
    registers_site: Project, tmp_path: Path
) -> None:
    project = registers_site.clone(tmp_path / "project")
    project.edit(
        "      street: Testikatu 1\n        postal",
        "      street: Testikatu 3\n        postal",
        "shared.yaml",
    )
    assert project.run("translations").returncode == 0
    translate_fi(project, "shared/translations", "Testikatu 3", "Testikatu 3")
    for policy, date in ((RECRUITMENT, "2024-03-01"), (CAMERA, "2024-04-15")):
        project.edit(f"updated: {date}\n", f"updated: 2024-07-01\n  summary: {MOVED}\n", policy)
    assert project.run("translations").returncode == 0
    for register in FURTHER:
        translate_fi(project, f"registers/{register}/translations", MOVED, "[fi] x")
    assert project.run("release", "--as-of=2024-07-01").returncode == 0
    project.build("--as-of=2024-07-01")
    for slug, date in FURTHER.items():
        base = f"registers/{slug}/en/versions"
        changes = project.text(f"{base}/2024-07-01/changes/index.html")
        assert "Data protection officer's details changed" in changes
        assert (project.path / f"output/{base}/{date}/index.html").is_file()
        versions = json.loads(project.read(f"registers/{slug}/api/versions.json"))
        assert [v["date"] for v in versions["versions"]] == ["2024-07-01", date]  # newest first
    # The root register does not use the block: its history is as it was.
    assert project.read("api/versions.json") == registers_site.read("api/versions.json")
    assert broken_links(project.path / "output") == []


@pytest.mark.parametrize(
    ("breaks", "expected"),
    [
        (same_slug, "registers/customer-service/: the root register's slug is"),
        (missing_block, f"{RECRUITMENT}:16:12: controller.$shared: no block 'controler'"),
        (broken_register, f"{CAMERA}:"),
    ],
    ids=["same-slug", "missing-block", "broken-register"],
)
def test_abroken_register_fails_the_build_and_writes_nothing(
    registers_site: Project, tmp_path: Path, breaks: object, expected: str
) -> None:
    project = registers_site.clone(tmp_path / "project")
    project.build(AS_OF)
    before = outputs(project.path / "output")
    breaks(project)  # type: ignore[operator]
    result = project.build(AS_OF, ok=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert outputs(project.path / "output") == before


def test_a_further_register_writes_dates_as_the_root_register(
    registers_site: Project, tmp_path: Path
) -> None:
    """Without ``locales`` of its own, a further register takes the root register's
    (en: en_FI), not Babel's default territory (en_US: "March 1, 2024")."""
    for lang, written in (("en", "1 March 2024"), ("fi", "1. maaliskuuta 2024")):
        text = registers_site.text(f"registers/recruitment/{lang}/versions/index.html")
        assert written in text, lang
    assert "March 1, 2024" not in registers_site.text("registers/recruitment/en/index.html")
    # A register's own choice stays its own.
    project = registers_site.clone(tmp_path / "project")
    project.edit("languages: [en, fi]\n", "languages: [en, fi]\nlocales: {en: en_US}\n", CAMERA)
    project.build(AS_OF)
    assert "April 15, 2024" in project.text("registers/camera-surveillance/en/versions/index.html")
    assert "1 March 2024" in project.text("registers/recruitment/en/versions/index.html")


def test_the_centre_lists_the_groups_of_people_and_the_units(registers_site: Project) -> None:
    """shared.yaml's groups and units: on the front page of each language, a page per
    group with every register that concerns it, what it keeps and why, special
    categories marked; static HTML, no script."""
    fi = registers_site.read("fi/registers/index.html")
    assert 'href="../../fi/registers/groups/applicants/index.html">Työnhakijat</a>' in fi
    assert "Toimitilojemme vierailijat" in fi and "Henkilöstö ja kulttuuri" in fi
    # A register of no unit is listed too, under the other registers.
    assert 'href="../../fi/index.html"' in fi
    applicants = registers_site.text("en/registers/groups/applicants/index.html")
    assert "Privacy notice for job applicants" in applicants
    assert "Privacy notice for camera surveillance" in applicants
    assert "Keeps: Name, Application and CV. Why: We choose whom to hire." in applicants
    visitors = registers_site.text("fi/registers/groups/visitors/index.html")
    assert "Kaikki toimistoihimme tulevat." in visitors
    assert "job applicants" not in visitors
    # The notice names its unit and the groups it concerns, in its language.
    camera = registers_site.text("registers/camera-surveillance/fi/index.html")
    assert "Rekisteriä ylläpitävä yksikkö Toimitilat" in camera
    index = json.loads(registers_site.read("api/registers.json"))
    assert index["registers"][1]["concerns"] == ["visitors", "applicants"]
    assert index["groups"][0] == {
        "id": "applicants",
        "name": {"en": "Job applicants", "fi": "Työnhakijat", "sv": "Arbetssökande"},
    }
    for page in (registers_site.path / "output").rglob("*.html"):
        assert "<script" not in page.read_text("utf-8").replace(
            '<script type="application/ld+json">', ""
        ), page


def test_recent_changes_across_registers(registers_site: Project) -> None:
    page = registers_site.read("en/registers/changes/index.html")
    dates = re.findall(r'<time datetime="([0-9-]+)">', page)
    assert dates == sorted(dates, reverse=True) and "2024-04-15" in dates
    assert 'href="../../../registers/recruitment/en/versions/2024-03-01/index.html"' in page
    assert 'href="../../../feeds/all.en.atom.xml"' in page


def test_an_unknown_group_or_unit_is_one_located_line(
    registers_site: Project, tmp_path: Path
) -> None:
    project = registers_site.clone(tmp_path / "project")
    project.edit("concerns: [applicants]", "concerns: [aplicants]", RECRUITMENT)
    project.edit("unit: facilities", "unit: nowhere", CAMERA)
    result = project.run("validate")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(
        line.startswith(f"{RECRUITMENT}:")
        and "concerns[0]: no group 'aplicants' in shared.yaml; did you mean 'applicants'?" in line
        for line in lines
    ), result.stderr
    assert any(f"{CAMERA}:" in line and "unit: no unit 'nowhere'" in line for line in lines)


def test_a_shared_change_released_for_every_register_in_one_command(
    registers_site: Project, tmp_path: Path
) -> None:
    """release --summary: every register the shared edit changed gets a new version with
    its own changes page and the summary, given once (in shared.yaml, translated once)."""
    project = registers_site.clone(tmp_path / "project")
    project.edit("dpo@services.example", "new-dpo@services.example", "shared.yaml")
    before = (project.path / RECRUITMENT).read_text()
    plain = project.run("release", "--as-of=2024-07-01")
    assert plain.returncode == 1
    said = [line for line in plain.stderr.splitlines() if line.startswith(RECRUITMENT)]
    assert "differs from policy.yaml and shared.yaml" in said[0], plain.stderr
    assert "'privacy-notice release --summary \"what changed\"'" in said[0]
    result = project.run("release", "--as-of=2024-07-01", "--summary", MOVED)
    assert result.returncode == 1  # the summary is not translated yet: nothing released
    # Only the notice's date, materiality and summary are written: the rest as it was.
    after = (project.path / RECRUITMENT).read_text()
    assert after.split("\ncontroller:")[1] == before.split("\ncontroller:")[1]
    assert after.split("\n  updated:")[0] == before.split("\n  updated:")[0]
    assert "  summary:\n    $shared: summary-2024-07-01\n\ncontroller:" in after
    assert "recruitment: its shared blocks changed" in result.stderr, result.stderr
    assert "camera-surveillance: its shared blocks changed" in result.stderr
    assert (
        f"  summary-2024-07-01: {json.dumps(MOVED)}\n" in (project.path / "shared.yaml").read_text()
    )
    assert (
        "  summary:\n    $shared: summary-2024-07-01\n" in (project.path / RECRUITMENT).read_text()
    )
    assert project.run("translations").returncode == 0
    translate_fi(project, "shared/translations", MOVED, "[fi] Tietosuojavastaava vaihtui.")
    result = project.run("release", "--as-of=2024-07-01")
    assert result.returncode == 0, result.stderr
    project.build("--as-of=2024-07-01")
    for slug in FURTHER:
        changes = project.text(f"registers/{slug}/fi/versions/2024-07-01/changes/index.html")
        assert "[fi] Tietosuojavastaava vaihtui." in changes
        assert "new-dpo@services.example" in changes
    # The root register does not use the block: no new version.
    assert project.read("api/versions.json") == registers_site.read("api/versions.json")
    # One item of the centre's recent changes, with both registers.
    centre = project.read("fi/registers/changes/index.html")
    assert centre.count("[fi] Tietosuojavastaava vaihtui.") == 1
    # And a second shared change later keeps the first release's summary as released.
    project.edit("new-dpo@", "third-dpo@", "shared.yaml")
    result = project.run("release", "--as-of=2024-08-01", "--summary", "Another change.")
    assert "summary-2024-08-01" in (project.path / "shared.yaml").read_text()
    assert "already released" not in result.stderr, result.stderr


def test_a_build_on_every_core_is_the_build_of_one_process(
    registers_site: Project, tmp_path: Path
) -> None:
    """Registers built and rendered in worker processes (render/parallel.py) give the bytes
    of a build in one process, and of the plan a plugin may change (plan_ready)."""
    project = registers_site.clone(tmp_path / "project")
    project.build(AS_OF, "--jobs", "2", "-o", "two")
    project.build(AS_OF, "--jobs", "1", "-o", "one")

    def receiver(sender: object, plan: object) -> None:
        return None  # listening only: the site is planned as data in one process

    plan_ready.connect(receiver)
    try:
        project.build(AS_OF, "-o", "plan")
    finally:
        plan_ready.disconnect(receiver)
    two = outputs((project.path / "two").resolve())
    assert len(two) > 50  # three registers, the centre
    assert outputs((project.path / "one").resolve()) == two
    assert outputs((project.path / "plan").resolve()) == two
