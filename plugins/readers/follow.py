"""The subscribe page's view of every feed, grouped by what it follows, and the OPML of them all."""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree

from shared.collation import german_sort_key

GROUPS = ("site", "author", "series", "category", "tag", "roundups")


@dataclass(frozen=True)
class FollowFeed:
    kind: str  # one of GROUPS
    name: str  # "Jana Beispiel", "Thema Netzwerken"
    page_url: str  # absolute address of the page the feed belongs to
    atom_url: str  # absolute
    rss_url: str  # absolute


@dataclass(frozen=True)
class FeedGroup:
    kind: str
    heading_key: str  # UI string of the group's heading
    feeds: tuple


def feed_groups(feeds: list[FollowFeed]) -> list[FeedGroup]:
    """Groups in a fixed order (site first), names in German alphabetical order (Ä with A) within a
    group; empty groups left out."""
    groups = []
    for kind in GROUPS:
        members = sorted((feed for feed in feeds if feed.kind == kind), key=lambda f: (german_sort_key(f.name), f.atom_url))
        if members:
            groups.append(FeedGroup(kind, f"follow_group_{kind}", tuple(members)))
    return groups


def opml_document(title: str, groups: list[FeedGroup], group_titles: dict) -> bytes:
    """OPML 2.0 with one outline per group and one per feed (its Atom feed; RSS readers get both)."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(root, "body")
    for group in groups:
        outline = ElementTree.SubElement(body, "outline", text=group_titles[group.kind], title=group_titles[group.kind])
        for feed in group.feeds:
            ElementTree.SubElement(outline, "outline", type="rss", text=feed.name, title=feed.name,
                                   xmlUrl=feed.atom_url, htmlUrl=feed.page_url)
    ElementTree.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
