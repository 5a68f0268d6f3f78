"""The shortcut for plain Latin text counts exactly what full grapheme segmentation counts."""

import random

import pytest

from sharekit.counting import _GRAPHEME, graphemes

ALPHABET = ([chr(c) for c in [*range(0x20, 0x7F), *range(0xA0, 0x300), *range(0x2010, 0x2028)]]
            + ["\u0301", "\u200d", "\U0001F469", "\U0001F1E9", "\U0001F1EA", "\r", "\n", "\u20ac"])


@pytest.mark.parametrize("seed", range(5))
def test_fast_count_equals_full_segmentation_on_random_text(seed):
    rng = random.Random(seed)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        assert graphemes(text) == len(_GRAPHEME.findall(text)), repr(text)


@pytest.mark.parametrize("text, expected", [("Zoë", 3), ("Zoe\u0308", 3), ("a\r\nb", 3), ("Grüße – „Danke“ €", 17)])
def test_typical_names_and_punctuation(text, expected):
    assert graphemes(text) == expected
