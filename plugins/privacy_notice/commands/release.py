"""``privacy-notice release``: each register whose ``policy.yaml`` is a new version
released, once every register passed (one register's problems never hide another's); the
others' files stay as they were, byte for byte. ``release --undo``: the latest, unpublished
release withdrawn."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from privacy_notice.commands import context
from privacy_notice.commands.release_shared import changed_registers, summary_block, write_summary
from privacy_notice.diagnostics import Diagnostic, PolicyError, display, visible
from privacy_notice.history.store import Placement, release
from privacy_notice.history.unrelease import undo
from privacy_notice.history.versions import Placed, check_release, load_history
from privacy_notice.source.options import Options
from privacy_notice.source.project import Project, RegisterFolder, each
from privacy_notice.source.shared import SHARED_FILE


def run(args: argparse.Namespace) -> int:
    project = context.project(args)
    registers = project.select(args.register)
    if args.undo:
        if len(registers) > 1:
            message = "name the register whose release to undo: --register SLUG"
            raise PolicyError([Diagnostic("--undo", message=message)])
        removed = undo(
            load_history(project.options(registers[0], context.options(args))),
            args.undo,
            force=args.force,
        )
        print(
            f"undid the release of {args.undo}: removed {visible(os.path.relpath(removed))}; "
            f"{visible(display(registers[0].policy))} is a draft again",
            file=sys.stderr,
        )
        return 0
    today = context.as_of(args.as_of)
    if args.summary is not None:
        changed = changed_registers(project, registers, context.options(args))
        if changed:
            write_summary(project, changed, args.summary, today)
            for change in changed:
                print(
                    f"{change.register.slug}: its shared blocks changed: a new version of "
                    f"{today.isoformat()}, summary in {SHARED_FILE} "
                    f"({summary_block(today)})",
                    file=sys.stderr,
                )
            try:
                release_registers(project, registers, context.options(args), today, dry=True)
            except PolicyError as exc:
                context.report(exc.diagnostics)
                print(
                    f"wrote the new version's date and summary into {len(changed)} "
                    f"register(s) and {SHARED_FILE}, released nothing: fix the above "
                    "(a summary to translate: 'privacy-notice translations', then "
                    "shared/translations/<lang>/LC_MESSAGES/policy.po) and run "
                    "'privacy-notice release' again",
                    file=sys.stderr,
                )
                return 1
    for done in release_registers(project, registers, context.options(args), today):
        name = f"{done.register.slug}: " if project.several else ""
        context.report([n for n in done.placed.history.notes if n.severity == "warning"])
        if done.written is None:
            print(
                f"{name}the version of {done.placed.date} is already released; nothing to do",
                file=sys.stderr,
            )
            continue
        context.report(done.placed.warnings)
        print(
            f"{name}released the version of {done.placed.date}: "
            f"{visible(os.path.relpath(done.written))}",
            file=sys.stderr,
        )
    return 0


@dataclass(frozen=True)
class Released:
    """A register after ``release``: its place among the versions and the file written."""

    register: RegisterFolder
    placed: Placed
    written: Path | None  # None: its version was already released


def release_registers(
    project: Project,
    registers: Sequence[RegisterFolder],
    base: Options,
    today: dt.date,
    *,
    dry: bool = False,
) -> list[Released]:
    """Release every register whose ``policy.yaml`` is a new version, once all passed
    (``dry``: only check them)."""

    checked = each(
        registers, lambda r: (r, check_release(project.options(r, base), today)), project.problems
    )
    if dry:
        return []
    return [
        Released(
            register,
            placed,
            None
            if placed.placement is Placement.RELEASED
            else release(placed.document, placed.history),
        )
        for register, placed in checked
    ]
