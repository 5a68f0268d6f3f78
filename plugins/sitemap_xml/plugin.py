"""Collects every HTML page Pelican writes and writes sitemap.xml when the build is finished.

It writes on `finalized`, after every generator's output, so its place in PLUGINS does not matter.
"""

import os
from dataclasses import dataclass, field

from pelican import signals
from pelican.contents import Article
from pelican.utils import sanitised_join

from shared.model import connect, site_config, url_table

from .sitemap import DEFAULT_EXCLUDE, SitemapEntry, is_listed, page_url, sitemap_xml

STATE_KEY = "SITEMAP_STATE"


@dataclass
class SitemapState:
    """The pages of one build. Kept in Pelican's settings because `finalized` only gets the Pelican
    object; plain values only, since Pelican's content cache pickles the settings."""

    output_path: str
    site_url: str
    exclude: tuple
    pages: list = field(default_factory=list)


class SitemapCollector:
    """A generator in name only: it starts each build's page list (context is new every build)."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        urls = url_table(context)
        exclude = (*DEFAULT_EXCLUDE, *urls.not_for_search_engines(), *site_config(context)["SITEMAP_EXCLUDE"])
        settings[STATE_KEY] = context[STATE_KEY] = SitemapState(output_path, urls.site_url, exclude)


def remember_page(path, context):
    state = context.get(STATE_KEY)
    if state is not None and path.endswith(".html"):
        state.pages.append((path, context.get("article") or context.get("page")))


def write_sitemap(pelican):
    state = pelican.settings.pop(STATE_KEY, None)
    if state is None:
        return
    # pages without a date of their own (listings) change with the newest published article
    newest = max((item.date for _, item in state.pages if isinstance(item, Article) and item.status == "published"),
                 default=None)
    entries = []
    for path, item in state.pages:
        url = page_url(os.path.relpath(path, state.output_path).replace(os.sep, "/"))
        if not is_listed(url, getattr(item, "status", "published"), state.exclude):
            continue
        lastmod = getattr(item, "modified", None) or getattr(item, "date", None) if item else newest
        entries.append(SitemapEntry(url, lastmod))
    with open(sanitised_join(state.output_path, "sitemap.xml"), "w", encoding="utf-8") as handle:
        handle.write(sitemap_xml(entries, state.site_url))


def add_generator(pelican):
    return SitemapCollector


def register():
    connect()
    signals.get_generators.connect(add_generator)
    signals.content_written.connect(remember_page)
    signals.finalized.connect(write_sitemap)
