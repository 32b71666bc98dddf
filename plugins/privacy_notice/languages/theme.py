"""The theme's translations are text, not HTML, and their placeholders are the source's.

Jinja's newstyle gettext marks what ``_()`` returns as safe and then formats it with
``%``: an unchecked ``msgstr`` could inject markup, fail with a bad ``%(name)s`` or build
huge pages with ``%(date)99999999s``. Every theme ``msgstr`` is therefore checked when its
catalog is read (at its line), every ``%`` that is not ``%(name)s`` or ``%%`` is taken
literally ("100 % sisältö"), and the callables each page's context carries
(:func:`template_callables`) escape what they return.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.checkers import num_plurals
from markupsafe import Markup, escape

from privacy_notice.diagnostics import Diagnostic

# A format specification as Python's % sees it, or a literal "%%".
_SPEC = re.compile(r"%%|%\((\w*)\)([#0 +-]*\*?\d*(?:\.\*?\d*)?)([a-zA-Z%]?)")
_TOKEN = re.compile(r"%%|%\(\w+\)[sd]|%")


def literal_percent(text: str) -> str:
    """``text`` with every ``%`` that is not ``%%`` or ``%(name)s`` doubled, so that
    formatting it leaves it as written."""
    return _TOKEN.sub(lambda m: "%%" if m.group() == "%" else m.group(), text)


def _names(text: str) -> set[str]:
    return {m.group(1) for m in _SPEC.finditer(text) if m.group(1)}


def _strings(message: Message) -> list[str]:
    string = message.string
    return [string] if isinstance(string, str) else [s for s in string or () if s]


def message_problems(message: Message) -> list[str]:
    """What is wrong with the placeholders of one translated theme message."""
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    known = set().union(*(_names(i) for i in ids))
    found = []
    for string in _strings(message):
        for match in _SPEC.finditer(string):
            name, flags, conversion = match.groups()
            if match.group() == "%%":
                continue
            if flags or conversion not in ("s", "d"):
                found.append(
                    f"{match.group()!r}: write %({name})s, with no width, precision or flags"
                )
            elif name not in known:
                expected = ", ".join(f"%({n})s" for n in sorted(known)) or "none"
                found.append(f"%({name})s is not in the source text (it has {expected})")
        missing = sorted(known - _names(string))
        if missing and isinstance(message.id, str):
            found.append(f"drops {', '.join(f'%({n})s' for n in missing)} of the source text")
    return found


def catalog_problems(catalog: Catalog, display: str, text: str) -> list[Diagnostic]:
    """Every problem of a theme catalog, at its line: placeholders, plural forms."""
    found = []
    header_line = next(
        (n for n, line in enumerate(text.splitlines(), 1) if "Plural-Forms:" in line), 1
    )
    try:
        plural = gettext.c2py(catalog.plural_expr)
        if any(not 0 <= plural(n) < catalog.num_plurals for n in range(1000)):
            raise ValueError("it chooses a form the catalog does not have")
    except (ValueError, ArithmeticError, RecursionError) as exc:
        found.append(
            Diagnostic(
                display,
                header_line,
                0,
                "Plural-Forms",
                f"not a valid plural formula ({exc}): copy the header from the .pot "
                "or from the gettext manual",
            )
        )
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        for problem in message_problems(message):
            found.append(Diagnostic(display, message.lineno or 0, 0, "", problem))
        try:
            num_plurals(catalog, message)  # the checks of msgfmt -c that Babel has
        except Exception as exc:  # babel's TranslationError
            found.append(Diagnostic(display, message.lineno or 0, 0, "", str(exc)))
    return found


def literal_catalog(catalog: Catalog) -> Catalog:
    """The translated, not fuzzy messages of ``catalog`` in a new catalog (its headers,
    plural forms included), formatting as written (see above)."""
    result = Catalog(locale=catalog.locale, domain=catalog.domain)
    result.mime_headers = catalog.mime_headers
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.string, str):
            string: str | tuple[str, ...] = literal_percent(message.string)
        else:
            string = tuple(literal_percent(s) for s in message.string)
        result.add(message.id, string, context=message.context)
    return result


def template_callables(translations: gettext.NullTranslations) -> dict[str, Callable[..., Markup]]:
    """gettext and friends for one page's template context, as Jinja's newstyle gettext
    calls them (keyword arguments fill ``%(name)s``), returning escaped text.

    Each page's context carries its own language's callables, so which labels a page gets
    never depends on what was rendered before it (nothing is installed into the shared
    Jinja environment)."""

    def gettext(message: str, **values: Any) -> Markup:
        return escape(translations.gettext(message)) % values

    def ngettext(singular: str, plural: str, num: int, **values: Any) -> Markup:
        values.setdefault("num", num)
        return escape(translations.ngettext(singular, plural, num)) % values

    def pgettext(context: str, message: str, **values: Any) -> Markup:
        values.setdefault("context", context)
        return escape(translations.pgettext(context, message)) % values

    def npgettext(context: str, singular: str, plural: str, num: int, **values: Any) -> Markup:
        values.setdefault("context", context)
        values.setdefault("num", num)
        return escape(translations.npgettext(context, singular, plural, num)) % values

    return {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}
