"""Where the brand's files are and how big they are: the one rule the site and the newsletter share.

SITE_LOGO names an SVG or PNG in content/ (or the theme's static folder). The brand plugin writes
its copies into THEME_STATIC_DIR/brand/ (header logo, icons, the email's PNG); the newsletter links
the email PNG by the address and size `email_logo` gives, so both always agree.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from shared.messages import t

EMAIL_LOGO_HEIGHT = 40  # CSS pixels in the email header; the PNG has twice as many
EMAIL_LOGO_MAX_WIDTH = 240
HEADER_LOGO_HEIGHT = 40  # CSS pixels (2.5rem) in the site header
HEADER_LOGO_MAX_WIDTH = 200


class LogoError(ValueError):
    """The logo file cannot be used: what is wrong (message) and what to do (hint)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class LogoSource:
    path: Path  # the file on disk
    kind: str  # "svg" or "png"
    width: float  # intrinsic size (SVG: from viewBox, else width/height)
    height: float

    @property
    def aspect(self) -> float:
        return self.width / self.height


def brand_dir(settings) -> str:
    """Output-relative folder of the files the brand plugin writes."""
    return str(settings.get("THEME_STATIC_DIR", "theme")).strip("/") + "/brand"


def logo_candidates(settings, name: str) -> list[Path]:
    """Where SITE_LOGO may be: content/<name>, then the theme's static/<name>."""
    content = Path(str(settings.get("PATH") or "content"))
    theme = Path(str(settings.get("THEME") or "theme"))
    return [content / name, theme / "static" / name]


def find_logo(settings, name: str | None) -> LogoSource | None:
    """The logo named by SITE_LOGO, measured; None when none is set. Raises LogoError."""
    if not name:
        return None
    for candidate in logo_candidates(settings, name.strip().lstrip("/")):
        if candidate.is_file():
            kind = candidate.suffix.lower().lstrip(".")
            width, height = svg_size(candidate) if kind == "svg" else png_size(candidate)
            return LogoSource(candidate, kind, width, height)
    content, theme = (_shown(path) for path in logo_candidates(settings, name.strip().lstrip("/")))
    raise LogoError(t("SITE_LOGO = {value}: no such file (looked for {first} or {second})",
                      value=repr(name), first=content, second=theme),
                    t("put the SVG or PNG into content/images/ and write its path from content/, "
                      "e.g. SITE_LOGO = \"images/logo.svg\""))


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*")


def svg_size(path: Path) -> tuple[float, float]:
    """(width, height) of an SVG from its viewBox, else from width and height in pixels."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as error:
        raise LogoError(t("SITE_LOGO {path} is not a readable SVG: {error}", path=_shown(path), error=str(error)),
                        t("export the logo again as SVG (or use a PNG)")) from None
    if etree.QName(root).localname != "svg":
        raise LogoError(t("SITE_LOGO {path} is not an SVG (its root element is <{element}>)",
                          path=_shown(path), element=etree.QName(root).localname),
                        t("export the logo again as SVG (or use a PNG)"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            width = height = 0.0
        if width > 0 and height > 0:
            return width, height
    sizes = [_LENGTH.fullmatch(root.get(name) or "") for name in ("width", "height")]
    if all(sizes) and all(float(found.group(1)) > 0 for found in sizes):
        return float(sizes[0].group(1)), float(sizes[1].group(1))
    raise LogoError(t("SITE_LOGO {path} has no viewBox (nor width and height in pixels)", path=_shown(path)),
                    t('add viewBox="0 0 <width> <height>" to its <svg> element, so it can be scaled'))


def png_size(path: Path) -> tuple[float, float]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.format != "PNG":
                raise LogoError(t("SITE_LOGO {path} is a {format} file, not a PNG", path=_shown(path),
                                  format=image.format), t("save it as PNG (or SVG)"))
            return float(image.width), float(image.height)
    except (OSError, UnidentifiedImageError):
        raise LogoError(t("SITE_LOGO {path} is not a readable PNG", path=_shown(path)),
                        t("save it again as PNG (or SVG)")) from None


def fitted(aspect: float, height: int, max_width: int) -> tuple[int, int]:
    """Display size (CSS pixels) of a logo of this aspect at `height`, narrowed to `max_width`."""
    width = round(height * aspect)
    if width > max_width:
        width, height = max_width, max(1, round(max_width / aspect))
    return max(1, width), height


def email_logo(settings, name: str | None) -> tuple[str, int, int] | None:
    """(output-relative path, width, height) of the email's PNG of the logo, or None.

    A logo that cannot be read gives None here: the build reports it once, at SITE_LOGO."""
    try:
        source = find_logo(settings, name)
    except LogoError:
        return None
    if source is None:
        return None
    width, height = fitted(source.aspect, EMAIL_LOGO_HEIGHT, EMAIL_LOGO_MAX_WIDTH)
    return f"{brand_dir(settings)}/logo-email.png", width, height
