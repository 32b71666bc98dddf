"""The one function that fills in placeholders, in a language, for pages and exports.

The pages (the ``t`` and ``md`` filters) and the exports call it; where each
placeholder's value is stated is declared in :mod:`privacy_notice.model.placeholders`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from privacy_notice.diagnostics import YamlPath
from privacy_notice.languages.localize import format_duration, format_list
from privacy_notice.model.placeholders import SOURCES, Source, UnfilledPlaceholder, value_path
from privacy_notice.model.texts import placeholder_key, placeholder_uses

if TYPE_CHECKING:  # the check of policy.yaml reads SOURCES and must start without Babel
    from privacy_notice.model.register import Register, Text


def placeholder_values(register: Register, text: Text, lang: str, locale: str) -> dict[str, str]:
    """The values of the placeholders ``text`` uses in ``lang``, as plain text, written
    the ``locale``'s way; raise :class:`UnfilledPlaceholder` for one that has none."""
    uses = placeholder_uses(text[lang])
    if not uses:
        return {}
    values = {}
    for name, case in sorted(uses, key=lambda use: (use[0], use[1] or "")):
        value = _at(register, value_path(text.path, name)) if name in SOURCES else None
        if value is None or value == ():
            where = ".".join(map(str, text.path)) or "a text shown without its place"
            raise UnfilledPlaceholder(f"{where}: {{{name}}} has no value")
        values[placeholder_key(name, case)] = _written(SOURCES[name], value, lang, locale, case)
    return values


def _at(register: Register, path: YamlPath) -> Any:
    """The model's value at a document path (the model's names are the document's keys)."""
    value: Any = register
    for key in path:
        if value is None:
            return None
        value = value[key] if isinstance(key, int) else getattr(value, key, None)
    return value


def _written(source: Source, value: Any, lang: str, locale: str, case: str | None) -> str:
    if source.kind == "duration":
        return format_duration(value, locale, case)
    return format_list([item.name[lang] for item in value], locale)
