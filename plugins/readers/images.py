"""Every <img> of the written pages gets width and height; a picture the build re-encoded
(readers.pictureshop) also gets a srcset of its smaller copies and, when a modern format is smaller,
a <picture> with WebP/AVIF <source>s around it; images after the first one of a page load lazily.

This runs over the pages the build wrote once they and the static files are all written, so it
covers every template (avatars, header images, body images) without each one knowing about sizes.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote

from .pictures import MIME_TYPES
from .pictureshop import Picture, picture_file

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
PICTURE_ELEMENT = re.compile(r"<picture\b.*?</picture\s*>", re.IGNORECASE | re.DOTALL)
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")
# The article column is 46rem wide (theme/static/css/site.css .wrap) minus its padding.
SIZES = "(max-width: 46rem) calc(100vw - 2rem), 44rem"


def attributes(tag: str) -> dict:
    """Attribute names (lower case) of one <img ...> tag and their unquoted values."""
    inner = tag[4:].rstrip(">").rstrip("/")
    found = {}
    for name, value in ATTRIBUTE.findall(inner):
        found.setdefault(name.lower(), value[1:-1] if value[:1] in "\"'" else value)
    return found


def output_path_of(src: str, page: str, site_url: str) -> str | None:
    """The output-relative file an <img src> points to, or None when it is not one of ours."""
    src = unquote(unescape(src).split("#", 1)[0].split("?", 1)[0])
    if site_url and src.startswith(site_url + "/"):
        target = src[len(site_url) + 1:]
    elif re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.IGNORECASE) or not src:
        return None
    elif src.startswith("/"):
        target = src.lstrip("/")
    else:
        target = posixpath.join(posixpath.dirname(page), src)
    target = posixpath.normpath(target)
    return None if target.startswith("..") or target == "." else target


def variant_name(path: str, width: int) -> str:
    """'images/2026/bild.png' -> 'images/2026/bild-480w.png' (also for URLs)."""
    return picture_file(path, width)


def copy_url(src: str, width: int | None = None, kind: str | None = None) -> str:
    """The address of one copy, written like `src` (relative or absolute, a query kept at the end)."""
    split = min((src.find(mark) for mark in "?#" if mark in src), default=len(src))
    return picture_file(src[:split], width, kind) + src[split:]


@dataclass
class ImageShop:
    """What the page pass knows about the images of one build (no state between builds)."""

    output: Path
    pictures: dict = field(default_factory=dict)  # output-relative path -> Picture the build re-encoded
    sizes: dict = field(default_factory=dict)  # of other images (theme files, GIFs), read once
    tags: dict = field(default_factory=dict)  # finished tags: a card's picture is on ~9 pages, written alike

    def picture(self, relative: str) -> Picture | None:
        return self.pictures.get(relative)

    def size(self, relative: str) -> tuple[int, int] | None:
        picture = self.pictures.get(relative)
        if picture is not None:
            return picture.size
        if relative not in self.sizes:
            self.sizes[relative] = _pixel_size(self.output / relative)
        return self.sizes[relative]


def _pixel_size(path: Path):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None


def srcset(src: str, picture: Picture, kind: str | None = None) -> str:
    """Every width of the picture in one format (the fallback when `kind` is None), the largest last."""
    candidates = [f"{copy_url(src, width, kind)} {width}w" for width in picture.widths]
    return ", ".join([*candidates, f"{copy_url(src, None, kind)} {picture.size[0]}w"])


def _source_set(src: str, picture: Picture, kind: str) -> str:
    return srcset(src, picture, kind) if picture.widths else copy_url(src, None, kind)


def _dimensions(found: dict, size: tuple, picture: Picture | None) -> dict:
    """width and height to set: the file's when missing; a template that copied the source's size
    (before the cap and the orientation) gets the published one."""
    width, height = (_whole(found.get(name)) for name in ("width", "height"))
    if "width" not in found and "height" not in found:
        return {"width": size[0], "height": size[1]}
    if width and height:
        if picture is not None and (width, height) in picture.stated_sizes() and (width, height) != size:
            return {"width": size[0], "height": size[1]}
        return {}
    if width and "height" not in found:
        return {"height": max(1, round(width * size[1] / size[0]))}
    if height and "width" not in found:
        return {"width": max(1, round(height * size[0] / size[1]))}
    return {}


def _whole(value) -> int | None:
    return int(value) if value is not None and value.strip().isdigit() else None


def with_attributes(tag: str, changes: dict) -> str:
    """The tag with each attribute in `changes` set: replaced where it is, else added at the end.
    Attributes are read as tokens, so a word inside another attribute's value is never touched."""
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    pieces, last, done = [], 0, set()
    for match in ATTRIBUTE.finditer(tag, 4, end):
        name = match.group(1).lower()
        if name in changes and name not in done:
            pieces += [tag[last:match.start()], _attribute(name, changes[name])]
            last = match.end()
            done.add(name)
    head = "".join(pieces) + tag[last:end]
    added = "".join(" " + _attribute(name, value) for name, value in changes.items() if name not in done)
    return head.rstrip() + added + (" " if head != head.rstrip() and tag.endswith("/>") else "") + tag[end:]


def _attribute(name: str, value) -> str:
    return f'{name}="{_quoted(value)}"'


def _quoted(value) -> str:
    """A value that is already HTML text (taken from the page), safe inside double quotes."""
    return str(value).replace('"', "&quot;")


def sized_tag(tag: str, page: str, shop: ImageShop, site_url: str, first: bool, in_picture: bool = False) -> str:
    """The <img> tag with width, height, srcset/sizes and loading added where missing, and a picture the
    build re-encoded in a <picture> with its modern formats (not in email: see plugin.py)."""
    found = attributes(tag)
    relative = output_path_of(found.get("src", ""), page, site_url)
    picture = shop.picture(relative) if relative else None
    sized_already = "width" in found and "height" in found
    size = shop.size(relative) if relative and (picture is not None or not sized_already) else None
    changes = _dimensions(found, size, picture) if size else {}
    ours = picture is not None and "srcset" not in found
    if ours and picture.widths:
        changes["srcset"] = srcset(found["src"], picture)  # already HTML text, like src
        if "sizes" not in found:
            changes["sizes"] = SIZES
    if not first and "loading" not in found:
        changes["loading"] = "lazy"
    sized = with_attributes(tag, changes) if changes else tag
    if not ours or not picture.formats or in_picture:
        return sized
    sizes = f' sizes="{_quoted(found.get("sizes") or SIZES)}"' if picture.widths else ""
    sources = "".join(f'<source type="{MIME_TYPES[kind]}" srcset="{_quoted(_source_set(found["src"], picture, kind))}"'
                      f'{sizes}>' for kind in picture.formats)
    return f"<picture>{sources}{sized}</picture>"


def size_images(html: str, page: str, shop: ImageShop, site_url: str) -> str:
    """Every <img> of one page; the first one of the page is above the fold and loads at once."""
    pictures = [match.span() for match in PICTURE_ELEMENT.finditer(html)] if "<picture" in html else []
    folder = posixpath.dirname(page)
    pieces, last = [], 0
    for count, match in enumerate(IMG_TAG.finditer(html), start=1):
        tag = match.group(0)
        inside = any(start < match.start() < end for start, end in pictures)
        # the same tag makes the same result wherever its address does not depend on the page
        key = (tag, count == 1, inside, None if site_url and f"{site_url}/" in tag else folder)
        if key not in shop.tags:
            shop.tags[key] = sized_tag(tag, page, shop, site_url, first=count == 1, in_picture=inside)
        if shop.tags[key] != tag:
            pieces += [html[last:match.start()], shop.tags[key]]
            last = match.end()
    return "".join(pieces) + html[last:] if pieces else html


def size_site_images(shop: ImageShop, site_url: str, pages, skip=lambda relative: False) -> int:
    """Give the images of `pages` (HTML files in the output that have an <img>) their sizes;
    returns how many pages changed."""
    changed = 0
    output = os.path.join(str(shop.output), "")
    for path in sorted(set(map(str, pages))):  # plain strings: ~1,700 pages, no Path objects
        inside = path[len(output):] if path.startswith(output) else str(Path(path).relative_to(shop.output))
        relative = inside.replace(os.sep, "/")
        if skip(relative):
            continue
        with open(path, encoding="utf-8") as handle:
            html = handle.read()
        sized = size_images(html, relative, shop, site_url)
        if sized != html:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(sized)
            changed += 1
    return changed
