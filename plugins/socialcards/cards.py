"""What a card shows, as plain values, and the key that names it.

A card is either the post's own picture, fitted to 1200×630, or drawn: title, a small line above it
(series, category, role), the people with their avatars, and the brand (logo or site name, accent
colour). The key is a hash of everything that changes the bytes of the card, so a card is drawn
once for its inputs, and its file name (the key) changes when it does: networks that keep a copy
of a shared picture (LinkedIn, XING) see a new address, not a stale picture.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

WIDTH, HEIGHT = 1200, 630
DEFAULT_ACCENT = "#0b5cad"  # the theme's --accent (theme/static/css/site.css)
MAX_PEOPLE_SHOWN = 5  # avatars on one card; the names say how many more
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".webp")


@dataclass(frozen=True)
class SourceFile:
    """A file a card is made from: where it is, and a hash of its bytes (for the key)."""

    path: str
    digest: str


@dataclass(frozen=True)
class Person:
    name: str
    avatar: SourceFile | None = None


@dataclass(frozen=True)
class Brand:
    site_name: str
    accent: str = DEFAULT_ACCENT
    logo: SourceFile | None = None


@dataclass(frozen=True)
class CardSpec:
    """One card. `picture` set: the post's own image, fitted; otherwise drawn from the rest."""

    title: str
    brand: Brand
    kicker: str = ""
    people: tuple = ()  # Person, in the order shown (at most MAX_PEOPLE_SHOWN are drawn)
    names: str = ""  # the people as one line of text, "Jana Beispiel und Tom Muster"
    alt: str = ""
    picture: SourceFile | None = None
    picture_alt: str = ""

    @property
    def suffix(self) -> str:
        """Photos (JPEG, WebP) stay JPEG; drawn cards and PNG/GIF pictures (drawings, screenshots) are PNG."""
        if self.picture and self.picture.path.lower().endswith(PHOTO_SUFFIXES):
            return ".jpg"
        return ".png"

    def key(self, engine: str) -> str:
        """A hash of what decides the card's bytes; `engine` names the drawing code's own inputs
        (the code itself, fonts, Pillow and its text layout), see painter.engine_id."""
        if self.picture:
            inputs = {"picture": self.picture.digest}
        else:
            logo = self.brand.logo
            inputs = {"title": self.title, "kicker": self.kicker, "names": self.names,
                      "people": [[p.name, p.avatar.digest if p.avatar else None] for p in self.people[:MAX_PEOPLE_SHOWN]],
                      "brand": [self.brand.site_name, self.brand.accent, logo.digest if logo else None]}
        text = json.dumps([engine, inputs], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Card:
    """A card as a page's <meta> tags need it; `url` is relative to the site root."""

    url: str
    width: int = WIDTH
    height: int = HEIGHT
    alt: str = ""
    type: str = "image/png"


@dataclass
class CardPlan:
    """The cards of one build: spec by file name, and the card of each page (by its output file)."""

    folder: str  # output folder of the cards, e.g. "karten/"
    specs: dict = field(default_factory=dict)  # file name -> CardSpec
    pages: dict = field(default_factory=dict)  # output file of a page -> Card
    site: Card | None = None  # the home page's card: every page without its own shows it

    def add(self, spec: CardSpec, engine: str) -> Card:
        name = spec.key(engine) + spec.suffix
        self.specs.setdefault(name, spec)
        alt = spec.picture_alt if spec.picture else spec.alt
        return Card(self.folder + name, alt=alt, type="image/jpeg" if spec.suffix == ".jpg" else "image/png")


def names_line(names: list[str], and_word: str, more: str) -> str:
    """'Jana', 'Jana und Tom', 'Jana, Tom und Ole'; beyond MAX_PEOPLE_SHOWN: '…, Eva und 3 weitere'
    (`more` is the phrase for the rest, already counted)."""
    if len(names) > MAX_PEOPLE_SHOWN:
        return ", ".join(names[:MAX_PEOPLE_SHOWN]) + f" {and_word} {more}"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {and_word} {names[-1]}"


def accent_or_default(value) -> str:
    """The accent colour as #rrggbb; anything else (no setting, another form) is the theme's."""
    return value.lower() if isinstance(value, str) and HEX_COLOUR.match(value) else DEFAULT_ACCENT
