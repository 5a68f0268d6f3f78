"""make import-wordpress: Gutenberg blocks and classic shortcodes become Markdown a reader sees the
same way, embeds become plain links, and what cannot come along is removed and named in the report."""

from __future__ import annotations

import re

import pytest

from helpers.readers import png
from helpers.site import MINIMAL_SITE, write_files
from helpers.wxr import UPLOADS_URL, attachment, author, build_imported, import_wordpress, item, post, rendered, wxr

U = UPLOADS_URL
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
UPLOADS = {"2019/03/bild.png": png(1200, 800, "teal"), "2019/03/foto.png": png(900, 600, "navy"),
           "2019/03/ton.mp3": b"ID3 kein echtes mp3"}

BLOCKS = f"""<!-- wp:paragraph -->
<p>Ein <strong>fetter</strong> Absatz.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">Zwischentitel</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>Erstens</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Zweitens</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>Ein Zitat.</p>
<!-- /wp:paragraph --><cite>Eine Kollegin</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:image {{"id":50,"sizeSlug":"large","linkDestination":"none"}} -->
<figure class="wp-block-image size-large"><img src="{U}/2019/03/bild.png" alt="Türkis" class="wp-image-50"/><figcaption class="wp-element-caption">Eine Bildunterschrift</figcaption></figure>
<!-- /wp:image -->

<!-- wp:gallery {{"linkTo":"none"}} -->
<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {{"id":50}} -->
<figure class="wp-block-image"><img src="{U}/2019/03/bild.png" alt="Galerie eins" class="wp-image-50"/></figure>
<!-- /wp:image -->

<!-- wp:image {{"id":51}} -->
<figure class="wp-block-image"><img src="{U}/2019/03/foto.png" alt="Galerie zwei" class="wp-image-51"/></figure>
<!-- /wp:image --></figure>
<!-- /wp:gallery -->

<!-- wp:code -->
<pre class="wp-block-code"><code>if a &lt; b:
    print("&lt;!-- wp:paragraph --&gt; [gallery]")</code></pre>
<!-- /wp:code -->

<!-- wp:preformatted -->
<pre class="wp-block-preformatted">Vorformatiert
  eingerückt</pre>
<!-- /wp:preformatted -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Sensor</th><th>Wert</th></tr></thead><tbody><tr><td>Licht</td><td>42</td></tr></tbody></table></figure>
<!-- /wp:table -->

<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->

<!-- wp:buttons -->
<div class="wp-block-buttons"><!-- wp:button -->
<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" href="https://www.nordlicht.example/kontakt">Kontakt aufnehmen</a></div>
<!-- /wp:button --></div>
<!-- /wp:buttons -->

<!-- wp:columns -->
<div class="wp-block-columns"><!-- wp:column -->
<div class="wp-block-column"><!-- wp:paragraph -->
<p>Linke Spalte</p>
<!-- /wp:paragraph --></div>
<!-- /wp:column -->

<!-- wp:column -->
<div class="wp-block-column"><!-- wp:paragraph -->
<p>Rechte Spalte</p>
<!-- /wp:paragraph --></div>
<!-- /wp:column --></div>
<!-- /wp:columns -->

<!-- wp:embed {{"url":"{YOUTUBE}","type":"video","providerNameSlug":"youtube","responsive":true}} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
{YOUTUBE}
</div></figure>
<!-- /wp:embed -->

<!-- wp:core-embed/vimeo {{"url":"https://vimeo.com/76979871","type":"video","providerNameSlug":"vimeo"}} -->
<figure class="wp-block-embed-vimeo wp-block-embed is-type-video is-provider-vimeo"><div class="wp-block-embed__wrapper">
https://vimeo.com/76979871
</div></figure>
<!-- /wp:core-embed/vimeo -->

<!-- wp:latest-posts /-->

<!-- wp:paragraph -->
<p>Letzter Absatz.</p>
<!-- /wp:paragraph -->"""

CLASSIC = f"""[caption id="attachment_50" align="alignnone" width="600"]<img class="wp-image-50 size-full" src="{U}/2019/03/bild.png" alt="Mit Unterschrift" width="600" height="400" /> Die Werkbank am Morgen[/caption]

[gallery ids="50,51"]

[audio mp3="{U}/2019/03/ton.mp3"][/audio]

[video src="https://videos.nordlicht.example/film.mp4"]

[embed]https://vimeo.com/123456[/embed]

Schreiben Sie uns: [contact-form-7 id="1" title="Kontakt"]

Er schrieb "seperat" [sic] in den Bericht.

<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315"></iframe>

<script>alert("alt")</script>Nach dem Skript."""


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("blocks")
    write_files(tmp / "uploads", UPLOADS)
    export = wxr([
        attachment(50, "2019/03/bild.png", alt="Alt aus der Mediathek", parent=31),
        attachment(51, "2019/03/foto.png", alt="Ein Foto", parent=31),
        post(30, "Blöcke", post_name="bloecke", content=BLOCKS),
        post(31, "Klassisch", post_name="klassisch", content=CLASSIC),
        post(32, "Kontakt", post_name="kontakt", content='<p>Hier: [contact-form-7 id="1" title="Kontakt"]</p>'),
    ], authors=[author("jana", "Jana Alt")])
    done = import_wordpress(tmp, export, uploads=tmp / "uploads", files=MINIMAL_SITE)
    assert done.code == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def blocks(imported):
    return rendered(imported.body("articles/2019/bloecke.md"))


@pytest.fixture(scope="module")
def classic(imported):
    return rendered(imported.body("articles/2019/klassisch.md"))


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def outside_code(markdown_text: str) -> str:
    """The Markdown without its fenced and indented code."""
    text = re.sub(r"^(```|~~~).*?^\1\s*$", "", markdown_text, flags=re.M | re.S)
    return "\n".join(line for line in text.splitlines() if not line.startswith(("    ", "\t")))


@pytest.mark.parametrize("path", ["articles/2019/bloecke.md", "articles/2019/klassisch.md"])
def test_no_block_comment_is_left_outside_code(imported, path):
    assert "wp:" not in outside_code(imported.body(path))
    assert "<!--" not in outside_code(imported.body(path))


def test_a_paragraph_block_is_a_paragraph_with_its_emphasis(blocks):
    first = blocks.find("p")
    assert text_of(first) == "Ein fetter Absatz."
    assert first.find("strong").text == "fetter"


def test_a_heading_block_is_a_heading(blocks):
    assert [text_of(h) for h in blocks.iter("h2")] == ["Zwischentitel"]


def test_a_list_block_is_a_list(blocks):
    assert [text_of(li) for li in blocks.iter("li")] == ["Erstens", "Zweitens"]


def test_a_quote_block_is_a_blockquote_with_its_source(blocks):
    quote = blocks.find(".//blockquote")
    assert "Ein Zitat." in text_of(quote) and "Eine Kollegin" in text_of(quote)


def test_an_image_block_keeps_its_picture_and_caption(blocks):
    img = blocks.find(".//img")
    assert (img.get("src"), img.get("alt")) == ("{static}/images/wordpress/2019/03/bild.png", "Türkis")
    assert "Eine Bildunterschrift" in text_of(blocks)


def test_a_gallery_block_keeps_every_picture(blocks):
    alts = [img.get("alt") for img in blocks.iter("img")]
    assert "Galerie eins" in alts and "Galerie zwei" in alts


def test_a_code_block_keeps_its_code_as_written(blocks):
    code = [el.text_content() for el in blocks.iter("code")]
    assert 'if a < b:\n    print("<!-- wp:paragraph --> [gallery]")' in [c.strip("\n") for c in code]


def test_a_preformatted_block_keeps_its_line_breaks_and_spaces(blocks):
    texts = [el.text_content().strip("\n") for el in blocks.iter("pre")]
    assert "Vorformatiert\n  eingerückt" in texts


def test_a_table_block_is_a_table(blocks):
    rows = [[text_of(cell) for cell in row] for row in blocks.iter("tr")]
    assert rows == [["Sensor", "Wert"], ["Licht", "42"]]


def test_a_separator_block_is_a_rule(blocks):
    assert len(list(blocks.iter("hr"))) == 1


def test_a_button_is_a_link(blocks):
    links = {text_of(a): a.get("href") for a in blocks.iter("a")}
    assert links["Kontakt aufnehmen"] == "https://www.nordlicht.example/kontakt"


def test_columns_keep_the_text_of_every_column_in_order(blocks):
    text = text_of(blocks)
    assert text.index("Linke Spalte") < text.index("Rechte Spalte")


@pytest.mark.parametrize("address", [YOUTUBE, "https://vimeo.com/76979871"])
def test_an_embed_block_is_a_plain_link(blocks, address):
    assert address in [a.get("href") for a in blocks.iter("a")]
    assert not list(blocks.iter("iframe", "script", "object", "embed", "video"))


def test_a_dynamic_block_is_left_out_and_named_in_the_report(imported, blocks):
    assert text_of(blocks).endswith("Letzter Absatz.")
    assert re.search(r"^\s+'Blöcke': .*latest-posts", imported.stdout, re.M), imported.stdout


def test_a_caption_shortcode_keeps_the_picture_and_its_caption(classic):
    img = classic.find(".//img")
    assert (img.get("src"), img.get("alt")) == ("{static}/images/wordpress/2019/03/bild.png", "Mit Unterschrift")
    assert "Die Werkbank am Morgen" in text_of(classic)
    assert "[caption" not in text_of(classic) and "[/caption]" not in text_of(classic)


def test_a_gallery_shortcode_shows_the_pictures_it_names(classic):
    sources = [img.get("src") for img in classic.iter("img")]
    assert "{static}/images/wordpress/2019/03/foto.png" in sources
    assert "[gallery" not in text_of(classic)


def test_an_audio_shortcode_is_a_link_to_the_copied_file(imported, classic):
    assert "{static}/images/wordpress/2019/03/ton.mp3" in [a.get("href") for a in classic.iter("a")]
    assert (imported.content / "images/wordpress/2019/03/ton.mp3").read_bytes() == UPLOADS["2019/03/ton.mp3"]


@pytest.mark.parametrize("address", ["https://videos.nordlicht.example/film.mp4", "https://vimeo.com/123456",
                                     "https://www.youtube.com/embed/dQw4w9WgXcQ"])
def test_video_embed_shortcodes_and_iframes_are_plain_links(classic, address):
    assert address in [a.get("href") for a in classic.iter("a")]
    assert not list(classic.iter("iframe", "script", "video", "audio", "object", "embed"))
    assert not re.search(r"\[/?(video|audio|embed)\b", text_of(classic))


def test_a_script_is_left_out_but_the_text_after_it_stays(classic):
    assert "alert" not in text_of(classic)
    assert "Nach dem Skript." in text_of(classic)


def test_an_unknown_shortcode_is_removed_and_named_with_its_post_in_the_report(imported, classic):
    assert "contact-form-7" not in text_of(classic)
    assert "Schreiben Sie uns:" in text_of(classic)
    for title in ("Klassisch", "Kontakt"):
        assert re.search(rf"^\s+'{title}': \[contact-form-7\]", imported.stdout, re.M), imported.stdout


def test_a_bracketed_word_in_a_sentence_is_text(classic):
    assert 'Er schrieb "seperat" [sic] in den Bericht.' in text_of(classic)


def test_a_literal_shortcode_written_with_double_brackets_stays_text(tmp_path):
    done = import_wordpress(tmp_path, wxr([post(1, "Anleitung", post_name="anleitung",
                                                content="<p>Schreibe [[gallery]] in den Text.</p>")],
                                          authors=[author("jana", "Jana Alt")]))
    assert "Schreibe [gallery] in den Text." in text_of(rendered(done.body("articles/2019/anleitung.md")))


def test_the_built_pages_show_embeds_as_links_and_no_iframe(imported):
    site = build_imported(imported.content.parent)
    assert site.result.exit_code(strict=True) == 0, site.messages
    for name, address in (("2019/bloecke/", YOUTUBE), ("2019/klassisch/", "https://www.youtube.com/embed/dQw4w9WgXcQ")):
        page = site.html(name)
        assert page.xpath("//iframe | //object | //embed | //video | //audio") == [], name
        assert address in page.xpath("//a/@href"), name
        assert not [src for src in page.xpath("//script/@src") if "youtube" in src or "vimeo" in src], name


def test_a_reusable_block_is_inlined_where_a_post_uses_it(tmp_path):
    export = wxr([
        item(34, "Signatur", post_type="wp_block",
             content="<!-- wp:paragraph -->\n<p>Herzliche Grüße aus der Werkstatt</p>\n<!-- /wp:paragraph -->"),
        post(1, "Mit Signatur", post_name="mit-signatur",
             content='<!-- wp:paragraph -->\n<p>Text.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:block {"ref":34} /-->'),
    ], authors=[author("jana", "Jana Alt")])
    done = import_wordpress(tmp_path, export)
    body = rendered(done.body("articles/2019/mit-signatur.md"))
    assert [text_of(p) for p in body.iter("p")] == ["Text.", "Herzliche Grüße aus der Werkstatt"]
    assert [path for path in done.files() if "signatur" in path] == ["articles/2019/mit-signatur.md"]
