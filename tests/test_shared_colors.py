"""WCAG contrast and accessible shades of a brand colour (plugins/shared/colors.py)."""

from __future__ import annotations

import pytest

from shared.colors import accessible_shade, contrast, parse_hex, to_oklch


@pytest.mark.parametrize("a, b, ratio", [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
    ("#777777", "#ffffff", 4.48),
])
def test_contrast_is_the_wcag_ratio(a, b, ratio):
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("value", ["0b5cad", "#0b5cad0", "#xyzxyz", "blau", "#fff"])
def test_only_rrggbb_is_a_colour(value):
    with pytest.raises(ValueError):
        parse_hex(value)


def test_a_colour_that_passes_is_kept_as_it_is():
    assert accessible_shade("#0b5cad", ["#ffffff"], 4.5) == "#0b5cad"


@pytest.mark.parametrize("colour", ["#f0e68c", "#ffff00", "#00ff00", "#ff69b4", "#ffffff", "#87ceeb"])
@pytest.mark.parametrize("minimum", [3.0, 4.5])
def test_a_pale_colour_is_darkened_until_it_passes_on_light_backgrounds(colour, minimum):
    grounds = ["#fbfaf7", "#ffffff"]
    shade = accessible_shade(colour, grounds, minimum)
    assert min(contrast(shade, ground) for ground in grounds) >= minimum
    assert min(contrast(shade, ground) for ground in grounds) < minimum + 0.3  # no darker than needed


@pytest.mark.parametrize("colour", ["#000000", "#0b5cad", "#4b0082", "#8b0000"])
def test_a_dark_colour_is_lightened_until_it_passes_on_dark_backgrounds(colour):
    grounds = ["#131518", "#1c1f23"]
    shade = accessible_shade(colour, grounds, 4.5)
    assert min(contrast(shade, ground) for ground in grounds) >= 4.5


def test_the_shade_keeps_the_hue_of_the_brand_colour():
    shade = accessible_shade("#f0e68c", ["#ffffff"], 4.5)  # khaki becomes an olive, not a grey
    (_l1, c1, hue1), (_l2, c2, hue2) = to_oklch(parse_hex("#f0e68c")), to_oklch(parse_hex(shade))
    assert abs(hue1 - hue2) < 0.05 and c2 > 0.05
