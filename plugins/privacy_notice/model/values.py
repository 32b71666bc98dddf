"""The model's texts: a text in every published language (``Text``), one written in
Markdown (``Markdown``), and a name, the same in every language unless translated
(``Name``). Every other part of the model holds its words in these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from privacy_notice.diagnostics import YamlPath


# Model objects are compared through their values (see diff.py).
@dataclass(frozen=True)
class Text:
    """A text in every published language; ``fallbacks`` lists languages shown untranslated,
    ``path`` is where it stands in the document (what its placeholders refer to)."""

    values: Mapping[str, str]
    fallbacks: frozenset[str] = frozenset()
    path: YamlPath = ()

    def __getitem__(self, lang: str) -> str:
        return self.values[lang]


class Markdown(Text):
    """A text written in Markdown."""


@dataclass(frozen=True)
class Name(Text):
    """A name: the same in every language (written as plain text), or ``translated``
    through the catalogs like a text (written as ``{translate: …}``: an authority's
    official name in each language, a role)."""

    translated: bool = False
