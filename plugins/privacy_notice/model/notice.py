"""The notice itself and what it tells the data subjects: its title and dates, their
rights (where each applies, the laws that restrict them), how to complain, how the
notice is updated, and sections of the notice's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_notice.model.parties import SupervisoryAuthority
from privacy_notice.model.values import Markdown, Text


@dataclass(frozen=True)
class Notice:
    title: Text
    updated: str
    material: bool
    basis: Text | None = None
    effective: str | None = None
    summary: Text | None = None
    # The announced effective date of an earlier version that this one replaced before it
    # took effect (see effective.py).
    supersedes_announced: str | None = None


@dataclass(frozen=True)
class Restriction:
    """A law that restricts a right (Art. 23), and how."""

    law: Text
    text: Markdown | None = None


@dataclass(frozen=True)
class Right:
    id: str
    right: str
    text: Markdown | None = None  # may be left out where it does not apply
    purposes: tuple[str, ...] = ()  # where the notice says which purposes it applies to
    does_not_apply: Markdown | None = None  # why not
    restrictions: tuple[Restriction, ...] = ()


@dataclass(frozen=True)
class Response:
    time: str
    text: Markdown
    extension: str | None = None


@dataclass(frozen=True)
class Rights:
    title: Text
    items: tuple[Right, ...]
    contact: str | None = None
    introduction: Markdown | None = None
    response: Response | None = None
    list_heading: Text | None = None


@dataclass(frozen=True)
class Complaints:
    title: Text
    supervisory_authority: SupervisoryAuthority
    contact: str | None = None
    text: Markdown | None = None


@dataclass(frozen=True)
class Updates:
    title: Text
    text: Markdown


@dataclass(frozen=True)
class AdditionalSection:
    id: str
    title: Text
    text: Markdown
