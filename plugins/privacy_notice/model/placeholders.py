"""What each placeholder stands for: where its value is stated and how it is written.

Which texts may use which placeholders is declared in the schema (``x-placeholders``
beside a text, read by :func:`privacy_notice.source.schema.placeholders_at`); here each
name says where its value is stated. The check of ``policy.yaml`` and the one function
that fills them in (:func:`privacy_notice.languages.placeholders.placeholder_values`)
read these declarations, so a text cannot be filled in one place and left as
``{response_time}`` in another.

A duration may be asked for in a grammatical case, ``{response_time:genitive}``, where the
language of the text has that case (:mod:`.cases`); :func:`case_problem` says why not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from privacy_notice.diagnostics import YamlPath, did_you_mean
from privacy_notice.model.cases import cases_of, language_of


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


def case_problem(name: str, case: str | None, locale: str) -> str | None:
    """Why ``{name:case}`` cannot be written in the language of ``locale``, or None."""
    if case is None or name not in SOURCES:
        return None
    if SOURCES[name].kind != "duration":
        return f"{{{name}}} takes no case (only durations do): write {{{name}}}"
    cases = cases_of(locale)
    if not cases:
        return (
            f"'{language_of(locale)}' has no case forms of a duration: write {{{name}}}, "
            "its basic form"
        )
    if case not in cases:
        return (
            f"unknown case '{case}' in {{{name}:{case}}}: a duration in "
            f"'{language_of(locale)}' takes {', '.join(cases)}" + did_you_mean(case, list(cases))
        )
    return None
