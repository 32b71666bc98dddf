"""``privacy-notice release --summary TEXT``: one change of a shared block (a new data
protection officer, a new address, a processor forty registers use) released as a new
version of every register it changed, in one command, each with its own redline and the
same summary.

A register "changed" is one whose ``policy.yaml`` still carries the date of its last
release while its content (with the shared blocks) differs from it. For each, the notice
gets the release's date, ``material`` as its changes are (see :mod:`.change`), and as its
summary a reference to a new block of ``shared.yaml``, ``summary-<date>``, holding the
summary once: ``privacy-notice translations`` then puts it in the shared catalogs, where
it is translated once for every register. Earlier releases keep their own blocks, so
that their released content never changes.

A project published in the summary's language only is released at once; otherwise the
edits are written, and the command says to translate the summary and release again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from privacy_notice.diagnostics import Diagnostic, PolicyError
from privacy_notice.files import write_atomically
from privacy_notice.history.change import material_changes
from privacy_notice.history.diff import semantic_changes
from privacy_notice.history.store import Placement
from privacy_notice.history.versions import place_policy
from privacy_notice.model.register import register_from_document
from privacy_notice.source.load import load_policy
from privacy_notice.source.options import Options
from privacy_notice.source.project import Project, RegisterFolder, each
from privacy_notice.source.shared import REFERENCE, SHARED_FILE


@dataclass(frozen=True)
class Changed:
    """A register whose content changed without a new date, and whether materially."""

    register: RegisterFolder
    material: bool


def summary_block(day: dt.date) -> str:
    return f"summary-{day.isoformat()}"


def changed_registers(
    project: Project, registers: Sequence[RegisterFolder], base: Options
) -> list[Changed]:
    """The registers whose ``policy.yaml`` differs from its last release at its date."""

    def check(register: RegisterFolder) -> Changed | None:
        options = project.options(register, base) if not register.root else base
        placed = place_policy(
            replace(options, preview=True, shared_translations=project.shared_translations),
            allow_fallback=True,
            refuse_unfilled=False,
        )
        latest = placed.history.latest
        if placed.placement is not Placement.CHANGED_RELEASE or latest is None:
            return None
        changes = semantic_changes(
            register_from_document(latest.document), register_from_document(placed.document)
        )
        return Changed(register, bool(material_changes(changes)))

    return [c for c in each(registers, check, project.problems) if c is not None]


def write_summary(project: Project, changed: Sequence[Changed], summary: str, day: dt.date) -> None:
    """The new block in ``shared.yaml`` and each changed register's new date, materiality
    and summary, every file checked before any is written."""
    if project.shared is None:
        message = (
            f"--summary needs a {SHARED_FILE} (the summary is kept there once for every "
            "register): add one, or give each register its own date and summary"
        )
        raise PolicyError([Diagnostic("--summary", message=message)])
    name = summary_block(day)
    texts = {project.shared: _with_block(project.shared.read_text("utf-8"), name, summary)}
    for change in changed:
        policy = change.register.policy
        texts[policy] = _with_notice(policy, day.isoformat(), change.material, name)
    for path, text in texts.items():
        write_atomically(path, text.encode("utf-8"))


def _with_block(text: str, name: str, summary: str) -> str:
    line = f"{name}: {json.dumps(summary, ensure_ascii=False)}\n"
    found = re.search(rf"^[ \t]+{re.escape(name)}:.*\n", text, re.M)
    if found and found.group().strip() == line.strip():  # a register more, the same summary
        return text
    if found:
        message = (
            f"{SHARED_FILE} already has a block '{name}' with another summary: give the "
            "same summary, or release on another day (--as-of)"
        )
        raise PolicyError([Diagnostic("--summary", message=message)])
    match = re.search(r"^blocks:[ \t]*\n((?:[ \t]*#.*\n|[ \t]*\n)*)([ \t]+)", text, re.M)
    if match:  # the first block's indentation
        return text[: match.start(2)] + match[2] + line + text[match.start(2) :]
    return text.rstrip("\n") + "\nblocks:\n  " + line


def _with_notice(policy: Path, day: str, material: bool, block: str) -> str:
    """``policy``'s text with ``notice.updated``, ``material`` and ``summary`` set, every
    other line as written."""
    loaded = load_policy(policy)
    lines = policy.read_text("utf-8").splitlines(keepends=True)
    notice = loaded.data.get("notice")
    if not isinstance(notice, dict) or REFERENCE in notice:
        message = "the notice section is shared or missing: write it out here to release it"
        raise PolicyError([loaded.diagnostic(("notice",), message)])
    keys = {k: loaded.key_mark(("notice", k)).line - 1 for k in notice}
    order = sorted(keys.values())
    indent = re.match(r"[ \t]*", lines[keys["updated"]])
    assert indent is not None
    space = indent.group()

    def span(key: str) -> range:
        start = keys[key]
        later = [line for line in order if line > start]
        end = later[0] if later else _section_end(lines, start, space)
        while end > start + 1 and not lines[end - 1].strip():  # the blank lines after it stay
            end -= 1
        return range(start, end)

    replaced = {keys["updated"]: f"{space}updated: {day}\n"}
    new_lines = [f"{space}material: {'true' if material else 'false'}\n"]
    new_lines.append(f"{space}summary:\n{space}  {REFERENCE}: {block}\n")
    dropped: set[int] = set()
    for key in ("material", "summary", "effective", "supersedes_announced"):
        if key in keys:
            dropped.update(span(key))
    out = []
    for index, line in enumerate(lines):
        if index in replaced:
            out.append(replaced[index])
            out += new_lines
        elif index not in dropped:
            out.append(line)
    return "".join(out)


def _section_end(lines: Sequence[str], start: int, space: str) -> int:
    """The line after the last line of the key at ``start`` (its continuation lines are
    indented deeper, or blank)."""
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and not line.startswith(space + " ") and not line.startswith(space + "\t"):
            return index
    return len(lines)
