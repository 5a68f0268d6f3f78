"""Every URL setting moves its pages and every link to them: an English layout with settings alone."""

from __future__ import annotations

import pytest
from lxml import etree

from helpers.frontmatter import article, series
from helpers.site import DEFAULT_BUILD_TIME, MINIMAL_SITE, site_settings, write_files
from shared.config import URL_SETTINGS, read_config
from tools.build import build
from tools.sitecheck import links, pagetypes

GERMAN_FOLDERS = {"autoren", "serien", "wochenrueckblick", "kategorie", "thema", "archiv", "entwuerfe",
                  "teilen", "seite", "suche", "abonnieren"}

ENGLISH = {
    "DEFAULT_LANG": "en",
    "ARTICLE_URL": "posts/{date:%Y}/{slug}/", "ARTICLE_SAVE_AS": "posts/{date:%Y}/{slug}/index.html",
    "DRAFT_URL": "drafts/{slug}/", "DRAFT_SAVE_AS": "drafts/{slug}/index.html",
    "PAGE_URL": "about/{slug}/", "PAGE_SAVE_AS": "about/{slug}/index.html",
    "CATEGORY_URL": "category/{slug}/", "CATEGORY_SAVE_AS": "category/{slug}/index.html",
    "CATEGORIES_URL": "category/", "CATEGORIES_SAVE_AS": "category/index.html",
    "TAG_URL": "topic/{slug}/", "TAG_SAVE_AS": "topic/{slug}/index.html",
    "TAGS_URL": "topic/", "TAGS_SAVE_AS": "topic/index.html",
    "AUTHOR_URL": "team/{slug}/", "AUTHOR_SAVE_AS": "team/{slug}/index.html",
    "AUTHORS_URL": "team/", "AUTHORS_SAVE_AS": "team/index.html",
    "ARCHIVES_URL": "archive/", "ARCHIVES_SAVE_AS": "archive/index.html",
    "SERIES_URL": "series/{slug}/", "SERIES_SAVE_AS": "series/{slug}/index.html",
    "SERIES_INDEX_URL": "series/", "SERIES_INDEX_SAVE_AS": "series/index.html",
    "ROUNDUP_URL": "weekly/{slug}/", "ROUNDUP_SAVE_AS": "weekly/{slug}/index.html",
    "ROUNDUPS_URL": "weekly/", "ROUNDUPS_SAVE_AS": "weekly/index.html",
    "ROUNDUP_SHARE_URL": "weekly/{slug}/share/",
    "NEWSLETTER_WEB_COPY_URL": "weekly/{slug}/email/",
    "FEED_SITE_URL": "feed/{format}.xml",
    "SEARCH_URL": "search/", "SEARCH_SAVE_AS": "search/index.html",
    "SUBSCRIBE_URL": "subscribe/", "SUBSCRIBE_SAVE_AS": "subscribe/index.html",
    "SUBSCRIBE_OPML_URL": "subscribe/feeds.opml",
    "PAGINATION_PATTERNS": ((1, "{url}", "{save_as}"),
                            (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html")),
}


# Every kind of page: a series with its tip, a draft, and posts enough for a second page of listings.
SITE = {
    **MINIMAL_SITE,
    "series/mittwochstipp.yml": series("#Mittwochstipp", "Tipp {n}", description="Jeden Mittwoch ein Tipp.",
                                       weekday="wednesday", owners=["jana-beispiel"]),
    "articles/tipp-eins.md": article("Tipp eins", "2026-11-11 07:30", id="7e570001", series="mittwochstipp",
                                     category="Sprache", tags=["sprache"], summary="Der erste Tipp."),
    "articles/entwurf.md": article("Ein Entwurf", "2026-11-19 09:30", id="0002", status="draft"),
    **{f"articles/beitrag-{number:02d}.md": article(
        f"Beitrag {number}", f"2026-10-{number:02d} 10:00", author="tom-muster", id=f"1{number:03d}",
        category="Arbeitskultur", tags=["netzwerken"], summary=f"Beitrag Nummer {number}.",
        body="Siehe [den ersten Beitrag]({filename}erster-beitrag.md).") for number in range(1, 12)},
}


def build_english(settings_file: str, tmp_path_factory):
    folder = tmp_path_factory.mktemp("english")
    write_files(folder / "content", SITE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_BUILD_TIME)
        settings = site_settings(folder, settings_file, ENGLISH)
        result = build(settings)
    assert result.exit_code(strict=True) == 0, result.summary()
    return folder / "output", settings


@pytest.fixture(scope="module")
def published_english_site(tmp_path_factory):
    return build_english("publishconf.py", tmp_path_factory)


@pytest.fixture(scope="module", params=["publishconf.py", "pelicanconf.py"])
def english_site(request, tmp_path_factory, published_english_site):
    if request.param == "publishconf.py":
        return published_english_site
    return build_english(request.param, tmp_path_factory)


def test_every_url_setting_of_ours_is_changed_by_this_test():
    changed = {setting.name for setting in URL_SETTINGS} - set(ENGLISH)
    assert changed <= {"FEED_FILE_NAME"}  # "{format}.xml" has no German in it


def test_no_page_is_written_at_a_german_default_path(english_site):
    output, _ = english_site
    german = [str(p.relative_to(output)) for p in output.rglob("*") if p.is_dir() and p.name in GERMAN_FOLDERS]
    assert german == []


def test_the_link_checker_finds_no_broken_internal_link(english_site):
    output, settings = english_site
    report = links.check_links(output, settings["SITEURL"] or None)
    assert report.checked > 1000
    assert report.problem_lines() == []


def test_every_page_type_is_found_at_its_english_path(english_site):
    output, settings = english_site
    found = {t.name: t.path for t in pagetypes.discover(output, pagetypes.site_of(settings))}
    assert pagetypes.missing_required([pagetypes.PageType(name, path) for name, path in found.items()]) == []
    assert found["author"].startswith("team/") and found["roundup"].startswith("weekly/")
    assert found["article"].startswith("posts/2026/") and found["page"].startswith("about/")
    assert found["search"] == "search/" and found["subscribe"] == "subscribe/"


def test_feeds_sitemap_and_share_data_point_at_english_paths(published_english_site):
    output, _settings = published_english_site
    assert (output / "team/jana-beispiel/atom.xml").is_file() and (output / "feed/atom.xml").is_file()
    assert (output / "weekly/atom.xml").is_file() and (output / "weekly/2026-W47/email/index.html").is_file()
    assert (output / "subscribe/feeds.opml").is_file()
    locs = etree.parse(str(output / "sitemap.xml")).xpath("//*[local-name()='loc']/text()")
    assert locs and not [loc for loc in locs if set(loc.split("/")) & GERMAN_FOLDERS]
    # emails, their web copies and share pages stay out wherever the URL settings put them
    assert not [loc for loc in locs if {"newsletter", "email", "share"} & set(loc.split("/"))]
    assert any("/weekly/2026-W47/" in loc for loc in locs)
    share = (output / "weekly/2026-W47/share/share.json").read_text(encoding="utf-8")
    assert "/weekly/2026-W47/" in share and "wochenrueckblick" not in share
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /drafts/" in robots


def test_robots_txt_keeps_drafts_out_below_a_siteurl_path(build_site):
    site = build_site(settings_file="publishconf.py", overrides={"SITEURL": "https://intra.example/blog"})
    assert "Disallow: /blog/entwuerfe/" in site.text("robots.txt").splitlines()


@pytest.mark.parametrize("url, expected", [
    ("autoren/jana/", "https://blog.example/autoren/jana/"), ("/feeds/atom.xml", "https://blog.example/feeds/atom.xml"),
    ("", "https://blog.example/"), ("https://other.example/x", "https://other.example/x"),
    ("HTTPS://Other.example/", "HTTPS://Other.example/"), ("mailto:redaktion@blog.example", "mailto:redaktion@blog.example"),
])
def test_one_rule_makes_addresses_absolute_for_feeds_emails_and_share_texts(url, expected):
    from feeds.settings import read_feed_settings
    from newsletter.config import newsletter_settings
    from shared.urls import absolute_url

    assert absolute_url("https://blog.example", url) == expected
    config = read_config({"SITEURL": "https://blog.example"})[0]
    assert read_feed_settings(config)[0].absolute(url) == expected
    assert newsletter_settings({"SITEURL": "https://blog.example"}).absolute(url) == (expected if url else "")  # none stays none
