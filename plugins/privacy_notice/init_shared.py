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
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import PolicyError
from .shared import REFERENCE, REGISTERS_DIR, read_shared_or_problems

# A top-level key of the skeleton, and everything up to the next one (or the end).
_SECTION = re.compile(r"^(?P<key>[a-z_]+):\n(?:(?:[ #].*)?\n)*", re.MULTILINE)


@dataclass(frozen=True)
class SharedSections:
    blocks: Mapping[str, str]  # section -> the block of shared.yaml it refers to
    source_language: str | None  # the blocks' language: a register using them is written in it
    name: str | None = None  # the shared controller's name: the organisation's

    def with_defaults(self, args: argparse.Namespace) -> argparse.Namespace:
        """``init``'s options, with the organisation and source language of the shared
        blocks where they are not given."""
        found = {"source_language": self.source_language, "name": self.name}
        given = {key: value or found[key] for key, value in vars(args).items() if key in found}
        return argparse.Namespace(**{**vars(args), **given})


def shared_sections(project: Path, sections: tuple[str, ...]) -> SharedSections:
    """What a new register of ``project`` refers to; nothing where it has no (readable)
    ``shared.yaml`` (validate then says what is wrong with it)."""
    shared, problems = read_shared_or_problems(project)
    if shared is None or problems:
        return SharedSections({}, None)
    used = _used_blocks(project)
    found = {}
    for section in sections:
        if section in shared.blocks:
            found[section] = section
        elif used.get(section) in shared.blocks:
            found[section] = used[section]
    controller = shared.blocks.get(found.get("controller", ""))
    name = controller.get("name") if isinstance(controller, dict) else None
    return SharedSections(found, shared.source_language, name if isinstance(name, str) else None)


def _used_blocks(project: Path) -> dict[str, str]:
    """For each section, the block the project's registers refer to most for it."""
    from .load import load_policy

    counts: dict[str, Counter[str]] = {}
    policies = [project / "policy.yaml", *sorted(project.glob(f"{REGISTERS_DIR}/*/policy.yaml"))]
    for policy in policies:
        try:
            data = load_policy(policy).data if policy.is_file() else None
        except PolicyError:  # a broken register: validate reports it
            continue
        for section, value in (data or {}).items() if isinstance(data, dict) else ():
            if isinstance(value, dict) and isinstance(value.get(REFERENCE), str):
                counts.setdefault(section, Counter())[value[REFERENCE]] += 1
    return {section: count.most_common(1)[0][0] for section, count in counts.items()}


def refer_to_blocks(skeleton: str, blocks: Mapping[str, str]) -> str:
    """``skeleton`` with each section of ``blocks`` replaced by its reference."""

    def section(match: re.Match[str]) -> str:
        key = match["key"]
        if key not in blocks:
            return match[0]
        return f"{key}:   # shared.yaml's block, as in the project's other registers\n" + (
            f"  {REFERENCE}: {blocks[key]}\n\n"
        )

    return _SECTION.sub(section, skeleton).rstrip("\n") + "\n"
