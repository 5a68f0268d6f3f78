"""make import-wordpress, then the strict build: a small export covering every case of the import
(statuses, people, pictures, blocks, shortcodes, old links, comments, the edge cases of real
exports) imports into the sample site, `tools.build --strict` passes, and the pages, redirect
pages and feeds show what a reader of the old blog saw, with nothing from the old host."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from lxml import html as lxml_html

from helpers.readers import png
from helpers.site import MINIMAL_SITE, SAMPLE_PUBLISHCONF, run_tool, write_files
from helpers.wxr import (OLD_HOST, SITE, UPLOADS_URL, Xml, attachment, author, build_imported, comment,
                         import_wordpress, item, page, post, wxr)

U = UPLOADS_URL
SITEURL = "https://blog.nordlicht-werkstatt.example"
EMAILS = ("jana@altfirma.example", "tom@altfirma.example", "admin@altfirma.example", "karla@kommentar.example")
UPLOADS = {
    "2019/03/bild.png": png(1200, 800, "teal"),
    "2019/03/bild-600x400.png": png(600, 400, "teal"),
    "2019/03/foto.png": png(900, 600, "navy"),
    "2019/03/titelbild.png": png(1200, 630, "maroon"),
    "2019/03/ohne-alt.png": png(100, 100, "red"),
}
BLOCKS = f"""<!-- wp:paragraph -->
<p>Ein Absatz mit <a href="{SITE}/2019/03/28/anderer-beitrag/">Permalink</a>, <a href="{SITE}/?p=31">per p</a>
und <a href="{SITE}/?page_id=40">zur Seite</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading --><h2 class="wp-block-heading">Zwischentitel</h2><!-- /wp:heading -->

<!-- wp:list --><ul class="wp-block-list"><!-- wp:list-item --><li>Erstens</li><!-- /wp:list-item --></ul><!-- /wp:list -->

<!-- wp:quote --><blockquote class="wp-block-quote"><!-- wp:paragraph --><p>Zitat.</p><!-- /wp:paragraph --></blockquote><!-- /wp:quote -->

<!-- wp:image {{"id":50}} -->
<figure class="wp-block-image"><img src="{U}/2019/03/bild-600x400.png" alt="Türkis" class="wp-image-50"
 srcset="{U}/2019/03/bild-600x400.png 600w, {U}/2019/03/bild.png 1200w"/><figcaption>Unterschrift</figcaption></figure>
<!-- /wp:image -->

<!-- wp:gallery --><figure class="wp-block-gallery"><!-- wp:image {{"id":51}} -->
<figure class="wp-block-image"><img src="{U}/2019/03/foto.png?w=300" alt="" class="wp-image-51"/></figure>
<!-- /wp:image --></figure><!-- /wp:gallery -->

<!-- wp:code --><pre class="wp-block-code"><code>&lt;!-- wp:paragraph --&gt;</code></pre><!-- /wp:code -->

<!-- wp:preformatted --><pre class="wp-block-preformatted">Vor
  formatiert</pre><!-- /wp:preformatted -->

<!-- wp:table --><figure class="wp-block-table"><table><tbody><tr><td>Licht</td><td>42</td></tr></tbody></table></figure><!-- /wp:table -->

<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->

<!-- wp:buttons --><div class="wp-block-buttons"><!-- wp:button --><div class="wp-block-button"><a class="wp-block-button__link" href="https://www.nordlicht.example/">Los</a></div><!-- /wp:button --></div><!-- /wp:buttons -->

<!-- wp:columns --><div class="wp-block-columns"><!-- wp:column --><div class="wp-block-column"><!-- wp:paragraph --><p>Links</p><!-- /wp:paragraph --></div><!-- /wp:column --><!-- wp:column --><div class="wp-block-column"><!-- wp:paragraph --><p>Rechts</p><!-- /wp:paragraph --></div><!-- /wp:column --></div><!-- /wp:columns -->

<!-- wp:embed {{"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube"}} -->
<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=dQw4w9WgXcQ
</div></figure>
<!-- /wp:embed -->

<!-- wp:shortcode -->
[gallery ids="50"]
<!-- /wp:shortcode -->

<!-- wp:cover {{"url":"{U}/2019/03/bild.png","id":50}} -->
<div class="wp-block-cover"><img class="wp-block-cover__image-background wp-image-50" alt="" src="{U}/2019/03/bild.png"/><div class="wp-block-cover__inner-container"><!-- wp:paragraph --><p>Text auf dem Bild</p><!-- /wp:paragraph --></div></div>
<!-- /wp:cover -->"""
CLASSIC = f"""Fazit: Netzwerken lohnt sich.

[caption id="attachment_50" width="600"]<img class="wp-image-50" src="{U}/2019/03/bild.png" alt="Mit Unterschrift" /> Am Morgen[/caption]

[gallery ids="50,51"]

[audio mp3="https://audio.nordlicht.example/folge-1.mp3"][/audio]

[video src="https://videos.nordlicht.example/film.mp4"]

[embed]https://vimeo.com/123456[/embed]

Schreiben Sie uns: [contact-form-7 id="1" title="Kontakt"]

Er schrieb "seperat" [sic] in den Bericht.

<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>"""
COMMENTS = [comment("Toller Beitrag!", comment_id=1, author_email="karla@kommentar.example"),
            comment("Antwort", comment_id=2, approved="0"), comment("Spam", comment_id=3, approved="spam"),
            comment("Verlinkt", comment_id=4, kind="pingback"), comment("Zurück", comment_id=5, kind="trackback")]


def export() -> str:
    return wxr([
        attachment(50, "2019/03/bild.png", alt="Türkise Fläche", parent=30),
        attachment(51, "2019/03/foto.png", alt="Ein Foto", parent=30),
        attachment(52, "2019/03/titelbild.png", alt="Das Titelbild", parent=30),
        attachment(53, "2019/03/ohne-alt.png"),
        post(30, "Blöcke", post_name="bloecke", content=BLOCKS, creator="jana", coauthors=["tom"],
             categories=["Arbeit", "Kultur"], tags=["Sprache"], excerpt="Alle Blöcke &amp; mehr.",
             postmeta={"_thumbnail_id": "52"}, comments=COMMENTS, post_date="2019-03-29 10:00:00",
             post_date_gmt="2019-03-29 09:00:00",
             terms=[("post_format", "post-format-aside", "Aside")]),
        post(31, "Anderer Beitrag", post_name="anderer-beitrag", post_date="2019-03-28 10:00:00",
             post_date_gmt="2019-03-28 09:00:00", creator="tom"),
        post(32, Xml("Tipps &amp; Tricks"), post_name="tipps-und-tricks", content=CLASSIC, creator="jana>",
             post_date="2019-07-01 10:00:00", post_date_gmt="2019-07-01 08:00:00"),
        post(33, Xml("&lt;br&gt; im Titel"), post_name="zeilenumbruch", creator=">jana"),
        post(34, "Über Netzwerke", post_name="%c3%bcber-netzwerke", creator="gast"),
        post(35, "Titel mit <em>Betonung</em>", post_name="betonung", creator="ad\u200bmin\u202e"),
        post(36, "", post_name=""),  # no title
        post(37, "Z\u0337\u0322a\u0336l\u0338g\u0335o 🎉 مرحبا", post_name="zalgo",
             content="<p>Ersatz &#xD800; Zeichen, Z\u0337\u0322a\u0336 🎉 مرحبا</p>"),
        post(38, "Ein Entwurf", status="draft", post_name="", post_date="2019-05-02 14:30:00",
             post_date_gmt="0000-00-00 00:00:00"),
        post(39, "Zur Prüfung", status="pending", post_name=""),
        post(41, "Geplant", status="future", post_name="geplant", post_date="2027-01-15 09:00:00",
             post_date_gmt="2027-01-15 08:00:00", excerpt="Kommt noch."),
        post(42, "Nur für uns", status="private", post_name="nur-fuer-uns", content="<p>Streng intern.</p>"),
        post(43, "Mit Passwort", post_name="mit-passwort", password="geheim", content="<p>Nur mit Passwort.</p>"),
        post(44, "Ohne Alt", post_name="ohne-alt", content=f'<p><img src="{U}/2019/03/ohne-alt.png" alt=""></p>'),
        post(45, "Fehlt", post_name="fehlt", content=f'<p><img src="{U}/2019/03/fehlt.png" alt="Fehlt"></p>'),
        page(40, "Das Team", post_name="team", content="<p>Wir.</p>"),
        page(46, "Unterseite", post_name="unterseite", parent=40, link=f"{SITE}/team/unterseite/"),
        item(60, "Menü", post_type="nav_menu_item"),
        item(61, "Revision", post_type="revision", status="inherit", parent=30),
        item(62, "Navigation", post_type="wp_navigation"),
        item(63, "Styles", post_type="wp_global_styles"),
        item(64, "Block", post_type="wp_block"),
        item(65, "Produkt", post_type="product"),
    ], authors=[author("jana", "Jana Alt", email="jana@altfirma.example"),
                author("tom", "Tom Alt", email="tom@altfirma.example", author_id=2),
                author("ad\u200bmin\u202e", "Admin", email="admin@altfirma.example", author_id=3)])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The import into the sample site's minimal content, then `python -m tools.build --strict`."""
    tmp = tmp_path_factory.mktemp("wordpress-site")
    write_files(tmp / "uploads", UPLOADS)
    imported = import_wordpress(tmp, export(), uploads=tmp / "uploads", files=MINIMAL_SITE)
    assert imported.code == 0, imported.stderr
    built = run_tool("tools.build", "--strict", "--settings", str(imported.settings), "--content",
                     str(imported.content), "--output", str(tmp / "output"))
    return imported, built, tmp / "output"


@pytest.fixture(scope="module")
def published(site):
    """The same content built with publishconf.py (feeds, no drafts) and the ROUNDUP_START the import set."""
    imported = site[0]
    return build_imported(imported.content.parent, SAMPLE_PUBLISHCONF,
                          {"ROUNDUP_START": imported.roundup_start(), "SITEURL": SITEURL}, output="public")


def page_of(output, url):
    return lxml_html.fromstring((output / url.strip("/") / "index.html").read_bytes())


def html_pages(output):
    return [(path, lxml_html.fromstring(path.read_bytes())) for path in sorted(output.rglob("*.html"))]


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def test_the_strict_build_passes_after_the_import(site):
    _imported, built, _output = site
    assert built.returncode == 0, built.stderr
    assert "0 error(s)" in built.stderr


def test_an_ampersand_title_shows_decoded_once_on_its_page(site):
    assert text_of(page_of(site[2], "2019/tipps-und-tricks/").xpath("//h1")[0]) == "Tipps & Tricks"


def test_a_title_held_as_an_escaped_tag_shows_the_characters_in_its_heading(site):
    heading = page_of(site[2], "2019/zeilenumbruch/").xpath("//h1")[0]
    assert text_of(heading) == "<br> im Titel"
    assert heading.xpath(".//br") == []


def test_a_title_with_markup_never_puts_markup_into_the_heading(site):
    heading = page_of(site[2], "2019/betonung/").xpath("//h1")[0]
    assert heading.xpath(".//em") == []


def test_a_first_line_that_reads_like_a_field_is_the_first_paragraph(site):
    page = page_of(site[2], "2019/tipps-und-tricks/")
    paragraphs = [text_of(p) for p in page.xpath("//*[@data-pagefind-body]//p")]
    assert "Fazit: Netzwerken lohnt sich." in paragraphs


def test_imported_people_have_author_pages_with_their_names(site):
    assert "Jana Alt" in text_of(page_of(site[2], "autoren/jana/"))
    assert "Admin" in text_of(page_of(site[2], "autoren/admin/"))
    assert (site[2] / "autoren" / "gast" / "index.html").is_file()


def test_the_byline_names_the_author_and_the_co_author(site):
    byline = page_of(site[2], "2019/bloecke/").xpath("//span[@class='byline']")[0]  # the post's, before any card
    assert [text_of(a) for a in byline.xpath(".//*[contains(@class, 'author')]")] == ["Jana Alt", "Tom Alt"]


def test_a_scheduled_post_is_not_in_the_built_site_yet(site, published):
    for output in (site[2], published.output):
        assert not (output / "2027" / "geplant").exists()
        assert not any("Kommt noch." in path.read_text(encoding="utf-8") for path in output.rglob("*.html"))


@pytest.mark.parametrize("text", ["Streng intern.", "Nur mit Passwort.", "Nur für uns", "Mit Passwort"])
def test_private_and_password_protected_posts_are_not_published(published, text):
    assert published.result.exit_code(strict=True) == 0, published.messages
    for path in published.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".eml", ".opml"):
            assert text not in path.read_text(encoding="utf-8"), path


def test_no_picture_of_the_built_site_comes_from_the_old_host(site):
    output = site[2]
    pictures = 0
    for path, page in html_pages(output):
        for img in page.iter("img"):
            pictures += 1
            addresses = [img.get("src") or ""] + [entry.split()[0] for entry in (img.get("srcset") or "").split(",")
                                                  if entry.strip()]
            if img.getparent() is not None and img.getparent().tag == "a" and img.getparent().get("rel") != "home":
                addresses.append(img.getparent().get("href") or "")  # a picture's link (not the logo's home link)
            for address in addresses:
                assert OLD_HOST not in address and "wp-content" not in address, (path, address)
                assert not urlsplit(address).scheme, (path, address)  # a file of the site itself
                target = (output / address.lstrip("/")) if address.startswith("/") else path.parent / unquote(address)
                assert target.resolve().is_file() and target.resolve().is_relative_to(output.resolve()), (path, address)
    assert pictures >= 5


def test_no_iframe_or_embedded_player_is_in_the_built_site(site):
    for path, page in html_pages(site[2]):
        assert page.xpath("//iframe | //object | //embed | //video | //audio") == [], path


def test_an_embed_is_a_plain_link_on_the_page(site):
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in page_of(site[2], "2019/bloecke/").xpath("//a/@href")


def body_text(page) -> str:
    """The article's text outside code samples."""
    body = page.xpath("//*[@data-pagefind-body]")[0]
    return " ".join(body.xpath(".//text()[not(ancestor::code) and not(ancestor::pre)]"))


@pytest.mark.parametrize("url", ["2019/bloecke/", "2019/tipps-und-tricks/"])
def test_no_block_comment_or_shortcode_reaches_a_page(site, url):
    text = body_text(page_of(site[2], url))
    assert "wp:" not in text and "<!--" not in text
    assert not re.search(r"\[/?(caption|gallery|audio|video|embed|contact-form-7)\b", text), text


def test_a_bracketed_word_in_a_sentence_reaches_the_page(site):
    text = " ".join(body_text(page_of(site[2], "2019/tipps-und-tricks/")).split())
    assert 'Er schrieb "seperat" [sic] in den Bericht.' in text


def resolved(page_url: str, href: str) -> str:
    return unquote(urlsplit(urljoin(f"https://example.test/{page_url}", href)).path)


@pytest.mark.parametrize("text, target", [
    ("Permalink", "/2019/anderer-beitrag/"),
    ("per p", "/2019/anderer-beitrag/"),
    ("zur Seite", "/team/"),
])
def test_a_rewritten_link_leads_to_the_new_page(site, text, target):
    page = page_of(site[2], "2019/bloecke/")
    links = {text_of(a): a.get("href") for a in page.xpath("//*[@data-pagefind-body]//a")}
    assert resolved("2019/bloecke/", links[text]) == target


@pytest.mark.parametrize("alias, target", [
    ("2019/03/28/anderer-beitrag/", "/2019/anderer-beitrag/"),
    ("2019/03/29/über-netzwerke/", "/2019/ueber-netzwerke/"),
    ("team/unterseite/", "/unterseite/"),
])
def test_an_old_address_has_a_redirect_page_to_the_new_one(site, alias, target):
    page = page_of(site[2], alias)
    hrefs = page.xpath("//a/@href | //link[@rel='canonical']/@href")
    assert hrefs and {resolved(alias, href) for href in hrefs} == {target}
    assert "noindex" in page.xpath("string(//meta[@name='robots']/@content)")


def test_the_imported_history_gets_no_roundups(site):
    weeks = [path.name for path in (site[2] / "wochenrueckblick").iterdir() if path.is_dir()] \
        if (site[2] / "wochenrueckblick").is_dir() else []
    assert not [week for week in weeks if week.startswith("2019-")], weeks


def test_no_email_address_is_anywhere_in_content_or_output(site, published):
    imported, _built, output = site
    for folder in (imported.content, output, published.output):
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not any(address.encode() in data for address in EMAILS), path


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_the_feed_shows_the_imported_titles_as_typed(published, fmt):
    feed = feedparser.parse((published.output / "feeds" / f"{fmt}.xml").read_bytes())
    assert not feed.bozo
    titles = {entry.title for entry in feed.entries}
    assert {"Tipps & Tricks", "<br> im Titel", "Blöcke"} <= titles
    assert not {"Nur für uns", "Mit Passwort", "Geplant", "Ein Entwurf"} & titles


def test_the_feed_entries_have_no_picture_from_the_old_host(published):
    feed = feedparser.parse((published.output / "feeds" / "atom.xml").read_bytes())
    for entry in feed.entries:
        for content in entry.get("content", []):
            assert OLD_HOST not in content.value and "wp-content" not in content.value, entry.title
