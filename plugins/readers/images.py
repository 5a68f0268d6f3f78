"""Every <img> of the written pages gets width and height from its file; content images get a
srcset of smaller copies (made once with Pillow, kept in a cache between builds); images after the
first one of a page load lazily.

This runs over the pages the build wrote once they and the static files are all written, so it
covers every template (avatars, header images, body images) without each one knowing about sizes.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")
RESIZABLE = (".png", ".jpg", ".jpeg", ".webp")
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
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}-{width}w.{suffix}"


@dataclass
class ImageShop:
    """Sizes and smaller copies of the images of one build (one per build: no state between builds)."""

    output: Path
    cache: Path
    widths: tuple = (480, 800)
    sizes: dict = field(default_factory=dict)
    made: dict = field(default_factory=dict)

    def size(self, relative: str) -> tuple[int, int] | None:
        if relative not in self.sizes:
            self.sizes[relative] = _pixel_size(self.output / relative)
        return self.sizes[relative]

    def smaller_copies(self, relative: str) -> list[int]:
        """Widths of the copies written next to the image (made now or taken from the cache).

        A copy that would not be smaller in bytes than the image itself is left out: a flat
        drawing can be smaller at full size than a blurred, resized copy."""
        if relative in self.made:
            return self.made[relative]
        size = self.size(relative)
        widths = []
        if size and relative.lower().endswith(RESIZABLE):
            source = self.output / relative
            wanted = sorted(w for w in set(self.widths) if w < size[0])
            cached = self._cached(source, wanted, size)
            for width, copy in cached.items():
                if copy is not None:
                    shutil.copyfile(copy, self.output / variant_name(relative, width))
                    widths.append(width)
        self.made[relative] = widths
        return widths

    def _cached(self, source: Path, widths: list[int], size: tuple[int, int]) -> dict:
        """width -> cached copy (None: not worth it), making what the cache lacks in one go."""
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:20]
        paths = {w: self.cache / f"{digest}-{w}w{source.suffix.lower()}" for w in widths}
        missing = [w for w in widths if not paths[w].exists() and not paths[w].with_suffix(".skip").exists()]
        if missing:
            self.cache.mkdir(parents=True, exist_ok=True)
            for width, copy in _resized(source, missing, size).items():
                if len(copy) < len(data):
                    _write_whole(paths[width], copy)
                else:
                    _write_whole(paths[width].with_suffix(".skip"), b"")
        return {w: (paths[w] if paths[w].exists() else None) for w in widths}


def _pixel_size(path: Path):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None


def _resized(source: Path, widths: list[int], size: tuple[int, int]) -> dict[int, bytes]:
    """The image at each width, encoded like the original (PNG, JPEG or WebP)."""
    import io

    from PIL import Image

    copies = {}
    with Image.open(source) as image:
        image.load()
        kind = image.format
        if image.mode == "P":
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        # A drawing of a few flat colours keeps exactly those colours (no blurred in-between shades,
        # which would make the copy larger than the drawing).
        colours = image.getcolors(256) if image.mode in ("RGB", "L") else None
        palette = image.quantize(colors=len(colours), method=Image.Quantize.MEDIANCUT) if colours else None
        for width in widths:
            smaller = image.resize((width, max(1, round(size[1] * width / size[0]))), Image.Resampling.LANCZOS)
            if palette is not None:
                smaller = smaller.quantize(palette=palette, dither=Image.Dither.NONE)
            buffer = io.BytesIO()
            options = {"quality": 82} if kind in ("JPEG", "WEBP") else {}
            smaller.save(buffer, format=kind, **options)
            copies[width] = buffer.getvalue()
    return copies


def _write_whole(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    partial.replace(path)  # a cache entry is whole or absent


def sized_tag(tag: str, page: str, shop: ImageShop, site_url: str, first: bool) -> str:
    """The <img> tag with width, height, srcset/sizes and loading added where missing."""
    found = attributes(tag)
    relative = output_path_of(found.get("src", ""), page, site_url)
    extra = []
    size = shop.size(relative) if relative else None
    if size and not ("width" in found and "height" in found):
        extra += [f'width="{size[0]}"', f'height="{size[1]}"']
    if size and "srcset" not in found:
        widths = shop.smaller_copies(relative)
        if widths:
            src = found["src"]
            candidates = [f"{variant_name(src, w)} {w}w" for w in widths] + [f"{src} {size[0]}w"]
            extra += [f'srcset="{", ".join(candidates)}"', f'sizes="{SIZES}"']
    if not first and "loading" not in found:
        extra.append('loading="lazy"')
    if not extra:
        return tag
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return tag[:end].rstrip() + " " + " ".join(extra) + tag[end:]


def size_images(html: str, page: str, shop: ImageShop, site_url: str) -> str:
    """Every <img> of one page; the first one of the page is above the fold and loads at once."""
    count = 0

    def replace(match):
        nonlocal count
        count += 1
        return sized_tag(match.group(0), page, shop, site_url, first=count == 1)

    return IMG_TAG.sub(replace, html)


def size_site_images(shop: ImageShop, site_url: str, pages, skip=lambda relative: False) -> int:
    """Give the images of `pages` (HTML files in the output that have an <img>) their sizes;
    returns how many pages changed."""
    changed = 0
    for path in sorted(set(map(Path, pages))):
        relative = path.relative_to(shop.output).as_posix()
        if skip(relative):
            continue
        html = path.read_text(encoding="utf-8")
        sized = size_images(html, relative, shop, site_url)
        if sized != html:
            path.write_text(sized, encoding="utf-8")
            changed += 1
    return changed
