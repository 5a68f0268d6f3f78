"""Pictures for people, not for cameras: one source re-encoded (readers.pictures) and placed in the
output from a cache (readers.pictureshop), with real pictures made by Pillow."""

from __future__ import annotations

import io
import os
import random

import pytest
from PIL import Image, ImageCms

from helpers.pictures import animated_png, drawing_png, phone_jpeg, photo, revealing
from readers import pictures, pictureshop
from readers.pictures import NotAPicture, PictureOptions, encode_picture, published_size
from readers.pictureshop import PictureShop, SourceLimits, original_file, picture_file
from shared.config import SCHEMA_BY_NAME, read_config
from shared.problems import ERROR, WARNING


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.fixture(scope="module")
def phone_photo() -> bytes:
    return phone_jpeg()


@pytest.fixture(scope="module")
def encoded_phone_photo(phone_photo):
    return encode_picture(phone_photo, "jpeg", PictureOptions())


def test_the_phone_photo_really_carries_a_position_serial_xmp_and_comment(phone_photo):
    assert len(revealing(opened(phone_photo))) >= 3  # the helper sees what the tests below must not


def test_no_published_file_of_a_phone_photo_says_where_or_with_what_it_was_taken(encoded_phone_photo):
    assert encoded_phone_photo.files
    for name, data in encoded_phone_photo.files.items():
        assert revealing(opened(data)) == [], name
        assert b"SN-4711" not in data and b"GPSLatitude" not in data and b"Werkstatt, Hamburg" not in data, name


def test_a_phone_photo_is_capped_and_offered_in_widths_below_the_cap(encoded_phone_photo):
    assert encoded_phone_photo.size == (2000, 1500) and encoded_phone_photo.source_size == (4032, 3024)
    assert encoded_phone_photo.widths == (480, 800, 1200, 1600)
    for name, data in encoded_phone_photo.files.items():
        assert max(opened(data).size) <= 2000, name
    assert opened(encoded_phone_photo.files["full.jpeg"]).size == (2000, 1500)
    assert opened(encoded_phone_photo.files["800w.webp"]).size == (800, 600)


def test_modern_formats_are_smaller_and_come_in_every_width(encoded_phone_photo):
    files = encoded_phone_photo.files
    expected = ("avif", "webp") if pictures.writable_formats(("avif",)) else ("webp",)
    assert encoded_phone_photo.formats == expected
    for kind in expected:
        assert len(files[f"full.{kind}"]) < len(files["full.jpeg"])
        assert {f"{width}w.{kind}" for width in encoded_phone_photo.widths} <= set(files)
        assert opened(files[f"full.{kind}"]).format == kind.upper()


def test_avif_is_offered_only_where_pillow_can_write_it(monkeypatch):
    monkeypatch.setattr("PIL.features.check", lambda name: name != "avif")
    encoded = encode_picture(phone_jpeg(640, 480), "jpeg", PictureOptions(widths=(320,)))
    assert encoded.formats == ("webp",) and not any(name.endswith(".avif") for name in encoded.files)


@pytest.mark.parametrize("orientation, upright", [(1, (300, 200)), (3, (300, 200)), (6, (200, 300)), (8, (200, 300))])
def test_the_camera_orientation_is_applied_before_its_metadata_is_left_behind(orientation, upright):
    image = Image.new("RGB", (300, 200), "blue")
    image.paste((255, 0, 0), (0, 0, 150, 200))  # stored: left half red
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    encoded = encode_picture(buffer.getvalue(), "jpeg", PictureOptions(widths=()))
    result = opened(encoded.files["full.jpeg"])
    assert result.size == encoded.size == upright and encoded.source_size == (300, 200)
    assert 0x0112 not in result.getexif()
    red_corner = {1: (10, 10), 3: (290, 190), 6: (10, 10), 8: (10, 190)}[orientation]
    red, _green, blue = result.getpixel(red_corner)
    assert red > 200 and blue < 60


@pytest.mark.parametrize("size, cap, expected", [
    ((4032, 3024), 2000, (2000, 1500)), ((3024, 4032), 2000, (1500, 2000)), ((1200, 600), 2000, (1200, 600)),
    ((2001, 3), 2000, (2000, 3)), ((8000, 1), 2000, (2000, 1)),
])
def test_the_long_side_is_capped_and_nothing_is_scaled_up(size, cap, expected):
    assert published_size(size, cap) == expected


def test_a_small_picture_gets_no_copies_and_is_never_scaled_up():
    encoded = encode_picture(phone_jpeg(300, 200), "jpeg", PictureOptions())
    assert encoded.size == (300, 200) and encoded.widths == ()
    assert {name.split(".")[0] for name in encoded.files} == {"full"}


def test_a_flat_drawing_keeps_its_colours_and_is_offered_as_lossless_webp_not_avif():
    encoded = encode_picture(drawing_png(), "png", PictureOptions(widths=(480,)))
    assert encoded.formats == ("webp",) and encoded.widths == (480,)
    copy = opened(encoded.files["480w.png"]).convert("RGB")
    assert len(copy.getcolors(256)) <= 3  # no blurred in-between shades
    webp = opened(encoded.files["full.webp"]).convert("RGB")
    assert webp.tobytes() == opened(drawing_png()).convert("RGB").tobytes()  # lossless


def test_a_copy_that_would_not_be_smaller_in_bytes_is_left_out():
    rng = random.Random(7)
    noise = Image.frombytes("RGB", (1000, 500), bytes(rng.randrange(256) for _ in range(1000 * 500 * 3)))
    buffer = io.BytesIO()
    noise.save(buffer, format="JPEG", quality=5)
    encoded = encode_picture(buffer.getvalue(), "jpeg", PictureOptions(widths=(480, 800), formats=()))
    assert 800 not in encoded.widths
    assert all(len(data) < len(encoded.files["full.jpeg"]) for name, data in encoded.files.items() if name != "full.jpeg")


def test_a_colour_profile_is_converted_to_srgb_and_not_published():
    image = Image.new("RGB", (64, 64), (200, 30, 30))
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))  # anything but sRGB
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", icc_profile=profile.tobytes(), pnginfo=None)
    encoded = encode_picture(buffer.getvalue(), "png", PictureOptions(widths=()))
    for name, data in encoded.files.items():
        assert "icc_profile" not in opened(data).info, name


def test_an_animation_is_left_as_it_is():
    assert encode_picture(animated_png(), "png", PictureOptions()) is None


@pytest.mark.parametrize("data", [b"not a picture", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b""])
def test_a_file_that_is_no_picture_says_so(data):
    with pytest.raises(NotAPicture):
        encode_picture(data, "png", PictureOptions())


@pytest.mark.parametrize("path, width, kind, expected", [
    ("images/a.jpg", None, None, "images/a.jpg"),
    ("images/a.jpg", 480, None, "images/a-480w.jpg"),
    ("images/a.jpg", None, "webp", "images/a.jpg.webp"),
    ("images/a.b.png", 800, "avif", "images/a.b-800w.png.avif"),
])
def test_copies_are_named_after_their_picture_and_its_format(path, width, kind, expected):
    assert picture_file(path, width, kind) == expected
    assert original_file("images/a.jpg") == "images/a-original.jpg"


@pytest.mark.parametrize("name, value, expected", [
    ("IMAGE_FORMATS", ["avif", "jpegxl"], "expected a list of 'avif' and/or 'webp'"),
    ("IMAGE_FORMATS", ["webp", "webp"], "expected a list of 'avif' and/or 'webp'"),
    ("IMAGE_MAX_SIZE", 0, "expected a whole number from 1"),
    ("IMAGE_WIDTHS", [480, "800"], "expected a list of widths in pixels"),
    ("IMAGE_PUBLISH_ORIGINALS", "yes", "expected True or False"),
])
def test_a_bad_image_setting_names_the_key_and_what_is_allowed(name, value, expected):
    config, problems = read_config({name: value})
    [problem] = [found for found in problems if found.message.startswith(name)]
    assert problem.message.startswith(f"{name} = {value!r} is not allowed: {expected}")
    assert config[name] == SCHEMA_BY_NAME[name].default


# --- the shop: cache and output --------------------------------------------------------------------

@pytest.fixture
def folders(tmp_path):
    source = tmp_path / "content/images/urlaub.jpg"
    source.parent.mkdir(parents=True)
    source.write_bytes(phone_jpeg(1000, 750))
    return source, tmp_path / "output", tmp_path / "cache"


def shop_for(output, cache, **settings) -> PictureShop:
    options = PictureOptions(**{"widths": (480,), **settings.pop("options", {})})
    return PictureShop(output, cache, options, **settings)


def test_a_picture_is_published_at_its_address_with_its_copies_beside_it(folders):
    source, output, cache = folders
    shop = shop_for(output, cache)
    assert shop.publish(str(source), "images/urlaub.jpg")
    picture = shop.pictures["images/urlaub.jpg"]
    assert picture.size == (1000, 750) and picture.widths == (480,)
    written = sorted(path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file())
    expected = {picture.file(width, kind) for width in (None, *picture.widths) for kind in (None, *picture.formats)}
    assert written == sorted(expected) == sorted(shop.files)  # the files another check may trust
    assert (output / "images/urlaub.jpg").read_bytes() != source.read_bytes()
    assert shop.problems == []


def test_a_warm_build_opens_no_picture_and_links_the_cached_files(folders, monkeypatch):
    source, output, cache = folders
    first = shop_for(output, cache)
    first.publish(str(source), "images/urlaub.jpg")
    first.save()
    before = {path.name: path.read_bytes() for path in (output / "images").iterdir()}

    def no_encoding(*args, **kwargs):
        raise AssertionError("a warm build encoded a picture")

    monkeypatch.setattr(pictureshop, "encode_picture", no_encoding)
    stamp = source.stat()
    source.write_bytes(bytes(stamp.st_size))  # same size and time: the memo vouches, the source is not read
    os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    fresh_output = output.parent / "output-2"
    warm = shop_for(fresh_output, cache)
    assert warm.publish(str(source), "images/urlaub.jpg")
    assert warm.pictures == first.pictures
    assert {path.name: path.read_bytes() for path in (fresh_output / "images").iterdir()} == before
    assert (fresh_output / "images/urlaub.jpg").stat().st_nlink >= 2  # a link to the cache, not a copy


def test_a_changed_source_or_setting_is_encoded_again(folders):
    source, output, cache = folders
    shop_for(output, cache).publish(str(source), "images/urlaub.jpg")
    smaller = shop_for(output, cache, options={"max_size": 800})
    smaller.publish(str(source), "images/urlaub.jpg")
    assert smaller.pictures["images/urlaub.jpg"].size == (800, 600)
    source.write_bytes(phone_jpeg(400, 300))
    os.utime(source, ns=(1, 1))  # a different time: the memo does not vouch for the old hash
    changed = shop_for(output, cache)
    changed.publish(str(source), "images/urlaub.jpg")
    assert changed.pictures["images/urlaub.jpg"].size == (400, 300)


def test_the_untouched_original_is_published_only_when_asked(folders):
    source, output, cache = folders
    shop_for(output, cache).publish(str(source), "images/urlaub.jpg")
    assert not (output / "images/urlaub-original.jpg").exists()
    shop_for(output, cache, publish_originals=True).publish(str(source), "images/urlaub.jpg")
    assert (output / "images/urlaub-original.jpg").read_bytes() == source.read_bytes()
    assert (output / "images/urlaub.jpg").read_bytes() != source.read_bytes()


def test_a_source_over_the_limits_is_a_warning_naming_the_file(folders):
    source, output, cache = folders
    shop = shop_for(output, cache, limits=SourceLimits(max_bytes=10_000, max_size=6000))
    shop.publish(str(source), "images/urlaub.jpg")
    [problem] = shop.problems
    assert problem.severity == WARNING and problem.path.endswith("content/images/urlaub.jpg")
    assert "IMAGE_SOURCE_MAX_BYTES" in problem.message and "1000×750 px" in problem.message
    assert (output / "images/urlaub.jpg").exists()
    wide = shop_for(output, cache, limits=SourceLimits(max_bytes=10**9, max_size=999))
    wide.publish(str(source), "images/urlaub.jpg")
    assert "IMAGE_SOURCE_MAX_SIZE (999 px)" in wide.problems[0].message


def test_a_broken_picture_is_an_error_and_is_not_published(folders):
    source, output, cache = folders
    source.write_bytes(b"\xff\xd8\xff\xe0 kein JPEG")
    shop = shop_for(output, cache)
    assert shop.publish(str(source), "images/urlaub.jpg")  # handled: Pelican must not copy it either
    [problem] = shop.problems
    assert problem.severity == ERROR and "cannot read this picture" in problem.message
    assert not (output / "images/urlaub.jpg").exists()


def test_gifs_and_animations_are_left_to_pelicans_copy(folders):
    source, output, cache = folders
    shop = shop_for(output, cache)
    assert not shop.publish(str(source), "images/urlaub.gif")
    source.write_bytes(animated_png())
    assert not shop.publish(str(source), "images/urlaub.jpg".replace(".jpg", ".png"))
    assert shop.pictures == {} and shop.problems == []


def test_an_old_output_file_is_replaced_never_written_into(folders):
    """The output file may be a link to the cache: writing into it would change the cache."""
    source, output, cache = folders
    shop_for(output, cache).publish(str(source), "images/urlaub.jpg")
    cached = {path: path.read_bytes() for path in cache.rglob("*") if path.is_file() and path.suffix != ".json"}
    shop_for(output, cache, options={"max_size": 600}).publish(str(source), "images/urlaub.jpg")
    assert {path: path.read_bytes() for path in cached} == cached


def test_a_cache_entry_emptied_by_hand_is_made_again(folders):
    source, output, cache = folders
    shop_for(output, cache).publish(str(source), "images/urlaub.jpg")
    [entry] = [path for path in cache.iterdir() if path.is_dir()]
    (entry / "full.jpeg").unlink()
    again = shop_for(output.parent / "output-2", cache)
    assert again.publish(str(source), "images/urlaub.jpg")
    assert (output.parent / "output-2/images/urlaub.jpg").read_bytes() == (output / "images/urlaub.jpg").read_bytes()
