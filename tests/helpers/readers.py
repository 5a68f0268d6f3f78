"""A small blog for the reader-aid tests: a series of two tips, shared topics, images, one long post."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from helpers.series import MITTWOCHSTIPP
from helpers.site import DEFAULT_BUILD_TIME, MINIMAL_SITE, site_settings, write_files
from tools.build import build

LONG_POST_WORDS = 401  # 401 / 200 words a minute, rounded up: 3 minutes


def png(width: int, height: int, colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def post(title, date, author="jana-beispiel", tags="[sprache]", extra="", body="Ein Absatz Text."):
    return (f'---\ntitle: "{title}"\ndate: {date}\nauthor: {author}\ntags: {tags}\ncategory: Arbeitskultur\n'
            f'summary: "Worum es in {title} geht."\n{extra}---\n{body}\n')


READERS_SITE = {
    **MINIMAL_SITE,
    "series/mittwochstipp.yml": MITTWOCHSTIPP,
    "images/2026/bild.png": png(1200, 600, "teal"),
    "images/2026/klein.png": png(300, 200, "navy"),
    "articles/tipp-eins.md": post("Tipp eins", "2026-11-04 09:30", extra="series: mittwochstipp\n"),
    "articles/tipp-zwei.md": post("Tipp zwei", "2026-11-11 09:30", extra="series: mittwochstipp\n"),
    "articles/langer-beitrag.md": post(
        "Ein langer Beitrag über Schattenbretter", "2026-11-12 10:00", author="tom-muster",
        tags="[sprache, schreiben]",
        extra='image: images/2026/bild.png\nimage_alt: "Eine türkise Fläche"\n',
        body=" ".join(["Werkbank"] * (LONG_POST_WORDS - 1)) + " Ende.\n\n"
             "![Eine blaue Fläche]({static}/images/2026/klein.png)\n\n"
             "![Noch einmal türkis]({static}/images/2026/bild.png)"),
    "articles/kurz.md": post("Kurz notiert", "2026-11-13 10:00", tags="[schreiben]"),
    "articles/fremd.md": post("Ganz woanders", "2026-11-16 10:00", author="tom-muster", tags="[anderes]"),
}


def build_readers_site(base: Path, settings_file: str = "pelicanconf.py", overrides: dict | None = None,
                       cache: Path | None = None, search_index: bool = False) -> Path:
    """Build READERS_SITE into base/output (cache in base/cache unless given); returns the output."""
    write_files(base / "content", READERS_SITE)
    settings = site_settings(base, settings_file, {**({"CACHE_PATH": str(cache)} if cache else {}),
                                                   **(overrides or {})})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_BUILD_TIME)
        result = build(settings, search_index=search_index)
    assert result.exit_code(strict=True) == 0, result.summary()
    return base / "output"
