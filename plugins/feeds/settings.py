"""The feeds plugin's settings, read and checked in one place."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from shared.messages import t
from shared.urls import absolute_url


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
        return absolute_url(self.site_url, relative_url)


def read_feed_settings(config) -> tuple[FeedSettings, list[str]]:
    """The feed values of the site config, and the errors of rules that span settings."""
    errors = []
    for key in PELICAN_FEED_SETTINGS:
        if config.pelican.get(key):
            errors.append(t("{setting} turns on Pelican's own feed writer; set {fix} "
                            "(the feeds plugin writes every feed, see docs/feeds.md)",
                            setting=f"{key} = {config.pelican[key]!r}", fix=f"{key} = None"))
    enabled = config["FEEDS_ENABLED"]
    site_url = config.site_url
    if enabled and not urlsplit(site_url).hostname:
        errors.append(t("FEEDS_ENABLED needs an absolute SITEURL, found {setting}; "
                        "feeds are written by publishconf.py, e.g. {example}",
                        setting=f"SITEURL = {site_url!r}", example="SITEURL = 'https://blog.example'"))
        enabled = False
    pelican = config.pelican
    static_dir = str(pelican.get("THEME_STATIC_DIR", "theme")).strip("/")
    return FeedSettings(
        enabled=enabled,
        site_url=site_url,
        id_domain=str(config["FEED_ID_DOMAIN"] or urlsplit(site_url).hostname or ""),
        max_items=config["FEED_MAX_ITEMS"],
        content=config["FEED_CONTENT"],
        site_name=str(pelican.get("SITENAME", "")),
        tagline=str(config["SITE_TAGLINE"] or pelican.get("SITESUBTITLE") or pelican.get("SITENAME", "")),
        publisher=str(config["PUBLISHER"] or pelican.get("AUTHOR") or pelican.get("SITENAME", "")),
        language=config.lang,
        timezone=config.tz_name,
        content_root=str(pelican.get("PATH", "content")),
        theme=str(pelican.get("THEME", "theme")),
        stylesheet_url=f"{site_url}/{static_dir}/feeds/feed.xsl",
    ), errors
