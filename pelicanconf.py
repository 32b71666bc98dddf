"""Pelican settings for the development build (``make html``, ``make devserver``).

They start from the tool's defaults for a notice folder (privacy_notice/render/defaults.py: only
the notice, no blog pages or feeds; the site name from the controller in policy.yaml),
with this repository's choices below.
"""

from pathlib import Path

from privacy_notice.render.defaults import notice_settings

ROOT = Path(__file__).resolve().parent

globals().update(notice_settings(ROOT))

THEME = str(ROOT / "theme")
DEFAULT_LANG = "fi"  # output/index.html leads here first

# The privacy notice: inputs, relative to this file.
PRIVACY_NOTICE_ROOT = str(ROOT)
PRIVACY_NOTICE_DRAFTS = True  # an unreleased policy.yaml is shown with a "Draft" banner
# Draft previews only: show untranslated texts in the source language, marked, instead
# of failing. Never in publishconf.py.
PRIVACY_NOTICE_FALLBACK = False
