"""Unit tests of the feeds plugin's pure parts: ids, XML-safe text, links, settings, planning, rendering."""

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from feeds.catalog import FeedCatalog, Post, Topic, plan_feeds
from feeds.entries import (
    NOT_XML_CHAR, Entry, Person, clean_xml_text, describe_character, line_of_character, stored_id,
    suggested_id, tag_uri,
)
from feeds.render import render_feeds
from shared.htmllinks import absolute_links
from feeds.settings import read_feed_settings
from shared.config import REQUIRED_PLUGINS, read_config

BERLIN = ZoneInfo("Europe/Berlin")
ATOM = "{http://www.w3.org/2005/Atom}"


def entry(n: int, day: int, updated_day: int | None = None) -> Entry:
    published = datetime(2026, 11, day, 9, 30, tzinfo=BERLIN)
    updated = datetime(2026, 11, updated_day, 8, 0, tzinfo=BERLIN) if updated_day else published
    return Entry(f"tag:blog.example,2026-11-{day:02d}:{n}", f"Beitrag {n}", f"https://blog.example/{n}/",
                 f"<p>Text {n}</p>", "", published, updated, (Person("Jana Beispiel", "https://blog.example/a/"),))


def settings(**overrides):
    values = {"SITEURL": "https://blog.example", "FEEDS_ENABLED": True, "SITENAME": "Werkbank Blog",
              "THEME": "theme", "PATH": "/site/content", **overrides}
    config, problems = read_config({"PLUGINS": list(REQUIRED_PLUGINS), **values})
    checked, errors = read_feed_settings(config)
    return checked, [found.message for found in problems] + errors


@pytest.mark.parametrize("front_matter_id, source, expected", [
    ("a7c3e1f0", "/site/content/articles/2026/post.md", "a7c3e1f0"),
    (None, "/site/content/articles/2026/post.md", "articles/2026/post"),
    ("  ", "/site/content/articles/netzwerken.markdown", "articles/netzwerken"),
])
def test_stored_id_is_the_front_matter_id_or_the_path_without_extension(front_matter_id, source, expected):
    assert stored_id(front_matter_id, source, "/site/content") == expected


def test_tag_uri_uses_domain_and_first_publication_day_in_the_site_time_zone():
    late_evening_utc = datetime(2026, 11, 17, 23, 30, tzinfo=timezone.utc)  # 18 November in Berlin
    assert tag_uri("blog.example", late_evening_utc, "a7c3e1f0", BERLIN) == "tag:blog.example,2026-11-18:a7c3e1f0"
    assert tag_uri("blog.example", late_evening_utc, "articles/2026/mein post", BERLIN) == (
        "tag:blog.example,2026-11-18:articles/2026/mein%20post")


def test_suggested_id_is_eight_hex_digits_and_the_same_every_time():
    assert suggested_id("articles/x") == suggested_id("articles/x")
    assert len(suggested_id("articles/x")) == 8 and int(suggested_id("articles/x"), 16) >= 0


@pytest.mark.parametrize("text, cleaned, removed", [
    ("Hallo\x0bWelt", "HalloWelt", ["\x0b"]),
    ("\x1b[1mfett\x00", "[1mfett", ["\x00", "\x1b"]),
    ("Tab\tZeile\nUmlaut ä € 😀", "Tab\tZeile\nUmlaut ä € 😀", []),
    ("Ende\ufffe", "Ende", ["\ufffe"]),
])
def test_characters_outside_xml_1_0_are_removed_and_named(text, cleaned, removed):
    result = clean_xml_text(text)
    assert (result.text, result.removed) == (cleaned, removed)


def test_a_removed_character_is_described_so_an_author_can_search_for_it():
    assert describe_character("\x0b") == "U+000B (vertical tab)"
    assert describe_character("\x02") == "U+0002 (control character)"


def test_line_of_character_finds_the_first_occurrence():
    assert line_of_character("---\ntitle: x\n---\nText\x0bmehr\n", "\x0b") == 4
    assert line_of_character("nichts", "\x0b") is None


@pytest.mark.parametrize("html, expected", [
    ('<p><a href="../andere/">x</a></p>', '<p><a href="https://blog.example/2026/andere/">x</a></p>'),
    ('<img src="bild.png" alt="">', '<img src="https://blog.example/2026/post/bild.png" alt="">'),
    ('<a href="/impressum/">i</a>', '<a href="https://blog.example/impressum/">i</a>'),
    ('<a href="https://anderswo.example/">a</a>', '<a href="https://anderswo.example/">a</a>'),
    ('<a href="mailto:jana@example.org">m</a>', '<a href="mailto:jana@example.org">m</a>'),
    ('<img srcset="a.png 1x, /b.png 2x" src="a.png" alt="">',
     '<img srcset="https://blog.example/2026/post/a.png 1x, https://blog.example/b.png 2x" '
     'src="https://blog.example/2026/post/a.png" alt="">'),
    ('<video poster="p.jpg"></video>', '<video poster="https://blog.example/2026/post/p.jpg"></video>'),
    ('Text &amp; <a href="#fn1">1</a> Ende', 'Text &amp; <a href="https://blog.example/2026/post/#fn1">1</a> Ende'),
])
def test_relative_links_become_absolute_against_the_post_url(html, expected):
    assert absolute_links(html, "https://blog.example/2026/post/") == expected


@pytest.mark.parametrize("overrides, message", [
    ({"FEED_CONTENT": "ful"}, "FEED_CONTENT = 'ful' is not allowed: expected one of 'full', 'summary'"),
    ({"FEED_MAX_ITEMS": 0}, "FEED_MAX_ITEMS = 0 is not allowed: expected a whole number from 1"),
    ({"FEED_ALL_ATOM": "feeds/all.atom.xml"}, "FEED_ALL_ATOM = 'feeds/all.atom.xml' turns on Pelican's own feed"),
    ({"TAG_FEED_RSS": "feeds/{slug}.rss.xml"}, "TAG_FEED_RSS = 'feeds/{slug}.rss.xml' turns on Pelican's own"),
    ({"SITEURL": ""}, "FEEDS_ENABLED needs an absolute SITEURL"),
])
def test_bad_settings_are_named_with_their_value(overrides, message):
    _, errors = settings(**overrides)
    assert len(errors) == 1 and errors[0].startswith(message)


def test_defaults_and_the_id_domain_come_from_siteurl_unless_pinned():
    checked, errors = settings()
    assert errors == [] and (checked.max_items, checked.content, checked.id_domain) == (20, "full", "blog.example")
    assert settings(FEED_ID_DOMAIN="alt.example")[0].id_domain == "alt.example"


def PATHS(kind, key):  # noqa: N802  (a table-like function)
    folder = "feeds" if kind == "site" else f"autoren/{key}"  # like AUTHOR_URL in pelicanconf.py
    return {fmt: f"{folder}/{fmt}.xml" for fmt in ("atom", "rss")}


SITE = Topic("site", None, "Werkbank Blog", "https://blog.example/")
JANA = Topic("author", "jana-beispiel", "Jana Beispiel", "https://blog.example/autoren/jana-beispiel/")
TOM = Topic("author", "tom-muster", "Tom Muster", "https://blog.example/autoren/tom-muster/")


def test_feeds_hold_the_newest_entries_up_to_the_limit_and_skip_empty_topics():
    posts = [Post(entry(n, day=n + 1), (("site", None), ("author", "jana-beispiel"))) for n in range(5)]
    feeds, problems = plan_feeds([SITE, JANA, TOM], posts, max_items=3, paths=PATHS)
    assert problems == [] and [f.topic for f in feeds] == [SITE, JANA]
    assert [e.title for e in feeds[0].entries] == ["Beitrag 4", "Beitrag 3", "Beitrag 2"]
    assert feeds[1].paths == {"atom": "autoren/jana-beispiel/atom.xml", "rss": "autoren/jana-beispiel/rss.xml"}


def test_feed_updated_is_the_newest_update_of_its_entries():
    posts = [Post(entry(1, day=10, updated_day=20), (("site", None),)), Post(entry(2, day=15), (("site", None),))]
    feeds, _ = plan_feeds([SITE], posts, max_items=20, paths=PATHS)
    assert feeds[0].updated == datetime(2026, 11, 20, 8, 0, tzinfo=BERLIN)


def test_two_topics_on_one_path_are_reported_not_written_twice():
    twin = Topic("author", "jana-beispiel", "Jana B.", "https://blog.example/x/")
    posts = [Post(entry(1, day=2), (("author", "jana-beispiel"),))]
    feeds, problems = plan_feeds([JANA, twin], posts, max_items=20, paths=PATHS)
    assert len(feeds) == 1 and "autoren/jana-beispiel/atom.xml" in problems[0]


def test_links_of_a_topic_without_feed_are_empty():
    feeds, _ = plan_feeds([SITE], [Post(entry(1, day=2), (("site", None),))], max_items=20, paths=PATHS)
    catalog = FeedCatalog(feeds, "https://blog.example")
    assert catalog.links("author", "niemand", lambda f, fmt: ("t", "l")) == []
    assert [link["href"] for link in catalog.links("site", None, lambda f, fmt: ("t", "l"))] == [
        "https://blog.example/feeds/atom.xml", "https://blog.example/feeds/rss.xml"]


def render(fmt, content="full", entries=None):
    checked, _ = settings(FEED_CONTENT=content)
    posts = [Post(e, (("site", None),)) for e in entries or [entry(1, day=3), entry(2, day=5)]]
    feeds, _ = plan_feeds([SITE], posts, max_items=20, paths=PATHS)
    return render_feeds(feeds[0], checked, "Werkbank Blog", "Wissen teilen", formats=(fmt,))[fmt]


def test_rendered_feeds_reference_the_stylesheet_right_after_the_declaration():
    for fmt in ("atom", "rss"):
        lines = render(fmt).decode().splitlines()
        assert lines[0].startswith("<?xml version=")
        assert lines[1] == '<?xml-stylesheet type="text/xsl" href="https://blog.example/theme/feeds/feed.xsl"?>'


def test_rendered_feeds_carry_no_build_clock_and_keep_entry_order():
    atom = etree.fromstring(render("atom"))
    assert atom.findtext(f"{ATOM}updated") == "2026-11-05T09:30:00+01:00"
    assert [e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")] == ["Beitrag 2", "Beitrag 1"]
    assert atom.find(f"{ATOM}generator").get("version") is None
    rss = etree.fromstring(render("rss"))
    assert rss.findtext("channel/lastBuildDate") == "Thu, 05 Nov 2026 09:30:00 +0100"
    assert rss.findtext("channel/link") == "https://blog.example/"
    assert render("atom") == render("atom")


def test_summary_mode_leaves_the_content_out():
    atom = etree.fromstring(render("atom", content="summary"))
    first = atom.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}content") is None and first.findtext(f"{ATOM}summary") == "Beitrag 2"


def test_not_xml_char_is_exactly_the_complement_of_the_xml_char_production():
    allowed = re.compile("[\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    for code in range(0x110000):
        char = chr(code)
        assert bool(NOT_XML_CHAR.match(char)) != bool(allowed.match(char)), hex(code)
