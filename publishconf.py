"""Pelican settings for publishing (``make publish``): absolute URLs, no drafts."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://tietosuoja.example.fi")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
PRIVACY_NOTICE_DRAFTS = False  # publishing refuses an unreleased policy.yaml
PRIVACY_NOTICE_FALLBACK = False
