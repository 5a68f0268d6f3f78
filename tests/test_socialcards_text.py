"""The words on a card: which font draws each character, line breaks, the ellipsis (plugins/socialcards/text.py).

Widths here are a fake font's: every character 10 px, every emoji 20 px, so the rules read plainly.
"""

from __future__ import annotations

import pytest

from socialcards.text import ELLIPSIS, Glyphs, Run, clean, fit, one_line, plain, runs, wrap

LATIN = frozenset(range(0x20, 0x250)) | {ord("–"), ord("…"), ord("·"), ord("„"), ord("“")}
EMOJI = frozenset({0x1F680, 0x1F389, 0x2764, 0x1F469, 0x1F4BB, 0x1F1E9, 0x1F1EA, ord("#"), 0x2615})
GLYPHS = Glyphs(text=LATIN, emoji=EMOJI)


def measure(line) -> float:
    return sum(10 * len(run.text) if run.kind == "text" else 20 for run in line)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(run.kind, run.text) for run in runs(text, GLYPHS)]


@pytest.mark.parametrize("text, expected", [
    ("Größe zählt nicht", [("text", "Größe zählt nicht")]),
    ("Start 🚀 jetzt", [("text", "Start "), ("emoji", "🚀"), ("text", " jetzt")]),
    ("Danke🎉", [("text", "Danke"), ("emoji", "🎉")]),
    ("Liebe ❤️", [("text", "Liebe "), ("emoji", "❤️")]),
    ("Team 👩‍💻", [("text", "Team "), ("emoji", "👩‍💻")]),
    ("Aus 🇩🇪", [("text", "Aus "), ("emoji", "🇩🇪")]),
    ("#️⃣ Tipp", [("emoji", "#️⃣"), ("text", " Tipp")]),
])
def test_emoji_go_to_the_emoji_font_and_text_to_the_text_font(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Einhorn 🦄 fliegt", "Einhorn fliegt"),  # no such emoji: left out, with its space
    ("🦄 vorne", "vorne"),
    ("hinten 🦄", "hinten"),
    ("中文 Titel", "Titel"),  # no CJK in the text font: no boxes
    ("Zeile\nzwei\tdrei", "Zeile zwei drei"),
    ("Daumen 👍🏽", "Daumen 👍"),  # a skin tone without its toned picture in the font: the default yellow
])
def test_what_no_font_can_draw_is_left_out_without_double_spaces(text, expected):
    glyphs = Glyphs(LATIN, EMOJI | {0x1F44D})
    assert "".join(run.text for run in runs(text, glyphs)) == expected


TONED = Glyphs(LATIN, EMOJI | {0x1F44D, 0x1F44E, 0x1F64B, 0x2640, *range(0x1F3FB, 0x1F400)},
               frozenset({"👍🏽", "👩🏾\u200d💻", "🙋🏿\u200d♀"}))  # sequences are written without VS16


@pytest.mark.parametrize("text, expected", [
    ("Daumen 👍🏽", [("text", "Daumen "), ("emoji", "👍🏽")]),
    ("Team 👩🏾\u200d💻!", [("text", "Team "), ("emoji", "👩🏾\u200d💻"), ("text", "!")]),
    ("Hier 🙋🏿\u200d♀️", [("text", "Hier "), ("emoji", "🙋🏿\u200d♀️")]),
    ("Nein 👎🏽", [("text", "Nein "), ("emoji", "👎")]),  # no toned picture: the default yellow
    ("Team 👩🏻\u200d💻", [("text", "Team "), ("emoji", "👩\u200d💻")]),  # this tone is not in the font
    ("Ton 🏽 allein", [("text", "Ton allein")]),  # a tone alone is no emoji
    ("a🏽b", [("text", "ab")]),
])
def test_a_skin_tone_stays_where_the_font_has_the_toned_picture(text, expected):
    assert [(run.kind, run.text) for run in runs(text, TONED)] == expected


def test_clean_removes_control_characters_and_keeps_umlauts():
    assert clean("Ä\u0000ö\u200bü  ß") == "Äöü ß"


def test_short_text_stays_on_one_line():
    assert [plain(line) for line in wrap(runs("Kurz und gut", GLYPHS), measure, 200)] == ["Kurz und gut"]


def test_lines_break_at_spaces_within_the_width():
    lines = [plain(line) for line in wrap(runs("eins zwei drei vier fünf", GLYPHS), measure, 100)]
    assert lines == ["eins zwei", "drei vier", "fünf"]
    assert all(len(line) * 10 <= 100 for line in lines)


def test_a_hyphenated_compound_may_break_after_its_hyphen():
    lines = [plain(line) for line in wrap(runs("Employee-Advocacy-Programm", GLYPHS), measure, 120)]
    assert lines == ["Employee-", "Advocacy-", "Programm"]


def test_a_word_longer_than_a_line_is_cut_between_letters():
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    lines = [plain(line) for line in wrap(runs(word, GLYPHS), measure, 100)]
    assert "".join(lines) == word and all(len(line) <= 10 for line in lines)


def test_emoji_count_their_own_width_when_wrapping():
    lines = wrap(runs("ab 🚀🚀🚀🚀 cd", GLYPHS), measure, 90)
    assert all(measure(line) <= 90 for line in lines)
    assert [run.kind for run in lines[1]] == ["emoji"] * 4


def test_the_largest_size_that_fits_is_chosen():
    def measure_at(size):
        return lambda line: measure(line) * size / 10

    block = fit(runs("eins zwei drei", GLYPHS), measure_at, 150, (20, 15, 10), lambda size: 1)
    assert block.size == 10 and not block.cut and [plain(line) for line in block.lines] == ["eins zwei drei"]


def test_a_title_too_long_for_four_lines_ends_in_an_ellipsis():
    title = " ".join(["Wort"] * 60)
    block = fit(runs(title, GLYPHS), lambda size: measure, 200, (30, 20), lambda size: 4)
    assert block.cut and len(block.lines) == 4
    assert plain(block.lines[-1]).endswith(ELLIPSIS)
    assert all(measure(line) <= 200 for line in block.lines)


def test_the_ellipsis_never_follows_a_space_or_comma():
    line = one_line(runs("Jana Beispiel, Tom Muster, Ole Petersen", GLYPHS), measure, 150)
    assert plain(line) == "Jana Beispiel…"


def test_one_line_keeps_text_that_fits():
    assert plain(one_line(runs("Jana und Tom", GLYPHS), measure, 200)) == "Jana und Tom"


def test_runs_of_an_empty_title_are_empty():
    assert runs("  ", GLYPHS) == [] and runs("🦄", GLYPHS) == []


def test_a_run_is_a_value():
    assert Run("text", "a") == Run("text", "a")
