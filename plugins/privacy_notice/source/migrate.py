"""Schema versions of register documents, and the migrations between them.

A released snapshot is never rewritten: it keeps the bytes (and the schema) it was released
with. To be shown, compared and exported with today's model it is read through explicit
migrations, one pure function per version step, each turning a valid document of version N
into a valid document of version N + 1 that states the same facts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

Document = dict[str, Any]

CURRENT_VERSION = 2
# Documents released before versions were recorded carry no schema_version.
UNVERSIONED = 1


def schema_version(document: Mapping[str, Any]) -> int:
    """The schema version a register document follows."""
    version = document.get("schema_version", UNVERSIONED)
    return version if isinstance(version, int) else UNVERSIONED


def _v1_to_v2(document: Document) -> Document:
    """Version 2 separates facts that version 1 held in one value:

    - ``controller.business_id`` (a Finnish Y-tunnus) becomes one of ``identifiers``;
    - a purpose's ``legal_basis`` and ``legitimate_interest`` become ``legal_bases``
      (a purpose may rest on several), the interest belonging to its basis;
    - ``automated_decision_making.used`` meant "decisions or profiling": it becomes
      ``decisions`` (Art. 22) and ``profiling`` (Art. 4(4)), both with its value.
    """
    result: Document = {"schema_version": 2}
    result.update(json.loads(json.dumps(document)))  # a copy: the stored one stays as it is
    controller = result["controller"]
    business_id = controller.pop("business_id", None)
    if business_id is not None:
        identifiers = [{"scheme": "fi-business-id", "value": business_id}]
        controller["identifiers"] = identifiers
    for purpose in result["purposes"]["items"]:
        basis = purpose.pop("legal_basis", None)
        interest = purpose.pop("legitimate_interest", None)
        if basis is not None:
            entry: dict[str, Any] = {"basis": basis}
            if interest is not None:
                entry["interest"] = interest
            purpose["legal_bases"] = [entry]
    decisions = result["automated_decision_making"]
    used = decisions.pop("used")
    decisions["decisions"] = used
    decisions["profiling"] = used
    return result


# The step from each version to the next.
STEPS: Mapping[int, Callable[[Document], Document]] = {1: _v1_to_v2}


def upgrade(document: Document) -> Document:
    """``document`` in the current schema version (the same object if it already is)."""
    version = schema_version(document)
    if version > CURRENT_VERSION:
        raise ValueError(
            f"schema version {version} is newer than this tool knows ({CURRENT_VERSION}): "
            "upgrade privacy-notice"
        )
    while version < CURRENT_VERSION:
        document = STEPS[version](document)
        version += 1
    return document
