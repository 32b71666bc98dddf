"""``privacy-notice translations``: each register's texts extracted into its catalogs,
the shared blocks' texts into ``shared/translations/``, and (in the tool's own
repository) the theme's strings into the theme's catalogs. Every register is checked
before any catalog is written."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from privacy_notice.commands import context
from privacy_notice.diagnostics import PolicyError, display, format_path, visible
from privacy_notice.languages.update import (
    texts_template,
    update_all,
    update_own_theme_catalogs,
    update_policy,
)
from privacy_notice.source.load import load_policy, read_mapping
from privacy_notice.source.loaded import Loaded
from privacy_notice.source.project import Project, RegisterFolder, each
from privacy_notice.source.references import resolve_shared
from privacy_notice.source.rules import check_languages
from privacy_notice.source.schema import iter_texts
from privacy_notice.source.shared import read_shared_or_problems


def run(args: argparse.Namespace) -> int:
    root = context.root(args)
    project = context.project(args)
    sources = [(root / "theme" / "templates", "theme/templates")]
    sources.append((root / "plugins" / "privacy_notice", "plugins/privacy_notice"))
    in_tool = all(directory.is_dir() for directory, _ in sources)
    registers = project.select(args.register)
    theme = context.theme_folder(root) / "translations"
    written = update_catalogs(project, registers, sources if in_tool else (), theme)
    written += update_own_theme_catalogs(theme, root / "translations", _languages(registers))
    for path in written:
        print(f"updated {visible(os.path.relpath(path))}", file=sys.stderr)
    print(f"{len(written)} catalog file(s) changed", file=sys.stderr)
    return 0


def update_catalogs(
    project: Project,
    registers: Sequence[RegisterFolder],
    theme_sources: Sequence[tuple[Path, str]],
    theme_translations: Path,
) -> list[Path]:
    """Each register's own texts into its catalogs; the shared blocks' texts (of every
    register using them) into ``shared/translations/``. The theme's catalogs are updated
    with the root register's (only in the tool's own repository: ``theme_sources``)."""

    shared, broken = read_shared_or_problems(project.folder)

    def checked(register: RegisterFolder) -> tuple[RegisterFolder, Loaded]:
        resolved = resolve_shared(
            load_policy(register.policy, display=display(register.policy)),
            shared,
            broken=bool(broken),
        )
        problems = [*resolved.problems, *check_languages(resolved.loaded)]
        if problems:
            raise PolicyError(problems)
        return register, resolved.loaded

    def own(
        register: RegisterFolder, loaded: Loaded
    ) -> tuple[list[Path], list[tuple[str, list[str]]], set[str]]:
        data = loaded.data
        texts = [
            (text, [format_path(path)] + (["Markdown"] if kind == "markdown" else []))
            for path, text, kind in iter_texts(data)
            if loaded.mark(path).file  # a shared block's text
        ]
        written = update_all(
            register.policy,
            register.translations,
            data["languages"],
            data["source_language"],
            theme_sources if register.root else (),
            theme_translations,
            overrides={text for text, _comments in texts},
        )
        return written, texts, set(data["languages"]) if texts else set()

    # Every register checked before any catalog is written.
    results = [own(*found) for found in each(registers, checked, project.problems)]
    written = [path for paths, _texts, _langs in results for path in paths]
    texts = [text for _paths, found, _langs in results for text in found]
    target = project.shared_translations
    if texts and shared is not None and shared.source_language and target is not None:
        languages = sorted(set().union(*(langs for _paths, _texts, langs in results)))
        template = texts_template(texts)
        written += update_policy(template, target, languages, shared.source_language)
    return written


def _languages(registers: Sequence[RegisterFolder]) -> set[str]:
    """Every language some register publishes (each register's were checked already)."""
    found: set[str] = set()
    for register in registers:
        languages = read_mapping(register.policy).get("languages")
        if isinstance(languages, list):
            found.update(lang for lang in languages if isinstance(lang, str))
    return found
