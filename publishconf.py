"""Pelican settings for publishing (``make publish``): absolute URLs, no drafts.

Drafts and untranslated texts are refused by publishing itself, not by a setting here:
``make publish`` runs ``privacy-notice build --publish``, and an absolute SITEURL implies it.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# Where the notice is published: feeds, canonical links and the exports are made from it.
# A real site sets it in the environment (SITEURL=https://… make publish)
# or here, in place of the placeholder, which make publish refuses.
SITEURL = os.environ.get("SITEURL", "https://tietosuoja.example.fi")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
