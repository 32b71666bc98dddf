"""``privacy-notice``: validate, release and build the registers of a privacy notice site.

Exit status 0 on success, 1 with one ``file:line:col: path: message`` line per problem
on bad input, and never a traceback for a problem in the inputs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, PolicyError, display, visible
from .safety import is_environment_error, os_problem

if TYPE_CHECKING:  # cli.py imports what a command needs when it runs: validate must start fast
    from .registers import Project
    from .site import Options


def _root(args: argparse.Namespace) -> Path:
    """The notice folder: policy.yaml, translations/ and content/versions/."""
    return Path(args.root or ".")


def _options(args: argparse.Namespace) -> Options:
    from .init import TOOL
    from .site import Options

    root = _root(args)
    return Options(
        policy=root / "policy.yaml",
        translations=root / "translations",
        versions=root / "content" / "versions",
        # The theme's catalogs come with the theme: the project's own, else the tool's.
        theme_translations=(root if (root / "theme").is_dir() else TOOL) / "theme/translations",
    )


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import check_policy  # only what validation needs: it must start fast

    if not args.files:  # the project's registers (one, in a single-register project)
        from .per_register import validate_registers

        project = _project(args)
        registers = project.select(args.register)
        for register, warnings in validate_registers(project, registers, strict=args.strict):
            _report_valid(str(register.policy), warnings)
        return 0
    from .registers import policy_files

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


def _report_valid(path: str, warnings: Sequence[Diagnostic]) -> None:
    _report(warnings)
    count = f"; {len(warnings)} warning{'s' * (len(warnings) != 1)}"
    print(f"{visible(path)}: valid{count if warnings else ''}", file=sys.stderr)


def _project(args: argparse.Namespace) -> Project:
    from .registers import discover

    return discover(_root(args), keep_going=True)  # its problems come with the registers


def cmd_release(args: argparse.Namespace) -> int:
    from .per_register import release_registers
    from .site import load_history

    project = _project(args)
    registers = project.select(args.register)
    if args.undo:
        from .unrelease import undo

        if len(registers) > 1:
            message = "name the register whose release to undo: --register SLUG"
            raise PolicyError([Diagnostic("--undo", message=message)])
        removed = undo(
            load_history(project.options(registers[0], _options(args))),
            args.undo,
            force=args.force,
        )
        print(
            f"undid the release of {args.undo}: removed {visible(os.path.relpath(removed))}; "
            f"{visible(display(registers[0].policy))} is a draft again",
            file=sys.stderr,
        )
        return 0
    for done in release_registers(project, registers, _options(args), _as_of(args.as_of)):
        name = f"{done.register.slug}: " if project.several else ""
        _report([n for n in done.placed.history.notes if n.severity == "warning"])  # leftovers
        if done.written is None:
            print(
                f"{name}the version of {done.placed.date} is already released; nothing to do",
                file=sys.stderr,
            )
            continue
        _report(done.placed.warnings)
        print(
            f"{name}released the version of {done.placed.date}: "
            f"{visible(os.path.relpath(done.written))}",
            file=sys.stderr,
        )
    return 0


def _as_of(text: str | None, option: str = "--as-of") -> dt.date:
    """The date the command acts as of: ``--as-of``, or today (the machine's local date).
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


def cmd_translations(args: argparse.Namespace) -> int:
    from .per_register import update_catalogs

    root = _root(args)
    project = _project(args)
    sources = [(root / "theme" / "templates", "theme/templates")]
    sources.append((root / "plugins" / "privacy_notice", "plugins/privacy_notice"))
    in_tool = all(directory.is_dir() for directory, _ in sources)
    written = update_catalogs(
        project,
        project.select(args.register),
        sources if in_tool else (),
        root / "theme" / "translations",
    )
    for path in written:
        print(f"updated {visible(os.path.relpath(path))}", file=sys.stderr)
    print(f"{len(written)} catalog file(s) changed", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a fresh directory beside the output, then swap it in: a failed or
    interrupted build never touches the previous site."""
    import signal  # only a build handles SIGTERM: validate starts without its enums

    from .building import build

    # Terminated mid-build: unwind through `finally`, so the staging directory goes too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.register:  # checked before anything is written, the output folder's name too
        _project(args).select(args.register)
        _refuse_whole_site_output(_root(args), args.output)
    # One register's site goes beside the whole site's, never in its place.
    default = f"output.{args.register}" if args.register else "output"
    output = build(
        _root(args),
        settings_file(args),
        default if args.output is None else args.output,
        preview=args.preview,
        force=args.force,
        root_given=args.root is not None,
        publish=args.publish,
        as_of=args.as_of and _as_of(args.as_of, "--as-of").isoformat(),
        register=args.register,
    )
    print(f"built {visible(display(output))}", file=sys.stderr)
    return 0


def _refuse_whole_site_output(root: Path, output: str | None) -> None:
    """``build --register`` writes a site of one register: never in place of the whole
    site's (the other registers and the privacy centre would be gone from it)."""
    if output is None:
        return
    target = Path(output)
    whole = (root / "output").resolve()
    if target.resolve() == whole or (target / "api" / "registers.json").is_file():
        message = (
            f"{output} holds the whole site: build --register writes a site of one register "
            "alone; leave out -o (it goes to output.SLUG) or name another folder"
        )
        raise PolicyError([Diagnostic("-o", message=message)])


def settings_file(args: argparse.Namespace) -> Path | None:
    """The settings to build with: ``-s`` if given, else the notice folder's own
    ``pelicanconf.py``; None where it has none (the tool's defaults apply)."""
    if args.settings:
        return Path(args.settings)
    own = _root(args) / "pelicanconf.py"
    return own if own.is_file() else None


def cmd_serve(args: argparse.Namespace) -> int:
    from .building import refuse_serving
    from .devserver import serve

    refuse_serving(_root(args), args.settings, args.output)
    gc.enable()  # a long-running process: its builds' garbage is collected
    serve(Path(args.settings), Path(args.output), args.host, args.port, register=args.register)
    return 0


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


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
        check.set_defaults(run=cmd_validate)
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
    build.set_defaults(run=cmd_build)
    serve_help = (
        "serve a live preview of every register (drafts shown) on localhost and rebuild it "
        "when an input changes; --register SLUG: rebuild on that register's edits only"
    )
    preview = commands.add_parser("serve", help=serve_help, description=serve_help)
    preview.add_argument(
        "-s", "--settings", default="pelicanconf.py", help="the settings (default: %(default)s)"
    )
    preview.add_argument(
        "-o", "--output", default="output", help="where the preview is built (default: %(default)s)"
    )
    preview.add_argument("--host", default="127.0.0.1", help="address (default: %(default)s)")
    preview.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    preview.add_argument(
        "--register",
        metavar="SLUG",
        help="rebuild only when this register's files (or the shared ones, the theme) "
        "change; the other registers stay as last built. Default: every register",
    )
    preview.set_defaults(run=cmd_serve)
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
    _register_option(rel)
    rel.set_defaults(run=cmd_release)
    words_help = (
        "extract the texts of every register (or one: --register) into its catalogs, and "
        "shared.yaml's into shared/translations/"
    )
    words = commands.add_parser("translations", help=words_help, description=words_help)
    _register_option(words)
    words.set_defaults(run=cmd_translations)
    from .init import add_parser

    add_parser(commands)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    # A command lives for a second and makes few reference cycles, but the collector's
    # passes over every object of its imports cost a tenth of a build (~40 ms, measured):
    # no cyclic collection while a command runs. The preview server collects (cmd_serve).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(parser().parse_args(argv))
    finally:
        if collecting:
            gc.enable()


def console() -> int:
    """The ``privacy-notice`` program: :func:`main` in a process that ends with it. The
    collector stays off to the end: turned on again, it would pass over the whole heap
    once (~20 ms) just before the process exits."""
    gc.disable()
    return main()


def _run(args: argparse.Namespace) -> int:
    try:
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except PolicyError as exc:
        _report(exc.diagnostics)
        count = len([d for d in exc.diagnostics if d.severity == "error"])
        print(f"{count} problem{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours, not a problem in the inputs
        if os.environ.get("PRIVACY_NOTICE_DEBUG"):
            raise
        if is_environment_error(exc):  # the machine's: disk full, read-only, permissions
            _report([os_problem(exc)])
            print("1 problem; nothing was written", file=sys.stderr)
            return 1
        print(
            f"privacy-notice: internal error ({type(exc).__name__}: {exc}); nothing was "
            "written. Please report it; set PRIVACY_NOTICE_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(console())
