"""Draws a card with Pillow (1200×630 PNG) or fits a post's picture to it (JPEG, no metadata).

The same spec gives the same bytes: no time stamps or metadata are written, and the drawing only
reads the spec, the bundled fonts and the files the spec names by hash. One Painter per build
keeps the fonts and the measured text of that build.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from shared.messages import t

from .cards import HEIGHT, MAX_PEOPLE_SHOWN, WIDTH, CardSpec, Person
from .colours import mix, rgb, text_colour
from .fonts import EMOJI_SIZE, FontFiles, codepoints, emoji_sequences
from .pictures import (LOGO_BOX, circle_mask, fit_picture, jpeg, png, read_avatar, read_logo, rounded_mask,
                       svg_renderer)
from .text import VS16, Block, Glyphs, Line, fit, one_line, runs

log = logging.getLogger(__name__)
PAD = 72
AVATAR = 96
AVATAR_STEP = 70  # avatars overlap: each starts this far right of the one before
KICKER_SIZE = 32
NAMES_SIZE = 34
SITE_NAME_SIZE = 36
TITLE_SIZES = (72, 64, 58, 52, 48)
LINE_HEIGHT = 1.2
MAX_TITLE_LINES = 4
BELOW_BRAND = PAD + LOGO_BOX[1] + 28  # where the text under the logo starts


# The code that decides how a card looks: a change to any of these files changes every key.
DRAWING_CODE = tuple(Path(__file__).with_name(name)
                     for name in ("painter.py", "text.py", "cards.py", "fonts.py", "pictures.py", "colours.py"))


def engine_id(digest, fonts: FontFiles = FontFiles()) -> str:
    """Everything besides the spec that decides the bytes: the drawing code and the fonts (by
    `digest`, a file's hash), Pillow, its text layout and the SVG renderer."""
    files = [digest(path) or "" for path in (*DRAWING_CODE, *fonts.paths())]
    return "|".join([*files, f"pillow-{Image.__version__}", _layout_name(), svg_renderer()])


def _layout_name() -> str:
    return "raqm" if features.check("raqm") else "basic"


class Painter:
    """Draws cards; fonts and pictures are loaded on first use (a build with every card in the
    cache loads none)."""

    def __init__(self, fonts: FontFiles | None = None):
        self.files = fonts or FontFiles()
        self.layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
        self._glyphs: Glyphs | None = None
        self._sequences: dict | None = None  # sequence -> the private-use character of its picture
        self._fonts: dict = {}
        self._emoji: dict = {}
        self._pictures: dict = {}  # (what, ...) -> a picture made once per build: avatars, discs

    def make(self, spec: CardSpec) -> bytes:
        """The card's file: the post's picture fitted, or the card drawn (as the spec's suffix says)."""
        encode = jpeg if spec.suffix == ".jpg" else png
        if spec.picture:
            try:
                return encode(fit_picture(spec.picture.path), all_colours=True)
            except (OSError, ValueError) as error:  # a file named .png need not be one: draw instead
                log.warning("%s", t("social card: {file} cannot be read as a picture ({error}); the card is drawn "
                                    "instead", file=spec.picture.path, error=error))
        return encode(self.draw(spec))

    # --- fonts and measuring ---------------------------------------------------------------

    @property
    def glyphs(self) -> Glyphs:
        """The private-use characters of the emoji font's sequences are not for titles: left out."""
        if self._glyphs is None:
            private = {ord(char) for char in self.sequences.values()}
            self._glyphs = Glyphs(codepoints(self.files.text) & codepoints(self.files.title),
                                  codepoints(self.files.emoji) - private, frozenset(self.sequences))
        return self._glyphs

    @property
    def sequences(self) -> dict:
        """The emoji font's sequences: each with the private-use character of its picture."""
        if self._sequences is None:
            self._sequences = emoji_sequences(self.files.sequences)
        return self._sequences

    def _drawn(self, grapheme: str) -> str:
        """What the emoji font is given for an emoji: Raqm joins a sequence into its picture by
        the font's GSUB ligatures; the basic layout cannot, so a sequence is drawn by the
        private-use character the font maps to the same picture (no VS16: it has no glyph)."""
        if self.layout == ImageFont.Layout.RAQM:
            return grapheme
        bare = grapheme.replace(VS16, "")
        return self.sequences.get(bare, bare)

    def font(self, kind: str, size: int) -> ImageFont.FreeTypeFont:
        if (kind, size) not in self._fonts:
            path = {"title": self.files.title, "text": self.files.text, "emoji": self.files.emoji}[kind]
            self._fonts[kind, size] = ImageFont.truetype(str(path), size, layout_engine=self.layout)
        return self._fonts[kind, size]

    def emoji(self, grapheme: str, size: int) -> Image.Image:
        """One emoji as an RGBA picture about as tall as capital letters plus a bit."""
        if (grapheme, size) not in self._emoji:
            font = self.font("emoji", EMOJI_SIZE)
            drawn = self._drawn(grapheme)
            box = font.getbbox(drawn)
            picture = Image.new("RGBA", (max(1, box[2]), max(1, box[3])), (0, 0, 0, 0))
            ImageDraw.Draw(picture).text((0, 0), drawn, font=font, embedded_color=True)
            height = round(size * 1.05)
            width = max(1, round(picture.width * height / max(1, picture.height)))
            self._emoji[grapheme, size] = picture.resize((width, height), Image.Resampling.LANCZOS)
        return self._emoji[grapheme, size]

    def _kept(self, key: tuple, make):
        if key not in self._pictures:
            self._pictures[key] = make()
        return self._pictures[key]

    def measure(self, kind: str, size: int):
        font = self.font(kind, size)

        def width(line: Line) -> float:
            return sum(font.getlength(run.text) if run.kind == "text" else self.emoji(run.text, size).width + 4
                       for run in line)
        return width

    # --- drawing -----------------------------------------------------------------------------

    def draw(self, spec: CardSpec) -> Image.Image:
        background = rgb(spec.brand.accent)
        ink = text_colour(background)
        card = Image.new("RGB", (WIDTH, HEIGHT), background)
        _shapes(card, background)
        self._brand(card, spec, ink)
        if spec.kicker:
            kicker = one_line(runs(spec.kicker, self.glyphs), self.measure("text", KICKER_SIZE), WIDTH - 2 * PAD)
            self._line(card, kicker, "text", KICKER_SIZE, PAD, BELOW_BRAND + KICKER_SIZE, mix(ink, background, 0.85))
        top, bottom = title_room(spec)
        self._title(card, spec.title, ink, top, bottom, centred=not _with_people(spec))
        if _with_people(spec):
            self._people(card, list(spec.people[:MAX_PEOPLE_SHOWN]), spec.names, ink, background, HEIGHT - PAD - AVATAR)
        return card

    def _brand(self, card: Image.Image, spec: CardSpec, ink) -> None:
        """The logo on a white plate (a logo's colours are made for white); a logo that is a mark
        rather than a word gets the site name beside it, and no logo means the site name alone."""
        logo = self._kept(("logo", spec.brand.logo.path, spec.brand.logo.digest),
                          lambda: read_logo(spec.brand.logo.path)) if spec.brand.logo else None
        x = PAD
        if logo is not None:
            inset = 10
            plate = (PAD - inset, PAD - inset, PAD + logo.width + inset, PAD + logo.height + inset)
            card.paste((255, 255, 255), plate, rounded_mask((plate[2] - plate[0], plate[3] - plate[1]), 12))
            card.paste(logo, (PAD, PAD), logo)
            if logo.width > 2 * logo.height:  # a word mark: it names the site itself
                return
            x = plate[2] + 24
        name = one_line(runs(spec.brand.site_name, self.glyphs), self.measure("title", SITE_NAME_SIZE),
                        WIDTH - PAD - x)
        self._line(card, name, "title", SITE_NAME_SIZE, x, PAD + LOGO_BOX[1] // 2 + round(SITE_NAME_SIZE * 0.36), ink)

    def title_block(self, title: str, room: int) -> Block:
        """The title in the largest size at which it fits `room` pixels of height in at most
        MAX_TITLE_LINES lines, else at the smallest size, cut with '…'."""
        def max_lines(size: int) -> int:
            return min(MAX_TITLE_LINES, int(room // (size * LINE_HEIGHT)))

        return fit(runs(title, self.glyphs), lambda size: self.measure("title", size), WIDTH - 2 * PAD,
                   TITLE_SIZES, max_lines)

    def _title(self, card: Image.Image, title: str, ink, top: int, bottom: int, centred: bool) -> None:
        """`centred`: in the middle of its room (a card without people has room to spare)."""
        block = self.title_block(title, bottom - top)
        step = round(block.size * LINE_HEIGHT)
        if centred:
            top += max(0, (bottom - top - step * len(block.lines)) // 2)
        for index, line in enumerate(block.lines):
            self._line(card, line, "title", block.size, PAD, top + block.size + index * step, ink)

    def _people(self, card: Image.Image, people: list[Person], names: str, ink, background, top: int) -> None:
        x = PAD
        for index, person in enumerate(people):
            picture = (self._kept(("avatar", person.avatar.path, person.avatar.digest),
                                  lambda: read_avatar(person.avatar.path, AVATAR)) if person.avatar else None)
            if picture is None:
                picture = self._initials(person.name, AVATAR, ink, background)
            card.paste(background, (x - 4, top - 4, x + AVATAR + 4, top + AVATAR + 4),
                       self._kept(("disc", AVATAR + 8), lambda: circle_mask(AVATAR + 8)))
            card.paste(picture, (x, top), self._kept(("disc", AVATAR), lambda: circle_mask(AVATAR)))
            x += AVATAR_STEP if index < len(people) - 1 else AVATAR
        x += 24 if people else 0
        line = one_line(runs(names, self.glyphs), self.measure("text", NAMES_SIZE), WIDTH - PAD - x)
        baseline = top + AVATAR // 2 + round(NAMES_SIZE * 0.36)
        self._line(card, line, "text", NAMES_SIZE, x, baseline, ink)

    def _initials(self, name: str, size: int, ink, background) -> Image.Image:
        """A person without avatar: their initials on a lighter disc."""
        disc = Image.new("RGB", (size, size), mix(ink, background, 0.25))
        letters = "".join(part[0] for part in name.split()[:2] if part[:1].isalpha()).upper() or "·"
        letters = "".join(char for char in letters if ord(char) in self.glyphs.text) or "·"
        draw = ImageDraw.Draw(disc)
        draw.text((size / 2, size / 2), letters, font=self.font("title", size * 2 // 5), fill=ink, anchor="mm")
        return disc

    def _line(self, card: Image.Image, line: Line, kind: str, size: int, x: float, baseline: float, colour) -> None:
        draw = ImageDraw.Draw(card)
        font = self.font(kind, size)
        for run in line:
            if run.kind == "text":
                draw.text((x, baseline), run.text, font=font, fill=colour, anchor="ls")
                x += font.getlength(run.text)
            else:
                picture = self.emoji(run.text, size)
                top = round(baseline - size * 0.86)
                card.paste(picture, (round(x) + 2, top), picture)
                x += picture.width + 4

# --- layout, pure -------------------------------------------------------------------------------------

def _with_people(spec: CardSpec) -> bool:
    return bool(spec.people or spec.names)


def title_room(spec: CardSpec) -> tuple[int, int]:
    """(top, bottom) of the title's room: below the brand (and the line above the title), above
    the people."""
    top = BELOW_BRAND + (round(KICKER_SIZE * 1.4) if spec.kicker else 0)
    return top, HEIGHT - PAD - (AVATAR + 20 if _with_people(spec) else 0)


def _shapes(card: Image.Image, background) -> None:
    """Two quiet circles at the right edge, a shade off the background."""
    ink = text_colour(background)
    draw = ImageDraw.Draw(card)
    draw.ellipse((880, -220, 1500, 400), fill=mix(ink, background, 0.06))
    draw.ellipse((1010, 330, 1390, 710), fill=mix(ink, background, 0.1))


