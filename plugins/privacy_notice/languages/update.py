"""``privacy-notice translations``: extract the texts and update the catalogs, so that a
pull request shows only what changed.

What ``pybabel extract`` + ``update`` would do, with the choices a reviewer wants:

- nothing is written when nothing changed (the template keeps its POT-Creation-Date, and a
  file is rewritten only when its bytes differ);
- no source line numbers: a policy text is located by its YAML path (``#. notice.title``),
  a theme string by its file;
- a changed policy text becomes fuzzy with its previous text (``#| msgid``) only when it is
  the text *at the same YAML path*: Babel's similarity matching across the whole catalog
  pre-fills unrelated texts ("Postal address" -> "Sähköpostiosoite"), so it is off;
  theme strings are never pre-filled;
- obsolete entries are dropped;
- no header names the Babel version that wrote the file (``Generated-By``), so a newer
  Babel does not rewrite every catalog.

Each language's catalog is updated from a copy of the template of its own: Babel's
``Catalog.update`` puts the template's ``Message`` objects themselves into the catalog, so
a translation pre-filled into one language's catalog would otherwise appear in the next.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable
from pathlib import Path as FilePath
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import denormalize, normalize, read_po, write_po

from privacy_notice.languages.catalogs import THEME_LANGUAGE
from privacy_notice.languages.extract import extract_policy

THEME_METHODS = [("**.html", "jinja2"), ("**.py", "python")]
# Babel writes its own version into every header; a file must not change with it.
_GENERATED_BY = re.compile(r'^"Generated-By: [^"]*"\n', re.MULTILINE)


def policy_template(policy: FilePath) -> Catalog:
    """The ``policy`` template: every text of ``policy.yaml``, its YAML path as comment."""
    # Babel's annotation of a method's result is its own output tuple, not the
    # (lineno, funcname, message, comments) it documents and reads from a method.
    method = extract_policy
    extracted = extract_from_file(method, str(policy))  # type: ignore[arg-type]
    return texts_template((text, comments) for _line, text, comments, _context in extracted)


def texts_template(texts: Iterable[tuple[str | tuple[str, ...], list[str]]]) -> Catalog:
    """A ``policy`` template of ``(text, comments)`` pairs, in their order."""
    template = Catalog(domain="policy", fuzzy=True)
    for text, comments in texts:
        message = template.get(text)
        if message is None:
            template.add(text, auto_comments=comments)
        else:  # the same text at several places: one entry, every path
            message.auto_comments += [c for c in comments if c not in message.auto_comments]
    return template


def theme_template(sources: Iterable[tuple[FilePath, str]]) -> Catalog:
    """The ``theme`` template from ``(directory, display prefix)`` pairs (templates, plugin)."""
    template = Catalog(domain="theme", fuzzy=True)
    for directory, prefix in sources:
        for name, _line, text, comments, context in sorted(
            extract_from_dir(str(directory), THEME_METHODS), key=lambda e: e[0]
        ):
            template.add(
                text,
                # No line number, as read_po reads a location without one (see keep_date).
                locations=[(f"{prefix}/{name}", None)],  # type: ignore[list-item]
                auto_comments=comments,
                context=context,
            )
    return template


def render(catalog: Catalog, *, locations: bool) -> bytes:
    """The catalog as PO bytes: no wrapping, obsolete entries dropped, and the previous
    text of a fuzzy entry as ``#| msgid`` (unwrapped: Babel wraps it, which breaks it)."""
    previous = {}
    for index, message in enumerate(catalog):
        if message.id and message.previous_id:
            previous[f"@previous-{index}@"] = message.previous_id
            message.previous_id = [f"@previous-{index}@"]
    buffer = io.BytesIO()
    try:
        write_po(
            buffer,
            catalog,
            width=0,
            no_location=not locations,
            include_lineno=False,
            ignore_obsolete=True,
            include_previous=True,
        )
    finally:
        for message in catalog:
            if message.previous_id and message.previous_id[0] in previous:
                message.previous_id = previous[message.previous_id[0]]
    text = _GENERATED_BY.sub("", buffer.getvalue().decode("utf-8"), count=1)
    for token, old in previous.items():
        text = text.replace(f'#| msgid "{token}"', f"#| msgid {normalize(old[0], '#| ', 0)}")
    return text.encode("utf-8")


def read(source: FilePath | bytes, lang: str | None = None, domain: str | None = None) -> Catalog:
    """A catalog, with the previous texts (``#|`` lines, which Babel reads as comments)."""
    raw = source if isinstance(source, bytes) else source.read_bytes()
    catalog = read_po(io.BytesIO(raw), locale=lang, domain=domain)
    for message in catalog:
        lines = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
        if lines and lines[0].startswith("msgid "):
            message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
            message.previous_id = [denormalize("\n".join([lines[0][6:], *lines[1:]]))]
    return catalog


def _entries(catalog: Catalog) -> list[tuple[Any, ...]]:
    return [
        (m.id, m.context, m.auto_comments, sorted(m.flags), sorted(m.locations)) for m in catalog
    ]


def keep_date(template: Catalog, previous: FilePath) -> Catalog:
    """Give ``template`` the creation date of the template file it replaces when their
    entries are the same, so that an unchanged template is not rewritten."""
    if previous.exists():
        old = read(previous)
        if _entries(old) == _entries(template):
            template.creation_date = old.creation_date
    return template


def update(
    template: Catalog,
    path: FilePath,
    lang: str,
    *,
    same_path_fuzzy: bool,
    keep: frozenset[str | tuple[str, ...]] = frozenset(),
) -> Catalog:
    """The catalog of ``lang`` at ``path`` brought up to ``template`` (a new one if absent);
    a translated message of ``keep`` stays though the template does not have it."""
    if not path.exists():
        catalog = read(render(template, locations=True), lang)
        catalog.fuzzy = False
        return catalog
    catalog = read(path, lang, template.domain)
    previous = {m.id: m.previous_id for m in catalog if m.id and m.previous_id}
    # A copy: Babel shares the template's messages with the catalog it updates.
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
    for message_id, kept in list(catalog.obsolete.items()):
        # A register's own translation of a shared text it uses.
        if message_id in keep and kept.string and not kept.fuzzy:
            del catalog.obsolete[message_id]
            catalog[message_id] = kept
    for message in catalog:
        if message.fuzzy and not message.previous_id and message.id in previous:
            message.previous_id = previous[message.id]  # Babel drops it on an exact match
    if same_path_fuzzy:
        _prefill_by_path(catalog)
    return catalog


def _prefill_by_path(catalog: Catalog) -> None:
    """A new text whose YAML path held another, translated text gets that translation,
    marked fuzzy with the previous text: the translator sees what changed."""
    by_path: dict[str, Message] = {}
    for old in catalog.obsolete.values():
        if old.string:
            for comment in old.auto_comments:
                by_path.setdefault(comment, old)
    for message in catalog:
        if not message.id or message.string:
            continue
        source = next((by_path[c] for c in message.auto_comments if c in by_path), None)
        if source is not None:
            message.string = source.string
            message.flags.add("fuzzy")
            message.previous_id = [source.id] if isinstance(source.id, str) else list(source.id)


def write_if_changed(path: FilePath, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def update_all(
    policy: FilePath,
    translations: FilePath,
    languages: Iterable[str],
    source: str,
    theme_sources: Iterable[tuple[FilePath, str]] = (),
    theme_translations: FilePath | None = None,
    overrides: Iterable[str | tuple[str, ...]] = (),
) -> list[FilePath]:
    """Extract and update every catalog; the files written (none when nothing changed).

    Policy catalogs: one per published language but the source. Theme catalogs (only where
    ``theme_sources`` are given, that is in the tool's own repository): those that exist;
    a new language's theme catalog is added by hand (``pybabel init``) and translated.
    ``overrides``: the shared texts a register uses; its own translation of one, where it
    has one, is kept (it takes precedence over the shared catalog's).
    """
    template = policy_template(policy)
    written = update_policy(template, translations, languages, source, frozenset(overrides))
    theme_sources = list(theme_sources)
    if theme_sources and theme_translations is not None:
        pot = theme_translations / "theme.pot"
        template = keep_date(theme_template(theme_sources), pot)
        if write_if_changed(pot, render(template, locations=True)):
            written.append(pot)
        for path in sorted(theme_translations.glob("*/LC_MESSAGES/theme.po")):
            catalog = update(template, path, path.parts[-3], same_path_fuzzy=False)
            if write_if_changed(path, render(catalog, locations=True)):
                written.append(path)
    return written


def update_policy(
    template: Catalog,
    translations: FilePath,
    languages: Iterable[str],
    source: str,
    overrides: frozenset[str | tuple[str, ...]] = frozenset(),
) -> list[FilePath]:
    """Write the ``policy`` template and bring every language's catalog up to it."""
    written = []
    template = keep_date(template, translations / "policy.pot")
    if write_if_changed(translations / "policy.pot", render(template, locations=False)):
        written.append(translations / "policy.pot")
    for lang in languages:
        if lang == source:
            continue
        path = translations / lang / "LC_MESSAGES" / "policy.po"
        catalog = update(template, path, lang, same_path_fuzzy=True, keep=overrides)
        if write_if_changed(path, render(catalog, locations=False)):
            written.append(path)
    return written


def update_own_theme_catalogs(
    theme_translations: FilePath, own: FilePath, languages: Iterable[str]
) -> list[FilePath]:
    """A project's own catalogs of the theme's labels (``own``: its ``translations/``),
    brought up to the theme's template: for each language the theme has no catalog of, a
    new one to translate, and every one the project already has; the files written."""
    template = read(theme_translations / "theme.pot")
    written = []
    for lang in sorted(set(languages) - {THEME_LANGUAGE}):
        path = own / lang / "LC_MESSAGES" / "theme.po"
        if path.exists() or not (theme_translations / lang / "LC_MESSAGES" / "theme.po").exists():
            catalog = update(template, path, lang, same_path_fuzzy=False)
            if write_if_changed(path, render(catalog, locations=True)):
                written.append(path)
    return written
