"""Reader aids in the built site: sized images, Weiterlesen, reading time, the subscribe page, OPML."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from helpers.site import SAMPLE_SETTINGS, run_tool, write_files
from readers.images import attributes
from readers.search_index import UNUSED_FILES
from helpers.readers import READERS_SITE, build_readers_site

ARTICLES = ["2026/tipp-eins/", "2026/tipp-zwei/", "2026/langer-beitrag/", "2026/kurz/", "2026/fremd/",
            "2026/erster-beitrag/"]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("readers-published")
    return build_readers_site(base, "publishconf.py", cache=base / "image-cache")


@pytest.fixture(scope="module")
def english_preview(tmp_path_factory) -> Path:
    return build_readers_site(tmp_path_factory.mktemp("readers-en"), overrides={"DEFAULT_LANG": "en"})


def page(output: Path, url: str):
    return lxml_html.fromstring((output / url / "index.html").read_bytes())


def read_next_links(output: Path, url: str) -> list[str]:
    return [href.rstrip("/").rsplit("/", 1)[-1]
            for href in page(output, url).xpath("//section[@class='read-next']//h3/a/@href")]


def test_every_img_of_every_page_has_width_and_height(published):
    missing = []
    for path in sorted(published.rglob("*.html")):
        for img in lxml_html.fromstring(path.read_bytes()).xpath("//img"):
            if not (img.get("width") and img.get("height")):
                missing.append((str(path.relative_to(published)), img.get("src")))
    assert missing == []


def test_article_images_get_srcset_copies_and_only_the_first_loads_at_once(published):
    # the post's own pictures, not the faces in its byline or the cards under it
    header, small, body = page(published, "2026/langer-beitrag/").xpath(
        "//article//img[not(contains(@class, 'avatar') or contains(@class, 'card-picture'))]")
    # the header image is asked for first (the site's logo above it is the page's first <img>)
    assert (header.get("width"), header.get("height"), header.get("loading")) == ("1200", "600", "eager")
    assert header.get("srcset").split(", ")[0].endswith("images/2026/bild-480w.png 480w") and header.get("sizes")
    assert (small.get("width"), small.get("loading"), small.get("srcset")) == ("300", "lazy", None)
    assert body.get("loading") == "lazy" and "bild-800w.png 800w" in body.get("srcset")
    assert (published / "images/2026/bild-480w.png").is_file() and (published / "images/2026/bild-800w.png").is_file()


def test_emails_keep_one_absolute_image_with_a_width(published):
    emails = sorted((published / "newsletter").glob("*.html"))
    assert emails
    for email in emails:
        for tag in email.read_text(encoding="utf-8").split("<img")[1:]:
            found = attributes("<img" + tag.split(">", 1)[0] + ">")
            assert found["src"].startswith("https://") and found["width"] and "srcset" not in found


def test_read_next_starts_with_the_next_tip_and_never_lists_the_article_itself(published):
    assert read_next_links(published, "2026/tipp-eins/")[0] == "tipp-zwei"
    for url in ARTICLES:
        links = read_next_links(published, url)
        assert url.rstrip("/").rsplit("/", 1)[-1] not in links and len(links) <= 3 and len(set(links)) == len(links)
    # shared topics before the same author, then the newer post
    assert read_next_links(published, "2026/kurz/") == ["langer-beitrag", "erster-beitrag", "tipp-zwei"]
    heading = page(published, "2026/kurz/").xpath("//section[@class='read-next']/h2/text()")
    assert heading == ["Weiterlesen"]


def test_a_second_build_writes_the_same_bytes_with_copies_from_the_cache(published, tmp_path):
    again = build_readers_site(tmp_path, "publishconf.py", cache=published.parent / "image-cache")
    compared = filecmp.dircmp(published, again)

    def differing(cmp, prefix=""):
        found = [prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only]
        for name, sub in cmp.subdirs.items():
            found += differing(sub, f"{prefix}{name}/")
        return found

    assert differing(compared) == []


def test_reading_time_is_on_the_article_and_on_its_card(published):
    meta = page(published, "2026/langer-beitrag/").xpath("//header//span[@class='reading-time']/text()")
    assert meta == ["3 Min. Lesezeit"]
    cards = page(published, "").xpath("//article[@class='card'][.//a[contains(@href, 'langer-beitrag')]]"
                                       "//span[@class='reading-time']/text()")
    assert cards == ["3 Min. Lesezeit"]
    assert page(published, "2026/kurz/").xpath("//header//span[@class='reading-time']/text()") == ["1 Min. Lesezeit"]


def test_the_opml_parses_and_lists_every_feed_the_site_writes(published):
    document = etree.parse(str(published / "abonnieren/feeds.opml"))
    listed = sorted(document.xpath("//outline[@type='rss']/@xmlUrl"))
    written = sorted("https://blog.nordlicht-werkstatt.example/" + path.relative_to(published).as_posix()
                     for path in published.rglob("atom.xml"))
    assert len(written) > 8 and listed == written
    groups = document.xpath("/opml/body/outline/@text")
    assert groups[0] == "Alle Beiträge" and "Autorinnen und Autoren" in groups and "Themen" in groups


def test_the_subscribe_page_links_every_feed_the_opml_and_the_newsletter(published):
    subscribe = page(published, "abonnieren/")
    hrefs = set(subscribe.xpath("//main//a/@href"))
    feeds = {"https://blog.nordlicht-werkstatt.example/" + path.relative_to(published).as_posix()
             for path in [*published.rglob("atom.xml"), *published.rglob("rss.xml")]}
    assert feeds <= hrefs
    assert "https://blog.nordlicht-werkstatt.example/abonnieren/feeds.opml" in hrefs
    assert any(href.startswith("mailto:newsletter-anmelden@") for href in hrefs)
    footer = page(published, "").xpath("//footer//a[contains(@href, 'abonnieren/')]/text()")
    assert footer == ["Abonnieren"]


def test_an_english_preview_speaks_english_and_explains_that_feeds_come_with_publish(english_preview):
    article = page(english_preview, "2026/langer-beitrag/")
    assert article.xpath("//header//span[@class='reading-time']/text()") == ["3 min read"]
    assert page(english_preview, "2026/kurz/").xpath("//section[@class='read-next']/h2/text()") == ["Read next"]
    subscribe = page(english_preview, "abonnieren/")
    assert "make publish" in subscribe.text_content() and not (english_preview / "abonnieren/feeds.opml").exists()
    search = page(english_preview, "suche/")
    assert search.get("lang") == "en" and search.xpath("//h1/text()") == ["Search"]
    assert search.xpath("//form[@role='search']//label/text()") == ["Search for"]


def test_search_marks_only_the_post_with_its_meta_and_a_heavier_title(published):
    article = page(published, "2026/tipp-eins/")
    body, = article.xpath("//*[@data-pagefind-body]")
    assert body.tag == "article" and "post" in body.get("class")
    assert body.xpath(".//h1/@data-pagefind-weight") == ["10"]
    metas = {el.get("data-pagefind-meta").split("[")[0]: el.get("data-value") or el.text_content()
             for el in body.xpath(".//*[@data-pagefind-meta]")}
    assert metas == {"date": "4. November 2026", "author": "Jana Beispiel", "summary": "Worum es in Tipp eins geht.",
                     "tags": "sprache", "series": "#Mittwochstipp"}
    assert page(published, "abonnieren/").xpath("//*[@data-pagefind-body]") == []


@pytest.mark.parametrize("tool, settings", [("tools.build", "pelicanconf.py"), ("tools.publish", "publishconf.py")])
def test_make_html_and_make_publish_write_the_search_index_into_their_output(tmp_path, tool, settings):
    write_files(tmp_path / "content", READERS_SITE)
    output = tmp_path / "output"
    done = run_tool(tool, "--settings", str(SAMPLE_SETTINGS / settings), "--content", str(tmp_path / "content"),
                    "--output", str(output),
                    cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    bundle = {path.name for path in (output / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-entry.json", "wasm.de.pagefind", "index", "fragment"} <= bundle
    assert not bundle & set(UNUSED_FILES)


def test_a_published_blog_without_posts_says_feeds_come_with_the_first_post_not_that_it_is_a_preview(build_site):
    site = build_site({"articles/erster-beitrag.md": None}, settings_file="publishconf.py")
    assert site.result.exit_code(strict=True) == 0, site.result.summary()
    text = " ".join(page(site.output, "abonnieren/").xpath("//section[contains(@class, 'follow-feeds')]//text()"))
    assert "Sobald hier Beiträge erscheinen" in text and "Vorschau" not in text and "make publish" not in text
