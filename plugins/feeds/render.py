"""Turn a planned Feed into Atom or RSS 2.0 bytes with feedgen."""

from __future__ import annotations

from html import escape
from xml.sax.saxutils import quoteattr

from feedgen.feed import FeedGenerator

from .catalog import FORMATS, MEDIA_TYPES, Feed
from .entries import Entry
from .settings import FeedSettings

# No version: the bytes of a feed should not change with a library update.
GENERATOR = {"generator": "python-feedgen", "uri": "https://lkiesow.github.io/python-feedgen"}


def render_feeds(feed: Feed, settings: FeedSettings, title: str, description: str,
                 formats=FORMATS) -> dict[str, bytes]:
    """{format: document}, pretty-printed, with the browser stylesheet referenced after the
    declaration. One feedgen generator writes both formats: its entries are made once."""
    generator = FeedGenerator()
    generator.title(title)
    generator.author({"name": settings.publisher, "uri": settings.absolute("")})
    generator.language(settings.language)
    generator.generator(**GENERATOR)
    # feedgen sets updated and lastBuildDate to "now" unless told otherwise.
    generator.updated(feed.updated)
    generator.load_extension("dc", atom=False, rss=True)  # dc:creator: RSS <author> needs an email
    for entry in feed.entries:
        add_entry(generator, entry, settings.content)
    documents = {}
    for fmt in formats:
        self_url = settings.absolute(feed.paths[fmt])
        generator.id(self_url)
        # Also the RSS channel description, which readers take as HTML: escaped there, so text stays text.
        generator.subtitle(escape(description, quote=False) if fmt == "rss" else description)
        # feedgen takes the channel <link> of RSS from the last link: the page, not the feed.
        generator.link([{"href": self_url, "rel": "self", "type": MEDIA_TYPES[fmt]},
                        {"href": feed.topic.page_url, "rel": "alternate", "type": "text/html"}], replace=True)
        document = generator.atom_str(pretty=True) if fmt == "atom" else generator.rss_str(pretty=True)
        documents[fmt] = with_stylesheet(document, settings.stylesheet_url)
    return documents


def add_entry(generator: FeedGenerator, entry: Entry, content_mode: str) -> None:
    item = generator.add_entry(order="append")
    item.id(entry.entry_id)  # also the RSS guid, isPermaLink="false"
    item.title(entry.title)
    item.link(href=entry.url, rel="alternate", type="text/html")
    item.published(entry.published)
    item.updated(entry.updated)
    if entry.authors:
        item.author([{"name": p.name, **({"uri": p.uri} if p.uri else {})} for p in entry.authors])
        for person in entry.authors:  # written in RSS only (the extension is off for Atom)
            item.dc.dc_creator(person.name)
    if entry.terms:
        item.category([{"term": t.term, **({"scheme": t.scheme} if t.scheme else {})} for t in entry.terms])
    with_content = content_mode == "full" and bool(entry.content_html.strip())
    if with_content:
        item.content(entry.content_html, type="html")
    # A summary that merely repeats a short post is left out (as Pelican's own feeds do).
    if entry.summary_html.strip() and not (with_content and entry.summary_html == entry.content_html):
        item.summary(entry.summary_html, type="html")
    elif not with_content:
        item.summary(entry.title, type="text")


def with_stylesheet(document: bytes, stylesheet_url: str) -> bytes:
    """feedgen writes no processing instructions: put ours right after the XML declaration."""
    instruction = f"<?xml-stylesheet type=\"text/xsl\" href={quoteattr(stylesheet_url)}?>\n".encode()
    declaration_end = document.index(b"?>") + 2 if document.startswith(b"<?xml") else 0
    head, tail = document[:declaration_end], document[declaration_end:].lstrip(b"\n")
    return head + b"\n" + instruction + tail if head else instruction + tail
