"""The tool's default Pelican settings for a notice folder.

A notice folder holds ``policy.yaml``, ``translations/`` and ``content/versions/``. Where it
has no ``pelicanconf.py`` of its own, ``privacy-notice --root DIR build`` builds it with
these settings; the repository's ``pelicanconf.py`` starts from them too. They publish only
the notice (none of Pelican's blog pages or feeds), with the tool's theme, and take the site
name and the default language from the notice itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from privacy_notice.source.load import read_mapping
from privacy_notice.source.options import DEFAULT_THEME, PLUGIN_PATH
from privacy_notice.source.shared import REFERENCE, REGISTERS_DIR, SHARED_FILE, project_of

# Only the notice: none of Pelican's blog pages or feeds.
_NO_BLOG: dict[str, Any] = {
    "DIRECT_TEMPLATES": [],
    "ARTICLE_PATHS": [],
    "PAGE_PATHS": [],
    "STATIC_PATHS": [],
    **dict.fromkeys(
        (
            "ARTICLE_SAVE_AS",
            "ARTICLE_LANG_SAVE_AS",
            "DRAFT_SAVE_AS",
            "DRAFT_LANG_SAVE_AS",
            "PAGE_SAVE_AS",
            "PAGE_LANG_SAVE_AS",
            "DRAFT_PAGE_SAVE_AS",
            "DRAFT_PAGE_LANG_SAVE_AS",
            "TAG_SAVE_AS",
            "TAGS_SAVE_AS",
            "CATEGORY_SAVE_AS",
            "CATEGORIES_SAVE_AS",
            "AUTHOR_SAVE_AS",
            "AUTHORS_SAVE_AS",
            "ARCHIVES_SAVE_AS",
            "YEAR_ARCHIVE_SAVE_AS",
            "MONTH_ARCHIVE_SAVE_AS",
            "DAY_ARCHIVE_SAVE_AS",
        ),
        "",
    ),
    **dict.fromkeys(
        (
            "FEED_ALL_ATOM",
            "FEED_ALL_RSS",
            "CATEGORY_FEED_ATOM",
            "TRANSLATION_FEED_ATOM",
            "AUTHOR_FEED_ATOM",
            "AUTHOR_FEED_RSS",
            "FEED_MAX_ITEMS",
        ),
        None,
    ),
}


def policy_facts(policy: Path) -> tuple[str | None, str | None]:
    """The controller's name and the first published language of ``policy``, where it
    can be read; a broken file gives ``(None, None)`` (the build reports its problems).
    A controller shared by reference (``$shared``) is read from the project's
    ``shared.yaml``; a project of only ``registers/<slug>/`` takes its first register's."""

    if not policy.exists():
        further = sorted((policy.parent / REGISTERS_DIR).glob(f"*/{policy.name}"))
        return policy_facts(further[0]) if further else (None, None)
    data = read_mapping(policy)
    controller, languages = data.get("controller"), data.get("languages")
    if isinstance(controller, dict) and isinstance(controller.get(REFERENCE), str):
        blocks = read_mapping(project_of(policy) / SHARED_FILE).get("blocks")
        block = blocks.get(controller[REFERENCE]) if isinstance(blocks, dict) else None
        controller = block if isinstance(block, dict) else None
    name = controller.get("name") if isinstance(controller, dict) else None
    if isinstance(name, dict):  # a name translated through the catalogs: its source text
        name = name.get("translate")
    first = languages[0] if isinstance(languages, list) and languages else None
    return (
        name if isinstance(name, str) and name else None,
        first if isinstance(first, str) else None,
    )


def notice_settings(root: str | Path) -> dict[str, Any]:
    """Pelican settings that build the notice folder ``root`` as a development build:
    drafts shown with a banner, relative URLs, no fallback for untranslated texts."""
    root = Path(root).resolve()
    name, language = policy_facts(root / "policy.yaml")
    settings: dict[str, Any] = {
        "SITENAME": name or root.name,
        "SITEURL": "",
        "RELATIVE_URLS": True,  # the output opens straight from disk
        "TIMEZONE": "Europe/Helsinki",
        # Pelican's content folder must exist and must not hold the output; a notice with
        # no release yet has none, nor has a project of only registers/<slug>/.
        "PATH": str(next((f for f in (root / "content", root / "registers") if f.is_dir()), root)),
        "THEME": str(DEFAULT_THEME),
        "PLUGIN_PATHS": [str(PLUGIN_PATH)],
        "PLUGINS": ["privacy_notice"],
        "PRIVACY_NOTICE_ROOT": str(root),
        "PRIVACY_NOTICE_POLICY": "policy.yaml",
        "PRIVACY_NOTICE_TRANSLATIONS": "translations",
        "PRIVACY_NOTICE_VERSIONS": "content/versions",
        "PRIVACY_NOTICE_DRAFTS": True,
        "PRIVACY_NOTICE_FALLBACK": False,
        "FEED_DOMAIN": "",
        "CACHE_PATH": str(root / ".cache"),  # Pelican's own content cache, off by default
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        **_NO_BLOG,
    }
    if language:
        settings["DEFAULT_LANG"] = language  # the entry page leads here first
    return settings


# What a settings file from elsewhere (``--root DIR build -s publishconf.py``) takes from
# the notice folder: the notice itself, its name, its default language and its cache.
_NOTICE_KEYS = ("PRIVACY_NOTICE_ROOT", "PATH", "SITENAME", "DEFAULT_LANG", "CACHE_PATH")


def folder_override(root: str | Path, settings_file: str | Path) -> dict[str, Any]:
    """The settings the notice folder ``root`` sets over ``settings_file``: over the
    folder's own ``pelicanconf.py`` only where the notice is; over settings from elsewhere,
    everything that belongs to the notice (the rest, e.g. SITEURL, stays theirs)."""
    root = Path(root).resolve()
    if Path(settings_file).resolve().parent == root:
        return {"PRIVACY_NOTICE_ROOT": str(root)}
    notice = notice_settings(root)
    return {key: notice[key] for key in _NOTICE_KEYS if key in notice}
