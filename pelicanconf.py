"""Pelican settings for the development build (``make html``, ``make devserver``)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

# SITENAME: not set, so the site is named after the controller in policy.yaml.
SITEURL = ""
RELATIVE_URLS = True  # output/ opens straight from disk
TIMEZONE = "Europe/Helsinki"
DEFAULT_LANG = "fi"  # output/index.html leads here first

PATH = str(ROOT / "content")
THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = ["privacy_notice"]

# The privacy notice: inputs, relative to this file.
PRIVACY_NOTICE_ROOT = str(ROOT)
PRIVACY_NOTICE_POLICY = "policy.yaml"
PRIVACY_NOTICE_TRANSLATIONS = "translations"
PRIVACY_NOTICE_VERSIONS = "content/versions"
PRIVACY_NOTICE_DRAFTS = True  # an unreleased policy.yaml is shown with a "Draft" banner
# Draft previews only: show untranslated texts in the source language, marked, instead
# of failing. Never in publishconf.py.
PRIVACY_NOTICE_FALLBACK = False

# Only the notice: none of Pelican's blog pages or feeds.
DIRECT_TEMPLATES = []
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = None
FEED_DOMAIN = SITEURL
CACHE_PATH = str(ROOT / ".cache")  # compiled templates; safe to delete
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
