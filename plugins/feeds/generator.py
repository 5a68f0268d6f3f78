"""The Pelican edge of the feeds plugin: articles, profiles, series and roundups in, files out.

Everything Pelican-specific (articles, Author objects, the writer) is converted here into the plain
data of entries.py and catalog.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from html import escape
from zoneinfo import ZoneInfo

from pelican.generators import Generator
from pelican.plugins import signals
from pelican.utils import sanitised_join

from shared.messages import N_, t
from shared.model import site_config, url_table
from shared.htmllinks import absolute_links
from shared.post import post_model
from shared.problems import WARNING, problem
from shared.yamlsource import load_yaml_file

from .catalog import FORMATS, FeedCatalog, Post, Topic, plan_feeds
from .entries import (
    Entry, Person, Term, clean_xml_text, describe_character, line_of_character,
    stored_id, suggested_id, tag_uri,
)
from .render import render_feeds
from .settings import FeedSettings, read_feed_settings


STATE_KEY = "feeds_state"
# Where an invisible character was removed, in a warning's words ("… removed from the title …").
FIELD_WORDS = {"title": N_("the title"), "content": N_("the content"), "summary": N_("the summary")}


@dataclass
class FeedState:
    """What one build knows about its feeds; kept in the build's context, never between builds."""

    settings: FeedSettings
    strings: dict
    catalog: FeedCatalog | None  # None when feeds are off
    # id() of an article's Entry -> the article: its content (the post with absolute links) is made
    # when the feeds are written, not kept from the plan through every page of the build. By the
    # object, not the entry id: two posts with one id (an error) must not share their content.
    articles: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)  # (kind, key) -> feeds_for's answer: asked ~4,000 times a build


def plan_site_feeds(context: dict, generators=()) -> None:
    """Model stage "feeds": plan every feed once, after series and roundups exist."""
    settings, errors = read_feed_settings(site_config(context))
    for error in errors:
        problem("pelicanconf.py", 0, error)
    strings = load_feed_strings(settings.theme, settings.language)
    state = context[STATE_KEY] = FeedState(settings, strings, None)
    if settings.enabled:
        state.catalog = build_catalog(context, settings, strings, state.articles)


def feed_state(context: dict) -> FeedState:
    """The feed plan of this build (made in the "feeds" stage, before any page is written)."""
    return context[STATE_KEY]


def feeds_for(context: dict, kind: str, key=None) -> list[dict]:
    """Template global: [{type, href, title, label}] for a page's autodiscovery links (one list per topic
    and build, shared by every page that asks: read it, do not change it)."""
    state = feed_state(context)
    if state.catalog is None:
        return []
    key = getattr(key, "slug", key)  # templates may pass a Category/Tag/Author object
    topic = (kind, None if key is None else str(key))
    if topic not in state.links:
        strings = state.strings

        def titles(feed, fmt):
            label = strings[f"feeds_{fmt}_label"]
            return strings["feeds_link_title"].format(label=label, name=feed.topic.name), label

        state.links[topic] = state.catalog.links(*topic, titles)
    return state.links[topic]


def load_feed_strings(theme: str, language: str) -> dict:
    path = os.path.join(theme, "strings", language, "feeds.yml")
    if not os.path.exists(path):
        path = os.path.join(theme, "strings", "de", "feeds.yml")
    return load_yaml_file(path).data


class FeedsGenerator(Generator):
    """Writes every feed (Atom and RSS 2.0) through Pelican's writer."""

    def generate_context(self):
        pass  # planned in the model's "feeds" stage: series and roundups exist only after all contexts

    def generate_output(self, writer):
        state = feed_state(self.context)
        if state.catalog is None:
            return
        contents: dict = {}  # id(entry) -> content, made once for all the feeds an article is in

        def with_content(entry: Entry) -> Entry:
            article = state.articles.get(id(entry))
            if article is None:
                return entry  # a roundup entry carries its content
            if id(entry) not in contents:
                contents[id(entry)] = article_content(article, state.settings)
            return replace(entry, content_html=contents[id(entry)])

        for feed in state.catalog.feeds:
            title = feed_title(feed.topic, state)
            filled = replace(feed, entries=[with_content(entry) for entry in feed.entries])
            for fmt, document in render_feeds(filled, state.settings, title, feed.topic.description).items():
                write_bytes(writer, self.output_path, feed.paths[fmt], document, self.context)


def feed_title(topic: Topic, state: FeedState) -> str:
    if topic.kind == "site":
        return state.settings.site_name
    return state.strings["feeds_title_topic"].format(name=topic.name, site=state.settings.site_name)


def write_bytes(writer, output_path: str, relative: str, document: bytes, context: dict) -> None:
    path = sanitised_join(output_path, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # Pelican's writer refuses a second write to one path, whoever wrote first.
    with writer._open_w(path, "utf-8") as handle:
        handle.write(document.decode("utf-8"))
    signals.content_written.send(path, context=context)


# --- from Pelican objects to plain data -------------------------------------------------------


def build_catalog(context: dict, settings: FeedSettings, strings: dict, articles_by_entry: dict) -> FeedCatalog:
    articles = list(context.get("articles") or [])
    topics, memberships = article_topics(articles, context, settings, strings)
    # Only the newest FEED_MAX_ITEMS of each topic reach a feed. A full entry (content with
    # absolute links, the costly part) is made for those articles alone, the rest are only checked.
    ids = {id(article): article_entry_id(article, settings) for article in articles}
    wanted = newest_per_topic(articles, memberships, ids, settings.max_items)
    posts = []
    urls = url_table(context)
    for article in articles:
        if id(article) in wanted:
            entry = article_entry(article, settings, urls)
            articles_by_entry[id(entry)] = article
            posts.append(Post(entry, tuple(memberships[id(article)])))
        else:
            check_article(article, settings)
    roundups = list(context.get("roundups") or [])
    urls = url_table(context)
    roundup_topic = Topic("roundups", None, strings["feeds_name_roundups"], settings.absolute(urls.url("roundups")),
                          strings["feeds_description_roundups"].format(site=settings.site_name))
    extra = {("roundups", None): [roundup_entry(r, settings, strings) for r in roundups]}
    feeds, clashes = plan_feeds([*topics, roundup_topic], posts, settings.max_items,
                                lambda kind, key: {fmt: urls.feed(kind, fmt, key) for fmt in FORMATS}, extra)
    for clash in clashes:
        problem("pelicanconf.py", 0, clash)
    return FeedCatalog(feeds, settings.site_url)


def article_topics(articles, context, settings: FeedSettings, strings: dict):
    """All topics (site, authors, series, categories, tags) and which ones each article is in."""
    site = settings.site_name
    topics = {("site", None): Topic("site", None, site, settings.absolute(""),
                                    strings["feeds_description_site"].format(site=site, tagline=settings.tagline))}
    memberships = {id(article): [("site", None)] for article in articles}

    def add(article, kind, key, name, shown, page_url):
        if (kind, key) not in topics:
            description = strings[f"feeds_description_{kind}"].format(name=name, site=site)
            topics[(kind, key)] = Topic(kind, key, shown, settings.absolute(page_url), description)
        memberships[id(article)].append((kind, key))

    for article in articles:
        for profile in post_model(article).profiles:
            if not profile.has_page:
                continue  # a removed profile has no page and no feed
            add(article, "author", profile.handle, profile.name, profile.name, profile.url)
        category = getattr(article, "category", None)
        if category is not None:
            shown = strings["feeds_name_category"].format(name=category.name)
            add(article, "category", category.slug, category.name, shown, category.url)
        for tag in getattr(article, "tags", None) or []:
            add(article, "tag", tag.slug, tag.name, strings["feeds_name_tag"].format(name=tag.name), tag.url)
    in_build = set(memberships)
    for series in context["series"]:
        for tip in series.tips:
            if id(tip) in in_build:
                add(tip, "series", series.slug, series.title, series.title, series.url)
    return list(topics.values()), memberships


def newest_per_topic(articles, memberships: dict, entry_ids: dict, max_items: int | None) -> set:
    """ids of the articles that are among the newest `max_items` of at least one of their topics.

    Same order as catalog.newest_first (published, then entry id), so the feeds are unchanged.
    """
    members: dict = {}
    for article in articles:
        for topic_key in dict.fromkeys(memberships[id(article)]):
            members.setdefault(topic_key, []).append(article)
    wanted = set()
    for topic_articles in members.values():
        topic_articles.sort(key=lambda a: (a.date, entry_ids[id(a)]), reverse=True)
        wanted.update(id(article) for article in topic_articles[:max_items])
    return wanted


def article_entry_id(article, settings: FeedSettings) -> str:
    stored = stored_id(getattr(article, "id", None), article.source_path, settings.content_root)
    return tag_uri(settings.id_domain, article.date, stored, ZoneInfo(settings.timezone))


def check_article(article, settings: FeedSettings) -> None:
    """What article_entry reports, for an article in no feed: it may become one's entry later."""
    found = {}
    clean(article.title, "title", found)
    clean(article.get_content(settings.site_url), "content", found)
    clean(article_summary(article, settings), "summary", found)
    report_removed_characters(article, found)
    report_if_id_missing(article, settings)


def article_summary(article, settings: FeedSettings) -> str:
    """The summary as typed (text, escaped once for the feed's HTML), as pages and emails show it;
    Pelican's summary of the body when the author wrote none."""
    typed = post_model(article).summary_text
    return escape(typed) if typed else article.get_summary(settings.site_url)


def report_if_id_missing(article, settings: FeedSettings) -> None:
    front_matter_id = getattr(article, "id", None)
    if front_matter_id is None or not str(front_matter_id).strip():
        report_missing_id(article, settings)


def article_entry(article, settings: FeedSettings, urls) -> Entry:
    """The entry without its content (article_content makes it when the feed is written)."""
    url = post_model(article).absolute_url
    found = {}  # field -> removed characters, reported with file and line below
    title = clean(article.title, "title", found)
    clean(article.get_content(settings.site_url), "content", found)  # checked now, made later
    summary = absolute_links(clean(article_summary(article, settings), "summary", found), url)
    report_removed_characters(article, found)
    report_if_id_missing(article, settings)
    entry_id = article_entry_id(article, settings)
    modified = getattr(article, "modified", None)
    updated = modified if modified is not None and modified > article.date else article.date
    authors = [Person(clean(profile.name, "author", {}), settings.absolute(profile.url) if profile.url else None)
               for profile in post_model(article).profiles]
    terms = []
    category = getattr(article, "category", None)
    if category is not None:
        terms.append(Term(clean(category.name, "category", {}), settings.absolute(urls.url("categories"))))
    terms += [Term(clean(tag.name, "tag", {}), settings.absolute(urls.url("tags")))
              for tag in getattr(article, "tags", None) or []]
    return Entry(entry_id, title, url, "", summary, article.date, updated, tuple(authors), tuple(terms))


def article_content(article, settings: FeedSettings) -> str:
    """The post's HTML for feeds: invisible characters removed (article_entry reported them), links absolute."""
    return absolute_links(clean(article.get_content(settings.site_url), "content", {}), post_model(article).absolute_url)


def clean(text, field: str, found: dict) -> str:
    cleaned = clean_xml_text(str(text or ""))
    if cleaned.removed:
        found.setdefault(field, set()).update(cleaned.removed)
    return cleaned.text


def report_removed_characters(article, found: dict) -> None:
    """One warning per character and line: the feed stays valid, the author learns where to look."""
    if not found:
        return
    try:
        with open(article.source_path, encoding="utf-8") as handle:
            source = handle.read()
    except OSError:
        source = ""
    lines = getattr(article, "front_matter_lines", {}) or {}
    reported = set()
    for field in sorted(found):
        for char in sorted(found[field]):
            line = line_of_character(source, char) or lines.get(field) or 1
            if (char, line) in reported:
                continue
            reported.add((char, line))
            problem(article.source_path, line,
                    t("invisible character {character} is not allowed in feeds; "
                      "it was removed from {field} in the feeds", character=describe_character(char),
                      field=t(FIELD_WORDS[field]) if field in FIELD_WORDS else field),
                    t("delete it in the source (often pasted from Word or a chat); in most editors a "
                      "regex search for {search} finds it", search=f"\\x{ord(char):02x}") if ord(char) < 0x100 else
                    t("delete it in the source (often pasted from Word or a chat)"),
                    severity=WARNING)


def report_missing_id(article, settings: FeedSettings) -> None:
    fallback = stored_id(None, article.source_path, settings.content_root)
    problem(article.source_path, 1,
            t("no 'id' in the front matter: the feed entry id falls back to the file path '{path}' "
              "and changes when the file is renamed or moved", path=fallback),
            t("add a line '{line}' (8 hex digits, unique; never change it once published)",
              line=f"id: {suggested_id(fallback)}"),
            severity=WARNING)


def roundup_entry(roundup, settings: FeedSettings, strings: dict) -> Entry:
    tz = ZoneInfo(settings.timezone)
    url = settings.absolute(roundup.url)
    title = clean(roundup.title, "title", {})
    intro = absolute_links(clean(getattr(roundup, "intro_html", "") or "", "intro", {}), url)
    items = "".join(
        f'<li><a href="{escape(post_model(article).absolute_url)}">{escape(clean(article.title, "title", {}))}</a></li>'
        for article in getattr(roundup, "articles", []) or []
    )
    listing = f"<p>{escape(strings['feeds_roundup_posts'])}</p><ul>{items}</ul>" if items else ""
    summary = escape(clean(getattr(roundup, "intro_text", "") or "", "intro", {}))
    return Entry(
        # the id stays what it was when first published, wherever ROUNDUP_URL moves the page
        tag_uri(settings.id_domain, roundup.date, f"wochenrueckblick/{roundup.slug}", tz),
        title, url, intro + listing, summary, roundup.date, roundup.date,
        (Person(settings.publisher, settings.absolute("")),),
    )
