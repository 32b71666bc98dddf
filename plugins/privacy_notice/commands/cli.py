"""``privacy-notice``: validate, release and build the registers of a privacy notice site.

Exit status 0 on success, 1 with one ``file:line:col: path: message`` line per problem
on bad input, and never a traceback for a problem in the inputs.

Each command is a module of this package with a ``run(args)`` (``validate``, ``build``,
``serve``, ``release``, ``translations``, ``init``, ``records``), imported when that command runs:
``validate`` starts without Pelican, Jinja or Babel's formatting.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from privacy_notice.diagnostics import PolicyError
from privacy_notice.files import is_environment_error, os_problem

# The module that runs each command (lint is validate with its own name).
MODULES = {"lint": "validate"}
# The commands that only read.
CHECKS_ONLY = ("validate", "lint")


def _register_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--register",
        metavar="SLUG",
        help="only this register: a folder name under registers/, or the root register's "
        "slug (root_register in shared.yaml, default main); default: every register",
    )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="privacy-notice",
        description=__doc__.split("\n")[0].replace("``", ""),
        epilog="A project holds one register (policy.yaml) or several (policy.yaml and "
        "registers/<slug>/policy.yaml, sharing shared.yaml's blocks). validate, lint, "
        "release, translations and build act on every register; --register SLUG on one.",
    )
    main.add_argument(
        "--root",
        help="the project folder: policy.yaml, registers/<slug>/, shared.yaml, "
        "translations/, content/versions/ (default: .)",
    )
    commands = main.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("validate", "check every register (or one: --register) and report every problem"),
        ("lint", "check every register against GDPR Articles 13 and 14 (as validate does)"),
    ):
        check = commands.add_parser(name, help=help_text, description=help_text)
        check.add_argument(
            "files",
            nargs="*",
            help="the policy files (default: every register of the project); a shared.yaml "
            "stands for every register of its project",
        )
        check.add_argument(
            "--strict", action="store_true", help="treat completeness warnings as errors"
        )
        _register_option(check)
        check.set_defaults(command="validate")
    build_help = (
        "build the site of every register (and, with several, the privacy centre) into the "
        "output directory"
    )
    build = commands.add_parser("build", help=build_help, description=build_help)
    build.add_argument(
        "-s",
        "--settings",
        help="Pelican settings (default: the notice folder's pelicanconf.py, "
        "or the tool's defaults where it has none)",
    )
    build.add_argument(
        "-o", "--output", help="where the site goes (default: output; output.SLUG with --register)"
    )
    build.add_argument(
        "--register",
        metavar="SLUG",
        help="build a site of this register alone, at the URLs of a single-register site, "
        "into output.SLUG (to check or preview it; the other registers are not read); "
        "default: the site of every register",
    )
    mode = build.add_mutually_exclusive_group()
    mode.add_argument(
        "--preview",
        action="store_true",
        help="live preview: show unreleased edits and untranslated texts, marked",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="replace an output directory that privacy-notice did not write",
    )
    mode.add_argument(
        "--publish",
        action="store_true",
        help="publishing: refuse drafts and untranslated texts, whatever the settings say",
    )
    build.add_argument(
        "--as-of",
        metavar="DATE",
        help="build as of this date, YYYY-MM-DD: which version is in force "
        "(default: today in TIMEZONE); the same inputs and date give the same bytes",
    )
    build.add_argument(
        "--search",
        action="store_true",
        help="full-text search of the privacy centre, indexed by Pagefind (pip install "
        "'pagefind[extended]'); off by default: no page then has a script",
    )
    build.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="build the registers (or a long history's pages) in N processes "
        "(default: one per core; 1: in this one)",
    )
    build.set_defaults(command="build")
    serve_help = (
        "serve a live preview of every register (drafts shown) on localhost and rebuild it "
        "when an input changes; --register SLUG: a preview of that register alone"
    )
    preview = commands.add_parser("serve", help=serve_help, description=serve_help)
    preview.add_argument(
        "-s", "--settings", default="pelicanconf.py", help="the settings (default: %(default)s)"
    )
    preview.add_argument(
        "-o",
        "--output",
        help="where the preview is built (default: output; output.SLUG with --register)",
    )
    preview.add_argument("--host", default="127.0.0.1", help="address (default: %(default)s)")
    preview.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    preview.add_argument(
        "--register",
        metavar="SLUG",
        help="a preview of this register alone, at the URLs of a single-register site, "
        "rebuilt when its files (or the shared ones, the theme) change; the other "
        "registers are not read. Default: every register",
    )
    preview.set_defaults(command="serve")
    release_help = (
        "release each register whose policy.yaml is a new version (every register; "
        "--register SLUG: only that one, the others stay as they are)"
    )
    rel = commands.add_parser("release", help=release_help, description=release_help)
    rel.add_argument(
        "--as-of", metavar="DATE", help="release as of this date (default: today), YYYY-MM-DD"
    )
    rel.add_argument("--undo", metavar="DATE", help="remove the latest, unpublished release")
    rel.add_argument("--force", action="store_true", help="with --undo: even if committed")
    rel.add_argument(
        "--summary",
        metavar="TEXT",
        help="release every register a shared block's change made differ from its last "
        "release as a new version of today (or --as-of), with this summary, kept once in "
        "shared.yaml and translated once in the shared catalogs",
    )
    _register_option(rel)
    rel.set_defaults(command="release")
    words_help = (
        "extract the texts of every register (or one: --register) into its catalogs, and "
        "shared.yaml's into shared/translations/"
    )
    words = commands.add_parser("translations", help=words_help, description=words_help)
    _register_option(words)
    words.set_defaults(command="translations")
    records_help = (
        "write the record of processing activities (GDPR Art. 30(1)) of every register, "
        "one row per purpose, as CSV and XLSX in each language (records/)"
    )
    record = commands.add_parser("records", help=records_help, description=records_help)
    record.add_argument(
        "-o", "--output", help="the folder the files go to (default: records; never a site)"
    )
    record.add_argument(
        "--as-of", metavar="DATE", help="the spreadsheet's date (default: today), YYYY-MM-DD"
    )
    _register_option(record)
    record.set_defaults(command="records")
    _init_parser(commands)
    return main


def _init_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init_help = (
        "start a new notice (a new project, or --reset), or add a register to a project "
        "(--register SLUG)"
    )
    init = commands.add_parser("init", help=init_help, description=init_help)
    init.add_argument(
        "directory", nargs="?", help="the project folder (default: --root, else the current one)"
    )
    own = (
        " (--register where the controller is shared: another controller's than shared.yaml's "
        "writes this register's own controller out)"
    )
    init.add_argument("--name", help="the organisation's legal name" + own)
    init.add_argument(
        "--identifier",
        help="SCHEME:VALUE, e.g. fi-business-id:1234567-1 or company-number:DE:HRB 12345" + own,
    )
    init.add_argument(
        "--languages",
        help="published languages, e.g. fi,en,de (--register: default the root register's)",
    )
    init.add_argument(
        "--source-language",
        help="the language policy.yaml is written in (--register: default shared.yaml's)",
    )
    init.add_argument(
        "--public-authority",
        action=argparse.BooleanOptionalAction,
        help="the controller is (--no-public-authority: is not) a public authority, such as "
        "a municipality or an agency: it must appoint a data protection officer, and its "
        "rights differ (asked on a terminal; without either, left for you to state)",
    )
    init.add_argument("--no-input", action="store_true", help="ask nothing; use the options")
    init.add_argument(
        "--reset", action="store_true", help="replace the notice of the project in DIRECTORY"
    )
    init.add_argument(
        "--force", action="store_true", help="with --reset: discard released versions"
    )
    init.add_argument(
        "--register",
        metavar="SLUG",
        help="add a register to the project in DIRECTORY, in registers/SLUG/, referring "
        "to the blocks of its shared.yaml",
    )
    init.set_defaults(command="init")


def main(argv: Sequence[str] | None = None) -> int:
    """The ``privacy-notice`` program: its exit status."""
    return _run(parser().parse_args(argv))


def _summary(args: argparse.Namespace, count: int) -> None:
    """The last line of a failed command: how many problems; a command that writes says
    that it wrote nothing (a check writes nothing anyway)."""
    written = "" if args.command in CHECKS_ONLY else "; nothing was written"
    print(f"{count} problem{'s' if count != 1 else ''}{written}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    try:
        name = MODULES.get(args.command, args.command)
        command = importlib.import_module(f"privacy_notice.commands.{name}")
        code: int = command.run(args)
        return code
    except PolicyError as exc:
        _report(exc.diagnostics)
        _summary(args, len([d for d in exc.diagnostics if d.severity == "error"]))
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours, not a problem in the inputs
        if os.environ.get("PRIVACY_NOTICE_DEBUG"):
            raise
        if is_environment_error(exc):  # the machine's: disk full, read-only, permissions
            _report([os_problem(exc)])
            _summary(args, 1)
            return 1
        print(
            f"privacy-notice: internal error ({type(exc).__name__}: {exc}); nothing was "
            "written. Please report it; set PRIVACY_NOTICE_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return 1


def _report(diagnostics: Sequence[PolicyError | object]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
