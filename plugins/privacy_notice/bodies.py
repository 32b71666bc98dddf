"""The notice as each language's page says it: one rendered body per version and language,
and what changed between two versions in that language, from comparing those bodies.

A change is a change in a language only if that language's page reads differently: the
"Changed" badges, the changed-sections list and the summary items all come from comparing
the rendered sections (the same strings the redline compares), so they always agree with
it. A Finnish-only fix changes nothing in English; a structured detail the page does not
show is no visible change and is not listed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from . import diff, labels, redline
from .cache import KeptTexts, kept_data, kept_text
from .change import N_, Change
from .i18n import ThemeCatalog
from .site import Site
from .theme_i18n import template_callables
from .versions import Version

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


# A rendered body's inputs besides the theme and the language: the version's SHA-256 and
# its untranslated texts, the badged sections, the locale and the source language.
BodyKey = tuple[str, frozenset[Any], frozenset[str], str, str]


@dataclass
class Language:
    """One language of the site: its translations and its bodies, rendered once each.
    ``bodies`` may come from an earlier build of the same theme, settings and language
    (the live preview's worker, see :mod:`.sitememo`): a body is keyed by its inputs."""

    site: Site
    lang: str
    translations: ThemeCatalog
    render: Render
    bodies: dict[BodyKey, Markup] = field(default_factory=dict)
    # Bodies, glances, redlines, summaries and changed sections of earlier builds with the
    # same theme, code and settings (see generator.py): a rebuild renders and compares only
    # the versions it has not before.
    kept: KeptTexts | None = None
    glances: dict[BodyKey, Markup] = field(default_factory=dict)  # "at a glance" blocks

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
            **template_callables(self.translations),
        }

    def body(self, version: Version, changed: frozenset[str] = frozenset()) -> Markup:
        """The notice body of ``version``; ``changed`` (section keys) are badged."""
        key = self._key(version, changed)
        if key not in self.bodies:

            def render() -> str:
                register = version.register
                return self.render(
                    "_notice_body.html",
                    {
                        **self.context(),
                        "register": register,
                        "source_language": register.source_language,
                        "changed": changed,
                    },
                )

            self.bodies[key] = self._kept("body", key, render)
        return self.bodies[key]

    def glance(self, version: Version) -> Markup:
        """The "at a glance" block of ``version``'s pages (``_glance.html``), rendered on
        its own like the body: once per version and language, not once per page. It reads
        the language's context and the register, nothing of a page: its key is the body's."""
        key = self._key(version)
        if key not in self.glances:

            def render() -> str:
                return self.render("_glance.html", {**self.context(), "register": version.register})

            self.glances[key] = self._kept("glance", key, render)
        return self.glances[key]

    def _key(self, version: Version, changed: frozenset[str] = frozenset()) -> BodyKey:
        site = self.site
        locale = site.locale(self.lang)
        return (version.sha256, version.fallbacks, changed, locale, site.source_language)

    def _kept(self, kind: str, key: BodyKey, render: Callable[[], str]) -> Markup:
        """``render()``, or its text kept from an earlier build (see :attr:`kept`)."""
        return Markup(kept_text(self.kept, self._question(kind, key), render))

    def _question(self, kind: str, *keys: BodyKey) -> str:
        """The question of a text that depends on the versions of ``keys`` in this
        language (and on the theme, code and settings: the kept texts' own key)."""
        facts: list[Any] = [self.lang]
        for sha256, fallbacks, changed, locale, source in keys:
            untranslated = sorted(json.dumps([list(path), lang]) for path, lang in fallbacks)
            facts += [sha256, untranslated, sorted(changed), locale, source]
        return f"{kind} " + hashlib.sha256(json.dumps(facts).encode()).hexdigest()

    def changed_sections(self, old: Version, new: Version) -> frozenset[str]:
        """:meth:`_changed_sections`, kept from earlier builds by both versions' keys."""
        question = self._question("changed", self._key(old), self._key(new))
        return frozenset(
            kept_data(self.kept, question, lambda: sorted(self._changed_sections(old, new)))
        )

    def _changed_sections(self, old: Version, new: Version) -> frozenset[str]:
        """The keys of the sections whose text in this language differs. Not kept when
        asked for a summary: a kept summary would not ask it, and the kept texts hold
        what a build asks (a rebuild would write them again)."""
        anchors = redline.changed_sections(self.body(old), self.body(new))
        keys = (*new.register.section_keys(), *old.register.section_keys())
        return frozenset(key for key in keys if anchor(key) in anchors)

    def summary(self, old: Version, new: Version, changes: Changes) -> tuple[SummaryItem, ...]:
        """What changed on this language's page (see :meth:`_summary`), kept from earlier
        builds by both versions' keys: ``changes`` is asked only for a summary not kept
        (comparing two models is most of a summary's time)."""

        def summary() -> list[tuple[str, str]]:
            items = self._summary(old, new, changes.between(old, new))
            return [(item.text, item.section) for item in items]

        question = self._question("summary", self._key(old), self._key(new))
        kept = kept_data(self.kept, question, summary)
        return tuple(SummaryItem(text, section) for text, section in kept)

    def _summary(
        self, old: Version, new: Version, changes: Sequence[Change]
    ) -> tuple[SummaryItem, ...]:
        """The items of ``changes`` shown in this language's text, in a section whose text
        in this language changed; then each changed section that no item names (its change
        is visible but not one the model can name)."""
        changed = self._changed_sections(old, new)
        locale = self.site.locale(self.lang)
        items = [
            SummaryItem(c.describe(self.lang, self.gettext, locale, labels.label), c.section)
            for c in changes
            if c.shown_in(self.lang) and c.section in changed
        ]
        named = {item.section for item in items}
        for key in new.register.section_keys():
            if key in changed and key not in named:
                title = new.register.section(key).title[self.lang]
                message = self.gettext(N_("Changed section: %(section)s"))
                items.append(SummaryItem(message % {"section": title}, key))
        return tuple(items)


@dataclass
class Changes:
    """The semantic changes between two versions, computed once for every language."""

    _found: dict[tuple[str, str], list[Change]] = field(default_factory=dict)

    def between(self, old: Version, new: Version) -> list[Change]:
        pair = (old.date, new.date)
        if pair not in self._found:
            self._found[pair] = diff.semantic_changes(old.register, new.register)
        return self._found[pair]
