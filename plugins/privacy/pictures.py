"""Published pictures must not say where they were taken or by which camera (EXIF GPS, serial numbers)."""

from __future__ import annotations

import struct

from PIL import Image, UnidentifiedImageError

from shared.messages import N_

RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".avif")
GPS_IFD, EXIF_IFD = 0x8825, 0x8769
# What a picture reveals, in the words of a message (translated where it is shown).
SERIAL_TAGS = {0xA431: N_("body serial number"), 0xC62F: N_("camera serial number"), 0xA435: N_("lens serial number")}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_METADATA_CHUNKS = (b"eXIf", b"iTXt", b"tEXt", b"zTXt")


def revealing_metadata(path: str) -> list[str]:
    """What a picture file tells about where it was taken or with which device ([] when nothing)."""
    where = _png_metadata(path)
    if where == "none" or (where is None and _webp_metadata(path) == "none"):
        return []  # most pictures of a site are its social cards and their copies: no metadata, no Pillow
    try:
        with Image.open(path) as image:
            if image.format == "PNG" and where == "before":
                exif = Image.Image.getexif(image)  # every metadata chunk was read on open: no decoding
            else:
                exif = image.getexif()
            xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    except (UnidentifiedImageError, OSError, ValueError):
        return []
    found = []
    if GPS_IFD in exif and exif.get_ifd(GPS_IFD):
        found.append(N_("GPS position (EXIF)"))
    details = exif.get_ifd(EXIF_IFD)
    found += [name for tag, name in SERIAL_TAGS.items() if details.get(tag) or exif.get(tag)]
    text = xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else str(xmp)
    if "GPSLatitude" in text or "GPSLongitude" in text:
        found.append(N_("GPS position (XMP)"))
    if "SerialNumber" in text:
        found.append(N_("serial number (XMP)"))
    return found


def _png_metadata(path: str) -> str | None:
    """Where a PNG keeps metadata, from its chunk headers alone: "none" (no metadata chunk at all),
    "before" its pixels (IDAT; Pillow reads those chunks when it opens the file), "after" them
    (Pillow looks for these only by decoding the whole picture: some 3 ms for a 1200×630 social
    card, a second and more for a site's cards), or None when the file is no plain PNG."""
    try:
        with open(path, "rb") as handle:
            if handle.read(8) != PNG_SIGNATURE:
                return None  # not a plain PNG: let Pillow read it as it does
            after_pixels, seen = False, False
            while True:
                head = handle.read(8)
                if len(head) < 8:
                    return "before"  # cut short: what Pillow read on open is all there is
                length, kind = struct.unpack(">I4s", head)
                if kind == b"IDAT":
                    after_pixels = True
                elif kind == b"IEND":
                    return "before" if seen else "none"
                elif kind in PNG_METADATA_CHUNKS:
                    if after_pixels:
                        return "after"
                    seen = True
                handle.seek(length + 4, 1)  # the data and its CRC
    except OSError:
        return None


def _webp_metadata(path: str) -> str | None:
    """Whether a WebP file has an EXIF or XMP chunk ("some") or neither ("none"), from its chunk
    headers alone; None when the file is no WebP."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:] != b"WEBP":
                return None
            while True:
                chunk = handle.read(8)
                if len(chunk) < 8:
                    return "none"
                kind, length = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if kind in (b"EXIF", b"XMP "):
                    return "some"
                handle.seek(length + (length & 1), 1)  # chunks are padded to an even length
    except OSError:
        return None
