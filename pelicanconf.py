"""Site settings for development: relative URLs, drafts written, no feeds.

`make html`, `make serve` and `make devserver` use this file; `make publish` adds publishconf.py.
"""

import os
import sys

# Plugins import their shared helpers as `shared` (plugins/shared/). Pelican imports plugins by name
# from PLUGIN_PATHS but does not put that folder on sys.path, so plain `pelican` (make devserver) needs this.
PLUGINS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
if PLUGINS_DIR not in sys.path:
    sys.path.insert(0, PLUGINS_DIR)

AUTHOR = "Redaktion"
SITENAME = "Werkbank Blog"
SITE_TAGLINE = "Wissen teilen bei der Nordlicht Werkstatt GmbH"
SITEURL = ""
PUBLISHER = "Nordlicht Werkstatt GmbH"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# Authors, series and roundup notes are read by our plugins, not as Markdown articles.
ARTICLE_EXCLUDES = ["authors", "series", "roundups"]
PAGE_EXCLUDES = ["authors", "series", "roundups"]
IGNORE_FILES = [".#*", "*~", "*.swp", "README.md"]

TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"  # "en" switches UI strings and date formats to English
THEME = "theme"
# Templates escape every value once, by themselves: titles and names are text, not HTML. HTML we
# build on purpose (Markdown fields, JSON-LD) is Markup; Pelican's article.content gets |safe.
# Each build makes its own environment, so no template can change during one: auto_reload off saves
# a stat() per include (about 15,000 at 1,000 posts). The rest are Pelican's defaults.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "auto_reload": False}

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "frontmatter",  # YAML front matter, scheduled posts, duplicate slugs
    "localization",  # UI strings de/en and Babel dates for templates
    "authors",  # content/authors/*.yml -> profiles, author pages, bylines
    "series",  # content/series/*.yml -> numbered tips, series pages
    "roundup",  # weekly roundups (Wochenrückblick) with thanks
    "feeds",  # Atom and RSS with feedgen
    "newsletter",  # each roundup as an email (.html, .txt, .eml)
    "sharekit",  # share texts and #FollowFriday posts
    "sitemap_xml",  # last: lists every page the others wrote
    "readers",  # search page, Weiterlesen, reading time, sized images, subscribe page + OPML
    "aliases",  # old addresses (front matter `aliases:`) -> redirect pages, written last
    "editor",  # the web editor at /admin/ (Decap CMS) when EDITOR_ENABLED, its forms made from the content
    "brand",  # logo, icons, brand colour shades, site font, footer line
    "socialcards",  # og:image of every page: the post's picture or a card drawn with Pillow, cached
    "privacy",  # last: reads every written file: nothing loads from another origin, no GPS in pictures
]

# The slug comes from the file name, so fixing a typo in a title never breaks a link.
SLUGIFY_SOURCE = "basename"
# A post without `category:` is in this one (make new-post writes it), never in its folder's name ("2026")
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Allgemein"
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/seite/{number}/", "{base_name}/seite/{number}/index.html"),
)
DEFAULT_DATE = None
WITH_FUTURE_DATES = True  # frontmatter holds future posts back itself (see plugins/frontmatter)

ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
DRAFT_URL = "entwuerfe/{slug}/"
DRAFT_SAVE_AS = "entwuerfe/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "kategorie/{slug}/"
CATEGORY_SAVE_AS = "kategorie/{slug}/index.html"
CATEGORIES_URL = "kategorie/"
CATEGORIES_SAVE_AS = "kategorie/index.html"
TAG_URL = "thema/{slug}/"
TAG_SAVE_AS = "thema/{slug}/index.html"
TAGS_URL = "thema/"
TAGS_SAVE_AS = "thema/index.html"
AUTHOR_URL = "autoren/{slug}/"
AUTHOR_SAVE_AS = "autoren/{slug}/index.html"
AUTHORS_URL = "autoren/"
AUTHORS_SAVE_AS = "autoren/index.html"
ARCHIVES_URL = "archiv/"
ARCHIVES_SAVE_AS = "archiv/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors"]
TEMPLATE_PAGES = {"404.html": "404.html", "robots.txt": "robots.txt"}

# Feeds are written by our feeds plugin in publishconf.py; Pelican's own writers stay off.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

WRITE_DRAFTS = True
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
# A static file (the logo's SVG, a PDF) is copied only when its source is newer: the preview rebuilds
# into the same folder and keeps every unchanged file as it is (make html and publish start empty).
STATIC_CHECK_IF_MODIFIED = True

# Footer links; there are no share widgets, only plain links built in the templates.
FOOTER_PAGES = ["ueber-uns", "impressum", "datenschutz"]

# --- brand ---
# The company's look, without editing templates (docs/brand.md). The logo (SVG or PNG, in content/)
# is shown in the header and becomes the favicon, the touch icon and the email's PNG; links, buttons
# and focus rings use shades of ACCENT_COLOR that pass WCAG AA in light and dark mode.
SITE_LOGO = "images/brand/nordlicht-werkstatt.svg"
ACCENT_COLOR = "#0e7c66"
SITE_FONT = None  # e.g. "@fontsource/atkinson-hyperlegible" (npm install --save-exact it first)
FOOTER_LINE = ""  # empty: "Ein Blog von Menschen der <PUBLISHER>. …"
SHARE_NETWORKS = ["linkedin", "xing", "mastodon", "bluesky", "email"]


# Markdown "extra" only: authors type German quotes „…“ themselves. The smarty extension would
# do it for them but doubled the cost of every conversion (bench/run.py), and toc was unused.
MARKDOWN = {
    "extension_configs": {"markdown.extensions.extra": {}},
    "output_format": "html5",
}

# Main navigation: UI string key and the kind of page (its URL comes from the URL settings).
MAIN_MENU = [
    {"key": "nav_home", "page": "index"},
    {"key": "nav_authors", "page": "authors"},
    {"key": "nav_series", "page": "series_index"},
    {"key": "nav_roundups", "page": "roundups"},
    {"key": "nav_archive", "page": "archives"},
    {"key": "nav_search", "page": "search"},
]

# --- series ---
# The series page and the newest tip say when the next (scheduled) tip comes out; never its title.
SERIES_ANNOUNCE_NEXT = True

# --- sitemap ---
# Regular expressions of output URLs kept out of sitemap.xml (drafts and 404 always are).
SITEMAP_EXCLUDE = []  # drafts, emails, their web copies and share pages are always left out

# --- roundup ---
# The weekly roundup (Wochenrückblick) closes every ROUNDUP_WEEKDAY at ROUNDUP_TIME (TIMEZONE wall time).
ROUNDUP_WEEKDAY = "friday"
ROUNDUP_TIME = "15:00"
ROUNDUP_NOTES_PATH = "roundups"  # editor notes: content/roundups/<ISO year>-W<week>.md
# The first week with a roundup, e.g. "2026-W49" (None: every week). Earlier weeks get no roundup,
# email or #FollowFriday kit: `make import-wordpress` sets it so imported years stay quiet.
ROUNDUP_START = None
ROUNDUP_URL = "wochenrueckblick/{slug}/"
ROUNDUP_SAVE_AS = "wochenrueckblick/{slug}/index.html"
ROUNDUPS_URL = "wochenrueckblick/"
ROUNDUPS_SAVE_AS = "wochenrueckblick/index.html"

# --- feeds ---
# Our feeds plugin writes every feed with feedgen (docs/feeds.md); Pelican's own writers stay off.
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_RSS = None
FEEDS_ENABLED = False  # development builds skip feeds; publishconf.py turns them on
FEED_MAX_ITEMS = 20  # newest entries per feed
FEED_CONTENT = "full"  # "full": the whole post in the feed; "summary": only the summary
FEED_ID_DOMAIN = None  # entry ids use SITEURL's domain; pin the old one here if the site moves

# --- newsletter ---
# Every roundup as an email (plugins/newsletter, docs/newsletter.md). Development builds have no
# SITEURL, and an email needs absolute URLs: it is written by publishconf.py / `make newsletter`.
NEWSLETTER_ENABLED = False
# How readers unsubscribe. "mailto": a mailto: link and List-Unsubscribe header to
# NEWSLETTER_UNSUBSCRIBE_MAILTO, sent by `make send-newsletter` (SMTP to the list address).
# "listmonk" | "mailchimp" | "brevo": that service's placeholders, filled in only when the HTML is
# sent through the service's own campaign editor or API; `make send-newsletter` refuses them.
NEWSLETTER_SERVICE = "mailto"
NEWSLETTER_FROM = "Werkbank Blog <newsletter@nordlicht-werkstatt.example>"
NEWSLETTER_TO = "werkbank-newsletter@lists.nordlicht-werkstatt.example"
NEWSLETTER_UNSUBSCRIBE_MAILTO = "newsletter-abmelden@nordlicht-werkstatt.example"
NEWSLETTER_LOGO = None  # None: a PNG of SITE_LOGO; or {"path": "favicon.png", "width": 32, "height": 32} (theme static)
NEWSLETTER_MAX_BYTES = 90 * 1024
NEWSLETTER_WEEKS = 8  # emails for the newest 8 roundups (0 = all); older weeks are never sent again
# Newsletter files and their web copies are not pages to find through the sitemap.

# --- readers ---
# The subscribe page (/abonnieren/) links the newsletter sign-up here (an https form or a mailto address).
NEWSLETTER_SUBSCRIBE_URL = "mailto:newsletter-anmelden@nordlicht-werkstatt.example?subject=Anmelden"
READING_WORDS_PER_MINUTE = 200  # "4 Min. Lesezeit": words of the body / 200, rounded up, at least 1
READ_NEXT_COUNT = 3  # "Weiterlesen" under every article
IMAGE_WIDTHS = [480, 800, 1200, 1600]  # smaller copies of every picture for srcset (cached in CACHE_PATH)
IMAGE_MAX_SIZE = 2000  # no published picture is larger on its long side (a phone photo is 4032 px)

# --- sharekit ---
# Share links on Mastodon open this instance unless the article's author has a Mastodon profile.
SHARE_MASTODON_INSTANCE = "https://mastodon.social"
# Share texts carry absolute https URLs: SITEURL when it is https (publishconf.py), else this one,
# so the previews of `make html` show the texts exactly as published.
SHARE_SITEURL = "https://blog.nordlicht-werkstatt.example"
# Post limits as each network counts (see plugins/sharekit/counting.py); override per network.
SHARE_LIMITS = {"mastodon": 500, "bluesky": 300, "x": 280, "linkedin": 3000, "xing": 3000}
# #FollowFriday pages (wochenrueckblick/<week>/teilen/) for the newest 8 roundups (0 = all).
SHARE_WEEKS = 8

# --- web editor (/admin/, docs/editor.md) ---
# Decap CMS on top of git: colleagues write in the browser, each post becomes a merge request with
# the same checks. `make editor` turns it on with the local backend (decap-server writes into this
# checkout, no account needed); publishconf.py decides whether the live site has it.
EDITOR_LOCAL_BACKEND = os.environ.get("EDITOR_LOCAL_BACKEND", "")  # set by `make editor`
EDITOR_ENABLED = bool(EDITOR_LOCAL_BACKEND)
EDITOR_BACKEND = "gitlab"  # or "github" (needs an OAuth helper: docs/editor.md)
EDITOR_REPO = "nordlicht/werkbank-blog"
EDITOR_BRANCH = "main"
EDITOR_APP_ID = ""  # the GitLab OAuth application's ID (README "Web editor")
EDITOR_BASE_URL = "https://gitlab.nordlicht-werkstatt.example"  # self-hosted GitLab; '' = gitlab.com
