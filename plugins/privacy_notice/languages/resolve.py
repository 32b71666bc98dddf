"""The resolution of every policy text into ``{lang: text}``: the register document, each
text in every published language, from the catalogs; a text with no usable translation
is a located problem (or, in a draft preview, shown in the source language, marked).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from babel import Locale

from privacy_notice.diagnostics import Diagnostic, Severity, YamlPath, shorten
from privacy_notice.languages.catalogs import CatalogFile, check_theme_catalogs
from privacy_notice.model.placeholders import case_problem
from privacy_notice.model.texts import markdown_problem, placeholder_uses, placeholders
from privacy_notice.source.loaded import Loaded
from privacy_notice.source.schema import NOT_PUBLISHED, map_texts, published_names

_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")


def _structure(text: str) -> tuple[list[str], int]:
    """What a translation must keep: its placeholders, by name (it may write one in another
    case), and its links (a link may point to the page in the reader's language, so only
    their number must match)."""
    return sorted(placeholders(text)), len(_LINK_TARGET.findall(text))


@dataclass(eq=False, repr=False)
class Resolution:
    """The outcome of translating a policy: the document, and what could not be translated."""

    document: dict[str, Any]
    problems: list[Diagnostic] = field(default_factory=list)
    fallbacks: set[tuple[YamlPath, str]] = field(default_factory=set)


def resolve(
    loaded: Loaded, catalogs: Mapping[tuple[str, str], CatalogFile], *, allow_fallback: bool = False
) -> Resolution:
    """Translate every text of the policy into every published language.

    A text with no usable translation is a problem; with ``allow_fallback`` (draft
    previews) it is shown in the source language instead and remembered as a fallback.
    """
    data = loaded.data
    source, languages = data["source_language"], data["languages"]
    resolution = Resolution(document={})
    severity: Severity = "warning" if allow_fallback else "error"
    reported: set[tuple[str, str]] = set()

    def translate(path: YamlPath, text: str) -> dict[str, str]:
        result = {}
        for lang in languages:
            if lang == source:
                result[lang] = text
                continue
            translated, problem = _lookup(loaded, catalogs[lang, "policy"], path, text, severity)
            if problem and (lang, text) not in reported:
                reported.add((lang, text))
                resolution.problems.append(problem)
            if translated is None:
                resolution.fallbacks.add((path, lang))
                translated = text
            result[lang] = translated
        return result

    published = {key: value for key, value in data.items() if key not in NOT_PUBLISHED}
    resolution.document = published_names(map_texts(published, translate))
    resolution.problems += check_theme_catalogs(catalogs, severity)
    return resolution


def _lookup(
    loaded: Loaded, file: CatalogFile, path: YamlPath, text: str, severity: Severity
) -> tuple[str | None, Diagnostic | None]:
    file = file.holding(text, shared_text=bool(loaded.mark(path).file))
    message = file.catalog.get(text) if file.catalog is not None else None
    if message is None or not message.string:
        if message is None:
            name = f"{Locale.parse(file.lang).get_display_name('en')} ({file.lang})"
            return None, loaded.diagnostic(
                path,
                f"no {name} translation in {file.display}: run 'make translations' "
                "and translate it",
                severity=severity,
            )
        return None, Diagnostic(
            file.display, message.lineno or 0, 0, "", f'untranslated: "{shorten(text)}"', severity
        )
    if message.fuzzy:
        return None, Diagnostic(
            file.display,
            message.lineno or 0,
            0,
            "",
            f'fuzzy (source text changed): "{shorten(text)}": check the '
            "translation and remove the fuzzy flag",
            severity,
        )
    if not isinstance(message.string, str):  # msgstr[0], msgstr[1]: not for a notice text
        return None, Diagnostic(
            file.display,
            message.lineno or 0,
            0,
            "",
            f'the translation of "{shorten(text, 40)}" has plural forms: write one msgstr',
            severity,
        )
    translated = message.string
    bounded = markdown_problem(translated)
    if bounded:
        return None, Diagnostic(file.display, message.lineno or 0, 0, "", bounded, severity)
    want, got = _structure(text), _structure(translated)
    if want != got:
        what, index = ("placeholders", 0) if want[0] != got[0] else ("links", 1)
        return None, Diagnostic(
            file.display,
            message.lineno or 0,
            0,
            "",
            f'the translation of "{shorten(text, 40)}" changes its {what}: '
            f"expected {want[index]}, found {got[index]}",
            severity,
        )
    # A translation may write a duration in the case its sentence needs, if its language
    # has that case (model/cases.py).
    for name, case in sorted(placeholder_uses(translated), key=str):
        problem = case_problem(name, case, file.lang)
        if problem:
            return None, Diagnostic(
                file.display,
                message.lineno or 0,
                0,
                "",
                f'the translation of "{shorten(text, 40)}": {problem}',
                severity,
            )
    return translated, None
