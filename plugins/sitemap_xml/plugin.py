"""Collects every HTML page Pelican writes and writes sitemap.xml after all of them.

List this plugin last in PLUGINS: its generator then writes after the other generators' pages.
"""

import os

from pelican import signals
from pelican.utils import sanitised_join

from .sitemap import DEFAULT_EXCLUDE, SitemapEntry, is_listed, page_url, sitemap_xml


class SitemapGenerator:
    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context, self.settings, self.output_path = context, settings, output_path
        # The writer copies the context shallowly, so content_written sees this same list.
        context["sitemap_pages"] = []

    def generate_context(self):
        pass

    def generate_output(self, writer):
        articles = self.context.get("articles") or []
        newest = max((a.date for a in articles), default=None)
        exclude = (*DEFAULT_EXCLUDE, *self.settings.get("SITEMAP_EXCLUDE", ()))
        entries = []
        for path, item in self.context["sitemap_pages"]:
            url = page_url(os.path.relpath(path, self.output_path).replace(os.sep, "/"))
            if not is_listed(url, getattr(item, "status", "published"), exclude):
                continue
            lastmod = getattr(item, "modified", None) or getattr(item, "date", None) if item else newest
            entries.append(SitemapEntry(url, lastmod))
        siteurl = self.settings.get("SITEURL", "")
        with open(sanitised_join(self.output_path, "sitemap.xml"), "w", encoding="utf-8") as handle:
            handle.write(sitemap_xml(entries, siteurl))


def remember_page(path, context):
    pages = context.get("sitemap_pages")
    if pages is not None and path.endswith(".html"):
        pages.append((path, context.get("article") or context.get("page")))


def add_generator(pelican):
    return SitemapGenerator


def register():
    signals.get_generators.connect(add_generator)
    signals.content_written.connect(remember_page)
