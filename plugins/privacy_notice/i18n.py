"""Translations: gettext catalogs read with Babel, coverage checks, and the resolution of
every policy text into ``{lang: text}``.

Two domains, kept apart because they have different owners and rhythms:
``policy`` (the notice's own texts, which change with each version) and ``theme`` (the
headings and labels of the site, which change with the tool).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from gettext import GNUTranslations, NullTranslations
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from .diagnostics import Diagnostic, PolicyError, Severity, YamlPath
from .diagnostics import display as _display
from .load import Loaded
from .safety import CATALOG_BYTES, read_regular
from .schema import NOT_PUBLISHED, map_texts
from .texts import markdown_problem, placeholders
from .theme_i18n import catalog_problems, literal_catalog

DOMAINS = ("policy", "theme")
THEME_LANGUAGE = "en"  # the language of the theme's own strings (its msgids)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
# Babel's PO parser forgives an unterminated string (it drops a character instead), so
# every line is checked against the PO grammar first.
_PO_STRING = r'"(?:[^"\\]|\\[\\"abfnrtv])*"'
_PO_LINE = re.compile(
    rf"^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_PO_STRING}|{_PO_STRING})\s*$"
)


def po_syntax_problems(text: str, display: str) -> list[Diagnostic]:
    """One diagnostic per line that is not a comment, a keyword with a string, or a string."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _PO_LINE.match(stripped):
            found.append(
                Diagnostic(
                    display,
                    number,
                    0,
                    "",
                    "not valid gettext syntax: expected "
                    'a keyword and a "quoted string" (check for a missing '
                    'quote or an unescaped ")',
                )
            )
    return found


@dataclass(frozen=True, eq=False)
class CatalogFile:
    """One language's catalog of a domain (``policy`` or ``theme``), read and checked."""

    lang: str
    domain: str
    display: str  # the path as shown in diagnostics
    catalog: Catalog | None  # None: the file does not exist
    # The shared blocks' catalog of this language and domain, consulted for a text this
    # one does not hold (see shared.py).
    shared: CatalogFile | None = None

    def holding(self, text: str, *, shared_text: bool) -> CatalogFile:
        """The catalog to translate ``text`` with: this one, or the shared one where only
        that holds it, or where neither does and it is a shared block's text."""
        if self.shared is None or (self.catalog is not None and text in self.catalog):
            return self
        has = self.shared.catalog is not None and text in self.shared.catalog
        return self.shared if has or shared_text else self


def catalog_path(translations_dir: str | Path, lang: str, domain: str) -> Path:
    return Path(translations_dir) / lang / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(path: Path, lang: str, domain: str, display: str) -> CatalogFile:
    """Read one ``.po`` file; syntax errors raise :class:`PolicyError` at their line."""
    try:
        raw = read_regular(path, display, CATALOG_BYTES)
    except FileNotFoundError:
        return CatalogFile(lang, domain, display, None)
    return CatalogFile(lang, domain, display, _checked_catalog(raw, lang, domain, display))


def _checked_catalog(raw: bytes, lang: str, domain: str, display: str) -> Catalog:
    try:
        problems = po_syntax_problems(raw.decode("utf-8"), display)
        if problems:
            raise PolicyError(problems)
        catalog = read_po(
            io.BytesIO(raw), locale=lang, domain=domain, ignore_obsolete=True, abort_invalid=True
        )
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise PolicyError(
            [Diagnostic(display, line, 0, "", "not UTF-8: save the catalog as UTF-8")]
        ) from None
    except PolicyError:
        raise
    except PoFileError as exc:
        raise PolicyError(
            [
                Diagnostic(
                    display,
                    getattr(exc, "lineno", 0) or 0,
                    0,
                    "",
                    f"not a valid gettext catalog: {exc}",
                )
            ]
        ) from None
    except Exception as exc:  # Babel raises plain errors on some malformed headers
        raise PolicyError(
            [Diagnostic(display, 0, 0, "", f"not a valid gettext catalog: {exc}")]
        ) from None
    if domain == "theme":  # Jinja formats these: checked now, at their lines
        problems = catalog_problems(catalog, display, raw.decode("utf-8"))
        if problems:
            raise PolicyError(problems)
    return catalog


def read_catalogs(
    translations_dir: str | Path,
    languages: Iterable[str],
    source: str,
    display_root: str = "translations",
    theme_dir: str | Path | None = None,
    theme_display: str = "theme/translations",
    shared_dir: str | Path | None = None,
) -> dict[tuple[str, str], CatalogFile]:
    """The policy catalog of every language but the source, and the theme catalog of every
    language but the theme's own (English), whatever the source; all syntax errors at once.

    The ``policy`` catalogs are the notice's (``translations_dir``); the ``theme`` catalogs
    belong to the theme and are read from its own ``translations/`` (``theme_dir``), so a
    notice folder without a theme of its own still gets the tool's labels. With a
    ``shared_dir``, each policy catalog falls back on the shared blocks' catalog.
    """
    roots = {
        "policy": (Path(translations_dir), display_root),
        "theme": (Path(theme_dir or translations_dir), theme_display),
    }
    found: dict[tuple[str, str], CatalogFile] = {}
    problems: list[Diagnostic] = []
    for lang in languages:
        for domain in DOMAINS:
            if lang == (source if domain == "policy" else THEME_LANGUAGE):
                continue
            directory, shown = roots[domain]
            display = f"{shown}/{lang}/LC_MESSAGES/{domain}.po"
            try:
                found[lang, domain] = read_catalog(
                    catalog_path(directory, lang, domain), lang, domain, display
                )
                if shared_dir is not None and domain == "policy":
                    path = catalog_path(shared_dir, lang, domain)
                    shared = read_catalog(path, lang, domain, _display(path))
                    found[lang, domain] = replace(found[lang, domain], shared=shared)
            except PolicyError as exc:
                problems += exc.diagnostics
    if problems:
        raise PolicyError(problems)
    return found


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _structure(text: str) -> tuple[list[str], int]:
    """What a translation must keep: its placeholders and its links (a link may point to
    the page in the reader's language, so only their number must match)."""
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
    resolution.document = map_texts(published, translate)
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
            file.display, message.lineno or 0, 0, "", f'untranslated: "{_short(text)}"', severity
        )
    if message.fuzzy:
        return None, Diagnostic(
            file.display,
            message.lineno or 0,
            0,
            "",
            f'fuzzy (source text changed): "{_short(text)}": check the '
            "translation and remove the fuzzy flag",
            severity,
        )
    if not isinstance(message.string, str):  # msgstr[0], msgstr[1]: not for a notice text
        return None, Diagnostic(
            file.display,
            message.lineno or 0,
            0,
            "",
            f'the translation of "{_short(text, 40)}" has plural forms: write one msgstr',
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
            f'the translation of "{_short(text, 40)}" changes its {what}: '
            f"expected {want[index]}, found {got[index]}",
            severity,
        )
    return translated, None


def check_theme_catalogs(
    catalogs: Mapping[tuple[str, str], CatalogFile], severity: Severity
) -> list[Diagnostic]:
    """Every theme string must be translated: the templates use all of them."""
    found = []
    for (_lang, domain), file in sorted(catalogs.items()):
        if domain != "theme":
            continue
        if file.catalog is None:
            found.append(_missing_theme(file, severity))
            continue
        for message in file.catalog:
            if not message.id:
                continue
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            strings = message.string
            complete = all(strings) if isinstance(strings, (list, tuple)) else bool(strings)
            state = "fuzzy" if message.fuzzy else (None if complete else "untranslated")
            if state:
                found.append(
                    Diagnostic(
                        file.display,
                        message.lineno or 0,
                        0,
                        "",
                        f'{state}: "{_short(msgid)}"',
                        severity,
                    )
                )
    return found


def _missing_theme(file: CatalogFile, severity: Severity) -> Diagnostic:
    directory = file.display.rsplit("/", 3)[0]
    name = Locale.parse(file.lang).get_display_name("en")
    return Diagnostic(
        file.display,
        message=f"missing: the theme has no {name} ({file.lang}) translation: add it with "
        f"'pybabel init -D theme -l {file.lang} -i {directory}/theme.pot -d {directory}' "
        "and translate it",
        severity=severity,
    )


# A theme catalog as a page's gettext: GNUTranslations of its compiled catalog, or
# NullTranslations in the theme's own language (its msgids are the texts).
ThemeCatalog = NullTranslations


def theme_translations(catalogs: Mapping[tuple[str, str], CatalogFile], lang: str) -> ThemeCatalog:
    """The theme catalog of ``lang`` as gettext translations for Jinja (compiled in memory,
    every ``%`` that is not a placeholder made literal, see :mod:`.theme_i18n`)."""
    file = catalogs.get((lang, "theme"))
    if file is None or file.catalog is None:
        return NullTranslations()  # the theme's own language: msgids are the texts
    buffer = io.BytesIO()
    write_mo(buffer, literal_catalog(file.catalog), use_fuzzy=False)
    return GNUTranslations(io.BytesIO(buffer.getvalue()))
