"""Pelican as ``privacy-notice build`` runs it: its blog generator skips looking up the
templates of pages it has none of.

Pelican's article generator looks up its tag, category, author and archive templates
before it loops over the articles, tags and dates that would use them. A notice site has
no articles (``ARTICLE_PATHS`` is empty), and that generator's environment has no bytecode
cache, so every build compiled four templates of Pelican's fallback theme only to render
nothing with them. With no articles of any kind and no direct templates, those loops are
empty, so skipping them changes no file; the feeds and the signal are kept as they were.
Under plain ``pelican`` (the plugin alone) Pelican runs unchanged.
"""

from __future__ import annotations

from typing import Any

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer


class _Articles(ArticlesGenerator):  # type: ignore[misc]  # Pelican is untyped
    def _has_pages(self) -> bool:
        kinds = ("articles", "translations", "drafts", "drafts_translations")
        hidden = ("hidden_articles", "hidden_translations")
        return any(getattr(self, kind) for kind in (*kinds, *hidden)) or bool(
            self.settings["DIRECT_TEMPLATES"]
        )

    def generate_output(self, writer: Writer) -> None:
        if self._has_pages():
            super().generate_output(writer)
            return
        self.generate_feeds(writer)  # what the settings ask for, with no articles in them
        signals.article_writer_finalized.send(self, writer=writer)


class NoticePelican(Pelican):  # type: ignore[misc]
    def _get_generator_classes(self) -> list[type[Any]]:
        classes: list[type[Any]] = super()._get_generator_classes()
        return [_Articles if cls is ArticlesGenerator else cls for cls in classes]
