"""``privacy-notice``: validate the register, build the site atomically, release versions.

Exit status 0 on success, 1 with one ``file:line:col: path: message`` line per problem
on bad input, and never a traceback for a problem in the inputs.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import Diagnostic, PolicyError, display, visible
from .safety import is_environment_error, os_problem


def _policy_path(args: argparse.Namespace) -> Path:
    return Path(args.root) / "policy.yaml"


def _options(args: argparse.Namespace):
    from .site import Options

    root = Path(args.root)
    return Options(
        policy=_policy_path(args),
        translations=root / "translations",
        versions=root / "content" / "versions",
    )


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import check_policy  # only what validation needs: it must start fast

    problems: list[Diagnostic] = []
    for path in [Path(f) for f in args.files] or [Path(args.root) / "policy.yaml"]:
        try:
            _loaded, warnings = check_policy(path, strict=args.strict)
        except PolicyError as exc:  # every file is checked, as pre-commit passes several
            problems += exc.diagnostics
            continue
        _report(warnings)
        count = f"; {len(warnings)} completeness warning{'s' * (len(warnings) != 1)}"
        print(f"{visible(str(path))}: valid{count if warnings else ''}", file=sys.stderr)
    if problems:
        raise PolicyError(problems)
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from .site import load_history, translate_policy
    from .validate import check_policy
    from .versions import Placement, changed_release, place_current, release

    options = _options(args)
    loaded, warnings = check_policy(options.policy)
    _catalogs, resolution = translate_policy(options, loaded, allow_fallback=False)
    history = load_history(options)
    date = resolution.document["notice"]["updated"]
    placement = place_current(loaded, resolution.document, history)
    if placement is Placement.RELEASED:
        print(f"the version of {date} is already released; nothing to do", file=sys.stderr)
        return 0
    if placement is Placement.CHANGED_RELEASE:
        raise PolicyError([changed_release(loaded, date)])
    target = release(resolution.document, history)
    _report(warnings)
    print(f"released the version of {date}: {os.path.relpath(target)}", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a fresh directory beside the output, then swap it in: a failed or
    interrupted build never touches the previous site."""
    from .building import build

    # Terminated mid-build: unwind through `finally`, so the staging directory goes too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    output = build(
        Path(args.root), args.settings, args.output, preview=args.preview, force=args.force
    )
    print(f"built {visible(display(output))}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .building import refuse_serving
    from .devserver import serve

    refuse_serving(Path(args.root), args.settings, args.output)
    serve(Path(args.settings), Path(args.output), args.host, args.port)
    return 0


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="privacy-notice", description=__doc__.split("\n")[0])
    main.add_argument("--root", default=".", help="the project directory (default: .)")
    commands = main.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("validate", "check policy.yaml and report every problem"),
        ("lint", "check policy.yaml against GDPR Articles 13 and 14 (as validate does)"),
    ):
        check = commands.add_parser(name, help=help_text)
        check.add_argument("files", nargs="*", help="the policy files (default: policy.yaml)")
        check.add_argument(
            "--strict", action="store_true", help="treat completeness warnings as errors"
        )
        check.set_defaults(run=cmd_validate)
    build = commands.add_parser("build", help="build the site into the output directory")
    build.add_argument("-s", "--settings", default="pelicanconf.py")
    build.add_argument("-o", "--output", default="output")
    build.add_argument(
        "--preview",
        action="store_true",
        help="live preview: show unreleased edits and untranslated texts, marked",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="replace an output directory that privacy-notice did not write",
    )
    build.set_defaults(run=cmd_build)
    preview = commands.add_parser("serve", help="serve a live preview that rebuilds on edits")
    preview.add_argument("-s", "--settings", default="pelicanconf.py")
    preview.add_argument("-o", "--output", default="output")
    preview.add_argument("--host", default="127.0.0.1")
    preview.add_argument("--port", type=int, default=8000)
    preview.set_defaults(run=cmd_serve)
    rel = commands.add_parser("release", help="release policy.yaml as a new version")
    rel.set_defaults(run=cmd_release)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
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
            _report([os_problem(exc)])  # type: ignore[arg-type]
            print("1 problem; nothing was written", file=sys.stderr)
            return 1
        print(
            f"privacy-notice: internal error ({type(exc).__name__}: {exc}); nothing was "
            "written. Please report it; set PRIVACY_NOTICE_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
