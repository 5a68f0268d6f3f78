"""The brand as the templates see it (`brand` in every template) and the files it needs.

Made once per build from the checked settings: problems (a missing logo, a font that is not
installed) are returned, and the brand goes on without that part, so the rest of the build still
reports its own problems.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from shared.brand import LogoError, brand_dir, find_logo
from shared.config import where
from shared.problems import ContentProblem

from .fonts import Font, FontError, load_font
from .logo import LogoFiles, cached_logo_files
from .palette import DARK, LIGHT, brand_css

SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


@dataclass(frozen=True)
class BrandView:
    logo: dict | None = None  # url, width, height, plate ("", "plate-light", "plate-dark" or both)
    icons: tuple = ()  # {rel, href, sizes, type}: output-relative hrefs
    footer_line: str = ""
    colours: str = ""  # the palette's CSS; "" when ACCENT_COLOR is not set (site.css has the defaults)
    font: Font | None = None
    font_dir: str = ""  # output-relative folder of the font files
    files: dict = field(default_factory=dict, repr=False)  # output-relative path -> bytes or a source Path

    @property
    def preload(self) -> str | None:
        """The regular Latin face: the one every page needs first."""
        return f"{self.font_dir}/{self.font.faces[0].file_name}" if self.font else None

    def style(self, site_url: str) -> Markup:
        """The <style> element's text for a page whose SITEURL is `site_url` (font URLs need it)."""
        css = self.colours
        if self.font:
            css += "".join(face.css(f"{site_url}/{self.font_dir}/{face.file_name}") for face in self.font.faces)
            css += f":root{{--font:{self.font.stack(SYSTEM_FONTS)}}}"
        return Markup(css)  # made here from checked values only (colours, the font's checked CSS values)


def project_root(settings) -> Path:
    """Where package.json and node_modules are: the settings file's folder, or the nearest one above it
    that has a package.json (settings kept in a subfolder, like the tests' tests/fixtures/settings/)."""
    given = settings.get("SETTINGS_FILE")
    if not given:
        return Path(os.getcwd())
    folder = Path(given).resolve().parent
    return next((above for above in (folder, *folder.parents) if (above / "package.json").is_file()), folder)


def make_brand(settings, config) -> tuple[BrandView, list[ContentProblem]]:
    problems = []
    folder = brand_dir(settings)
    files, icons, logo = {}, (), None
    try:
        source = find_logo(settings, config["SITE_LOGO"])
        cache = Path(str(settings["CACHE_PATH"])) / "brand" if settings.get("CACHE_PATH") else None
        made: LogoFiles | None = cached_logo_files(source, (LIGHT["bg"], DARK["bg"]), cache) if source else None
    except LogoError as error:
        problems.append(ContentProblem(*where(settings, "SITE_LOGO"), error.message, error.hint))
        made = None
    if made is not None:
        files.update({f"{folder}/{name}": data for name, data in made.files.items()})
        plates = " ".join(name for name, needed in zip(("plate-light", "plate-dark"), made.plate) if needed)
        logo = {"url": f"{folder}/{made.header_name}", "width": made.header_size[0], "height": made.header_size[1],
                "plate": plates}
        icons = ({"rel": "icon", "href": f"{folder}/favicon-32.png", "sizes": "32x32", "type": "image/png"},
                 {"rel": "icon", "href": f"{folder}/icon-192.png", "sizes": "192x192", "type": "image/png"},
                 {"rel": "apple-touch-icon", "href": f"{folder}/apple-touch-icon.png", "sizes": "180x180",
                  "type": "image/png"})
    font, font_dir = None, ""
    if config["SITE_FONT"]:
        try:
            font = load_font(project_root(settings), config["SITE_FONT"])
        except FontError as error:
            problems.append(ContentProblem(*where(settings, "SITE_FONT"), error.message, error.hint))
    if font is not None:
        font_dir = str(settings.get("THEME_STATIC_DIR", "theme")).strip("/") + f"/fonts/{font.slug}"
        files.update({f"{font_dir}/{face.file_name}": font.folder / "files" / face.file_name for face in font.faces})
        if font.license_file is not None:
            files[f"{font_dir}/LICENSE.txt"] = font.license_file
    colours = brand_css(config["ACCENT_COLOR"])[0] if config["ACCENT_COLOR"] else ""
    view = BrandView(logo=logo, icons=icons, footer_line=config["FOOTER_LINE"], colours=colours,
                     font=font, font_dir=font_dir, files=files)
    return view, problems
