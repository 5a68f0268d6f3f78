"""The cards' view of the site config: the brand (name, logo, accent colour), the cache folder and
how long it keeps cards no build uses."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .cards import accent_or_default

# The brand settings (the brand plugin's, docs/brand.md). Without them the cards show the site name
# and the theme's accent colour.
LOGO_SETTING, ACCENT_SETTING = "SITE_LOGO", "ACCENT_COLOR"
DRAWABLE_LOGO = (".svg", ".png", ".jpg", ".jpeg", ".webp")


@dataclass(frozen=True)
class CardOptions:
    site_name: str
    tagline: str
    accent: str  # "#rrggbb"
    logo: str | None  # absolute path of a raster logo, or None (the site name is drawn instead)
    content_path: str
    cache: Path
    with_drafts: bool
    index_save_as: str
    keep_days: int  # SOCIAL_CARDS_CACHE_KEEP_DAYS: days a card no build uses stays (store.prune_cache)


def read_options(config) -> CardOptions:
    cache = config["SOCIAL_CARDS_CACHE_PATH"] or os.path.join(config["CACHE_PATH"], "socialcards")
    return CardOptions(
        site_name=str(config["SITENAME"]),
        tagline=str(config["SITE_TAGLINE"] or ""),
        accent=accent_or_default(_value(config, ACCENT_SETTING)),
        logo=_logo_file(_value(config, LOGO_SETTING), config["PATH"], config["THEME"]),
        content_path=str(config["PATH"]),
        cache=Path(cache).resolve(),
        with_drafts=bool(config.pelican.get("WRITE_DRAFTS")),
        index_save_as=str(config.pelican.get("INDEX_SAVE_AS") or "index.html"),
        keep_days=config["SOCIAL_CARDS_CACHE_KEEP_DAYS"],  # the schema's: a whole number from 0
    )


def _value(config, name: str):
    if name in config.values:
        return config.values[name]
    return config.pelican.get(name)


def _logo_file(value, content_path: str, theme: str) -> str | None:
    """The logo's file, where the brand looks for it: content/<SITE_LOGO>, else the theme's
    static/<SITE_LOGO>. A logo that is not there was reported at SITE_LOGO: the site name is drawn."""
    if not isinstance(value, str) or not value.strip().lower().endswith(DRAWABLE_LOGO):
        return None
    for base in (content_path, os.path.join(str(theme), "static")):
        path = os.path.join(str(base), value.strip().lstrip("/"))
        if os.path.isfile(path):
            return os.path.abspath(path)
    return None
