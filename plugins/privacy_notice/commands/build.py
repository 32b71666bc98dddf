"""``privacy-notice build``: read the settings, check where the site goes, run Pelican into
a fresh directory and swap it in (see :mod:`.outputdir`).

A failed or interrupted build never touches the previous site, ``content/versions`` or any
other input: the output directory is checked before anything is written.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import stat
import sys
import traceback
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateNotFound, TemplateSyntaxError
from pelican import Pelican
from pelican.generators import PelicanTemplateNotFound
from pelican.log import console
from pelican.settings import read_settings as pelican_settings

from privacy_notice.commands import context, outputdir
from privacy_notice.commands.search import index as index_for_search
from privacy_notice.diagnostics import Diagnostic, PolicyError, display, visible
from privacy_notice.files import is_inside
from privacy_notice.render.defaults import folder_override, notice_settings
from privacy_notice.render.settings import OPTIONS_KEY, SOURCE_KEY, check_settings, options_from
from privacy_notice.render.template_errors import missing_template, template_problem

if TYPE_CHECKING:
    from privacy_notice.source.options import Options

INPUTS = ("content", "translations", "theme", "plugins", ".git")


def read_settings(path: str, override: dict[str, Any]) -> dict[str, Any]:
    """Pelican's settings from ``path``; every problem in the file located in it."""

    where = display(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise PolicyError(
            [Diagnostic(where, message=f"cannot read the settings file: {exc.strerror}")]
        ) from None
    if not stat.S_ISREG(mode):
        raise PolicyError([Diagnostic(where, message="the settings file is not a regular file")])
    try:
        settings: dict[str, Any] = pelican_settings(path, override=override)
        return settings
    except SyntaxError as exc:
        line, col = exc.lineno or 0, exc.offset or 0
        where = display(exc.filename or path)
        message = f"not valid Python: {exc.msg}"
        raise PolicyError([Diagnostic(where, line, col, "", message)]) from None
    except ValueError as exc:
        if "Could not find the theme" not in str(exc):
            raise _raised_in(path, exc) from None
        raise PolicyError(
            [Diagnostic(where, 0, 0, "THEME", f"{exc}: set THEME to the theme's directory")]
        ) from None
    except Exception as exc:
        raise _raised_in(path, exc) from None


def _raised_in(path: str, exc: Exception) -> PolicyError:
    """An exception the settings file raised, at the line of the settings file."""
    line = 0
    for frame in traceback.extract_tb(exc.__traceback__):
        if os.path.abspath(frame.filename) == os.path.abspath(path):
            line = frame.lineno or 0
    return PolicyError(
        [
            Diagnostic(
                display(path),
                line,
                0,
                "",
                f"the settings file raised {type(exc).__name__}: {exc}: fix the settings file",
            )
        ]
    )


def protected(
    root: Path, settings_file: Path, settings: dict[str, Any], options: Options
) -> Iterator[tuple[str, Path]]:
    """Every directory the output must not be, hold or lie inside (the project and the
    settings file's directory may hold it: see :func:`outputdir.check_protected`)."""
    yield "project directory", root
    yield "directory of the settings file", settings_file.resolve().parent
    for name in INPUTS:
        yield f"{name} directory", root / name
    yield "content directory (PATH)", Path(settings["PATH"])
    yield "theme (THEME)", Path(settings["THEME"])
    for path in settings.get("PLUGIN_PATHS") or []:
        yield "plugin directory (PLUGIN_PATHS)", Path(path)
    yield "version store", options.versions
    yield "translations directory", options.translations
    yield from register_inputs(options.policy.parent)


def register_inputs(project: Path) -> Iterator[tuple[str, Path]]:
    """Every further register's inputs (its folder, version store and catalogs), the
    registers' folder as a whole (a register with a problem, a future one) and the shared
    blocks (``shared.yaml``, ``shared/`` with their catalogs): no output may be, hold or
    lie inside one."""
    from privacy_notice.source.project import discover
    from privacy_notice.source.shared import REGISTERS_DIR, SHARED_FILE

    for register in discover(project, keep_going=True).registers:
        if not register.root:  # the root register's are the project's (above)
            yield f"folder of the register '{register.slug}'", register.folder
            yield f"version store of the register '{register.slug}'", register.versions
            yield f"catalogs of the register '{register.slug}'", register.translations
    yield "folder of the registers", project / REGISTERS_DIR
    yield "shared blocks' folder", project / "shared"
    yield "shared blocks' file", project / SHARED_FILE


def check_theme_static(settings: dict[str, Any], root: Path) -> None:
    """Refuse what Pelican would copy into the site from outside the project (a symbolic
    link to any file of the machine) or could not copy (a FIFO, a device)."""
    theme = Path(settings["THEME"])
    problems = []
    for static in settings.get("THEME_STATIC_PATHS") or ["static"]:
        for path in _entries(theme / static):
            if path.is_symlink():
                target = path.resolve()
                if not is_inside(target, root.resolve()) or not target.exists():
                    problems.append(
                        Diagnostic(
                            display(path),
                            message="a symbolic link to "
                            f"{display(target)}, outside the project: copy the file into "
                            "the theme instead",
                        )
                    )
            elif not (path.is_file() or path.is_dir()):
                problems.append(Diagnostic(display(path), message="not a regular file: remove it"))
    if problems:
        raise PolicyError(problems)


def _entries(directory: Path) -> Iterator[Path]:
    for path, dirnames, filenames in os.walk(directory, followlinks=False):
        for name in dirnames + filenames:
            yield Path(path) / name


def load_settings(
    root: Path, settings_file: Path | None, override: dict[str, Any], *, root_given: bool
) -> dict[str, Any]:
    """Pelican's settings for the build: the settings file's, or (``settings_file`` None)
    the tool's defaults for the notice folder; with the notice of ``--root`` where it is
    given."""

    if settings_file is None and not root.is_dir():
        raise PolicyError(
            [
                Diagnostic(
                    display(root),
                    message="not a folder: --root names a notice folder "
                    "(policy.yaml, translations/, content/versions/)",
                )
            ]
        )
    if settings_file is None:
        defaults: dict[str, Any] = pelican_settings(
            None, override={**notice_settings(root), **override}
        )
        return defaults
    if root_given:  # a settings file for the notice folder named by --root
        override = {**folder_override(root, settings_file), **override}
    return read_settings(str(settings_file), override)


def build(
    root: Path,
    settings_file: Path | None,
    output: str,
    *,
    preview: bool,
    force: bool,
    root_given: bool = False,
    publish: bool = False,
    as_of: str | None = None,
    register: str | None = None,
    search: bool = False,
    jobs: int | None = None,
) -> Path:
    """Build the site into ``output``; return where it went. ``publish``: no drafts, no
    fallback, no preview, whatever the settings say (see :mod:`.settings`); ``as_of``:
    the day the site is built as of (default: today in ``TIMEZONE``); ``register``: a
    site of that register alone (see :func:`privacy_notice.history.registers.register_jobs`)."""

    override: dict[str, Any] = {"DELETE_OUTPUT_DIRECTORY": False}
    if settings_file is not None:
        override[SOURCE_KEY] = str(settings_file)  # to locate problems in it
    if preview:
        override["PRIVACY_NOTICE_PREVIEW"] = True
    if publish:
        override["PRIVACY_NOTICE_PUBLISH"] = True
    if as_of:
        override["PRIVACY_NOTICE_AS_OF"] = as_of
    if search:
        override["PRIVACY_NOTICE_SEARCH"] = True
    if jobs is not None:
        override["PRIVACY_NOTICE_JOBS"] = jobs
    target = outputdir.target_path(output)
    settings = load_settings(root, settings_file, override, root_given=root_given)
    options = settings[OPTIONS_KEY] = replace(options_from(settings), register=register)
    where = settings_file or root / "pelicanconf.py"
    outputdir.check_protected(target, protected(root.resolve(), where, settings, options))
    check_theme_static(settings, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    with outputdir.build_lock(target) as builds:
        staging = outputdir.new_build(builds)
        try:
            settings["OUTPUT_PATH"] = str(staging)
            console.quiet = True  # Pelican's "Processed 0 articles" summary misleads here
            Pelican(settings).run()
            if check_settings(settings).search:
                index_for_search(staging)
            outputdir.normalise_modes(staging)
            # Only now, so that problems in the inputs are reported first.
            outputdir.check_replaceable(target, force)
            if register is None:
                warn_gone(target, staging)
            outputdir.swap(staging, target)
        except TemplateSyntaxError as exc:  # in the theme, met as it is compiled
            raise PolicyError([template_problem(exc, settings["THEME"])]) from None
        except (PelicanTemplateNotFound, TemplateNotFound) as exc:  # a theme of its own
            raise PolicyError([missing_template(settings["THEME"], exc)]) from None
        finally:
            outputdir.clean(target)  # the new build if it failed, the old one if it did not
    return target


def warn_gone(previous: Path, new: Path) -> None:
    """A warning for each register the previous build published and this one does not
    (e.g. its folder renamed): its URLs, which consent records may cite, are gone."""

    def slugs(site: Path) -> set[str]:
        try:
            index = json.loads((site / "api" / "registers.json").read_bytes())
        except (OSError, ValueError, RecursionError):  # not our file: no warning
            return set()
        listed = index.get("registers") if isinstance(index, dict) else None
        return {r["slug"] for r in listed or () if isinstance(r, dict) and not r.get("root")}

    for slug in sorted(slugs(previous) - slugs(new)):
        print(
            f"warning: register '{slug}' was in the previous build ({display(previous)}/"
            f"registers/{slug}/) and is not in this one: its published URLs are gone; "
            "a renamed register keeps its URLs only under its old folder name",
            file=sys.stderr,
        )


def refuse_serving(root: Path, settings_file: str, output: str) -> Path:
    """The checks of :func:`build`, before the live preview starts."""
    target = outputdir.target_path(output)

    settings = read_settings(settings_file, {})
    options = options_from(settings)
    outputdir.check_protected(
        target, protected(root.resolve(), Path(settings_file), settings, options)
    )
    outputdir.check_replaceable(target, force=False)
    outputdir.check_builds_folder(target)
    return target


def run(args: argparse.Namespace) -> int:
    """``privacy-notice build``: into a fresh directory beside the output, then swapped
    in: a failed or interrupted build never touches the previous site."""
    # Terminated mid-build: unwind through `finally`, so the staging directory goes too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    root = context.root(args)
    if args.register:  # checked before anything is written, the output folder's name too
        context.project(args).select(args.register)
        _refuse_whole_site_output(root, args.output)
    # One register's site goes beside the whole site's, never in its place.
    default = f"output.{args.register}" if args.register else "output"
    output = build(
        root,
        context.settings_file(args),
        default if args.output is None else args.output,
        preview=args.preview,
        force=args.force,
        root_given=args.root is not None,
        publish=args.publish,
        as_of=args.as_of and context.as_of(args.as_of).isoformat(),
        register=args.register,
        search=args.search,
        jobs=args.jobs,
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
