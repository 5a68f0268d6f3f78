"""End to end: text that looks like HTML, quotes or metadata stays the text that was typed, in every
output (page text and attributes, <title>, og:title, meta description, JSON-LD, feeds, email,
share texts). Markdown fields keep a first line like "Tipp: …" (no `meta` extension)."""

from __future__ import annotations

import email
import email.policy
import json

import feedparser
import pytest
from lxml import html as lxml_html

from helpers.authors import png_bytes
from helpers.sharekit import page_share_texts
from shared.quotes import quote_title
from helpers.site import AUTHOR_YAML, MINIMAL_SITE

SITEURL = "https://blog.nordlicht-werkstatt.example"

# Typed titles: each one an article of the week 2026-W47 (a roundup, a newsletter, share texts).
TITLES = {
    "straight-quotes": 'Sag "Danke" statt \'Merci\'',
    "german-quotes": "„Gendern“ ohne Sternchen",
    "ampersand": "Führung & Netzwerk",
    "tag-like": "Warum <main> und <nav> wichtig sind",
    "entity-like": "&amp; ist kein Und, &lt;b&gt; kein Fett",
    "emoji": "Danke 🎉 an alle 🙌🏽",
}
# Markdown fields whose first line looks like a `meta` field ("Wort: …"): it is content.
BODY_FIRST_LINE = "Update: der erste Absatz."
SUMMARY = 'Fazit: Wer „zitiert“ & "fragt", gewinnt.'
BIO = 'Hinweis: Ich schreibe über Licht & "Schatten".'
SERIES_DESCRIPTION = "Tipp: Jeden Mittwoch ein Tipp & ein Beispiel."
NOTE_INTRO = 'Fazit: Eine Woche mit "Zitaten" & mehr.'
# Typed names and titles of people, series and the roundup.
RTL_NAME = "مريم"
QUOTED_NAME = 'Tom "TM" Muster & Co'
FREE_NAME = 'Team <Licht> & "Schatten"'
FREE_NAME_PLAIN = "Ärger & Ähnliches <3"
SERIES_TITLE = "#Tipps & <Tricks>"
ROUNDUP_TITLE = 'KW 47: „Licht“ & <Schatten>'
IMAGE_ALT = 'Ein Schild „Vorsicht“ & "Achtung <Stufe>"'
CATEGORY = "Licht & Schatten"
TAG = "<html> & Co"


def _article(number: int, title: str, **extra) -> str:
    fields = {"title": json.dumps(title, ensure_ascii=False), "id": f"7e57{number:04x}",
              "date": f"2026-11-{16 + number % 4:02d} 09:30", "author": "maryam", "co_authors": "[tom-muster]",
              "summary": json.dumps(SUMMARY, ensure_ascii=False),
              "category": json.dumps(CATEGORY, ensure_ascii=False), "tags": json.dumps([TAG], ensure_ascii=False),
              **extra}
    thanks = ["thanks:",
              f"  - {{name: {json.dumps(FREE_NAME, ensure_ascii=False)}, url: \"https://example.social/tags/licht\"}}",
              f"  - {{name: {json.dumps(FREE_NAME_PLAIN, ensure_ascii=False)}}}"]
    lines = ["---", *(f"{key}: {value}" for key, value in fields.items()), *thanks, "---"]
    return "\n".join(lines + [BODY_FIRST_LINE, "", "Zweiter Absatz.", ""])


# Two tips of the series on Wednesday: the tip navigation names the other tip's title.
SERIES_TIPS = {"ampersand": {"series": "tipps", "date": "2026-11-18 09:30"},
               "tag-like": {"series": "tipps", "date": "2026-11-18 10:00", "image": "images/schild.png",
                            "image_alt": json.dumps(IMAGE_ALT, ensure_ascii=False)}}


def _profile(name: str, **extra) -> str:
    text = AUTHOR_YAML.replace('"{name}"', json.dumps(name, ensure_ascii=False))
    return text + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in extra.items())


SITE = {
    "authors/maryam.yml": _profile(RTL_NAME, bio=BIO) + "links:\n  mastodon: https://social.example/@maryam\n",
    "authors/tom-muster.yml": _profile(QUOTED_NAME) + "links:\n  x: https://x.com/tom_muster_hb\n",
    "series/tipps.yml": (f"title: {json.dumps(SERIES_TITLE)}\ndescription: {json.dumps(SERIES_DESCRIPTION)}\n"
                         'weekday: wednesday\nlabel: "Tipp {n}"\nowners: [maryam]\n'),
    "roundups/2026-W47.md": f"---\ntitle: {json.dumps(ROUNDUP_TITLE, ensure_ascii=False)}\n---\n{NOTE_INTRO}\n",
    **{f"articles/{slug}.md": _article(number, title, **SERIES_TIPS.get(slug, {}))
       for number, (slug, title) in enumerate(TITLES.items())},
    "images/schild.png": png_bytes(),
    "articles/erster-beitrag.md": None,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, build_in_folder):
    """One publish build (feeds, newsletter) shared by the read-only tests of this module."""
    built = build_in_folder(tmp_path_factory.mktemp("text-stays-text"), {**MINIMAL_SITE, **SITE},
                            settings_file="publishconf.py", overrides={"SITEURL": SITEURL})
    assert built.result.exit_code(strict=True) == 0, built.messages
    return built


def texts(elements) -> list[str]:
    return [element.text_content() for element in elements]


def meta(page, attribute: str, value: str) -> list[str]:
    return page.xpath(f"//meta[@{attribute}='{value}']/@content")


def head_texts(page) -> dict:
    """What a browser tab, a search engine and a link preview show of a page."""
    return {"title": page.findtext(".//title"), "description": meta(page, "name", "description"),
            "og:title": meta(page, "property", "og:title"), "twitter:title": meta(page, "name", "twitter:title"),
            "og:description": meta(page, "property", "og:description")}


# --- article pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("slug, title", TITLES.items())
def test_article_title_is_shown_as_typed_in_heading_tab_and_previews(site, slug, title):
    page = site.html(f"2026/{slug}/")
    assert texts(page.xpath("//h1")) == [title]
    assert head_texts(page) == {"title": f"{title} – Werkbank Blog", "description": [SUMMARY],
                                "og:title": [title], "twitter:title": [title], "og:description": [SUMMARY]}


@pytest.mark.parametrize("slug", TITLES)
def test_article_body_keeps_a_first_line_that_looks_like_a_metadata_field(site, slug):
    body = site.html(f"2026/{slug}/").xpath("//div[contains(@class, 'e-content')]")[0]
    assert texts(body.xpath("./p")) == [BODY_FIRST_LINE, "Zweiter Absatz."]


def test_article_names_thanks_and_terms_are_shown_as_typed(site):
    page = site.html("2026/tag-like/")
    assert texts(page.xpath("//header[@class='post-header']//span[@class='byline']/a")) == [RTL_NAME, QUOTED_NAME]
    assert meta(page, "property", "article:author") == [RTL_NAME, QUOTED_NAME]
    assert texts(page.xpath("//section[@class='thanks']//li")) == [FREE_NAME, FREE_NAME_PLAIN]
    assert texts(page.xpath("//a[@class='tag']")) == [TAG]
    assert CATEGORY in texts(page.xpath("//footer[@class='post-footer']//a"))


def test_image_alt_text_is_shown_as_typed(site):
    page = site.html("2026/tag-like/")
    assert page.xpath("//figure[@class='post-image']//img/@alt") == [IMAGE_ALT]  # the img may be in a <picture>
    assert meta(page, "property", "og:image:alt") == [IMAGE_ALT]


def test_series_tip_navigation_names_series_and_other_tip_as_typed(site):
    page = site.html("2026/tag-like/")
    assert texts(page.xpath("//p[@class='kicker']/a")) == [f"Tipp 2 · {SERIES_TITLE}"]
    [nav] = page.xpath("//nav[@class='series-nav']")
    assert SERIES_TITLE in nav.get("aria-label")
    assert texts(nav.xpath(".//a[@rel='prev']")) == [f"Zurück: Tipp 1 · {TITLES['ampersand']}"]


@pytest.mark.parametrize("listing", ["", "archiv/", "kategorie/licht-schatten/"])
def test_listings_show_every_title_and_summary_as_typed(site, listing):
    page = site.html(listing)
    links = texts(page.xpath("//main//a"))
    assert set(TITLES.values()) <= set(links)
    if listing != "archiv/":
        assert set(texts(page.xpath("//p[@class='card-summary' and not(a)]"))) <= {SUMMARY, NOTE_INTRO}


# --- authors and series ----------------------------------------------------------------------

@pytest.mark.parametrize("handle, name", [("maryam", RTL_NAME), ("tom-muster", QUOTED_NAME)])
def test_author_page_shows_the_name_as_typed_and_json_ld_as_json(site, handle, name):
    page = site.html(f"autoren/{handle}/")
    assert texts(page.xpath("//h1")) == [name]
    assert head_texts(page)["title"] == f"{name} – Werkbank Blog"
    assert meta(page, "property", "og:title") == [name]
    [script] = page.xpath("//script[@type='application/ld+json']")
    assert json.loads(script.text)["name"] == name  # JSON-escaped, not HTML-escaped


def test_bio_keeps_a_first_line_that_looks_like_a_metadata_field(site):
    bio = site.html("autoren/maryam/").xpath("//div[contains(@class, 'author-bio')]")[0]
    assert bio.text_content().strip() == BIO


def test_series_page_shows_title_and_whole_description_as_typed(site):
    page = site.html("serien/tipps/")
    assert texts(page.xpath("//h1")) == [SERIES_TITLE]
    assert head_texts(page)["title"] == f"{SERIES_TITLE} – Werkbank Blog"
    assert SERIES_TITLE in head_texts(page)["description"][0]
    description = page.xpath("//div[@class='series-description']")[0]
    assert description.text_content().strip() == SERIES_DESCRIPTION
    assert texts(page.xpath("//h3/a")) == [TITLES["ampersand"], TITLES["tag-like"]]
    overview = site.html("serien/")
    assert texts(overview.xpath("//h2/a")) == [SERIES_TITLE]
    assert overview.xpath("//div[@class='card-summary']")[0].text_content().strip() == SERIES_DESCRIPTION


# --- the roundup -----------------------------------------------------------------------------

def test_roundup_page_shows_title_intro_and_every_thanked_name_as_typed(site):
    page = site.html("wochenrueckblick/2026-W47/")
    assert texts(page.xpath("//h1")) == [ROUNDUP_TITLE]
    head = head_texts(page)
    assert ROUNDUP_TITLE in head["title"] and ROUNDUP_TITLE in head["og:title"][0]
    assert head["description"] == [NOTE_INTRO] and head["og:description"] == [NOTE_INTRO]
    assert page.xpath("//div[contains(@class, 'roundup-intro')]")[0].text_content().strip() == NOTE_INTRO
    names = texts(page.xpath("//p[contains(@class, 'contributor-name')]"))
    assert names == [FREE_NAME_PLAIN, FREE_NAME, QUOTED_NAME, RTL_NAME]
    roles = " ".join(texts(page.xpath("//p[contains(@class, 'contributor-roles')]")))
    # quoted as typed; a title's own „…“ becomes ‚…‘ inside the outer quotes
    assert all(quote_title(title, lambda title: f"„{title}“") in roles for title in TITLES.values())
    assert "„‚Gendern‘ ohne Sternchen“" in roles
    labels = page.xpath("//ul[contains(@class, 'contributor-links')]/@aria-label")
    assert any(QUOTED_NAME in label for label in labels) and any(RTL_NAME in label for label in labels)


@pytest.mark.parametrize("listing", ["", "wochenrueckblick/"])
def test_roundup_teasers_show_title_and_intro_as_typed(site, listing):
    page = site.html(listing)
    assert ROUNDUP_TITLE in texts(page.xpath("//main//a"))
    assert NOTE_INTRO in texts(page.xpath("//p[@class='card-summary']"))


# --- feeds -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_feed_entries_carry_titles_names_bodies_and_summaries_as_typed(site, fmt):
    feed = feedparser.parse(site.path(f"feeds/{fmt}.xml").read_bytes())
    assert not feed.bozo
    assert sorted(entry.title for entry in feed.entries) == sorted(TITLES.values())
    for entry in feed.entries:
        if fmt == "atom":  # RSS has no type attribute: readers guess
            assert entry.title_detail.type == "text/plain"
        assert [author.name for author in entry.authors] == [RTL_NAME, QUOTED_NAME]
        assert [tag.term for tag in entry.tags] == [CATEGORY, TAG]
        assert texts(lxml_fragments(entry.content[0].value)) == [BODY_FIRST_LINE, "Zweiter Absatz."]
        # the summary is text (escaped once inside the feed's HTML), not Markdown: a reader shows it as typed
        assert lxml_html.fromstring(f"<div>{entry.summary}</div>").text_content() == SUMMARY


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_roundup_feed_entry_carries_title_intro_and_post_titles_as_typed(site, fmt):
    [entry] = feedparser.parse(site.path(f"wochenrueckblick/{fmt}.xml").read_bytes()).entries
    assert entry.title == ROUNDUP_TITLE
    content = lxml_fragments(entry.content[0].value if "content" in entry else entry.summary)
    assert texts(content)[0] == NOTE_INTRO
    assert set(texts(content[-1].xpath(".//a"))) == set(TITLES.values())


@pytest.mark.parametrize("path, name", [("serien/tipps", SERIES_TITLE), ("autoren/tom-muster", QUOTED_NAME),
                                        ("kategorie/licht-schatten", CATEGORY)])
def test_topic_feeds_and_their_links_name_the_topic_as_typed(site, path, name):
    for fmt in ("atom", "rss"):
        feed = feedparser.parse(site.path(f"{path}/{fmt}.xml").read_bytes()).feed
        assert feed.title.endswith(f"{name} – Werkbank Blog")
        subtitle = feed.subtitle  # RSS: the channel description, which readers take as HTML
        if feed.subtitle_detail.type == "text/html":
            subtitle = lxml_html.fragment_fromstring(subtitle, create_parent="div").text_content()
        assert name in subtitle, fmt
    links = site.html(f"{path}/").xpath("//link[@rel='alternate']/@title")
    assert sum(name in title for title in links) == 2


def lxml_fragments(html: str):
    return lxml_html.fragments_fromstring(html)


# --- the newsletter --------------------------------------------------------------------------

def test_email_html_shows_every_text_as_typed(site):
    page = site.html("newsletter/2026-W47.html")
    posts = texts(page.xpath("//h3/a"))
    assert page.findtext(".//title") == f"{posts[0]} und {len(posts) - 1} weitere · Werkbank Blog"
    assert texts(page.xpath("//h1")) == [ROUNDUP_TITLE]
    assert sorted(posts) == sorted(TITLES.values())
    assert set(texts(page.xpath("//h3/following-sibling::p[contains(@class, 'fg')]"))) == {SUMMARY}
    assert NOTE_INTRO in texts(page.xpath("//td/p"))
    thanked = [li.text_content().split(":")[0] for li in page.xpath("//ul[@class='list']/li")]
    assert thanked == [FREE_NAME_PLAIN, FREE_NAME, QUOTED_NAME, RTL_NAME]


def test_email_text_part_shows_ampersands_brackets_and_quotes_as_typed(site):
    text = site.text("newsletter/2026-W47.txt")
    lines = text.splitlines()
    assert lines[0] == f"Werkbank Blog · Wochenrückblick {ROUNDUP_TITLE}"
    assert NOTE_INTRO in lines
    assert set(TITLES.values()) <= set(lines)
    assert SUMMARY in lines
    for name in (FREE_NAME, FREE_NAME_PLAIN, QUOTED_NAME, RTL_NAME):
        assert any(line.startswith(f"* {name}: ") for line in lines), name
    # the only entities are the ones typed in the "entity-like" title
    assert text.count("&amp;") == text.count(TITLES["entity-like"]) and "&#34;" not in text and "&quot;" not in text


def test_email_message_has_the_typed_subject_and_both_parts(site):
    message = email.message_from_bytes(site.path("newsletter/2026-W47.eml").read_bytes(), policy=email.policy.default)
    first = site.html("newsletter/2026-W47.html").xpath("//h3/a")[0].text_content()
    assert first in TITLES.values() and message["Subject"] == f"{first} und {len(TITLES) - 1} weitere · Werkbank Blog"
    plain, html = message.iter_parts()
    assert plain.get_content() == site.text("newsletter/2026-W47.txt")
    assert TITLES["tag-like"] in plain.get_content()


# --- share texts -----------------------------------------------------------------------------

@pytest.mark.parametrize("slug, title", TITLES.items())
def test_share_texts_start_with_the_typed_title(site, slug, title):
    posts = page_share_texts(site.html(f"2026/{slug}/"))
    assert sorted(posts) == ["bluesky", "linkedin", "mastodon", "x", "xing"]
    for network, thread in posts.items():
        assert thread[0].split("\n")[0] == title, network


def test_follow_friday_posts_name_everyone_and_the_roundup_as_typed(site):
    posts = json.loads(site.text("wochenrueckblick/2026-W47/teilen/share.json"))
    for network, thread in posts.items():
        lines = "\n".join(thread).split("\n")
        assert FREE_NAME in lines and FREE_NAME_PLAIN in lines, network
        assert ROUNDUP_TITLE in "\n".join(thread), network
    page = site.html("wochenrueckblick/2026-W47/teilen/")
    assert ROUNDUP_TITLE in texts(page.xpath("//h1"))[0] and ROUNDUP_TITLE in head_texts(page)["title"]
    boxes = texts(page.xpath("//textarea[@readonly]"))
    assert sorted(boxes) == sorted(post for thread in posts.values() for post in thread)


# --- pages, in a development build -----------------------------------------------------------

def test_page_title_and_body_stay_text_in_a_development_build(build_site):
    site = build_site({"pages/ueber-uns.md": (f"---\ntitle: {json.dumps(TITLES['tag-like'])}\n---\n"
                                              "Hinweis: Wir sind ein Blog.\n")},
                      overrides={"FOOTER_PAGES": ["ueber-uns"]})
    assert site.result.exit_code(strict=True) == 0, site.messages
    page = site.html("ueber-uns/")
    assert texts(page.xpath("//h1")) == [TITLES["tag-like"]]
    assert page.findtext(".//title") == f"{TITLES['tag-like']} – Werkbank Blog"
    assert texts(page.xpath("//div[@class='post-body']/p")) == ["Hinweis: Wir sind ein Blog."]
    assert TITLES["tag-like"] in texts(site.html("").xpath("//footer//a"))
