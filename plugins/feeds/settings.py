"""The feeds plugin's settings, read and checked in one place."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

CONTENT_MODES = ("full", "summary")
DEFAULT_MAX_ITEMS = 20

# Pelican's own feed writers: all must stay off, our plugin is the one way feeds are made.
PELICAN_FEED_SETTINGS = (
    "FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS",
    "TAG_FEED_ATOM", "TAG_FEED_RSS", "TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS",
)


@dataclass(frozen=True)
class FeedSettings:
    enabled: bool
    site_url: str  # absolute, without trailing slash
    id_domain: str  # the tagging authority of entry ids (tag:<id_domain>,<date>:<id>)
    max_items: int
    content: str  # "full" or "summary"
    site_name: str
    tagline: str
    publisher: str
    language: str
    timezone: str
    content_root: str
    theme: str
    stylesheet_url: str  # the XSL that makes a feed readable in a browser

    def absolute(self, relative_url: str) -> str:
        return f"{self.site_url}/{relative_url.lstrip('/')}"


def read_feed_settings(settings: dict) -> tuple[FeedSettings, list[str]]:
    """Return the checked settings and a list of configuration errors (each names key and value)."""
    errors = []
    for key in PELICAN_FEED_SETTINGS:
        if settings.get(key):
            errors.append(f"{key} = {settings[key]!r} turns on Pelican's own feed writer; set {key} = None "
                          "(the feeds plugin writes every feed, see docs/feeds.md)")
    enabled = bool(settings.get("FEEDS_ENABLED", False))
    site_url = str(settings.get("SITEURL") or "").rstrip("/")
    if enabled and not urlsplit(site_url).hostname:
        errors.append(f"FEEDS_ENABLED needs an absolute SITEURL, found SITEURL = {site_url!r}; "
                      "feeds are written by publishconf.py, e.g. SITEURL = 'https://blog.example'")
        enabled = False
    max_items = settings.get("FEED_MAX_ITEMS", DEFAULT_MAX_ITEMS)
    if isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 1:
        errors.append(f"FEED_MAX_ITEMS = {max_items!r} is not a whole number from 1; e.g. FEED_MAX_ITEMS = 20")
        max_items = DEFAULT_MAX_ITEMS
    content = settings.get("FEED_CONTENT", "full")
    if content not in CONTENT_MODES:
        errors.append(f"FEED_CONTENT = {content!r} is not one of {', '.join(map(repr, CONTENT_MODES))}")
        content = "full"
    id_domain = str(settings.get("FEED_ID_DOMAIN") or urlsplit(site_url).hostname or "")
    static_dir = str(settings.get("THEME_STATIC_DIR", "theme")).strip("/")
    return FeedSettings(
        enabled=enabled,
        site_url=site_url,
        id_domain=id_domain,
        max_items=max_items,
        content=content,
        site_name=str(settings.get("SITENAME", "")),
        tagline=str(settings.get("SITE_TAGLINE") or settings.get("SITESUBTITLE") or settings.get("SITENAME", "")),
        publisher=str(settings.get("PUBLISHER") or settings.get("AUTHOR") or settings.get("SITENAME", "")),
        language=str(settings.get("DEFAULT_LANG", "de")),
        timezone=str(settings.get("TIMEZONE", "Europe/Berlin")),
        content_root=str(settings.get("PATH", "content")),
        theme=str(settings.get("THEME", "theme")),
        stylesheet_url=f"{site_url}/{static_dir}/feeds/feed.xsl",
    ), errors
