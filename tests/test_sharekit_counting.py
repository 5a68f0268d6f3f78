"""Post lengths as each network counts them: graphemes, URLs as 23, X's weights."""

import unicodedata

import pytest

from sharekit.counting import DEFAULT_LIMITS, graphemes, length_on, measure, validate_limits

ZOE_NFC = unicodedata.normalize("NFC", "Zoë")
ZOE_NFD = unicodedata.normalize("NFD", "Zoë")


def test_the_two_spellings_of_zoe_really_differ_in_code_points():
    assert (len(ZOE_NFC), len(ZOE_NFD)) == (3, 4)


@pytest.mark.parametrize("text, expected", [
    ("Jana", 4),
    (ZOE_NFC, 3),
    (ZOE_NFD, 3),
    ("👩‍💻", 1),  # woman technologist: ZWJ sequence of 3 code points
    ("🇩🇪", 1),  # flag: two regional indicators
    ("👍🏽", 1),  # emoji with skin tone modifier
    ("👨‍👩‍👧‍👦", 1),
    ("Aylin 👩‍💻 Özdemir", 15),
    ("", 0),
])
def test_graphemes_count_what_a_reader_sees_as_one_character(text, expected):
    assert graphemes(text) == expected


@pytest.mark.parametrize("network, text, expected", [
    ("bluesky", ZOE_NFD + " 👩‍💻 🇩🇪", 7),
    ("mastodon", ZOE_NFD + " 👩‍💻 🇩🇪", 7),
    ("x", ZOE_NFD, 3),  # X normalises to NFC first
    ("x", "👩‍💻", 2),  # an emoji weighs 2 on X
    ("x", "🇩🇪", 2),
    ("x", "日本", 4),  # CJK weighs 2 on X
    ("x", "Grüße – „Hallo“", 15),  # Latin and general punctuation weigh 1
    ("linkedin", "👩‍💻", 5),  # UTF-16 code units, as a browser counts
    ("xing", ZOE_NFD, 4),
])
def test_each_network_counts_names_its_own_way(network, text, expected):
    assert length_on(network, text) == expected


LONG_URL = "https://blog.nordlicht-werkstatt.example/wochenrueckblick/2026-W47/"


@pytest.mark.parametrize("network, expected", [
    ("mastodon", len("Lesen: ") + 23),
    ("x", len("Lesen: ") + 23),
    ("bluesky", len("Lesen: ") + len(LONG_URL)),
    ("linkedin", len("Lesen: ") + len(LONG_URL)),
])
def test_urls_count_23_on_mastodon_and_x_and_in_full_elsewhere(network, expected):
    assert length_on(network, f"Lesen: {LONG_URL}") == expected


def test_two_urls_count_23_each_on_mastodon():
    assert length_on("mastodon", "https://a.example/x https://b.example/y") == 23 + 1 + 23


def test_measure_says_whether_a_post_fits():
    assert measure("x", "a" * 280, DEFAULT_LIMITS).fits
    assert not measure("x", "a" * 281, DEFAULT_LIMITS).fits


def test_unknown_network_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown network 'myspace'"):
        length_on("myspace", "hallo")


@pytest.mark.parametrize("value, expected", [
    (None, DEFAULT_LIMITS),
    ({"x": 25000}, {**DEFAULT_LIMITS, "x": 25000}),
])
def test_limits_default_and_override_per_network(value, expected):
    assert validate_limits(value) == expected


@pytest.mark.parametrize("value, message", [
    ({"myspace": 10}, "unknown network 'myspace'"),
    ({"x": 0}, "SHARE_LIMITS['x'] must be a positive whole number"),
    ({"x": "280"}, "found '280'"),
    ([280], "must be a dict"),
])
def test_bad_limits_name_the_key_and_the_value(value, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        validate_limits(value)
