"""Production settings: absolute URLs from SITEURL, feeds on, drafts not written."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "https://blog.nordlicht-werkstatt.example")
RELATIVE_URLS = False
WRITE_DRAFTS = False
DELETE_OUTPUT_DIRECTORY = False  # tools/publish.py swaps output/ atomically instead

# --- feeds ---
FEEDS_ENABLED = True

# --- newsletter ---
NEWSLETTER_ENABLED = True

# --- web editor ---
# /admin/ on the live site once the GitLab application exists (README "Web editor"): set
# EDITOR_APP_ID in pelicanconf.py and EDITOR_ENABLED = True here.
EDITOR_ENABLED = False
EDITOR_LOCAL_BACKEND = ""
