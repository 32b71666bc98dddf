"""Where a register's inputs are and how a build treats them: the options every stage
reads, from the command line or from Pelican's settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path as FilePath

# The tool's checkout (plugins/privacy_notice/source/options.py -> the folder holding theme/
# and plugins/: the tool is installed from it, editable) and its own theme: templates, CSS
# and the catalogs of its labels.
TOOL_ROOT = FilePath(__file__).resolve().parents[3]
PLUGIN_PATH = TOOL_ROOT / "plugins"
DEFAULT_THEME = TOOL_ROOT / "theme"


@dataclass(frozen=True)
class Options:
    """Where a register's inputs are and how a build treats them (drafts, fallbacks, date)."""

    policy: FilePath
    translations: FilePath
    versions: FilePath
    # The theme's catalogs (domain ``theme``): they belong to the theme, not to the notice.
    theme_translations: FilePath = DEFAULT_THEME / "translations"
    # The project's own catalogs of the theme's labels, for a language the theme has none
    # of (or words it otherwise): ``translations/<lang>/LC_MESSAGES/theme.po`` of the
    # project, read before the theme's (``privacy-notice translations`` adds them).
    own_theme_translations: FilePath | None = None
    # The catalogs of the project's shared blocks (see shared.py); the register's own
    # catalogs take precedence over them.
    shared_translations: FilePath | None = None
    allow_fallback: bool = False  # draft previews: show untranslated texts in the source language
    allow_draft: bool = True  # False for publishing: policy.yaml must be released
    # The live preview: untranslated texts fall back, and an edit of a released version
    # is shown as a draft (with a warning) instead of refused.
    preview: bool = False
    # The day the site is built as of (ISO 8601): which version is in force on it.
    as_of: str = field(default_factory=lambda: dt.date.today().isoformat())
    # ``build --register SLUG``: a site of that register alone (see per_register.py).
    register: str | None = None
