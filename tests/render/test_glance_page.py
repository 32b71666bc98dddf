""" "At a glance" on the built page (issue 23, item 2): what serves a purpose in its row,
what names no purpose once for the whole notice, the facts WP260 puts in the first layer
only where the notice has them, each linking to its section, and few links."""

from __future__ import annotations

import copy
import re

import pytest
from helpers import PLAN_DATES, history, plan_of, theme, version

from conftest import Project, page_text
from privacy_notice.history.versions import Site
from privacy_notice.render.pages import page_url


def glance_of(page: str) -> str:
    start = page.index('<section class="glance')
    return page[start : page.index("</section>", start)]


def rows_of(glance: str) -> dict[str, dict[str, str]]:
    """Each row of the purposes table by its purpose's id: its cells' text by their label."""
    rows = re.findall(
        r'<tr>\s*<th scope="row"><a href="#purpose-([\w-]+)">(.*?)</tr>', glance, re.S
    )
    return {
        purpose: {
            label: page_text(cell)
            for label, cell in re.findall(r'<td data-label="([^"]*)"[^>]*>(.*?)</td>', html, re.S)
        }
        for purpose, html in rows
    }


def facts_of(glance: str) -> dict[str, str]:
    """Each fact of the first layer by the section its label links to, its value as text."""
    pairs = re.findall(r'<dt><a href="#([\w-]+)">[^<]*</a></dt>\s*<dd>(.*?)</dd>', glance, re.S)
    return {section: page_text(html) for section, html in pairs}


def test_a_purpose_shows_only_what_names_it(full_site: Project):
    glance = glance_of(full_site.read("en/index.html"))
    rows = rows_of(glance)
    outside = {purpose: row["Outside the EU/EEA"] for purpose, row in rows.items()}
    assert outside == {
        "orders": "Customs authorities (Canada)",
        "accounting": "See the recipients",
        "newsletter": "Email service provider (United States)",
        "marketing": "Analytics partners (Brazil and South Korea)",
        "loyalty": "See the recipients",
    }
    # the hosting provider abroad names no purpose: in no row, once for the whole notice
    facts = facts_of(glance)
    assert facts["recipients"] == "Hosting provider (United Kingdom, Japan, India and China)"
    # the accounting rule names its purpose; the rules that name none are stated once
    storage = {purpose: row["Storage period"] for purpose, row in rows.items()}
    assert storage.pop("accounting") == (
        "Accounting records: 6 years (At the end of the financial year)"
    )
    assert set(storage.values()) == {"See the storage periods"}  # a link to the section
    assert facts["retention"] == "Newsletter data: Until consent is withdrawn " + (
        "Customer service messages: 3 months (After the last contact) "
        "(at most 1 year) Marketing consents: 2 years (When consent is "
        "withdrawn) Loyalty card data: 1 year (When the loyalty card is "
        "returned) Company archive: Permanently"
    )
    assert rows["orders"]["Data"] == "Email address Order history Allergy information"
    assert "None" not in page_text(glance)  # no purpose is said to have none


def test_the_first_layer_carries_what_wp260_puts_there_each_linked(full_site: Project):
    facts = facts_of(glance_of(full_site.read("en/index.html")))
    assert facts["controller"] == "Example Shop Oy"
    assert facts["data-protection-officer"] == "Dana Officer, dpo@example-shop.fi"
    assert facts["rights"].endswith("To use them, contact privacy@example-shop.fi.")
    assert facts["complaints"] == (
        "Office of the Data Protection Ombudsman (the supervisory authority)"
    )
    assert facts["automated-decision-making"] == "We use profiling."
    assert facts["cookies"].replace(" .", ".") == (
        "Only with your consent: Statistics Marketing Preferences. "
        "Without consent: Strictly necessary"
    )
    page = full_site.read("en/index.html")
    for section in ("data-protection-officer", "complaints", "automated-decision-making"):
        assert f'id="{section}"' in page  # each label links to where the notice says it all


def test_only_what_the_notice_has(built_site: Project):
    facts = facts_of(glance_of(built_site.read("en/index.html")))
    # no DPO (a statement that none is needed is no contact), no profiling, no cookies
    assert list(facts) == [
        "controller",
        "rights",
        "complaints",
        "retention",
        "processing-locations",
    ]
    # no recipient abroad is named, and the notice says it happens exceptionally
    assert facts["processing-locations"] == "Exceptionally"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_few_links_and_the_contents_within_reach(full_site: Project, lang: str):
    glance = glance_of(full_site.read(f"{lang}/index.html"))
    links = re.findall(r'<a href="([^"]*)"', glance)
    assert links[0] == "#contents" and 'id="contents"' in full_site.read(f"{lang}/index.html")
    # a link per fact and per purpose, to a section where a purpose has nothing named, and
    # the e-mail addresses: no value is a link (a data field, a rule, a recipient)
    sections = {f"#{key}" for key in facts_of(glance)} | {"#personal-data"}
    purposes = {f"#purpose-{key}" for key in rows_of(glance)}
    assert {link for link in links if not link.startswith("mailto:")} <= (
        {"#contents"} | sections | purposes
    )


def test_the_glance_is_badged_when_it_changed(site_plan_glance):
    changed, unchanged = site_plan_glance
    assert 'class="glance changed"' in changed and "changed-badge" in changed
    assert "changed-badge" not in unchanged


@pytest.fixture(scope="module")
def site_plan_glance() -> tuple[str, str]:
    """The current "at a glance" of a history whose last version adds a data field to the
    purpose (its row changes), and of one whose last version changes only a text the first
    layer does not show."""
    site, env = history(), theme()
    added = plan_of(site, env).page(page_url("current", "en")).context["at_a_glance"]
    document = copy.deepcopy(site.versions[0].document)
    document["notice"]["basis"] = {lang: "Another basis." for lang in site.languages}
    versions = (site.versions[0], version(PLAN_DATES[1], document))
    reworded = Site(versions, site.catalogs, (), site.locales)
    same = plan_of(reworded, env).page(page_url("current", "en")).context["at_a_glance"]
    return str(added), str(same)
