"""Markup the sanitizer will remove, warned about at the text's line: raw HTML, a style or
script, an event handler, a link to another scheme than https:, http:, mailto: or tel:,
an image, a heading level the page does not use. Nothing unsafe is ever published (see
:mod:`privacy_notice.model.markup`); these warnings tell the legal team and the
translators that part of their text will not be shown, in ``policy.yaml`` and in the
catalogs (at the ``msgstr`` line).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from privacy_notice.diagnostics import Diagnostic, PolicyError, display, shorten
from privacy_notice.files import CATALOG_BYTES, read_regular
from privacy_notice.source.loaded import Loaded
from privacy_notice.source.po import translations
from privacy_notice.source.schema import iter_texts

if TYPE_CHECKING:
    from privacy_notice.model.markup import Removal


# A text that may lose something to the sanitizer: HTML, an entity or an escape; an image;
# a link by reference, or to anything but a well-formed https:/http: address or a mailto:
# or tel: one (the sanitizer drops a link it cannot parse, "https://example.com/a b");
# a heading, rule, setext underline or code block of Markdown, also inside a quote or list
# item (the line starts with their markers); an aligned table column. Only these are
# rendered to be compared (validate must start fast: Python-Markdown is a tenth of its
# time). It may take too much, never too little (a property test holds it to that).
_LABEL = r"[a-z0-9](?:-?[a-z0-9])*"  # no "--": "xn--" starts a label only IDNA may check


_PUBLISHED_LINK = (
    rf"(?:https?://(?:{_LABEL}\.)*[a-z](?:-?[a-z0-9])*(?::[0-9]{{1,4}})?"  # a name, no IP
    r"(?:[/?#](?:[a-z0-9\-._~/?#=;+,!*'@:]|%[0-9a-f]{2})*)?|(?:mailto|tel):[a-z0-9@.+\-_~,;=:?]*)\)"
)


_CONTAINERS = r"^[ \t>*+\-0-9.)]*"  # what may precede a block on its line


_MAY_LOSE = re.compile(
    rf"[<&\\]|!\[|\]\[|\]:|\]\((?!{_PUBLISHED_LINK})"
    rf"|{_CONTAINERS}(?:#|(?: {{4}}|\t))|^[ \t>*+\-_=0-9.)]*[-*_=][ \t>*+\-_=0-9.)]*$"
    r"|:-|-:|:[ \t]*\||\|[ \t]*:",
    re.MULTILINE | re.IGNORECASE,
)


def _removals(text: str) -> tuple[Removal, ...]:
    if not _MAY_LOSE.search(text.replace("\r", "\n")):  # Markdown ends a line at either
        return ()
    from privacy_notice.model.markup import removed_markup as removed  # Markdown: only now

    return removed(text)


def _removal_message(found: tuple[Removal, ...]) -> str:
    shown = [r.what for r in found[:4]] + ([f"{len(found) - 4} more"] if len(found) > 4 else [])
    fixes = "; ".join(dict.fromkeys(r.fix for r in found))
    return f"the published notice will not show {', '.join(shown)}: {fixes}"


def removed_markup(loaded: Loaded) -> list[Diagnostic]:
    """A warning at each Markdown text that holds markup or a link the sanitizer removes
    (see :func:`.markup.removed_markup`): nothing unsafe is published, but the author
    learns that part of the text will not be."""
    return [
        loaded.diagnostic(path, _removal_message(found), severity="warning")
        for path, text, kind in iter_texts(loaded.data)
        if kind == "markdown" and (found := _removals(text))
    ]


def translated_markup(loaded: Loaded, translations: Path, shared: Path | None) -> list[Diagnostic]:
    """The same for each translation of a Markdown text, at its ``msgstr`` line: in the
    register's catalog, else (a text it does not hold) in the shared blocks' catalog, as
    the build looks it up (see :meth:`.i18n.CatalogFile.holding`). An unreadable catalog
    is the build's to report."""
    data = loaded.data
    texts = sorted({text for _path, text, kind in iter_texts(data) if kind == "markdown"})
    found = []
    for lang in data.get("languages") or ():
        if lang == data.get("source_language"):
            continue
        catalogs = [translations / lang / "LC_MESSAGES" / "policy.po"]
        catalogs += [shared / lang / "LC_MESSAGES" / "policy.po"] if shared else []
        read = [(display(path), _messages(path)) for path in catalogs]
        for text in texts:
            held = next(
                ((name, messages[text]) for name, messages in read if text in messages), None
            )
            if held is None:
                continue
            name, (translated, line) = held
            removals = _removals(translated)
            if removals:
                message = f'the translation of "{shorten(text, 40)}": {_removal_message(removals)}'
                found.append(Diagnostic(name, line, 1, "", message, "warning"))
    return found


def _messages(path: Path) -> dict[str, tuple[str, int]]:
    """A catalog's translations (see :func:`.po.translations`); none from a catalog that
    cannot be read: the build reports it."""
    try:
        text = read_regular(path, display(path), CATALOG_BYTES).decode("utf-8")
    except (FileNotFoundError, PolicyError, UnicodeDecodeError):
        return {}
    return translations(text)
