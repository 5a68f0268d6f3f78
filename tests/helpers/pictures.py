"""Pictures made with Pillow for the picture tests: a phone photo with the camera's metadata (GPS,
serial number, XMP, a comment, an orientation), a flat drawing, an animation."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

GPS_IFD, EXIF_IFD, ORIENTATION = 0x8825, 0x8769, 0x0112
BODY_SERIAL = 0xA431
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="53,33.0N" '
       b'exif:GPSLongitude="9,59.0E"/></rdf:RDF></x:xmpmeta>')


def photo(width: int, height: int, seed: int = 1) -> Image.Image:
    """Something like a photo: smooth colours, soft shapes and a little noise (many colours)."""
    rng = random.Random(seed)
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_180),
                                Image.effect_noise((width, height), 40)))
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.ellipse((x, y, x + width // 8, y + height // 10),
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    return image.filter(ImageFilter.GaussianBlur(2))


def camera_exif(orientation: int = 1) -> Image.Exif:
    """What a phone writes: where (GPS), with what (make, serial number) and which way up."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Telefonbau", "Modell 12"
    if orientation != 1:
        exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 33.0, 0.0), 3: "E", 4: (9.0, 59.0, 0.0)})
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL] = "SN-4711-0815"
    return exif


def phone_jpeg(width: int = 4032, height: int = 3024, orientation: int = 1, quality: int = 90) -> bytes:
    """A JPEG as a phone saves it: EXIF with GPS and a serial number, XMP with GPS, a comment."""
    buffer = io.BytesIO()
    photo(width, height).save(buffer, format="JPEG", quality=quality, exif=camera_exif(orientation), xmp=XMP,
                              comment=b"Aufgenommen in der Werkstatt, Hamburg")
    return buffer.getvalue()


def drawing_png(width: int = 900, height: int = 450) -> bytes:
    """A flat drawing of three colours."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 10, height // 10, width // 2, height // 2), fill="teal")
    draw.ellipse((width // 2, height // 3, width - 20, height - 20), fill="navy")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def animated_png() -> bytes:
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="PNG", save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def revealing(image: Image.Image) -> list[str]:
    """Everything an opened picture still tells beyond its pixels."""
    found = []
    exif = image.getexif()
    if len(exif) or exif.get_ifd(GPS_IFD) or exif.get_ifd(EXIF_IFD):
        found.append(f"EXIF {dict(exif)}")
    found += [key for key in ("xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "exif") if image.info.get(key)]
    found += [key for key in image.info if isinstance(key, str) and key.lower().startswith(("raw profile", "comment"))]
    return found
