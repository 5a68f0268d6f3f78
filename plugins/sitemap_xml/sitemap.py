"""sitemap.xml from the pages a build wrote; lastmod from content dates, never from the clock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

DEFAULT_EXCLUDE = (r"^404\.html$", r"(^|/)_")  # drafts: the draft URL prefix is added from the URL table


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # relative to the site root, e.g. "2026/netzwerken/"
    lastmod: datetime | None


def page_url(relative_path: str) -> str:
    """'autoren/jana/index.html' -> 'autoren/jana/'; 'index.html' -> ''."""
    return re.sub(r"(^|/)index\.html$", r"\1", relative_path)


def is_listed(url: str, status: str, exclude=DEFAULT_EXCLUDE) -> bool:
    """Published pages only; drafts, 404 and SITEMAP_EXCLUDE patterns stay out."""
    return status == "published" and not any(re.search(pattern, url) for pattern in exclude)


def sitemap_xml(entries: list[SitemapEntry], siteurl: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for entry in sorted(set(entries), key=lambda e: e.url):
        lines.append(f"<url><loc>{escape(siteurl.rstrip('/') + '/' + entry.url)}</loc>"
                     + (f"<lastmod>{entry.lastmod.isoformat(timespec='seconds')}</lastmod>" if entry.lastmod else "")
                     + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
