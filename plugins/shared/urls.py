"""Every URL and output path of the site in one table, built from Pelican's *_URL/*_SAVE_AS and ours.

Pages, feeds, JSON-LD, the sitemap, emails, share texts and the tools all ask this table, so moving
a page with a setting moves every link to it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlsplit

from pelican.settings import DEFAULT_CONFIG

# kind -> (URL setting, SAVE_AS setting); None where Pelican has no URL setting of its own.
PELICAN_KINDS = {
    "author": ("AUTHOR_URL", "AUTHOR_SAVE_AS"),
    "authors": ("AUTHORS_URL", "AUTHORS_SAVE_AS"),
    "category": ("CATEGORY_URL", "CATEGORY_SAVE_AS"),
    "categories": ("CATEGORIES_URL", "CATEGORIES_SAVE_AS"),
    "tag": ("TAG_URL", "TAG_SAVE_AS"),
    "tags": ("TAGS_URL", "TAGS_SAVE_AS"),
    "archives": ("ARCHIVES_URL", "ARCHIVES_SAVE_AS"),
    "draft": ("DRAFT_URL", "DRAFT_SAVE_AS"),
    "page": ("PAGE_URL", "PAGE_SAVE_AS"),
    "index": ("INDEX_URL", "INDEX_SAVE_AS"),
}
OUR_KINDS = {
    "series": ("SERIES_URL", "SERIES_SAVE_AS"),
    "series_index": ("SERIES_INDEX_URL", "SERIES_INDEX_SAVE_AS"),
    "roundup": ("ROUNDUP_URL", "ROUNDUP_SAVE_AS"),
    "roundups": ("ROUNDUPS_URL", "ROUNDUPS_SAVE_AS"),
    "roundup_share": ("ROUNDUP_SHARE_URL", None),
    "newsletter_web": ("NEWSLETTER_WEB_COPY_URL", None),
    "search": ("SEARCH_URL", "SEARCH_SAVE_AS"),
    "subscribe": ("SUBSCRIBE_URL", "SUBSCRIBE_SAVE_AS"),
    "opml": ("SUBSCRIBE_OPML_URL", None),
}
FEED_FORMATS = ("atom", "rss")
# Pages a menu entry can name: the ones without a {slug}.
MENU_KINDS = ("index", "authors", "categories", "tags", "archives", "series_index", "roundups", "search",
              "subscribe")


def pattern_regex(pattern: str) -> str:
    """'autoren/{slug}/index.html' -> 'autoren/[^/]+/index\\.html': each {field} is one path
    segment, '{date:%Y}' four digits."""
    parts = re.split(r"(\{[^}]*\})", pattern)
    return "".join(r"\d{4}" if part.startswith("{date:%Y") else "[^/]+" if part.startswith("{")
                   else re.escape(part) for part in parts)


def url_of_save_as(save_as: str) -> str:
    """'autoren/index.html' -> 'autoren/'; 'index.html' -> ''; 'about.html' stays."""
    return re.sub(r"(^|/)index\.html$", r"\1", save_as)


def _save_as_of_url(url: str) -> str:
    return url + "index.html" if url.endswith("/") or url == "" else url


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def absolute_url(base: str, url: str) -> str:
    """An absolute address for a site-relative URL against `base` (SITEURL, no trailing slash);
    URLs that already have a scheme (https:, mailto:) stay as they are. Feeds, emails and share
    texts all go through here."""
    if _SCHEME.match(url or ""):
        return url
    return f"{base}/{(url or '').lstrip('/')}"


@dataclass(frozen=True)
class UrlTable:
    """URLs relative to the site root ("autoren/jana-beispiel/") and output paths for every kind."""

    patterns: MappingProxyType  # kind -> (url pattern, save_as pattern)
    site_url: str  # absolute base for feeds and emails, no trailing slash ("" in development)
    share_base: str  # https base of share texts (SITEURL when https, else SHARE_SITEURL)
    feed_site: str  # "feeds/{format}.xml"
    feed_file: str  # "{format}.xml", next to the page it belongs to
    newsletter_dir: str  # "newsletter/"

    def url(self, kind: str, **fields) -> str:
        return self.patterns[kind][0].format(**fields)

    def save_as(self, kind: str, **fields) -> str:
        return self.patterns[kind][1].format(**fields)

    def absolute(self, url: str, base: str | None = None) -> str:
        return absolute_url(self.site_url if base is None else base, url)

    def shared(self, url: str) -> str:
        """The address used in share texts, always https."""
        return self.absolute(url, self.share_base)

    def feed(self, kind: str, fmt: str, key: str | None = None) -> str:
        """Output path (= URL) of a feed: the site's in FEED_SITE_URL, the others next to their page."""
        if kind == "site":
            return self.feed_site.format(format=fmt)
        page = self.url("roundups") if kind == "roundups" else self.url(kind, slug=key)
        name = self.feed_file.format(format=fmt)
        if page.endswith("/") or page == "":
            return page + name
        return posixpath.splitext(page)[0] + "." + name

    def beside(self, save_as: str, file_name: str) -> str:
        """A file next to a page: '2026/x/index.html' -> '2026/x/share.json'."""
        folder, page = posixpath.split(save_as)
        if page == "index.html":
            return posixpath.join(folder, file_name)
        return posixpath.splitext(save_as)[0] + "." + file_name

    def newsletter_file(self, slug: str, suffix: str) -> str:
        return f"{self.newsletter_dir}{slug}.{suffix}"

    @property
    def site_path(self) -> str:
        """The path SITEURL puts before every URL ('/blog' for https://example.org/blog), no trailing '/'."""
        return urlsplit(self.site_url).path.rstrip("/")

    def prefix(self, kind: str) -> str:
        """The fixed start of a kind's URLs ('entwuerfe/' for drafts), for exclusion rules."""
        return self.patterns[kind][0].split("{", 1)[0]

    def regex(self, kind: str) -> str:
        """A regular expression of every URL of a kind."""
        return pattern_regex(self.patterns[kind][0])

    def not_for_search_engines(self) -> tuple[str, ...]:
        """URLs kept out of sitemap.xml whatever the layout: drafts, the emails and their web copies,
        the #FollowFriday share pages (texts to copy, not pages to find)."""
        return ("^" + re.escape(self.prefix("draft")), "^" + re.escape(self.newsletter_dir),
                "^" + self.regex("newsletter_web"), "^" + self.regex("roundup_share"))


def build_url_table(settings, config_values) -> UrlTable:
    """`settings`: Pelican's settings; `config_values`: the validated values of shared.config."""
    patterns = {}
    for kind, (url_key, save_key) in PELICAN_KINDS.items():
        # a plain dict (tools, unit tests) falls back to Pelican's defaults, as Pelican itself does
        save_as = settings.get(save_key, DEFAULT_CONFIG.get(save_key)) or ""
        url = settings.get(url_key, DEFAULT_CONFIG.get(url_key))
        patterns[kind] = (url_of_save_as(save_as) if url is None else url, save_as)
    for kind, (url_key, save_key) in OUR_KINDS.items():
        url = config_values[url_key]
        patterns[kind] = (url, config_values[save_key] if save_key else _save_as_of_url(url))
    site_url = str(settings.get("SITEURL") or "").rstrip("/")
    share_base = ""
    for value in (site_url, config_values["SHARE_SITEURL"]):
        if str(value).startswith("https://"):
            share_base = str(value).rstrip("/")
            break
    # fixed: the newsletter and deploy commands find the emails there, and it is no page to move
    newsletter_dir = "newsletter/"
    return UrlTable(MappingProxyType(patterns), site_url, share_base, config_values["FEED_SITE_URL"],
                    config_values["FEED_FILE_NAME"], newsletter_dir)
