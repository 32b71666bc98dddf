"""catalogs.py: the theme's catalog of a language must translate every text; a few texts
missing are named one by one, a whole language still to translate is one line."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog

from privacy_notice.languages.catalogs import LISTED_AT_MOST, CatalogFile, check_theme_catalogs


def theme(untranslated: int, translated: int = 5) -> CatalogFile:
    catalog = Catalog(locale="fr")
    for index in range(translated):
        catalog.add(f"Done {index}", f"Fait {index}", lineno=index + 1)
    for index in range(untranslated):
        catalog.add(f"Text {index}", "", lineno=translated + index + 1)
    return CatalogFile("fr", "theme", "theme.po", catalog)


@pytest.mark.parametrize("untranslated", [1, LISTED_AT_MOST])
def test_a_few_untranslated_texts_are_each_named(untranslated: int) -> None:
    found = check_theme_catalogs({("fr", "theme"): theme(untranslated)}, "error")
    assert [str(d) for d in found] == [
        f'theme.po:{6 + index}: untranslated: "Text {index}"' for index in range(untranslated)
    ]


def test_a_language_still_to_translate_is_one_line() -> None:
    (found,) = check_theme_catalogs({("fr", "theme"): theme(392)}, "error")
    assert str(found) == (
        "theme.po:6: 392 of the theme's texts are untranslated or fuzzy (the first here): "
        "translate them in a PO editor (such as Poedit)"
    )


def test_a_complete_catalog_has_no_problem() -> None:
    assert check_theme_catalogs({("fr", "theme"): theme(0)}, "error") == []
