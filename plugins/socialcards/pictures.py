"""The pictures on and of a card: the post's own picture fitted to 1200×630, avatars, the logo
(SVG through resvg, like the brand's icons), smooth masks, and the encoders (no metadata written)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageOps

from .cards import HEIGHT, WIDTH

LOGO_BOX = (420, 64)  # the largest logo, in pixels
JPEG_QUALITIES = (85, 78, 70, 62)
MAX_BYTES = 300 * 1024  # LinkedIn and XING take up to 5 MB; small cards load fast in feeds


def fit_picture(path: str) -> Image.Image:
    """The picture cropped to 1200×630 around its centre, upright, on white where transparent."""
    with Image.open(path) as source:
        source.load()
        picture = ImageOps.exif_transpose(source)
    return ImageOps.fit(_on_white(picture), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def _on_white(picture: Image.Image) -> Image.Image:
    if picture.mode == "RGB":
        return picture
    rgba = picture.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, (0, 0), rgba)
    return flat


def circle_mask(size: int) -> Image.Image:
    """A smooth disc: drawn four times as large, then scaled down."""
    big = Image.new("L", (size * 4, size * 4), 0)
    ImageDraw.Draw(big).ellipse((0, 0, size * 4 - 1, size * 4 - 1), fill=255)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def rounded_mask(size, radius: int) -> Image.Image:
    big = Image.new("L", (size[0] * 4, size[1] * 4), 0)
    ImageDraw.Draw(big).rounded_rectangle((0, 0, size[0] * 4 - 1, size[1] * 4 - 1), radius * 4, fill=255)
    return big.resize(size, Image.Resampling.LANCZOS)


def read_avatar(path: str, size: int) -> Image.Image | None:
    """The avatar cropped to a centred square of `size`, upright; None when it cannot be read."""
    try:
        with Image.open(path) as source:
            source.load()
            picture = ImageOps.exif_transpose(source)
    except (OSError, ValueError):
        return None
    return ImageOps.fit(_on_white(picture), (size, size), Image.Resampling.LANCZOS)


def read_logo(path: str) -> Image.Image | None:
    """The logo (SVG, PNG, JPEG, WebP) within LOGO_BOX, as RGBA; None for a file that cannot be drawn."""
    try:
        if path.lower().endswith(".svg"):
            data = svg_png(path, LOGO_BOX[1])
            if data is None:
                return None
            logo = Image.open(io.BytesIO(data)).convert("RGBA")
        else:
            with Image.open(path) as source:
                source.load()
                logo = source.convert("RGBA")
    except (OSError, ValueError):
        return None
    logo.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
    return logo


def svg_png(path: str, height: int) -> bytes | None:
    """An SVG drawn by resvg (the brand's rasteriser), `height` pixels high; None without it."""
    try:
        import resvg_py
    except ImportError:
        return None
    try:
        return bytes(resvg_py.svg_to_bytes(svg_path=path, height=height, skip_system_fonts=False))
    except Exception:  # resvg has error types of its own; each means "cannot draw this file"
        return None


def svg_renderer() -> str:
    try:
        from importlib.metadata import version
        return f"resvg-{version('resvg_py')}"
    except Exception:
        return "no-svg"


def jpeg(picture: Image.Image, all_colours: bool = True) -> bytes:  # all_colours: as png()
    """JPEG without metadata (Pillow writes none unless given), at the best quality under MAX_BYTES."""
    for quality in JPEG_QUALITIES:
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() <= MAX_BYTES:
            break
    return buffer.getvalue()


def png(card: Image.Image, all_colours: bool = False) -> bytes:
    """A drawn card in 256 colours (plenty for flat colours, text and small avatars: a third of the
    bytes, and quicker to write); a post's picture in all its colours while under MAX_BYTES."""
    if all_colours:
        buffer = io.BytesIO()
        card.save(buffer, "PNG")
        if buffer.tell() <= MAX_BYTES:
            return buffer.getvalue()
    buffer = io.BytesIO()
    card.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(buffer, "PNG")
    return buffer.getvalue()
