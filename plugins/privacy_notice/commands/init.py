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
import shlex
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

from privacy_notice.commands.context import theme_folder
from privacy_notice.commands.init_answers import answers_from, check_answers
from privacy_notice.commands.init_shared import own_controller, refer_to_blocks, shared_sections
from privacy_notice.commands.skeleton import HEADINGS, policy_yaml
from privacy_notice.diagnostics import Diagnostic, PolicyError, visible
from privacy_notice.languages.update import (
    update_all,
)
from privacy_notice.source.options import PLUGIN_PATH, TOOL_ROOT
from privacy_notice.source.project import new_register_folder

if TYPE_CHECKING:  # every command's parser imports this module: the skeleton only for init
    from privacy_notice.commands.skeleton import Answers


PELICANCONF = '''\
"""Pelican settings of this privacy notice (make html): the privacy-notice tool's default
settings (its theme and plugin, none of Pelican's blog pages) for this directory's
policy.yaml, translations/ and content/versions/. The site is named after the controller
in policy.yaml; set SITENAME here only to name it otherwise."""

from pathlib import Path

from privacy_notice.render.defaults import notice_settings

ROOT = Path(__file__).resolve().parent
globals().update(notice_settings(ROOT))

DEFAULT_LANG = "{lang}"  # output/index.html leads here first
# make html while the notice is being written: an unreleased policy.yaml is shown as a
# draft, and a text not yet translated in the source language, marked (each is a warning).
# make publish refuses both, whatever this file says.
PRIVACY_NOTICE_DRAFTS = True
PRIVACY_NOTICE_FALLBACK = True
'''

PUBLISHCONF = '''\
"""Pelican settings for publishing (make publish): absolute URLs, no drafts."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402, F403

# Where the notice is published: feeds, canonical links and the exports are made from it.
# Set it in the environment (SITEURL=https://… make publish) or here, in place of the
# placeholder, which make publish refuses.
SITEURL = os.environ.get("SITEURL", "https://privacy.example.com")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
PRIVACY_NOTICE_DRAFTS = False
PRIVACY_NOTICE_FALLBACK = False
'''

# The project's Makefile: the tool's repository's target names, with the same meanings
# (serve: output/ as it is; devserver: the live preview). PN is the tool as installed where
# init ran (that Python, -m privacy_notice), so no PATH needs setting; override it to use
# another installation (make PN=privacy-notice).
MAKEFILE = """\
# The privacy notice: `make html`, then open output/index.html, or `make devserver`.
PN ?= {python} -m privacy_notice
PY ?= {python}
OUTPUTDIR ?= output
PORT ?= 8000
# AS_OF=YYYY-MM-DD builds as of that day (which version is in force); default: today.
AS_OF ?=
AS_OF_FLAG := $(if $(AS_OF),--as-of $(AS_OF))
# REGISTER=SLUG: validate, lint, release, translations, records, html, serve and devserver
# act on that register only (html and devserver build a site of it alone into output.SLUG,
# serve serves that); publish always builds the whole site.
REGISTER ?=
REGISTER_FLAG := $(if $(REGISTER),--register $(REGISTER))

.PHONY: help html publish validate lint translations release records serve devserver clean
help:
\t@echo 'make html          build the site into $(OUTPUTDIR)/'
\t@echo 'make devserver     live preview on http://localhost:$(PORT), rebuilt on every save'
\t@echo 'make serve         serve $(OUTPUTDIR)/ as it is on http://localhost:$(PORT)'
\t@echo 'make validate      check policy.yaml; make lint: and whether it is complete'
\t@echo 'make translations  extract the texts into translations/ for the translators'
\t@echo 'make release       release policy.yaml as a new version (content/versions/)'
\t@echo 'make records       the record of processing activities (records/, not published)'
\t@echo 'make publish       build for publishing (SITEURL from publishconf.py or the environment)'
\t@echo 'REGISTER=SLUG: one register only (publish: always the whole site);'
\t@echo 'AS_OF=YYYY-MM-DD: the site as of that day'
html:
\t$(PN) build -s pelicanconf.py $(if $(REGISTER),$(REGISTER_FLAG),-o "$(OUTPUTDIR)") $(AS_OF_FLAG)
publish:
\t$(PN) build -s publishconf.py -o "$(OUTPUTDIR)" --publish $(AS_OF_FLAG)
validate:
\t$(PN) validate $(REGISTER_FLAG)
lint:
\t$(PN) lint $(REGISTER_FLAG)
translations:
\t$(PN) translations $(REGISTER_FLAG)
release:
\t$(PN) release $(REGISTER_FLAG)
records:
\t$(PN) records $(REGISTER_FLAG)
SERVED := $(if $(REGISTER),output.$(REGISTER),$(OUTPUTDIR))
serve:
\t$(PY) -m http.server --directory "$(SERVED)" --bind 127.0.0.1 $(PORT)
devserver:
\t$(PN) serve -s pelicanconf.py $(if $(REGISTER),$(REGISTER_FLAG),-o "$(OUTPUTDIR)") --port $(PORT)
clean:
\trm -rf "$(OUTPUTDIR)" ".$(OUTPUTDIR).builds"
"""

VERSIONS_README = (
    "Released versions: `privacy-notice release` writes one JSON file per update date here,\n"
    "with its SHA-256 in index.json. Never edit them; commit them.\n"
)


def _schema_reference(target: FilePath, name: str = "policy") -> str:
    schema = PLUGIN_PATH / "privacy_notice" / "schema" / f"{name}.schema.json"
    inside = target.resolve() == TOOL_ROOT or TOOL_ROOT in target.resolve().parents
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
            target / "Makefile": MAKEFILE.replace("{python}", make_quoted(sys.executable)),
            # records/: the record of processing holds what is never published.
            target / ".gitignore": "output\noutput.*\n.output*.builds/\nrecords/\n*.mo\n",
        }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")

    catalogs = update_all(
        target / "policy.yaml", translations, answers.languages, answers.source_language
    )
    return [*files, *catalogs]


def missing_theme_catalogs(target: FilePath, languages: tuple[str, ...]) -> list[str]:
    theme = theme_folder(target) / "translations"
    return [
        lang
        for lang in languages
        if lang != "en" and not (theme / lang / "LC_MESSAGES" / "theme.po").exists()
    ]


def run(args: argparse.Namespace) -> int:
    """``privacy-notice init``."""
    # The project: DIR if given, else --root (as every other command), else here.
    project = FilePath(args.directory or args.root or ".")
    target = project
    if args.register:  # a further register of the project: only its notice, no settings
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


def make_quoted(path: str) -> str:
    """``path`` as a word of a Makefile recipe: quoted for the shell where it has spaces,
    ``$`` doubled for make."""
    word = shlex.quote(path)
    return word.replace("$", "$$")
