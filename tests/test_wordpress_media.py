"""make import-wordpress: pictures come from UPLOADS (a folder or an http address), every reference
points to the local copy under {static}/images/wordpress/, alt text is never invented, and a
picture that cannot come along makes its post a draft named in the report."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from helpers.readers import png
from helpers.site import MINIMAL_SITE, write_files
from helpers.wxr import (OLD_HOST, UPLOADS_URL, attachment, author, build_imported, import_wordpress, post,
                         rendered, wxr)

AUTHORS = [author("jana", "Jana Alt")]
U = UPLOADS_URL
UPLOADS = {
    "2019/03/bild.png": png(1200, 800, "teal"),
    "2019/03/bild-600x400.png": png(600, 400, "teal"),
    "2019/03/bild-300x200.png": png(300, 200, "teal"),
    "2019/03/foto.png": png(900, 600, "navy"),
    "2019/03/werkbank.png": png(800, 600, "olive"),
    "2019/03/titelbild.png": png(1200, 630, "maroon"),
    "2019/03/ohne-alt.png": png(100, 100, "red"),
}
BODY = f"""<p>Ein Bild: <img class="wp-image-50 size-medium" src="{U}/2019/03/bild-600x400.png" alt="Ein türkises Bild"
 srcset="{U}/2019/03/bild-600x400.png 600w, {U}/2019/03/bild-300x200.png 300w, {U}/2019/03/bild.png 1200w"
 sizes="(max-width: 600px) 100vw, 600px" width="600" height="400"></p>

<p><img src="{U}/2019/03/foto.png?w=300" alt="Ein Foto"></p>

<p><img class="wp-image-52" src="{U}/2019/03/werkbank.png"></p>

<p><a href="{U}/2019/03/bild.png"><img src="{U}/2019/03/bild-300x200.png" alt="Verlinkt"></a></p>
"""


def image_sources(markdown_text: str) -> list[tuple[str, str]]:
    """(src, alt) of every picture of a body, as the site renders it."""
    return [(img.get("src"), img.get("alt")) for img in rendered(markdown_text).iter("img")]


def export_with_pictures(*more_posts):
    return wxr([
        attachment(50, "2019/03/bild.png", alt="Alt aus der Mediathek", parent=30),
        attachment(52, "2019/03/werkbank.png", alt="Eine Werkbank", parent=30),
        attachment(53, "2019/03/titelbild.png", alt="Das Titelbild", parent=30),
        attachment(54, "2019/03/ohne-alt.png"),
        post(30, "Bilder", post_name="bilder", content=BODY, postmeta={"_thumbnail_id": "53"}),
        *more_posts,
    ], authors=AUTHORS)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("media")
    write_files(tmp / "uploads", UPLOADS)
    done = import_wordpress(tmp, export_with_pictures(
        post(31, "Ohne Alt", post_name="ohne-alt", content=f'<p><img src="{U}/2019/03/ohne-alt.png" alt=""></p>'),
        post(32, "Fehlt", post_name="fehlt", content=f'<p><img src="{U}/2019/03/fehlt.png" alt="Was fehlt"></p>'),
        post(33, "Fremdes Bild", post_name="fremdes-bild",
             content='<p><img src="https://cdn.anderswo.example/bild.png" alt="Fremd"></p>'),
        post(34, "Titelbild ohne Alt", post_name="titelbild-ohne-alt", postmeta={"_thumbnail_id": "54"}),
    ), uploads=tmp / "uploads", files=MINIMAL_SITE)
    assert done.code == 0, done.stderr
    return done


def test_a_resized_variant_leads_to_the_original_upload(imported):
    assert ("{static}/images/wordpress/2019/03/bild.png", "Ein türkises Bild") in image_sources(
        imported.body("articles/2019/bilder.md"))
    assert (imported.content / "images/wordpress/2019/03/bild.png").read_bytes() == UPLOADS["2019/03/bild.png"]


def test_an_address_with_a_width_query_leads_to_the_upload(imported):
    assert ("{static}/images/wordpress/2019/03/foto.png", "Ein Foto") in image_sources(
        imported.body("articles/2019/bilder.md"))
    assert (imported.content / "images/wordpress/2019/03/foto.png").read_bytes() == UPLOADS["2019/03/foto.png"]


def test_srcset_entries_are_not_kept_and_no_variant_is_copied(imported):
    body = rendered(imported.body("articles/2019/bilder.md"))
    assert all(img.get("srcset") is None and img.get("sizes") is None for img in body.iter("img"))
    copied = imported.files("images")
    assert "images/wordpress/2019/03/bild.png" in copied
    assert not any("600x400" in path or "300x200" in path for path in copied), copied


def test_the_alt_text_of_the_attachment_is_used_when_the_img_has_none(imported):
    assert ("{static}/images/wordpress/2019/03/werkbank.png", "Eine Werkbank") in image_sources(
        imported.body("articles/2019/bilder.md"))


def test_the_alt_text_of_the_img_comes_before_the_attachment_one(imported):
    alts = [alt for _src, alt in image_sources(imported.body("articles/2019/bilder.md"))]
    assert "Alt aus der Mediathek" not in alts


def test_a_link_around_a_picture_points_to_the_local_copy(imported):
    body = rendered(imported.body("articles/2019/bilder.md"))
    hrefs = [a.get("href") for a in body.iter("a")]
    assert all(OLD_HOST not in href for href in hrefs), hrefs


def test_every_reference_of_a_body_points_to_the_local_copy(imported):
    text = imported.body("articles/2019/bilder.md")
    assert OLD_HOST not in text and "wp-content" not in text
    assert all(src.startswith("{static}/images/wordpress/") for src, _alt in image_sources(text))


def test_the_featured_image_becomes_image_and_image_alt(imported):
    front = imported.front("articles/2019/bilder.md")
    assert front["image"] == "images/wordpress/2019/03/titelbild.png"
    assert front["image_alt"] == "Das Titelbild"
    assert imported.front("articles/2019/bilder.md")["status"] == "published"


@pytest.mark.parametrize("path, title, words", [
    ("articles/2019/ohne-alt.md", "Ohne Alt", ("alt", "2019/03/ohne-alt.png")),
    ("articles/2019/fehlt.md", "Fehlt", ("not found", "2019/03/fehlt.png")),
    ("articles/2019/fremdes-bild.md", "Fremdes Bild", ("not found", "cdn.anderswo.example/bild.png")),
    ("articles/2019/titelbild-ohne-alt.md", "Titelbild ohne Alt", ("alt", "2019/03/ohne-alt.png")),
])
def test_a_picture_that_cannot_be_published_makes_its_post_a_draft_named_in_the_report(imported, path, title, words):
    assert imported.front(path)["status"] == "draft"
    lines = [line for line in imported.stdout.splitlines() if repr(title) in line]
    assert any(all(word in line for word in words) for line in lines), imported.stdout


@pytest.mark.parametrize("path", ["articles/2019/ohne-alt.md", "articles/2019/fehlt.md",
                                  "articles/2019/fremdes-bild.md"])
def test_no_alt_text_is_invented_and_nothing_is_hotlinked(imported, path):
    body = imported.body(path)
    assert image_sources(body) == []  # a note for the editor instead of a picture
    assert "image_alt" not in imported.front(path)


def test_the_imported_pictures_build_and_no_img_refers_to_the_old_host(imported):
    site = build_imported(imported.content.parent)
    assert site.result.exit_code(strict=True) == 0, site.messages
    images = 0
    for page in site.output.rglob("*.html"):
        for img in site.html(page.relative_to(site.output).as_posix()).iter("img"):
            images += 1
            addresses = [img.get("src") or ""] + [part.split()[0] for part in (img.get("srcset") or "").split(",")
                                                  if part.strip()]
            parent = img.getparent()
            if parent is not None and parent.tag == "a":
                addresses.append(parent.get("href") or "")
            for address in addresses:
                assert OLD_HOST not in address and "wp-content" not in address, (page, address)
    assert images >= 4


def test_without_uploads_nothing_is_fetched_and_the_post_is_a_draft(tmp_path):
    done = import_wordpress(tmp_path, export_with_pictures())
    assert done.code == 0, done.stderr
    assert done.files("images") == []
    assert done.front("articles/2019/bilder.md")["status"] == "draft"


def test_an_image_name_taken_by_another_file_gets_a_free_name(tmp_path):
    write_files(tmp_path / "uploads", UPLOADS)
    other = png(10, 10, "black")
    done = import_wordpress(tmp_path, export_with_pictures(), uploads=tmp_path / "uploads",
                            files={"images/wordpress/2019/03/bild.png": other})
    assert (done.content / "images/wordpress/2019/03/bild.png").read_bytes() == other
    sources = [src for src, _alt in image_sources(done.body("articles/2019/bilder.md"))]
    assert "{static}/images/wordpress/2019/03/bild.png" not in sources
    copy = next(src for src in sources if "/bild" in src).removeprefix("{static}/")
    assert (done.content / copy).read_bytes() == UPLOADS["2019/03/bild.png"]


class _Uploads(http.server.SimpleHTTPRequestHandler):
    requests: list

    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_GET(self):
        self.requests.append(self.path)
        super().do_GET()


@pytest.fixture
def uploads_server(tmp_path):
    """An http server on 127.0.0.1 with the old site's uploads at /wp-content/uploads/: (its address,
    the paths asked for)."""
    served = tmp_path / "served"
    write_files(served / "wp-content" / "uploads", UPLOADS)
    handler = type("Handler", (_Uploads,), {"requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/wp-content/uploads", handler.requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_pictures_are_downloaded_when_uploads_is_an_http_address(tmp_path, uploads_server):
    address, requests = uploads_server
    done = import_wordpress(tmp_path / "site", export_with_pictures(), uploads=address)
    assert done.code == 0, done.stderr
    assert (done.content / "images/wordpress/2019/03/bild.png").read_bytes() == UPLOADS["2019/03/bild.png"]
    assert (done.content / "images/wordpress/2019/03/titelbild.png").read_bytes() == UPLOADS["2019/03/titelbild.png"]
    assert done.front("articles/2019/bilder.md")["status"] == "published"
    assert requests and all(path.startswith("/wp-content/uploads/2019/03/") for path in requests)


def test_a_picture_the_server_does_not_have_makes_the_post_a_draft(tmp_path, uploads_server):
    address, requests = uploads_server
    done = import_wordpress(tmp_path / "site", wxr([
        post(1, "Fehlt online", post_name="fehlt-online", content=f'<p><img src="{U}/2019/03/weg.png" alt="Weg"></p>'),
    ], authors=AUTHORS), uploads=address)
    assert done.code == 0, done.stderr
    assert "/wp-content/uploads/2019/03/weg.png" in requests
    assert done.front("articles/2019/fehlt-online.md")["status"] == "draft"
    assert "2019/03/weg.png" in done.stdout


@pytest.mark.parametrize("fields", [{"status": "private"}, {"password": "geheim"}])
def test_the_pictures_of_a_private_post_are_not_copied_to_the_published_images(tmp_path, fields):
    write_files(tmp_path / "uploads", UPLOADS)
    done = import_wordpress(tmp_path, wxr([
        attachment(52, "2019/03/werkbank.png", alt="Eine Werkbank", parent=1),
        post(1, "Intern", post_name="intern", content=f'<p><img src="{U}/2019/03/foto.png" alt="Ein Foto"></p>',
             postmeta={"_thumbnail_id": "52"}, **fields),
    ], authors=AUTHORS), uploads=tmp_path / "uploads")
    assert done.code == 0, done.stderr
    assert done.files("images") == []
    assert done.front("articles/2019/intern.md")["status"] == "draft"
