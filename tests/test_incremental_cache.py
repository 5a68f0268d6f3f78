"""Rebuilds with Pelican's content cache on: an edit of a profile, a series file or an article's
`thanks` reaches every page that shows it, though the unchanged articles come from the cache.

The cache holds what the reader returned for each article (pickled after the plugins ran), so a
plugin that stored derived data on reader values would show the old data here.
"""

from __future__ import annotations

import json
import os
import textwrap

import pytest
from lxml import etree
from lxml import html as lxml_html

from helpers.series import SHORT_SERIES as SERIES
from helpers.site import AUTHOR_YAML, MINIMAL_SITE, SiteBuild, site_settings
from frontmatter.reader import YamlFrontMatterReader
from tools.build import build

CACHED_PUBLISH = {"settings_file": "publishconf.py",
                  "overrides": {"SITEURL": "https://blog.example", "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}}

JANA = AUTHOR_YAML.format(name="Jana Beispiel") + "links:\n  mastodon: https://social.example/@jana\n"
JANA_RENAMED = AUTHOR_YAML.format(name="Jana Neumann") + "links:\n  mastodon: https://social.example/@jana_neu\n"

SERIES_RENAMED = SERIES.replace("#Mittwochstipp", "#Werkbanktipp").replace("Tipp {n}", "Kniff {n}")


def thanks_post(thanks: str) -> str:
    return f"""\
---
title: "Danke an alle"
id: "0000dank"
date: 2026-11-19 10:00
author: tom-muster
category: Arbeitskultur
summary: "Wer gibt, bekommt."
thanks:
{thanks}
---
Ein Absatz.
"""


SITE = {
    **MINIMAL_SITE,
    "authors/jana-beispiel.yml": JANA,
    "authors/aylin-oezdemir.yml": AUTHOR_YAML.format(name="Aylin Özdemir"),
    "series/mittwochstipp.yml": SERIES,
    "articles/der-tipp.md": """\
        ---
        title: "Der Tipp"
        id: "0000717b"
        date: 2026-11-18 08:00
        author: jana-beispiel
        series: mittwochstipp
        category: Arbeitskultur
        summary: "Ein kurzer Tipp."
        ---
        Ein Absatz.
        """,
    "articles/danke.md": thanks_post('  - {name: "Das Team Vertrieb"}'),
}

ROUNDUP = "wochenrueckblick/2026-W47/"


@pytest.fixture
def cached_site(build_site, monkeypatch):
    """(first build, rebuild(edits) -> (second build, articles the reader read again))."""
    first = build_site(SITE, **CACHED_PUBLISH)
    assert first.result.exit_code(strict=True) == 0, first.messages
    assert (first.content.parent / "cache").is_dir()
    reads = []
    original_read = YamlFrontMatterReader.read

    def counting_read(reader, source_path):
        reads.append(os.path.basename(source_path))
        return original_read(reader, source_path)

    monkeypatch.setattr(YamlFrontMatterReader, "read", counting_read)

    def rebuild(edits: dict) -> tuple[SiteBuild, list]:
        second, read_again = rebuild_without_check(edits)
        assert second.result.exit_code(strict=True) == 0, second.messages
        return second, read_again

    def rebuild_without_check(edits: dict) -> tuple[SiteBuild, list]:
        # Only the edited files change; every other file keeps its mtime, so the cache is used.
        for relative, text in edits.items():
            path = first.content / relative
            before = path.stat().st_mtime
            path.write_text(textwrap.dedent(text), encoding="utf-8")
            os.utime(path, (before + 10, before + 10))  # the cache compares mtimes
        reads.clear()
        result = build(site_settings(first.content.parent, CACHED_PUBLISH["settings_file"],
                                     CACHED_PUBLISH["overrides"]))
        return SiteBuild(result, first.content, first.output), sorted(reads)

    rebuild.without_check = rebuild_without_check
    return first, rebuild


def everything_said(site: SiteBuild, relative: str) -> str:
    """All text and attribute values of an output file: HTML and XML parsed, JSON and text as is."""
    path = site.path(relative)
    if path.is_dir() or relative.endswith("/"):
        path = path / "index.html"
    if path.suffix == ".html":
        document = lxml_html.fromstring(path.read_bytes())
    elif path.suffix == ".xml":
        document = etree.fromstring(path.read_bytes())
    elif path.suffix == ".json":
        return json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
    else:
        return path.read_text(encoding="utf-8")
    texts = list(document.itertext())
    texts += [value for element in document.iter() for value in element.attrib.values()]
    return " ".join(" ".join(texts).split())


def assert_shows(site: SiteBuild, files, new: str, old: str) -> None:
    stale = [name for name in files if old in everything_said(site, name)]
    missing = [name for name in files if new not in everything_said(site, name)]
    assert not stale, f"still showing {old!r}: {stale}"
    assert not missing, f"not showing {new!r}: {missing}"


def test_the_second_build_reads_unchanged_articles_from_the_cache(cached_site):
    _first, rebuild = cached_site
    _second, reads = rebuild({"articles/danke.md": thanks_post('  - {name: "Das Team Einkauf"}')})
    assert reads == ["danke.md"]


PAGES_NAMING_JANA = [
    "autoren/jana-beispiel/",  # her author page
    "autoren/",  # the authors index
    "2026/der-tipp/",  # byline on her article
    "2026/erster-beitrag/",
    "",  # bylines in the list of posts
    "kategorie/arbeitskultur/",
    "serien/mittwochstipp/",  # series owner
    ROUNDUP,  # roundup contributors
    "feeds/atom.xml",  # author of the entries
    "feeds/rss.xml",
    "autoren/jana-beispiel/atom.xml",  # her feed's title
    "newsletter/2026-W47.html",
    "newsletter/2026-W47.txt",
]


def test_a_renamed_author_shows_everywhere_after_a_cached_rebuild(cached_site):
    first, rebuild = cached_site
    assert_shows(first, PAGES_NAMING_JANA, new="Jana Beispiel", old="Jana Neumann")
    second, reads = rebuild({"authors/jana-beispiel.yml": JANA_RENAMED})
    assert reads == []  # no article changed: all of them came from the cache
    assert_shows(second, PAGES_NAMING_JANA, new="Jana Neumann", old="Jana Beispiel")


def test_a_changed_profile_link_reaches_the_share_texts_after_a_cached_rebuild(cached_site):
    first, rebuild = cached_site
    share_files = ["2026/der-tipp/", ROUNDUP + "teilen/share.json"]
    assert_shows(first, share_files, new="@jana@social.example", old="@jana_neu@social.example")
    second, reads = rebuild({"authors/jana-beispiel.yml": JANA_RENAMED})
    assert reads == []
    assert_shows(second, share_files, new="@jana_neu@social.example", old="@jana@social.example")
    links = second.html("autoren/jana-beispiel/").xpath("//a/@href")
    assert "https://social.example/@jana_neu" in links
    assert "https://social.example/@jana" not in links


PAGES_SHOWING_THE_SERIES = [
    "2026/der-tipp/",  # the tip's kicker
    "serien/mittwochstipp/",
    "serien/",
    ROUNDUP,  # the roundup's tips
    "serien/mittwochstipp/atom.xml",  # the series feed's title
    "newsletter/2026-W47.html",
    "newsletter/2026-W47.txt",
]


def test_a_renamed_series_shows_everywhere_after_a_cached_rebuild(cached_site):
    first, rebuild = cached_site
    assert_shows(first, PAGES_SHOWING_THE_SERIES, new="#Mittwochstipp", old="#Werkbanktipp")
    second, reads = rebuild({"series/mittwochstipp.yml": SERIES_RENAMED})
    assert reads == []
    assert_shows(second, PAGES_SHOWING_THE_SERIES, new="#Werkbanktipp", old="#Mittwochstipp")
    kicker = second.html("2026/der-tipp/").xpath("//p[@class='kicker']")[0].text_content()
    assert kicker == "Kniff 1 · #Werkbanktipp"
    feed = etree.fromstring(second.path("serien/mittwochstipp/atom.xml").read_bytes())
    assert "#Werkbanktipp" in feed.findtext("{http://www.w3.org/2005/Atom}title")


def test_changed_thanks_show_everywhere_after_a_cached_rebuild(cached_site):
    first, rebuild = cached_site
    pages = ["2026/danke/", ROUNDUP, "newsletter/2026-W47.html", "newsletter/2026-W47.txt"]
    assert_shows(first, pages, new="Das Team Vertrieb", old="Aylin Özdemir")
    assert "Danke an alle" not in everything_said(first, "autoren/aylin-oezdemir/")

    second, reads = rebuild({"articles/danke.md": thanks_post("  - aylin-oezdemir")})
    assert reads == ["danke.md"]
    assert_shows(second, pages, new="Aylin Özdemir", old="Das Team Vertrieb")
    thanks = second.html("2026/danke/").xpath("//section[@class='thanks']//li")
    assert [item.text_content() for item in thanks] == ["Aylin Özdemir"]
    assert "Danke an alle" in everything_said(second, "autoren/aylin-oezdemir/")  # thanked in


def test_a_broken_article_is_reported_again_by_a_cached_rebuild(cached_site):
    """The reader skips a file with front-matter problems; the cache must not skip it silently next time."""
    _first, rebuild = cached_site
    broken = thanks_post('  - {name: "Das Team Vertrieb"}').replace("author: tom-muster", "autor: tom-muster")
    second, _reads = rebuild.without_check({"articles/danke.md": broken})
    assert "unknown key 'autor'" in second.messages
    third, reads = rebuild.without_check({})
    assert reads == ["danke.md"]
    assert "unknown key 'autor'" in third.messages
    assert third.result.exit_code(strict=True) == 1
