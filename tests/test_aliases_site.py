"""End to end: old addresses (front matter `aliases:`) become redirect pages a reader and the site
checks accept, and an alias that would overwrite something stops the build naming both files."""

from __future__ import annotations

import gzip
import json
from urllib.parse import urljoin

import pytest

from helpers.frontmatter import article, front_matter
from helpers.preview import RunningPreview
from helpers.site import MINIMAL_SITE
from helpers.sitecheck import require_validator
from readers.search_index import index_site
from tools.sitecheck import links, vnu

PUBLISHED_AT = "https://blog.nordlicht-werkstatt.example"  # publishconf.py's SITEURL
TITLE = "Tom & Jerry <br> im Büro"  # text: shown as typed, escaped once

SITE = {
    "articles/2026/umzug.md": article(TITLE, "2026-11-18 10:00", id="0002", summary="Umgezogen.", body="Neu hier.",
                                      aliases=["/2019/03/29/alter-name/", "/2019/f%C3%BCr-alle/", "/alt.html"]),
    "pages/ueber-uns.md": front_matter({"title": "Über uns", "aliases": ["/about/"]}, body="Wir bauen Sensoren."),
    "articles/2026/entwurf.md": article("Ein Entwurf", "2026-11-18 11:00", id="0003", status="draft",
                                        aliases=["/2019/entwurf/"]),
    "articles/2026/bald.md": article("Kommt noch", "2026-11-25 10:00", id="0004", aliases=["/2019/bald/"]),
    "articles/2026/versteckt.md": article("Nur mit Link", "2026-11-18 12:00", id="0005", status="hidden",
                                          aliases=["/2019/versteckt/"]),
}


@pytest.fixture(params=["pelicanconf.py", "publishconf.py"])
def site(request, build_site):
    built = build_site(SITE, settings_file=request.param)
    assert built.result.exit_code(strict=True) == 0, built.messages
    built.base = PUBLISHED_AT if request.param == "publishconf.py" else "http://localhost:8000"
    return built


def where_it_leads(site, alias: str) -> dict:
    """The redirect page at `alias` as a browser reads it, each address resolved against the alias."""
    page = site.html(alias.lstrip("/"))
    refresh = page.xpath("//meta[@http-equiv='refresh']/@content")[0]
    assert refresh.startswith("0; url=")
    visited = site.base + alias
    return {
        "refresh": urljoin(visited, refresh.removeprefix("0; url=")),
        "canonical": urljoin(visited, page.xpath("//link[@rel='canonical']/@href")[0]),
        "link": urljoin(visited, page.xpath("//main//a/@href")[0]),
    }


@pytest.mark.parametrize("alias, target", [
    ("/2019/03/29/alter-name/", "/2026/umzug/"),
    ("/alt.html", "/2026/umzug/"),
    ("/about/", "/ueber-uns/"),  # pages have aliases too
    ("/2019/versteckt/", "/2026/versteckt/"),  # a hidden post is out: its old address works
])
def test_an_old_address_leads_to_the_post_in_preview_and_publish_builds(site, alias, target):
    assert set(where_it_leads(site, alias).values()) == {site.base + target}
    assert site.path(target.lstrip("/") + "index.html").is_file()


def test_a_publish_build_links_the_post_absolutely_and_a_preview_relatively(site):
    page = site.html("2019/03/29/alter-name/")
    href = page.xpath("//link[@rel='canonical']/@href")[0]
    expected = f"{PUBLISHED_AT}/2026/umzug/" if site.base == PUBLISHED_AT else "../../../../2026/umzug/"
    assert href == expected


def test_the_redirect_page_is_a_small_valid_page_for_people_and_not_for_search_engines(site):
    text = site.text("2019/03/29/alter-name/index.html")
    assert text.startswith("<!DOCTYPE html>\n")
    page = site.html("2019/03/29/alter-name/")
    assert page.get("lang") == "de"
    assert page.xpath("//meta/@charset") == ["utf-8"]
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert page.xpath("//*[@data-pagefind-body]") == []
    assert " ".join(page.xpath("//main")[0].text_content().split()) == f"Diese Seite hat eine neue Adresse: {TITLE}"


def test_the_title_is_shown_as_typed_escaped_once(site):
    page = site.html("2019/03/29/alter-name/")
    assert page.xpath("//main//a")[0].text_content() == TITLE
    assert page.xpath("//title")[0].text_content() == f"Umgezogen: {TITLE} – Werkbank Blog"
    assert page.xpath("//br") == []
    text = site.text("2019/03/29/alter-name/index.html")
    assert "Tom &amp; Jerry &lt;br&gt; im Büro" in text and "&amp;amp;" not in text and "&amp;lt;" not in text


def test_a_percent_encoded_alias_is_written_where_the_server_looks_after_decoding(site):
    assert site.path("2019/für-alle/index.html").is_file()
    assert not site.path("2019/f%C3%BCr-alle").exists()
    assert set(where_it_leads(site, "/2019/für-alle/").values()) == {site.base + "/2026/umzug/"}


def test_drafts_and_scheduled_posts_get_no_redirect_yet(site):
    assert not site.path("2019/entwurf").exists()
    assert not site.path("2019/bald").exists()


def test_the_scheduled_posts_old_address_works_once_it_is_out(build_site):
    site = build_site(SITE, build_time="1796101200")  # Tuesday 1 December 2026
    assert site.path("2019/bald/index.html").is_file()


def test_redirects_are_not_in_the_sitemap_the_feeds_or_the_search_index(build_site):
    site = build_site(SITE, settings_file="publishconf.py")
    sitemap = site.text("sitemap.xml")
    assert f"<loc>{PUBLISHED_AT}/2026/umzug/</loc>" in sitemap
    assert "2019/" not in sitemap and "alt.html" not in sitemap and "/about/" not in sitemap
    for feed in ("feeds/atom.xml", "feeds/rss.xml"):
        assert "/2026/umzug/" in site.text(feed) and "2019/" not in site.text(feed)
    index_site(site.output)
    indexed = set()
    for fragment in (site.output / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        indexed.add(json.loads(data[data.index(b"{"):])["url"])
    assert "/2026/umzug/" in indexed
    assert not [url for url in indexed if url.startswith(("/2019/", "/alt", "/about"))]


def test_the_link_checker_follows_every_redirect_and_finds_nothing_broken(site):
    report = links.check_links(site.output, PUBLISHED_AT if site.base == PUBLISHED_AT else None)
    assert report.ok, report.problem_lines()


def test_a_redirect_whose_post_is_gone_is_a_broken_link(build_site):
    site = build_site(SITE)
    (site.output / "2026/umzug/index.html").unlink()
    report = links.check_links(site.output)
    assert any(link.page == "2019/03/29/alter-name/index.html" for link in report.broken), report.problem_lines()


@pytest.mark.browser
def test_the_nu_checker_accepts_the_redirect_pages(site):
    require_validator()
    findings = [f for f in vnu.check_directory(site.output) if f.file.startswith(("2019/", "alt.html", "about/"))]
    assert findings == []


def test_an_english_site_says_it_in_english(build_site):
    site = build_site(SITE, overrides={"DEFAULT_LANG": "en"})
    page = site.html("about/")
    assert page.get("lang") == "en"
    assert " ".join(page.xpath("//main")[0].text_content().split()) == "This page has a new address: Über uns"


# ---- what an alias may not do ---------------------------------------------------------------------

@pytest.fixture(autouse=True)
def paths_as_an_author_sees_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to the project: content/…


def test_an_alias_on_the_address_of_a_real_page_fails_naming_both_files(build_site):
    site = build_site({"articles/2026/umzug.md": front_matter({
        "title": "Umzug", "date": "2026-11-18 10:00", "author": "jana-beispiel", "id": "0002",
        "aliases": ["/2026/erster-beitrag/", "/thema/netzwerken/", "/2019/alt/"]})})
    assert site.result.exit_code(strict=True) == 1
    assert [(p.path, p.line, p.message) for p in site.result.errors] == [
        ("content/articles/2026/umzug.md", 6, "alias '/2026/erster-beitrag/' is the address of "
         "content/articles/erster-beitrag.md, which this build writes to 2026/erster-beitrag/index.html"),
        ("content/articles/2026/umzug.md", 6, "alias '/thema/netzwerken/' is the address of a topic page "
         "/thema/netzwerken/, which this build writes to thema/netzwerken/index.html"),
    ]
    assert site.html("2026/erster-beitrag/").xpath("//h1")[0].text_content() == "Erster Beitrag"  # not overwritten
    assert site.html("thema/netzwerken/").xpath("//meta[@http-equiv='refresh']") == []
    assert site.path("2019/alt/index.html").is_file()  # the good alias still works


def test_one_alias_in_two_files_fails_naming_both_and_the_first_keeps_it(build_site):
    site = build_site({
        "articles/2026/a.md": article("A", "2026-11-18 10:00", id="0002", aliases=["/2019/alt/"]),
        "articles/2026/b.md": front_matter({"title": "B", "date": "2026-11-18 11:00", "author": "jana-beispiel",
                                            "id": "0003", "aliases": ["/2019/neu/", "/2019/alt"]}),
    })
    assert site.result.exit_code(strict=True) == 1
    assert [p.format() for p in site.result.errors] == [
        "content/articles/2026/b.md:6: alias '/2019/alt' is also an alias of content/articles/2026/a.md:6: both "
        "would be written to 2019/alt/index.html ('/2019/alt/' and '/2019/alt' are one address: a web server decodes "
        "the path before it looks for the file)\n"
        "    an old address can lead to one page only: remove it from one of the two files"]
    assert where_it_leads_relative(site, "2019/alt/") == "../../2026/a/"
    assert where_it_leads_relative(site, "2019/neu/") == "../../2026/b/"


def where_it_leads_relative(site, alias: str) -> str:
    return site.html(alias).xpath("//link[@rel='canonical']/@href")[0]


BAD = """\
---
title: "Alte Adressen"
date: 2026-11-18 10:00
author: jana-beispiel
aliases:
  - /2019/gut/
  - "/?p=12"
  - https://alt.example.org/2019/x/
  - /feed/x.php
---
Text.
"""


def test_bad_entries_stop_the_build_with_file_line_and_fix(build_site):
    site = build_site({"articles/2026/alt.md": BAD})
    assert site.result.exit_code(strict=True) == 1
    assert [(p.path, p.line) for p in site.result.errors] == [
        ("content/articles/2026/alt.md", 7), ("content/articles/2026/alt.md", 8), ("content/articles/2026/alt.md", 9)]
    assert "content/articles/2026/alt.md:7: alias '/?p=12' has a query ('?p=12'), which no static file can answer\n" \
           "    a static host looks only at the path: redirect addresses like /?p=12 with a web-server rule " \
           "(docs/deploy.md, 'Old WordPress addresses')" in site.messages
    assert not site.path("2019/gut").exists()  # a file with problems is not built, its aliases neither


def test_the_preview_serves_an_old_address_typed_either_way(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795431600")
    running = RunningPreview(tmp_path, {**MINIMAL_SITE, **SITE})
    try:
        for path in ("/2019/f%C3%BCr-alle/", "/2019/f%c3%bcr-alle/", "/2019/03/29/alter-name/"):
            status, kind, body = running.get(path)
            assert (status, kind) == (200, "text/html; charset=utf-8"), path
            assert 'http-equiv="refresh"' in body and "url=../../" in body
    finally:
        running.stop()


def test_an_alias_that_a_scheduled_post_will_need_fails_now_not_when_it_goes_live(build_site):
    site = build_site({
        "articles/2026/bald.md": article("Kommt noch", "2026-11-25 10:00", id="0004", aliases=["/2019/alt/"]),
        "articles/2026/jetzt.md": article("Schon da", "2026-11-18 10:00", id="0005",
                                          aliases=["/2026/bald/", "/2019/alt/"]),
    })
    assert [p.format().split("\n")[0] for p in site.result.errors] == [
        "content/articles/2026/jetzt.md:6: alias '/2019/alt/' is also an alias of content/articles/2026/bald.md:6: "
        "both would be written to 2019/alt/index.html",
        "content/articles/2026/jetzt.md:6: alias '/2026/bald/' is the address of content/articles/2026/bald.md, "
        "a scheduled post that takes it when it is published"]
    assert not site.path("2019/alt").exists() and not site.path("2026/bald").exists()
    assert "Kommt noch" not in site.messages  # a scheduled post's title is not revealed
