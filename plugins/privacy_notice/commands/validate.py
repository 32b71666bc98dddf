"""``privacy-notice validate`` and ``lint``: every register checked (JSON Schema, the rules
beyond it, the GDPR completeness check), every problem reported, nothing written. It
imports only the ``source`` stage: it runs on every save and in pre-commit hooks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from privacy_notice.commands import context
from privacy_notice.diagnostics import Diagnostic, PolicyError, visible
from privacy_notice.source.project import RegisterFolder, each_in_processes, policy_files
from privacy_notice.source.shared import read_shared_or_problems
from privacy_notice.source.validate import SharedRead, check_policy


def run(args: argparse.Namespace) -> int:
    if not args.files:  # the project's registers (one, in a single-register project)
        project = context.project(args)
        registers = project.select(args.register)
        shared = read_shared_or_problems(project.folder) if project.shared else None
        check = partial(_check, strict=args.strict, shared=shared)
        for register, warnings in each_in_processes(registers, check, project.problems):
            _report_valid(str(register.policy), warnings)
        return 0
    policies, found = policy_files([Path(f) for f in args.files])
    problems = set(found)  # a shared block's, seen from several registers: once
    for path in policies:
        try:
            _loaded, warnings = check_policy(path, strict=args.strict, folder=path.parent)
        except PolicyError as exc:  # every file is checked, as pre-commit passes several
            problems.update(exc.diagnostics)
            continue
        _report_valid(str(path), warnings)
    if problems:
        raise PolicyError(list(problems))
    return 0


def _check(
    register: RegisterFolder, *, strict: bool, shared: SharedRead | None
) -> tuple[RegisterFolder, list[Diagnostic]]:
    policy, folder = register.policy, register.folder
    return register, check_policy(policy, strict=strict, folder=folder, shared=shared)[1]


def _report_valid(path: str, warnings: Sequence[Diagnostic]) -> None:
    context.report(warnings)
    count = f"; {len(warnings)} warning{'s' * (len(warnings) != 1)}"
    print(f"{visible(path)}: valid{count if warnings else ''}", file=sys.stderr)
