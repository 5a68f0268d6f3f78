"""Emoji with a skin tone on the cards (plugins/socialcards: text.py, painter.py, fonts.py and the
bundled subset of Noto Color Emoji with its sequences file): drawn in their tone with Raqm and with
Pillow's basic layout, one picture each (no box, no separate tone swatch); the default yellow where
the subset has no toned picture; the key follows the font files."""

from __future__ import annotations

import hashlib
import io
import shutil

import pytest
from PIL import Image, ImageChops, ImageFont, features

from socialcards.cards import Brand, CardSpec
from socialcards.fonts import EMOJI_FONT, EMOJI_SEQUENCES, FontFiles, codepoints, emoji_sequences
from socialcards.painter import Painter, engine_id, title_room

BRAND = Brand("Werkbank Blog")
TONED = "Danke 👍🏽 an das Team 👩🏾\u200d💻"
YELLOW = "Danke 👍 an das Team 👩\u200d💻"
LAYOUTS = [pytest.param(ImageFont.Layout.RAQM, id="raqm",
                        marks=pytest.mark.skipif(not features.check("raqm"), reason="Pillow without Raqm")),
           pytest.param(ImageFont.Layout.BASIC, id="basic")]


def painter_with(layout) -> Painter:
    painter = Painter()
    painter.layout = layout  # the basic layout is what Pillow uses where libfribidi is missing
    return painter


def drawn(painter: Painter, title: str) -> Image.Image:
    image = Image.open(io.BytesIO(painter.make(CardSpec(title=title, brand=BRAND))))
    return image.convert("RGB")


def differing_columns(one: Image.Image, other: Image.Image) -> list[int]:
    mask = ImageChops.difference(one, other).convert("L").point(lambda value: 255 if value > 24 else 0)
    return [x for x in range(mask.width) if mask.crop((x, 0, x + 1, mask.height)).getbbox()]


def yellow_pixels(image: Image.Image, box) -> int:
    """Pixels of the default yellow (Noto's is about #FFCA28), not of a skin tone, the accent or white."""
    part = image.crop(box)
    pixels = (part.getpixel((x, y)) for x in range(part.width) for y in range(part.height))
    return sum(1 for r, g, b in pixels if r > 200 and g > 150 and b < 100)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_toned_emoji_is_one_picture_of_the_same_size_as_the_yellow_one(layout):
    painter = painter_with(layout)
    for toned, yellow in (("👍🏽", "👍"), ("👩🏾\u200d💻", "👩\u200d💻"), ("🙋🏿\u200d♀️", "🙋\u200d♀️")):
        assert painter.emoji(toned, 72).size == painter.emoji(yellow, 72).size  # not two pictures side by side
        assert painter.emoji(toned, 72).tobytes() != painter.emoji(yellow, 72).tobytes()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_title_with_toned_emoji_draws_them_in_their_tone_without_boxes(layout):
    painter = painter_with(layout)
    spec = CardSpec(title=TONED, brand=BRAND)
    top, bottom = title_room(spec)
    block = painter.title_block(TONED, bottom - top)
    assert [run.text for line in block.lines for run in line if run.kind == "emoji"] == ["👍🏽", "👩🏾\u200d💻"]
    width = painter.emoji("👍", block.size).width
    toned, yellow = drawn(painter, TONED), drawn(painter, YELLOW)
    columns = differing_columns(toned, yellow)
    assert columns, "the toned card looks like the yellow one"
    # The cards differ within two emoji-wide windows only: a box or a separate tone swatch would make
    # an emoji wider and move the words after it.
    first = [x for x in columns if x <= columns[0] + width]
    second = [x for x in columns if x > columns[0] + width]
    assert second and all(x <= second[0] + width for x in second)
    for window in (first, second):
        box = (window[0], 0, window[-1] + 1, toned.height)
        in_yellow = yellow_pixels(yellow, box)
        assert in_yellow > 300 and yellow_pixels(toned, box) < in_yellow / 10


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_tone_the_subset_lacks_gives_the_default_yellow(layout):
    painter = painter_with(layout)
    # a firefighter and two people holding hands in two tones: no toned picture in the subset
    assert painter.make(CardSpec(title="Feuerwehr 👩🏿\u200d🚒 hilft", brand=BRAND)) == \
        painter.make(CardSpec(title="Feuerwehr 👩\u200d🚒 hilft", brand=BRAND))
    assert painter.make(CardSpec(title="Zusammen 🧑🏻\u200d🤝\u200d🧑🏿", brand=BRAND)) == \
        painter.make(CardSpec(title="Zusammen 🧑\u200d🤝\u200d🧑", brand=BRAND))


def test_a_lone_tone_and_the_private_use_characters_of_the_font_are_left_out():
    painter = Painter()
    private = next(iter(painter.sequences.values()))
    assert painter.make(CardSpec(title=f"Hallo 🏽 {private} Welt", brand=BRAND)) == \
        painter.make(CardSpec(title="Hallo Welt", brand=BRAND))


def test_every_sequence_of_the_file_is_a_picture_of_the_font():
    sequences = emoji_sequences(EMOJI_SEQUENCES)
    in_font = codepoints(EMOJI_FONT)
    assert all(ord(private) in in_font for private in sequences.values())
    toned = {text for text in sequences if any(0x1F3FB <= ord(char) <= 0x1F3FF for char in text)}
    assert {"👍🏽", "👩🏾\u200d💻", "🙏🏿", "🤷🏻\u200d♂"} <= toned
    assert "👩🏿\u200d🚒" not in toned  # not among the toned emoji the subset keeps (fonts/README.md)


def sha(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_the_key_changes_when_the_emoji_font_or_its_sequences_change(tmp_path):
    font, listed = tmp_path / EMOJI_FONT.name, tmp_path / EMOJI_SEQUENCES.name
    shutil.copyfile(EMOJI_FONT, font)
    shutil.copyfile(EMOJI_SEQUENCES, listed)
    files = FontFiles(emoji=font, sequences=listed)
    spec = CardSpec(title=TONED, brand=BRAND)
    assert spec.key(engine_id(sha, files)) == spec.key(engine_id(sha))  # same bytes, same key
    keys = {spec.key(engine_id(sha, files))}
    font.write_bytes(font.read_bytes() + b"\0")
    keys.add(spec.key(engine_id(sha, files)))
    listed.write_text(listed.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    keys.add(spec.key(engine_id(sha, files)))
    assert len(keys) == 3
