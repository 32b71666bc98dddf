"""What every command reads from its arguments: the project folder and its registers,
the options of a register's inputs, the settings file, a date; and how problems are
reported (one line each, to stderr)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from privacy_notice.diagnostics import Diagnostic, PolicyError
from privacy_notice.source.options import TOOL_ROOT, Options
from privacy_notice.source.project import Project, discover


def root(args: argparse.Namespace) -> Path:
    """The project folder: policy.yaml, registers/, translations/ and content/versions/."""
    return Path(args.root or ".")


def options(args: argparse.Namespace) -> Options:
    """The root register's options: its inputs where the project keeps them."""
    folder = root(args)
    return Options(
        policy=folder / "policy.yaml",
        translations=folder / "translations",
        versions=folder / "content" / "versions",
        # The theme's catalogs come with the theme: the project's own, else the tool's.
        theme_translations=theme_folder(folder) / "translations",
        own_theme_translations=folder / "translations",
    )


def theme_folder(project: Path) -> Path:
    """The theme a project is built with: its own ``theme/``, else the tool's."""
    own = project / "theme"
    return own if own.is_dir() else TOOL_ROOT / "theme"


def project(args: argparse.Namespace) -> Project:
    """The project's registers; their problems come with the registers they concern."""
    return discover(root(args), keep_going=True)


def settings_file(args: argparse.Namespace) -> Path | None:
    """The settings to build with: ``-s`` if given, else the project's own
    ``pelicanconf.py``; None where it has none (the tool's defaults apply)."""
    if args.settings:
        return Path(args.settings)
    own = root(args) / "pelicanconf.py"
    return own if own.is_file() else None


def as_of(text: str | None, option: str = "--as-of") -> dt.date:
    """The date a command acts as of: ``--as-of``, or today (the machine's local date).
    Only YYYY-MM-DD, as the message says: ``date.fromisoformat`` also takes 20270401 and
    2027-W01-1 (Python 3.11)."""
    if not text:
        return dt.date.today()
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    message = f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2027-04-01"
    raise PolicyError([Diagnostic(option, message=message)])


def report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
