"""The privacy centre's pages beyond its index: a page per group of people listing every
register that concerns it (what each keeps and why, in one line; special categories
marked), the recent changes across registers, and, where full-text search is on, the
search page and its script (see :mod:`privacy_notice.commands.search`).

All of it static HTML: the search page is the only page with a script, and it says where
else to look where scripts do not run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privacy_notice.exports.texts import Texts
from privacy_notice.render.listing import CHANGES, SEARCH, Centre, Listed, centre_page_url
from privacy_notice.render.pages import Page, page_url

GROUPS = "groups"
# How many of the latest changes the page of recent changes lists (each a date and a
# summary, with every register it was released for).
RECENT = 50
# How many entries (a version of a register each) the site-wide feed of a language holds.
RECENT_ENTRIES = 200
SEARCH_SCRIPT = "search/search.js"
# Where the search tool writes its index and its user interface (see commands/search.py).
SEARCH_BUNDLE = "pagefind/"


def entry(register: Listed, lang: str) -> dict[str, Any]:
    """A register as the centre lists it in ``lang``: its title (in its source language
    where it does not publish ``lang``), its link, its last update."""
    return {
        "slug": register.slug,
        "title": register.title(lang),
        "title_lang": register.shown(lang),
        "url": register.url(lang),
        "updated": register.updated,
        "effective": register.starts if register.announced else None,
    }


def groups(centre: Centre, lang: str) -> list[dict[str, Any]]:
    """The groups of people some register concerns, each with its page and how many."""
    found = []
    for group in centre.directory.groups:
        count = sum(group.id in r.register.concerns for r in centre.registers)
        if count:
            name, name_lang = group.name_in(lang, centre.directory.source_language)
            found.append(
                {
                    "id": group.id,
                    "name": name,
                    "name_lang": name_lang,
                    "url": centre_page_url(lang, GROUPS, group.id),
                    "count": count,
                }
            )
    return found


def group_pages(centre: Centre, lang: str) -> list[Page]:
    pages = []
    for group in groups(centre, lang):
        concerned = [r for r in centre.registers if group["id"] in r.register.concerns]
        description = centre.directory.group(group["id"])
        about = description.description if description else None
        context = {
            **centre.context(
                lang, "group", lambda other, g=group["id"]: centre_page_url(other, GROUPS, g)
            ),
            "group": group,
            "group_description": about.values.get(lang) if about else None,
            "lines": [_line(r, lang) for r in concerned],
        }
        pages.append(Page(group["url"], "group.html", context))
    return pages


def _line(register: Listed, lang: str) -> dict[str, Any]:
    """One register in one line: the data it keeps (special categories marked) and why."""
    shown = register.shown(lang)
    model = register.register
    texts = Texts(model, shown, register.locale(shown))
    keeps = [(f.name[shown], f.special_category is not None) for f in model.personal_data.fields]
    why = [
        texts(purpose.name) if purpose.name else _first_sentence(texts(purpose.description))
        for purpose in model.purposes.items
    ]
    return {
        **entry(register, lang),
        "keeps": keeps,
        "why": why,
        "special": any(s for _n, s in keeps),
    }


def _first_sentence(text: str) -> str:
    first = text.split("\n", 1)[0]
    end = first.find(". ")
    return first[: end + 1] if end > 0 else first


def changes_page(centre: Centre, lang: str) -> Page:
    """The latest changes across registers, newest first: one item per date and summary,
    with every register it was released for (a shared block's change is one item)."""
    items: dict[tuple[str, str, bool], dict[str, Any]] = {}
    for register in centre.registers:
        seen: set[str] = set()
        for version in register.versions:
            shown = lang if lang in version.languages else register.source_language
            first = shown not in seen
            seen.update(version.languages)
            summary = version.summary.values.get(shown, "") if version.summary else ""
            key = (version.date, summary, version.material or first)
            item = items.setdefault(
                key,
                {
                    "date": version.date,
                    "summary": summary,
                    "summary_lang": shown,
                    "material": version.material,
                    "first": first,
                    "registers": [],
                },
            )
            kind = "version" if first else "changes"
            title = register.register.notice.title.values
            item["registers"].append(
                {
                    "title": title.get(shown) or register.title(lang),
                    "title_lang": shown if shown in title else register.shown(lang),
                    "url": page_url(kind, shown, version.date, base=register.base),
                }
            )
    recent = sorted(items.values(), key=lambda i: (i["date"], i["summary"]), reverse=True)
    context = {
        **centre.context(lang, "centre-changes", lambda other: centre_page_url(other, CHANGES)),
        "items": recent[:RECENT],
        "more": max(0, len(recent) - RECENT),
    }
    return Page(centre_page_url(lang, CHANGES), "centre_changes.html", context)


def search_page(centre: Centre, lang: str) -> Page:
    context = {
        **centre.context(lang, "search", lambda other: centre_page_url(other, SEARCH)),
        "search_bundle": SEARCH_BUNDLE,
        "search_script": SEARCH_SCRIPT,
    }
    return Page(centre_page_url(lang, SEARCH), "search.html", context)


# The search page's own script: it starts the search tool's interface in the page's
# language, and runs a query given in the address (search/index.html?q=…). A file of the
# site (same origin), since the pages' Content-Security-Policy allows no inline script.
_SCRIPT = """\
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: element.getAttribute("data-bundle"),
    showImages: false,
    resetStyles: false
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
"""


def search_files() -> Mapping[str, bytes]:
    return {SEARCH_SCRIPT: _SCRIPT.encode("utf-8")}
