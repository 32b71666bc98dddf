"""``init --register SLUG`` in a project with ``shared.yaml``: the new register starts by
referring to the blocks the project shares, not by writing the controller (or the rights,
the complaints...) out again.

A section is shared when ``shared.yaml`` has a block named after it, or when the project's
registers refer to one block for it (``controller: {$shared: group-controller}``). The
skeleton's section is then replaced by the reference; every other section stays a
skeleton to fill in.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from privacy_notice.diagnostics import PolicyError
from privacy_notice.source.load import load_policy
from privacy_notice.source.shared import REFERENCE, REGISTERS_DIR, read_shared_or_problems

# A top-level key of the skeleton, and everything up to the next one (or the end).
_SECTION = re.compile(r"^(?P<key>[a-z_]+):\n(?:(?:[ #].*)?\n)*", re.MULTILINE)


@dataclass(frozen=True)
class SharedSections:
    """The sections a new register refers to in ``shared.yaml``, and the project's defaults."""

    blocks: Mapping[str, str]  # section -> the block of shared.yaml it refers to
    source_language: str | None  # the blocks' language: a register using them is written in it
    name: str | None = None  # the shared controller's name: the organisation's
    identifiers: frozenset[str] = frozenset()  # the shared controller's, as SCHEME:VALUE
    languages: tuple[str, ...] = ()  # the root register's (else another's): what it publishes
    used: frozenset[str] = frozenset()  # the sections the project's registers refer to

    def defaults(self) -> dict[str, str]:
        """What a new register says where ``init``'s options do not: the organisation,
        the languages the project publishes and the shared blocks' source language."""
        found = {"name": self.name, "source_language": self.source_language}
        languages = [*self.languages, *([self.source_language] if self.source_language else [])]
        found["languages"] = ",".join(dict.fromkeys(languages)) or None
        return {key: value for key, value in found.items() if value}

    def own_controller(self, args: argparse.Namespace) -> bool:
        """Whether the options name a controller other than the shared one: the new
        register then writes its own out."""
        other_name = args.name and " ".join(args.name.split()) != self.name
        return bool(other_name or (args.identifier and args.identifier not in self.identifiers))


def own_controller(shared: SharedSections, args: argparse.Namespace) -> Mapping[str, str]:
    """The blocks a new register refers to: without the controller where the options name
    another one (said on stderr: the register then writes its own out)."""
    if "controller" not in shared.blocks or not shared.own_controller(args):
        return shared.blocks
    print(
        "note: --name/--identifier name a controller other than shared.yaml's block "
        f"'{shared.blocks['controller']}': this register writes its own controller out "
        "(leave them out to refer to the shared one)",
        file=sys.stderr,
    )
    return {k: v for k, v in shared.blocks.items() if k != "controller"}


def shared_sections(project: Path, sections: tuple[str, ...]) -> SharedSections:
    """What a new register of ``project`` refers to; nothing where it has no (readable)
    ``shared.yaml`` (validate then says what is wrong with it)."""
    registers = _registers_data(project)
    languages = next((tuple(d["languages"]) for d in registers if _codes(d.get("languages"))), ())
    shared, problems = read_shared_or_problems(project)
    if shared is None or problems:
        return SharedSections({}, None, languages=languages)
    used = _used_blocks(registers)
    found = {}
    for section in sections:
        if section in shared.blocks:
            found[section] = section
        elif used.get(section) in shared.blocks:
            found[section] = used[section]
    controller = shared.blocks.get(found.get("controller", ""))
    controller = controller if isinstance(controller, dict) else {}
    name = controller.get("name")
    identifiers = frozenset(
        f"{i.get('scheme')}:{i.get('value')}"
        for i in controller.get("identifiers") or ()
        if isinstance(i, dict)
    )
    return SharedSections(
        found,
        shared.source_language,
        name if isinstance(name, str) else None,
        identifiers,
        languages,
        frozenset(section for section in found if used.get(section) == found[section]),
    )


def _codes(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _registers_data(project: Path) -> list[dict[str, Any]]:
    """The project's registers as written, the root's first; the broken ones left out
    (validate reports them)."""

    found = []
    policies = [project / "policy.yaml", *sorted(project.glob(f"{REGISTERS_DIR}/*/policy.yaml"))]
    for policy in policies:
        try:
            data = load_policy(policy).data if policy.is_file() else None
        except PolicyError:
            continue
        if isinstance(data, dict):
            found.append(data)
    return found


def _used_blocks(registers: list[dict[str, Any]]) -> dict[str, str]:
    """For each section, the block the project's registers refer to most for it."""
    counts: dict[str, Counter[str]] = {}
    for data in registers:
        for section, value in data.items():
            if isinstance(value, dict) and isinstance(value.get(REFERENCE), str):
                counts.setdefault(section, Counter())[value[REFERENCE]] += 1
    return {section: count.most_common(1)[0][0] for section, count in counts.items()}


def refer_to_blocks(
    skeleton: str, blocks: Mapping[str, str], used: frozenset[str] = frozenset()
) -> str:
    """``skeleton`` with each section of ``blocks`` replaced by its reference; ``used``:
    the sections the project's registers refer to the same block for."""

    def section(match: re.Match[str]) -> str:
        key = match["key"]
        if key not in blocks:
            return match[0]
        why = ", as in the project's other registers" if key in used else ""
        return f"{key}:   # shared.yaml's block{why}\n  {REFERENCE}: {blocks[key]}\n\n"

    return _SECTION.sub(section, skeleton).rstrip("\n") + "\n"
