"""The smaller copy of a card that listings show as a post's picture (home, archive, topics,
authors, roundups, Weiterlesen), made once from the cached card and cached beside it. A listing
shows a card at most about 380 CSS pixels wide, on a phone's full width as on a desktop's three
columns; the card is 1200 pixels. LISTING_WIDTH is the smallest width that still fills that on a
phone at 1.75 device pixels per CSS pixel (Lighthouse's phone: 378 × 1.75 = 662), as WebP 11 KB
against the card's 19 KB PNG. A page offers both (srcset), so a sharper screen takes the card.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

LISTING_WIDTH = 680
LISTING_VERSION = 1  # names the cache folder of the copies: raise it when listing_copy() changes (store.prune_cache
# empties the older folder once no build used its copies for SOCIAL_CARDS_CACHE_KEEP_DAYS)
WEBP_QUALITY = 80  # flat colours and large type: no visible loss at this size


@dataclass(frozen=True)
class ListingCopy:
    """A card's copy for listings, and the card as its larger alternative (URLs from the site root)."""

    url: str
    width: int
    height: int
    card: str
    card_width: int


def copy_name(card_name: str) -> str:
    """'<key>.png' -> '<key>-680w.webp' (the key keeps it with its card when old cards are removed)."""
    return f"{card_name.rsplit('.', 1)[0]}-{LISTING_WIDTH}w.webp"


def copies_folder(cache: Path) -> Path:
    return cache / f"listing-v{LISTING_VERSION}"


def listing_copy(card_file: str | Path) -> bytes:
    """The WebP copy of a card file, LISTING_WIDTH wide (no metadata: Pillow writes none unasked)."""
    from PIL import Image

    with Image.open(card_file) as card:
        picture = card.convert("RGB")
    small = picture.resize((LISTING_WIDTH, round(picture.height * LISTING_WIDTH / picture.width)),
                           Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "WEBP", quality=WEBP_QUALITY, method=2)
    return buffer.getvalue()
