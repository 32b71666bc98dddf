"""A fixture history of five versions, released one by one through the CLI, then built:
a retention change, an added field, a removed channel, a translation-only fix and a
version that takes effect later."""

from __future__ import annotations

import itertools
import json
import re

import jsonpatch
import pytest

from conftest import DATES, FIRST_VERSION_FILES, Project, new_version, release
from run_cli import run_cli


def test_history_lists_every_version_in_every_language(history: Project):
    for lang in ("fi", "sv", "en"):
        page = history.read(f"{lang}/versions/index.html")
        for date in DATES:
            assert f'<time datetime="{date}">' in page
            assert (history.path / "output" / lang / "versions" / date / "index.html").exists()
            if date != DATES[0]:
                assert (
                    history.path / "output" / lang / "versions" / date / "changes" / "index.html"
                ).exists()
    en = history.text("en/versions/index.html")
    assert "Recorded calls are kept for six months." in en
    assert "Editorial change (no change in processing)" in en
    assert "First published version." in en


@pytest.mark.parametrize(
    ("lang", "unit", "summary"),
    [
        ("en", "months", "Storage period of Recorded telephone conversations: 3 months → 6 months"),
        ("fi", "kuukautta", "Säilytysaika, Nauhoitetut puhelut: 3 kuukautta → 6 kuukautta"),
        ("sv", "månader", "Lagringstid, Inspelade telefonsamtal: 3 månader → 6 månader"),
    ],
)
def test_retention_change_is_redlined_and_summarized(history: Project, lang, unit, summary):
    page = history.read(f"{lang}/versions/{DATES[1]}/changes/index.html")
    assert re.search(
        r"<del><span class=\"visually-hidden\">[^<]*</span>3</del> "
        rf"<ins><span class=\"visually-hidden\">[^<]*</span>6</ins> {unit}",
        page,
    )
    assert summary in history.text(f"{lang}/versions/{DATES[1]}/changes/index.html")


def test_structured_changes_are_named(history: Project):
    added = history.text(f"en/versions/{DATES[2]}/changes/index.html")
    assert "New data field: IP address" in added
    removed = history.text(f"en/versions/{DATES[3]}/changes/index.html")
    assert "Channel removed: Via the Chatbot service" in removed
    assert "Uusi tietokenttä: [fi] IP address" in history.text(
        f"fi/versions/{DATES[2]}/changes/index.html"
    )


def test_translation_fix_is_not_material(history: Project):
    index = json.loads(history.read("api/versions.json"))
    by_date = {v["date"]: v for v in index["versions"]}
    assert by_date[DATES[4]]["material"] is False
    assert all(by_date[d]["material"] for d in DATES[:4])
    page = history.read(f"fi/versions/{DATES[4]}/changes/index.html")
    # The fix shows in the personal data section, with the field whose purpose it explains:
    # the summary names the change (a text that says why data is collected, accepted as
    # editorial by a review) and links to the first mark in it.
    mark = (
        '<ins id="change-personal-data"><span class="visually-hidden">Lisätty: </span>'
        "Korjattu:</ins>"
    )
    assert mark in page
    assert (
        '<a href="#change-personal-data">Tietojen keräämisen syy muuttui: [fi] IP address' in page
    )
    # A Finnish fix changes no English or Swedish text: no change is listed there.
    for lang in ("en", "sv"):
        text = history.text(f"{lang}/versions/{DATES[4]}/changes/index.html")
        assert "Revised text" not in text and "Texten har ändrats" not in text, lang
    # only a reference changed in the storage rules: named, not a vague "changed details"
    text = history.text(f"en/versions/{DATES[2]}/changes/index.html")
    assert "Data fields of the storage rule Customer Service: + IP address" in text
    assert "Changed details" not in text


def test_old_versions_are_byte_identical(history: Project):
    first = history.path.parent / "first-version"  # as built before four more releases
    for name in FIRST_VERSION_FILES:
        assert (history.path / "output" / name).read_bytes() == (first / name).read_bytes()


def test_the_current_versions_page_reads_the_same_once_it_is_no_longer_current(
    history: Project, tmp_path
):
    """No page compares the current version with itself; when a later version is added,
    the comparison page of the previous one appears, and its own page does not change
    (no version page links a comparison: the history page does)."""
    pages = [f"{lang}/versions/{DATES[-1]}/index.html" for lang in ("fi", "sv", "en")]
    before = {name: history.read(name) for name in pages}
    compare = f"en/versions/{DATES[-1]}/compare-current/index.html"
    assert not (history.path / "output" / compare).exists()
    assert f"{DATES[-1]}/compare-current/" not in history.read("en/versions/index.html")
    later = history.clone(tmp_path / "project")
    later.edit("period: P6M", "period: P8M")
    new_version(later, "2023-01-01", "Calls are kept for eight months.")
    release(later)
    later.build()
    assert {name: later.read(name) for name in pages} == before
    assert "8 months" in later.text(compare)
    assert f"{DATES[-1]}/compare-current/index.html" in later.read("en/versions/index.html")


def test_json_history_chains_and_patches_apply(history: Project):
    import hashlib

    index = json.loads(history.read("api/versions.json"))
    assert index["current"] == DATES[-1]
    assert [v["date"] for v in index["versions"]] == DATES[::-1]
    for entry in index["versions"]:
        raw = (history.path / "output/api/versions" / f"{entry['date']}.json").read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"]
    for previous, date in itertools.pairwise(DATES):
        old = json.loads(history.read(f"api/versions/{previous}.json"))
        new = json.loads(history.read(f"api/versions/{date}.json"))
        patch = json.loads(history.read(f"api/changes/{date}.json"))
        assert jsonpatch.apply_patch(old, patch) == new
    patch = json.loads(history.read(f"api/changes/{DATES[1]}.json"))
    assert {"op": "replace", "path": "/retention/rules/1/period", "value": "P6M"} in patch
    assert json.loads(history.read("api/register.json")) == json.loads(
        history.read(f"api/versions/{DATES[-1]}.json")
    )


def test_feeds_have_one_entry_per_version_that_changed_the_page(history: Project):
    # The last version fixes a Finnish text only: English and Swedish readers are not
    # notified of it, though their history lists it.
    for lang in ("fi", "sv", "en"):
        feed = history.read(f"feeds/{lang}.atom.xml")
        assert feed.count("<entry>") == len(DATES) - (lang != "fi")
        assert f"/{lang}/versions/{DATES[1]}/changes/index.html" in feed
        assert (f"/{lang}/versions/{DATES[-1]}/" in feed) == (lang == "fi")
        assert f"versions/{DATES[-1]}/index.html" in history.read(f"{lang}/versions/index.html")


def test_current_page_links_its_changes_and_marks_sections(history: Project):
    page = history.read("en/index.html")
    assert f'href="../en/versions/{DATES[-1]}/changes/index.html"' in page
    # The last update fixed a Finnish text shown in the personal data section: that section
    # is badged in Finnish only (the English and Swedish pages read as before).
    fi = history.read("fi/index.html")
    assert '<section id="personal-data" aria-labelledby="personal-data-h" class="changed">' in fi
    assert fi.count('class="changed"') == 1
    for lang in ("en", "sv"):
        assert 'class="changed"' not in history.read(f"{lang}/index.html"), lang
        assert "changed-note" not in history.read(f"{lang}/index.html"), lang
    assert "Draft" not in history.text("en/index.html")


def test_released_version_cannot_change_without_a_new_date(history: Project, tmp_path):
    edited = history.clone(tmp_path / "project")
    edited.edit("period: P6M", "period: P9M")
    result = edited.build(ok=False)
    assert (
        f"notice.updated: {DATES[-1]} is already released and its content differs" in result.stderr
    )
    assert "set a new update date" in result.stderr


def test_tampered_snapshot_is_refused(history: Project, tmp_path):
    tampered = history.clone(tmp_path / "project")
    path = tampered.path / "content/versions" / f"{DATES[1]}.json"
    path.write_bytes(path.read_bytes().replace(b'"P6M"', b'"P5M"'))
    result = tampered.build(ok=False)
    assert (
        f"content/versions/{DATES[1]}.json: its content no longer matches the SHA-256"
        in result.stderr
    )


def test_future_effective_date_is_announced_and_drafts_refused(
    project: Project, monkeypatch, capsys
):
    def run(*args: str):
        return run_cli(project.path, *args, monkeypatch=monkeypatch, capsys=capsys)

    monkeypatch.setenv("SITEURL", "https://tietosuoja.acme.test")  # publishconf.py reads it

    def current() -> tuple[str, str, bool]:
        entry = json.loads(project.read("api/versions.json"))["versions"][0]
        return entry["date"], entry["effective"], entry["draft"]

    project.edit("period: P3M", "period: P4M")
    new_version(project, "2030-01-01", "Four months.", effective="2030-02-01")
    draft = run("build")
    assert (draft.returncode, draft.stderr.splitlines()[-1]) == (0, "built output")
    assert "This notice takes effect on 1 February 2030." in project.text("en/index.html")
    assert "Draft." in project.text("en/index.html")
    assert current() == ("2030-01-01", "2030-02-01", True)
    published = run("build", "-s", "publishconf.py", "--publish")
    assert published.returncode == 1
    assert "the version of 2030-01-01 is not released: run 'make release'" in published.stderr
    assert current()[2] is True  # the failed build left the previous output alone
    assert run("release", "--as-of", "2030-01-01").returncode == 0
    published = run("build", "-s", "publishconf.py", "--publish")
    assert published.returncode == 0, published.stderr
    assert "Tämä seloste tulee voimaan 1. helmikuuta 2030." in project.text("fi/index.html")
    assert "Draft." not in project.text("en/index.html")
    assert current() == ("2030-01-01", "2030-02-01", False)


def test_release_refuses_an_earlier_date(project: Project):
    project.edit("updated: 2019-10-23", "updated: 2019-01-01")
    result = project.run("release")
    assert result.returncode == 1
    assert "2019-01-01 is earlier than the last released version (2019-10-23)" in result.stderr


def test_a_language_added_later(project: Project):
    """The first version was published in Finnish and English only; Swedish came later."""
    from privacy_notice.history.store import History, read_history
    from privacy_notice.history.store import release as release_document

    store = project.path / "content/versions"
    old = read_history(store).latest.document

    def without_swedish(value):
        if isinstance(value, dict):
            if set(value) == {"fi", "sv", "en"}:
                return {"fi": value["fi"], "en": value["en"]}
            return {key: without_swedish(item) for key, item in value.items()}
        if isinstance(value, list):
            return [without_swedish(item) for item in value]
        return value

    document = without_swedish(old)
    document["languages"] = ["fi", "en"]
    for path in store.glob("*.json"):
        path.unlink()
    release_document(document, History(store, "content/versions", ()))
    project.edit("updated: 2019-10-23", "updated: 2020-01-01")
    project.build()
    output = project.path / "output"
    assert not (output / "sv/versions/2019-10-23").exists()
    assert (output / "sv/versions/2020-01-01/index.html").exists()
    assert 'hreflang="sv"' not in project.read("en/versions/2019-10-23/index.html")
    assert 'hreflang="sv"' in project.read("en/versions/2020-01-01/index.html")
    from helpers import broken_links

    assert broken_links(output) == []


def test_old_pages_do_not_depend_on_later_versions(project: Project):
    project.build()
    old_page = project.path / "output/en/versions/2019-10-23/index.html"
    before = old_page.read_bytes()
    project.edit("  name: Kivra Oy\n", "  name: Kivra Finland Oy\n")
    project.edit("updated: 2019-10-23", "updated: 2030-01-01")
    project.build()
    assert old_page.read_bytes() == before
    assert "Kivra Finland Oy" in project.read("en/index.html")
