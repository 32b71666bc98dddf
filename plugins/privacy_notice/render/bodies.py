"""The notice as each language's page says it: one rendered body per version and language,
and what changed between two versions in that language, from comparing those bodies.

A change is a change in a language only if that language's page reads differently: the
"Changed" badges, the changed-sections list and the summary items all come from comparing
the rendered sections (the same strings the redline compares), so they always agree with
it. A Finnish-only fix changes nothing in English; a structured detail the page does not
show is no visible change and is not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from privacy_notice.history import diff
from privacy_notice.history.change import N_, Change
from privacy_notice.history.store import Version
from privacy_notice.history.versions import Site
from privacy_notice.languages.catalogs import ThemeCatalog
from privacy_notice.languages.theme import template_callables
from privacy_notice.model import labels
from privacy_notice.render import redline

# How the theme renders a template with a context (a Jinja environment's, Pelican's or not).
Render = Callable[[str, Mapping[str, Any]], str]


def anchor(section_key: str) -> str:
    """The id of a section on the page (``data_subjects`` -> ``data-subjects``)."""
    return section_key.replace("_", "-")


@dataclass(frozen=True)
class SummaryItem:
    """One line of a change summary, and the section of the page it concerns."""

    text: str
    section: str  # its key

    @property
    def anchor(self) -> str:
        return anchor(self.section)

    def __str__(self) -> str:
        return self.text


@dataclass
class Language:
    """One language of the site: its translations, and each version's body and "at a
    glance" block, rendered once (a body is on its version's page, its changes pages and
    the comparisons with later versions)."""

    site: Site
    lang: str
    translations: ThemeCatalog
    render: Render
    # By the version's date and the sections badged "Changed".
    bodies: dict[tuple[str, frozenset[str]], Markup] = field(default_factory=dict)
    # By the version's date and whether it is badged "Changed".
    glances: dict[tuple[str, bool], Markup] = field(default_factory=dict)

    @property
    def gettext(self) -> Callable[[str], str]:
        return self.translations.gettext

    def context(self) -> dict[str, Any]:
        """What every template of this language gets: its gettext, locale, fallback label."""
        return {
            "lang": self.lang,
            "locale": self.site.locale(self.lang),
            "source_language": self.site.source_language,
            "fallback_label": self.gettext("Not yet translated"),
            "directory": self.site.directory,
            **template_callables(self.translations),
        }

    def body(self, version: Version, changed: frozenset[str] = frozenset()) -> Markup:
        """The notice body of ``version``; ``changed`` (section keys) are badged."""
        key = (version.date, changed)
        if key not in self.bodies:
            register = version.register
            context = {
                **self.context(),
                "register": register,
                "source_language": register.source_language,
                "changed": changed,
            }
            self.bodies[key] = Markup(self.render("_notice_body.html", context))
        return self.bodies[key]

    def glance(self, version: Version, changed: bool = False) -> Markup:
        """The "at a glance" block of ``version``'s pages (``_glance.html``), rendered on
        its own like the body: once per version and language, not once per page. It reads
        the language's context and the register, nothing of a page; ``changed``: badged."""
        key = (version.date, changed)
        if key not in self.glances:
            context = {**self.context(), "register": version.register, "glance_changed": changed}
            self.glances[key] = Markup(self.render("_glance.html", context))
        return self.glances[key]

    def glance_changed(self, old: Version, new: Version) -> bool:
        """Whether "at a glance" reads differently in this language (as a section does)."""
        return self.glance(old) != self.glance(new)

    def changed_sections(self, old: Version, new: Version) -> frozenset[str]:
        """The keys of the sections whose text in this language differs."""
        anchors = redline.changed_sections(self.body(old), self.body(new))
        keys = (*new.register.section_keys(), *old.register.section_keys())
        return frozenset(key for key in keys if anchor(key) in anchors)

    def summary(self, old: Version, new: Version, changes: Changes) -> tuple[SummaryItem, ...]:
        """What changed on this language's page: the items of the semantic changes shown in
        this language's text, in a section whose text in this language changed; then each
        changed section that no item names (its change is visible but not one the model
        can name)."""
        changed = self.changed_sections(old, new)
        locale = self.site.locale(self.lang)
        items = [
            SummaryItem(c.describe(self.lang, self.gettext, locale, labels.label), c.section)
            for c in changes.between(old, new)
            if c.shown_in(self.lang) and c.section in changed
        ]
        named = {item.section for item in items}
        for key in new.register.section_keys():
            if key in changed and key not in named:
                title = new.register.section(key).title[self.lang]
                message = self.gettext(N_("Changed section: %(section)s"))
                items.append(SummaryItem(message % {"section": title}, key))
        moved = moved_section(old.register.section_keys(), new.register.section_keys())
        if moved is not None:  # on every page: the sections read in another order
            items.append(SummaryItem(self.gettext(N_("The order of sections changed")), moved))
        return tuple(items)


def moved_section(old: tuple[str, ...], new: tuple[str, ...]) -> str | None:
    """The first section (key) of ``new`` that is no longer where it was among the sections
    both versions have; None when they keep their order."""
    before = [key for key in old if key in new]
    after = [key for key in new if key in old]
    return next((b for a, b in zip(before, after, strict=True) if a != b), None)


@dataclass
class Changes:
    """The semantic changes between two versions, computed once for every language."""

    _found: dict[tuple[str, str], list[Change]] = field(default_factory=dict)

    def between(self, old: Version, new: Version) -> list[Change]:
        pair = (old.date, new.date)
        if pair not in self._found:
            self._found[pair] = diff.semantic_changes(old.register, new.register)
        return self._found[pair]
