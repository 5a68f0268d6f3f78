"""End-to-end: publish builds of small sites, and what feed readers, the Atom schema and browsers get."""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from datetime import datetime

import pytest
from lxml import etree

from helpers.feeds import (
    ATOM, FEED_SITE, PUBLISH, SITEURL, atom, entry_ids, feed_files, jing_problems, parsed, rss_problems,
)
from helpers.frontmatter import article
from helpers.site import DEFAULT_BUILD_TIME

EVERY_FEED = [
    "feeds/{fmt}.xml", "autoren/jana-beispiel/{fmt}.xml", "autoren/tom-muster/{fmt}.xml",
    "autoren/aylin-oezdemir/{fmt}.xml", "serien/mittwochstipp/{fmt}.xml", "kategorie/arbeitskultur/{fmt}.xml",
    "kategorie/sprache/{fmt}.xml", "thema/sprache/{fmt}.xml", "thema/netzwerken/{fmt}.xml",
    "wochenrueckblick/{fmt}.xml",
]


@pytest.fixture(scope="module")
def published(tmp_path_factory, build_in_folder):
    """(result, output) of one publish build of FEED_SITE, shared by the read-only tests of this module."""
    site = build_in_folder(tmp_path_factory.mktemp("feeds"), FEED_SITE, **PUBLISH)
    result, output = site.result, site.output
    assert result.errors == [] and result.other_errors == [] and not result.crashed, result.summary()
    return result, output


@pytest.mark.parametrize("path", EVERY_FEED)
def test_every_kind_of_feed_is_written_in_atom_and_rss(published, path):
    _, output = published
    for fmt in ("atom", "rss"):
        assert (output / path.format(fmt=fmt)).is_file()


def test_every_feed_parses_in_a_feed_reader_without_bozo(published):
    _, output = published
    written = feed_files(output)
    assert len(written["atom"]) == len(written["rss"]) >= len(EVERY_FEED)
    for path in written["atom"] + written["rss"]:
        assert parsed(path).entries, path


def test_every_atom_feed_validates_against_the_rfc_4287_schema(published):
    assert jing_problems(feed_files(published[1])["atom"]) == ""


def test_every_rss_feed_has_the_required_channel_and_item_elements(published):
    for path in feed_files(published[1])["rss"]:
        assert rss_problems(path) == [], path


def test_pelicans_own_feed_writer_wrote_nothing(published):
    _, output = published
    assert not (output / "feeds" / "all.atom.xml").exists()
    assert sorted(p.name for p in (output / "feeds").iterdir()) == ["atom.xml", "rss.xml"]


def test_an_author_feed_includes_the_post_she_co_wrote(published):
    _, output = published
    titles = [e.title for e in parsed(output / "autoren/tom-muster/atom.xml").entries]
    assert titles == ["Gemeinsam geschrieben", ]
    assert "Gemeinsam geschrieben" in [e.title for e in parsed(output / "autoren/jana-beispiel/rss.xml").entries]


def test_an_entry_names_every_author_with_profile_url_and_its_terms(published):
    first = parsed(published[1] / "feeds/atom.xml").entries[0]
    assert [(a.name, a.href) for a in first.authors] == [
        ("Jana Beispiel", f"{SITEURL}/autoren/jana-beispiel/"), ("Tom Muster", f"{SITEURL}/autoren/tom-muster/")]
    assert [t.term for t in first.tags] == ["Arbeitskultur", "sprache"]
    assert first.id == "tag:blog.example,2026-11-19:c0a11ab0"
    assert first.published == "2026-11-19T10:00:00+01:00" and first.updated == "2026-11-21T08:15:00+01:00"
    assert first.summary == "Zu zweit schreibt es sich besser."  # the summary as typed: text, not Markdown


def test_content_links_and_images_are_absolute(published):
    content = etree.HTML(parsed(published[1] / "feeds/atom.xml").entries[0].content[0].value)
    assert content.xpath("//a/@href") == [f"{SITEURL}/2026/erster-beitrag/"]
    assert content.xpath("//img/@src") == [f"{SITEURL}/2026/gemeinsam/skizze.png"]


def test_rss_items_carry_every_author_and_a_guid_that_is_not_a_permalink(published):
    item = etree.parse(str(published[1] / "feeds/rss.xml")).find("channel/item")
    creators = item.findall("{http://purl.org/dc/elements/1.1/}creator")
    assert [c.text for c in creators] == ["Jana Beispiel", "Tom Muster"]
    assert item.find("guid").get("isPermaLink") == "false"


@pytest.mark.parametrize("path", [p.format(fmt="atom") for p in EVERY_FEED])
def test_feed_updated_is_the_newest_entry_not_the_build_clock(published, path):
    root = atom(published[1] / path)
    entries = [datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in root.iter(f"{ATOM}entry")]
    assert datetime.fromisoformat(root.findtext(f"{ATOM}updated")) == max(entries)
    rss = etree.parse(str(published[1] / path.replace("atom.xml", "rss.xml")))
    assert parsedate_to_datetime(rss.findtext("channel/lastBuildDate")) == max(entries)


def test_roundup_feed_has_one_entry_per_week_dated_at_the_cutoff(published):
    entries = parsed(published[1] / "wochenrueckblick/atom.xml").entries
    assert [(e.title, e.link, e.updated) for e in entries] == [
        ("KW 47/2026", f"{SITEURL}/wochenrueckblick/2026-W47/", "2026-11-20T15:00:00+01:00"),
        ("KW 46/2026", f"{SITEURL}/wochenrueckblick/2026-W46/", "2026-11-13T15:00:00+01:00"),
    ]


def alternate_links(output, page):
    document = etree.parse(str(output / page / "index.html"), etree.HTMLParser())
    return [(link.get("type"), link.get("href"), link.get("title")) for link in document.xpath("//head/link[@rel='alternate']")]


SITE_LINKS = [("application/atom+xml", f"{SITEURL}/feeds/atom.xml", "Atom-Feed: Werkbank Blog"),
              ("application/rss+xml", f"{SITEURL}/feeds/rss.xml", "RSS-Feed: Werkbank Blog")]


@pytest.mark.parametrize("page, own_feed, name", [
    ("", None, None),
    ("2026/gemeinsam", None, None),
    ("autoren/jana-beispiel", "autoren/jana-beispiel", "Jana Beispiel"),
    ("kategorie/arbeitskultur", "kategorie/arbeitskultur", "Kategorie Arbeitskultur"),
    ("thema/sprache", "thema/sprache", "Thema sprache"),
    ("serien/mittwochstipp", "serien/mittwochstipp", "#Mittwochstipp"),
    ("wochenrueckblick", "wochenrueckblick", "Wochenrückblick"),
    ("wochenrueckblick/2026-W47", "wochenrueckblick", "Wochenrückblick"),
])
def test_pages_announce_their_own_feeds_and_the_site_feeds(published, page, own_feed, name):
    own = [] if own_feed is None else [
        ("application/atom+xml", f"{SITEURL}/{own_feed}/atom.xml", f"Atom-Feed: {name}"),
        ("application/rss+xml", f"{SITEURL}/{own_feed}/rss.xml", f"RSS-Feed: {name}"),
    ]
    assert alternate_links(published[1], page) == own + SITE_LINKS


def test_the_stylesheet_turns_a_feed_into_a_german_page_with_a_subscribe_hint(published):
    _, output = published
    stylesheet = output / "theme/feeds/feed.xsl"
    transform = etree.XSLT(etree.parse(str(stylesheet)))
    for fmt in ("atom", "rss"):
        page = transform(etree.parse(str(output / f"autoren/jana-beispiel/{fmt}.xml")))
        text = " ".join(str(page).split())
        assert "Das ist ein Feed." in text and "in einen Feedreader einfügen" in text
        assert f"{SITEURL}/autoren/jana-beispiel/{fmt}.xml" in text
        assert page.getroot().get("lang") == "de"
        assert page.xpath("//li/a/text()")[0] == "Gemeinsam geschrieben"


def test_the_stylesheet_loads_nothing_from_elsewhere(published):
    stylesheet = etree.parse(str(published[1] / "theme/feeds/feed.xsl"))
    loads = stylesheet.xpath("//*[local-name()='script' or local-name()='link' or local-name()='img' "
                             "or local-name()='import' or local-name()='include']")
    assert loads == [] and "@import" not in etree.tostring(stylesheet, encoding="unicode")
    assert "url(" not in etree.tostring(stylesheet, encoding="unicode")


def test_development_builds_write_no_feeds_and_link_none(build_site):
    site = build_site(FEED_SITE)
    assert feed_files(site.output) == {"atom": [], "rss": []}
    assert site.html("").xpath("//link[@rel='alternate']") == []


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path, build_in_folder):
    first = build_in_folder(tmp_path / "eins", FEED_SITE, **PUBLISH).output
    later = str(int(DEFAULT_BUILD_TIME) + 3600)  # a later build, same content
    second = build_in_folder(tmp_path / "zwei", FEED_SITE, **PUBLISH, build_time=later).output
    feeds = feed_files(first)["atom"] + feed_files(first)["rss"]
    assert feeds
    for path in feeds:
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path


def test_entry_ids_survive_a_changed_title_and_slug(tmp_path, build_in_folder):
    before = build_in_folder(tmp_path / "vorher", FEED_SITE, **PUBLISH).output
    renamed = {**FEED_SITE, "articles/gemeinsam.md": None, "articles/zu-zweit.md": FEED_SITE["articles/gemeinsam.md"]
               .replace("title: Gemeinsam geschrieben", "title: Zu zweit geschrieben")}
    after = build_in_folder(tmp_path / "nachher", renamed, **PUBLISH).output
    assert (after / "2026/zu-zweit/index.html").is_file()
    assert entry_ids(before / "feeds/atom.xml") == entry_ids(after / "feeds/atom.xml")
    assert parsed(after / "feeds/atom.xml").entries[0].title == "Zu zweit geschrieben"


def test_control_characters_are_removed_and_reported_with_file_and_line(build_site):
    body = "Erste Zeile.\n\nKopiert aus dem Chat:\x0b weiter\x1b[0m und Schluss."
    # In the front matter YAML itself refuses raw control characters; its escapes ("\0", which the
    # builder writes for them) still produce them.
    site = build_site({"articles/kaputt.md": article("Mit\0 Steuerzeichen", "2026-11-19 10:00", id="badc0de1",
                                                     summary="Kurz\vgefasst", body=body)}, **PUBLISH)
    assert site.result.exit_code(strict=True) == 0, site.messages
    found = {(w.path.rsplit("/", 1)[-1], w.line, w.message.split(";")[0]) for w in site.result.warnings}
    assert found == {("kaputt.md", 10, "invisible character U+000B (vertical tab) is not allowed in feeds"),
                     ("kaputt.md", 10, "invisible character U+001B (escape) is not allowed in feeds"),
                     ("kaputt.md", 2, "invisible character U+0000 (NUL) is not allowed in feeds")}
    for path in feed_files(site.output)["atom"] + feed_files(site.output)["rss"]:
        assert b"\x0b" not in path.read_bytes()
        parsed(path)
    assert jing_problems(feed_files(site.output)["atom"]) == ""
    first = parsed(site.path("feeds/atom.xml")).entries[0]
    assert first.title == "Mit Steuerzeichen" and "Chat: weiter[0m und Schluss" in first.content[0].value


def test_a_post_without_id_gets_a_path_id_and_a_warning_with_a_ready_id(build_site):
    site = build_site({"articles/ohne-id.md": article("Ohne Id", "2026-11-19 10:00")}, **PUBLISH)
    assert site.result.exit_code(strict=True) == 0
    warning = next(w for w in site.result.warnings if w.path.endswith("ohne-id.md"))
    assert warning.line == 1 and "no 'id' in the front matter" in warning.message
    assert "articles/ohne-id" in warning.message and warning.hint.startswith("add a line 'id: ")
    assert "tag:blog.example,2026-11-19:articles/ohne-id" in entry_ids(site.path("feeds/atom.xml"))


def test_feed_settings_limit_the_entries_and_may_leave_content_out(build_site):
    site = build_site(FEED_SITE, settings_file="publishconf.py",
                      overrides={"SITEURL": SITEURL, "FEED_MAX_ITEMS": 1, "FEED_CONTENT": "summary"})
    entries = parsed(site.path("feeds/atom.xml")).entries
    assert [e.title for e in entries] == ["Gemeinsam geschrieben"]
    assert "content" not in entries[0] and entries[0].summary == "Zu zweit schreibt es sich besser."


def test_turning_on_a_pelican_feed_writer_is_a_build_error(build_site):
    site = build_site(settings_file="publishconf.py",
                      overrides={"SITEURL": SITEURL, "FEED_ALL_ATOM": "feeds/all.atom.xml"})
    assert site.result.exit_code(strict=True) == 1
    assert any("FEED_ALL_ATOM" in p.message and "feeds plugin" in p.message for p in site.result.errors)


def test_a_removed_person_has_no_feed_and_no_name_in_any_feed(build_site):
    files = {"authors/gisela-geheim.yml": 'name: "Gisela Geheimnis"\nstatus: removed\n',
             "articles/alt.md": article("Aus dem Archiv", "2026-11-10 10:00", author="gisela-geheim",
                                        id="01d0ld01", co_authors=["tom-muster"])}
    site = build_site(files, **PUBLISH)
    assert not site.path("autoren/gisela-geheim").exists()
    assert site.path("autoren/tom-muster/atom.xml").is_file()
    for path in feed_files(site.output)["atom"] + feed_files(site.output)["rss"]:
        assert "Gisela" not in path.read_text(encoding="utf-8") and "gisela-geheim" not in path.read_text()


def test_a_raw_control_character_in_the_front_matter_is_an_error_with_its_line(build_site):
    site = build_site({"articles/kaputt.md": "---\ntitle: \"Mit\x1b Escape\"\ndate: 2026-11-19\n"
                                             "author: jana-beispiel\n---\nText\n"}, **PUBLISH)
    assert site.result.exit_code(strict=True) == 1
    assert [(e.path.rsplit("/", 1)[-1], e.line, e.message) for e in site.result.errors] == [
        ("kaputt.md", 2, "invisible character U+001B is not allowed in YAML")]


def test_the_stylesheet_speaks_english_for_an_english_site(tmp_path, build_in_folder):
    output = build_in_folder(tmp_path, FEED_SITE, settings_file="publishconf.py",
                             overrides={"SITEURL": SITEURL, "DEFAULT_LANG": "en"}).output
    transform = etree.XSLT(etree.parse(str(output / "theme/feeds/feed.xsl")))
    for fmt in ("atom", "rss"):
        page = transform(etree.parse(str(output / f"feeds/{fmt}.xml")))
        text = " ".join(str(page).split())
        assert "This is a feed." in text and "Das ist ein Feed." not in text
        assert page.getroot().get("lang") == "en"
