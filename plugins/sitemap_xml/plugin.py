"""Writes sitemap.xml from every HTML page the build wrote (shared.model.written_pages).

It writes on `finalized`, after every generator's output, so its place in PLUGINS does not matter.
"""

import os

from pelican import signals
from pelican.utils import sanitised_join

from shared.config import read_config
from shared.model import connect, written_pages
from shared.urls import build_url_table

from .sitemap import DEFAULT_EXCLUDE, SitemapEntry, is_listed, page_url, sitemap_xml


def write_sitemap(pelican):
    written = written_pages(pelican.settings)
    if written is None:
        return
    config, _problems = read_config(pelican.settings)  # reported at the start of the build already
    urls = build_url_table(pelican.settings, config.values)
    exclude = (*DEFAULT_EXCLUDE, *urls.not_for_search_engines(), *config["SITEMAP_EXCLUDE"])
    # pages without a date of their own (listings) change with the newest published article
    newest = max((page.date for page in written.pages if page.kind == "article" and page.status == "published"),
                 default=None)
    entries = []
    for page in written.pages:
        url = page_url(os.path.relpath(page.path, written.output_path).replace(os.sep, "/"))
        if page.kind != "redirect" and is_listed(url, page.status, exclude):  # an old address is no page to find
            entries.append(SitemapEntry(url, newest if page.kind == "listing" else page.date))
    with open(sanitised_join(written.output_path, "sitemap.xml"), "w", encoding="utf-8") as handle:
        handle.write(sitemap_xml(entries, urls.site_url))


def register():
    connect()
    signals.finalized.connect(write_sitemap)
