"""One change between two versions: a translatable message with its values, which
section it concerns, whether it is material (a change in processing) or editorial, and the
languages whose text it changes.

Materiality follows the Article 29 Working Party's transparency guidelines (WP260 rev.01,
paragraphs 29–31): a change of purpose, legal basis, recipients, transfers, data, longer
storage, the controller's identity or the way rights are exercised is material; a change
of wording or translation only is editorial.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from privacy_notice.languages.localize import country_name, format_duration, format_list
from privacy_notice.model.register import Text


def N_(message: str) -> str:
    """Mark a message for extraction into theme.pot; it is translated when rendered."""
    return message


@dataclass(frozen=True)
class Duration:
    """An ISO 8601 duration, shown in words in each language."""

    iso: str


@dataclass(frozen=True)
class Countries:
    """ISO 3166 country codes, shown by their names in each language."""

    codes: tuple[str, ...]


@dataclass(frozen=True)
class Codes:
    """Values of a closed list (legal bases, roles…), shown by their labels."""

    kind: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Delta:
    """What a list of references gained and lost, by the names of the items referred to
    ("+ Telephone, − Email")."""

    added: tuple[Text | str, ...]
    removed: tuple[Text | str, ...]


Value = Text | Duration | Countries | Codes | Delta | str
# How a code reads in a language: (kind, code, gettext) -> label. The theme's labels
# (see labels.py) are passed in; by default a code stands for itself.
Labeller = Callable[[str, str, Callable[[str], str]], str]


def _code(kind: str, code: str, gettext: Callable[[str], str]) -> str:
    return code


@dataclass(frozen=True)
class Change:
    """One change, as a translatable message (``%(name)s`` style) and its values."""

    message: str
    values: dict[str, Value] = field(default_factory=dict)
    section: str = ""
    material: bool = True
    # The languages whose text shows the change; None: every language (a change of a
    # code, a period or a country reads differently in each language, but in all).
    languages: frozenset[str] | None = None

    def shown_in(self, lang: str) -> bool:
        return self.languages is None or lang in self.languages

    def describe(
        self,
        lang: str,
        gettext: Callable[[str], str],
        locale: str = "",
        label: Labeller = _code,
    ) -> str:
        def show(value: Value) -> str:
            if isinstance(value, Codes):
                labels = [label(value.kind, code, gettext) for code in value.codes]
                return format_list(labels, locale or lang) or "–"
            return _format(value, lang, locale or lang)

        return gettext(self.message) % {k: show(v) for k, v in self.values.items()}


def _format(value: Value, lang: str, locale: str) -> str:
    if isinstance(value, Text):
        return value[lang]
    if isinstance(value, Codes):
        return ", ".join(value.codes)
    if isinstance(value, Duration):
        return format_duration(value.iso, locale) if value.iso else "–"
    if isinstance(value, Countries):
        return format_list([country_name(c, locale) for c in value.codes], locale)
    if isinstance(value, Delta):
        signed = [("+", name) for name in value.added] + [("−", name) for name in value.removed]
        return ", ".join(f"{sign} {_format(name, lang, locale)}" for sign, name in signed)
    return value


def plain(value: Any) -> Any:
    """A comparable form of a model value (Text compares by its texts only)."""
    if isinstance(value, Text):
        return dict(value.values)
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def wording(value: Any) -> list[dict[str, str]]:
    """Every text in a model value, in order, and nothing else."""
    if isinstance(value, Text):
        return [dict(value.values)]
    if isinstance(value, tuple):
        return [text for item in value for text in wording(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [t for k in value.__dataclass_fields__ for t in wording(getattr(value, k))]
    return []


def languages_differing(old: Any, new: Any) -> frozenset[str]:
    """The languages in which the texts of two model values differ."""
    before, after = wording(old), wording(new)
    languages = {lang for text in before + after for lang in text}
    if len(before) != len(after):
        return frozenset(languages)
    return frozenset(
        lang for lang in languages if [t.get(lang) for t in before] != [t.get(lang) for t in after]
    )


def matched(old: Sequence[Any], new: Sequence[Any]) -> Iterator[tuple[Any, Any]]:
    """``(before, after)`` for each item of ``new`` that ``old`` has too (by ``id``)."""
    old_by_id = {item.id: item for item in old}
    for item in new:
        if item.id in old_by_id:
            yield old_by_id[item.id], item


def list_changes(
    section: str,
    old: Sequence[Any],
    new: Sequence[Any],
    name: Callable[[Any], Value],
    messages: tuple[str, str, str],
    renamed_when: Callable[[Any], Any] | None = None,
) -> Iterator[Change]:
    """Items added, removed and renamed; ``renamed_when``: what must differ for an item to
    count as renamed (by default its name)."""
    added, removed, renamed = messages
    key = renamed_when or name
    old_by_id, new_ids = {i.id: i for i in old}, {i.id for i in new}
    for item in new:
        before = old_by_id.get(item.id)
        if before is None:
            yield Change(added, {"name": name(item)}, section)
        elif plain(key(before)) != plain(key(item)):
            # A new name for the same item is wording: editorial, and only in the languages
            # whose name changed (a Finnish fix is not a change of the English page).
            yield Change(
                renamed,
                {"old": name(before), "new": name(item)},
                section,
                material=False,
                languages=languages_differing(name(before), name(item)),
            )
    for item in old:
        if item.id not in new_ids:
            yield Change(removed, {"name": name(item)}, section)


def changed(
    message: str,
    section: str,
    old: Value | None,
    new: Value | None,
    *,
    material: bool = True,
    **values: Value,
) -> Iterator[Change]:
    if plain(old) != plain(new):
        languages = None
        if isinstance(old, Text) or isinstance(new, Text):
            languages = languages_differing(old, new)
        yield Change(
            message, {"old": old or "–", "new": new or "–", **values}, section, material, languages
        )


def material_changes(changes: Sequence[Change]) -> list[Change]:
    return [change for change in changes if change.material]
