"""``privacy-notice``: validate the register, build the site atomically, release versions.

Exit status 0 on success, 1 with one ``file:line:col: path: message`` line per problem
on bad input, and never a traceback for a problem in the inputs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import Diagnostic, PolicyError, display


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
        print(f"{path}: valid{count if warnings else ''}", file=sys.stderr)
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
    from pelican import Pelican
    from pelican.log import console
    from pelican.settings import read_settings

    from .settings import SOURCE_KEY

    output = Path(args.output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{output.name}.build-", dir=output.parent))
    # Terminated mid-build: unwind through `finally`, so the staging directory goes too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    from jinja2 import TemplateSyntaxError

    try:
        override = {
            "OUTPUT_PATH": str(staging),
            "DELETE_OUTPUT_DIRECTORY": False,
            SOURCE_KEY: args.settings,  # to locate problems in it
        }
        if args.preview:
            override["PRIVACY_NOTICE_PREVIEW"] = True
        if args.publish:
            override["PRIVACY_NOTICE_PUBLISH"] = True
        settings = read_settings(args.settings, override=override)
        console.quiet = True  # Pelican's "Processed 0 articles" summary misleads here
        Pelican(settings).run()
        _swap(staging, output)
    except SyntaxError as exc:  # in the settings file
        where = display(exc.filename or args.settings)
        raise PolicyError(
            [
                Diagnostic(
                    where, exc.lineno or 0, exc.offset or 0, "", f"not valid Python: {exc.msg}"
                )
            ]
        ) from None
    except TemplateSyntaxError as exc:  # in the theme
        where = display(exc.filename or exc.name or "theme")
        raise PolicyError(
            [Diagnostic(where, exc.lineno or 0, 0, "", f"template error: {exc.message}")]
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"built {os.path.relpath(output)}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .devserver import serve

    serve(Path(args.settings), Path(args.output), args.host, args.port)
    return 0


def _swap(staging: Path, output: Path) -> None:
    retired = output.with_name(f"{output.name}.old-{os.getpid()}")
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


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
    mode = build.add_mutually_exclusive_group()
    mode.add_argument(
        "--preview",
        action="store_true",
        help="live preview: show unreleased edits and untranslated texts, marked",
    )
    mode.add_argument(
        "--publish",
        action="store_true",
        help="publishing: refuse drafts and untranslated texts, whatever the settings say",
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
        print(
            f"privacy-notice: internal error ({type(exc).__name__}: {exc}); nothing was "
            "written. Please report it; set PRIVACY_NOTICE_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
