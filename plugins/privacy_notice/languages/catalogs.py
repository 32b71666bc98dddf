"""Translations: gettext catalogs read with Babel, coverage checks, and the resolution of
every policy text into ``{lang: text}``.

Two domains, kept apart because they have different owners and rhythms:
``policy`` (the notice's own texts, which change with each version) and ``theme`` (the
headings and labels of the site, which change with the tool).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from privacy_notice.diagnostics import Diagnostic, PolicyError, Severity, shorten
from privacy_notice.diagnostics import display as _display
from privacy_notice.files import CATALOG_BYTES, read_regular
from privacy_notice.languages.theme import catalog_problems, literal_catalog
from privacy_notice.source.options import Options
from privacy_notice.source.po import syntax_problems

DOMAINS = ("policy", "theme")
THEME_LANGUAGE = "en"  # the language of the theme's own strings (its msgids)


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
        problems = syntax_problems(raw.decode("utf-8"), display)
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
    own_theme_dir: str | Path | None = None,
    domains: tuple[str, ...] = DOMAINS,
    known: Mapping[Path, CatalogFile] | None = None,
) -> dict[tuple[str, str], CatalogFile]:
    """The policy catalog of every language but the source, and the theme catalog of every
    language but the theme's own (English), whatever the source (of ``domains``); all
    syntax errors at once.

    The ``policy`` catalogs are the notice's (``translations_dir``); the ``theme`` catalogs
    belong to the theme and are read from its own ``translations/`` (``theme_dir``), so a
    notice folder without a theme of its own still gets the tool's labels; a project's own
    catalog of the theme's labels (``own_theme_dir``, its ``translations/``) is read first,
    for a language the theme lacks. With a ``shared_dir``, each policy catalog falls back on
    the shared blocks' catalog.
    """
    roots = {
        "policy": (Path(translations_dir), display_root),
        "theme": (Path(theme_dir or translations_dir), theme_display),
    }
    found: dict[tuple[str, str], CatalogFile] = {}
    problems: list[Diagnostic] = []
    for lang in languages:
        for domain in domains:
            if lang == (source if domain == "policy" else THEME_LANGUAGE):
                continue
            directory, shown = roots[domain]
            if domain == "theme" and own_theme_dir is not None:
                # The project's own, where it has one or the theme has none.
                own = catalog_path(own_theme_dir, lang, domain)
                if own.exists() or not catalog_path(directory, lang, domain).exists():
                    directory, shown = Path(own_theme_dir), _display(own_theme_dir)
            display = f"{shown}/{lang}/LC_MESSAGES/{domain}.po"
            try:
                found[lang, domain] = _read(
                    known, catalog_path(directory, lang, domain), lang, domain, display
                )
                if shared_dir is not None and domain == "policy":
                    path = catalog_path(shared_dir, lang, domain)
                    shared = _read(known, path, lang, domain, _display(path))
                    found[lang, domain] = replace(found[lang, domain], shared=shared)
            except PolicyError as exc:
                problems += exc.diagnostics
    if problems:
        raise PolicyError(problems)
    return found


def _read(
    known: Mapping[Path, CatalogFile] | None, path: Path, lang: str, domain: str, display: str
) -> CatalogFile:
    """The catalog at ``path``: as the build read it before (``known``: the theme's and the
    shared blocks' catalogs, which every register of a site reads), else from the file."""
    file = known.get(path) if known else None
    if file is not None and file.display == display:
        return file
    return read_catalog(path, lang, domain, display)


def common_catalogs(options: Options) -> dict[Path, CatalogFile]:
    """The catalogs every register of a site reads: the theme's (the project's own first)
    and the shared blocks', read once for the whole build (see :func:`read_catalogs`)."""
    found: dict[Path, CatalogFile] = {}
    folders = [
        (options.theme_translations, "theme"),
        (options.own_theme_translations, "theme"),
        (options.shared_translations, "policy"),
    ]
    for folder, domain in folders:
        if folder is None or not Path(folder).is_dir():
            continue
        shown = _display(folder)
        for path in sorted(Path(folder).glob(f"*/LC_MESSAGES/{domain}.po")):
            lang = path.parts[-3]
            display = f"{shown}/{lang}/LC_MESSAGES/{domain}.po"
            if domain == "policy":  # as read_catalogs names a shared catalog
                display = _display(path)
            try:
                found[path] = read_catalog(path, lang, domain, display)
            except PolicyError:
                continue  # each register reads it again, and reports its problems
    return found


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
        lines = _untranslated_theme(file, file.catalog, severity)
        if len(lines) > LISTED_AT_MOST:  # a new language: one line, not hundreds
            message = (
                f"{len(lines)} of the theme's texts are untranslated or fuzzy (the first "
                "here): translate them in a PO editor (such as Poedit)"
            )
            lines = [replace(lines[0], message=message)]
        found += lines
    return found


# A catalog with more untranslated texts than this is reported in one line.
LISTED_AT_MOST = 10


def _untranslated_theme(
    file: CatalogFile, catalog: Catalog, severity: Severity
) -> list[Diagnostic]:
    """A line for each text of the theme's ``catalog`` (of ``file``) still to translate."""
    found = []
    for message in catalog:
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
                    f'{state}: "{shorten(msgid)}"',
                    severity,
                )
            )
    return found


def _missing_theme(file: CatalogFile, severity: Severity) -> Diagnostic:
    name = Locale.parse(file.lang).get_display_name("en")
    return Diagnostic(
        file.display,
        message=f"missing: the theme has no {name} ({file.lang}) translation: run 'make "
        "translations' (privacy-notice translations), which adds this catalog of the "
        "theme's labels to the project, and translate it",
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


def theme_catalogs(options: Options, languages: Iterable[str]) -> dict[str, ThemeCatalog]:
    """The theme's labels in each of ``languages`` (the centre's, the record's), read as
    every register reads them (the project's own catalogs first, see :class:`.Options`)."""
    files = read_catalogs(
        options.translations,
        list(languages),
        "",
        theme_dir=options.theme_translations,
        own_theme_dir=options.own_theme_translations,
        domains=("theme",),
    )
    return {lang: theme_translations(files, lang) for lang in languages}
