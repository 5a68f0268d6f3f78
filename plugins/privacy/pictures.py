"""Published pictures must not say where they were taken or by which camera (EXIF GPS, serial numbers)."""

from __future__ import annotations

from PIL import Image, UnidentifiedImageError

RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".avif")
GPS_IFD, EXIF_IFD = 0x8825, 0x8769
SERIAL_TAGS = {0xA431: "body serial number", 0xC62F: "camera serial number", 0xA435: "lens serial number"}


def revealing_metadata(path: str) -> list[str]:
    """What a picture file tells about where it was taken or with which device ([] when nothing)."""
    try:
        with Image.open(path) as image:
            exif = image.getexif()
            xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    except (UnidentifiedImageError, OSError, ValueError):
        return []
    found = []
    if GPS_IFD in exif and exif.get_ifd(GPS_IFD):
        found.append("GPS position (EXIF)")
    details = exif.get_ifd(EXIF_IFD)
    found += [name for tag, name in SERIAL_TAGS.items() if details.get(tag) or exif.get(tag)]
    text = xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else str(xmp)
    if "GPSLatitude" in text or "GPSLongitude" in text:
        found.append("GPS position (XMP)")
    if "SerialNumber" in text:
        found.append("serial number (XMP)")
    return found
