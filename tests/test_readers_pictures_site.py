"""Pictures in a built site: a phone photo with GPS is published without it, capped at IMAGE_MAX_SIZE,
offered as WebP/AVIF in <picture> with its own format as the fallback; emails keep plain <img>s."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

from helpers.frontmatter import article
from helpers.pictures import drawing_png, phone_jpeg, revealing
from helpers.site import AUTHOR_YAML, MINIMAL_SITE
from readers import pictureshop
from readers.images import attributes

SITEURL = "https://blog.nordlicht-werkstatt.example"
PUBLISH = {"settings_file": "publishconf.py"}
PHONE_PHOTO = phone_jpeg()  # 4032×3024, GPS, serial number, XMP, comment
PORTRAIT = phone_jpeg(1200, 900, orientation=6)  # stored sideways, shown upright: 900×1200
WIDE_SOURCE = drawing_png(6400, 40)  # over IMAGE_SOURCE_MAX_SIZE (6000 px)
BODY = ("Ein Foto aus der Werkstatt.\n\n![Hochkant fotografiert]({static}/images/2026/hochkant.jpg)\n\n"
        "![Eine Skizze]({static}/images/2026/skizze.png)\n\n![Ein Band]({static}/images/2026/band.png)")
PICTURE_SITE = {
    **MINIMAL_SITE,
    "authors/jana-beispiel.yml": AUTHOR_YAML.format(name="Jana Beispiel") + "avatar: images/authors/jana.jpg\n",
    "images/authors/jana.jpg": phone_jpeg(480, 480),
    "images/2026/werkstatt.jpg": PHONE_PHOTO,
    "images/2026/hochkant.jpg": PORTRAIT,
    "images/2026/skizze.png": drawing_png(),
    "images/2026/band.png": WIDE_SOURCE,
    "articles/werkstatt.md": article("Ein Tag in der Werkstatt", "2026-11-19 09:30", id="0002", tags=["netzwerken"],
                                     category="Arbeitskultur", summary="Fotos aus der Werkstatt.",
                                     image="images/2026/werkstatt.jpg", image_alt="Die Werkbank von oben",
                                     body=BODY),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, build_in_folder):
    base = tmp_path_factory.mktemp("pictures")
    built = build_in_folder(base, PICTURE_SITE, **PUBLISH)
    assert built.result.exit_code(strict=True) == 0, built.messages
    return built


def page(site, url: str):
    return lxml_html.fromstring((site.output / url / "index.html").read_bytes())


def output_file(site, url: str) -> Path:
    assert url.startswith(SITEURL + "/"), url
    return site.output / url[len(SITEURL) + 1:]


def candidates(srcset: str) -> list[tuple[str, int]]:
    return [(url, int(width.rstrip("w"))) for url, width in (item.split() for item in srcset.split(", "))]


def pictures_in(output: Path) -> list[Path]:
    return [path for path in output.rglob("*") if path.suffix.lower() in (".jpg", ".png", ".webp", ".avif")
            and path.is_file()]


def test_no_published_picture_says_where_or_with_what_it_was_taken(site):
    published = [path for path in pictures_in(site.output) if "images" in path.parts]
    assert len(published) > 10
    for path in published:
        with Image.open(path) as image:
            assert revealing(image) == [], path
        assert b"SN-4711" not in path.read_bytes(), path
    with Image.open(site.path("images/2026/werkstatt.jpg")) as photo:
        assert photo.getexif().get_ifd(0x8825) == {} and photo.format == "JPEG"


def test_the_phone_photo_is_capped_and_no_published_variant_is_larger(site):
    with Image.open(site.path("images/2026/werkstatt.jpg")) as photo:
        assert photo.size == (2000, 1500)
    for path in pictures_in(site.output / "images"):
        with Image.open(path) as image:
            assert max(image.size) <= 2000, path


def test_the_untouched_originals_are_not_published(site):
    sources = {data for name, data in PICTURE_SITE.items() if name.endswith((".jpg", ".png", ".webp"))}
    assert not [path for path in site.output.rglob("*") if path.is_file() and path.read_bytes() in sources]
    assert not list(site.output.rglob("*-original.*"))


def test_the_post_image_is_a_picture_with_modern_formats_and_its_own_format_last(site):
    [figure] = page(site, "2026/werkstatt/").xpath("//figure[@class='post-image']")
    sources = figure.xpath(".//picture//source")
    assert [source.get("type") for source in sources][-1] == "image/webp"
    assert {source.get("type") for source in sources} <= {"image/avif", "image/webp"}
    [img] = figure.xpath(".//picture//img")
    assert img.get("src") == f"{SITEURL}/images/2026/werkstatt.jpg"
    assert (img.get("width"), img.get("height"), img.get("alt")) == ("2000", "1500", "Die Werkbank von oben")
    for element in (img, *sources):
        offered = candidates(element.get("srcset"))
        assert [width for _url, width in offered] == [480, 800, 1200, 1600, 2000]
        assert element.get("sizes")
        for url, _width in offered:
            assert output_file(site, url).is_file(), url


def test_no_page_offers_a_width_above_the_cap_or_the_camera_size(site):
    for path in site.output.rglob("*.html"):
        document = lxml_html.fromstring(path.read_bytes())
        for srcset in document.xpath("//img/@srcset | //source/@srcset"):
            for _url, width in candidates(srcset) if "w," in srcset + "," else []:
                assert width <= 2000, (path, srcset)
        assert b"4032" not in path.read_bytes(), path


def test_a_photo_taken_sideways_is_published_upright_with_its_upright_size(site):
    [img] = page(site, "2026/werkstatt/").xpath("//main//img[@alt='Hochkant fotografiert']")
    assert (img.get("width"), img.get("height")) == ("900", "1200")
    with Image.open(site.path("images/2026/hochkant.jpg")) as published:
        assert published.size == (900, 1200) and 0x0112 not in published.getexif()


def test_every_img_has_its_size_and_the_pictures_in_the_text_load_lazily(site):
    for url in ("2026/werkstatt/", "autoren/jana-beispiel/"):
        images = page(site, url).xpath("//img")
        assert images, url
        assert all(img.get("width") and img.get("height") for img in images), url
    in_text = page(site, "2026/werkstatt/").xpath("//img[@alt='Hochkant fotografiert' or @alt='Eine Skizze' "
                                                  "or @alt='Ein Band']")
    assert len(in_text) == 3 and all(img.get("loading") == "lazy" for img in in_text)


def test_the_avatar_is_a_picture_too(site):
    avatars = page(site, "autoren/jana-beispiel/").xpath("//img[contains(@src, 'images/authors/jana.jpg')]")
    assert avatars and all(avatar.xpath("ancestor::picture") for avatar in avatars)
    with Image.open(site.path("images/authors/jana.jpg")) as avatar:
        assert avatar.size == (480, 480) and revealing(avatar) == []


def test_emails_keep_plain_images_that_exist_at_their_absolute_address(site):
    emails = sorted((site.output / "newsletter").glob("*.html"))
    assert emails
    for email in emails:
        text = email.read_text(encoding="utf-8")
        assert "<picture" not in text and "<source" not in text and ".webp" not in text and ".avif" not in text
        for tag in text.split("<img")[1:]:
            found = attributes("<img" + tag.split(">", 1)[0] + ">")
            assert found["width"] and "srcset" not in found
            assert output_file(site, found["src"]).is_file(), found["src"]


def test_a_source_over_the_size_limit_is_a_warning_naming_the_file(site):
    [warning] = [problem for problem in site.result.warnings if "band.png" in problem.path]
    assert warning.path.endswith("content/images/2026/band.png")
    assert "IMAGE_SOURCE_MAX_SIZE (6000 px)" in warning.message and "6400×40 px" in warning.message
    with Image.open(site.path("images/2026/band.png")) as band:
        assert band.size == (2000, 12)


def test_a_warm_build_encodes_nothing_and_writes_the_same_bytes(site, tmp_path, build_in_folder, monkeypatch):
    def no_encoding(*args, **kwargs):
        raise AssertionError("a warm build encoded a picture")

    monkeypatch.setattr(pictureshop, "encode_picture", no_encoding)
    again = build_in_folder(tmp_path, PICTURE_SITE, settings_file="publishconf.py",
                            overrides={"CACHE_PATH": str(site.output.parent / "cache")})
    assert again.result.exit_code(strict=True) == 0, again.messages
    for path in pictures_in(site.output):
        relative = path.relative_to(site.output)
        assert (again.output / relative).read_bytes() == path.read_bytes(), relative
    for name in ("2026/werkstatt/index.html", "autoren/jana-beispiel/index.html"):
        assert (again.output / name).read_bytes() == site.path(name).read_bytes(), name


def test_originals_are_published_beside_the_pictures_only_when_asked(build_site):
    drawing = drawing_png(300, 200)
    built = build_site({"images/2026/skizze.png": drawing,
                        "articles/skizze.md": article("Skizze", "2026-11-19 09:30", id="0003",
                                                      body="![Eine Skizze]({static}/images/2026/skizze.png)")},
                       overrides={"IMAGE_PUBLISH_ORIGINALS": True})
    assert built.result.exit_code(strict=True) == 0, built.messages
    assert built.path("images/2026/skizze-original.png").read_bytes() == drawing
    with Image.open(io.BytesIO(built.path("images/2026/skizze.png").read_bytes())) as published:
        assert published.size == (300, 200)
