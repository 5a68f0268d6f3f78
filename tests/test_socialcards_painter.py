"""Drawing cards with Pillow and the bundled fonts (plugins/socialcards/painter.py): size, umlauts,
emoji, long titles, avatars, logos, pictures fitted, the same bytes for the same card."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from socialcards.cards import HEIGHT, WIDTH, Brand, CardSpec, Person, SourceFile
from socialcards.colours import contrast, text_colour
from socialcards.painter import MAX_TITLE_LINES, PAD, Painter, title_room
from socialcards.pictures import MAX_BYTES
from socialcards.text import ELLIPSIS, plain

BRAND = Brand("Werkbank Blog")
LONG_TITLE = ("Warum wir bei der Nordlicht Werkstatt seit drei Jahren keine Follower mehr zählen, sondern "
              "Gespräche, Empfehlungen, Fragen von Kundinnen und Kunden, Einladungen zu Messen und Vorträgen, "
              "und was das für unsere Ausbildung, unsere Kolleginnen und unsere Werkbank bedeutet")


@pytest.fixture(scope="module")
def painter():
    return Painter()


def picture(painter: Painter, spec: CardSpec) -> Image.Image:
    image = Image.open(io.BytesIO(painter.make(spec)))
    image.load()
    return image


def card(title: str, **keys) -> CardSpec:
    return CardSpec(title=title, brand=keys.pop("brand", BRAND), **keys)


def write_png(path, colour, size=(64, 64)):
    Image.new("RGB", size, colour).save(path)
    return SourceFile(str(path), f"{colour}")


@pytest.mark.parametrize("title", [
    "Größe zählt nicht: Übung, Äpfel und Öl",
    "Danke sagen 🎉 und weitergeben 🚀",
    "Team 👩‍💻 aus 🇩🇪 mit ❤️",
    LONG_TITLE,
    "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsbetriebsversammlung",
    "",
])
def test_a_card_is_a_png_of_1200_by_630_under_300_kb(painter, title):
    spec = card(title, kicker="Tipp 13 · #Mittwochstipp", people=(Person("Jana Beispiel"),), names="Jana Beispiel")
    data = painter.make(spec)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))
    assert len(data) < MAX_BYTES


@pytest.mark.parametrize("title", ["Kurz", "Größe zählt nicht: Übung, Äpfel und Öl 🚀", LONG_TITLE, "x" * 300])
@pytest.mark.parametrize("kicker, people", [("", ()), ("Karriere", (Person("Jana"),))])
def test_the_title_stays_within_the_card_in_at_most_four_lines(painter, title, kicker, people):
    spec = card(title, kicker=kicker, people=people, names="Jana" if people else "")
    top, bottom = title_room(spec)
    block = painter.title_block(spec.title, bottom - top)
    measure = painter.measure("title", block.size)
    assert 1 <= len(block.lines) <= MAX_TITLE_LINES
    assert all(measure(line) <= WIDTH - 2 * PAD for line in block.lines)
    assert len(block.lines) * block.size * 1.2 <= bottom - top


def test_a_very_long_title_ends_in_an_ellipsis(painter):
    block = painter.title_block(LONG_TITLE, 300)
    assert block.cut and plain(block.lines[-1]).endswith(ELLIPSIS)


def test_a_title_that_fits_keeps_every_word(painter):
    block = painter.title_block("Größe zählt nicht: Übung macht den Meister", 300)
    assert not block.cut
    assert " ".join(plain(line) for line in block.lines) == "Größe zählt nicht: Übung macht den Meister"


def test_umlauts_and_sharp_s_are_drawn_by_the_text_font(painter):
    assert all(ord(char) in painter.glyphs.text for char in "ÄÖÜäöüß„“–…")


def test_emoji_are_drawn_in_colour(painter):
    plain_card = picture(painter, card("Danke")).convert("RGB")
    with_emoji = picture(painter, card("Danke 🎉")).convert("RGB")
    colours = {plain_card.getpixel((x, y)) for x in range(0, WIDTH, 3) for y in range(150, 450, 3)}
    new = {with_emoji.getpixel((x, y)) for x in range(0, WIDTH, 3) for y in range(150, 450, 3)} - colours
    assert any(max(rgb) - min(rgb) > 80 and rgb[0] > 150 for rgb in new)  # warm party colours, not accent/white


def test_characters_no_bundled_font_has_are_left_out_without_boxes(painter):
    # CJK is in neither font: the card is the same as without it, not one with boxes (tofu)
    assert painter.make(card("Hallo 中文 Welt")) == painter.make(card("Hallo Welt"))


def test_the_same_card_gives_the_same_bytes(painter):
    spec = card("Netzwerken ist eine Haltung 🚀", kicker="Arbeitskultur", names="Jana Beispiel",
                people=(Person("Jana Beispiel"),))
    assert painter.make(spec) == Painter().make(spec)


def test_two_titles_give_two_cards(painter):
    assert painter.make(card("Erster Beitrag")) != painter.make(card("Zweiter Beitrag"))


def test_avatars_are_drawn_round(painter, tmp_path):
    avatar = write_png(tmp_path / "jana.png", (255, 0, 0))
    image = picture(painter, card("Mit Bild", people=(Person("Jana", avatar),), names="Jana")).convert("RGB")
    centre = (PAD + 48, HEIGHT - PAD - 48)
    corner = (PAD + 3, HEIGHT - PAD - 96 + 3)
    red = image.getpixel(centre)
    assert red[0] > 200 and red[1] < 60
    assert image.getpixel(corner) != red  # the square's corner is cut away


def test_a_person_without_avatar_gets_initials_on_a_disc(painter):
    with_name = picture(painter, card("T", people=(Person("Jana Beispiel"),), names="Jana Beispiel"))
    other = picture(painter, card("T", people=(Person("Tom Muster"),), names="Jana Beispiel"))
    assert with_name.tobytes() != other.tobytes()


def test_a_logo_is_drawn_on_a_white_plate(painter, tmp_path):
    logo = write_png(tmp_path / "logo.png", (200, 0, 200), size=(300, 60))
    image = picture(painter, card("T", brand=Brand("Werkbank Blog", logo=logo))).convert("RGB")
    magenta = image.getpixel((PAD + 20, PAD + 20))
    assert magenta[0] > 150 and magenta[1] < 80
    assert min(image.getpixel((PAD - 6, PAD - 6))) >= 245  # white, give or take the 256-colour palette


@pytest.mark.parametrize("accent", ["#0b5cad", "#ffd966", "#e8f0fe", "#000000", "#0e7c66"])
def test_text_is_white_or_dark_whichever_passes_aa_on_the_accent(accent):
    background = tuple(int(accent[i:i + 2], 16) for i in (1, 3, 5))
    assert contrast(text_colour(background), background) >= 4.5


def test_a_post_picture_is_fitted_to_1200_by_630_as_jpeg_without_metadata(painter, tmp_path):
    photo = Image.new("RGB", (4032, 3024), (20, 120, 200))
    exif = photo.getexif()
    exif[0x010F] = "Kamera AG"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (53.0, 33.0, 0.0), "E", (9.0, 59.0, 0.0)
    path = tmp_path / "foto.jpg"
    photo.save(path, exif=exif)
    spec = card("Egal", picture=SourceFile(str(path), "x"), picture_alt="Ein blaues Bild")
    data = painter.make(spec)
    fitted = Image.open(io.BytesIO(data))
    assert (fitted.format, fitted.size) == ("JPEG", (WIDTH, HEIGHT))
    assert not fitted.getexif() and "exif" not in fitted.info
    assert len(data) < MAX_BYTES
    r, g, b = fitted.convert("RGB").getpixel((600, 315))
    assert abs(r - 20) < 10 and abs(g - 120) < 10 and abs(b - 200) < 10


def test_a_picture_turned_by_its_exif_orientation_is_fitted_upright(painter, tmp_path):
    # stored sideways (top half red) with "rotate 90°": upright, red is on the left
    stored = Image.new("RGB", (600, 1200), (0, 0, 255))
    stored.paste((255, 0, 0), (0, 0, 600, 600))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "hoch.jpg"
    stored.save(path, exif=exif)
    fitted = picture(painter, card("T", picture=SourceFile(str(path), "y"))).convert("RGB")
    assert fitted.getpixel((100, 315))[2] > 200 and fitted.getpixel((1100, 315))[0] > 200


def test_a_png_picture_stays_png_and_loses_its_transparency_to_white(painter, tmp_path):
    drawing = Image.new("RGBA", (1200, 630), (0, 0, 0, 0))
    path = tmp_path / "zeichnung.png"
    drawing.save(path)
    fitted = picture(painter, card("T", picture=SourceFile(str(path), "z")))
    assert fitted.format == "PNG" and min(fitted.convert("RGB").getpixel((10, 10))) >= 245


def test_a_broken_picture_gives_a_drawn_card_instead(painter, tmp_path, caplog):
    path = tmp_path / "kaputt.png"
    path.write_bytes(b"not a picture")
    fitted = picture(painter, card("Trotzdem", picture=SourceFile(str(path), "q")))
    assert fitted.size == (WIDTH, HEIGHT)
    assert "cannot be read as a picture" in caplog.text
