"""The privacy gate reads a PNG's metadata (and a WebP's) from its chunk headers, without decoding the picture
(plugins/privacy/pictures.py): a site's 1,200 social cards cost about 3 s when each was decoded,
and a PNG without any metadata chunk (a social card) is not opened with Pillow at all."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

from privacy.pictures import _png_metadata, _webp_metadata, revealing_metadata


def gps_exif() -> Image.Exif:
    exif = Image.new("RGB", (1, 1)).getexif()
    exif[0x010F] = "Kamera AG"  # Pillow writes no EXIF whose first directory is empty
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (53.0, 33.0, 0.0), "E", (9.0, 59.0, 0.0)
    return exif


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(**save) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(data, "PNG", **save)
    return data.getvalue()


def with_chunk_before_end(data: bytes, kind: bytes, payload: bytes) -> bytes:
    end = data.rindex(b"IEND") - 4
    return data[:end] + chunk(kind, payload) + data[end:]


def test_a_plain_png_has_nothing_to_tell_and_no_metadata_chunk(tmp_path):
    path = tmp_path / "karte.png"
    path.write_bytes(png())
    assert _png_metadata(str(path)) == "none"
    assert revealing_metadata(str(path)) == []


def test_a_png_with_harmless_text_before_its_pixels_is_read_by_pillow_and_passes(tmp_path):
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Software", "Werkbank")
    path = tmp_path / "text.png"
    path.write_bytes(png(pnginfo=text))
    assert _png_metadata(str(path)) == "before"
    assert revealing_metadata(str(path)) == []


def test_a_file_that_is_no_png_is_left_to_pillow(tmp_path):
    path = tmp_path / "foto.png"
    path.write_bytes(b"GIF89a")
    assert _png_metadata(str(path)) is None
    assert revealing_metadata(str(path)) == []


def test_gps_in_an_exif_chunk_before_the_pixels_is_found(tmp_path):
    path = tmp_path / "vorne.png"
    path.write_bytes(png(exif=gps_exif()))
    assert revealing_metadata(str(path)) == ["GPS position (EXIF)"]


def test_gps_in_an_exif_chunk_after_the_pixels_is_found_too(tmp_path):
    exif = gps_exif().tobytes()[6:]  # the chunk holds the TIFF data without "Exif\0\0"
    path = tmp_path / "hinten.png"
    path.write_bytes(with_chunk_before_end(png(), b"eXIf", exif))
    assert _png_metadata(str(path)) == "after"
    assert revealing_metadata(str(path)) == ["GPS position (EXIF)"]


def test_xmp_after_the_pixels_is_found(tmp_path):
    xmp = b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta><exif:GPSLatitude>53,33N</exif:GPSLatitude></x:xmpmeta>"
    path = tmp_path / "xmp.png"
    path.write_bytes(with_chunk_before_end(png(), b"iTXt", xmp))
    assert revealing_metadata(str(path)) == ["GPS position (XMP)"]


def webp(**save) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(data, "WEBP", **save)
    return data.getvalue()


def test_a_plain_webp_is_read_from_its_chunk_headers_and_passes(tmp_path):
    path = tmp_path / "karte-600w.webp"
    path.write_bytes(webp())
    assert _webp_metadata(str(path)) == "none"
    assert revealing_metadata(str(path)) == []


def test_gps_in_a_webp_is_found(tmp_path):
    path = tmp_path / "foto.webp"
    path.write_bytes(webp(exif=gps_exif()))
    assert _webp_metadata(str(path)) == "some"
    assert revealing_metadata(str(path)) == ["GPS position (EXIF)"]
