"""Listings show a post's social card in a smaller copy (680 px WebP, made once from the card and
cached) with the card itself as the larger candidate; a post with a picture of its own shows that."""

from __future__ import annotations

import io

from PIL import Image

from helpers.frontmatter import article
from socialcards.listing import copy_name, listing_copy
from socialcards.store import place_copies

SITEURL = "https://blog.example"
KEY = "0123456789abcdef0123"


def card_png(path, colour=(14, 124, 102)):
    Image.new("RGB", (1200, 630), colour).save(path, "PNG")
    return path


def test_the_copy_is_half_the_card_as_webp_without_metadata(tmp_path):
    with Image.open(io.BytesIO(listing_copy(card_png(tmp_path / f"{KEY}.png")))) as copy:
        assert (copy.format, copy.size) == ("WEBP", (680, 357))
        assert not copy.getexif() and "xmp" not in copy.info


def test_the_copy_is_named_by_its_card():
    assert copy_name(f"{KEY}.png") == f"{KEY}-680w.webp"


def test_a_copy_is_made_once_and_then_taken_from_the_cache(tmp_path):
    made = []

    def make(card):
        made.append(card.name)
        return b"webp"

    cache, first, second = tmp_path / "cache", tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        card_png(folder / f"{KEY}.png")
    copies = {copy_name(f"{KEY}.png"): f"{KEY}.png"}
    assert place_copies(copies, cache, first, make) == 1 and made == [f"{KEY}.png"]
    assert place_copies(copies, cache, second, make) == 0 and len(made) == 1
    assert (second / copy_name(f"{KEY}.png")).read_bytes() == b"webp"


def card_pictures(page) -> dict:
    """{post URL: its card's <img>} of a listing page."""
    return {img.xpath("ancestor::article[1]//*[@class='card-title']/a/@href")[0]: img
            for img in page.xpath("//img[@class='card-picture']")}


def test_the_home_page_shows_the_copy_and_offers_the_card_for_sharper_screens(build_site):
    picture = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 140, 60)).save(picture, "JPEG")
    site = build_site({"images/2026/wiese.jpg": picture.getvalue(),
                       "articles/mit-bild.md": article("Mit Bild", "2026-11-17 10:00", id="0003",
                                                       image="images/2026/wiese.jpg", image_alt="Eine Wiese")},
                      settings_file="publishconf.py", overrides={"SITEURL": SITEURL})
    cards = card_pictures(site.html(""))
    drawn, own = cards[f"{SITEURL}/2026/erster-beitrag/"], cards[f"{SITEURL}/2026/mit-bild/"]
    og_image = site.html("2026/erster-beitrag/").xpath("//meta[@property='og:image']/@content")[0]
    copy = og_image.removesuffix(".png") + "-680w.webp"
    assert drawn.get("src") == copy and (drawn.get("width"), drawn.get("height")) == ("680", "357")
    assert drawn.get("srcset") == f"{copy} 680w, {og_image} 1200w" and drawn.get("sizes")
    with Image.open(site.output / copy.removeprefix(SITEURL + "/")) as file:
        assert (file.format, file.size) == ("WEBP", (680, 357))
    assert own.get("src").startswith(f"{SITEURL}/images/2026/wiese")  # the post's own picture
    assert not list((site.output / "karten").glob(
        site.html("2026/mit-bild/").xpath("//meta[@property='og:image']/@content")[0].rsplit("/", 1)[1]
        .rsplit(".", 1)[0] + "-*"))  # and no copy of its card
