"""Which feeds a site has, where they are written and which entries each one carries."""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.messages import N_, t

from .entries import Entry

KINDS = ("site", "author", "series", "category", "tag", "roundups")
# The kinds in a message's words ("feeds for author 'Jana Beispiel' and tag …").
KIND_WORDS = {"site": N_("site"), "author": N_("author"), "series": N_("series"), "category": N_("category"),
              "tag": N_("tag"), "roundups": N_("roundups")}

FORMATS = ("atom", "rss")
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


@dataclass(frozen=True)
class Topic:
    """What one feed is about: kind + key, the shown name and the page it belongs to."""

    kind: str
    key: str | None
    name: str  # as shown in link titles: "Jana Beispiel", "Kategorie Arbeitskultur"
    page_url: str  # absolute
    description: str = ""


@dataclass
class Feed:
    topic: Topic
    entries: list[Entry]  # newest first, at most max_items
    paths: dict = field(default_factory=dict)  # format -> output-relative path

    @property
    def updated(self):
        """The newest entry's update time: never the build clock, so builds are reproducible."""
        return max(entry.updated for entry in self.entries)


@dataclass(frozen=True)
class Post:
    """An entry and the topics it belongs to, e.g. (("site", None), ("author", "jana-beispiel"))."""

    entry: Entry
    topics: tuple


def kind_word(kind: str) -> str:
    return t(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def newest_first(entries) -> list[Entry]:
    return sorted(entries, key=lambda entry: (entry.published, entry.entry_id), reverse=True)


def plan_feeds(topics: list[Topic], posts: list[Post], max_items: int, paths,
               extra_entries: dict | None = None) -> tuple[list[Feed], list[str]]:
    """One Feed per topic that has entries; `extra_entries` maps (kind, key) to entries (roundups).

    `paths(kind, key)` gives {format: output path} from the site's URL table.

    Returns the feeds and the problems found (two topics writing one path).
    """
    members: dict = {}
    for post in posts:
        for topic_key in dict.fromkeys(post.topics):
            members.setdefault(topic_key, []).append(post.entry)
    for topic_key, entries in (extra_entries or {}).items():
        members.setdefault(topic_key, []).extend(entries)
    feeds, problems, owners = [], [], {}
    for topic in topics:
        entries = newest_first(members.get((topic.kind, topic.key), []))[:max_items]
        if not entries:
            continue  # a feed without entries has no honest `updated`; its page links the site feed
        feed = Feed(topic, entries, paths(topic.kind, topic.key))
        clash = owners.get(feed.paths["atom"])
        if clash:
            problems.append(t("feeds for {kind} '{name}' and {other_kind} '{other_name}' "
                              "would both be written to {path}; the second is skipped",
                              kind=kind_word(clash.kind), name=clash.name, other_kind=kind_word(topic.kind),
                              other_name=topic.name,
                              path=feed.paths["atom"]))
            continue
        owners[feed.paths["atom"]] = topic
        feeds.append(feed)
    return feeds, problems


@dataclass
class FeedCatalog:
    """All feeds of one build, found by (kind, key)."""

    feeds: list[Feed]
    site_url: str

    def __post_init__(self):
        self._by_topic = {(feed.topic.kind, feed.topic.key): feed for feed in self.feeds}

    def find(self, kind: str, key: str | None) -> Feed | None:
        return self._by_topic.get((kind, key))

    def links(self, kind: str, key: str | None, titles) -> list[dict]:
        """Links to the Atom and RSS feed of one topic ([] when it has no feed).

        `titles(feed, format)` returns (title, label) in the site's language.
        """
        feed = self.find(kind, key)
        if feed is None:
            return []
        links = []
        for fmt in FORMATS:
            title, label = titles(feed, fmt)
            links.append({"type": MEDIA_TYPES[fmt], "href": f"{self.site_url}/{feed.paths[fmt]}",
                          "title": title, "label": label})
        return links
