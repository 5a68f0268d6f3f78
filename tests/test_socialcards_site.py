"""End to end: every page type has its social card (og:image 1200×630 with size and alt), drawn or
the post's own picture fitted; cards are cached by their inputs; drafts get none in publish builds."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from helpers.frontmatter import article, profile
from helpers.series import MITTWOCHSTIPP, tip
from helpers.site import MINIMAL_SITE

SITEURL = "https://blog.example"
PAGES = {  # page type -> its URL in the site below
    "home": "",
    "article": "2026/erster-beitrag/",
    "article with picture": "2026/mit-bild/",
    "author": "autoren/jana-beispiel/",
    "series": "serien/mittwochstipp/",
    "roundup": "wochenrueckblick/2026-W47/",
    "page": "impressum/",
}


def picture_bytes(colour, size=(64, 64), kind="PNG") -> bytes:
    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, kind)
    return data.getvalue()


def jpeg_with_gps(size=(1600, 1200)) -> bytes:
    image = Image.new("RGB", size, (30, 140, 60))
    exif = image.getexif()
    exif[0x010F] = "Kamera AG"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (53.0, 33.0, 0.0), "E", (9.0, 59.0, 0.0)
    data = io.BytesIO()
    image.save(data, "JPEG", exif=exif)
    return data.getvalue()


SITE = {
    **MINIMAL_SITE,
    "authors/jana-beispiel.yml": profile("Jana Beispiel", role="Entwicklerin", department="Technik",
                                         since="2024-01-01", status="active", expertise=["Sensorik", "Sprache"],
                                         avatar="images/authors/jana.png"),
    "images/authors/jana.png": picture_bytes((200, 40, 40)),
    "images/2026/wiese.jpg": jpeg_with_gps(),
    "series/mittwochstipp.yml": MITTWOCHSTIPP,
    "articles/tipp.md": tip("Danke sagen 🎉 – für Größe, Übung und Ärger", "2026-11-18 10:30", id="0002"),
    "articles/mit-bild.md": article("Mit Bild", "2026-11-17 10:00", id="0003", image="images/2026/wiese.jpg",
                                    image_alt="Eine grüne Wiese"),
    "articles/entwurf.md": article("Geheimer Entwurf", "2026-11-16 10:00", id="0004", status="draft"),
    "articles/geplant.md": article("Geplanter Beitrag", "2026-12-01 10:00", id="0005"),
}


def metas(page) -> dict:
    return {m.get("property") or m.get("name"): m.get("content") for m in page.iter("meta")}


def card_file(site, url: str) -> Path:
    assert url.startswith(SITEURL + "/karten/"), url
    return site.output / url[len(SITEURL) + 1:]


@pytest.fixture(scope="module")
def site(tmp_path_factory, build_in_folder):
    return build_in_folder(tmp_path_factory.mktemp("socialcards"), SITE, settings_file="publishconf.py",
                           overrides={"SITEURL": SITEURL})


def test_the_site_with_cards_builds_without_problems(site):
    assert site.result.errors == [] and site.result.warnings == [], site.messages


@pytest.mark.parametrize("kind", PAGES)
def test_every_page_type_has_an_og_image_of_1200_by_630_with_size_and_alt(site, kind):
    meta = metas(site.html(PAGES[kind]))
    path = card_file(site, meta["og:image"])
    with Image.open(path) as image:
        assert image.size == (1200, 630)
        assert meta["og:image:type"] == Image.MIME[image.format]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"].strip()
    assert meta["twitter:card"] == "summary_large_image"
    assert path.stat().st_size < 300 * 1024


def test_two_posts_get_different_cards(site):
    first = metas(site.html(PAGES["article"]))["og:image"]
    second = metas(site.html("2026/tipp/"))["og:image"]
    assert first != second
    assert card_file(site, first).read_bytes() != card_file(site, second).read_bytes()


def test_the_card_alt_text_says_what_the_card_shows(site):
    assert metas(site.html("2026/tipp/"))["og:image:alt"] == (
        "Tipp 1 · #Mittwochstipp: Danke sagen 🎉 – für Größe, Übung und Ärger – Jana Beispiel – Werkbank Blog")
    assert metas(site.html(PAGES["author"]))["og:image:alt"] == (
        "Entwicklerin · Technik: Jana Beispiel – Sensorik, Sprache – Werkbank Blog")


def test_a_post_with_image_uses_it_fitted_without_its_metadata(site):
    meta = metas(site.html(PAGES["article with picture"]))
    assert meta["og:image:alt"] == "Eine grüne Wiese" and meta["og:image"].endswith(".jpg")
    with Image.open(card_file(site, meta["og:image"])) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))
        assert not image.getexif()
        r, g, b = image.convert("RGB").getpixel((600, 315))
        assert abs(r - 30) < 12 and abs(g - 140) < 12 and abs(b - 60) < 12


def test_every_card_file_belongs_to_a_page_and_drafts_get_none(site):
    shown = set()
    for path in site.output.rglob("*.html"):
        url = metas(site.html(str(path.relative_to(site.output)))).get("og:image")
        if url:
            shown.add(card_file(site, url).name)
    cards = {path.name for path in (site.output / "karten").iterdir() if re.fullmatch(r"[0-9a-f]{20}\.(png|jpg)", path.name)}
    assert cards == shown
    assert not (site.output / "entwuerfe").exists()


def test_preview_builds_link_the_card_relative_to_the_page(build_site):
    site = build_site({"images/authors/jana.png": picture_bytes((0, 90, 200))})
    page = "2026/erster-beitrag/index.html"
    url = metas(site.html(page))["og:image"]
    assert not url.startswith("http")
    target = urljoin("https://x.example/" + page, url).removeprefix("https://x.example/")
    with Image.open(site.output / target) as image:
        assert image.size == (1200, 630)


# --- the cache ----------------------------------------------------------------------------------

def cache_state(folder: Path) -> dict:
    return {entry.name: entry.stat().st_mtime_ns for entry in folder.iterdir() if entry.suffix in (".png", ".jpg")}


def test_a_second_build_draws_nothing_and_a_title_change_redraws_only_that_card(build_site, tmp_path):
    cache = tmp_path / "cards"
    files = {**SITE, "articles/zweiter.md": article("Zweiter Beitrag", "2026-11-19 09:30", id="0006")}
    build_site(files, overrides={"SOCIAL_CARDS_CACHE_PATH": str(cache)})
    first = cache_state(cache)
    assert len(first) >= len(PAGES)

    for path in (tmp_path / "output").rglob("*"):  # a fresh output: every card comes from the cache
        if path.is_file():
            os.remove(path)
    again = build_site(files, overrides={"SOCIAL_CARDS_CACHE_PATH": str(cache)})
    assert cache_state(cache) == first  # nothing drawn, nothing rewritten
    assert {p.name for p in (again.output / "karten").iterdir()} >= set(first)

    edited = {**files, "articles/zweiter.md": article("Zweiter Beitrag, neu betitelt", "2026-11-19 09:30", id="0006")}
    after = build_site(edited, overrides={"SOCIAL_CARDS_CACHE_PATH": str(cache)})
    changed = cache_state(cache)
    new = set(changed) - set(first)
    assert len(new) == 1
    assert {name: changed[name] for name in first} == first
    assert metas(after.html("2026/zweiter/"))["og:image"].endswith(new.pop())


def test_the_old_card_leaves_the_output_when_its_page_changes(build_site, tmp_path):
    cache = tmp_path / "cards"
    build_site(overrides={"SOCIAL_CARDS_CACHE_PATH": str(cache)})
    before = {p.name for p in (tmp_path / "output" / "karten").iterdir()}
    changed = build_site({"articles/erster-beitrag.md": article("Anderer Titel", "2026-11-18 09:30", id="0001")},
                         overrides={"SOCIAL_CARDS_CACHE_PATH": str(cache)})
    after = {p.name for p in (changed.output / "karten").iterdir()}
    # the card, and its copy for listings (socialcards.listing)
    assert sorted(Path(name).suffix for name in before - after) == [".png", ".webp"]
    assert sorted(Path(name).suffix for name in after - before) == [".png", ".webp"]


def test_an_avatar_change_redraws_the_cards_that_show_it(build_site, tmp_path):
    cache = tmp_path / "cards"
    files = {**SITE}
    first = build_site(files, overrides={"SOCIAL_CARDS_CACHE_PATH": str(cache)})
    before = metas(first.html(PAGES["author"]))["og:image"]
    other_post = metas(first.html("2026/erster-beitrag/"))["og:image"]
    files["images/authors/jana.png"] = picture_bytes((10, 200, 10))
    second = build_site(files, overrides={"SOCIAL_CARDS_CACHE_PATH": str(cache)})
    assert metas(second.html(PAGES["author"]))["og:image"] != before
    assert metas(second.html("2026/erster-beitrag/"))["og:image"] != other_post  # Jana wrote it too


def test_the_cards_are_in_the_output_before_the_privacy_gate_reads_it():
    # both work on `finalized`, in the order PLUGINS lists them: the gate must see the cards too
    from helpers.site import SAMPLE_PELICANCONF
    from tools.build import load_settings

    plugins = load_settings(SAMPLE_PELICANCONF)["PLUGINS"]
    assert plugins.index("socialcards") < plugins.index("privacy")
