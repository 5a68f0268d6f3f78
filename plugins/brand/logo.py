"""The logo's files: the header's copy, the favicon and touch icons, and the email's PNG.

SVG logos are rasterised with resvg (resvg-py: a Rust library in a wheel, nothing to install from
Debian); everything else is Pillow. Icons are square: the logo is fitted into a square with a
margin, on white for the touch icon (iOS fills transparency with black).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from shared.brand import (EMAIL_LOGO_HEIGHT, EMAIL_LOGO_MAX_WIDTH, HEADER_LOGO_HEIGHT, HEADER_LOGO_MAX_WIDTH,
                          LogoError, LogoSource, fitted)
from shared.colors import contrast, to_hex
from shared.messages import t

ICONS = (("favicon-32.png", 32, None), ("icon-192.png", 192, None), ("apple-touch-icon.png", 180, "#ffffff"))
DRAWING_VERSION = "5"  # raise when what is made from a logo changes (files, plate): every cache key changes with it


@dataclass(frozen=True)
class LogoFiles:
    """What the brand writes for a logo: file name (in the brand folder) -> bytes, and the header's view."""

    files: dict
    header_name: str
    header_size: tuple[int, int]  # CSS pixels
    plate: tuple[bool, bool]  # (light, dark): the logo needs a contrasting plate behind it there


def raster(source: LogoSource, width: int):
    """The logo as an RGBA Pillow image `width` pixels wide."""
    from PIL import Image

    if source.kind == "svg":
        import resvg_py

        try:
            data = resvg_py.svg_to_bytes(svg_path=str(source.path), width=width, skip_system_fonts=False)
        except Exception as error:  # resvg reports its own error types; all mean "cannot draw this"
            raise LogoError(t("SITE_LOGO {file} could not be drawn: {error}", file=source.path.name, error=error),
                            t("open it in a vector editor and export it again as plain SVG")) from None
        return Image.open(io.BytesIO(bytes(data))).convert("RGBA")
    with Image.open(source.path) as image:
        image = image.convert("RGBA")
        height = max(1, round(width / source.aspect))
        return image if image.width == width else image.resize((width, height), Image.Resampling.LANCZOS)


def square_icon(source: LogoSource, size: int, background: str | None):
    """The logo fitted into a size×size square with a margin of an eighth on each side."""
    from PIL import Image

    inner = size - 2 * (size // 8)
    width, height = (inner, max(1, round(inner / source.aspect))) if source.aspect >= 1 else \
        (max(1, round(inner * source.aspect)), inner)
    logo = raster(source, width)
    canvas = Image.new("RGBA", (size, size), background or (0, 0, 0, 0))
    canvas.alpha_composite(logo, ((size - logo.width) // 2, (size - logo.height) // 2))
    return canvas.convert("RGB") if background else canvas


def png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# A logo "brings its own background" when it is one filled shape (its outline, holes included, covers
# this share of its bounding box: a badge, round (79 %), six-cornered (75 %) or with rounded corners;
# not a wordmark or a mark beside one) with its lettering on it (two shades at least 3:1 apart, each
# on at least OWN_BACKGROUND_SHARE of the visible pixels).
OWN_BACKGROUND_FILL = 0.74
OWN_BACKGROUND_DRAWN = 0.85  # of the outline: a frame or a ring around letters on transparency is no background
OWN_BACKGROUND_SHARE = 0.05


def ink(image) -> str | None:
    """The average colour of the logo's visible pixels; None when it brings its own background (no
    transparency at all, or a filled shape with its lettering on it): then it needs no plate."""
    alpha = image.getchannel("A")
    if alpha.getextrema()[0] == 255:
        return None
    mask = alpha.point(lambda a: 255 if a > 128 else 0)
    box = mask.getbbox()
    if not box:
        return None
    from PIL import ImageStat

    cropped = mask.crop(box)
    outline, drawn = _outline_share(cropped), ImageStat.Stat(cropped).mean[0] / 255
    # one filled shape: its outline covers most of its box, and it is drawn, not a frame or a ring
    # with letters on transparency inside
    if outline >= OWN_BACKGROUND_FILL and drawn >= OWN_BACKGROUND_DRAWN * outline \
            and _two_shades(image.convert("L").histogram(mask)):
        return None
    mean = ImageStat.Stat(image.convert("RGB"), mask).mean
    return to_hex(tuple(channel / 255 for channel in mean))


def _outline_share(mask) -> float:
    """The share of a (cropped, 0/255) mask's box inside the logo's outline: every pixel the
    transparent outside does not reach (the gaps between a wordmark's letters are outside)."""
    from PIL import Image, ImageDraw

    padded = Image.new("L", (mask.width + 2, mask.height + 2), 0)
    padded.paste(mask, (1, 1))
    ImageDraw.floodfill(padded, (0, 0), 128, thresh=0)
    outside = padded.histogram()[128]
    return (padded.width * padded.height - outside) / (mask.width * mask.height)


def _two_shades(greys: list[int]) -> bool:
    """Whether the darkest and the lightest `OWN_BACKGROUND_SHARE` of the visible pixels (a histogram
    of their grey levels) are at least 3:1 apart."""
    total = sum(greys)
    wanted = max(1, round(total * OWN_BACKGROUND_SHARE))

    def level(levels) -> int:
        seen = 0
        for value in levels:
            seen += greys[value]
            if seen >= wanted:
                return value
        return 0

    dark, light = level(range(256)), level(range(255, -1, -1))
    return contrast(to_hex((dark / 255,) * 3), to_hex((light / 255,) * 3)) >= 3.0


def logo_files(source: LogoSource, backgrounds: tuple[str, str]) -> LogoFiles:
    """Every file of the logo, and whether it needs a plate on the (light, dark) background: a
    transparent logo whose ink has less than 3:1 there (a dark wordmark in dark mode)."""
    header = fitted(source.aspect, HEADER_LOGO_HEIGHT, HEADER_LOGO_MAX_WIDTH)
    email = fitted(source.aspect, EMAIL_LOGO_HEIGHT, EMAIL_LOGO_MAX_WIDTH)
    files = {name: png_bytes(square_icon(source, size, background)) for name, size, background in ICONS}
    files["logo-email.png"] = png_bytes(raster(source, email[0] * 2))
    if source.kind == "svg":
        header_name = "logo.svg"
        files[header_name] = source.path.read_bytes()
    else:
        header_name = "logo.png"
        files[header_name] = png_bytes(raster(source, min(round(source.width), header[0] * 2)))
    colour = ink(raster(source, header[0] * 2))
    plate = tuple(colour is not None and contrast(colour, ground) < 3.0 for ground in backgrounds)
    return LogoFiles(files, header_name, header, plate)


def cached_logo_files(source: LogoSource, backgrounds: tuple[str, str], cache: Path | None) -> LogoFiles:
    """logo_files, kept in `cache` by the logo's bytes (and everything else that changes the drawing):
    the preview rebuilds on every save, and drawing the icons takes some 50 ms each time."""
    if cache is None:
        return logo_files(source, backgrounds)
    from PIL import __version__ as pillow

    key = hashlib.sha256(b"|".join([source.path.read_bytes(), source.kind.encode(), "|".join(backgrounds).encode(),
                                    DRAWING_VERSION.encode(), pillow.encode(), _resvg_version().encode()])).hexdigest()
    folder = cache / key[:24]
    try:
        meta = json.loads((folder / "logo.json").read_text(encoding="utf-8"))
        files = {name: (folder / name).read_bytes() for name in meta["files"]}
        return LogoFiles(files, meta["header_name"], tuple(meta["header_size"]), tuple(meta["plate"]))
    except (OSError, ValueError, KeyError):
        pass
    made = logo_files(source, backgrounds)
    cache.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=".logo-", dir=cache))
    for name, data in made.files.items():
        (partial / name).write_bytes(data)
    (partial / "logo.json").write_text(json.dumps({"files": sorted(made.files), "header_name": made.header_name,
                                                   "header_size": made.header_size, "plate": made.plate}))
    try:
        os.replace(partial, folder)  # whole or absent; a folder another build made first is as good
    except OSError:
        import shutil

        shutil.rmtree(partial, ignore_errors=True)
    return made


def _resvg_version() -> str:
    try:
        import resvg_py

        return str(resvg_py.__version__)
    except ImportError:
        return ""
