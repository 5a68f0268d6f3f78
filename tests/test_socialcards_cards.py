"""A card's key (its file name) and the cache (plugins/socialcards/cards.py, store.py): same inputs,
same name; any input that changes the picture changes the name; placing draws only what is missing."""

from __future__ import annotations

import os

import pytest

from socialcards.cards import DEFAULT_ACCENT, Brand, CardPlan, CardSpec, Person, SourceFile, accent_or_default
from socialcards.store import SourceHashes, place_cards

BRAND = Brand("Werkbank Blog")
BASE = CardSpec(title="Netzwerken", brand=BRAND, kicker="Arbeitskultur", people=(Person("Jana", SourceFile("/a.png", "1")),),
                names="Jana", alt="Netzwerken – Jana")


def with_(**changes) -> CardSpec:
    return CardSpec(**{**BASE.__dict__, **changes})


def test_the_same_inputs_give_the_same_key():
    assert BASE.key("engine") == with_().key("engine")


@pytest.mark.parametrize("changed", [
    with_(title="Netzwerken!"),
    with_(kicker="Technik"),
    with_(names="Jana Beispiel"),
    with_(people=(Person("Jana", SourceFile("/a.png", "2")),)),  # the avatar file's bytes changed
    with_(people=(Person("Jana"),)),
    with_(brand=Brand("Werkbank Blog", accent="#ffd966")),
    with_(brand=Brand("Werkbank Blog", logo=SourceFile("/logo.png", "9"))),
    with_(brand=Brand("Anderes Blog")),
])
def test_whatever_changes_the_picture_changes_the_key(changed):
    assert changed.key("engine") != BASE.key("engine")


def test_the_drawing_code_and_fonts_are_part_of_the_key():
    assert BASE.key("engine") != BASE.key("engine, changed")


def test_alt_text_and_file_paths_are_not_part_of_the_key():
    moved = with_(alt="Anderer Text", people=(Person("Jana", SourceFile("/elsewhere/a.png", "1")),))
    assert moved.key("engine") == BASE.key("engine")


def test_a_post_picture_card_depends_on_the_picture_alone():
    photo = SourceFile("/foto.jpg", "abc")
    assert with_(picture=photo).key("e") == with_(title="Anders", picture=photo).key("e")
    assert with_(picture=photo).suffix == ".jpg" and with_(picture=SourceFile("/z.png", "abc")).suffix == ".png"
    assert BASE.suffix == ".png"


def test_a_plan_names_each_card_once_and_gives_pages_their_card():
    plan = CardPlan("karten/")
    first = plan.add(BASE, "e")
    second = plan.add(with_(alt="Andere Seite, gleiche Karte"), "e")
    assert first.url == second.url and len(plan.specs) == 1
    assert first.url.startswith("karten/") and first.url.endswith(".png") and first.type == "image/png"
    assert (first.width, first.height) == (1200, 630)


@pytest.mark.parametrize("value, expected", [("#0E7C66", "#0e7c66"), (None, DEFAULT_ACCENT), ("blau", DEFAULT_ACCENT),
                                             ("#fff", DEFAULT_ACCENT)])
def test_the_accent_is_a_six_digit_colour_or_the_themes(value, expected):
    assert accent_or_default(value) == expected


# --- the cache ------------------------------------------------------------------------------------

def test_placing_draws_what_the_cache_lacks_copies_the_rest_and_keeps_what_is_there(tmp_path):
    cache, output = tmp_path / "cache", tmp_path / "out" / "karten"
    drawn = []

    def make(spec):
        drawn.append(spec)
        return spec.encode()

    specs = {"a" * 20 + ".png": "eins", "b" * 20 + ".png": "zwei"}
    first = place_cards(specs, cache, output, make)
    assert sorted(first.drawn) == sorted(specs) and len(drawn) == 2
    (output / ("a" * 20 + ".png")).unlink()
    second = place_cards(specs, cache, output, make)
    assert (second.drawn, second.copied, second.kept) == ([], 1, 1) and len(drawn) == 2
    assert (output / ("a" * 20 + ".png")).read_bytes() == b"eins"


def test_cards_no_page_shows_leave_the_output_with_their_smaller_copies(tmp_path):
    output = tmp_path / "karten"
    output.mkdir()
    old = "c" * 20
    for name in (f"{old}.png", f"{old}-480w.png", "notiz.txt"):
        (output / name).write_bytes(b"x")
    placed = place_cards({"d" * 20 + ".png": "neu"}, tmp_path / "cache", output, lambda spec: spec.encode())
    assert placed.removed == 2
    assert sorted(p.name for p in output.iterdir()) == ["d" * 20 + ".png", "notiz.txt"]


def test_a_file_is_hashed_once_until_it_changes(tmp_path):
    picture = tmp_path / "bild.png"
    picture.write_bytes(b"eins")
    hashes = SourceHashes.load(tmp_path / "cache")
    first = hashes.digest(picture)
    hashes.save()
    again = SourceHashes.load(tmp_path / "cache")
    assert again.digest(picture) == first and not again.changed  # from the memo, not read again
    assert again.digest(picture) == first  # asked twice in one build: one stat
    picture.write_bytes(b"zwei!")
    assert SourceHashes.load(tmp_path / "cache").digest(picture) != first  # the next build sees the change
    assert again.digest(tmp_path / "fehlt.png") is None


def test_the_memo_forgets_files_no_build_asks_for(tmp_path):
    for name in ("a.png", "b.png"):
        (tmp_path / name).write_bytes(name.encode())
    hashes = SourceHashes.load(tmp_path / "cache")
    hashes.digest(tmp_path / "a.png"), hashes.digest(tmp_path / "b.png")
    hashes.save()
    later = SourceHashes.load(tmp_path / "cache")
    later.digest(tmp_path / "a.png")
    later.save()
    assert list(SourceHashes.load(tmp_path / "cache").known) == [os.path.abspath(tmp_path / "a.png")]
