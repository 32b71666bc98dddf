"""What each placeholder stands for, and the one function that fills them in.

Which texts may use which placeholders is declared in the schema (``x-placeholders``
beside a text, read by :func:`.schema.placeholders_at`); here each name says where its
value is stated and how it is written. The pages (the ``t`` and ``md`` filters), the
exports and the check of ``policy.yaml`` all read these two declarations, so a text
cannot be filled in one place and left as ``{response_time}`` in another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .diagnostics import YamlPath
from .texts import placeholders

if TYPE_CHECKING:  # the check of policy.yaml reads SOURCES and must start without Babel
    from .model import Register, Text


@dataclass(frozen=True)
class Source:
    """Where a placeholder's value is stated and how it is written."""

    path: YamlPath
    relative: bool  # from the item holding the text (else from the notice's root)
    kind: Literal["duration", "names"]


SOURCES: Mapping[str, Source] = {
    # A storage rule's period, or its extension's (the item holding the text).
    "period": Source(("period",), relative=True, kind="duration"),
    "response_time": Source(("rights", "response", "time"), relative=False, kind="duration"),
    "extension": Source(("rights", "response", "extension"), relative=False, kind="duration"),
    "measures": Source(("protection", "measures"), relative=False, kind="names"),
}


class UnfilledPlaceholder(ValueError):
    """A text holds a placeholder with no value: the check of policy.yaml lets none through,
    so this is a text shown without its place (``Text.path``) or a bug."""


def value_path(text_path: YamlPath, name: str) -> YamlPath:
    """Where the value of ``{name}`` in the text at ``text_path`` is stated."""
    source = SOURCES[name]
    return (*text_path[:-1], *source.path) if source.relative else source.path


def placeholder_values(register: Register, text: Text, lang: str, locale: str) -> dict[str, str]:
    """The values of the placeholders ``text`` uses in ``lang``, as plain text, written
    the ``locale``'s way; raise :class:`UnfilledPlaceholder` for one that has none."""
    names = placeholders(text[lang])
    if not names:
        return {}
    values = {}
    for name in sorted(names):
        value = _at(register, value_path(text.path, name)) if name in SOURCES else None
        if value is None or value == ():
            where = ".".join(map(str, text.path)) or "a text shown without its place"
            raise UnfilledPlaceholder(f"{where}: {{{name}}} has no value")
        values[name] = _written(SOURCES[name], value, lang, locale)
    return values


def _at(register: Register, path: YamlPath) -> Any:
    """The model's value at a document path (the model's names are the document's keys)."""
    value: Any = register
    for key in path:
        if value is None:
            return None
        value = value[key] if isinstance(key, int) else getattr(value, key, None)
    return value


def _written(source: Source, value: Any, lang: str, locale: str) -> str:
    from .localize import format_duration, format_list

    if source.kind == "duration":
        return format_duration(value, locale)
    return format_list([item.name[lang] for item in value], locale)
