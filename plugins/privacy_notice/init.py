"""``privacy-notice init [DIR]``: start the notice of another organisation, in the spirit
of ``pelican-quickstart``: ask (or take as options) its name, identifier, languages and
source language, and write a project with a skeleton ``policy.yaml``, its catalogs, an
empty version history and settings that use this tool's theme and plugin.

``--reset`` replaces the notice of an existing project (policy.yaml, its catalogs and the
version history) and keeps the tool; it refuses to discard released versions without
``--force``. Every check runs before anything is written.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, PolicyError, visible

if TYPE_CHECKING:  # every command's parser imports this module: the skeleton only for init
    from .skeleton import Answers

TOOL = FilePath(__file__).resolve().parents[2]  # the checkout with theme/ and plugins/

PELICANCONF = '''\
"""Pelican settings of this privacy notice (make html): the privacy-notice tool's default
settings (its theme and plugin, none of Pelican's blog pages) for this directory's
policy.yaml, translations/ and content/versions/. The site is named after the controller
in policy.yaml; set SITENAME here only to name it otherwise."""

from pathlib import Path

from privacy_notice.defaults import notice_settings

ROOT = Path(__file__).resolve().parent
globals().update(notice_settings(ROOT))

DEFAULT_LANG = "{lang}"  # output/index.html leads here first
'''

PUBLISHCONF = '''\
"""Pelican settings for publishing (make publish): absolute URLs, no drafts."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("SITEURL", "https://privacy.example.com")  # where it is published
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
PRIVACY_NOTICE_DRAFTS = False
PRIVACY_NOTICE_FALLBACK = False
'''

MAKEFILE = """\
# The privacy notice: `make html`, then open output/index.html. Needs privacy-notice
# installed (pip install -e <the tool's checkout>).
PN ?= privacy-notice

.PHONY: html publish validate lint translations release serve
html:
\t$(PN) build -s pelicanconf.py -o output
publish:
\t$(PN) build -s publishconf.py -o output
validate:
\t$(PN) validate
lint:
\t$(PN) lint
translations:
\t$(PN) translations
release:
\t$(PN) release
serve:
\t$(PN) serve -s pelicanconf.py -o output
"""

VERSIONS_README = (
    "Released versions: `privacy-notice release` writes one JSON file per update date here,\n"
    "with its SHA-256 in index.json. Never edit them; commit them.\n"
)


def _schema_reference(target: FilePath, name: str = "policy") -> str:
    schema = TOOL / "plugins" / "privacy_notice" / "schema" / f"{name}.schema.json"
    inside = target.resolve() == TOOL or TOOL in target.resolve().parents
    return os.path.relpath(schema, target) if inside else str(schema)


def check_target(target: FilePath, *, reset: bool, force: bool) -> list[Diagnostic]:
    shown = str(target)
    if target.is_symlink():  # dangling or not: init writes where it is asked, not elsewhere
        return [
            Diagnostic(
                shown,
                message=f"a symbolic link (to {os.readlink(target)}): init writes into a "
                "directory, not through a link: name the directory itself",
            )
        ]
    if not reset:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            return [
                Diagnostic(
                    shown,
                    message="not empty: init writes a new project into a new or empty "
                    "directory (to replace the notice of this project, use --reset)",
                )
            ]
        return []
    if not (target / "policy.yaml").exists():
        return [Diagnostic(f"{shown}/policy.yaml", message="missing: --reset replaces a notice")]
    released = _released(target / "content" / "versions" / "index.json")
    if released and not force:
        return [
            Diagnostic(
                os.path.join(shown, "content", "versions", "index.json"),
                message=f"{len(released)} released version(s) ({', '.join(released)}) would "
                "be discarded: add --force to start a new history (keep the old one in "
                "version control)",
            )
        ]
    return []


def _released(index: FilePath) -> list[str]:
    try:
        entries = json.loads(index.read_bytes()).get("versions", [])
    except (OSError, ValueError, AttributeError, RecursionError):  # nested too deep
        return ["unreadable index"] if index.exists() else []
    return [str(e.get("date")) for e in entries if isinstance(e, dict)]


def write_project(
    target: FilePath,
    answers: Answers,
    *,
    reset: bool,
    settings: bool = True,
    shared: Mapping[str, str] | None = None,
    used: frozenset[str] = frozenset(),
) -> list[FilePath]:
    """Write the notice (and, for a new project, its settings); the files written.
    ``shared``: the sections that refer to a block of the project's ``shared.yaml``;
    ``used``: those of them the project's registers refer to the same block for."""
    from .init_shared import refer_to_blocks
    from .skeleton import policy_yaml

    target.mkdir(parents=True, exist_ok=True)
    versions = target / "content" / "versions"
    translations = target / "translations"
    if reset:
        shutil.rmtree(versions, ignore_errors=True)
        for old in [translations / "policy.pot", *translations.glob("*/LC_MESSAGES/policy.po")]:
            old.unlink()
            for directory in (old.parent, old.parent.parent):
                if directory != translations and not any(directory.iterdir()):
                    directory.rmdir()
    files = {
        target / "policy.yaml": refer_to_blocks(policy_yaml(answers), shared or {}, used),
        versions / "README.md": VERSIONS_README,
    }
    if settings and not reset:
        files |= {
            target / "pelicanconf.py": PELICANCONF.replace("{lang}", answers.source_language),
            target / "publishconf.py": PUBLISHCONF,
            target / "Makefile": MAKEFILE,
            target / ".gitignore": "output\noutput.*\n.output*.builds/\n.cache/\n*.mo\n",
        }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    from .catalogs import update_all  # Babel's extraction: only when writing catalogs

    catalogs = update_all(
        target / "policy.yaml", translations, answers.languages, answers.source_language
    )
    return [*files, *catalogs]


def missing_theme_catalogs(target: FilePath, languages: tuple[str, ...]) -> list[str]:
    theme = (target if (target / "theme").is_dir() else TOOL) / "theme" / "translations"
    return [
        lang
        for lang in languages
        if lang != "en" and not (theme / lang / "LC_MESSAGES" / "theme.po").exists()
    ]


def cmd_init(args: argparse.Namespace) -> int:
    from .init_answers import answers_from, check_answers
    from .init_shared import own_controller, shared_sections
    from .skeleton import HEADINGS

    # The project: DIR if given, else --root (as every other command), else here.
    project = FilePath(args.directory or args.root or ".")
    target = project
    if args.register:  # a further register of the project: only its notice, no settings
        from .registers import new_register_folder

        target = new_register_folder(target, args.register)
    problems = check_target(target, reset=args.reset, force=args.force)
    if problems:
        raise PolicyError(problems)
    # A further register may refer to shared blocks: its editor schema allows that.
    schema = _schema_reference(target, "register" if args.register else "policy")
    shared = shared_sections(project, tuple(HEADINGS["en"])[1:])
    blocks = own_controller(shared, args) if args.register else {}
    known = shared.defaults() if args.register else {}
    answers = answers_from(args, schema, known, ask_controller="controller" not in blocks)
    problems = check_answers(answers)
    if problems:
        raise PolicyError(problems)
    if blocks and answers.source_language != shared.source_language:
        blocks = {}  # a register using shared blocks is written in their language
        print(
            f"note: the shared blocks are written in '{shared.source_language}', this register "
            f"in '{answers.source_language}': its sections are written out, not shared",
            file=sys.stderr,
        )
    written = write_project(
        target,
        answers,
        reset=args.reset,
        settings=not args.register,
        shared=blocks,
        used=shared.used,
    )
    for path in written:
        print(f"wrote {visible(os.path.relpath(path))}", file=sys.stderr)
    for lang in missing_theme_catalogs(target, answers.languages):
        print(
            f"note: the theme has no '{lang}' catalog yet; the build will say how to add it",
            file=sys.stderr,
        )
    print(
        "next: fill in every FILL IN of policy.yaml ('privacy-notice lint' lists them), "
        "then 'privacy-notice translations'",
        file=sys.stderr,
    )
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    init.add_argument("--identifier", help="SCHEME:VALUE, e.g. fi-business-id:1234567-1" + own)
    init.add_argument(
        "--languages",
        help="published languages, e.g. fi,en,de (--register: default the root register's)",
    )
    init.add_argument(
        "--source-language",
        help="the language policy.yaml is written in (--register: default shared.yaml's)",
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
    init.set_defaults(run=cmd_init)
