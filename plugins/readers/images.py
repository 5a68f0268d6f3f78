"""Every <img> of the written pages gets width and height from its file; content images get a
srcset of smaller copies (made once with Pillow, kept in a cache between builds); images after the
first one of a page load lazily.

This runs over the output once all pages and static files are written, so it covers every
template (avatars, header images, body images) without each one having to know about sizes.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

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
    src = src.split("#", 1)[0].split("?", 1)[0]
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
        """Widths of the copies written next to the image (made now or taken from the cache)."""
        if relative in self.made:
            return self.made[relative]
        size = self.size(relative)
        widths = []
        if size and relative.lower().endswith(RESIZABLE):
            widths = sorted(w for w in set(self.widths) if w < size[0])
            for width in widths:
                self._copy(relative, width, size)
        self.made[relative] = widths
        return widths

    def _copy(self, relative: str, width: int, size: tuple[int, int]) -> None:
        source = self.output / relative
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:20]
        cached = self.cache / f"{digest}-{width}w{source.suffix.lower()}"
        if not cached.exists():
            self.cache.mkdir(parents=True, exist_ok=True)
            _resize(source, cached, width, round(size[1] * width / size[0]))
        shutil.copyfile(cached, self.output / variant_name(relative, width))


def _pixel_size(path: Path):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None


def _resize(source: Path, target: Path, width: int, height: int) -> None:
    from PIL import Image

    with Image.open(source) as image:
        smaller = image.resize((width, max(1, height)), Image.Resampling.LANCZOS)
        options = {"quality": 82, "optimize": True} if image.format in ("JPEG", "WEBP") else {"optimize": True}
        partial = target.with_suffix(target.suffix + ".part")
        smaller.save(partial, format=image.format, **options)
        partial.replace(target)  # a cache entry is whole or absent


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


def size_site_images(shop: ImageShop, site_url: str, skip=lambda relative: False) -> int:
    """Rewrite the pages of the output that have images; returns how many pages changed."""
    changed = 0
    for path in sorted(shop.output.rglob("*.html")):
        relative = path.relative_to(shop.output).as_posix()
        if skip(relative):
            continue
        html = path.read_text(encoding="utf-8")
        if "<img" not in html:
            continue
        sized = size_images(html, relative, shop, site_url)
        if sized != html:
            path.write_text(sized, encoding="utf-8")
            changed += 1
    return changed
