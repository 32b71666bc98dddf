"""pages.py: the render plan of a history, with no Pelican (a plain Jinja environment)."""

from __future__ import annotations

import copy
import re

import pytest
from helpers import PLAN_DATES, history, plan_of, theme, version
from jinja2 import Environment

from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import theme_translations
from privacy_notice.render.pages import Plan, page_url

DATES = PLAN_DATES


@pytest.fixture(scope="module")
def site_plan() -> tuple[Site, Plan, Environment]:
    site, env = history(), theme()
    return site, plan_of(site, env), env


def test_the_pages_of_a_history(site_plan):
    site, built, _env = site_plan
    expected = {"index.html"}
    for lang in site.languages:
        expected |= {page_url("current", lang), page_url("history", lang)}
        expected |= {page_url("version", lang, date) for date in DATES}
        expected |= {page_url("changes", lang, date) for date in DATES[1:]}
        # one per version but the current one: never the current notice with itself
        expected |= {page_url("compare", lang, date) for date in DATES[:-1]}
    names = [page.name for page in built.pages]
    assert len(names) == len(set(names)) and set(names) == expected
    assert set(built.feeds) == {page_url("feed", lang) for lang in site.languages}
    # DATES[2] fixes a Finnish text only: no entry in the other languages' feeds.
    assert {name: len(feed.entries) for name, feed in built.feeds.items()} == {
        page_url("feed", lang): len(DATES) - (lang != "fi") for lang in site.languages
    }
    assert {f"api/versions/{date}.json" for date in DATES} <= set(built.files)
    assert {f"api/changes/{date}.json" for date in DATES[1:]} <= set(built.files)


def test_each_page_carries_its_own_languages_gettext(site_plan):
    site, built, _env = site_plan
    catalogs = {lang: theme_translations(site.catalogs, lang) for lang in site.languages}
    for lang in site.languages:
        context = built.page(page_url("history", lang)).context
        assert context["lang"] == lang
        assert str(context["gettext"]("Version history")) == catalogs[lang].gettext(
            "Version history"
        )
    finnish = built.page(page_url("history", "fi")).context["gettext"]("Version history")
    assert finnish != "Version history"  # translated, whatever was planned last


def test_a_change_in_one_language_is_no_change_in_the_others(site_plan):
    """The Finnish-only fix: the Finnish pages show and list it, the others nothing."""
    site, built, _env = site_plan
    fix = DATES[2]
    for lang in site.languages:
        summary = built.page(page_url("changes", lang, fix)).context["changes"]
        if lang == "fi":
            assert [item.section for item, _target in summary] == ["retention"]
        else:
            assert summary == [], lang
        history = built.page(page_url("history", lang)).context["summaries"]
        assert bool(history[fix]) == (lang == "fi")


def test_badges_follow_the_page(site_plan):
    """A new data field kept under a storage rule shows in two sections: both are badged,
    on every language's current page, and the summary item links to its first mark."""
    site, built, _env = site_plan
    for lang in site.languages:
        current = built.page(page_url("current", lang)).context
        assert current["changed"] == {"personal_data", "retention"}, lang
        assert current["body"].count('class="changed"') == 2
        changes = built.page(page_url("changes", lang, DATES[3])).context
        targets = [target for _item, target in changes["changes"]]
        assert "change-personal-data" in targets
        html = "".join(part.html for part, _title in changes["parts"])
        for target in targets:
            assert f'id="{target}"' in html


def test_unchanged_sections_are_folded_and_the_redline_starts_with_the_notice(site_plan):
    _site, built, env = site_plan
    page = built.page(page_url("changes", "en", DATES[1]))
    html = env.get_template(page.template).render(page.context)
    redline = html[html.index('class="redline"') :]
    assert "Last updated" not in redline
    folded = re.findall(r'<details class="unchanged"><summary>([^<]*)</summary>', redline)
    assert folded and all(title.startswith("Unchanged: ") for title in folded)
    changed = [part.anchor for part, _title in page.context["parts"] if part.changed]
    assert changed == ["retention"]
    blocks = re.findall(r'<details class="unchanged">.*?</details>', redline, flags=re.S)
    assert len(blocks) == len(folded)
    assert not any('<section id="retention"' in block for block in blocks)  # shown open


def test_compare_with_current_is_a_redline_against_the_current_version(site_plan):
    _site, built, _env = site_plan
    first = built.page(page_url("compare", "en", DATES[0])).context
    assert (first["previous"].date, first["version"].date) == (DATES[0], DATES[-1])
    changed = {part.anchor for part, _title in first["parts"] if part.changed}
    assert changed == {"personal-data", "retention"}
    latest = built.page(page_url("compare", "en", DATES[-2])).context
    assert (latest["previous"].date, latest["version"].date) == (DATES[-2], DATES[-1])


def test_a_change_the_page_does_not_show_is_not_badged_or_listed(site_plan):
    """A field's DPV category is machine-readable only: no page says anything changed."""
    site, _built, env = site_plan
    document = copy.deepcopy(site.versions[0].document)
    document["personal_data"]["fields"][0]["dpv"] = "PersonalData"
    dpv = (site.versions[0], version(DATES[1], document))
    built = plan_of(Site(dpv, site.catalogs, (), site.locales), env)
    for lang in site.languages:
        assert built.page(page_url("current", lang)).context["changed"] == frozenset()
        changes = built.page(page_url("changes", lang, DATES[1])).context
        assert changes["changes"] == [] and not any(p.changed for p, _t in changes["parts"])
