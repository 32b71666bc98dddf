"""The Atom feeds, read as a feed reader reads them (feedparser) and checked against what
RFC 4287 requires: absolute, unique ids, one feed id per language, xml:lang, an author."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from conftest import DATES, Project
from privacy_notice.exports.feeds import Place, atom, entry_texts
from privacy_notice.model.register import Text
from run_cli import run_cli

LANGS = ("fi", "sv", "en")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 4151: tag:authority,date:specific (authority a DNS name or an email address).
TAG = re.compile(r"tag:[a-z0-9.@_-]+,\d{4}(-\d{2}(-\d{2})?)?:[^\s]+")


def check_feeds(output: Path, author: str) -> dict[str, feedparser.FeedParserDict]:
    """Every language's feed, checked; every id of every feed and entry unique."""
    ids: list[str] = []
    parsed = {}
    for lang in LANGS:
        raw = (output / f"feeds/{lang}.atom.xml").read_bytes()
        feed = feedparser.parse(raw)
        assert not feed.bozo, (lang, feed.get("bozo_exception"))
        assert feed.version == "atom10"
        assert ET.fromstring(raw).get(XML_LANG) == lang
        assert TAG.fullmatch(feed.feed.id), feed.feed.id
        assert feed.feed.author_detail.name == author
        ids.append(feed.feed.id)
        for entry in feed.entries:
            assert TAG.fullmatch(entry.id), entry.id
            assert entry.author_detail.name == author
            assert entry.updated_parsed and entry.title and entry.link
            ids.append(entry.id)
        parsed[lang] = feed
    assert len(ids) == len(set(ids)), "ids are not unique"
    assert not any("None" in i for i in ids)
    return parsed


def test_the_development_feeds_validate(history: Project):
    feeds = check_feeds(history.path / "output", "Kivra Oy")
    en = feeds["en"]
    # The last update is a Finnish-only fix: nothing for English readers (see test_history).
    assert len(en.entries) == len(DATES) - 1
    assert en.feed.id == "tag:localhost,2019-10-23:/feeds/en.atom.xml"
    assert en.entries[-1].id == "tag:localhost,2019-10-23:/en/versions/2019-10-23/"
    # The human summary, then the changes as a list.
    added = next(e for e in en.entries if e.link.endswith(f"/{DATES[2]}/changes/index.html"))
    assert added.summary.startswith("The IP address is stored. ")
    html = added.content[0].value
    assert html.startswith("<p>The IP address is stored.</p><ul><li>")
    assert "<li>New data field: IP address</li>" in html
    assert "; " in added.summary  # items are separated, not run together


def test_the_published_feeds_have_the_site_as_authority(project: Project, monkeypatch, capsys):
    from conftest import new_version, release

    project.edit("period: P3M", "period: P6M")
    new_version(project, "2020-01-01", "Calls are kept for six months.", effective="2020-03-01")
    release(project)
    monkeypatch.setenv("SITEURL", "https://notice.acme.test/privacy")
    result = run_cli(
        project.path,
        "build",
        "-s",
        "publishconf.py",
        "--publish",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert result.returncode == 0, result.stderr
    feeds = check_feeds(project.path / "output", "Kivra Oy")
    fi = feeds["fi"]
    assert fi.feed.id == "tag:notice.acme.test,2019-10-23:/privacy/feeds/fi.atom.xml"
    assert fi.entries[0].link == (
        "https://notice.acme.test/privacy/fi/versions/2020-01-01/changes/index.html"
    )
    assert "Voimassa 1. maaliskuuta 2020 alkaen." in fi.entries[0].summary
    assert "<p>In force from 1 March 2020.</p>" in feeds["en"].entries[0].content[0].value


def test_the_first_version_and_an_editorial_fix_have_one_line():
    notice = _Notice(Text({"en": "Typo."}), "2020-01-01", None, None)
    summary, _ = entry_texts(notice, [], "en", "en", lambda m: m)
    assert summary == "Typo. No change in content: only the wording or a translation was corrected."
    first, _ = entry_texts(_Notice(None, "2019-01-01", None, None), None, "en", "en", str)
    assert first == "First published version."


@pytest.mark.parametrize(
    ("place", "tag"),
    [
        (Place("", "2019-10-23", "https://www.Example.fi/", "x@y.fi"), "tag:www.example.fi,"),
        (Place("", "2019-10-23", None, "Privacy@Example.fi"), "tag:privacy@example.fi,"),
        (Place("", "2019-10-23", None, "a+b@example.fi"), "tag:localhost,"),
    ],
)
def test_a_build_without_site_url_still_has_absolute_ids(place: Place, tag: str):
    assert place.tag("feeds/en.atom.xml") == f"{tag}2019-10-23:/feeds/en.atom.xml"


def test_the_feed_bytes_hold_only_xml_characters():
    from privacy_notice.exports.feeds import Entry, Feed

    entry = Entry("tag:a,2020:/x", "T\x01", "/x", "2020-01-01T00:00:00Z", "s", "<p>&</p>")
    feed = Feed("tag:a,2020:/f", "en", "F", "/", "/f", "A & B", None, entry.updated, (entry,))
    parsed = feedparser.parse(atom(feed))
    assert not parsed.bozo
    assert parsed.entries[0].content[0].value == "<p>&</p>"
    assert parsed.feed.author == "A & B"


class _Notice:
    def __init__(self, summary, updated, effective, supersedes_announced):
        self.summary, self.updated = summary, updated
        self.effective, self.supersedes_announced = effective, supersedes_announced


def test_a_site_wide_feed_of_many_registers_keeps_the_newest_entries() -> None:
    from privacy_notice.exports.feeds import Entry, Feed, Place, site_feed

    def feed(name: str, dates: list[str]) -> Feed:
        entries = tuple(
            Entry(f"tag:x,2024:/{name}/{d}", d, f"/{name}/{d}", f"{d}T00:00:00Z", "s", "c")
            for d in dates
        )
        return Feed(f"tag:x:{name}", "fi", name, "/", "/f", name, None, dates[-1], entries)

    parts = [("A", feed("a", ["2024-01-01", "2024-03-01"])), ("B", feed("b", ["2024-02-01"]))]
    place = Place("", "2024-01-01")
    every = site_feed(parts, "fi", place, "feeds/all.fi.atom.xml", "fi/registers/index.html", "T")
    assert [e.link for e in every.entries] == ["/a/2024-03-01", "/b/2024-02-01", "/a/2024-01-01"]
    newest = site_feed(parts, "fi", place, "f", "l", "T", limit=2)
    assert [e.link for e in newest.entries] == ["/a/2024-03-01", "/b/2024-02-01"]
