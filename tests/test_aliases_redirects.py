"""Planning the redirect pages of old addresses: where they link, who claims an address first, and
what an alias may not overwrite."""

from __future__ import annotations

import pytest

from aliases.redirects import (AliasedPost, Redirect, first_claims, link_to, listing_words, not_upcoming,
                               not_written_otherwise, outside_build_folders, page_address, redirects_of)
from shared.urls import pattern_regex

SITE_URL = "https://blog.example"


@pytest.mark.parametrize("url, from_save_as, site_url, relative, link", [
    ("2026/umzug/", "2019/03/29/alt/index.html", "", True, "../../../../2026/umzug/"),
    ("2026/umzug/", "alt/index.html", "", True, "../2026/umzug/"),
    ("2026/umzug/", "alt.html", "", True, "./2026/umzug/"),
    ("ueber-uns/", "2019/für-alle/index.html", "", True, "../../ueber-uns/"),
    ("2026/umzug/", "2019/alt/index.html", SITE_URL, False, "https://blog.example/2026/umzug/"),
    ("2026/umzug/", "2019/alt/index.html", "https://example.org/blog", False, "https://example.org/blog/2026/umzug/"),
    ("2026/umzug/", "2019/alt/index.html", "", False, "/2026/umzug/"),  # no SITEURL, no relative URLs: from the root
])
def test_a_redirect_links_the_post_like_every_other_page_of_its_build(url, from_save_as, site_url, relative, link):
    assert link_to(url, from_save_as, site_url, relative) == link


def alias(typed, save_as, line):
    return {"alias": typed, "save_as": save_as, "line": line}


POSTS = [
    AliasedPost("content/pages/ueber-uns.md", "Über uns", "ueber-uns/",
                (alias("/about/", "about/index.html", 3), alias("/2019/für-alle/", "2019/für-alle/index.html", 4))),
    AliasedPost("content/articles/2026/umzug.md", "Umzug", "2026/umzug/",
                (alias("/2019/f%C3%BCr-alle/", "2019/für-alle/index.html", 8),
                 alias("/alt/", "alt/index.html", 9), alias("/alt", "alt/index.html", 10))),
]


def test_redirects_come_in_file_and_line_order():
    redirects = redirects_of(POSTS, SITE_URL, relative=False)
    assert [(r.source, r.line) for r in redirects] == [
        ("content/articles/2026/umzug.md", 8), ("content/articles/2026/umzug.md", 9),
        ("content/articles/2026/umzug.md", 10), ("content/pages/ueber-uns.md", 3), ("content/pages/ueber-uns.md", 4)]
    assert redirects[-1].target == "https://blog.example/ueber-uns/" and redirects[-1].title == "Über uns"


def test_an_address_claimed_twice_goes_to_the_first_and_the_second_names_it():
    kept, problems = first_claims(redirects_of(POSTS, SITE_URL, relative=False))
    assert [(r.source, r.alias) for r in kept] == [
        ("content/articles/2026/umzug.md", "/2019/f%C3%BCr-alle/"), ("content/articles/2026/umzug.md", "/alt/"),
        ("content/pages/ueber-uns.md", "/about/")]
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("content/articles/2026/umzug.md", 10, "alias '/alt' is listed twice (also on line 9) ('/alt/' and '/alt' "
         "are one address: a web server decodes the path before it looks for the file)"),
        ("content/pages/ueber-uns.md", 4, "alias '/2019/für-alle/' is also an alias of content/articles/2026/umzug.md:8: "
         "both would be written to 2019/für-alle/index.html ('/2019/f%C3%BCr-alle/' and '/2019/für-alle/' are one "
         "address: a web server decodes the path before it looks for the file)"),
    ]
    assert problems[1].hint == "an old address can lead to one page only: remove it from one of the two files"


def test_the_same_alias_typed_twice_in_one_file_is_named_once():
    post = AliasedPost("content/x.md", "X", "x/", (alias("/alt/", "alt/index.html", 3), alias("/alt/", "alt/index.html", 4)))
    _kept, problems = first_claims(redirects_of([post], "", relative=True))
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (4, "alias '/alt/' is listed twice (also on line 3)", "remove one of them")]


def redirect(save_as, source="content/articles/2026/umzug.md", typed=None):
    return Redirect(typed or "/" + save_as.removesuffix("index.html"), save_as, source, 5, "Umzug", "../2026/umzug/")


LISTINGS = {"tag": pattern_regex("thema/{slug}/index.html"), "tags": pattern_regex("thema/index.html"),
            "index": pattern_regex("index.html"), "author": pattern_regex("autoren/{slug}/index.html")}
SOURCES = {"2026/erster-beitrag/index.html": "content/articles/erster-beitrag.md",
           "2026/umzug/index.html": "content/articles/2026/umzug.md",
           "images/alt.html": "content/images/alt.html"}
WRITTEN = {"index.html", "thema/index.html", "thema/netzwerken/index.html", "thema/netzwerken/seite/2/index.html",
           "2026/erster-beitrag/index.html", "2026/umzug/index.html", "images/alt.html"}


@pytest.mark.parametrize("save_as, message", [
    ("2026/erster-beitrag/index.html", "alias '/2026/erster-beitrag/' is the address of content/articles/erster-beitrag.md, "
                                       "which this build writes to 2026/erster-beitrag/index.html"),
    ("thema/netzwerken/index.html", "alias '/thema/netzwerken/' is the address of a topic page /thema/netzwerken/, "
                                    "which this build writes to thema/netzwerken/index.html"),
    ("thema/index.html", "alias '/thema/' is the address of the list of topics /thema/, which this build writes to "
                         "thema/index.html"),
    ("index.html", "alias '/' is the address of the home page /, which this build writes to index.html"),
    ("thema/netzwerken/seite/2/index.html", "alias '/thema/netzwerken/seite/2/' is the address of a page "
                                            "/thema/netzwerken/seite/2/, which this build writes to "
                                            "thema/netzwerken/seite/2/index.html"),
    ("images/alt.html", "alias '/images/alt.html' is the address of content/images/alt.html, which this build writes "
                        "to images/alt.html"),
    ("2026/umzug/index.html", "alias '/2026/umzug/' is this post's own address"),
])
def test_an_alias_never_overwrites_a_file_of_the_build_and_names_what_is_there(save_as, message):
    kept, problems = not_written_otherwise([redirect(save_as), redirect("2019/alt/index.html")], WRITTEN, SOURCES, LISTINGS)
    assert [r.save_as for r in kept] == ["2019/alt/index.html"]
    assert [(p.path, p.line, p.message) for p in problems] == [("content/articles/2026/umzug.md", 5, message)]


def test_an_alias_inside_a_folder_the_build_fills_itself_is_refused():
    kept, problems = outside_build_folders([redirect("pagefind/alt/index.html"), redirect("theme/x.html"),
                                            redirect("themen/index.html")], ("pagefind/", "theme/"))
    assert [r.save_as for r in kept] == ["themen/index.html"]
    assert [p.message for p in problems] == ["alias '/pagefind/alt/' is inside pagefind/, which the build fills by itself",
                                             "alias '/theme/x.html' is inside theme/, which the build fills by itself"]


@pytest.mark.parametrize("save_as, words", [
    ("thema/x/index.html", "a topic page"), ("autoren/jana/index.html", "an author page"),
    ("thema/x/seite/2/index.html", "a page"), ("index.html", "the home page")])
def test_a_listing_is_named_in_an_editors_words(save_as, words):
    assert listing_words(save_as, LISTINGS) == words


@pytest.mark.parametrize("save_as, address", [
    ("index.html", "/"), ("thema/index.html", "/thema/"), ("alt.html", "/alt.html"), ("a/b.htm", "/a/b.htm")])
def test_a_page_is_named_by_the_address_a_reader_visits(save_as, address):
    assert page_address(save_as) == address


def test_a_scheduled_posts_alias_claims_its_address_now():
    posts = [AliasedPost("content/articles/2026/bald.md", "Bald", "2026/bald/", (alias("/alt/", "alt/index.html", 5),),
                         scheduled=True),
             AliasedPost("content/articles/2026/jetzt.md", "Jetzt", "2026/jetzt/", (alias("/alt/", "alt/index.html", 5),))]
    kept, problems = first_claims(redirects_of(posts, "", relative=True))
    assert [(r.source, r.scheduled) for r in kept] == [("content/articles/2026/bald.md", True)]
    assert [p.path for p in problems] == ["content/articles/2026/jetzt.md"]


def test_an_alias_on_a_scheduled_posts_address_is_found_before_the_post_goes_live():
    kept, problems = not_upcoming([redirect("2026/bald/index.html"), redirect("2019/alt/index.html")],
                                  {"2026/bald/index.html": "content/articles/2026/bald.md"})
    assert [r.save_as for r in kept] == ["2019/alt/index.html"]
    assert [p.message for p in problems] == ["alias '/2026/bald/' is the address of content/articles/2026/bald.md, "
                                             "a scheduled post that takes it when it is published"]
