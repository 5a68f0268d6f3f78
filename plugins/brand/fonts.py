"""SITE_FONT: a Fontsource package from node_modules, served by the site itself (no font CDN).

Fontsource (fontsource.org) packages every open-licence Google font and many more as npm packages,
one per family, versioned and pinned in package-lock.json like any other dependency. We read its
metadata.json and its CSS, keep the Latin subsets (latin, latin-ext: German, Polish, Turkish names)
of the regular and bold weights, upright and italic, and copy only their woff2 files. The browser
downloads a subset only when a page uses a character of it (unicode-range).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from shared.messages import t

SUBSETS = ("latin", "latin-ext")
WEIGHTS = (400, 700)  # body text and headings
FACE = re.compile(r"@font-face\s*{([^}]*)}")
PROPERTY = re.compile(r"([a-z-]+)\s*:\s*([^;]+);?")
WOFF2 = re.compile(r"url\(\s*['\"]?\./files/([^'\")]+\.woff2)['\"]?\s*\)")
SAFE_VALUE = re.compile(r"[^;{}<>\\]*")  # what may pass from a package's CSS into ours


class FontError(ValueError):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class FontFace:
    family: str  # as the package names it, e.g. Atkinson Hyperlegible
    style: str  # normal | italic
    weight: str  # "400", or "100 900" for a variable font
    unicode_range: str
    file_name: str  # the woff2 file, copied into the font's folder

    def css(self, url: str) -> str:
        return (f"@font-face{{font-family:\"{self.family}\";font-style:{self.style};font-weight:{self.weight};"
                f"font-display:swap;src:url({url}) format(\"woff2\");unicode-range:{self.unicode_range}}}")


@dataclass(frozen=True)
class Font:
    package: str  # "@fontsource/atkinson-hyperlegible"
    folder: Path  # the package in node_modules
    family: str
    category: str  # sans-serif, serif, ... (the fallback after our system stack)
    faces: tuple  # FontFace, latin first
    license_file: Path | None

    @property
    def slug(self) -> str:
        return self.package.rsplit("/", 1)[-1]

    def stack(self, system: str) -> str:
        return f"\"{self.family}\", {system}"


def package_folder(project_root: Path, package: str) -> Path:
    return project_root / "node_modules" / package


def load_font(project_root: Path, package: str) -> Font:
    """The font's faces from its installed package; FontError names what is missing and the fix."""
    folder = package_folder(project_root, package)
    metadata_file = folder / "metadata.json"
    if not metadata_file.is_file():
        raise FontError(t("{setting} is not installed (no {file})", setting=f"SITE_FONT = {package!r}",
                          file=f"{_shown(folder, project_root)}/metadata.json"),
                        t("run: {command}  and commit package.json and package-lock.json "
                          "(make check installs node_modules from them)", command=f"npm install --save-exact {package}"))
    try:
        metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
        family = str(metadata["family"])
    except (ValueError, KeyError, TypeError):
        raise FontError(t("{setting}: {file} is not Fontsource metadata", setting=f"SITE_FONT = {package!r}",
                          file=_shown(metadata_file, project_root)),
                        t("reinstall the package: {command}", command="npm ci")) from None
    if not SAFE_VALUE.fullmatch(family) or '"' in family:
        raise FontError(t("{setting}: the family name {family} cannot be used in CSS",
                          setting=f"SITE_FONT = {package!r}", family=repr(family)), t("pick another font"))
    font_id = str(metadata.get("id") or folder.name)
    faces = []
    for css_file in _css_files(folder, metadata):
        faces += _faces(css_file.read_text(encoding="utf-8"), family, folder, font_id)
    if not faces:
        raise FontError(t("{setting} has no Latin woff2 files", setting=f"SITE_FONT = {package!r}"),
                        t("pick a font with Latin letters (fontsource.org lists the subsets of each font)"))
    faces.sort(key=lambda face: (face.style != "normal", face.weight, SUBSETS.index(_subset(face.file_name, font_id))))
    license_file = next((folder / name for name in ("LICENSE", "LICENSE.txt", "LICENSE.md") if (folder / name).is_file()), None)
    return Font(package, folder, family, str(metadata.get("category") or "sans-serif"), tuple(faces), license_file)


def _css_files(folder: Path, metadata: dict) -> list[Path]:
    """The package's CSS of our weights: 400.css, 700.css, 400-italic.css, … (static fonts) or
    index.css and wght-italic.css (variable fonts, one file for every weight)."""
    if metadata.get("variable"):
        names = ["index.css", "wght-italic.css"]
    else:
        available = sorted(int(w) for w in metadata.get("weights", []) if str(w).isdigit())
        chosen = sorted({min(available, key=lambda w: (abs(w - wanted), w)) for wanted in WEIGHTS}) if available else []
        names = [f"{weight}{suffix}.css" for weight in chosen for suffix in ("", "-italic")]
    return [folder / name for name in names if (folder / name).is_file()]


def _faces(css: str, family: str, folder: Path, font_id: str) -> list[FontFace]:
    faces = []
    for block in FACE.findall(css):
        values = {name.strip(): value.strip() for name, value in PROPERTY.findall(block)}
        source = WOFF2.search(values.get("src", ""))
        if not source or _subset(source.group(1), font_id) not in SUBSETS or not (folder / "files" / source.group(1)).is_file():
            continue
        style, weight, unicode_range = (values.get(key, default) for key, default in
                                        (("font-style", "normal"), ("font-weight", "400"), ("unicode-range", "U+0000-00FF")))
        if not all(SAFE_VALUE.fullmatch(value) for value in (style, weight, unicode_range)):
            continue
        faces.append(FontFace(family, style, weight, unicode_range, source.group(1)))
    return faces


def _subset(file_name: str, font_id: str) -> str:
    """'atkinson-hyperlegible-latin-ext-400-normal.woff2' -> 'latin-ext' (files are <id>-<subset>-<weight>-<style>)."""
    if not file_name.startswith(font_id + "-"):
        return ""
    found = re.fullmatch(r"([a-z0-9-]+?)-(?:\d+|wght|standard|full)-(?:normal|italic)\.woff2", file_name[len(font_id) + 1:])
    return found.group(1) if found else ""


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
