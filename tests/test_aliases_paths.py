"""Old addresses in the front matter (`aliases:`): which file answers each, and what is refused."""

from __future__ import annotations

import pytest

from frontmatter.metadata import read_front_matter
from shared.aliases import AliasPath, AliasProblem, read_alias


@pytest.mark.parametrize("typed, save_as", [
    ("/2019/03/29/alter-name/", "2019/03/29/alter-name/index.html"),
    ("/2019/alter-name", "2019/alter-name/index.html"),  # a folder: the server adds the '/'
    ("/alt.html", "alt.html"),
    ("/archiv/alt.HTM", "archiv/alt.HTM"),
    ("/2019/f%C3%BCr-alle/", "2019/für-alle/index.html"),  # decoded, as the web server looks it up
    ("/2019/für-alle/", "2019/für-alle/index.html"),
    ("/2019/f%c3%bcr-alle/", "2019/für-alle/index.html"),
    ("/mit%20leerzeichen/", "mit leerzeichen/index.html"),
    ("  /alt/  ", "alt/index.html"),
    ("/", "index.html"),  # the home page: refused as a clash with the page the build writes there
])
def test_an_alias_is_answered_by_the_file_a_static_host_serves_for_it(typed, save_as):
    found = read_alias(typed)
    assert isinstance(found, AliasPath), found
    assert found.save_as == save_as


def test_a_percent_encoded_alias_keeps_what_was_typed_and_decodes_the_path():
    assert read_alias("/2019/f%C3%BCr-alle/") == AliasPath("/2019/f%C3%BCr-alle/", "/2019/für-alle/",
                                                           "2019/für-alle/index.html")


@pytest.mark.parametrize("typed, message, hint", [
    ("/?p=12", "has a query ('?p=12'), which no static file can answer", "web-server rule (docs/deploy.md"),
    ("/?page_id=5", "has a query ('?page_id=5')", "web-server rule"),
    ("/2019/alt/?replytocom=3", "has a query", "web-server rule"),
    ("/alt/#kommentare", "has a fragment ('#kommentare')", "write the alias as /alt/"),
    ("https://alt.example.org/2019/alt/", "is a full address with a host", "e.g. /2019/alt/"),
    ("//alt.example.org/2019/alt/", "is a full address with a host", "e.g. /2019/alt/"),
    ("mailto:redaktion@example.org", "is a full address with a host", "path on this site"),
    ("2019/alt/", "does not start with '/'", "/2019/alt/"),
    ("/2019/../alt/", "has a '.' or '..' folder", "without '.' and '..'"),
    ("/2019/./alt/", "has a '.' or '..' folder", "without '.' and '..'"),
    ("/2019/%2E%2E/alt/", "has a '.' or '..' folder", "without '.' and '..'"),  # the server decodes it too
    ("/2019\\alt\\", "contains a backslash", "/2019/alt/"),
    ("/2019/%5Calt/", "decodes to a backslash", "'/'"),
    ("/2019/\talt/", "contains a control character (U+0009)", "one line"),
    ("/2019/%0Aalt/", "decodes to a control character (U+000A)", "remove"),
    ("/100%-sicher/", "has a '%' that starts no percent-encoding", "%25"),
    ("/%FC/", "does not decode to UTF-8 text", "%C3%BC"),
    ("/2019//alt/", "has an empty folder name ('//')", "/2019/alt/"),
    ("/feed/x.php", "names a file that is not a web page ('x.php')", "web-server rule"),
    ("/bild.jpg", "names a file that is not a web page ('bild.jpg')", "end a folder address with '/'"),
    ("", "an alias is empty", "/2019/03/29/alter-name/"),
])
def test_an_alias_no_static_file_can_answer_is_refused_with_the_way_out(typed, message, hint):
    found = read_alias(typed)
    assert isinstance(found, AliasProblem), found
    assert message in found.message and hint in found.hint


PAGE = """\
---
title: "Über uns"
aliases:
  - /about/
  - "/?page_id=5"
  - {typo: /x/}
  - 2019
  - /ueber-uns-alt.html
---
Wir.
"""


def test_every_bad_entry_is_reported_at_its_own_line_and_the_good_ones_are_kept():
    front = read_front_matter(PAGE, "content/pages/ueber-uns.md", is_page=True, tz_name="Europe/Berlin")
    assert sorted((p.path, p.line, p.message) for p in front.problems) == [
        ("content/pages/ueber-uns.md", 5, "alias '/?page_id=5' has a query ('?page_id=5'), which no static file can answer"),
        ("content/pages/ueber-uns.md", 6, "'aliases' entry 3 must be text, found a mapping"),
        ("content/pages/ueber-uns.md", 7, "alias '2019' does not start with '/'"),
    ]
    assert "docs/deploy.md" in next(p.hint for p in front.problems if p.line == 5)
    assert front.values["aliases"] == [{"alias": "/about/", "save_as": "about/index.html", "line": 4},
                                       {"alias": "/ueber-uns-alt.html", "save_as": "ueber-uns-alt.html", "line": 8}]


@pytest.mark.parametrize("is_page", [False, True])
def test_articles_and_pages_may_have_aliases_one_or_a_list(is_page):
    text = ("---\ntitle: \"T\"\ndate: 2026-11-18 09:30\nauthor: jana-beispiel\naliases: /2019/alt/\n---\nText.\n")
    front = read_front_matter(text, "content/x.md", is_page=is_page, tz_name="Europe/Berlin")
    if is_page:
        front.problems = [p for p in front.problems if "author" not in p.message]  # pages have no author
    assert front.problems == []
    assert front.values["aliases"] == [{"alias": "/2019/alt/", "save_as": "2019/alt/index.html", "line": 5}]


def test_aliases_must_be_a_list_of_paths():
    text = "---\ntitle: \"T\"\naliases: {alt: /x/}\n---\nText.\n"
    front = read_front_matter(text, "content/pages/x.md", is_page=True, tz_name="Europe/Berlin")
    assert [(p.line, p.message) for p in front.problems] == [
        (3, "'aliases' must be a list of old addresses (paths like /2019/03/29/alter-name/), found a mapping")]
