"""One source picture re-encoded for readers (plain function: bytes in, files out).

The camera's orientation is applied, then everything but the pixels is left behind (EXIF with GPS
and serial numbers, XMP, comments; colour profiles are converted to sRGB), the long side is capped,
and smaller widths and modern formats (WebP, AVIF where Pillow can write it) are made from the same
decoded pixels. The fallback keeps the format the file's name promises (PNG, JPEG or WebP).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from shared.messages import t

ENCODER_VERSION = 1  # part of every cache key: raise it when the encoding changes
KINDS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}  # suffix -> fallback format
MODERN_FORMATS = ("avif", "webp")  # in the order browsers should try them
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
JPEG_QUALITY, WEBP_QUALITY, AVIF_QUALITY = 82, 80, 60
AVIF_SPEED = 8  # libavif's 0 (slow, smallest) … 10; 8 is about twice as fast as its default 6, ~8 % larger


class NotAPicture(ValueError):
    """The file cannot be read as a picture; the message says what was found."""


@dataclass(frozen=True)
class PictureOptions:
    max_size: int = 2000  # long side in pixels of the largest published file
    widths: tuple = (480, 800, 1200, 1600)  # smaller copies for srcset (only those below the picture's width)
    formats: tuple = ("avif", "webp")  # modern formats to offer, if Pillow can write them

    def fingerprint(self) -> str:
        """What decides the encoded bytes besides the source: part of the cache key."""
        from PIL import __version__ as pillow

        text = f"{ENCODER_VERSION}|{pillow}|{self.max_size}|{sorted(set(self.widths))}|{self.formats}"
        return hashlib.sha256(text.encode()).hexdigest()[:10]


def writable_formats(wanted) -> tuple:
    """The modern formats of `wanted` this Pillow can write, in MODERN_FORMATS order."""
    from PIL import features

    return tuple(name for name in MODERN_FORMATS if name in wanted and features.check(name))


@dataclass(frozen=True)
class EncodedPicture:
    kind: str  # the fallback's format: "png", "jpeg" or "webp"
    size: tuple  # (width, height) as published: upright, within the cap
    source_size: tuple  # (width, height) as stored in the source file, before its orientation
    widths: tuple  # widths of the smaller copies (each format has them all)
    formats: tuple  # modern formats offered besides the fallback, e.g. ("avif", "webp")
    files: dict  # "full.jpeg", "480w.jpeg", "full.webp", "480w.webp", … -> bytes


def published_size(size: tuple, max_size: int) -> tuple:
    """(width, height) scaled down so the long side is at most `max_size`; never scaled up."""
    width, height = size
    if max(width, height) <= max_size:
        return width, height
    scale = max_size / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def encode_picture(data: bytes, kind: str, options: PictureOptions) -> EncodedPicture | None:
    """Every file of one picture; None for an animation (published as it is)."""
    image, source_size = _upright_pixels(data)
    if image is None:
        return None
    palette = _flat_palette(image) if kind == "png" else None
    # A drawing (few colours) is offered as lossless WebP and not as AVIF; a JPEG is a photo already.
    flat = kind != "jpeg" and (image.mode == "P" or palette is not None or _few_colours(image))
    size = published_size(image.size, options.max_size)
    if size != image.size:
        image = _scaled(image, size, palette)
    full = _encoded(image, kind, flat)
    files, scaled, widths = {f"full.{kind}": full}, {}, []
    for width in sorted(w for w in set(options.widths) if w < image.width):
        smaller = _scaled(image, (width, max(1, round(image.height * width / image.width))), palette)
        copy = _encoded(smaller, kind, flat)
        if len(copy) < len(full):  # a blurred copy of a flat drawing can be larger than the drawing
            files[f"{width}w.{kind}"], scaled[width] = copy, smaller
            widths.append(width)
    formats = []
    for name in writable_formats(options.formats):
        if name == kind or (name == "avif" and flat):  # AVIF blurs the edges of drawings
            continue
        modern = _encoded(image, name, flat)
        if len(modern) >= len(full):
            continue
        formats.append(name)
        files[f"full.{name}"] = modern
        for width in widths:
            files[f"{width}w.{name}"] = _encoded(scaled[width], name, flat)
    return EncodedPicture(kind, image.size, source_size, tuple(widths), tuple(formats), files)


def _upright_pixels(data: bytes):
    """(image turned upright with nothing but its pixels, the source's stored size), or (None, size)
    for an animation."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit warns
            with Image.open(io.BytesIO(data)) as opened:
                if getattr(opened, "n_frames", 1) > 1:
                    return None, opened.size
                opened.load()
                source_size = opened.size
                image = ImageOps.exif_transpose(opened)
    except Image.DecompressionBombError as error:
        raise NotAPicture(t("too many pixels to open safely ({error})", error=error)) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise NotAPicture(str(error) or type(error).__name__) from None
    return _plain(image), source_size


def _plain(image):
    """Only the pixels: sRGB, a mode every format can write, no metadata (transparency is pixels)."""
    profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
        transparency = None
    elif image.mode == "1":
        image = image.convert("L")
    if profile:
        image = _to_srgb(image, profile)
    if image.mode not in ("L", "LA", "P", "RGB", "RGBA"):
        alpha = "A" in image.getbands() or image.mode == "PA"
        image, transparency = image.convert("RGBA" if alpha else "RGB"), None
    plain = image.copy()  # a copy has no parsed EXIF cached next to its info
    plain.info = {"transparency": transparency} if transparency is not None else {}
    return plain


def _to_srgb(image, profile: bytes):
    """The pixels in sRGB (a phone's Display P3 photo too); on any doubt, the profile is just dropped."""
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if "srgb" in (ImageCms.getProfileDescription(source) or "").lower().replace(" ", ""):
            return image
        if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
            return image
        if image.mode == "L":
            return image  # a grey profile: grey stays grey
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image


def _few_colours(image) -> bool:
    return image.mode in ("RGB", "RGBA", "L", "LA") and image.getcolors(256) is not None


def _flat_palette(image):
    """A drawing of a few flat colours keeps exactly those colours when scaled (no blurred in-between
    shades, which made the copies larger than the drawing); None for everything else."""
    from PIL import Image

    if image.mode == "P" and "transparency" not in image.info:
        image = image.convert("RGB")
    if image.mode not in ("RGB", "L"):
        return None
    colours = image.getcolors(256)
    return image.quantize(colors=len(colours), method=Image.Quantize.MEDIANCUT) if colours else None


def _scaled(image, size: tuple, palette):
    from PIL import Image

    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    smaller = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if palette is not None and smaller.mode in ("RGB", "L"):
        smaller = smaller.quantize(palette=palette, dither=Image.Dither.NONE)
    return smaller


def _encoded(image, kind: str, flat: bool) -> bytes:
    buffer = io.BytesIO()
    if kind == "jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif kind == "png":
        image.save(buffer, format="PNG", optimize=True)
    elif kind == "webp":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        options = {"lossless": True, "quality": 100} if flat else {"quality": WEBP_QUALITY}
        image.save(buffer, format="WEBP", method=4, **options)
    elif kind == "avif":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        image.save(buffer, format="AVIF", quality=AVIF_QUALITY, speed=AVIF_SPEED)
    else:
        raise ValueError(f"unknown picture format {kind!r}")
    return buffer.getvalue()
