"""What a version's pages say about when it is in force: from the history's dates, never
from the day of the build; a version replaced before its announced date says so, and the
version that replaced it links its changes against the notice in force until then."""

from __future__ import annotations

import copy

from helpers import history, plan_of, theme, version

from conftest import page_text
from privacy_notice.exports.feeds import atom
from privacy_notice.history.effective import Dates, periods
from privacy_notice.history.versions import Site
from privacy_notice.render.pages import Plan

IN_FORCE, ANNOUNCED, REPLACING = "2026-11-20", "2026-11-22", "2026-11-28"


def replaced_history(as_of: str) -> Site:
    """In force from 20 Nov; announced on 22 Nov for 15 Dec (six months); replaced on
    28 Nov (nine months), before the announced date."""
    base = history()
    first = copy.deepcopy(base.versions[0].document)
    announced = copy.deepcopy(first)
    rule = next(r for r in announced["retention"]["rules"] if r.get("period"))
    rule["period"] = "P77M"
    announced["notice"].update(effective="2026-12-15", material=True)
    replacing = copy.deepcopy(announced)
    rule = next(r for r in replacing["retention"]["rules"] if r.get("period"))
    rule["period"] = "P88M"
    del replacing["notice"]["effective"]
    replacing["notice"]["supersedes_announced"] = "2026-12-15"
    versions = (
        version(IN_FORCE, first),
        version(ANNOUNCED, announced),
        version(REPLACING, replacing),
    )
    return Site(versions, base.catalogs, (), base.locales, as_of)


_ENV = theme()


def _render(plan: Plan, name: str) -> str:
    page = plan.page(name)
    return _ENV.get_template(page.template).render({**page.context})


def test_replaced_by_and_in_force_before_are_from_the_dates():
    from privacy_notice.history.effective import in_force_before

    dates = [Dates("a1", "2026-11-20"), Dates("a2", "2026-12-15"), Dates("a3", "2026-11-28")]
    assert [p.replaced_by for p in periods(dates)] == [None, "a3", None]
    assert in_force_before(dates) == (None, "a1", "a1")
    # An ordinary succession: the previous version was in force until then.
    assert in_force_before([Dates("a", "1"), Dates("b", "2")]) == (None, "a")


def test_a_replaced_version_says_so_on_its_pages_and_feed_entry():
    plan = plan_of(replaced_history("2026-11-29"), _ENV)
    statement = (
        "Announced to take effect on 15 December 2026; replaced before then by the notice "
        "of 28 November 2026."
    )
    for name in ("en/versions/2026-11-22/index.html", "en/versions/2026-11-22/changes/index.html"):
        html = _render(plan, name)
        assert statement in page_text(html), name
        assert 'href="/en/versions/2026-11-28/index.html"' in html
        assert "Takes effect" not in page_text(html)
    entry = next(e for e in plan.feeds["feeds/en.atom.xml"].entries if ANNOUNCED in e.id)
    assert statement in entry.summary
    assert entry.updated.startswith(REPLACING) and entry.published.startswith(ANNOUNCED)
    assert "Ilmoitettu tulevaksi voimaan 15. joulukuuta 2026" in page_text(
        _render(plan, "fi/versions/2026-11-22/index.html")
    )


def test_the_replacing_version_links_its_changes_against_the_notice_in_force():
    plan = plan_of(replaced_history("2026-11-29"), _ENV)
    changes = _render(plan, "en/versions/2026-11-28/changes/index.html")
    assert (
        "Compared with the notice in force until then (20 November 2026): What changed on "
        "28 November 2026 since the notice of 20 November 2026." in page_text(changes)
    )
    assert 'href="/en/versions/2026-11-28/compare-in-force/index.html"' in changes
    compared = page_text(_render(plan, "en/versions/2026-11-28/compare-in-force/index.html"))
    # Against the notice in force, the storage period changes from the first one's.
    assert "months → 88 months" in compared and "77 months → 88 months" not in compared
    assert "Compared with the version of 20 November 2026." in compared
    # An ordinary version has no such page.
    assert not any("2026-11-22/compare-in-force" in p.name for p in plan.pages)


def test_version_pages_do_not_depend_on_the_day_of_the_build():
    sites = {day: plan_of(replaced_history(day), _ENV) for day in ("2026-11-25", "2026-12-20")}
    for name in (
        "en/versions/2026-11-20/index.html",
        "en/versions/2026-11-22/index.html",
        "en/versions/2026-11-28/index.html",
        "en/versions/2026-11-22/changes/index.html",
        "en/versions/2026-11-28/changes/index.html",
        "en/versions/2026-11-28/compare-in-force/index.html",
    ):
        pages = {day: _render(plan, name) for day, plan in sites.items()}
        assert len(set(pages.values())) == 1, name


def test_an_announced_version_states_its_date_neutrally_and_the_banner_until_when():
    site = replaced_history("2026-11-25")
    site = Site(site.versions[:2], site.catalogs, (), site.locales, "2026-11-25")
    plan = plan_of(site, _ENV)
    for name in ("en/versions/2026-11-22/index.html", "en/versions/2026-11-22/changes/index.html"):
        announced = page_text(_render(plan, name))
        assert "In force from 15 December 2026." in announced, name
        assert "Takes effect" not in announced, name
    # An ordinary version's page states nothing that a later version would change.
    assert "In force" not in page_text(_render(plan, "en/versions/2026-11-20/index.html"))
    current = page_text(_render(plan, "en/index.html"))
    assert (
        "This notice takes effect on 15 December 2026. Until 14 December 2026, the notice of "
        "20 November 2026 applies." in current
    )
    assert (
        "Till och med den 14 december 2026 gäller beskrivningen från den 20 november 2026."
        in page_text(_render(plan, "sv/index.html"))
    )


def test_the_first_feed_entry_is_published_not_updated():
    plan = plan_of(history(), _ENV)
    entries = plan.feeds["feeds/en.atom.xml"].entries
    assert entries[-1].title == "Published on 23 October 2019"
    assert entries[0].title.startswith("Updated on")
    assert b"<published>2019-10-23T00:00:00Z</published>" in atom(plan.feeds["feeds/en.atom.xml"])


def test_a_fix_in_one_language_is_no_feed_entry_in_the_others():
    plan = plan_of(history(), _ENV)  # 2021-05-01: a Finnish-only fix
    dates = {
        lang: [
            e.id.rstrip("/").rsplit("/", 1)[-1]
            for e in plan.feeds[f"feeds/{lang}.atom.xml"].entries
        ]
        for lang in ("en", "fi", "sv")
    }
    assert "2021-05-01" in dates["fi"]
    assert "2021-05-01" not in dates["en"] and "2021-05-01" not in dates["sv"]
    assert "2020-03-01" in dates["en"]
    assert "2021-05-01" in _render(plan, "en/versions/index.html")


def test_versions_json_current_is_the_newest_and_documented():
    """``current`` is the newest version, announced or not; the index does not depend on
    the day of the build (the ranges tell which version is in force on any day)."""
    import json

    from privacy_notice.exports import formats
    from privacy_notice.exports.api import api_files
    from privacy_notice.render.pages import page_url

    def index(day: str) -> bytes:
        site = replaced_history(day)
        site = Site(site.versions[:2], site.catalogs, (), site.locales, day)
        files = api_files(site, "", formats.site_exports(site, "", page_url), page_url)
        return files["api/versions.json"]

    assert index("2026-11-25") == index("2026-12-20")
    assert json.loads(index("2026-11-25"))["current"] == ANNOUNCED
