"""The Pelican edge of the reader aids: articles in, article.blog.words / reading_minutes / read_next
and pages out."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join

from shared.model import site_config, url_table
from shared.post import post_model

from .follow import FollowFeed, feed_groups, opml_document
from .pictures import PictureOptions
from .pictureshop import PictureShop, SourceLimits
from .reading import body_words, reading_minutes
from .readnext import Candidate, read_next


def candidate(article) -> Candidate:
    position = post_model(article).series
    following = position.next if position else None
    return Candidate(
        key=article.url,
        date=article.date,
        tags=frozenset(tag.slug for tag in getattr(article, "tags", None) or ()),
        authors=frozenset(author.slug for author in getattr(article, "authors", None) or ()),
        series_next=following.url if following is not None else None,
    )


def attach_reader_aids(context: dict, generators=()) -> None:
    """Model stage "readers": reading time for every post, Weiterlesen for the published ones."""
    config = site_config(context)
    published = list(context.get("articles", []))
    others = [article for generator in generators
              for article in (*getattr(generator, "drafts", ()), *getattr(generator, "hidden_articles", ()))]
    by_key = {article.url: article for article in published}
    chosen = read_next([candidate(article) for article in published], config["READ_NEXT_COUNT"])
    for article in (*published, *others):
        words = body_words(getattr(article, "_content", "") or "")
        suggestions = tuple(by_key[key] for key in chosen.get(article.url, ()))
        post = post_model(article)
        post.words, post.read_next = words, suggestions
        post.reading_minutes = reading_minutes(words, config["READING_WORDS_PER_MINUTE"])


def is_email_page(relative: str, urls) -> bool:
    """Emails and their web copies keep their own images (absolute, with a width, no srcset)."""
    if relative.startswith(urls.newsletter_dir):
        return True
    return re.fullmatch(urls.regex("newsletter_web") + r"(index\.html)?", relative) is not None


def picture_shop(config, output_path: str, cache_path: str) -> PictureShop:
    """This build's pictures, shaped by the IMAGE_* settings; the cache is CACHE_PATH/readers-images/."""
    options = PictureOptions(config["IMAGE_MAX_SIZE"], tuple(config["IMAGE_WIDTHS"]), tuple(config["IMAGE_FORMATS"]))
    limits = SourceLimits(config["IMAGE_SOURCE_MAX_BYTES"], config["IMAGE_SOURCE_MAX_SIZE"])
    return PictureShop(Path(output_path), Path(cache_path) / "readers-images", options, limits,
                       config["IMAGE_PUBLISH_ORIGINALS"])


def follow_feeds(context: dict) -> list[FollowFeed]:
    """Every feed this build writes ([] in development builds: feeds are made by `make publish`)."""
    state = context.get("feeds_state")
    catalog = getattr(state, "catalog", None)
    if catalog is None:
        return []
    return [FollowFeed(feed.topic.kind, feed.topic.name, feed.topic.page_url,
                       f"{catalog.site_url}/{feed.paths['atom']}", f"{catalog.site_url}/{feed.paths['rss']}")
            for feed in catalog.feeds]


class ReadersGenerator(Generator):
    """Writes the search page, the subscribe page and (when there are feeds) the OPML file."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        urls = url_table(self.context)
        config = site_config(self.context)
        relative = self.settings.get("RELATIVE_URLS", False)
        writer.write_file(urls.save_as("search"), self.get_template("search"), self.context,
                          relative_urls=relative, url=urls.url("search"))
        groups = feed_groups(follow_feeds(self.context))
        opml_url = urls.url("opml") if groups else None
        writer.write_file(urls.save_as("subscribe"), self.get_template("subscribe"), self.context,
                          relative_urls=relative, url=urls.url("subscribe"), feed_groups=groups,
                          opml_url=opml_url, newsletter_signup=config["NEWSLETTER_SUBSCRIBE_URL"],
                          feeds_enabled=config["FEEDS_ENABLED"])
        if groups:
            strings = self.env.globals["t"]
            titles = {group.kind: strings(group.heading_key) for group in groups}
            document = opml_document(strings("follow_opml_title", site=self.settings["SITENAME"]), groups, titles)
            target = sanitised_join(self.output_path, urls.save_as("opml"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(document)
