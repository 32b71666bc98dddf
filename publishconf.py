"""Pelican settings for publishing (``make publish``): absolute URLs, no drafts.

Drafts and untranslated texts are refused by publishing itself, not by a setting here:
``make publish`` runs ``privacy-notice build --publish``, and an absolute SITEURL implies it.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://tietosuoja.example.fi")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
