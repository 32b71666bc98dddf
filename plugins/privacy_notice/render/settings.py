"""The plugin's settings: every ``PRIVACY_NOTICE_*`` name, its type, default and meaning,
declared once (:class:`NoticeSettings`) and checked when a build starts.

Pelican reads every upper-case name of a settings file and ignores those that nothing
asks for, so a misspelt ``PRIVACY_NOTICE_DRAFT = False`` would silently publish a draft.
Here a name that looks like one of ours but is not declared, and a value of the wrong
type, are errors located at the line of the settings file that assigns them (following
``from pelicanconf import *`` into the file it imports).

Publishing does not rest on a boolean that a typo can drop: ``privacy-notice build
--publish`` (``make publish``) and an absolute ``SITEURL`` both mean publishing, which
refuses drafts, fallbacks and the preview whatever the settings say.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pelican.settings import DEFAULT_CONFIG

from privacy_notice.diagnostics import Diagnostic, PolicyError, display

PREFIX = "PRIVACY_NOTICE_"
# Where ``privacy-notice build`` records the settings file it read, to locate problems in
# it. Not an upper-case name, so no settings file can set it by accident.
SOURCE_KEY = "privacy_notice.settings_file"
# The options ``privacy-notice build`` checked before the build, so that the generator
# does not check the settings a second time (``pelican`` alone leaves it unset).
OPTIONS_KEY = "privacy_notice.options"


@dataclass(frozen=True)
class Kind:
    """The Python types a setting accepts, and how a message names them."""

    types: tuple[type, ...]
    description: str
    pattern: str = ""  # what a text value must match, if anything

    def accepts(self, value: object) -> bool:
        if isinstance(value, str) and self.pattern:
            return re.fullmatch(self.pattern, value) is not None
        return isinstance(value, self.types)


PATH = Kind((str, os.PathLike), "a path (text)")
OPTIONAL_PATH = Kind((str, os.PathLike, type(None)), "a path (text) or None")
FLAG = Kind((bool,), "True or False")
OPTIONAL_DATE = Kind((str, type(None)), "a date YYYY-MM-DD (text) or None", r"\d{4}-\d{2}-\d{2}")


def about(kind: Kind, meaning: str) -> dict[str, object]:
    """A setting's declaration, as the metadata of its field."""
    return {"kind": kind, "meaning": meaning}


@dataclass(frozen=True)
class NoticeSettings:
    """The values of the ``PRIVACY_NOTICE_*`` settings; each field is one setting, named
    ``PRIVACY_NOTICE_`` + the field's name in upper case."""

    root: str | os.PathLike[str] | None = field(
        default=None,
        metadata=about(
            OPTIONAL_PATH,
            "The directory the paths below are relative to (default: the parent of PATH).",
        ),
    )
    policy: str | os.PathLike[str] = field(
        default="policy.yaml", metadata=about(PATH, "The register.")
    )
    translations: str | os.PathLike[str] = field(
        default="translations",
        metadata=about(
            PATH,
            "The notice's gettext catalogs, `<lang>/LC_MESSAGES/policy.po` (the theme's are "
            "in the theme, `THEME/translations/`).",
        ),
    )
    versions: str | os.PathLike[str] = field(
        default="content/versions",
        metadata=about(PATH, "The released snapshots and their `index.json`."),
    )
    drafts: bool = field(
        default=True,
        metadata=about(
            FLAG,
            "Show an unreleased `policy.yaml` as a draft, with a banner (not when publishing).",
        ),
    )
    fallback: bool = field(
        default=False,
        metadata=about(
            FLAG,
            "Show untranslated texts in the source language, marked, instead of failing "
            "(not when publishing).",
        ),
    )
    preview: bool = field(
        default=False,
        metadata=about(
            FLAG,
            "The live preview (set by `privacy-notice build --preview`, `make devserver`): "
            "fall back, and show an edit of a released version as a draft.",
        ),
    )
    publish: bool = field(
        default=False,
        metadata=about(
            FLAG,
            "Publishing (set by `privacy-notice build --publish`, `make publish`, and implied "
            "by an absolute `SITEURL`): no drafts, no fallback, no preview, whatever the rest "
            "says.",
        ),
    )

    as_of: str | None = field(
        default=None,
        metadata=about(
            OPTIONAL_DATE,
            "The day the site is built as of (set by `privacy-notice build --as-of DATE`): "
            "which version is in force. None: today in `TIMEZONE`.",
        ),
    )

    @property
    def allow_draft(self) -> bool:
        return self.drafts and not self.publish

    @property
    def allow_fallback(self) -> bool:
        return self.fallback and not self.publish

    @property
    def allow_preview(self) -> bool:
        return self.preview and not self.publish


@dataclass(frozen=True)
class Setting:
    """One row of the settings reference (README.md)."""

    attribute: str  # of NoticeSettings
    name: str
    kind: Kind
    default: object
    meaning: str


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, PREFIX + f.name.upper(), f.metadata["kind"], f.default, f.metadata["meaning"])
    for f in fields(NoticeSettings)
)
_NAMES = [s.name for s in SETTINGS]


def check_settings(settings: Mapping[str, Any]) -> NoticeSettings:
    """The plugin's settings from Pelican's, checked: raise with every problem, located."""
    problems = [*_unknown(settings), *_mistyped(settings)]
    if problems:
        where = Locator(settings.get(SOURCE_KEY))
        raise PolicyError([where.locate(name, message, path) for name, path, message in problems])
    values = {s.attribute: settings[s.name] for s in SETTINGS if s.name in settings}
    publish = bool(values.get("publish")) or is_absolute_url(settings.get("SITEURL"))
    return NoticeSettings(**{**values, "publish": publish})


def is_absolute_url(url: object) -> bool:
    return isinstance(url, str) and re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^/]", url) is not None


Problem = tuple[str, str, str]  # (setting name, path shown, message)


def _unknown(settings: Mapping[str, Any]) -> Iterator[Problem]:
    # Pelican's own settings (every build has all of them) are never misspellings of ours:
    # none is close enough to be reported, and comparing them was ~3 ms of every build.

    for name in settings:
        if name in DEFAULT_CONFIG:
            continue
        if isinstance(name, str) and name.isupper() and name not in _NAMES and _ours(name):
            close = _closest(name)
            hint = f"did you mean '{close}'?" if close else f"known: {', '.join(_NAMES)}"
            yield name, "", f"unknown setting '{name}'; {hint}"


def _ours(name: str) -> bool:
    """A name meant for this plugin: its prefix, or close to a declared name (other
    plugins' settings and the settings file's own helpers are not ours to judge)."""
    if name.startswith("PRIVACY"):
        return True
    # Pelican has some 150 settings: compare only names whose start looks like our prefix
    # with every declared name (a build would otherwise spend ~15 ms in difflib).
    start = difflib.SequenceMatcher(None, name[: len(PREFIX)], PREFIX)
    return start.quick_ratio() >= 0.6 and _closest(name) is not None


def _closest(name: str) -> str | None:
    """The declared name ``name`` is likely a misspelling of (past the shared prefix,
    if it has it: every declared name would be close otherwise)."""
    if name.startswith(PREFIX):
        suffixes = [n.removeprefix(PREFIX) for n in _NAMES]
        close = difflib.get_close_matches(name.removeprefix(PREFIX), suffixes, n=1, cutoff=0.6)
        return PREFIX + close[0] if close else None
    close = difflib.get_close_matches(name, _NAMES, n=1, cutoff=0.75)
    return close[0] if close else None


def _mistyped(settings: Mapping[str, Any]) -> Iterator[Problem]:
    for setting in SETTINGS:
        if setting.name in settings and not setting.kind.accepts(settings[setting.name]):
            value = settings[setting.name]
            yield (
                setting.name,
                setting.name,
                f"expected {setting.kind.description}, got {value!r} ({type(value).__name__})",
            )


class Locator:
    """Where names are assigned in a settings file and the files it star-imports."""

    def __init__(self, source: str | os.PathLike[str] | None) -> None:
        self.source = Path(source) if source else None
        self.places = assignments(self.source) if self.source else {}

    def locate(self, name: str, message: str, path: str = "") -> Diagnostic:
        if name in self.places:
            file, line, column = self.places[name]
            return Diagnostic(file, line, column, path, message)
        return Diagnostic(display(self.source) if self.source else "settings", 0, 0, path, message)


def assignments(path: Path, seen: frozenset[Path] = frozenset()) -> dict[str, tuple[str, int, int]]:
    """``name -> (file, line, column)`` of the assignment that wins: the last one, with
    ``from module import *`` read where it stands. Unreadable files locate nothing."""
    try:
        tree = ast.parse(path.read_bytes(), str(path))
    except (OSError, SyntaxError, ValueError):
        return {}
    found: dict[str, tuple[str, int, int]] = {}
    for node in _statements(tree.body):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            module = _module_file(node.module, path.parent)
            if any(a.name == "*" for a in node.names) and module and module not in seen:
                found.update(assignments(module, seen | {path}))
            continue
        for target in _targets(node):
            found[target.id] = (display(path), target.lineno, target.col_offset + 1)
    return found


def _statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements in source order, into ``if``/``try``/``with``/``for`` blocks (not into
    functions or classes, whose names are not settings)."""
    for node in body:
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for name in ("body", "orelse", "finalbody"):
            yield from _statements(getattr(node, name, []))
        for handler in getattr(node, "handlers", []):
            yield from _statements(handler.body)


def _targets(node: ast.stmt) -> Iterator[ast.Name]:
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    else:
        return
    stack: list[ast.expr] = list(targets)
    while stack:
        target = stack.pop(0)
        if isinstance(target, ast.Name):
            yield target
        elif isinstance(target, ast.Tuple | ast.List):
            stack[:0] = target.elts
        elif isinstance(target, ast.Starred):
            stack.insert(0, target.value)


def _module_file(module: str, directory: Path) -> Path | None:
    """The file ``import module`` ran (Pelican has just run the settings), else the one
    beside the settings file or in the working directory."""
    loaded = getattr(sys.modules.get(module), "__file__", None)
    if loaded:
        return Path(loaded)
    relative = Path(*module.split(".")).with_suffix(".py")
    return next((p for p in (directory / relative, Path(relative)) if p.is_file()), None)
