"""The organisation's directory of its registers: its units and the groups of people its
registers concern, declared once in ``shared.yaml`` (``units:``, ``groups:``), each with
its name in every language. A register says which unit keeps it (``unit``) and which
groups it concerns (``concerns``) by their ids; the privacy centre lists the registers by
group and by unit, so that a person finds the registers about them without knowing how
the organisation is divided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from privacy_notice.model.values import Text


@dataclass(frozen=True)
class Entry:
    """A unit of the organisation, or a group of people (data subjects): an id (a URL
    path segment) and its name in every language it is given in."""

    id: str
    name: Text
    description: Text | None = None

    def name_in(self, lang: str, fallback: str) -> tuple[str, str]:
        """The name in ``lang`` and the language it is in (``fallback`` where it has none)."""
        if lang in self.name.values:
            return self.name[lang], lang
        shown = fallback if fallback in self.name.values else next(iter(self.name.values))
        return self.name[shown], shown


@dataclass(frozen=True)
class Directory:
    """The units and groups of ``shared.yaml``, in their order there."""

    units: tuple[Entry, ...] = ()
    groups: tuple[Entry, ...] = ()
    source_language: str = ""
    _by_id: Mapping[tuple[str, str], Entry] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        index = {("unit", u.id): u for u in self.units}
        index.update({("group", g.id): g for g in self.groups})
        object.__setattr__(self, "_by_id", index)

    def unit(self, unit_id: str | None) -> Entry | None:
        return self._by_id.get(("unit", unit_id)) if unit_id else None

    def group(self, group_id: str) -> Entry | None:
        return self._by_id.get(("group", group_id))

    def groups_of(self, ids: Sequence[str]) -> tuple[Entry, ...]:
        """The groups ``ids`` name, in the directory's order."""
        wanted = set(ids)
        return tuple(g for g in self.groups if g.id in wanted)


EMPTY = Directory()


def directory_from(data: Mapping[str, Any], source_language: str = "") -> Directory:
    """The directory of ``shared.yaml``'s data (already checked)."""

    def entries(key: str) -> tuple[Entry, ...]:
        return tuple(
            Entry(
                item["id"],
                Text(dict(item["name"])),
                Text(dict(item["description"])) if item.get("description") else None,
            )
            for item in data.get(key) or ()
        )

    return Directory(entries("units"), entries("groups"), source_language)
